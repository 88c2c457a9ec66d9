"""Pages of deposit."""
urlpatterns: list = []
