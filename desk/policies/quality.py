"""Policy defaults of the quality area."""
