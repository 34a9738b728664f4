"""The Teams SDK's HTTP adapter for our Starlette app: its routes join Slack's on one server."""

from __future__ import annotations

import json
import logging

from microsoft_teams.apps.http.adapter import HttpMethod, HttpRequest, HttpRouteHandler
from starlette.requests import Request
from starlette.responses import JSONResponse, PlainTextResponse, Response

from bot.request_body import read_body

logger = logging.getLogger(__name__)


class StarletteAdapter:
    """Serves the routes the SDK registers (POST /api/messages) from our Starlette app.

    The web app routes the path to `handle` from the start; the SDK registers its handler when
    the Teams app is initialised (at start-up). The SDK validates the bearer token itself; this
    adapter only turns requests into its HttpRequest: a request without a bearer token gets 401
    before its body is read, and a body that is not a JSON object gets 400.
    """

    def __init__(self) -> None:
        self._handlers: dict[str, HttpRouteHandler] = {}

    def register_route(self, method: HttpMethod, path: str, handler: HttpRouteHandler) -> None:
        if method != "POST":
            raise ValueError(f"unsupported method {method}")
        self._handlers[path] = handler

    async def handle(self, request: Request) -> Response:
        handler = self._handlers.get(request.url.path)
        if handler is None:
            return PlainTextResponse("not ready", status_code=503)
        headers = {key.lower(): value for key, value in request.headers.items()}
        if not headers.get("authorization", "").startswith("Bearer "):
            return JSONResponse({"error": "Unauthorized"}, status_code=401)
        raw = await read_body(request)
        if raw is None:
            return PlainTextResponse("payload too large", status_code=413)
        try:
            body = json.loads(raw)
        except ValueError:
            body = None
        if not isinstance(body, dict):
            logger.info("unreadable Teams request refused")
            return PlainTextResponse("bad request", status_code=400)
        # The body is not verified yet (the SDK checks the token in `handler`): nothing of it
        # is bound to the log context here; TeamsHandlers.screen binds its ids once accepted.
        result = await handler(HttpRequest(body=body, headers=headers))
        if result.get("body") is not None:
            return JSONResponse(result["body"], status_code=result["status"])
        return Response(status_code=result["status"])

    def serve_static(self, path: str, directory: str) -> None:
        raise NotImplementedError("staffbot serves no static files")

    async def start(self, port: int) -> None:
        raise NotImplementedError("the web process runs the server (staffbot serve)")

    async def stop(self) -> None:
        return None
