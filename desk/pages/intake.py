"""Pages of the intake area."""
urlpatterns: list = []
