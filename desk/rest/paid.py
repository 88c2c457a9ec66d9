"""API of the paid area."""
urlpatterns: list = []


def register(router) -> None:
    return None
