"""Print views and Excel of loss."""
urlpatterns: list = []
