"""Key-room policy defaults, each with the clause it comes from (KEY-*).

Approval chains are lists of steps. A step names who may decide it:
  {"approver": "applicant_head"}                           the applicant's own department head
  {"approver": "department", "department": "cs", "roles": [...]}  a holder of one of the roles in that department
  {"approver": "roles", "roles": [...]}                    a holder of one of the roles in the project
and may carry "when": "important" — taken only for important customers or special cases.
"""
from core.policies import PolicyDefault, register
from keys.categories import Category

C = Category
HEADS = ["dept_head", "cs_supervisor", "site_manager"]
STEP_HEAD = {"code": "dept_head", "label": "部门负责人审核", "approver": "applicant_head"}
STEP_CS = {"code": "cs_review", "label": "客服部审核", "approver": "department", "department": "cs",
           "roles": ["cs_supervisor", "dept_head"]}
STEP_ADMIN = {"code": "admin_approval", "label": "行政部审批", "approver": "department", "department": "admin",
              "roles": ["dept_head", "admin_staff"]}
STEP_LEADER = {"code": "leadership", "label": "公司领导审批", "approver": "roles",
               "roles": ["general_manager"], "when": "important"}

UNIT_CHAIN = [STEP_HEAD, STEP_CS, STEP_ADMIN, STEP_LEADER]
CHAINS = {
    C.UNIT: (UNIT_CHAIN, "000 §3(一)2 部门负责人→客服部→行政部→重要客户报公司领导"),
    C.DEPOSITED: (UNIT_CHAIN, "000 §3(一)2; 003 篇8 §4.1(4)"),
    C.MAILBOX: ([STEP_HEAD, STEP_CS], "000 §3(一)2 (客服部保管的业户钥匙)"),
    C.VACANT: ([STEP_HEAD], "003 篇8 §4.2(1)(4) 空房钥匙专人管理、使用登记"),
    C.REPAIR: ([STEP_HEAD], "003 篇8 §4.3(1)(4) 返修钥匙专人管理、核实借用人"),
    C.PUBLIC: ([STEP_HEAD], "000 §3(二)2 所在部门负责人审批"),
    C.EQUIPMENT: ([STEP_HEAD], "000 §3(二)2; 002 §4.5.4 设备房钥匙"),
    C.METER_BOX: ([STEP_HEAD], "000 §3(二)2"),
    C.INTERCOM: ([STEP_HEAD], "000 §3(二)2"),
    C.MODEL_UNIT: ([STEP_HEAD], "000 §3(二)2; 002 篇2 样板间钥匙"),
    C.FRONT_DESK: ([], "002 篇6 §7 前台钥匙每日交接,登记借用"),
    C.OFFICE: ([STEP_HEAD, STEP_ADMIN], "000 §3(三)2 部门负责人→行政部"),
}
CUSTODIANS = {
    C.UNIT: "cs", C.DEPOSITED: "cs", C.VACANT: "cs", C.REPAIR: "cs", C.MAILBOX: "cs", C.FRONT_DESK: "cs",
    C.MODEL_UNIT: "cs", C.PUBLIC: "admin", C.EQUIPMENT: "admin", C.OFFICE: "admin", C.METER_BOX: "admin",
    C.INTERCOM: "admin",
}
SAME_DAY = {"rule": "same_day"}
AFTER_USE = {"rule": "after_use", "max_hours": 4}
APPROVED = {"rule": "approved", "max_days": 7}
DUE = {
    C.VACANT: (SAME_DAY, "003 篇8 §4.2(5) 借出的钥匙必须在当天下班前收回"),
    C.REPAIR: (SAME_DAY, "003 篇8 §4.3(5) 借出的钥匙必须在当天下班前收回"),
    C.PUBLIC: (AFTER_USE, "000 §3(二)4 使用完毕后应立即归还"),
    C.EQUIPMENT: (AFTER_USE, "000 §3(二)4 使用完毕后应立即归还"),
    C.METER_BOX: (AFTER_USE, "000 §3(二)4"),
    C.INTERCOM: (AFTER_USE, "000 §3(二)4"),
    C.MODEL_UNIT: (SAME_DAY, "002 篇6 §7 样板间钥匙每日交接"),
    C.FRONT_DESK: (SAME_DAY, "002 篇6 §7 前台钥匙每日交接"),
    C.UNIT: (APPROVED, "000 §3(一)4 借用期限届满前归还"),
    C.DEPOSITED: (SAME_DAY, "003 篇8 §4.1(4) 使用完毕后及时送回客服组"),
    C.MAILBOX: (APPROVED, "000 §3(一)4"),
    C.OFFICE: (APPROVED, "000 §3(三)4 借用结束后按时归还"),
}

