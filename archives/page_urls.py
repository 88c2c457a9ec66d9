from archives.pages import catalogue, checks, filing, lending
from archives.paper import archives as paper

app_name = "archives"

urlpatterns = [*catalogue.urlpatterns, *filing.urlpatterns, *checks.urlpatterns, *lending.urlpatterns, *paper.urlpatterns]
