from rest_framework.routers import SimpleRouter

from archives.rest import catalogue, checks, filing

AREAS = (catalogue, filing, checks)
router = SimpleRouter()
for area in AREAS:
    area.register(router)

urlpatterns = router.urls
