"""Policy defaults of the desk's daily registers: visitors, mail, items for others, close of the desk
(FRONT-1..4), each with the clause it comes from."""
from core.policies import PolicyDefault, register

register(
    PolicyDefault("desk.registers.staff_roles", ["cs_assistant", "cs_supervisor", "site_manager", "general_manager"],
                  "001 篇1 前台接待日常工作包括:来访接待; 003 篇9 三.3 邮件代办、预订报刊杂志",
                  "Roles that keep the desk's daily registers: visitors, mail, items for others, close (FRONT-1..4)."),
    PolicyDefault("desk.visitors.max_party", 20, "003 篇11 §4.5 对来访人员",
                  "Most people one visitor line may cover (FRONT-1)."),
    PolicyDefault("desk.mail.chase_after_days", 3, "002 篇6 §6 与接班人交接核对未发放业主的信、报、刊",
                  "Days after which an uncollected item is chased with the desk staff (FRONT-2)."),
    PolicyDefault("desk.deposits.approval", [{"code": "supervisor", "label": "客务主管或部门经理", "approver": "roles",
                                              "roles": ["cs_supervisor", "site_manager"]}],
                  "002 篇6 §4 不得替任何人寄存或转给任何物品,以及代发刊物,确有需要的,需经客务主管或部门经理批准后方可",
                  "Who approves an item deposited, passed on or a publication handed out for others "
                  "(core.approvals step list; FRONT-3)."),
    PolicyDefault("desk.closing.key_category", "front_desk", "002 篇6 §7 前台钥匙每日与交接人进行交接; §9 将前台钥匙存放在办公室指定位置",
                  "The key category the close of the desk counts on the hook through the key room (FRONT-4)."),
)
