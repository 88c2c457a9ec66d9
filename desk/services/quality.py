"""Changes of the quality area."""
