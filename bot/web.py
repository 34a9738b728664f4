"""The web process's ASGI app: chat platform endpoints and the health check, on one Starlette."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from dataclasses import dataclass

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from knowledge.store import HEALTH_CHECK_TIMEOUT_S

logger = logging.getLogger(__name__)

TEAMS_PATH = "/api/messages"
# GET /healthz answers within this many seconds: the store's probe has HEALTH_CHECK_TIMEOUT_S.
HEALTHZ_TIMEOUT_S = HEALTH_CHECK_TIMEOUT_S + 1.0


@dataclass(frozen=True)
class TeamsEndpoint:
    """Teams' endpoint: `handle` serves it; `start` (awaited before serving) initialises the
    SDK app, which registers its handler there."""

    handle: Callable[[Request], Awaitable[Response]]
    start: Callable[[], Awaitable[None]]


def build_web_app(
    slack: Callable[[Request], Awaitable[Response]] | None,
    is_store_available: Callable[[], bool],
    warm_up: Callable[[], None] | None = None,
    teams: TeamsEndpoint | None = None,
) -> Starlette:
    """`POST /slack/events` (when Slack is set up: `slack` serves it, signatures checked
    first), `POST /api/messages` (when Teams is) and `GET /healthz`; `warm_up` runs in a
    thread before serving."""

    async def healthz(_request: Request) -> Response:
        # The probe bounds its own wait for the database; this bound also covers waiting
        # for a worker thread, so the answer comes in time even when all of them are busy.
        try:
            available = await asyncio.wait_for(
                asyncio.to_thread(is_store_available), HEALTHZ_TIMEOUT_S
            )
        except TimeoutError:
            logger.warning("health check found no answer within %s s", HEALTHZ_TIMEOUT_S)
            available = False
        if available:
            return JSONResponse({"status": "ok", "database": "ok"})
        return JSONResponse({"status": "degraded", "database": "unavailable"}, status_code=503)

    @asynccontextmanager
    async def lifespan(_app: Starlette) -> AsyncIterator[None]:
        if warm_up is not None:
            await asyncio.to_thread(warm_up)
        if teams is not None:
            await teams.start()
        yield

    routes = [Route("/healthz", healthz, methods=["GET"])]
    if slack is not None:
        routes.append(Route("/slack/events", slack, methods=["POST"]))
    if teams is not None:
        routes.append(Route(TEAMS_PATH, teams.handle, methods=["POST"]))
    return Starlette(routes=routes, lifespan=lifespan)
