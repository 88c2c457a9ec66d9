"""Simplified Chinese for the sign-in lockout and session msgids (applied by scripts/apply_translations.py)."""
T = {
    "Too many failed sign-in attempts: this account is locked for %(minutes)s minutes. Try again later.":
        "登录失败次数过多：该账号已被锁定 %(minutes)s 分钟，请稍后再试。",
    "Too many wrong passwords for %(name)s: locked for %(minutes)s minutes. Try again later.":
        "%(name)s 的密码输错次数过多，已锁定 %(minutes)s 分钟，请稍后再试。",
    "sign-in throttle": "登录限制",
    "sign-in throttles": "登录限制",
}
