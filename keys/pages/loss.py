"""Pages of loss."""
urlpatterns: list = []
