"""Print views and Excel exports of the log area."""
urlpatterns: list = []
