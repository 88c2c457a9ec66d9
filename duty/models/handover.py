"""Handover models: owned by the handover area."""

__all__: list[str] = []
