"""Policy defaults of the paid area."""
