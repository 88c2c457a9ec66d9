"""Simplified Chinese for the per-address sign-in lock and the demo's refusal in production (issue 14;
applied by scripts/apply_translations.py)."""
T = {
    "Too many failed sign-in attempts from this address: sign-in from here is paused for %(minutes)s minutes. "
    "Try again later.":
        "此地址登录失败次数过多：%(minutes)s 分钟内暂停从此处登录，请稍后再试。",
    "Demo data is never loaded in production (PROPDESK_ENV=production): it would create accounts with the "
    "published demo password.":
        "生产环境（PROPDESK_ENV=production）不能载入演示数据：它会用公开的演示密码创建账号。",
    "Sign-in locked after wrong passwords": "密码错误次数过多，登录已锁定",
    "address": "地址",
    "sign-in address throttle": "登录地址限制",
    "sign-in address throttles": "登录地址限制",
}
