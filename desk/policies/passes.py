"""Policy defaults of goods-release and access passes (each with its clause; PASS-1)."""
from core.policies import PolicyDefault, register

DESK_STEP = {"code": "desk", "label": "客服主管", "approver": "roles", "roles": ["cs_supervisor", "site_manager"]}

register(
    PolicyDefault("desk.passes.issuer_roles", ["cs_assistant", "cs_supervisor", "site_manager"],
                  "003 篇9 三.1 机动事项由客服人员主动承担,包括:开物品放行条、办理出入证",
                  "Roles of the desk staff who register goods-release passes and issue access passes (PASS-1)."),
    PolicyDefault("desk.passes.goods_approval", [DESK_STEP],
                  "003 篇9 三.1 开物品放行条; 003 篇11 §4.6.14 见住户搬出大宗物品时……请出示放行条",
                  "Steps of the desk's approval of a goods-release pass; an empty list lets the owner's consent "
                  "(or an owner's own application) suffice (PASS-1)."),
    PolicyDefault("desk.passes.owner_consent_kinds", ["tenant"],
                  "003 篇9 三.1 开物品放行条(租户搬出物品须经业主同意)",
                  "Applicants whose goods leave only with the owner's consent on record: who and how (PASS-1)."),
    PolicyDefault("desk.passes.gate_roles", ["security_guard"],
                  "003 篇11 §4.6.14 对不起,请出示放行条!(保安专用)",
                  "Roles that check passes at the gate and record goods let out (PASS-1)."),
    PolicyDefault("desk.passes.access_max_days", 92, "003 篇9 三.1 办理出入证",
                  "Longest validity of an access pass, in days; a longer job gets a new pass (PASS-1)."),
)
