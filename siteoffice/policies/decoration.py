"""Policy defaults of decoration (DECOR-1, DECOR-2; 002 篇3 §4.7; 003 篇9 四)."""
from core.policies import PolicyDefault, register

# Engineering checks a structural change and reviews the drawings before approval (an "important" case); the
# manager approves every application.
ENGINEERING_STEP = {"code": "engineering", "label": "工程部", "approver": "department", "department": "engineering",
                    "roles": ["technician", "dept_head"], "when": "important"}
MANAGER_STEP = {"code": "site_manager", "label": "客服主管或管理处经理", "approver": "roles",
                "roles": ["cs_supervisor", "site_manager"]}

register(
    PolicyDefault("siteoffice.decoration.approval", [ENGINEERING_STEP, MANAGER_STEP],
                  "002 篇3 §4.7.2 装修申请表中涉及到装修改动的内容，必须经过维修部的核实（在不影响安全范围内）同意后方可"
                  "继续办理装修手续",
                  "Approval steps of a decoration application; the engineering step only for structural changes."),
    PolicyDefault("siteoffice.decoration.clerk_roles", ["cs_assistant", "cs_supervisor"],
                  "002 篇3 §4.7.1 客服部负责装修手续的办理; 003 篇9 三.1 办理装修手续",
                  "Roles that take applications, charge the fees, issue permits and refund deposits."),
    PolicyDefault("siteoffice.decoration.patrol_roles", ["cs_assistant", "cs_supervisor", "technician"],
                  "003 篇9 四.1 装修巡视（按组团）; 四.2 及时将工作发现的装修违章事件报客服中心",
                  "Roles that patrol decorations by zone and record violations."),
    PolicyDefault("siteoffice.decoration.acceptance_roles", ["technician", "dept_head"],
                  "002 篇3 §4.7.4 装修工作结束后，客服部组织维修技术人员进行验收工作",
                  "Roles that inspect a finished decoration (engineering's technicians)."),
    PolicyDefault("siteoffice.decoration.serious_roles", ["cs_supervisor"],
                  "003 篇9 四.2 严重违章上报客服主管", "Roles told at once of a serious violation."),
    PolicyDefault("siteoffice.decoration.permit_warn_days", 3, "002 篇3 §4.7.3 做好核查、登记工作",
                  "Days before a permit's end from which the clerks are reminded of it."),
    PolicyDefault("siteoffice.decoration.retention_years", 10, "002 篇3 §4.7.3 做好核查、登记工作",
                  "Years a decoration's application and permit are kept."),
)
