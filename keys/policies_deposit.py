"""Policy defaults of deposit (each with the clause it comes from)."""
from core.policies import PolicyDefault, register  # noqa: F401
