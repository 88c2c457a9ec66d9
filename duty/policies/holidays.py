"""Policy defaults of the holidays area (each with its clause)."""
from core.policies import PolicyDefault, register  # noqa: F401
