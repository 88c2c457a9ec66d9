"""Policy defaults of the intake area."""
