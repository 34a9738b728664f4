"""A stand-in for Slack on loopback: its Web API and response URLs, recording every call.

Usage (tests and benchmarks alike; from outside pytest put the repository root on sys.path)::

    from tests.support.slack_standin import SlackStandIn, sign

    with SlackStandIn() as slack:
        # staffbot's SLACK_API_URL=slack.url; a slash command's response_url:
        response_url = slack.response_url("cmd-1")
        ...  # send staffbot a request signed with sign(body, secret)
        calls = slack.wait_for("/chat.postMessage", count=1, timeout=5)
        assert calls[0].body["thread_ts"] == "1700000000.000100"

It answers as Slack does: `auth.test` with the bot user id `BOT_USER_ID` (invalid_auth for
a token in `refused_tokens`; the X-OAuth-Scopes header when `token_scopes` is set),
`chat.postMessage` with a new `ts`, `chat.postEphemeral`, `views.publish`, `users.info`
(with the locale set in `locales`, else en-US), `conversations.members` (the ids in
`members[channel]`, in pages of `limit` with a cursor), `chat.update` (recorded), `views.open`
and `assistant.threads.setSuggestedPrompts` (ok), and `ok` on a response URL
(`/response/<id>`); any other method gets `{"ok": false}`.

For scheduled posts it also keeps each channel's messages: `conversations.history`
returns the messages `chat.postMessage` put in that channel, newest first, with their
`metadata` when asked with `include_all_metadata`, only those posted at or after `oldest`
(a message's time is `clock()` when it arrived: set `clock` to a test's fake clock; its
`ts` keeps the stand-in's own numbering). `conversations.open` gives a user's DM id (D + the
user id's tail); `users.info` answers user_not_found for ids in `unknown_users`, and for
those in `unknown_channels` as channels are refused; ids in `deactivated_users` are
"deleted".
`conversations.info` answers ok unless the id is
in `unknown_channels` (then `channel_not_found`, as chat.postMessage and
conversations.history do too). Uploads: `files.getUploadURLExternal` gives a `file_id` and
an `upload_url` on the stand-in itself; the bytes POSTed there are kept in `uploads`
(file_id → bytes); `files.completeUploadExternal` shares them (kept in `shared_files`).

Failures, per path ("/chat.postMessage"), all thread-safe:

- `rate_limit_once(path, retry_after)`: the next call gets 429 with that Retry-After.
- `rate_limit(path, fraction, retry_after)`: deterministically every Nth call gets 429
  when fraction = 1/N (0 turns it off).
- `fail(path, status=500, count=1)`: the next `count` calls get that status; nothing is
  posted.
- `delay(path, seconds)`: every call is taken (a message is posted) and answered only
  after `seconds` (0 turns it off): a process killed meanwhile never learns its ts.
- `hang_once(path, seconds)`: the next call is taken and recorded (the message is
  posted), then answered only after `seconds`: a client that times out first has an
  unclear outcome.
"""

from __future__ import annotations

import contextlib
import hashlib
import hmac
import itertools
import json
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, urlsplit

BOT_USER_ID = "UBOT0001"
BOT_ID = "BBOT0001"
TEAM_ID = "T0TEAM001"
# Form fields that Slack clients send as JSON text.
_JSON_FIELDS = ("blocks", "view", "attachments", "metadata")
# Methods that answer channel_not_found for a channel in `unknown_channels`.
_CHANNEL_METHODS = ("chat.postMessage", "conversations.history", "conversations.info")
_TRUE = ("1", "true")
_RATE_LIMITED = {"ok": False, "error": "ratelimited"}
Answer = dict[str, Any] | str


@dataclass
class Call:
    """One request the stand-in received."""

    path: str  # "/chat.postMessage", "/response/<id>", ...
    # JSON, or the form with one value per field (blocks etc. decoded), plus query parameters
    body: dict[str, Any]
    headers: dict[str, str]  # names lower-cased
    received_at: float = field(default_factory=time.monotonic)
    raw: bytes = b""  # the request body as sent


@dataclass
class _Trouble:
    """Failures set up for one path."""

    fail_status: int = 0
    fail_count: int = 0
    every: int = 0  # every Nth call gets 429
    retry_after: int = 1
    seen: int = 0
    delay: float = 0.0
    hang: float = 0.0


