from django.urls import path

from duty.pages import attendance, handover, holidays, home, log, roster
from duty.paper import attendance as attendance_paper
from duty.paper import handover as handover_paper
from duty.paper import holidays as holidays_paper
from duty.paper import log as log_paper
from duty.paper import roster as roster_paper

app_name = "duty"

urlpatterns = [
    path("", home.home, name="home"),
    *log.urlpatterns, *handover.urlpatterns, *roster.urlpatterns, *attendance.urlpatterns, *holidays.urlpatterns,
    *log_paper.urlpatterns, *handover_paper.urlpatterns, *roster_paper.urlpatterns,
    *attendance_paper.urlpatterns, *holidays_paper.urlpatterns,
]
