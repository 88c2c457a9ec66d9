"""Policy defaults of the front desk, one module per area (each default names its clause)."""
from desk.policies import complaints, intake, paid, quality, repairs, visits  # noqa: F401
from desk.policies import registers  # noqa: F401
from desk.policies import lost, passes  # noqa: F401
