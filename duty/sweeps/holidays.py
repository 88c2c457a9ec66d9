"""Reminders of the holidays area: deadlines are queries; a sweep only notifies."""


def sweep_project(project) -> int:
    """Queue this area's reminders for one project; returns how many were queued."""
    return 0
