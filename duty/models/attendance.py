"""Attendance models: owned by the attendance area."""

__all__: list[str] = []
