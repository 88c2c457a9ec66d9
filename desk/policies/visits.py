"""Policy defaults of the visits area."""
