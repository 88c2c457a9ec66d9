"""Changes of the visits area."""
