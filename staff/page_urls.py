from staff.pages import appraisal, checks, training
from staff.paper import views as paper

app_name = "staff"

urlpatterns = [*checks.urlpatterns, *training.urlpatterns, *appraisal.urlpatterns, *paper.urlpatterns]
