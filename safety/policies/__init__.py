"""Policy defaults of fire safety, patrols and crews (each default names its clause)."""
from safety.policies import crews, fire  # noqa: F401
