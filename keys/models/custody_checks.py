"""custody_checks models (issue: key custody)."""

__all__: list[str] = []
