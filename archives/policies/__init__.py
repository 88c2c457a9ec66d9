"""Policy defaults of the archive room, one module per area (each default names its clause)."""
from archives.policies import catalogue, checks, destruction, documents, filing, lending  # noqa: F401
