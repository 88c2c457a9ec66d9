from archives.pages import catalogue, checks, filing
from archives.paper import archives as paper

app_name = "archives"

urlpatterns = [*catalogue.urlpatterns, *filing.urlpatterns, *checks.urlpatterns, *paper.urlpatterns]
