"""Print views and Excel of the intake area."""
urlpatterns: list = []
