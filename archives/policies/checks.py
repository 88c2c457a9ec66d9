"""Policy defaults of shelf checks: monthly, personal files twice a year, a full check each year (ARCH-4, ARCH-11)."""
from core.policies import PolicyDefault, register

register(
    PolicyDefault("archives.checks.monthly_remind_day", 25,
                  "002 篇1 §1.1.3 每月底进行一次库藏档案清理，核对和保管质量的检查工作，做到帐物相符",
                  "From this day of the month the archivist is reminded while the month's shelf check is not done."),
    PolicyDefault("archives.checks.confidential_per_year", 2,
                  "002 篇3 §4.4.2 每年制定档案检查计划，定期检查，至少2次/年",
                  "Checks of personal staff files each year at least: one in each half (2) (ARCH-11)."),
    PolicyDefault("archives.checks.full_by_month", 1, "002 篇1 §1.3.6 定期清理，由次年初进行全部档案的清理核对",
                  "Month of the next year by whose end the full check of every archive is done (ARCH-11)."),
)
