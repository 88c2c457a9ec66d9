"""Pages of the roster area."""
urlpatterns: list = []
