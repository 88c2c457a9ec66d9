"""Policy defaults of the intake area (each with its clause)."""
from core.policies import PolicyDefault, register

register(
    PolicyDefault("desk.intake.desk_roles", ["cs_assistant", "cs_supervisor", "site_manager", "general_manager"],
                  "001 篇1 第四章 前台接待; 003 篇14 §4.2.3 值班人员接报信息后,应按轻重缓急,及时解决或通知相关人员妥善处理",
                  "Roles that register, route, escalate and close contacts at the front desk (DESK-INTAKE-1)."),
    PolicyDefault("desk.intake.supervisor_roles", ["cs_supervisor"],
                  "003 篇14 §4.2.3 本职未能处理或不能确定的问题、超过本职权限的问题,值班人员应及时报告客户服务主管处理",
                  "Roles told when the desk escalates what it cannot handle (DESK-INTAKE-2)."),
    PolicyDefault("desk.intake.manager_roles", ["site_manager"], "003 篇14 §4.2.3 重大问题交上级经理处理",
                  "Roles told when the desk escalates a major matter (DESK-INTAKE-2)."),
    PolicyDefault("desk.intake.remind_hours", 24, "003 篇14 §4.2.3 并跟进处理结果; 001 篇1 第四章 跟踪至结案",
                  "Hours after which a contact still open is reminded to its receiver and the supervisor (DESK-INTAKE-1)."),
    PolicyDefault("desk.intake.retention_years", 2, "004 篇3 记录 《客户信息登记表》保存期2年",
                  "Years a contact record is kept (DESK-INTAKE-1)."),
)
