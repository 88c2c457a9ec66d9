from rest_framework.routers import SimpleRouter

from archives.rest import catalogue, catalogue_import, checks, destruction, documents, filing, incidents, lending

AREAS = (catalogue, filing, checks, lending, incidents, documents, destruction, catalogue_import)
router = SimpleRouter()
for area in AREAS:
    area.register(router)

urlpatterns = router.urls
