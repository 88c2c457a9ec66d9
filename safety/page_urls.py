from safety.pages import crews, fire, patrols
from safety.paper import crews as crew_paper
from safety.paper import fire as fire_paper

app_name = "safety"

urlpatterns = [*patrols.urlpatterns, *fire.urlpatterns, *crews.urlpatterns, *fire_paper.urlpatterns,
               *crew_paper.urlpatterns]
