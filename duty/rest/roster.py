"""REST API of the roster area."""
urlpatterns: list = []


def register(router) -> None:
    """Register this area's viewsets on the duty router."""
