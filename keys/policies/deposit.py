"""Policy defaults of deposit (each with the clause it comes from)."""
from core.policies import PolicyDefault, register

register(
    # 003 and 001 disagree on who approves an emergency opening. Shipped: 003's two signatures.
    # 001's variant is the chain [{"label": "客服部经理", "roles": ["cs_supervisor"]},
    #                             {"label": "总经理", "roles": ["general_manager"]}].
    PolicyDefault("keys.deposit.emergency_chain",
                  [{"label": "客服负责人", "roles": ["cs_supervisor"]}, {"label": "项目经理", "roles": ["site_manager"]}],
                  "003 篇8 §4.1(4) 经客服组负责人及项目经理批准(001 篇15 (3) 客服部经理报请总经理批准)",
                  "Approval steps, in order, before a sealed key is opened in an emergency."),
    PolicyDefault("keys.deposit.request_chain", [{"label": "客服部经理", "roles": ["cs_supervisor"]}],
                  "001 篇15 (4) 经客服部经理同意", "Approval steps for an opening on the resident's written request."),
    # 001 篇15 (3): two 客服助理 and a security guard; 003 §4.4(1)⑤: at least two persons. The 003
    # variant is {"slots": [{"roles": [...any staff...]}, {"roles": [...]}], "min_persons": 2}.
    PolicyDefault("keys.deposit.witnesses",
                  {"slots": [{"label": "客服助理", "roles": ["cs_assistant"]},
                             {"label": "客服助理", "roles": ["cs_assistant"]},
                             {"label": "保安员", "roles": ["security_guard"]}],
                   "min_persons": 2, "approvers_may_witness": False},
                  "001 篇15 (3) 两名客服助理及保安员同时在场;003 §4.4(1)⑤ 两人以上",
                  "Who must be present to enter a unit with a sealed key."),
    PolicyDefault("keys.deposit.record_signers", ["cs_supervisor"], "001 篇15 (5) 使用前后详细记录,由客服部经理签字存档",
                  "Roles that sign the before/after record of an opening."),
    PolicyDefault("keys.deposit.paperwork_hours", 24, "003 篇8 §4.1(4) 紧急情况下可后补手续",
                  "Hours allowed to complete the paperwork after an emergency opening or a written-request opening."),
    PolicyDefault("keys.deposit.retention_years", 2, "003 篇8 §5 记录保存两年", "Years a deposit register is kept."),
)
