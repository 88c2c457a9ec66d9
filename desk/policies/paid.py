"""Policy defaults of the paid and convenience services (each with its clause)."""
from core.policies import PolicyDefault, register

PRICE_LIST = [
    {"code": "lamp", "name": "更换灯泡/灯管", "unit": "个", "price": "10.00"},
    {"code": "tap", "name": "更换水龙头", "unit": "个", "price": "30.00"},
    {"code": "drain", "name": "疏通下水道", "unit": "次", "price": "50.00"},
    {"code": "lock", "name": "更换门锁锁芯", "unit": "个", "price": "80.00"},
    {"code": "clean", "name": "室内保洁", "unit": "小时", "price": "40.00"},
    {"code": "move", "name": "搬运服务", "unit": "小时", "price": "60.00"},
    {"code": "other", "name": "其他便民服务", "unit": "次", "price": "0.00"},
]

register(
    PolicyDefault("desk.paid.price_list", PRICE_LIST, "004 篇3 记录 有偿服务单; 003 篇14 §4.4.1 i 有偿服务、便民服务情况",
                  "Items and prices of paid and convenience services, per project (SERVICE-1)."),
    PolicyDefault("desk.paid.staff_roles", ["cs_assistant", "cs_supervisor", "site_manager", "general_manager",
                                            "technician", "dept_head"],
                  "001 篇1 前台接待日常工作包括:有偿服务与维修项目的跟踪",
                  "Roles that register, perform and settle paid services (SERVICE-1)."),
    PolicyDefault("desk.paid.waive_roles", ["cs_supervisor", "site_manager", "general_manager"],
                  "003 篇14 §4.4.1 i 有偿服务、便民服务情况(检查内容)",
                  "Roles that may waive the charge of a paid service, with a reason (SERVICE-1)."),
    PolicyDefault("desk.paid.retention_years", 2, "004 篇3 记录 有偿服务单 保存期2年",
                  "Years a paid-service slip is kept (SERVICE-1)."),
)
