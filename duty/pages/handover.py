"""Pages of the handover area."""
urlpatterns: list = []
