"""The web process's ASGI app: chat platform endpoints and the probes, on one Starlette."""

from __future__ import annotations

import asyncio
import logging
import uuid
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from dataclasses import dataclass

from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.requests import Request
from starlette.responses import JSONResponse, PlainTextResponse, Response
from starlette.routing import Route
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from bot import metrics
from bot.log_context import log_context
from bot.text_render import render_text
from knowledge.answering import HANT, to_script
from knowledge.store import HEALTH_CHECK_TIMEOUT_S

logger = logging.getLogger(__name__)

TEAMS_PATH = "/api/messages"
LIVENESS_PATH = "/livez"
READINESS_PATH = "/readyz"
# The health check of earlier releases, kept for existing set-ups: the readiness probe.
HEALTHZ_PATH = "/healthz"
METRICS_PATH = "/metrics"
# Called every few seconds by platforms and Prometheus: not in the access log at INFO.
PROBE_PATHS = frozenset({LIVENESS_PATH, READINESS_PATH, HEALTHZ_PATH, METRICS_PATH})
# GET /readyz answers within this many seconds: the store's probe has HEALTH_CHECK_TIMEOUT_S.
READINESS_TIMEOUT_S = HEALTH_CHECK_TIMEOUT_S + 1.0
# On SIGTERM the server stops accepting, waits this long at most for the requests under way,
# then this long at most for the answers they started (acknowledged, then answered):
# `staffbot serve` ends within twice this after the signal.
SHUTDOWN_GRACE_S = 15


@dataclass(frozen=True)
class TeamsEndpoint:
    """Teams' endpoint: `handle` serves it; `start` (awaited before serving) initialises the
    SDK app, which registers its handler there."""

    handle: Callable[[Request], Awaitable[Response]]
    start: Callable[[], Awaitable[None]]


class ProbeAccessFilter(logging.Filter):
    """Drops uvicorn's access-log lines for the probes: a platform calls them every few
    seconds, and they would bury the lines of the requests that matter."""

    def filter(self, record: logging.LogRecord) -> bool:
        # uvicorn's access record: '%s - "%s %s HTTP/%s" %d' with the path (and query) third.
        args = record.args
        if isinstance(args, tuple) and len(args) >= 3 and isinstance(args[2], str):
            return args[2].partition("?")[0] not in PROBE_PATHS
        return True


def configure_access_log() -> None:
    """Leaves the probes out of uvicorn's access log (its lines go where logging sends them)."""
    access = logging.getLogger("uvicorn.access")
    if not any(isinstance(existing, ProbeAccessFilter) for existing in access.filters):
        access.addFilter(ProbeAccessFilter())


# The platform of each endpoint, for the log lines of its requests.
_PLATFORMS = {"/slack/events": "slack", TEAMS_PATH: "teams"}


