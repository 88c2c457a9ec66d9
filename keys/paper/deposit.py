"""Print views and Excel of deposit."""
urlpatterns: list = []
