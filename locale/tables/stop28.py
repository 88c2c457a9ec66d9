"""Simplified Chinese for messages added at merge in stop 28 (applied by scripts/apply_translations.py)."""
T = {
    "No repair of this project awaits materials under that number.": "本项目没有该编号的待领料维修单。",
    "Each line names item_code and quantity.": "每一行须填写物料编码和数量。",
}
