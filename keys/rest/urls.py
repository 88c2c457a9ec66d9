from django.urls import path
from rest_framework.routers import SimpleRouter

from keys.rest import custody_checks, deposit, loss, views

router = SimpleRouter()
router.register("keys", views.KeyViewSet, basename="key")
router.register("loans", views.LoanViewSet, basename="loan")
router.register("extensions", views.ExtensionViewSet, basename="extension")
router.register("transfers", views.TransferViewSet, basename="transfer")
router.register("incidents", views.IncidentViewSet, basename="incident")
router.register("faults", views.FaultViewSet, basename="fault")
router.register("inventories", views.InventoryViewSet, basename="inventory")
router.register("inventory-lines", views.InventoryLineViewSet, basename="inventory-line")
for area in (deposit, loss, custody_checks):
    area.register(router)

urlpatterns = [
    path("inbox/", views.InboxView.as_view(), name="api-inbox"),
    path("daily-register/", views.DailyRegisterView.as_view(), name="api-daily-register"),
    path("import/", views.ImportView.as_view(), name="api-import"),
    *deposit.urlpatterns, *loss.urlpatterns, *custody_checks.urlpatterns,
    *router.urls,
]
