"""Policy defaults of return visits (003 篇10 §4.1–4.7), each with its clause (VISIT-1..7).

Windows: {"start_days": a, "end_days": b} — the visit may be made from the start of the Beijing day
`closed + a` and is due by the end of the Beijing day `closed + b`. Rates are whole percentages."""
from core.policies import PolicyDefault, register

C = "003 篇10 "

WINDOWS = {
    "complaint": ({"start_days": 0, "end_days": 3}, C + "§4.1.1 a) 投诉事件的回访,应在投诉处理完毕后的3天内进行"),
    "repair": ({"start_days": 1, "end_days": 2}, C + "§4.1.1 b) 维修工程的回访,应在完成维修工程1天后,2天内进行"),
    "service": ({"start_days": 0, "end_days": 7},
                C + "§4.1.1 c) 特约服务的回访,应安排在合同执行期的中期阶段和结束后进行"),
    "help": ({"start_days": 0, "end_days": 7}, C + "§4.1.1 f) 其他管理服务工作的回访,应安排在完成管理服务工作的1周内进行"),
    "emergency_patient": ({"start_days": 0, "end_days": 7}, C + "§4.1.1 d) 急救病人的回访,应安排在急救工作结束后的1周内进行"),
    "publication": ({"start_days": 0, "end_days": 7},
                    C + "§4.1.1 e) 管理处发行的报刊、杂志及组织的文体活动的回访,应当在组织、发行完毕后1周内进行"),
    "other": ({"start_days": 0, "end_days": 7}, C + "§4.1.1 f) 其他管理服务工作的回访,应安排在完成管理服务工作的1周内进行"),
}

RATES = {
    "complaint": (100, C + "§4.1.2 a) 投诉事件的回访率要求达到100%"),
    "repair": (30, C + "§4.1.2 b) 维修服务、特约服务和求助服务的回访率要求分别达到30%"),
    "service": (30, C + "§4.1.2 b) 维修服务、特约服务和求助服务的回访率要求分别达到30%"),
    "help": (30, C + "§4.1.2 b) 维修服务、特约服务和求助服务的回访率要求分别达到30%"),
    "publication": (10, C + "§4.1.2 c) 报刊、杂志及组织的文体活动的回访率要求达到10%"),
    # Not fixed by the regulation: a week's window is given (§4.1.1 d), the rate is the supervisor's call.
    "emergency_patient": (100, C + "§4.1.1 d) 急救病人的回访; §4.1.2 d) 按当时情况由客户服务中心主管确定"),
    "other": (10, C + "§4.1.2 d) 其他管理服务工作的回访率按当时情况由客户服务中心主管确定"),
}

for kind, (window, clause) in WINDOWS.items():
    register(PolicyDefault(f"desk.visits.window.{kind}", window, clause,
                           f"Window of a {kind} return visit in days after closing (VISIT-1)."))
for kind, (rate, clause) in RATES.items():
    register(PolicyDefault(f"desk.visits.rate.{kind}", rate, clause,
                           f"Percentage of closed {kind} matters that get a return visit (VISIT-2)."))

register(
    PolicyDefault("desk.visits.window.service_midterm_days", 7,
                  C + "§4.1.1 c) 特约服务的回访,应安排在合同执行期的中期阶段",
                  "Days from the middle of a service's term within which the mid-term visit is due (VISIT-1)."),
    PolicyDefault("desk.visits.visitor_roles.major_complaint", ["site_manager"],
                  C + "§4.1.3 a) 重大投诉的回访由管理处经理组织进行; §3.1",
                  "Roles that make the return visit of a major complaint (VISIT-3)."),
    PolicyDefault("desk.visits.visitor_roles.general_complaint", ["cs_assistant"],
                  C + "§4.1.3 b) 一般投诉的回访由被投诉部门主管与客户服务中心管理员共同进行",
                  "CS staff roles that visit a general complaint with the complained department's head (VISIT-3)."),
    PolicyDefault("desk.visits.dept_head_roles", ["dept_head", "cs_supervisor"],
                  C + "§4.1.3 b) 被投诉部门主管",
                  "Roles that count as the complained department's head for a general complaint's visit (VISIT-3)."),
    PolicyDefault("desk.visits.visitor_roles.default", ["cs_assistant"],
                  C + "§4.1.3 c) 维修服务、特约服务和求助服务的回访由管理员进行; §3.3",
                  "Roles that make the other return visits (VISIT-3)."),
    PolicyDefault("desk.visits.supervisor_roles", ["cs_supervisor"],
                  C + "§3.2 客户服务中心主管负责制定回访计划和组织、安排一般回访工作; §4.5 对《回访记录表》进行审核",
                  "Roles that plan and assign visits, review the records and conclude the analysis (VISIT-3, -5, -6)."),
    PolicyDefault("desk.visits.manager_roles", ["site_manager"],
                  C + "§4.5 对于回访内容反馈为不合格的事件应上报管理处经理",
                  "Roles told of an unsatisfactory visit and of the quarterly analysis (VISIT-5, VISIT-6)."),
    PolicyDefault("desk.visits.staff_roles", ["cs_assistant", "cs_supervisor", "site_manager", "general_manager",
                                              "dept_head"],
                  C + "§3 职责",
                  "Roles that may read return visits and record the ones assigned to them."),
    PolicyDefault("desk.visits.retention_years", 2, C + "§4.7 于下一季度10日前统一交由管理处存档保管2年",
                  "Years a return-visit record is kept (VISIT-7)."),
    PolicyDefault("desk.visits.filing_day", 10, C + "§4.7 《回访记录表》于下一季度10日前统一交由管理处存档",
                  "Day of the month after a quarter by which its records are filed (VISIT-7)."),
    PolicyDefault("desk.visits.repeat_complaints", 2, C + "§4.6 连续就同一事项投诉两次以上",
                  "Complaints about the same matter (unit + subject) in a quarter that the analysis lists (VISIT-6)."),
    PolicyDefault("desk.visits.repeat_repairs", 3, C + "§4.6 同一种维修三次以上",
                  "Repairs of the same kind (unit + subject) in a quarter that the analysis lists (VISIT-6)."),
)
