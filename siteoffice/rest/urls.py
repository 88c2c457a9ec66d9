from rest_framework.routers import SimpleRouter

from siteoffice.rest import fees

AREAS = (fees,)
router = SimpleRouter()
for area in AREAS:
    area.register(router)

urlpatterns = router.urls
