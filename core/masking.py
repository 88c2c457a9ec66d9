"""Masking of personal data for display (CORE-3)."""


def mask_phone(phone: str) -> str:
    digits = phone.strip()
    if len(digits) < 7:
        return "*" * len(digits)
    return f"{digits[:3]}****{digits[-4:]}"


def mask_id_number(hint: str) -> str:
    """An ID number is never held in clear; the hint is its last four characters."""
    return f"**************{hint}" if hint else ""
