from django.urls import path

from desk.pages import complaints, compliance, home, intake, paid, quality, repairs, visits
from desk.pages import lost, passes, passes_gate
from desk.paper import complaints as complaints_paper
from desk.paper import intake as intake_paper
from desk.paper import paid as paid_paper
from desk.paper import quality as quality_paper
from desk.paper import repairs as repairs_paper
from desk.paper import visits as visits_paper
from desk.paper import lost as lost_paper
from desk.paper import passes as passes_paper

from desk.pages import closing as closing_pages
from desk.pages import deposits as deposit_pages
from desk.pages import mail as mail_pages
from desk.pages import visitors as visitor_pages
from desk.paper import registers as registers_paper

app_name = "desk"

urlpatterns = [
    path("", home.home, name="home"),
    *intake.urlpatterns, *repairs.urlpatterns, *paid.urlpatterns, *complaints.urlpatterns,
    *visits.urlpatterns, *quality.urlpatterns, *compliance.urlpatterns,
    *intake_paper.urlpatterns, *repairs_paper.urlpatterns, *paid_paper.urlpatterns,
    *complaints_paper.urlpatterns, *visits_paper.urlpatterns, *quality_paper.urlpatterns,
    # The desk's daily registers (FRONT-1..4); print and export routes before the <id> routes they resemble.
    *registers_paper.urlpatterns, *visitor_pages.urlpatterns, *mail_pages.urlpatterns, *deposit_pages.urlpatterns,
    *closing_pages.urlpatterns,
    *passes_paper.urlpatterns, *lost_paper.urlpatterns,
    *passes.urlpatterns, *passes_gate.urlpatterns, *lost.urlpatterns,
]
