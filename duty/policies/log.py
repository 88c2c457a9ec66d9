"""Policy defaults of the duty log (each with its clause)."""
from core.policies import PolicyDefault, register

register(
    PolicyDefault("duty.log.retention_years", 2, "004 篇3 (6) 《值班记录》保存期2年; 002 篇8",
                  "Years a duty-log record is kept (DUTY-LOG-5)."),
)
