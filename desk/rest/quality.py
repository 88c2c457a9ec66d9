"""API of the quality area."""
urlpatterns: list = []


def register(router) -> None:
    return None
