"""Simplified Chinese for the duty rounds walked by checkpoint and the safety registers in Excel (issue 20, branch
safety2; applied by scripts/apply_translations.py)."""
T = {
    # the duty desk's round walks the building patrol route (DUTY-LOG-6, PATROL-1)
    "Checkpoints": "巡查点",
    "Checkpoints not scanned: %(points)s": "未扫码的巡查点：%(points)s",
    "Scan a checkpoint's code, or type its short code": "扫描巡查点二维码，或输入短码",
    "Scanned at": "扫码时间",
    "Scanned by": "签到人",
    "Patrol round opened for a duty round": "为值班巡查开启巡查轮次",
}
