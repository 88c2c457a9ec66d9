"""Policy defaults of the attendance area (each with its clause)."""
from core.policies import PolicyDefault, register

register(
    PolicyDefault("duty.attendance.grace_minutes", 0,
                  "001 篇11 §1.2.2 员工应严格遵守作息时间; 002 篇2 §2.1 不得迟到、早退、无故缺勤",
                  "Minutes after the shift start before a clock-in counts as late (0: any lateness)."),
    PolicyDefault("duty.attendance.report_due_day", 25, "001 篇11 §1.1.3 考勤员应于每月25日将本部门的考勤情况报行政人事部",
                  "Day of the following month by which a month's attendance report is submitted to HR."),
    PolicyDefault("duty.attendance.remind_days_before", 3, "001 篇11 §1.1.3 考勤员应于每月25日将本部门的考勤情况报行政人事部",
                  "Days before the report deadline from which the clerk is reminded."),
    PolicyDefault("duty.attendance.supervisor_roles", ["cs_supervisor", "site_manager"],
                  "001 篇11 §1.1.1 客服部安排专人负责员工的考勤",
                  "Roles that designate the attendance clerk, see the daily view and may prepare the report."),
    PolicyDefault("duty.attendance.leave_approver_roles", ["cs_supervisor", "site_manager"],
                  "001 篇11 §1.2.3 工作时间无论因公或因私临时外出者,必须向直属上级领导请示,经批准后方可外出",
                  "Roles that approve leaving the post during work."),
    PolicyDefault("duty.attendance.clock_window_minutes", 120, "001 篇11 §1.2.2 员工应严格遵守作息时间",
                  "How long before a shift a clock-in, and after it a clock-out, still belongs to that shift."),
    PolicyDefault("duty.attendance.hr_department", "admin", "001 篇11 §1.1.3 报行政人事部",
                  "Department (code) that receives the monthly attendance report."),
)
