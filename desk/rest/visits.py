"""API of the visits area."""
urlpatterns: list = []


def register(router) -> None:
    return None
