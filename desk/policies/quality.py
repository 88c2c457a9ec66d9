"""Policy defaults of the quality-check area (each with its clause)."""
from core.policies import PolicyDefault, register

CHECKLIST = ["仪容仪表行为规范", "值班记录", "前台环境", "服务意识及服务技能", "交接班情况", "客户信息处理情况",
             "客户投诉、意见处理情况", "待跟进事项处理情况", "有偿服务、便民服务情况", "其它临时性事项处理情况"]

register(
    PolicyDefault("desk.quality.checks_per_week", 3,
                  "003 篇14 §4.4.3 客户服务主管每周至少抽查三次前台值班情况",
                  "Spot checks of the front desk the supervisor makes each week at least (QUALITY-1)."),
    PolicyDefault("desk.quality.checklist", CHECKLIST, "003 篇14 §4.4.1 检查内容 a)–j)",
                  "What a check of the front desk covers (QUALITY-1)."),
    PolicyDefault("desk.quality.checker_roles", ["cs_supervisor", "site_manager"],
                  "003 篇14 §4.4.2 物业服务中心经理不定期抽查; §4.4.3 客户服务主管每周至少抽查三次",
                  "Roles that record checks and close nonconformities (QUALITY-1)."),
    PolicyDefault("desk.quality.reader_roles", ["cs_supervisor", "site_manager", "general_manager"],
                  "003 篇14 §4.4.3 不合格项记录于《质量检查记录》中,作为前台值班人员绩效考核的依据",
                  "Roles that read all checks and the per-person summary; others see their own findings."),
    PolicyDefault("desk.quality.retention_years", 2, "004 篇3 记录保存期2年",
                  "Years a quality-check record is kept (QUALITY-1)."),
)
