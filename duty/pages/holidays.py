"""Pages of the holidays area."""
urlpatterns: list = []
