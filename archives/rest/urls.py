from rest_framework.routers import SimpleRouter

from archives.rest import catalogue, checks, documents, filing, incidents, lending

AREAS = (catalogue, filing, checks, lending, incidents, documents)
router = SimpleRouter()
for area in AREAS:
    area.register(router)

urlpatterns = router.urls
