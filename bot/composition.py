"""The composition root: settings in; the store, the answer engine and the apps out."""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
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
    from slack_sdk import WebClient

    from bot.chat_records import ChatRecords
    from bot.kb.dispatcher import KbService
    from bot.slack.app import build_slack_app
    from bot.slack.ids import is_user_id
    from bot.slack.poster import SlackPoster

    bot_token = _get_secret(settings.slack_bot_token)
    if bot_token is None:
        raise ValueError("SLACK_BOT_TOKEN is required")
    return build_slack_app(
        bot_token=bot_token,
        signing_secret=None if socket_mode else _get_secret(settings.slack_signing_secret),
        api_url=settings.slack_api_url,
        service=service,
        records=ChatRecords(db_engine),
        kb=KbService(
            db_engine,
            settings.get_admin_ids(),
            # /kb schedule add checks the channel (conversations.info) before saving.
            check_channel=SlackPoster(
                WebClient(token=bot_token, base_url=settings.slack_api_url)
            ).check_channel,
            on_commit=service.invalidate,
            is_user_id=is_user_id,
        ),
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


def build_scheduler_process(
    settings: Settings,
    *,
    db_engine: Engine | None = None,
    sync_seconds: float = 5.0,
    catch_up_seconds: float = 60.0,
    standby_poll_seconds: float = 2.0,
    retry_backoff: float = 1.0,
    workers: int = 8,
    take_over_seconds: float | None = None,
) -> Callable[[threading.Event], None]:
    """`staffbot scheduler`: the clock, posting to Slack through SlackPoster; call the
    result with an event that stops it. The caller checked SLACK_BOT_TOKEN first."""
    from dataclasses import replace
    from datetime import timedelta

    from slack_sdk import WebClient

    from bot.slack.poster import SlackPoster
    from knowledge.store import ensure_store
    from scheduler.clock import ClockConfig, run_clock
    from scheduler.runner import RetryPolicy

    bot_token = _get_secret(settings.slack_bot_token)
    if bot_token is None:
        raise ValueError("SLACK_BOT_TOKEN is required")
    # APScheduler logs every run of every job at INFO; its warnings and errors still show.
    logging.getLogger("apscheduler").setLevel(max(logging.WARNING, logging.root.level))
    db_engine = db_engine or build_db_engine(settings)
    ensure_store(db_engine)
    poster = SlackPoster(WebClient(token=bot_token, base_url=settings.slack_api_url))
    config = ClockConfig(
        grace=timedelta(hours=settings.grace_hours),
        sync_seconds=sync_seconds,
        catch_up_seconds=catch_up_seconds,
        standby_poll_seconds=standby_poll_seconds,
        workers=workers,
        retry=RetryPolicy(backoff=retry_backoff),
    )
    if take_over_seconds is not None:
        config = replace(config, take_over_after=timedelta(seconds=take_over_seconds))

    def run(stop: threading.Event) -> None:
        run_clock(db_engine, {poster.platform: poster}, config, stop)

    return run
