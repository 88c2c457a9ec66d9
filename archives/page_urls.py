from archives.pages import catalogue, catalogue_import, checks, destruction, documents, filing, incidents, lending
from archives.paper import archives as paper
from archives.paper import destruction as destruction_paper
from archives.paper import documents as doc_paper
from archives.paper import lending as loan_paper

app_name = "archives"

urlpatterns = [*catalogue.urlpatterns, *filing.urlpatterns, *checks.urlpatterns, *lending.urlpatterns,
               *incidents.urlpatterns, *paper.urlpatterns, *loan_paper.urlpatterns,
               *doc_paper.urlpatterns, *documents.urlpatterns, *destruction.urlpatterns,
               *destruction_paper.urlpatterns, *catalogue_import.urlpatterns]
