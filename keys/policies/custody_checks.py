"""Policy defaults of custody_checks (each with the clause it comes from)."""
from core.policies import PolicyDefault, register

register(
    PolicyDefault("keys.custody_checks.front_desk_daily", True,
                  "002 篇6 §7 前台钥匙每天与交接人进行交接",
                  "Front-desk keys must be handed over every day with a slip; a day without one is flagged."),
    PolicyDefault("keys.custody_checks.shift_keys_from", "control_room",
                  "001 篇15 §1.1.1–1.1.2 早班到中控室领取管理区域钥匙,中班下班后交到中控室,查验数量并填写《钥匙交接单》",
                  "Where the shifts collect and return the area keys (shown on the slip)."),
    PolicyDefault("keys.custody_checks.checks", {
        "monthly": {"department": "admin", "items": [
            {"code": "ledger", "label": "台账与实物相符、记录完整"},
            {"code": "storage", "label": "钥匙存放、挂牌、钥匙柜上锁"},
            {"code": "returns", "label": "借出钥匙按期归还、逾期已跟进"},
        ]},
        "weekly": {"department": "cs", "items": [
            {"code": "ledger", "label": "台账登记完整"},
            {"code": "storage", "label": "钥匙存放整齐、钥匙柜上锁"},
            {"code": "returns", "label": "借用登记与归还情况"},
        ]},
    }, "000 §6(一) 行政部每月对钥匙台账、存放、归还情况全面检查;客服部每周自查",
        "Supervisory checks: which department checks, per kind, and the checklist items."),
    PolicyDefault("keys.custody_checks.spot", {"roles": ["site_manager", "general_manager"], "items": [
        {"code": "lending", "label": "钥匙借用流程的执行情况"},
        {"code": "safekeeping", "label": "钥匙保管的安全性"},
    ]}, "000 §6(二) 公司管理层将不定期对钥匙借用管理情况进行抽查,重点检查钥匙借用流程的执行情况、钥匙保管的安全性等",
        "Unannounced spot checks: the management roles who make them and the checklist (KEY-CHECK-2)."),
    PolicyDefault("keys.custody_checks.finding_days", 7,
                  "000 §6(二) 检查发现的问题限期整改",
                  "Default days allowed to rectify a finding (the checker may set another deadline)."),
    PolicyDefault("keys.custody_checks.lookback", {"weekly": 4, "monthly": 3},
                  "000 §6(一)",
                  "How many past periods are examined for a check not done."),
)
