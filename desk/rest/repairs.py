"""API of the repairs area."""
urlpatterns: list = []


def register(router) -> None:
    return None
