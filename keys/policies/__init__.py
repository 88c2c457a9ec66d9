"""Key-room policy defaults, one module per area, each default with the clause it comes from."""
from keys.policies import custody_checks, deposit, loans, loss  # noqa: F401  (registers defaults)
