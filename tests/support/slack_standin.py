"""A stand-in for Slack on loopback: its Web API and response URLs, recording every call.

Usage (tests and benchmarks alike; from outside pytest put the repository root on sys.path)::

    from tests.support.slack_standin import SlackStandIn, sign

    with SlackStandIn() as slack:
        # staffbot's SLACK_API_URL=slack.url; a slash command's response_url:
        response_url = slack.response_url("cmd-1")
        ...  # send staffbot a request signed with sign(body, secret)
        calls = slack.wait_for("/chat.postMessage", count=1, timeout=5)
        assert calls[0].body["thread_ts"] == "1700000000.000100"

It answers as Slack does: `auth.test` with the bot user id `BOT_USER_ID`,
`chat.postMessage` with a new `ts`, `chat.postEphemeral`, `views.publish`, `users.info`
(with the locale set in `locales`, else en-US), and `ok` on a
response URL (`/response/<id>`); any other method gets `{"ok": false}`.
`rate_limit_once(path, retry_after)` makes the next call to `path` get a 429 with that
Retry-After.
"""

from __future__ import annotations

import contextlib
import hashlib
import hmac
import itertools
import json
import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, urlsplit

BOT_USER_ID = "UBOT0001"
BOT_ID = "BBOT0001"
TEAM_ID = "T0TEAM001"
# Form fields that Slack clients send as JSON text.
_JSON_FIELDS = ("blocks", "view", "attachments")


@dataclass
class Call:
    """One request the stand-in received."""

    path: str  # "/chat.postMessage", "/response/<id>", ...
    # JSON, or the form with one value per field (blocks etc. decoded), plus query parameters
    body: dict[str, Any]
    headers: dict[str, str]  # names lower-cased
    received_at: float = field(default_factory=time.monotonic)


def sign(body: bytes, secret: str, timestamp: int | None = None) -> dict[str, str]:
    """The headers Slack signs a request with (v0, HMAC-SHA256 of "v0:{timestamp}:{body}")."""
    stamp = str(int(time.time()) if timestamp is None else timestamp)
    base = b"v0:" + stamp.encode() + b":" + body
    digest = hmac.new(secret.encode(), base, hashlib.sha256).hexdigest()
    return {"X-Slack-Request-Timestamp": stamp, "X-Slack-Signature": f"v0={digest}"}


def _parse_body(raw: bytes, content_type: str) -> dict[str, Any]:
    if not raw:
        return {}
    text = raw.decode("utf-8", errors="replace")
    if "json" in content_type or text.lstrip().startswith("{"):
        try:
            parsed = json.loads(text)
        except ValueError:
            return {"_raw": text}
        return parsed if isinstance(parsed, dict) else {"_raw": parsed}
    form: dict[str, Any] = {k: v[0] for k, v in parse_qs(text, keep_blank_values=True).items()}
    for name in _JSON_FIELDS:
        if isinstance(form.get(name), str):
            with contextlib.suppress(ValueError):
                form[name] = json.loads(form[name])
    return form


