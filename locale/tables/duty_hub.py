T = {
    "Duty desk": "值班台",
    "Duty log": "值班日志",
    "Events, emergency forms, rounds, daily sign-off": "事件记录、紧急情况处理登记、巡查、每日签阅",
    "Shift handover": "交接班",
    "Items counted face to face, both sign": "物品当面清点,双方签名",
    "Roster": "排班表",
    "Shifts, monthly rosters, swaps and substitutes": "班次、月度排班、调班与顶班",
    "Attendance": "考勤",
    "Clock in and out, leaving the post, monthly report": "上下班打卡、离岗审批、月度考勤报表",
    "Holidays": "节假日",
    "Statutory calendar, notices, decoration calls, safety inspection": "法定节假日、节前通知、装修户电话通知、安全检查",
    "Cannot go from “%(current)s” to “%(target)s”.": "不能从“%(current)s”变为“%(target)s”。",
}
T.update({
    "Major or emergency events open": "未处理完的重大/紧急事件",
    "Events still open": "未处理完的事件",
    "Written reports overdue": "逾期未交书面报告",
    "Handovers in progress": "进行中的交接班",
    "On duty today": "今日值班",
})
