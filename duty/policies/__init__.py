"""Duty-desk policy defaults, one module per area, each default with the clause it comes from."""
from duty.policies import attendance, handover, holidays, log, roster  # noqa: F401  (registers defaults)
