"""Print views and Excel of the quality area."""
urlpatterns: list = []