class RequestContext:
    """ASGI middleware: every request's log lines carry its platform and a request id (the
    caller's X-Request-Id when it sends a short one, else a new one)."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope.get("path") in PROBE_PATHS:
            await self.app(scope, receive, send)
            return
        headers = dict(scope.get("headers") or [])
        given = headers.get(b"x-request-id", b"").decode("latin-1")
        request_id = given if given.isascii() and 0 < len(given) <= 64 else uuid.uuid4().hex
        platform = _PLATFORMS.get(scope.get("path", ""))
        if platform is None or not metrics.is_enabled():
            with log_context(platform=platform, request_id=request_id):
                await self.app(scope, receive, send)
            return
        elapsed = metrics.timer()

        async def send_timed(message: Message) -> None:
            # The response's start is the acknowledgement (Slack wants it within 3 s).
            if message["type"] == "http.response.start":
                metrics.observe_request(platform, int(message["status"]), elapsed())
            await send(message)

        with log_context(platform=platform, request_id=request_id):
            await self.app(scope, receive, send_timed)


# The pages the Teams app package links to (developer.privacyUrl, termsOfUseUrl).
PAGES = {"/privacy": "page_privacy", "/terms": "page_terms"}


# Language tags whose readers write traditional characters (Taiwan, Hong Kong, Macau).
_TRADITIONAL_TAGS = ("zh-tw", "zh-hk", "zh-mo", "zh-hant")


def to_page_language(accept_language: str) -> str:
    """The page's language from the browser's first choice: "en", "zh" or "zh-Hant"."""
    first = accept_language.lower().split(",")[0].split(";")[0].strip()
    if not first.startswith("zh"):
        return "en"
    return "zh-Hant" if first.startswith(_TRADITIONAL_TAGS) else "zh"


async def page_endpoint(request: Request) -> Response:
    """The privacy or terms page, in Chinese for a browser that prefers it (in traditional
    characters for zh-TW, zh-HK, zh-MO and zh-Hant)."""
    language = to_page_language(request.headers.get("accept-language", ""))
    host = request.url.hostname or ""
    text = render_text(PAGES[request.url.path], language[:2], host=host)
    if language == "zh-Hant":
        text = to_script(text, HANT)
    return PlainTextResponse(text + "\n", headers={"Content-Language": language})


async def metrics_endpoint(_request: Request) -> Response:
    # Rendered off the loop: in multi-process mode it reads every process's files.
    body, content_type = await asyncio.to_thread(metrics.render_metrics)
    return Response(body, media_type=content_type)


def build_web_app(
    slack: Callable[[Request], Awaitable[Response]] | None,
    is_store_available: Callable[[], bool],
    warm_up: Callable[[], None] | None = None,
    teams: TeamsEndpoint | None = None,
    drain: Callable[[float], Awaitable[int]] | None = None,
    serve_metrics: bool = False,
) -> Starlette:
    """`POST /slack/events` (when Slack is set up: `slack` serves it, signatures checked
    first), `POST /api/messages` (when Teams is) and the probes `GET /livez`, `GET /readyz`
    and `GET /healthz` (as /readyz); `warm_up` runs in a thread before serving, `drain`
    waits for the answers under way when the server stops; `serve_metrics` adds
    `GET /metrics` (Prometheus)."""
    # What the last readiness probe found missing: a change is logged, not every call.
    last_not_ready: list[str] = []

    async def livez(_request: Request) -> Response:
        # Answered on the event loop itself, no thread and nothing external: a database
        # outage must not make a platform restart the process.
        return JSONResponse({"status": "ok"})

    async def is_database_ready() -> bool:
        # The probe bounds its own wait for the database; this bound also covers waiting
        # for a worker thread, so the answer comes in time even when all of them are busy.
        try:
            return await asyncio.wait_for(
                asyncio.to_thread(is_store_available), READINESS_TIMEOUT_S
            )
        except TimeoutError:
            logger.debug("readiness probe found no answer within %s s", READINESS_TIMEOUT_S)
            return False

    async def readyz(_request: Request) -> Response:
        database = await is_database_ready()
        not_ready = [] if database else ["database"]
        if slack is None and teams is None:
            not_ready.append("platforms")
        if not_ready != last_not_ready:
            if not_ready:
                logger.warning("not ready: %s", ", ".join(not_ready))
            else:
                logger.warning("ready again (was not: %s)", ", ".join(last_not_ready))
            last_not_ready[:] = not_ready
        if not not_ready:
            return JSONResponse({"status": "ok", "database": "ok"})
        body = {
            "status": "not ready",
            "not_ready": not_ready,
            "database": "ok" if database else "unavailable",
        }
        return JSONResponse(body, status_code=503)

    @asynccontextmanager
    async def lifespan(_app: Starlette) -> AsyncIterator[None]:
        if warm_up is not None:
            await asyncio.to_thread(warm_up)
        if teams is not None:
            await teams.start()
        yield
        if drain is not None:
            await drain(SHUTDOWN_GRACE_S)

    routes = [
        Route(LIVENESS_PATH, livez, methods=["GET"]),
        Route(READINESS_PATH, readyz, methods=["GET"]),
        Route(HEALTHZ_PATH, readyz, methods=["GET"]),
    ]
    routes += [Route(path, page_endpoint, methods=["GET"]) for path in PAGES]
    if serve_metrics:
        routes.append(Route(METRICS_PATH, metrics_endpoint, methods=["GET"]))
    if slack is not None:
        routes.append(Route("/slack/events", slack, methods=["POST"]))
    if teams is not None:
        routes.append(Route(TEAMS_PATH, teams.handle, methods=["POST"]))
    return Starlette(routes=routes, lifespan=lifespan, middleware=[Middleware(RequestContext)])
