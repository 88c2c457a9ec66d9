"""Changes of the complaints area."""
