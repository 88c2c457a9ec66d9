"""Print views and Excel of the complaints area."""
urlpatterns: list = []
