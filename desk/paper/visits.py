"""Print views and Excel of the visits area."""
urlpatterns: list = []
