"""Policy defaults of the roster area (each with its clause)."""
from core.policies import PolicyDefault, register

# Names are data (what the regulations call the shifts); the three-shift hours are not given in the seed,
# so they ship as a common 8-hour split that a project edits on the patterns page.
DEFAULT_PATTERNS = [
    {"team": "duty_desk", "code": "D", "name": "白班", "starts": "08:00", "ends": "16:00", "is_holiday": False},
    {"team": "duty_desk", "code": "S", "name": "中班", "starts": "16:00", "ends": "00:00", "is_holiday": False},
    {"team": "duty_desk", "code": "N", "name": "夜班", "starts": "00:00", "ends": "08:00", "is_holiday": False},
    {"team": "front_desk", "code": "E", "name": "早班", "starts": "07:30", "ends": "15:30", "is_holiday": False},
    {"team": "front_desk", "code": "M", "name": "中班", "starts": "09:30", "ends": "17:30", "is_holiday": False},
    {"team": "front_desk", "code": "L", "name": "晚班", "starts": "12:00", "ends": "20:00", "is_holiday": False},
    {"team": "front_desk", "code": "H", "name": "节假日班", "starts": "09:30", "ends": "17:00", "is_holiday": True},
]

register(
    PolicyDefault("duty.roster.default_patterns", DEFAULT_PATTERNS,
                  "001 篇11 §1.2.1 公司实行值班三班制; 003 篇14 §4.1.2 早班7:30-15:30、中班9:30-17:30、晚班12:00-20:00; "
                  "003 篇7 §2.1 法定节假日9:30-17:00直落",
                  "Shift patterns created for a project that has none (team, code, name, hours)."),
    PolicyDefault("duty.roster.draft_by_day", 25, "003 篇14 §4.1.1 每月25日前拟定下月前台《排班表》",
                  "Day of the month by which next month's roster is drafted; later drafts are flagged."),
    PolicyDefault("duty.roster.remind_days_before", 3, "003 篇14 §4.1.1 每月25日前拟定下月前台《排班表》",
                  "Days before the drafting deadline on which the drafters are reminded."),
    PolicyDefault("duty.roster.drafter_roles", ["cs_assistant", "cs_supervisor"],
                  "003 篇15 §4.1.1 客户服务管理员拟定; 003 篇14 §4.1.1 客户服务主管拟定",
                  "Roles that may draft and edit a roster."),
    PolicyDefault("duty.roster.reviewer_roles", ["cs_supervisor"], "003 篇15 §4.1.1 经客户服务主管审核",
                  "Roles that review a drafted roster."),
    PolicyDefault("duty.roster.approver_roles", ["site_manager", "general_manager"],
                  "003 篇14–15 §4.1.1 报物业服务中心经理", "Roles that approve a reviewed roster."),
    PolicyDefault("duty.roster.issuer_roles", ["cs_supervisor", "site_manager"],
                  "001 篇11 §1.1.4 复印给相关部门,在岗人员需人手一份", "Roles that issue an approved roster."),
    PolicyDefault("duty.roster.issue_to", ["cs", "security", "engineering", "admin"],
                  "001 篇11 §1.1.4 复印给相关部门", "Departments (codes) a roster is issued to."),
    PolicyDefault("duty.roster.hr_department", "admin", "001 篇11 §1.1.6 排班表印交行政人事部",
                  "Department (code) that receives statutory-holiday rosters."),
    PolicyDefault("duty.roster.change_notice_hours", 24,
                  "003 篇14 §4.2.6 调休或请假,值班人员须提前一天向客户服务主管说明并得到批准; 001 篇11 §1.1.5",
                  "Hours before the shift start by which a change, swap or substitute must be asked."),
    PolicyDefault("duty.roster.change_approver_roles", ["cs_supervisor", "site_manager"],
                  "003 篇14 §4.2.6 经批准的缺值由客户服务主管安排替值或换值; 002 篇2 §2.1 征得上级领导的同意",
                  "Roles that approve changes and name the substitute."),
    PolicyDefault("duty.roster.holiday_notice_days", 7, "001 篇11 §1.1.6 于一周前将安排好的排班表印交行政人事部",
                  "Days before a statutory holiday by which its roster is issued to HR; later needs a reason "
                  "and is flagged."),
    PolicyDefault("duty.roster.daily_rotation_holidays", ["春节", "国庆节", "Spring Festival", "National Day"],
                  "003 篇7 §2.2 如春节、国庆则每天一人轮换值班",
                  "Holidays whose duty rotates daily instead of one person for the whole holiday."),
    PolicyDefault("duty.roster.holiday_team", "front_desk", "003 篇7 §2.1 法定节假日客服中心上班时间",
                  "Team whose rota covers statutory holidays."),
)
