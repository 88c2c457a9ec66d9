"""Print views and Excel of the paid area."""
urlpatterns: list = []
