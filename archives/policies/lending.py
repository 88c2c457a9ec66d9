"""Policy defaults of archive loans: who approves, how long a loan runs (ARCH-5)."""
from core.policies import PolicyDefault, register

MANAGER_STEP = {"code": "site_manager", "label": "管理处经理", "approver": "roles", "roles": ["site_manager"]}

register(
    PolicyDefault("archives.approval.borrow", [MANAGER_STEP],
                  "002 篇1 §1.2.1 按阅档批准权限办理手续后借阅; 篇3 §4.4.4 查阅、借阅必须经过管理处经理的许可",
                  "Approval steps of borrowing an archive volume (core.approvals step list)."),
    PolicyDefault("archives.approval.reading", [MANAGER_STEP],
                  "002 篇3 §4.4.4 涉及到档案的查阅、借阅时……必须经过管理处经理的许可",
                  "Approval steps of reading a volume in the archive room."),
    PolicyDefault("archives.loan.days", 7, "002 篇1 §1.1.5 借出档案须在规定时间内归还; 篇1 §2.5.1 限期归还",
                  "Days a borrowed volume may stay out (the due date is the end of that day, Beijing time)."),
    PolicyDefault("archives.loan.max_days", 30, "002 篇1 §2.5.1 限期归还",
                  "The longest period an application may ask for."),
    PolicyDefault("archives.reading.closes", "17:30", "002 篇1 §1.2.2 文书档案只阅不借",
                  "A volume read in the archive room is back by this time the same day."),
)

register(
    PolicyDefault("archives.approval.outsider", [{"code": "leader", "label": "管理处经理", "approver": "roles",
                                                  "roles": ["site_manager", "general_manager"]}],
                  "002 篇1 §1.2.8 外单位人员查阅本公司档案须持所在单位介绍信和本人证件，经领导批准",
                  "Who approves an outsider reading archives (core.approvals step list)."),
    PolicyDefault("archives.incident_deciders", ["site_manager", "general_manager"],
                  "002 篇1 §1.2.6 档案如有丢失、损坏或机密材料泄密，须立即写出书面报告，按情节追究当事人的责任",
                  "Roles that decide the accountability for an archive lost, damaged or leaked."),
)
