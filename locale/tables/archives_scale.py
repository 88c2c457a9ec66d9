"""Simplified Chinese for the catalogue at scale and the document registers' Excel (issue 15; applied by
scripts/apply_translations.py)."""
T = {
    "Page %(n)s (more than %(records)s records: search or filter to narrow them)":
        "第 %(n)s 页（超过 %(records)s 条记录，请搜索或筛选以缩小范围）",
    "Incoming register (Excel)": "收文登记簿（Excel）",
    "Outgoing register (Excel)": "发文登记簿（Excel）",
    "Incoming documents register": "收文登记簿",
    "Outgoing documents register": "发文登记簿",
}
T["archive room\x04Documents"] = "收发文件"  # the duty handover's "Documents" stays 资料
