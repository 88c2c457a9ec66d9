from rest_framework.routers import SimpleRouter

from stores.rest import stock

AREAS = (stock,)
router = SimpleRouter()
for area in AREAS:
    area.register(router)

urlpatterns = router.urls
