"""Pages of custody_checks."""
urlpatterns: list = []
