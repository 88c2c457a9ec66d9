"""Policy defaults of the roster area (each with its clause)."""
from core.policies import PolicyDefault, register  # noqa: F401
