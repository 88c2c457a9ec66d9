from siteoffice.pages import collection, decoration, fees
from siteoffice.paper import decoration as decoration_paper
from siteoffice.paper import fees as fee_paper

app_name = "siteoffice"

urlpatterns = [*fees.urlpatterns, *collection.urlpatterns, *fee_paper.urlpatterns, *decoration.urlpatterns,
               *decoration_paper.urlpatterns]