register(*[
    PolicyDefault(f"keys.approval.{cat.value}", chain, clause, f"Approval chain for {cat.label}")
    for cat, (chain, clause) in CHAINS.items()
])
register(*[
    PolicyDefault(f"keys.custodian.{cat.value}", dept, "000 §2(二) 客服部管客户房屋钥匙,行政部管公共/办公区域钥匙",
                  f"Custodian and issuing department for {cat.label}")
    for cat, dept in CUSTODIANS.items()
])
register(*[
    PolicyDefault(f"keys.due.{cat.value}", rule, clause, f"When a {cat.label} must be back")
    for cat, (rule, clause) in DUE.items()
])
register(
    PolicyDefault("keys.end_of_working_day", "17:30", "003 篇8 §4.2(5) 当天下班前",
                  "End of the working day in Beijing time, for same-day keys."),
    PolicyDefault("keys.emergency", {"roles": HEADS + ["general_manager"], "paperwork_hours": 24},
                  "000 §3(二)2 紧急维修等特殊情况可先行批准借用,事后及时补办手续",
                  "Who may approve an emergency loan up front, and hours allowed to complete the paperwork."),
    PolicyDefault("keys.extension", {"roles": ["cs_supervisor", "dept_head", "admin_staff"], "department": "custodian"},
                  "000 §3(一)4 如需延长借用期限,应提前向客服部门提出申请,经审批同意后方可延长",
                  "Who approves an extension: these roles in the key's custodian department."),
    PolicyDefault("keys.transfer", {"roles": ["dept_head", "admin_staff"], "department": "admin"},
                  "000 §4(一)2 严禁转借,特殊情况须提前向行政部门申请,经批准后方可转借",
                  "Who approves handing a lent key to another person."),
    PolicyDefault("keys.issuers", {"roles": ["key_keeper", "cs_assistant", "cs_supervisor", "admin_staff", "dept_head"]},
                  "000 §3(一)3, §3(二)3 客户房屋钥匙由客服部发放,公共/办公区域钥匙由行政部发放",
                  "Roles that may issue and take back keys, within the key's custodian department."),
    PolicyDefault("keys.off_premises", {"code": "off_premises", "label": "带出物业范围审批", "approver": "roles",
                                        "roles": ["site_manager", "general_manager"]},
                  "001 篇13 b.5 钥匙不得交给非物业人员或带出物业范围,除非得到许可",
                  "The extra approval step when a key is to leave the premises."),
    PolicyDefault("keys.contractor_sponsors", ["engineering", "management", "cs", "admin"],
                  "001 篇13 b.6; 篇15 §1.2.6 施工单位借用钥匙须由工程或管理人员借用并签字",
                  "Departments whose staff may borrow on behalf of a contractor."),
    PolicyDefault("keys.daily_review.roles", ["key_keeper", "cs_assistant", "cs_supervisor", "admin_staff"],
                  "001 篇13 b.4; 003 篇8 §4.1(7) 钥匙管理人员每天必须对钥匙进行一次清点",
                  "Roles that may record the daily review of unreturned keys."),
    PolicyDefault("keys.inventory", {
        "weekly": {"department": "cs", "categories": ["unit", "deposited", "vacant", "repair", "mailbox"]},
        "monthly": {"department": "admin", "categories": []},
    }, "000 §6(一) 行政部每月全面检查,客服部每周自查; §4(二)2, §4(三)3 定期盘点",
        "Inventory scopes: who counts which categories (an empty list means every category)."),
    PolicyDefault("keys.incident_responsible", {"repair": "issuer"},
                  "000 §3(一)4; 003 篇8 §4.1(6) 追究当事人的责任; §4.3(6) 返修钥匙追究钥匙发放人的责任",
                  "Who is named responsible for a return mismatch, per category: holder (default) or issuer."),
    PolicyDefault("keys.numbering", {
        "public": "GQ-{building}-{floor:02d}F-{seq:02d}",
        "equipment": "SB-{equipment}-{seq:02d}",
        "default": "{prefix}-{seq:05d}",
    }, "002 §4.5.3–4.5.4 公共门钥匙按楼层编号,设备房钥匙按设备编号",
        "Key numbering rule per category."),
)
