"""Policy defaults of the duty log (each with its clause)."""
from core.policies import PolicyDefault, register

READER_ROLES = ["cs_assistant", "cs_supervisor", "site_manager", "general_manager", "key_keeper", "dept_head",
                "admin_staff", "security_guard"]
ROUND_AREAS = ["管理区域", "公共区域", "售楼处", "银行", "会所", "绿化"]

register(
    PolicyDefault("duty.log.retention_years", 2, "004 篇3 (6) 《值班记录》保存期2年; 002 篇8",
                  "Years a duty-log record is kept (DUTY-LOG-5)."),
    PolicyDefault("duty.log.reader_roles", READER_ROLES,
                  "003 篇14 §4.2.4 值班记录仅限于内部工作人员翻阅使用,工作人员必须为记录的资料保密",
                  "Roles that may read and write the duty log on its pages and API (DUTY-LOG-5)."),
    PolicyDefault("duty.log.signoff_roles", ["site_manager"], "001 篇2 d 每天的《客服部值班日志》必须由客服经理签字",
                  "Roles that sign a day's log as the 客服经理 (DUTY-LOG-4)."),
    PolicyDefault("duty.log.reading_roles", ["cs_supervisor"],
                  "003 篇14 §4.2.5 客户服务主管每日查阅当日值班记录; 004 篇3 3 科长每天上班时检查值班记录并签名确认",
                  "Roles that record the supervisor's daily reading of the log (DUTY-LOG-4)."),
    PolicyDefault("duty.log.report_roles", ["site_manager"],
                  "001 篇4 §1.6 重大事件的处理,次日必须作出书面报告,上报客服部经理",
                  "Roles that receive the written report of a major event (DUTY-LOG-3)."),
    PolicyDefault("duty.log.report_due_days", 1, "001 篇4 §1.6 次日必须作出书面报告",
                  "Days after the event's date by whose end (Beijing) the written report is due (DUTY-LOG-3)."),
    PolicyDefault("duty.log.emergency_min_photos", 1, "001 篇2 所有重大事件均应填写《紧急情况处理登记表》并跟附现场照片",
                  "On-site photos needed before an emergency form counts as complete (DUTY-LOG-3)."),
    PolicyDefault("duty.log.round_areas", ROUND_AREAS,
                  "001 篇4 §1.4 管理区域、公共区域、售楼处、银行、会所、大厦绿化等处",
                  "Areas a duty round checks for condition, hygiene and staff discipline (DUTY-LOG-6)."),
)
