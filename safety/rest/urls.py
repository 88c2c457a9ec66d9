from rest_framework.routers import SimpleRouter

from safety.rest import crews, fire, patrols

AREAS = (patrols, fire, crews)
router = SimpleRouter()
for area in AREAS:
    area.register(router)

urlpatterns = [*router.urls, *patrols.extra_urls]
