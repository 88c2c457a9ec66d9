"""Pages of the log area."""
urlpatterns: list = []
