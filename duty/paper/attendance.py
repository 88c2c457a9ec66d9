"""Print views and Excel exports of the attendance area."""
urlpatterns: list = []
