"""A real local HTTP server that answers as an SMS provider or a group robot does (NOTIFY-1 tests).

`serve(flavour)` starts it in a thread; `.mode` is "ok", "limit" or "error"; `.requests` keeps what arrived
(path with query, headers, body) so a test can check the signature the adapter computed; `.delay` makes it a slow
provider (seconds before it answers)."""
from __future__ import annotations

import json
import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

ANSWERS = {
    "aliyun_sms": {"ok": (200, {"Code": "OK", "BizId": "9001", "Message": "OK"}),
                   "limit": (200, {"Code": "isv.BUSINESS_LIMIT_CONTROL", "Message": "触发分钟级流控"}),
                   "error": (200, {"Code": "isv.SMS_TEMPLATE_ILLEGAL", "Message": "模板不合法"})},
    "tencent_sms": {"ok": (200, {"Response": {"SendStatusSet": [{"Code": "Ok", "SerialNo": "2019:1"}],
                                              "RequestId": "r1"}}),
                    "limit": (200, {"Response": {"Error": {"Code": "LimitExceeded.PhoneNumberDailyLimit",
                                                           "Message": "limit"}, "RequestId": "r2"}}),
                    "error": (200, {"Response": {"Error": {"Code": "AuthFailure.SignatureFailure",
                                                           "Message": "bad signature"}, "RequestId": "r3"}})},
    "wecom": {"ok": (200, {"errcode": 0, "errmsg": "ok"}), "limit": (200, {"errcode": 45009, "errmsg": "freq"}),
              "error": (200, {"errcode": 93000, "errmsg": "invalid webhook url"})},
    "dingtalk": {"ok": (200, {"errcode": 0, "errmsg": "ok"}), "limit": (200, {"errcode": 130101, "errmsg": "send too fast"}),
                 "error": (200, {"errcode": 310000, "errmsg": "sign not match"})},
    "feishu": {"ok": (200, {"code": 0, "msg": "success", "data": {}}), "limit": (200, {"code": 9499, "msg": "too many"}),
               "error": (200, {"code": 19021, "msg": "sign match fail"})},
}


@dataclass
class FakeProvider:
    flavour: str
    mode: str = "ok"
    delay: float = 0.0
    requests: list = field(default_factory=list)
    server: ThreadingHTTPServer | None = None

    @property
    def url(self) -> str:
        host, port = self.server.server_address[:2]
        return f"http://{host}:{port}/send"

    def close(self) -> None:
        if self.server is not None:
            self.server.shutdown()
            self.server.server_close()


def serve(flavour: str) -> FakeProvider:
    provider = FakeProvider(flavour)

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self):
            length = int(self.headers.get("Content-Length", "0"))
            body = self.rfile.read(length)
            provider.requests.append({"path": self.path, "headers": dict(self.headers), "body": body})
            if provider.delay:
                time.sleep(provider.delay)
            if provider.mode == "http500":
                status, answer = 500, {"message": "internal"}
            elif provider.mode == "http429":
                status, answer = 429, {"message": "slow down"}
            else:
                status, answer = ANSWERS[provider.flavour][provider.mode]
            data = json.dumps(answer, ensure_ascii=False).encode()
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        def log_message(self, *args):
            return None

    provider.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=provider.server.serve_forever, daemon=True).start()
    return provider
