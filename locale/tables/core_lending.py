T = {
    # core.approvals / core.lending (the shared approval chain and lending engine)
    "You cannot approve your own application.": "不能审批自己的申请。",
    "You have already approved another step; a second person must decide.": "您已审批过其他环节，须由另一人审批。",
    "Counted %(counted)s, the register says %(expected)s; count again together.":
        "清点数量为 %(counted)s，登记为 %(expected)s，请双方重新当面清点。",
    "This has just been lent by someone else.": "刚刚已被他人借出。",
    "applicant": "申请人",
    "borrower": "借用人",
    "note": "备注",
    # core.clearance (ARCH-7)
    "%(name)s still has %(count)s item(s) out and cannot be deactivated: %(items)s":
        "%(name)s 仍有 %(count)s 项物品未归还，不能停用账号：%(items)s",
    "Only the site manager, the general manager or IT may clear a departing employee.":
        "只有管理处经理、总经理或信息部门可以办理离职清查。",
    "Deactivate (only those with nothing out)": "停用账号（仅限无未归还物品者）",
    "Account deactivated after clearance": "离职清查完毕，账号已停用",
    "notification room\x04Archive room": "档案室",
}
