"""Policy defaults of fees (FEE-1, FEE-2; 002 篇3 §4.8; 003 篇9 三.3)."""
from core.policies import PolicyDefault, register

SUPERVISOR_STEP = {"code": "cs_supervisor", "label": "客服主管", "approver": "roles",
                   "roles": ["cs_supervisor", "site_manager"]}

register(
    PolicyDefault("siteoffice.fees.clerk_roles", ["cs_assistant", "cs_supervisor"],
                  "002 篇3 §4.8.1 管理处客服部收费员负责小区内各项费用的收取工作; 003 篇9 三.1 物业收费",
                  "Roles that issue receipts, close their day, record fees due and reminders (the fee clerk)."),
    PolicyDefault("siteoffice.fees.price_roles", ["cs_supervisor", "site_manager"],
                  "002 篇3 §4.8.1 各种物业服务费要明码标价",
                  "Roles that publish a new version of a price."),
    PolicyDefault("siteoffice.fees.reader_roles", ["cs_assistant", "cs_supervisor", "site_manager",
                                                   "general_manager"],
                  "002 篇3 §4.8.5 管理处经理做好监督、检查工作",
                  "Roles that see the price list, receipts, closes, reports and statements."),
    PolicyDefault("siteoffice.fees.receiver_roles", ["cs_supervisor", "site_manager"],
                  "002 篇3 §4.8.2 做好费用收取、登记、核查、上交工作; §4.8.4 各种费用的收取要做到日收日清",
                  "Roles that receive a clerk's closed day and sign for it (never the clerk themself)."),
    PolicyDefault("siteoffice.fees.approval.reversal", [SUPERVISOR_STEP],
                  "002 篇3 §4.8.3 各项费用收取后，管理处任何人不可挪作它用; §4.8.5 管理处经理做好监督、检查工作",
                  "Approval steps of reversing a receipt by a counter-entry (core.approvals step list)."),
    PolicyDefault("siteoffice.fees.large_amount", "5000.00", "002 篇3 §4.8.4 大型费用的收取要做到日收日报",
                  "A receipt of at least this amount (yuan) is a large fee, reported to the manager the same day."),
    PolicyDefault("siteoffice.fees.report_at", "17:00", "002 篇3 §4.8.4 大型费用的收取要做到日收日报",
                  "From this time (Beijing) the day's large fees are reported; later ones the same evening."),
    PolicyDefault("siteoffice.fees.report_roles", ["site_manager"], "002 篇3 §4.8.4 日收日报; §4.8.5 管理处经理",
                  "Roles the day's report of large fees goes to."),
    PolicyDefault("siteoffice.fees.retention_years", 30,
                  "002 篇3 §4.8.2 做好费用收取、登记、核查、上交工作（会计凭证按会计档案保管期限保存）",
                  "Years a receipt and a daily close are kept."),
    PolicyDefault("siteoffice.fees.remind_every_days", 7, "003 篇9 三.3 相关费用催缴",
                  "Days between two reminders of the same overdue fee to the clerks."),
)
