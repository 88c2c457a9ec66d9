"""Policy defaults of the handover area (each with its clause)."""
from core.policies import PolicyDefault, register  # noqa: F401
