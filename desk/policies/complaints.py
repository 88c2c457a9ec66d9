"""Policy defaults of the complaints area (each with its clause)."""
from core.policies import PolicyDefault, register

DESK_ROLES = ["cs_assistant", "cs_supervisor", "site_manager", "general_manager"]
SUBJECTS = ["服务态度", "维修质量", "安全秩序", "环境卫生", "收费", "噪音扰民", "停车管理", "设施设备", "装修管理", "其他"]

register(
    PolicyDefault("desk.complaints.dispatch_minutes", 60,
                  "002 篇3 §4.6.2 立即填写《业主投诉记录表》并将信息在规定的时间内传递给相关部门",
                  "Minutes within which a normal complaint must reach the responsible department (COMPLAINT-1)."),
    PolicyDefault("desk.complaints.dispatch_minutes_urgent", 15,
                  "001 篇1 第二章(一) 对vip客户要做特急解决; 002 篇3 §4.6.2",
                  "Minutes within which a VIP/urgent complaint must reach the department (COMPLAINT-1)."),
    PolicyDefault("desk.complaints.handling_hours", 24,
                  "001 篇1 第四章(五)(六) 责任部门组织处理投诉,将处理结果反馈给客户服务部",
                  "Hours after sending within which the department handles and reports back (COMPLAINT-2)."),
    PolicyDefault("desk.complaints.handling_hours_urgent", 4,
                  "001 篇1 第二章(一) 对vip客户要做特急解决",
                  "Hours for the handling and feedback of a VIP/urgent complaint (COMPLAINT-1)."),
    PolicyDefault("desk.complaints.subjects", SUBJECTS, "001 篇1 第四章(九) 每月整理、总结、统计",
                  "Subjects a complaint is filed and counted under (COMPLAINT-2)."),
    PolicyDefault("desk.complaints.desk_roles", DESK_ROLES,
                  "002 篇3 §4.6.1 客服部负责客户投诉的接待、跟踪、统计、回访等工作",
                  "Roles that register, send, follow up and close complaints, and read the register."),
    PolicyDefault("desk.complaints.reader_roles", DESK_ROLES + ["dept_head", "admin_staff"],
                  "002 篇3 §4.6.1; 001 篇1 第四章(四) 通知责任部门",
                  "Roles that read the whole complaint register; others see their department's complaints."),
    PolicyDefault("desk.complaints.escalation_roles", ["cs_supervisor", "site_manager"],
                  "001 篇1 第四章(三) 重大投诉报主管上级处理; 003 篇14 §4.2.3 重大问题交上级经理处理",
                  "Roles a major complaint is escalated to; only they close a major complaint (COMPLAINT-2)."),
    PolicyDefault("desk.complaints.summary_roles", ["cs_supervisor"],
                  "001 篇1 第四章(十)(十一) 季度和年度总结,向主管上级和公司提出改进措施",
                  "Roles that save a summary with improvement proposals (COMPLAINT-2)."),
    PolicyDefault("desk.complaints.retention_years", 2, "004 篇3 记录保存期2年; 001 篇1 第四章(八) 编号、存档",
                  "Years a complaint record is kept (COMPLAINT-2)."),
)
