"""REST API of loss."""
urlpatterns: list = []


def register(router) -> None:
    """Register this area's viewsets on the key-room router."""
