from siteoffice.pages import collection, fees
from siteoffice.paper import fees as fee_paper

app_name = "siteoffice"

urlpatterns = [*fees.urlpatterns, *collection.urlpatterns, *fee_paper.urlpatterns]
