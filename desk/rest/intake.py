"""API of the intake area."""
urlpatterns: list = []


def register(router) -> None:
    return None
