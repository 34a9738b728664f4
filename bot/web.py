"""The web process's ASGI app: chat platform endpoints and the health check, on one Starlette."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager

from slack_bolt.adapter.starlette.async_handler import AsyncSlackRequestHandler
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, PlainTextResponse, Response
from starlette.routing import Route

logger = logging.getLogger(__name__)


def build_web_app(
    slack_handler: AsyncSlackRequestHandler,
    is_store_available: Callable[[], bool],
    warm_up: Callable[[], None] | None = None,
) -> Starlette:
    """`POST /slack/events` and `GET /healthz`; `warm_up` runs in a thread before serving."""

    async def slack_events(request: Request) -> Response:
        try:
            return await slack_handler.handle(request)
        except (ValueError, TypeError, KeyError, AttributeError) as exc:
            # A body Bolt cannot parse (bad UTF-8 or JSON, a payload of the wrong shape):
            # the sender's fault, whatever its signature.
            logger.info("unreadable Slack request: %s", type(exc).__name__)
            return PlainTextResponse("bad request", status_code=400)

    async def healthz(_request: Request) -> Response:
        if await asyncio.to_thread(is_store_available):
            return JSONResponse({"status": "ok", "database": "ok"})
        return JSONResponse({"status": "degraded", "database": "unavailable"}, status_code=503)

    @asynccontextmanager
    async def lifespan(_app: Starlette) -> AsyncIterator[None]:
        if warm_up is not None:
            await asyncio.to_thread(warm_up)
        yield

    return Starlette(
        routes=[
            Route("/slack/events", slack_events, methods=["POST"]),
            Route("/healthz", healthz, methods=["GET"]),
        ],
        lifespan=lifespan,
    )
