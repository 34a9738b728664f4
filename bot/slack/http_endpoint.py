"""Slack's `POST /slack/events`: size and signature checked on the raw bytes, then Bolt."""

from __future__ import annotations

import logging
import re

from slack_bolt.adapter.starlette.async_handler import to_async_bolt_request, to_starlette_response
from slack_bolt.async_app import AsyncApp
from slack_sdk.signature import SignatureVerifier
from starlette.requests import Request
from starlette.responses import JSONResponse, PlainTextResponse, Response

from bot.request_body import MAX_BODY_BYTES, read_body

logger = logging.getLogger(__name__)

# Seconds since the epoch, as Slack sends them; anything else is not a Slack timestamp (and
# slack_sdk's verifier would raise on it).
_TIMESTAMP = re.compile(r"[0-9]{1,12}")


def _refuse_unsigned() -> Response:
    return JSONResponse({"error": "invalid request"}, status_code=401)


def _refuse_malformed() -> Response:
    return PlainTextResponse("bad request", status_code=400)


class SlackHttpEndpoint:
    """Hands Bolt only the requests Slack signed; what it refuses is neither parsed nor logged.

    Each check runs before anything more is read or parsed: signature headers missing or
    malformed, 401 with the body unread; a body over MAX_BODY_BYTES, declared or streamed, 413
    with no more than the limit held; bytes that are not UTF-8 (Slack signs UTF-8), 400; a
    signature that does not match the raw body or a timestamp more than five minutes off
    (slack_sdk's SignatureVerifier), 401. Only then does Bolt parse: a body it cannot (bad
    JSON, nested too deep for the decoder, the wrong shape), 400 without a traceback. Bolt's
    own verification stays on behind this one: a second HMAC over a few KB costs microseconds.
    """

    def __init__(self, app: AsyncApp, signing_secret: str) -> None:
        self._app = app
        self._verifier = SignatureVerifier(signing_secret)

    async def handle(self, request: Request) -> Response:
        timestamp = request.headers.get("x-slack-request-timestamp", "")
        signature = request.headers.get("x-slack-signature", "")
        # compare_digest raises on non-ASCII text: such a header is refused here instead.
        if not (_TIMESTAMP.fullmatch(timestamp) and signature and signature.isascii()):
            logger.info("unsigned Slack request refused")
            return _refuse_unsigned()
        raw = await read_body(request, MAX_BODY_BYTES)
        if raw is None:
            logger.info("oversized Slack request refused")
            return PlainTextResponse("payload too large", status_code=413)
        try:
            # What Slack signs is UTF-8 (the verifier decodes it); anything else is not Slack's.
            text = raw.decode("utf-8")
        except UnicodeDecodeError:
            logger.info("Slack request that is not UTF-8 refused")
            return _refuse_malformed()
        if not self._verifier.is_valid(text, timestamp, signature):
            logger.info("Slack request with a wrong or expired signature refused")
            return _refuse_unsigned()
        try:
            bolt_request = to_async_bolt_request(request, raw)
        except (ValueError, TypeError, KeyError, AttributeError, RecursionError) as exc:
            # Signed, yet unreadable: the sender's fault all the same, and no traceback.
            logger.info("unreadable Slack request: %s", type(exc).__name__)
            return _refuse_malformed()
        return to_starlette_response(await self._app.async_dispatch(bolt_request))
