"""Policy defaults of the site office, one module per area (each default names its clause)."""
from siteoffice.policies import decoration, fees  # noqa: F401
