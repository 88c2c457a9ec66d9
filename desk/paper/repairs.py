"""Print views and Excel of the repairs area."""
urlpatterns: list = []
