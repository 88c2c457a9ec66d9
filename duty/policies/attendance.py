"""Policy defaults of the attendance area (each with its clause)."""
from core.policies import PolicyDefault, register  # noqa: F401
