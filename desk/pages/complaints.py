"""Pages of the complaints area."""
urlpatterns: list = []
