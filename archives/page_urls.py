from archives.pages import catalogue, checks, documents, filing, incidents, lending
from archives.paper import archives as paper
from archives.paper import documents as doc_paper
from archives.paper import lending as loan_paper

app_name = "archives"

urlpatterns = [*catalogue.urlpatterns, *filing.urlpatterns, *checks.urlpatterns, *lending.urlpatterns,
               *incidents.urlpatterns, *paper.urlpatterns, *loan_paper.urlpatterns,
               *doc_paper.urlpatterns, *documents.urlpatterns]
