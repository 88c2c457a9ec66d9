from rest_framework.routers import SimpleRouter

from stores.rest import counts, freight, parts, stock, supply, tools

AREAS = (stock, counts, supply, tools, parts, freight)
router = SimpleRouter()
for area in AREAS:
    area.register(router)

urlpatterns = router.urls
