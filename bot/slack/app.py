"""The Bolt app: a Web API client on SLACK_API_URL with 429 retries, and the listeners."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

from slack_bolt.adapter.socket_mode.async_handler import AsyncSocketModeHandler
from slack_bolt.async_app import AsyncApp
from slack_bolt.context.async_context import AsyncBoltContext
from slack_sdk.web.async_client import AsyncWebClient

from bot.chat import ChatFlow, ExpertDesk
from bot.kb.dispatcher import KbService
from bot.log_context import bind_log_context
from bot.log_redaction import add_secret, get_redacted_logger
from bot.progress import ProgressForms
from bot.slack.expert_listeners import ExpertListeners
from bot.slack.kb_listeners import KbListeners
from bot.slack.listeners import SlackListeners, screen_request
from bot.slack.progress_listeners import ProgressListeners
from bot.slack.replies import build_retry_handlers

# Bolt and slack_sdk log through this logger (and loggers that copy its filters): request
# bodies on a bad signature, request URLs at DEBUG. Its redactor keeps secrets out.
BOLT_LOGGER = "bot.slack.bolt"


def build_slack_app(
    *,
    bot_token: str,
    signing_secret: str | None,
    api_url: str,
    flow: ChatFlow,
    kb: KbService | None = None,
    forms: ProgressForms | None = None,
    experts: ExpertDesk | None = None,
) -> AsyncApp:
    """The app for HTTP (signatures verified) or, without a signing secret, Socket Mode."""
    for secret in (bot_token, signing_secret):
        if secret:
            add_secret(secret)
    logger = get_redacted_logger(BOLT_LOGGER)
    client = AsyncWebClient(
        token=bot_token, base_url=api_url, logger=logger, retry_handlers=build_retry_handlers()
    )
    app = AsyncApp(
        client=client,
        signing_secret=signing_secret,
        logger=logger,
        request_verification_enabled=signing_secret is not None,
        before_authorize=screen_request,
    )
    app.use(bind_request_context)
    SlackListeners(flow).register(app)
    if kb is not None:
        KbListeners(kb, flow).register(app)
    if forms is not None:
        ProgressListeners(forms).register(app)
    if experts is not None:
        ExpertListeners(experts, flow).register(app)
    return app


async def bind_request_context(
    body: dict[str, Any], context: AsyncBoltContext, next: Callable[[], Awaitable[None]]
) -> None:
    """The request's log lines carry its event id (events) or trigger id (commands and
    clicks) and the user id; the listeners' tasks inherit them."""
    event_id = body.get("event_id") or body.get("trigger_id")
    bind_log_context(
        platform="slack",
        event_id=event_id if isinstance(event_id, str) else None,
        user_id=context.user_id,
    )
    await next()


def build_socket_mode_handler(app: AsyncApp, app_token: str) -> AsyncSocketModeHandler:
    add_secret(app_token)
    return AsyncSocketModeHandler(app, app_token, logger=get_redacted_logger(BOLT_LOGGER))
