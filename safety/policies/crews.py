"""Policy defaults of outsourced crews (CREW-1..3; 001 篇14; 003 篇6)."""
from core.policies import PolicyDefault, register

register(
    PolicyDefault("safety.crew.roles", ["dept_head", "cs_supervisor", "technician"],
                  "001 篇14 §4.1 外包队伍每日召开班前会并签字", "Roles that hold and record a crew's pre-shift meeting."),
    PolicyDefault("safety.crew.checker_roles", ["dept_head", "cs_supervisor", "site_manager"],
                  "001 篇14 §5 对外包队伍进行抽查", "Roles that spot-check meetings and close accidents."),
    PolicyDefault("safety.crew.sampling_rate", 20, "001 篇14 §5 抽查比例",
                  "Minimum percentage of a month's meetings spot-checked."),
    PolicyDefault("safety.crew.report_hours", 24, "001 篇14 §6 发生事故24小时内上报",
                  "Hours within which a crew accident is reported."),
    PolicyDefault("safety.crew.bands", [{"min": 98, "amount": 500}, {"min": 95, "amount": 0},
                                        {"min": 90, "amount": -300}, {"min": 0, "amount": -800}],
                  "003 篇6 §5 按完成率分档考核奖罚", "Success-rate bands (percent) and the bonus (+) or deduction (−)."),
    PolicyDefault("safety.crew.overrun_deduction", {"per_minutes": 60, "amount": 50},
                  "003 篇6 §5 超时扣款", "Deduction for each block of minutes over time."),
    PolicyDefault("safety.crew.sample_pass_rate", {"min": 90, "deduction": 200},
                  "001 篇14 §5 现场抽检合格率", "Minimum on-site sampling pass rate and the deduction below it."),
)
