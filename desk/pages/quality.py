"""Pages of the quality area."""
urlpatterns: list = []
