from rest_framework.routers import SimpleRouter

from archives.rest import catalogue, checks, filing, lending

AREAS = (catalogue, filing, checks, lending)
router = SimpleRouter()
for area in AREAS:
    area.register(router)

urlpatterns = router.urls
