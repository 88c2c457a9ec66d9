"""Print views and Excel of custody_checks."""
urlpatterns: list = []
