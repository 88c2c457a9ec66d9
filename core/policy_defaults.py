"""Shipped defaults of core policies, each with the clause it comes from."""
from core.policies import PolicyDefault, register
from core.roles import PII_ROLES_DEFAULT

register(
    PolicyDefault("core.pii.reveal_roles", PII_ROLES_DEFAULT,
                  "002 篇6 §3 未经许可不得向任何人透露业户电话; CORE-3",
                  "Roles that may see residents' phone and ID numbers in full."),
    PolicyDefault("core.retention.years", 2,
                  "002 篇8; 003 篇5 §4.3.1; 003 篇10 §4.7 保存2年; CORE-7",
                  "Minimum years a register record is kept."),
)
