"""Policy defaults of documents (DOC-1..3; 002 篇4)."""
from core.policies import PolicyDefault, register

GM_STEP = {"code": "general_manager", "label": "总经理", "approver": "roles", "roles": ["general_manager"]}

register(
    PolicyDefault("archives.documents.clerk_roles", ["archivist", "cs_assistant"],
                  "002 篇4 §1.1 客服部文员负责客服部所有文件的收集存档和保管; §2.1⑴ 来文统一由办公室签收; "
                  "§2.2⑶ 对外行文统一由部门文员负责进行编号、登记和外发",
                  "Roles that sign in, number, register, send and archive documents (the department clerk)."),
    PolicyDefault("archives.documents.gm_roles", ["general_manager"],
                  "002 篇4 §2.1⑶ 外来文件原则上先送总经理阅批; §2.2⑴ 对外文件均必须送总经理审阅后，方可外发",
                  "Roles that instruct incoming documents and sign outgoing ones."),
    PolicyDefault("archives.documents.approval.secret", [GM_STEP],
                  "002 篇4 §1.4 秘密文件未经总经理批准，不准翻阅，不准复印，不准带离办公室",
                  "Approval steps of reading, copying or taking out a secret document (core.approvals step list)."),
    PolicyDefault("archives.documents.approval.loan", [],
                  "002 篇4 §1.3 任何人员借阅上述文件资料，须登记日期、用途、经手人及归还日期",
                  "Approval steps of borrowing a document that is not secret (none: registered only)."),
    PolicyDefault("archives.documents.loan.days", 3, "002 篇4 §1.3 须登记……归还日期",
                  "Days a document taken out may stay out."),
    PolicyDefault("archives.documents.circulation_days", 2, "002 篇4 §1.10 文件分发传递必须做到及时",
                  "Days a reader has to read a circulated document before being reminded."),
)
