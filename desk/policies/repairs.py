"""Policy defaults of the repairs area (each with its clause)."""
from core.policies import PolicyDefault, register

CATEGORIES = ["水电", "门窗", "土建", "电梯", "公共设施", "其他"]

register(
    PolicyDefault("desk.repairs.categories", CATEGORIES, "002 篇3 §4.2.2 住户报修记录表 报修内容",
                  "Categories a repair report is filed under (REPAIR-1)."),
    PolicyDefault("desk.repairs.setout_minutes", 5,
                  "003 篇5 §4.1.3.1 a 五分钟之内要清理好工具,准备好材料,手持《工作任务单》到业主/住户楼门",
                  "Minutes after the slip is issued by which the technician on duty sets out (REPAIR-2)."),
    PolicyDefault("desk.repairs.dispatch_minutes", 10,
                  "003 篇5 §4.1.2 客户服务中心值班人员做接待记录,并下《工作任务单》与工程部",
                  "Minutes after the report by which the slip is issued to engineering (REPAIR-1)."),
    PolicyDefault("desk.repairs.issuer_roles", ["cs_assistant", "cs_supervisor", "site_manager"],
                  "003 篇5 §4.3.2 《工作任务单》由值班人员签发",
                  "Roles of the duty staff who issue work task slips and book appointments (REPAIR-5)."),
    PolicyDefault("desk.repairs.technician_roles", ["technician", "dept_head"],
                  "003 篇5 §3.3 工程部技工按维修工作制度进行维修工作; §4.1.3 工程部值班人员接单",
                  "Roles of engineering staff who set out and complete repairs (REPAIR-2)."),
    PolicyDefault("desk.repairs.engineering_department", "engineering", "003 篇5 §2.0 客服中心工程部维修工作",
                  "Department that receives slips; its heads are told of late set-outs (REPAIR-2)."),
    PolicyDefault("desk.repairs.public_signer_roles",
                  ["cs_assistant", "cs_supervisor", "site_manager", "general_manager", "dept_head", "admin_staff"],
                  "003 篇5 §4.3.6 公共设施维修时,由各部门管理人员签认:a.客服部客服助理以上 b.保安部领班以上 "
                  "c.行政人员 d.销售人员",
                  "Roles whose staff sign a public-facility slip with their own password (REPAIR-3)."),
    PolicyDefault("desk.repairs.public_signer_departments", ["sales"], "003 篇5 §4.3.6 销售部:销售人员签认",
                  "Departments any of whose staff may sign a public-facility slip (REPAIR-3)."),
    PolicyDefault("desk.repairs.retention_years", 2, "003 篇5 §4.3.1 《工作任务单》作为维修工作记录需妥善保存,保存期二年",
                  "Years a repair report and its slip are kept (REPAIR-5)."),
    PolicyDefault("desk.repairs.signed_target_percent", 100,
                  "003 篇5 §4.3.4 《工作任务单》在工作完毕后必须由业主/住户或报修人员签认,否则按未完成工作论处",
                  "Share of completed slips that must be signed (REPAIR-3)."),
    PolicyDefault("desk.repairs.setout_target_percent", 100, "003 篇5 §4.1.3.1 a 五分钟之内",
                  "Share of slips whose technician set out in time (REPAIR-2)."),
)
