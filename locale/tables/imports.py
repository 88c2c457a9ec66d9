"""Simplified Chinese for background jobs: imports with a progress bar and a report per row (issue 22, branch
imports; applied by scripts/apply_translations.py)."""
T = {
    # the job and its states (core.jobs, core.models.jobs)
    "background job": "后台任务",
    "background jobs": "后台任务",
    "queued": "排队中",
    "running": "进行中",
    "failed": "已中止",
    "state": "状态",
    "file name": "文件名",
    "Reading the file": "正在读取文件",
    "Checking the rows": "正在逐行检查",
    "Writing": "正在写入",
    "Writing the file": "正在生成文件",
    # refusals and endings
    "This kind of job is not known.": "未知的任务类型。",
    "One of these is already running for this project; wait for it to finish.": "本项目已有同类任务在进行，请等它结束。",
    "This file was imported into this project before (%(when)s, by %(who)s); it is not imported twice.":
        "此文件已于 %(when)s 由 %(who)s 导入本项目，不会重复导入。",
    "The job stopped because of an error in the program; nothing was imported.": "任务因程序错误中止，未导入任何内容。",
    "The job stopped when the server that ran it stopped; nothing was imported. Submit the file again.":
        "运行任务的服务器已停止，任务中止，未导入任何内容。请重新提交文件。",
    # audit events
    "Import or export submitted": "提交导入或导出",
    "Import or export finished": "导入或导出完成",
    "Import or export stopped": "导入或导出中止",
    # the rooms' kinds and duplicates
    "Import of the key ledger": "导入钥匙台账",
    "Import of the catalogue": "导入档案目录",
    "%(number)s is already in the ledger: a duplicate, not imported again": "%(number)s 已在台账中：重复，不再导入",
    "%(number)s is already in the catalogue: a duplicate, not imported again": "%(number)s 已在目录中：重复，不再导入",
    # the pages
    "Submitted by %(who)s at %(when)s: %(state)s.": "%(who)s 于 %(when)s 提交：%(state)s。",
    "Reload the page to see how far it has come.": "刷新页面可查看进度。",
    "%(n)s of %(rows)s row(s) imported.": "共 %(rows)s 行，已导入 %(n)s 行。",
    "%(n)s row(s) with errors.": "%(n)s 行有错误。",
    "%(n)s row(s) already imported or repeated in the file: duplicates, not imported again.":
        "%(n)s 行已导入过或在文件中重复：属重复行，不再导入。",
    "Every row is right.": "每一行都无误。",
    "Duplicate": "重复",
    "Error": "错误",
    "Only the first 5,000 problems are listed.": "仅列出前 5,000 个问题。",
    "Every row not listed here was imported.": "未列出的行均已导入。",
    "The import runs in the background: you may leave this page and come back. A file imported before is not "
    "imported again; a key number already in the ledger is reported as a duplicate.":
        "导入在后台进行，可以离开本页稍后再回来。导入过的文件不会再次导入；台账中已有的钥匙编号作为重复行报告。",
    "An import is running for this project; the button comes back when it ends.": "本项目正在导入，结束后按钮恢复可用。",
    "See the earlier import": "查看之前的导入",
}
