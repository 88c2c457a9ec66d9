"""Simplified Chinese for the input bounds' refusals (core/limits.py, desk paid items; applied by
scripts/apply_translations.py)."""
T = {
    "“%(field)s” is longer than %(limit)s characters.": "“%(field)s”超过 %(limit)s 个字符。",
    "“%(field)s” has more than %(limit)s entries.": "“%(field)s”超过 %(limit)s 项。",
    "The request is nested more than %(limit)s levels deep.": "请求内容嵌套超过 %(limit)s 层。",
    "The request is larger than %(kb)s KB.": "请求内容超过 %(kb)s KB。",
    "Service items": "服务项目",
}
