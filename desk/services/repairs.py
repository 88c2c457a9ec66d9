"""Changes of the repairs area."""
