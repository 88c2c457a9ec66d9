"""REST API of the handover area."""
urlpatterns: list = []


def register(router) -> None:
    """Register this area's viewsets on the duty router."""
