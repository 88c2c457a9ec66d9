from residents.pages import consents, staff
from residents.paper import surveys as survey_paper

app_name = "residents"

urlpatterns = [*staff.urlpatterns, *consents.urlpatterns, *survey_paper.urlpatterns]
