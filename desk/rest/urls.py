from rest_framework.routers import SimpleRouter

from desk.rest import complaints, compliance, intake, paid, quality, repairs, visits
from desk.rest import lost, passes, registers

AREAS = (intake, repairs, paid, complaints, visits, quality, compliance, registers, passes, lost)
router = SimpleRouter()
for area in AREAS:
    area.register(router)

urlpatterns = [*(p for area in AREAS for p in area.urlpatterns), *router.urls]
