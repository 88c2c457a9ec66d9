"""Policy defaults of the handover area (each with its clause)."""
from core.policies import PolicyDefault, register
from core.roles import Role

register(
    PolicyDefault(
        "duty.handover.arrive_early_minutes", 15, "003 篇14 §4.3.1 接班人员提前15分钟到岗",
        "Minutes before the shift change the incoming person must arrive (HANDOVER-3). 004 篇3 (二)1 asks "
        "5 minutes: set 5 for a project that follows that procedure."),
    PolicyDefault(
        "duty.handover.missed_after_minutes", 60, "003 篇14 §4.2.7 逾时接班或不接班的,按相关规定处理",
        "Minutes after the shift change with no completed handover before the takeover counts as missed "
        "(HANDOVER-6)."),
    PolicyDefault(
        "duty.handover.supervisor_roles",
        [Role.CS_SUPERVISOR.value, Role.SITE_MANAGER.value, Role.GENERAL_MANAGER.value],
        "002 篇2 §2.1 因故不能值班者,必须提前征得上级领导的同意,并安排调班、顶班",
        "Roles that may declare the incoming person unfit and name a substitute (HANDOVER-5)."),
    PolicyDefault(
        "duty.handover.retention_years", 2, "004 篇3 (一)5(6) 《值班记录》保存期2年",
        "Years a handover record is kept."),
    PolicyDefault(
        "duty.handover.default_items",
        [
            {"name": "对讲机", "category": "radio", "quantity": 2},
            {"name": "前台钥匙", "category": "key", "key_category": "front_desk"},
            {"name": "样板间钥匙", "category": "key", "key_category": "model_unit"},
            {"name": "值班记录本", "category": "logbook", "quantity": 1},
            {"name": "办公用品", "category": "office_supplies", "quantity": 1},
            {"name": "代为保管/扣压他人财物", "category": "property_held", "quantity": 0},
        ],
        "004 H; 002 篇2 §1.5 办公用品、通讯器材、资料、样板间钥匙等公用物品…当面验清交接; 004 篇3 (二)1(1) 对讲机、钥匙、值班记录本",
        "The item list a project's handovers start from (editable per project afterwards, HANDOVER-2)."),
)
