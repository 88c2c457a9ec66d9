"""Policy defaults of the residents' door and surveys, each naming its clause."""
from core.policies import PolicyDefault, register

register(
    PolicyDefault("residents.code_minutes", 10, "RES-1 以发往登记电话的一次性验证码确认身份",
                  "Minutes a one-time code stays valid."),
    PolicyDefault("residents.code_tries", 5, "RES-1; OWASP ASVS 2.2.1",
                  "Wrong tries before a one-time code is spent."),
    PolicyDefault("residents.codes_per_phone_hour", 5, "RES-1; OWASP ASVS 2.2.1",
                  "One-time codes a phone number may ask for in an hour."),
    PolicyDefault("residents.codes_per_address_hour", 20, "RES-1; OWASP ASVS 2.2.1",
                  "One-time codes one client address may ask for in an hour, whatever the phone numbers."),
    PolicyDefault("residents.session_days", 7, "RES-1", "Days a resident stays signed in on a phone."),
    PolicyDefault("residents.staff_roles", ["cs_assistant", "cs_supervisor", "site_manager", "general_manager"],
                  "001 引言 §4 回访与满意度; 003 篇10 §5 满意度调查",
                  "Roles that run surveys, enter answers from calls, send notices and print the entry codes."),
    PolicyDefault("residents.report_roles", ["cs_supervisor", "site_manager", "general_manager"],
                  "003 篇10 §5.3–5.4 业主满意率调查统计", "Roles that read the satisfaction statistics."),
    PolicyDefault("residents.key_consent_roles", ["cs_supervisor", "key_keeper", "site_manager"],
                  "000 钥匙寄存 KEY-DEPOSIT-5 征得业户同意", "Roles that ask a household to consent to a use of its key."),
    PolicyDefault("residents.satisfied_from", 4, "003 篇10 §5.3 满意率 = 满意（含较满意）户数 / 调查户数",
                  "A rating (1 to 5) at least this counts as satisfied."),
)
