"""Changes of the paid area."""
