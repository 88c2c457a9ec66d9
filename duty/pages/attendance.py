"""Pages of the attendance area."""
urlpatterns: list = []
