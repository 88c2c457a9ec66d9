"""Holidays models: owned by the holidays area."""

__all__: list[str] = []
