"""Policy defaults of the complaints area."""
