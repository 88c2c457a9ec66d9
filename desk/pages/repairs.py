"""Pages of the repairs area."""
urlpatterns: list = []
