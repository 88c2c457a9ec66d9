"""Policy defaults of lost property (each with its clause; LOST-1)."""
from core.policies import PolicyDefault, register

register(
    PolicyDefault("desk.lost.keeper_roles", ["cs_assistant", "cs_supervisor", "site_manager"],
                  "001 篇7 s 失物招领:员工拾到他人物品,应交上级主管人员……由物业部登记、保存",
                  "Roles that register, keep and hand back lost property (LOST-1)."),
    PolicyDefault("desk.lost.disposer_roles", ["cs_supervisor", "site_manager"],
                  "001 篇7 s 失物招领:由上级主管人员及时通知物业部,由物业部登记、保存",
                  "Roles that dispose of unclaimed lost property, before a witness (LOST-1)."),
    PolicyDefault("desk.lost.keep_days", 90, "001 篇7 s 失物招领:由物业部登记、保存(保存期限由项目规定)",
                  "Days an unclaimed item is kept before it may be disposed of; the regulation names none, "
                  "so each project sets its own (LOST-1)."),
)
