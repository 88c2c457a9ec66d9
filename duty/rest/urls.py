from rest_framework.routers import SimpleRouter

from duty.rest import attendance, handover, holidays, log, roster

AREAS = (log, handover, roster, attendance, holidays)
router = SimpleRouter()
for area in AREAS:
    area.register(router)

urlpatterns = [*(p for area in AREAS for p in area.urlpatterns), *router.urls]
