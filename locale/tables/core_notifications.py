"""Simplified Chinese for the notification centre (applied by scripts/apply_translations.py)."""
T = {
    # rooms (msgctxt "notification room") and states (msgctxt "notification state")
    "Key room": "钥匙间",
    "Duty desk": "值班台",
    "Front desk": "前台",
    "Unread": "未读",
    "Open": "待处理",
    "Resolved": "已处理",
    "All": "全部",
    # pages
    "No such notification.": "没有这条通知。",
    "Choose the notifications to mark read.": "请选择要标为已读的通知。",
    "%(count)s notification(s) marked read.": "已将 %(count)s 条通知标为已读。",
    "This notification has no page to open.": "这条通知没有可打开的页面。",
    "State": "状态",
    "Room": "岗位",
    "All rooms": "全部岗位",
    "All projects": "全部项目",
    "Mark this %(n)s read": "将这 %(n)s 条标为已读",
    "Mark all %(n)s unread read": "全部 %(n)s 条未读标为已读",
    "Notification": "通知",
    "Mark read": "标为已读",
    "Mark these read": "将这些标为已读",
    "No notifications.": "没有通知。",
    "Unread notifications": "未读通知",
    "%(n)s unread notifications": "%(n)s 条未读通知",
    "All notifications (%(n)s)": "全部通知 (%(n)s)",
    # API
    "Unknown state “%(value)s”.": "未知的状态“%(value)s”。",
    "Unknown room “%(value)s”.": "未知的岗位“%(value)s”。",
    "The project must be a number.": "项目须为数字。",
    "Give either the ids to mark read or “all”: true.": "请给出要标为已读的 ids，或 “all”: true（二者选一）。",
}
