from django.urls import path
from rest_framework.routers import SimpleRouter

from core import rest, rest_clearance, rest_notifications

router = SimpleRouter()
router.register("residents", rest.ResidentViewSet, basename="resident")
router.register("audit", rest.AuditViewSet, basename="audit")
router.register("notifications", rest_notifications.NotificationViewSet, basename="notification")

urlpatterns = [
    path("me/", rest.MeView.as_view(), name="api-me"),
    path("people/<id:pk>/clearance/", rest_clearance.ClearanceView.as_view(), name="api-person-clearance"),
    path("people/<id:pk>/deactivate/", rest_clearance.DeactivateView.as_view(), name="api-person-deactivate"),
    *router.urls,
]
