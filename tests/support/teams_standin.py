"""A stand-in for Microsoft Teams on loopback: Bot Framework's keys and the Bot Connector API.

Usage (tests and benchmarks alike; from outside pytest put the repository root on sys.path)::

    from tests.support.teams_standin import APP_ID, TeamsStandIn

    with TeamsStandIn() as teams:
        app = App(client_id=APP_ID, token=teams.token_provider, cloud=teams.cloud, ...)
        token = teams.mint_token(APP_ID, teams.url)  # "Authorization: Bearer <token>"
        ...  # post an activity with "serviceUrl": teams.url to staffbot's /api/messages
        sent = teams.wait_for(count=1, timeout=5)
        assert sent[0].activity["text"] == "..."

Inbound, it plays Bot Framework's token issuer: `mint_token` signs an RS256 JWT shaped like the
Bot Connector's (iss = `token_issuer`, aud = the app id, `serviceurl`, nbf/iat/exp, `kid` in
the header), and `GET /v1/.well-known/openidconfiguration` and `GET /v1/.well-known/keys`
publish the public key. `cloud` is the SDK's CloudEnvironment pointed at those two (the SDK
only ever reads `/keys`: it derives the URL from `openid_metadata_url`).

Outbound, it plays Entra and the Bot Connector. `token_provider(scope, tenant_id)` is the
callable for the SDK's `App(token=...)`/TokenCredentials: it signs a token with a second key
that only the stand-in knows, aud = the scope's resource. The Bot Connector lives under `url`
(the serviceUrl to put in activities; it has a region path as Teams' do) and answers 401
unless a call carries `Authorization: Bearer <one of those tokens>` for the Bot Framework scope:

- `POST v3/conversations/{id}/activities`: a new message (a reply when the body has
  `replyToId`, as the SDK's `conversations.activities(id).reply()` sends it); answers
  201 `{"id": <new activity id>}` (numeric, so the SDK's `to_threaded_conversation_id`
  accepts it). A typing activity gets `{}` and is not counted in `sent`.
- `POST v3/conversations/{id}/activities/{activityId}`: the REST API's reply.
- `PUT v3/conversations/{id}/activities/{activityId}`: update; `{"id": activityId}`.
- `DELETE v3/conversations/{id}/activities/{activityId}`.
- `GET v3/conversations/{id}/members/{memberId}` (a 29: id or an AAD object id) and
  `GET v3/conversations/{id}/members`: from `members`; an unknown member gets 404.

Every Bot Connector call is kept in `calls` (refused ones too, with their status); the
activities that went through are in `sent` (`wait_for` waits for them) and, latest version
by id, in `messages_in(conversation_id)` (a channel's thread posts included).

Failures, for the next Bot Connector calls that pass authentication, all thread-safe:

- `rate_limit(times=1, retry_after=1)`: 429 with that Retry-After; nothing is posted.
- `fail(times=1, status=500)`: that status; nothing is posted.
- `hang_once(seconds)`: the next call is taken and recorded (the message is posted), then
  answered only after `seconds` (or at `close()`): a client that gives up first has an
  unclear outcome. Note the SDK's HTTP client has no timeout of its own.
"""

from __future__ import annotations

import base64
import contextlib
import functools
import itertools
import json
import re
import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, unquote, urlsplit

import jwt
from cryptography.hazmat.primitives.asymmetric import rsa
from microsoft_teams.api.auth.cloud_environment import PUBLIC, CloudEnvironment, with_overrides

APP_ID = "00000000-0000-4000-8000-00000000b07a"  # the bot's Entra app (client) id in tests
TENANT_ID = "00000000-0000-4000-8000-0000000071d0"
SERVICE_PATH = "/amer/"  # Teams' serviceUrls carry a region path; a bot must keep it
KEY_ID = "standin-bf-1"
TOKEN_LIFETIME = 3600
# PyJWT in the SDK's validator allows 300 s of clock skew: an "expired" token must be older.
EXPIRED_AGO = 3600

