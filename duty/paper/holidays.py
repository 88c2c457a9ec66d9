"""Print views and Excel exports of the holidays area."""
urlpatterns: list = []
