"""Policy defaults of destruction (ARCH-10; 002 篇1 §1.5, 篇4 §1.7) and of the catalogue import (issue 15)."""
from core.policies import PolicyDefault, register

MANAGER_STEP = {"code": "site_manager", "label": "管理处经理", "approver": "roles", "roles": ["site_manager"]}
# 篇4 §1.7 names the GM for documents: a list holding documentary archives (文书档案 — the read-only categories),
# confidential ones, or volumes still within their retention ("无保存必要的材料") adds the GM's step.
GM_STEP = {"code": "general_manager", "label": "总经理", "approver": "roles", "roles": ["general_manager"],
           "when": "important"}

register(
    PolicyDefault("archives.approval.destruction", [MANAGER_STEP, GM_STEP],
                  "002 篇4 §1.7 对过期的文件资料要及时清理，无保存必要的材料，经总经理批准可做销毁处理; "
                  "篇1 §1.5.1 需做销毁处理，不可随意乱丢",
                  "Approval steps of a destruction list; the step marked important (the GM) applies to lists with "
                  "documentary or confidential archives or volumes destroyed before their retention ends."),
    PolicyDefault("archives.destruction.early_allowed", True,
                  "002 篇4 §1.7 无保存必要的材料，经总经理批准可做销毁处理",
                  "Whether a volume still within its retention may be listed, with a reason and the GM's approval "
                  "(permanent volumes never)."),
    PolicyDefault("archives.destruction.witnesses", 1,
                  "002 篇1 §1.5.1 如有任何文件无需继续存放，需做销毁处理，不可随意乱丢",
                  "People besides the archivist who see the destruction done and sign the list (0 or 1)."),
    PolicyDefault("archives.destruction.remind_day", 25,
                  "002 篇1 §1.1.3 每月底进行一次库藏档案清理; 篇4 §1.7 对过期的文件资料要及时清理",
                  "From this day of the month the archivist is told of volumes past their retention not yet listed."),
    PolicyDefault("archives.import.max_rows", 5000, "002 篇1 §1.3.4 熟练掌握计算机数据库软件系统的操作和运用",
                  "Most rows one catalogue import file may hold."),
    PolicyDefault("archives.import.max_bytes", 5 * 1024 * 1024,
                  "002 篇1 §1.3.4 熟练掌握计算机数据库软件系统的操作和运用",
                  "Largest catalogue import file, in bytes."),
)
