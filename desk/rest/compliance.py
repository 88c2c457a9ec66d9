"""API of the compliance view."""
urlpatterns: list = []


def register(router) -> None:
    return None
