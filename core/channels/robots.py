"""Group robots (NOTIFY-1): WeCom (企业微信, the webhook key is the secret), DingTalk (钉钉, HMAC-SHA256 of the
timestamp and secret in the URL) and Feishu (飞书, HMAC-SHA256 signed timestamp in the body)."""
from __future__ import annotations

import base64
import hashlib
import hmac
from urllib.parse import quote

from core import clock
from core.channels.base import RateLimited, SendFailed, http_json, secret

WECOM_RATE_LIMIT = {45009, 45033}
DINGTALK_RATE_LIMIT = {130101, 660026}
FEISHU_RATE_LIMIT = {9499, 11232, 11233}


def _check(name: str, code, message, rate_limited: set[int]) -> None:
    try:
        code = int(code)
    except (TypeError, ValueError) as error:
        raise SendFailed(f"{name}: unexpected answer") from error
    if code == 0:
        return
    if code in rate_limited:
        raise RateLimited(f"{name}: {code}")
    raise SendFailed(f"{name}: {code} {message or ''}"[:300], retry=False)


def wecom(config: dict, *, to: str, text: str, params: dict | None = None) -> str:
    answer = http_json(secret(config, "webhook"), body={"msgtype": "text", "text": {"content": text}}) or {}
    _check("wecom", answer.get("errcode"), answer.get("errmsg"), WECOM_RATE_LIMIT)
    return ""


def dingtalk_sign(timestamp_ms: int, key: str) -> str:
    digest = hmac.new(key.encode(), f"{timestamp_ms}\n{key}".encode(), hashlib.sha256).digest()
    return quote(base64.b64encode(digest).decode(), safe="")


def dingtalk(config: dict, *, to: str, text: str, params: dict | None = None) -> str:
    url = secret(config, "webhook")
    key = secret(config, "secret")
    if key:
        stamp = int(clock.now().timestamp() * 1000)
        url += ("&" if "?" in url else "?") + f"timestamp={stamp}&sign={dingtalk_sign(stamp, key)}"
    answer = http_json(url, body={"msgtype": "text", "text": {"content": text}}) or {}
    _check("dingtalk", answer.get("errcode"), answer.get("errmsg"), DINGTALK_RATE_LIMIT)
    return ""


def feishu_sign(timestamp: int, key: str) -> str:
    digest = hmac.new(f"{timestamp}\n{key}".encode(), b"", hashlib.sha256).digest()
    return base64.b64encode(digest).decode()


def feishu(config: dict, *, to: str, text: str, params: dict | None = None) -> str:
    body: dict = {"msg_type": "text", "content": {"text": text}}
    key = secret(config, "secret")
    if key:
        stamp = int(clock.now().timestamp())
        body.update(timestamp=str(stamp), sign=feishu_sign(stamp, key))
    answer = http_json(secret(config, "webhook"), body=body) or {}
    _check("feishu", answer.get("code", answer.get("StatusCode")), answer.get("msg"), FEISHU_RATE_LIMIT)
    return ""
