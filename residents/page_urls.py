from residents.pages import staff
from residents.paper import surveys as survey_paper

app_name = "residents"

urlpatterns = [*staff.urlpatterns, *survey_paper.urlpatterns]
