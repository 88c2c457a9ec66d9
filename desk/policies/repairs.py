"""Policy defaults of the repairs area."""
