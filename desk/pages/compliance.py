"""Pages of the compliance view."""
urlpatterns: list = []
