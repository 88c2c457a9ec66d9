"""Pages of the paid area."""
urlpatterns: list = []