def _parse_json(value: Any) -> Any:
    """A JSON argument as slack_sdk sends it: already parsed (JSON body) or as text (form)."""
    return json.loads(value) if isinstance(value, str) else value


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
        self._troubles: dict[str, _Trouble] = {}
        self.locales: dict[str, str] = {}  # user id → locale that users.info reports
        self.unknown_channels: set[str] = set()  # channel_not_found for these ids
        self.unknown_users: set[str] = set()  # users.info: user_not_found for these ids
        self.deactivated_users: set[str] = set()  # users.info: "deleted": true for these
        self.refused_tokens: set[str] = set()  # auth.test: invalid_auth for these bot tokens
        # auth.test's X-OAuth-Scopes header, as Slack sends it ("chat:write,commands"); None: none
        self.token_scopes: str | None = None
        self.clock: Callable[[], float] = time.time  # a message's time, for `oldest`
        # channel → messages posted there, oldest first (each with "_at": clock() on arrival)
        self.messages: dict[str, list[dict[str, Any]]] = {}
        self.uploads: dict[str, bytes] = {}  # file_id → the bytes POSTed to its upload URL
        self.shared_files: list[dict[str, Any]] = []  # files.completeUploadExternal bodies
        self.views: list[dict[str, Any]] = []  # views.open: each view opened, with its "id"
        self.timezones: dict[str, str] = {}  # user id → tz that users.info reports
        self._view_ids = itertools.count(1)
        self.members: dict[str, list[str]] = {}  # channel → member ids (conversations.members)
        self._ts = itertools.count(100)
        self._file_ids = itertools.count(1)
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
                if url.path.startswith("/upload/"):
                    body = {}  # raw file bytes, not a form
                call = Call(url.path, body, headers, raw=raw)
                status, extra, payload = standin._answer(call)
                data = (
                    payload.encode() if isinstance(payload, str) else json.dumps(payload).encode()
                )
                # The client may have given up (timeout, kill -9) while we made it wait.
                with contextlib.suppress(OSError):
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

            def handle_error(self, request: Any, client_address: Any) -> None:
                pass  # a client that hung up on a delayed answer is expected

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

    def rate_limit(self, path: str, fraction: float, retry_after: int = 1) -> None:
        """Every Nth call to `path` gets 429 with Retry-After, N = round(1 / fraction).

        Deterministic: with fraction 0.1 the 10th, 20th, ... calls are refused. 0 turns it off.
        """
        with self._condition:
            trouble = self._troubles.setdefault(path, _Trouble())
            trouble.every = round(1 / fraction) if fraction > 0 else 0
            trouble.retry_after = retry_after
            trouble.seen = 0

    def fail(self, path: str, status: int = 500, count: int = 1) -> None:
        """The next `count` calls to `path` get HTTP `status`; they post nothing."""
        with self._condition:
            trouble = self._troubles.setdefault(path, _Trouble())
            trouble.fail_status, trouble.fail_count = status, count

    def delay(self, path: str, seconds: float) -> None:
        """Every call to `path` is taken, then answered after `seconds` (0 turns it off)."""
        with self._condition:
            self._troubles.setdefault(path, _Trouble()).delay = seconds

    def hang_once(self, path: str, seconds: float) -> None:
        """The next call to `path` is taken and recorded, then answered after `seconds`."""
        with self._condition:
            self._troubles.setdefault(path, _Trouble()).hang = seconds

    def messages_in(self, channel: str) -> list[dict[str, Any]]:
        """The messages posted to `channel`, oldest first."""
        with self._condition:
            return [dict(m) for m in self.messages.get(channel, [])]

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
        """Forgets the calls received (messages, uploads and failures set up stay)."""
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

    def _trouble(self, path: str) -> tuple[tuple[int, dict[str, str], Answer] | None, float]:
        """A failure to answer `path` with now, if one is due, and how long to wait first."""
        retry_after = self._rate_limits.pop(path, None)
        if retry_after is not None:
            return (429, {"Retry-After": str(retry_after)}, _RATE_LIMITED), 0.0
        trouble = self._troubles.get(path)
        if trouble is None:
            return None, 0.0
        if trouble.fail_count > 0:
            trouble.fail_count -= 1
            return (trouble.fail_status, {}, {"ok": False, "error": "internal_error"}), 0.0
        if trouble.every:
            trouble.seen += 1
            if trouble.seen % trouble.every == 0:
                headers = {"Retry-After": str(trouble.retry_after)}
                return (429, headers, _RATE_LIMITED), 0.0
        wait, trouble.hang = trouble.hang or trouble.delay, 0.0
        return None, wait

    def _answer(self, call: Call) -> tuple[int, dict[str, str], Answer]:
        with self._condition:
            self.calls.append(call)
            self._condition.notify_all()
            failure, wait = self._trouble(call.path)
            if failure is None:
                answer = self._answer_call(call)
        if failure is not None:
            return failure
        if wait:
            time.sleep(wait)
        return answer

    def _answer_call(self, call: Call) -> tuple[int, dict[str, str], Answer]:
        """The answer to a call that goes through (called holding the lock)."""
        if call.path.startswith("/response/"):
            return 200, {}, "ok"
        method = call.path.lstrip("/")
        if method == "auth.test":
            token = call.headers.get("authorization", "").removeprefix("Bearer ")
            if token in self.refused_tokens:
                return 200, {}, {"ok": False, "error": "invalid_auth"}
            scopes = {} if self.token_scopes is None else {"X-OAuth-Scopes": self.token_scopes}
            return (
                200,
                scopes,
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
        channel = str(call.body.get("channel") or call.body.get("channel_id") or "")
        if channel in self.unknown_channels and method in _CHANNEL_METHODS:
            return 200, {}, {"ok": False, "error": "channel_not_found"}
        if method == "chat.postMessage":
            ts = f"1700000000.{next(self._ts):06d}"
            message = {"type": "message", "user": BOT_USER_ID, "bot_id": BOT_ID, "ts": ts}
            kept = {**message, "text": call.body.get("text", ""), "_at": self.clock()}
            if call.body.get("blocks"):
                kept["blocks"] = _parse_json(call.body["blocks"])
            if call.body.get("metadata"):
                kept["metadata"] = call.body["metadata"]
            if call.body.get("thread_ts"):
                kept["thread_ts"] = call.body["thread_ts"]
            self.messages.setdefault(channel, []).append(kept)
            return (
                200,
                {},
                {"ok": True, "channel": call.body.get("channel"), "ts": ts, "message": message},
            )
        if method == "chat.update":
            for kept in self.messages.get(channel, []):
                if kept["ts"] == call.body.get("ts"):
                    kept["text"] = call.body.get("text", "")
                    kept["blocks"] = _parse_json(call.body.get("blocks") or "[]")
                    return 200, {}, {"ok": True, "channel": channel, "ts": kept["ts"]}
            return 200, {}, {"ok": False, "error": "message_not_found"}
        if method == "views.open":
            view = {
                **_parse_json(call.body.get("view") or "{}"),
                "id": f"V0VIEW{next(self._view_ids):04d}",
            }
            self.views.append(view)
            return 200, {}, {"ok": True, "view": view}
        if method == "conversations.history":
            return 200, {}, self._history(channel, call.body)
        if method == "conversations.info":
            return 200, {}, {"ok": True, "channel": {"id": channel, "is_member": True}}
        if method == "files.getUploadURLExternal":
            file_id = f"F0STANDIN{next(self._file_ids):04d}"
            upload_url = f"{self.url}upload/{file_id}"
            return 200, {}, {"ok": True, "upload_url": upload_url, "file_id": file_id}
        if call.path.startswith("/upload/"):
            self.uploads[call.path.removeprefix("/upload/")] = call.raw
            return 200, {}, f"OK - {len(call.raw)}"
        if method == "files.completeUploadExternal":
            files = call.body.get("files")
            if isinstance(files, str):
                with contextlib.suppress(ValueError):
                    files = json.loads(files)
            self.shared_files.append({**call.body, "files": files})
            listed = [{"id": f.get("id"), "title": f.get("title")} for f in files or []]
            return 200, {}, {"ok": True, "files": listed}
        if method == "chat.postEphemeral":
            return 200, {}, {"ok": True, "message_ts": f"1700000000.{next(self._ts):06d}"}
        if method == "conversations.open":
            # The bot's DM with a user: D plus the user id's tail, stable per user.
            user = str(call.body.get("users", "")).split(",")[0]
            return 200, {}, {"ok": True, "channel": {"id": "D" + user[1:]}}
        if method == "users.info":
            user = str(call.body.get("user", ""))
            if user in self.unknown_users or user in self.unknown_channels:
                return 200, {}, {"ok": False, "error": "user_not_found"}
            profile = {
                "id": user,
                "name": user.lower(),
                "locale": self.locales.get(user, "en-US"),
                "tz": self.timezones.get(user, "Europe/Zurich"),
                "deleted": user in self.deactivated_users,
            }
            return 200, {}, {"ok": True, "user": profile}
        if method == "conversations.members":
            return 200, {}, self._members(channel, call.body)
        if method == "assistant.threads.setSuggestedPrompts":
            return 200, {}, {"ok": True}
        if method == "views.publish":
            return 200, {}, {"ok": True, "view": {"id": "V0STANDIN", "type": "home"}}
        return 200, {}, {"ok": False, "error": "unknown_method"}

    def _members(self, channel: str, query: dict[str, Any]) -> dict[str, Any]:
        members = self.members.get(channel, [])
        start = int(query.get("cursor") or 0)
        limit = int(query.get("limit") or 100)
        page = members[start : start + limit]
        cursor = str(start + limit) if start + limit < len(members) else ""
        return {"ok": True, "members": page, "response_metadata": {"next_cursor": cursor}}

    def _history(self, channel: str, query: dict[str, Any]) -> dict[str, Any]:
        oldest = float(query.get("oldest") or 0)
        with_metadata = str(query.get("include_all_metadata", "")).lower() in _TRUE
        limit = int(query.get("limit") or 100)
        found = []
        for message in reversed(self.messages.get(channel, [])):
            if message["_at"] < oldest:
                continue
            shown = {k: v for k, v in message.items() if not k.startswith("_")}
            if not with_metadata:
                shown.pop("metadata", None)
            found.append(shown)
        return {
            "ok": True,
            "messages": found[:limit],
            "has_more": len(found) > limit,
            "response_metadata": {"next_cursor": ""},
        }
