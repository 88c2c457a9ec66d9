"""SMS through the HTTP APIs of the common Chinese providers (NOTIFY-1): Aliyun-style (signed query, HMAC-SHA1)
and Tencent-Cloud-style (TC3-HMAC-SHA256). Endpoint, keys, sign name and template per company come from the
channel's configuration (policy `core.channels.config`). The demo's "console" SMS writes to a file under var/."""
from __future__ import annotations

import base64
import datetime as dt
import hashlib
import hmac
import json
import uuid
from pathlib import Path
from urllib.parse import quote

from django.conf import settings

from core import clock
from core.channels.base import RateLimited, SendFailed, http_json, secret

ALIYUN_RATE_LIMIT = {"isv.BUSINESS_LIMIT_CONTROL", "Throttling.User", "Throttling"}
TENCENT_RATE_LIMIT_PREFIX = ("LimitExceeded", "RequestLimitExceeded")


def _pct(value: str) -> str:
    return quote(value, safe="~")


def aliyun_signature(params: dict, access_secret: str, method: str = "POST") -> str:
    canonical = "&".join(f"{_pct(k)}={_pct(str(params[k]))}" for k in sorted(params))
    to_sign = f"{method}&{_pct('/')}&{_pct(canonical)}"
    digest = hmac.new(f"{access_secret}&".encode(), to_sign.encode(), hashlib.sha1).digest()
    return base64.b64encode(digest).decode()


def aliyun(config: dict, *, to: str, text: str, params: dict | None = None) -> str:
    query = {"AccessKeyId": secret(config, "key_id"), "Action": "SendSms", "Format": "JSON",
             "PhoneNumbers": to, "RegionId": config.get("region", "cn-hangzhou"),
             "SignName": config.get("sign_name", ""), "SignatureMethod": "HMAC-SHA1",
             "SignatureNonce": uuid.uuid4().hex, "SignatureVersion": "1.0",
             "TemplateCode": config.get("template", ""),
             "TemplateParam": json.dumps(params or {"text": text}, ensure_ascii=False),
             "Timestamp": clock.now().astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
             "Version": "2017-05-25"}
    query["Signature"] = aliyun_signature(query, secret(config, "secret"))
    body = "&".join(f"{_pct(k)}={_pct(str(v))}" for k, v in query.items()).encode()
    answer = http_json(config["endpoint"], data=body,
                       headers={"Content-Type": "application/x-www-form-urlencoded"}) or {}
    code = str(answer.get("Code", ""))
    if code == "OK":
        return str(answer.get("BizId", ""))
    if code in ALIYUN_RATE_LIMIT:
        raise RateLimited(f"aliyun: {code}")
    raise SendFailed(f"aliyun: {code} {answer.get('Message', '')}"[:300], retry=code.startswith("isp."))


def _sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _hmac(key: bytes, msg: str) -> bytes:
    return hmac.new(key, msg.encode(), hashlib.sha256).digest()


def tencent_authorization(*, key_id: str, key: str, host: str, payload: bytes, timestamp: int,
                          service: str = "sms") -> str:
    """TC3-HMAC-SHA256 as Tencent Cloud API 3.0 signs a POST with a JSON body."""
    day = dt.datetime.fromtimestamp(timestamp, dt.UTC).strftime("%Y-%m-%d")
    canonical = (f"POST\n/\n\ncontent-type:application/json; charset=utf-8\nhost:{host}\n\n"
                 f"content-type;host\n{_sha256(payload)}")
    scope = f"{day}/{service}/tc3_request"
    to_sign = f"TC3-HMAC-SHA256\n{timestamp}\n{scope}\n{_sha256(canonical.encode())}"
    signing = _hmac(_hmac(_hmac(f"TC3{key}".encode(), day), service), "tc3_request")
    signature = hmac.new(signing, to_sign.encode(), hashlib.sha256).hexdigest()
    return f"TC3-HMAC-SHA256 Credential={key_id}/{scope}, SignedHeaders=content-type;host, Signature={signature}"


def tencent(config: dict, *, to: str, text: str, params: dict | None = None) -> str:
    endpoint = config["endpoint"]
    host = config.get("host") or endpoint.split("://", 1)[-1].split("/", 1)[0]
    body = {"PhoneNumberSet": [to if to.startswith("+") else f"+86{to}"], "SmsSdkAppId": config.get("app_id", ""),
            "SignName": config.get("sign_name", ""), "TemplateId": config.get("template", ""),
            "TemplateParamSet": list((params or {"text": text}).values())}
    payload = json.dumps(body, ensure_ascii=False).encode()
    timestamp = int(clock.now().timestamp())
    headers = {"Host": host, "X-TC-Action": "SendSms", "X-TC-Version": "2021-01-11", "X-TC-Timestamp": str(timestamp),
               "X-TC-Region": config.get("region", "ap-guangzhou"),
               "Authorization": tencent_authorization(key_id=secret(config, "key_id"), key=secret(config, "secret"),
                                                      host=host, payload=payload, timestamp=timestamp)}
    answer = (http_json(endpoint, data=payload, headers=headers) or {}).get("Response", {})
    error = answer.get("Error")
    if error:
        code = str(error.get("Code", ""))
        if code.startswith(TENCENT_RATE_LIMIT_PREFIX):
            raise RateLimited(f"tencent: {code}")
        raise SendFailed(f"tencent: {code} {error.get('Message', '')}"[:300], retry=code.startswith("InternalError"))
    status = (answer.get("SendStatusSet") or [{}])[0]
    code = str(status.get("Code", ""))
    if code == "Ok":
        return str(status.get("SerialNo", ""))
    if code.startswith(TENCENT_RATE_LIMIT_PREFIX):
        raise RateLimited(f"tencent: {code}")
    raise SendFailed(f"tencent: {code} {status.get('Message', '')}"[:300], retry=False)


def console(config: dict, *, to: str, text: str, params: dict | None = None) -> str:
    """The demo's SMS: one line per message in a file under var/ (and nothing leaves the machine)."""
    path = Path(config.get("path") or Path(settings.VAR_DIR) / "sms.log")
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "a", encoding="utf-8") as handle:
        handle.write(f"{clock.now().isoformat()} {to} {text}\n")
    return ""
