from rest_framework.routers import SimpleRouter

from archives.rest import catalogue, checks, filing, incidents, lending

AREAS = (catalogue, filing, checks, lending, incidents)
router = SimpleRouter()
for area in AREAS:
    area.register(router)

urlpatterns = router.urls
