"""The composition root: settings in; the store, the answer engine and the apps out."""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from pydantic import SecretStr
from sqlalchemy.engine import Engine

from bot.log_redaction import REDACTOR
from bot.settings import Settings
from knowledge.db import create_db_engine
from knowledge.engine import AnswerEngine
from knowledge.errors import StoreUnavailable
from knowledge.service import AnswerService

if TYPE_CHECKING:
    from slack_bolt.adapter.socket_mode.async_handler import AsyncSocketModeHandler
    from slack_bolt.async_app import AsyncApp
    from starlette.applications import Starlette

# The web and Slack builders import their libraries when called, not at the top: they take
# about half a second to import, and `staffbot ask` must answer from a cold start in 1.5 s.

logger = logging.getLogger(__name__)


def configure_logging(settings: Settings) -> None:
    logging.basicConfig(
        level=settings.log_level,
        format="%(asctime)s %(levelname)s %(name)s: %(message)s",
    )
    # Also on the handlers: records of loggers we do not build still lose their secrets.
    for handler in logging.getLogger().handlers:
        if REDACTOR not in handler.filters:
            handler.addFilter(REDACTOR)


def build_db_engine(settings: Settings) -> Engine:
    return create_db_engine(settings.get_database_url())


def build_answer_engine(db_engine: Engine) -> AnswerEngine:
    """Migrate and seed on first use, then load the knowledge into an answer engine."""
    return AnswerService(db_engine).get_engine()


def _get_secret(value: SecretStr | None) -> str | None:
    return value.get_secret_value() if value is not None else None


def build_slack_bolt_app(
    settings: Settings, service: AnswerService, db_engine: Engine, socket_mode: bool
) -> AsyncApp:
    """The Bolt app; the caller checked `list_missing_for_serve` first."""
    from bot.chat_records import ChatRecords
    from bot.slack.app import build_slack_app

    bot_token = _get_secret(settings.slack_bot_token)
    if bot_token is None:
        raise ValueError("SLACK_BOT_TOKEN is required")
    return build_slack_app(
        bot_token=bot_token,
        signing_secret=None if socket_mode else _get_secret(settings.slack_signing_secret),
        api_url=settings.slack_api_url,
        service=service,
        records=ChatRecords(db_engine),
    )


def build_web_process(settings: Settings) -> Starlette:
    """The ASGI app of `staffbot serve`: Slack's endpoint and the health check."""
    from slack_bolt.adapter.starlette.async_handler import AsyncSlackRequestHandler

    from bot.web import build_web_app

    db_engine = build_db_engine(settings)
    service = AnswerService(db_engine)
    slack_app = build_slack_bolt_app(settings, service, db_engine, socket_mode=False)

    def warm_up() -> None:
        try:
            service.get_engine()
        except StoreUnavailable as exc:
            logger.warning("store unavailable at start-up, serving anyway: %s", exc.reason)

    return build_web_app(AsyncSlackRequestHandler(slack_app), service.is_store_available, warm_up)


def build_socket_mode_process(settings: Settings) -> AsyncSocketModeHandler:
    """The Socket Mode connection of `staffbot serve --socket`; call it in a running loop."""
    from bot.slack.app import build_socket_mode_handler

    app_token = _get_secret(settings.slack_app_token)
    if app_token is None:
        raise ValueError("SLACK_APP_TOKEN is required")
    db_engine = build_db_engine(settings)
    slack_app = build_slack_bolt_app(
        settings, AnswerService(db_engine), db_engine, socket_mode=True
    )
    return build_socket_mode_handler(slack_app, app_token)


async def run_socket_mode_process(settings: Settings) -> None:
    """`staffbot serve --socket` (development): connects to Slack and serves until stopped."""
    from slack_sdk.errors import SlackApiError

    handler = build_socket_mode_process(settings)
    # The SDK retries a refused connection forever; asking for the address first makes a
    # wrong SLACK_APP_TOKEN fail at start-up (SlackApiError), and the address is then used.
    try:
        handler.client.wss_uri = await handler.client.issue_new_wss_url()
    except SlackApiError:
        await handler.close_async()
        raise
    await handler.start_async()
