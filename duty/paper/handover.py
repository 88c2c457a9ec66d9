"""Print views and Excel exports of the handover area."""
urlpatterns: list = []
