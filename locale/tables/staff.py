"""Simplified Chinese for staff training, the supervisor's daily checks and the monthly appraisal (issue 21), and
the key room's spot checks and keys out of service (applied by scripts/apply_translations.py)."""
T = {
    # keys: spot checks (KEY-CHECK-2) and keys that do not work (KEY-DAILY-3)
    "Unannounced spot check by management": "管理层不定期抽查",
    "Spot checks are made by management.": "抽查由公司管理层进行。",
    "On its hook but does not work": "在位但无法正常使用",
    "key works": "钥匙可正常使用",
    "Does not work": "无法使用",
    "A key marked as not working is not on this count.": "标记为无法使用的钥匙不在本次盘点中。",
    "Only a key found on its hook can be marked as not working.": "只有在位的钥匙才能标记为无法使用。",
    "Record whether the key was repaired or replaced.": "请登记钥匙已修复还是已更换。",
}
