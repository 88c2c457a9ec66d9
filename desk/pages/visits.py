"""Pages of the visits area."""
urlpatterns: list = []
