"""REST API of the log area."""
urlpatterns: list = []


def register(router) -> None:
    """Register this area's viewsets on the duty router."""