_ACTIVITIES = re.compile(r"^v3/conversations/([^/]+)/activities(?:/([^/]+))?$")
_MEMBERS = re.compile(r"^v3/conversations/([^/]+)/members(?:/([^/]+))?$")
_DENIED = {"message": "Authorization has been denied for this request."}

Answer = tuple[int, dict[str, str], dict[str, Any] | list[Any]]


@dataclass
class Member:
    """A person the Bot Connector knows, as `GET …/members/{id}` describes them."""

    aad_object_id: str
    name: str
    email: str = ""
    tenant_id: str = TENANT_ID


@dataclass
class Call:
    """One request to the Bot Connector, as received (and how it was answered)."""

    method: str
    operation: str  # create | reply | update | delete | member | members | unknown
    conversation_id: str  # as in the path, unquoted (a channel thread's ends ";messageid=…")
    activity_id: str  # the path's activity or member id, else ""
    activity: dict[str, Any]  # the JSON body ({} for GET / DELETE)
    headers: dict[str, str]  # names lower-cased
    status: int = 0
    id: str = ""  # the activity id answered for create / reply / update
    received_at: float = field(default_factory=time.monotonic)

    @property
    def reply_to_id(self) -> str:
        """The activity this one answers: the REST reply's path id or the body's replyToId."""
        if self.operation == "reply":
            return self.activity_id or str(self.activity.get("replyToId") or "")
        return ""

    @property
    def thread_id(self) -> str:
        """The channel thread's root message id from a ";messageid=" conversation id, else ""."""
        _, _, rest = self.conversation_id.partition(";messageid=")
        return rest


def to_base_conversation_id(conversation_id: str) -> str:
    """The conversation id without a channel thread's ";messageid=…" suffix."""
    return conversation_id.split(";")[0]


