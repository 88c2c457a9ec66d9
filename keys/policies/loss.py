"""Policy defaults of loss (each with the clause it comes from): lost/damaged keys, repair-period keys,
vacant-unit key duplication (KEY-LOSS-1..3, KEY-REPAIR-1, KEY-VACANT-1)."""
from core.policies import PolicyDefault, register

register(
    PolicyDefault("keys.loss.handler_roles", ["key_keeper", "cs_assistant", "cs_supervisor", "admin_staff",
                                              "dept_head", "site_manager", "general_manager"],
                  "000 §5(一)2, §5(二)2 客服部门或行政部门接到报告后…采取措施; 003 篇8 §4.1(8) 客服组负责人",
                  "Roles that register a loss or damage for someone else, record measures and assess damage."),
    PolicyDefault("keys.loss.compensation_roles", ["cs_supervisor", "dept_head", "site_manager", "general_manager"],
                  "000 §5(二)3 赔偿金额根据钥匙的成本价及所涉及的安全风险等因素确定",
                  "Roles that set the compensation of a lost or damaged key."),
    PolicyDefault("keys.loss.compensation", {
        "cost_per_piece": {"default": 20, "unit": 30, "deposited": 30, "vacant": 30, "repair": 30,
                           "office": 25, "equipment": 25},
        "risk_factor": {"default": 1, "unit": 2, "deposited": 2, "vacant": 1.5, "repair": 1.5,
                        "equipment": 1.5, "office": 1.5},
        "lock_change": {"unit": 300, "deposited": 300, "vacant": 300, "repair": 300, "office": 150,
                        "equipment": 200},
    }, "000 §5(一)3 按照钥匙的成本价进行赔偿; §5(二)3 根据钥匙的成本价及所涉及的安全风险等因素确定",
        "Damage pays cost price (cost per piece × pieces). A loss pays cost × risk factor, plus the lock change "
        "for categories whose lock must be changed. Keys per category with a 'default'."),
    PolicyDefault("keys.loss.repair_department", "admin",
                  "000 §5(一)3 如能修复,由行政部门负责联系维修人员进行修复",
                  "Department that sends a damaged key for repair and records it back."),
    PolicyDefault("keys.loss.finance_department", "finance",
                  "000 §5(一)4 赔偿款交至公司财务部门", "Department whose staff record receipt of a compensation."),
    PolicyDefault("keys.loss.security_departments", ["security", "admin"],
                  "000 §5(二)4 行政部门…对相关区域的安全措施进行评估和调整,如加强巡逻、更换门锁等,并记录在案",
                  "Departments that record the security reassessment after a loss (the seed names 行政部; "
                  "保安部 carries out patrols — both may record; narrow it per project)."),
    PolicyDefault("keys.loss.duty_severity", {"lost": "normal", "damaged": "normal"},
                  "003 篇8 §4.1(8) 将经过清楚地记录在《值班日志》上",
                  "Severity of the duty-log entry written when a key is reported lost or damaged."),
    PolicyDefault("keys.loss.handle_same_day", True,
                  "003 篇8 §4.1(8) 丢失或损坏钥匙的处理必须在当天下班前解决",
                  "A report must be handled (a measure recorded) before the end of the working day "
                  "(keys.end_of_working_day); reported after it: by the end of the next day."),
    PolicyDefault("keys.repair.confirmation_required", True,
                  "003 篇8 §4.3(4) 施工返修单位借用钥匙…有开发商的证明确认材料,方能办理借用手续",
                  "A contractor borrows a repair-period key only with the developer's confirmation."),
    PolicyDefault("keys.vacant.duplication_approver", {"department": "cs", "roles": ["cs_supervisor", "dept_head"]},
                  "003 篇8 §4.2(9) 没有客服组负责人的批准,任何人不得复配空房钥匙",
                  "Who approves cutting duplicates of a vacant-unit key: these roles in this department."),
)
