from rest_framework.routers import SimpleRouter

from siteoffice.rest import decoration, fees

AREAS = (fees, decoration)
router = SimpleRouter()
for area in AREAS:
    area.register(router)

urlpatterns = router.urls
