from django.urls import path
from rest_framework.routers import SimpleRouter

from core import rest, rest_notifications

router = SimpleRouter()
router.register("residents", rest.ResidentViewSet, basename="resident")
router.register("audit", rest.AuditViewSet, basename="audit")
router.register("notifications", rest_notifications.NotificationViewSet, basename="notification")

urlpatterns = [path("me/", rest.MeView.as_view(), name="api-me"), *router.urls]
