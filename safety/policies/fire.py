"""Policy defaults of patrols and fire safety (PATROL-1, FIRE-1..6; 001 篇10)."""
from core.policies import PolicyDefault, register

register(
    PolicyDefault("safety.patrol.roles", ["security_guard", "dept_head", "technician", "cs_assistant"],
                  "001 篇10 二(一) 每日防火巡查; 重点部位每2小时巡查一次", "Roles that walk patrol rounds."),
    PolicyDefault("safety.patrol.supervisor_roles", ["dept_head", "cs_supervisor"],
                  "001 篇10 二(一) 巡查发现的问题及时上报", "Roles told of missed and late checkpoints."),
    PolicyDefault("safety.patrol.late_minutes", 15, "001 篇10 二(一) 重点部位每2小时巡查一次，并有记录",
                  "Minutes after a round's end within which a point still counts as late (not missed)."),
    PolicyDefault("safety.fire.officer_roles", ["dept_head", "site_manager"],
                  "001 篇10 一 消防安全责任人、管理人", "Roles that inspect monthly, register and close hazards, "
                  "answer the fire authority and record training."),
    PolicyDefault("safety.fire.test_months", {"detector": 12, "pump": 1, "pressurisation": 6, "smoke_exhaust": 6,
                                              "hydrant": 3, "extinguisher": 6},
                  "001 篇10 二(四) 每只探测器每年试验一次; 消防泵每月; 正压送风、排烟每半年; 消火栓每季度; 灭火器每年两次",
                  "Months between tests of each kind of fire equipment."),
    PolicyDefault("safety.fire.exercise_months", {"training": 6, "drill": 6, "brigade_training": 3,
                                                  "brigade_drill": 6},
                  "001 篇10 二(二) 每年至少两次消防培训; 每半年演练一次; 兼职消防队每季度训练",
                  "Months within which each kind of exercise is held again."),
    PolicyDefault("safety.fire.pass_score", 60, "001 篇10 二(二) 新员工上岗前须经消防考试合格",
                  "The score a fire-safety test is passed with."),
)
