"""Policy defaults of the holidays area (each with its clause)."""
from core.policies import PolicyDefault, register

NOTICE = "003 篇7 §3.1 法定一天的节假日装修停工及安全通知须提前三天公示; 法定三天的节假日(春节、国庆节)须提前四天公示"

register(
    PolicyDefault("duty.holidays.notice_days_short", 3, NOTICE,
                  "Days ahead of a one-day statutory holiday by which the notices are posted."),
    PolicyDefault("duty.holidays.notice_days_long", 4, NOTICE,
                  "Days ahead of a three-day statutory holiday (春节, 国庆节) by which the notices are posted."),
    # The seed classifies by the statutory length of the holiday (named), not by the days off with weekends.
    # A company that prefers the days-off rule sets long_holiday_days_off (e.g. 3); 0 leaves it off.
    PolicyDefault("duty.holidays.long_notice_holidays", ["春节", "国庆节"], NOTICE,
                  "Holidays that take the longer notice period."),
    PolicyDefault("duty.holidays.long_holiday_days_off", 0, NOTICE,
                  "If above 0: any holiday period of at least this many days off also takes the longer notice."),
    PolicyDefault("duty.holidays.notice_channels", ["bulletin", "wechat_group", "subscription"],
                  "003 篇7 §3.1 公示含公告栏张贴、业主微信群、微信订阅号",
                  "Channels every notice is posted on."),
    PolicyDefault("duty.holidays.call_days_ahead", 3,
                  "003 篇7 §3.2 客服部在节前三天须完成对正在装修的业户进行电话通知,并做好记录",
                  "Days ahead by which every household under decoration has been phoned."),
    PolicyDefault("duty.holidays.quiet_request_days_ahead", 1,
                  "003 篇7 §3.2 需要进行无噪音施工的业户应在节前一天完成申请,并由客服部与秩序维护部做好工作交接",
                  "Noise-free work requests are accepted until this many days before the first day off."),
    PolicyDefault("duty.holidays.parking_before_start", True,
                  "003 篇7 §3.3 业户在法定假日入伙,来访亲友需要临时入地下车库停放的,须在节前做好登记",
                  "Move-in guest parking must be registered before the holiday starts."),
    # 秩序维护部 is often the security department under another name: both are told unless a project narrows it.
    PolicyDefault("duty.holidays.handover_departments", ["order", "security"],
                  "003 篇7 §3.2-3.3 由客服部与秩序维护部做好工作交接",
                  "Departments noise-free work requests and guest parking are handed to (the first is recorded)."),
    PolicyDefault("duty.holidays.desk_roles", ["cs_assistant", "cs_supervisor", "site_manager"],
                  "003 篇7 §3 客服部",
                  "Roles that record notices, calls, requests and parking."),
    PolicyDefault("duty.holidays.phone_roles", ["cs_assistant", "cs_supervisor", "site_manager", "general_manager"],
                  "003 篇7 §3.2 客服部对正在装修的业户进行电话通知; 002 篇6 §3 未经许可不得向任何人透露业户电话",
                  "Roles that see the phones of households under decoration in full (the desk makes the calls)."),
    PolicyDefault("duty.holidays.inspection_min_days", 3,
                  "003 篇7 §5.1 节假日含调休放假达到三天的,在放假前,由项目经理组织各部门对辖区进行安全巡查",
                  "Holiday periods of at least this many days off need a safety inspection before the break."),
    PolicyDefault("duty.holidays.inspection_roles", ["site_manager"],
                  "003 篇7 §5.1 由项目经理组织各部门对辖区进行安全巡查",
                  "Roles that organise and record the pre-holiday safety inspection."),
    PolicyDefault("duty.holidays.calendar_roles", ["sysadmin", "site_manager"],
                  "HOLIDAY-1 节假日安排以国务院办公厅通知为准; 超出日历包的年份由管理员录入",
                  "Roles that may add holiday periods and make-up workdays to the calendar."),
    PolicyDefault("duty.holidays.remind_days_before", 7, "003 篇7 §3 通知",
                  "Days before a holiday's first deadline from which reminders are sent."),
)
