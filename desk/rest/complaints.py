"""API of the complaints area."""
urlpatterns: list = []


def register(router) -> None:
    return None