class SlackStandIn:
    """A local HTTP server in a thread that answers like Slack and records every call."""

    def __init__(self) -> None:
        self.calls: list[Call] = []
        self._condition = threading.Condition()
        self._rate_limits: dict[str, int] = {}
        self.locales: dict[str, str] = {}  # user id → locale that users.info reports
        self._ts = itertools.count(100)
        standin = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def do_GET(self) -> None:  # slack_sdk sends some read methods as GET
                self.do_POST()

            def do_POST(self) -> None:
                length = int(self.headers.get("Content-Length") or 0)
                raw = self.rfile.read(length)
                headers = {k.lower(): v for k, v in self.headers.items()}
                url = urlsplit(self.path)
                body = _parse_body(raw, headers.get("content-type", ""))
                for name, values in parse_qs(url.query).items():
                    body.setdefault(name, values[0])
                call = Call(url.path, body, headers)
                status, extra, payload = standin._answer(call)
                data = (
                    payload.encode() if isinstance(payload, str) else json.dumps(payload).encode()
                )
                self.send_response(status)
                ctype = "text/plain" if isinstance(payload, str) else "application/json"
                self.send_header("Content-Type", f"{ctype}; charset=utf-8")
                self.send_header("Content-Length", str(len(data)))
                for name, value in extra.items():
                    self.send_header(name, value)
                self.end_headers()
                self.wfile.write(data)

            def log_message(self, format: str, *args: Any) -> None:  # quiet
                pass

        class Server(ThreadingHTTPServer):
            daemon_threads = True
            request_queue_size = 256  # bursts of a load test must not be refused

        self._server = Server(("127.0.0.1", 0), Handler)
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)

    # -- the API ------------------------------------------------------------------------

    @property
    def url(self) -> str:
        """The Web API base URL, for SLACK_API_URL (ends with a slash)."""
        host, port = self._server.server_address[:2]
        return f"http://{host!s}:{port}/"

    def response_url(self, response_id: str) -> str:
        """A response_url for a slash command or button payload; calls land on /response/<id>."""
        return f"{self.url}response/{response_id}"

    def rate_limit_once(self, path: str, retry_after: int = 1) -> None:
        """The next call to `path` ("/chat.postMessage") gets 429 with Retry-After."""
        with self._condition:
            self._rate_limits[path] = retry_after

    def calls_to(self, path: str) -> list[Call]:
        with self._condition:
            return [c for c in self.calls if c.path == path]

    def wait_for(self, path: str, count: int = 1, timeout: float = 5.0) -> list[Call]:
        """The calls to `path` once there are at least `count`; AssertionError after timeout."""
        deadline = time.monotonic() + timeout
        with self._condition:
            while True:
                found = [c for c in self.calls if c.path == path]
                if len(found) >= count:
                    return found
                left = deadline - time.monotonic()
                if left <= 0:
                    seen = sorted({c.path for c in self.calls})
                    raise AssertionError(
                        f"{len(found)} of {count} calls to {path} within {timeout}s; saw {seen}"
                    )
                self._condition.wait(left)

    def clear(self) -> None:
        with self._condition:
            self.calls.clear()

    def start(self) -> SlackStandIn:
        self._thread.start()
        return self

    def stop(self) -> None:
        self._server.shutdown()
        self._server.server_close()
        self._thread.join(timeout=5)

    def __enter__(self) -> SlackStandIn:
        return self.start()

    def __exit__(self, *_exc: object) -> None:
        self.stop()

    # -- answers ------------------------------------------------------------------------

    def _answer(self, call: Call) -> tuple[int, dict[str, str], dict[str, Any] | str]:
        with self._condition:
            self.calls.append(call)
            self._condition.notify_all()
            retry_after = self._rate_limits.pop(call.path, None)
        if retry_after is not None:
            return 429, {"Retry-After": str(retry_after)}, {"ok": False, "error": "ratelimited"}
        if call.path.startswith("/response/"):
            return 200, {}, "ok"
        method = call.path.lstrip("/")
        if method == "auth.test":
            return (
                200,
                {},
                {
                    "ok": True,
                    "url": "https://standin.slack.com/",
                    "team": "Stand-in",
                    "user": "staffbot",
                    "team_id": TEAM_ID,
                    "user_id": BOT_USER_ID,
                    "bot_id": BOT_ID,
                    "is_enterprise_install": False,
                },
            )
        if method == "chat.postMessage":
            ts = f"1700000000.{next(self._ts):06d}"
            message = {"type": "message", "user": BOT_USER_ID, "bot_id": BOT_ID, "ts": ts}
            return (
                200,
                {},
                {"ok": True, "channel": call.body.get("channel"), "ts": ts, "message": message},
            )
        if method == "chat.postEphemeral":
            return 200, {}, {"ok": True, "message_ts": f"1700000000.{next(self._ts):06d}"}
        if method == "users.info":
            user = str(call.body.get("user", ""))
            profile = {"id": user, "name": user.lower(), "locale": self.locales.get(user, "en-US")}
            return 200, {}, {"ok": True, "user": profile}
        if method == "views.publish":
            return 200, {}, {"ok": True, "view": {"id": "V0STANDIN", "type": "home"}}
        return 200, {}, {"ok": False, "error": "unknown_method"}
