"""Print views and Excel exports of the roster area."""
urlpatterns: list = []
