"""paid area models (owned by that area)."""
__all__: list[str] = []