def _b64url_uint(value: int) -> str:
    raw = value.to_bytes((value.bit_length() + 7) // 8, "big")
    return base64.urlsafe_b64encode(raw).rstrip(b"=").decode()


@functools.cache
def _key(name: str) -> rsa.RSAPrivateKey:
    """An RSA key per role, made once per process: key generation is the slow part of a test."""
    return rsa.generate_private_key(public_exponent=65537, key_size=2048)


class TeamsStandIn:
    """A local HTTP server in a thread that answers like Bot Framework and records every call."""

    def __init__(self, app_id: str = APP_ID) -> None:
        self.app_id = app_id  # the appid claim of outbound tokens
        self.calls: list[Call] = []
        self.members: dict[str, Member] = {}  # 29: id → who
        self.token_requests: list[tuple[str, str | None]] = []  # (scope, tenant_id) asked for
        # Entra's token endpoint (`login_endpoint`): the client secret it accepts for app_id.
        self.client_secret = "teams-standin-client-secret"
        self._messages: dict[str, dict[str, dict[str, Any]]] = {}  # base conv id → id → activity
        self._condition = threading.Condition()
        self._closing = threading.Event()
        self._rate_limited = 0
        self._retry_after = 1
        self._failing = 0
        self._fail_status = 500
        self._hang = 0.0
        self._ids = itertools.count(1700000000001)
        # Bot Framework's signing key (published) and the outbound one (Entra's, never shown).
        self._key = _key("bot-framework")
        self._other_key = _key("forger")
        self._connector_key = _key("entra")
        standin = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def do_GET(self) -> None:
                self._handle()

            def do_POST(self) -> None:
                self._handle()

            def do_PUT(self) -> None:
                self._handle()

            def do_DELETE(self) -> None:
                self._handle()

            def _handle(self) -> None:
                length = int(self.headers.get("Content-Length") or 0)
                raw = self.rfile.read(length)
                headers = {k.lower(): v for k, v in self.headers.items()}
                status, extra, payload = standin._answer(self.command, self.path, headers, raw)
                data = json.dumps(payload).encode()
                # The client may have given up (timeout, kill -9) while we made it wait.
                with contextlib.suppress(OSError):
                    self.send_response(status)
                    self.send_header("Content-Type", "application/json; charset=utf-8")
                    self.send_header("Content-Length", str(len(data)))
                    for name, value in extra.items():
                        self.send_header(name, value)
                    self.end_headers()
                    self.wfile.write(data)

            def log_message(self, format: str, *args: Any) -> None:  # quiet
                pass

        class Server(ThreadingHTTPServer):
            daemon_threads = True
            request_queue_size = 256

            def handle_error(self, request: Any, client_address: Any) -> None:
                pass  # a client that hung up on a delayed answer is expected

        self._server = Server(("127.0.0.1", 0), Handler)
        # A short poll interval: shutdown() waits for it, once per test.
        self._thread = threading.Thread(
            target=self._server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
        )
        self._thread.start()

    # -- where it is ----------------------------------------------------------------------

    @property
    def base_url(self) -> str:
        """http://127.0.0.1:<port> (no trailing slash)."""
        host, port = self._server.server_address[:2]
        return f"http://{host!s}:{port}"

    @property
    def url(self) -> str:
        """The serviceUrl to put in inbound activities (ends with a slash, as Teams' do)."""
        return self.base_url + SERVICE_PATH

    @property
    def token_issuer(self) -> str:
        """The `iss` of inbound tokens: Bot Framework's own, so that the web process needs only
        its key set's address changed (TEAMS_OPENID_METADATA_URL)."""
        return PUBLIC.token_issuer

    @property
    def openid_metadata_url(self) -> str:
        return self.base_url + "/v1/.well-known/openidconfiguration"

    @property
    def cloud(self) -> CloudEnvironment:
        """The public cloud with Bot Framework's key set replaced by the stand-in's."""
        return with_overrides(PUBLIC, openid_metadata_url=self.openid_metadata_url)

    # -- tokens ---------------------------------------------------------------------------

    def mint_token(
        self,
        app_id: str,
        service_url: str,
        *,
        expired: bool = False,
        audience: str | None = None,
        issuer: str | None = None,
        sign_with_other_key: bool = False,
    ) -> str:
        """A token as Bot Framework puts on an activity it sends the bot.

        `sign_with_other_key` signs with a key the stand-in does not publish, under the
        published key's kid (a forgery, not merely an unknown key).
        """
        now = int(time.time())
        start = now - EXPIRED_AGO - TOKEN_LIFETIME if expired else now
        claims = {
            "serviceurl": service_url,
            "nbf": start,
            "iat": start,
            "exp": start + TOKEN_LIFETIME,
            "iss": self.token_issuer if issuer is None else issuer,
            "aud": app_id if audience is None else audience,
        }
        key = self._other_key if sign_with_other_key else self._key
        return jwt.encode(claims, key, algorithm="RS256", headers={"kid": KEY_ID, "x5t": KEY_ID})

    def token_provider(self, scope: str | list[str], tenant_id: str | None) -> str:
        """An outbound (Entra client-credentials) token, for `App(token=...)`."""
        scopes = [scope] if isinstance(scope, str) else list(scope)
        with self._condition:
            self.token_requests.append((" ".join(scopes), tenant_id))
        now = int(time.time())
        claims = {
            "aud": scopes[0].removesuffix("/.default"),
            "iss": f"{self.base_url}/login/{tenant_id or 'botframework.com'}/v2.0",
            "appid": self.app_id,
            "azp": self.app_id,
            "tid": tenant_id or "",
            "nbf": now,
            "iat": now,
            "exp": now + TOKEN_LIFETIME,
        }
        return jwt.encode(claims, self._connector_key, algorithm="RS256")

    def _is_authorized(self, headers: dict[str, str]) -> bool:
        scheme, _, token = headers.get("authorization", "").partition(" ")
        if scheme != "Bearer" or not token:
            return False
        try:
            jwt.decode(
                token,
                self._connector_key.public_key(),
                algorithms=["RS256"],
                audience=self.cloud.bot_scope.removesuffix("/.default"),
                options={"require": ["exp", "aud"]},
            )
        except jwt.InvalidTokenError:
            return False
        return True

    def _jwks(self) -> dict[str, Any]:
        numbers = self._key.public_key().public_numbers()
        key = {
            "kty": "RSA",
            "use": "sig",
            "kid": KEY_ID,
            "x5t": KEY_ID,
            "n": _b64url_uint(numbers.n),
            "e": _b64url_uint(numbers.e),
            "endorsements": ["msteams"],
        }
        return {"keys": [key]}

    # -- failures -------------------------------------------------------------------------

    def rate_limit(self, times: int = 1, retry_after: int = 1) -> None:
        """The next `times` Bot Connector calls get 429 with Retry-After; nothing is posted."""
        with self._condition:
            self._rate_limited, self._retry_after = times, retry_after

    def fail(self, times: int = 1, status: int = 500) -> None:
        """The next `times` Bot Connector calls get HTTP `status`; nothing is posted."""
        with self._condition:
            self._failing, self._fail_status = times, status

    def hang_once(self, seconds: float) -> None:
        """The next Bot Connector call is taken and recorded, then answered after `seconds`."""
        with self._condition:
            self._hang = seconds

    # -- what it received -----------------------------------------------------------------

    @property
    def sent(self) -> list[Call]:
        """The activities created, replied or updated (not typing), oldest first."""
        with self._condition:
            return [c for c in self.calls if _is_sent(c)]

    def messages_in(self, conversation_id: str) -> list[dict[str, Any]]:
        """The activities in a conversation (its threads too), latest version, oldest first."""
        with self._condition:
            kept = self._messages.get(to_base_conversation_id(conversation_id), {})
            return [dict(a) for a in kept.values()]

    def wait_for(self, count: int = 1, timeout: float = 5.0) -> list[Call]:
        """`sent` once it holds at least `count` calls; AssertionError after `timeout`."""
        deadline = time.monotonic() + timeout
        with self._condition:
            while True:
                found = [c for c in self.calls if _is_sent(c)]
                if len(found) >= count:
                    return found
                left = deadline - time.monotonic()
                if left <= 0:
                    seen = [(c.method, c.operation, c.status) for c in self.calls]
                    raise AssertionError(
                        f"{len(found)} of {count} activities within {timeout}s; calls: {seen}"
                    )
                self._condition.wait(left)

    def clear(self) -> None:
        """Forgets the calls received (members, messages and failures set up stay)."""
        with self._condition:
            self.calls.clear()
            self.token_requests.clear()

    def close(self) -> None:
        self._closing.set()  # wakes a hanging answer
        self._server.shutdown()
        self._server.server_close()
        self._thread.join(timeout=5)

    def __enter__(self) -> TeamsStandIn:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()

    # -- answers --------------------------------------------------------------------------

    def _answer(self, method: str, target: str, headers: dict[str, str], raw: bytes) -> Answer:
        path = urlsplit(target).path
        if method == "GET" and path == "/v1/.well-known/openidconfiguration":
            return 200, {}, self._openid_configuration()
        if method == "GET" and path == "/v1/.well-known/keys":
            return 200, {}, self._jwks()
        if method == "POST" and path.startswith("/login/") and path.endswith("/oauth2/v2.0/token"):
            return self._client_credentials(raw)
        if not path.startswith(SERVICE_PATH):
            return 404, {}, {"message": f"No HTTP resource was found at {path}."}
        call = _to_call(method, path.removeprefix(SERVICE_PATH), headers, raw)
        with self._condition:
            self.calls.append(call)
            wait = 0.0
            if not self._is_authorized(headers):
                answer: Answer = 401, {}, _DENIED
            elif self._rate_limited > 0:
                self._rate_limited -= 1
                answer = 429, {"Retry-After": str(self._retry_after)}, _error("Throttled", 429)
            elif self._failing > 0:
                self._failing -= 1
                answer = self._fail_status, {}, _error("ServiceError", self._fail_status)
            else:
                answer = self._answer_call(call)
                wait, self._hang = self._hang, 0.0
            call.status = answer[0]
            self._condition.notify_all()
        if wait:
            self._closing.wait(wait)
        return answer

    @property
    def login_endpoint(self) -> str:
        """Entra's login endpoint on the stand-in: `POST {login_endpoint}/{tenant}/oauth2/v2.0/
        token` grants a client-credentials token for `app_id` and `client_secret` only."""
        return self.base_url + "/login"

    def _client_credentials(self, raw: bytes) -> Answer:
        form = {key: values[0] for key, values in parse_qs(raw.decode()).items()}
        if form.get("grant_type") != "client_credentials":
            return 400, {}, {"error": "unsupported_grant_type"}
        if (form.get("client_id"), form.get("client_secret")) != (self.app_id, self.client_secret):
            return 401, {}, {"error": "invalid_client", "error_description": "AADSTS7000215"}
        token = self.token_provider(form.get("scope", ""), None)
        return 200, {}, {"token_type": "Bearer", "expires_in": 3599, "access_token": token}

    def _openid_configuration(self) -> dict[str, Any]:
        return {
            "issuer": self.token_issuer,
            "authorization_endpoint": self.base_url + "/v1/.well-known/authorize",
            "jwks_uri": self.base_url + "/v1/.well-known/keys",
            "id_token_signing_alg_values_supported": ["RS256"],
            "token_endpoint_auth_methods_supported": ["private_key_jwt"],
        }

    def _answer_call(self, call: Call) -> Answer:
        """The answer to an authorized call that goes through (called holding the lock)."""
        kept = self._messages.setdefault(to_base_conversation_id(call.conversation_id), {})
        if call.operation in ("create", "reply"):
            if call.activity.get("type") == "typing":
                return 201, {}, {}
            call.id = str(next(self._ids))
            kept[call.id] = {**call.activity, "id": call.id}
            return 201, {}, {"id": call.id}
        if call.operation == "update":
            call.id = call.activity_id
            kept[call.id] = {**call.activity, "id": call.id}
            return 200, {}, {"id": call.id}
        if call.operation == "delete":
            kept.pop(call.activity_id, None)
            return 200, {}, {}
        if call.operation == "member":
            found = self._find_member(call.activity_id)
            if found is None:
                return 404, {}, _error("MemberNotFoundInConversation", 404)
            return 200, {}, _to_account(*found)
        if call.operation == "members":
            return 200, {}, [_to_account(i, m) for i, m in self.members.items()]
        return 404, {}, _error("NotFound", 404)

    def _find_member(self, member_id: str) -> tuple[str, Member] | None:
        if member_id in self.members:
            return member_id, self.members[member_id]
        for user_id, member in self.members.items():
            if member.aad_object_id.lower() == member_id.lower():
                return user_id, member
        return None


def _to_call(method: str, path: str, headers: dict[str, str], raw: bytes) -> Call:
    activity: dict[str, Any] = {}
    if raw:
        with contextlib.suppress(ValueError):
            parsed = json.loads(raw)
            activity = parsed if isinstance(parsed, dict) else {"_raw": parsed}
    conversation_id, item_id, operation = "", "", "unknown"
    if found := _ACTIVITIES.match(path):
        conversation_id, item_id = unquote(found[1]), unquote(found[2] or "")
        operation = {
            ("POST", False): "reply" if activity.get("replyToId") else "create",
            ("POST", True): "reply",
            ("PUT", True): "update",
            ("DELETE", True): "delete",
        }.get((method, bool(item_id)), "unknown")
    elif found := _MEMBERS.match(path):
        conversation_id, item_id = unquote(found[1]), unquote(found[2] or "")
        if method == "GET":
            operation = "member" if item_id else "members"
    return Call(method, operation, conversation_id, item_id, activity, headers)


def _is_sent(call: Call) -> bool:
    return (
        call.operation in ("create", "reply", "update")
        and 200 <= call.status < 300
        and call.activity.get("type") != "typing"
    )


def _error(code: str, status: int) -> dict[str, Any]:
    return {"error": {"code": code, "message": f"Stand-in answered {status}."}}


def _to_account(user_id: str, member: Member) -> dict[str, Any]:
    given, _, surname = member.name.partition(" ")
    return {
        "id": user_id,
        "name": member.name,
        "aadObjectId": member.aad_object_id,
        "givenName": given,
        "surname": surname,
        "email": member.email,
        "userPrincipalName": member.email,
        "tenantId": member.tenant_id,
        "userRole": "user",
    }
