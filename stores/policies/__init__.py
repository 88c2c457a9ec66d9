"""Policy defaults of the store room, each with its clause (003 篇1 账务操作规范, 篇2 实务操作规范, 篇3 总则)."""
from core.policies import PolicyDefault, register

PLANNING_STEP = {"code": "planning", "label": "业务部计划室", "approver": "roles", "roles": ["storekeeper", "dept_head"]}
DEPT_MANAGER_STEP = {"code": "dept_manager", "label": "业务部经理", "approver": "roles", "roles": ["site_manager"]}
PRODUCTION_STEP = {"code": "production", "label": "生产管理部", "approver": "roles", "roles": ["general_manager"]}
STOCKTAKE_STEP = {"code": "department", "label": "业务部", "approver": "roles", "roles": ["site_manager", "dept_head"]}
FREIGHT_STEP = {"code": "department", "label": "业务部经理", "approver": "roles", "roles": ["site_manager"]}

register(
    PolicyDefault("stores.keeper_roles", ["storekeeper"],
                  "003 篇2 §1.4 现场保管人员负责物资的收发存; 003 篇1 一.1 审核权限划分",
                  "Roles that write stock documents, count stock and lend tools."),
    PolicyDefault("stores.auditor_roles", ["dept_head", "site_manager"],
                  "003 篇1 一.1 业务部物资账务人员拥有对本业务部物资单据的审核权",
                  "Roles that audit (and un-audit) stock documents; never the document's own writer."),
    PolicyDefault("stores.issuer_roles", ["technician", "storekeeper"],
                  "003 篇2 §1.4 按规定供应; issue 19 维修领料",
                  "Roles that draw materials from stock for a repair."),
    PolicyDefault("stores.requisition.approval", [PLANNING_STEP, DEPT_MANAGER_STEP, PRODUCTION_STEP],
                  "003 篇2 §1.1 业务部计划室需在接单24小时之内完成复查; 复核后由业务部经理签字审核; 转交生产管理部",
                  "Approval steps of a requisition: planning, the business department's manager, production."),
    PolicyDefault("stores.requisition.planning_hours", 24, "003 篇2 §1.1 业务部计划室需在接单24小时之内完成对现场所需物资的复查",
                  "Hours within which business-department planning checks a requisition."),
    PolicyDefault("stores.requisition.dispatch_roles", ["general_manager", "dept_head"],
                  "003 篇2 §1.1 生产管理部按单发货到现场; 业务部计划室需对此申请进行实时跟踪直到确认现场到货为止",
                  "Roles that record a requisition shipped or purchased."),
    PolicyDefault("stores.receiving.check_working_days", 5,
                  "003 篇2 §1.2 物资到现场后，现场相关人员需在5个工作日内完成对物资的核对工作",
                  "Working days within which a delivery is checked and discrepancies reported."),
    PolicyDefault("stores.stocktake.approval", [STOCKTAKE_STEP],
                  "003 篇2 §1.4 发现盈余、短少、残损或变质…呈报业务部，未经批准不得擅自调账",
                  "Approval of a stocktake's differences before the books change."),
    PolicyDefault("stores.reconcile_day", 15, "003 篇2 §1.4 每月15日与业务部进行对账，保证账表、账账、账实相符",
                  "Day of the month of the reconciliation with the business department."),
    PolicyDefault("stores.tool_loan.approval", [], "003 篇2 现场工具的使用属于临时借用性质…填写临时领用表",
                  "Approval steps of a tool loan (none: the temporary form is enough)."),
    PolicyDefault("stores.tool_loan.max_days", 30, "003 篇2 现场工具的使用属于临时借用性质",
                  "Longest period of a tool loan, in days."),
    PolicyDefault("stores.damaged.ship_every_days", 15, "003 篇3 现场损坏备件原则上必须每15天返回一次",
                  "Days within which a registered damaged part is shipped back."),
    PolicyDefault("stores.expiry_warn_days", 30, "003 篇2 §1.4 推陈储新、先进先出; 物料卡载明有效期限",
                  "Days before expiry from which the storekeepers are reminded of a lot."),
    PolicyDefault("stores.freight.hired_tolerance_percent", 10,
                  "003 篇3 运费管理: 未超出运费备案价格体系10%（含10%），无需再行申请",
                  "How far above the filed price a hired vehicle may cost without approval."),
    PolicyDefault("stores.freight.express_limit", 200,
                  "003 篇3 运费管理: 特快专递单次发运200元或200元以内，由现场自行决定；大于200元须书面申请",
                  "Yuan up to which an express shipment is at the site's discretion."),
    PolicyDefault("stores.freight.approval", [FREIGHT_STEP],
                  "003 篇3 运费管理: 航空发运无论价格高低必须逐笔向所属业务部经理申请",
                  "Who approves freight above the rules' limits."),
)
