"""The composition root: settings in; the store, the answer engine and the apps out."""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Collection, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from functools import partial
from typing import TYPE_CHECKING

from pydantic import SecretStr
from sqlalchemy.engine import Engine

from bot.log_format import build_formatter
from bot.log_redaction import REDACTOR
from bot.settings import Settings
from knowledge.answering import AnswerEngine, AnswerService, EngineCache, KnowledgeCache
from knowledge.errors import StoreUnavailable
from knowledge.store import create_db_engine

if TYPE_CHECKING:
    from microsoft_teams.api.auth.credentials import TokenProvider
    from slack_bolt.adapter.socket_mode.async_handler import AsyncSocketModeHandler
    from slack_bolt.async_app import AsyncApp
    from starlette.applications import Starlette

    from bot.chat.in_flight import WorkInFlight
    from bot.slack.token import TokenCheck
    from bot.teams.app import TeamsConfig
    from bot.teams.credentials import CredentialCheck
    from bot.web import TeamsEndpoint
    from scheduler.poster import Poster
    from scheduler.reports import ReportBuilder
    from scheduler.runner import RunSummary

# The web and Slack builders import their libraries when called, not at the top: they take
# about half a second to import, and `staffbot ask` must answer from a cold start in 1.5 s.

logger = logging.getLogger(__name__)


def configure_logging(settings: Settings) -> None:
    """Standard error at STAFFBOT_LOG_LEVEL, as text or (LOG_FORMAT=json) one JSON object a
    line; secrets taken out on every handler."""
    root = logging.getLogger()
    # Only a handler made here gets the format: one already there (a test's capture, a host
    # that embeds staffbot) keeps its own.
    is_fresh = not root.handlers
    logging.basicConfig(level=settings.log_level)
    formatter = build_formatter(settings.log_format)
    # Also on the handlers: records of loggers we do not build still lose their secrets.
    for handler in root.handlers:
        if is_fresh:
            handler.setFormatter(formatter)
        if REDACTOR not in handler.filters:
            handler.addFilter(REDACTOR)


@contextmanager
def quiet_slack_sdk() -> Iterator[None]:
    """While a one-off CLI command runs: slack_sdk logs nothing below CRITICAL. The command
    reports each Slack failure in its own words; the SDK's ERROR line before it ("Failed to
    send a request…") would only repeat it. The level is restored afterwards (tests run
    commands in-process)."""
    sdk_logger = logging.getLogger("slack_sdk")
    level = sdk_logger.level
    sdk_logger.setLevel(logging.CRITICAL)
    try:
        yield
    finally:
        sdk_logger.setLevel(level)


def build_db_engine(settings: Settings) -> Engine:
    return create_db_engine(settings.get_database_url())


def build_answer_service(settings: Settings, db_engine: Engine) -> AnswerService:
    """The answer service, keeping its engine between processes in the settings' cache."""
    folder = settings.get_cache_dir()
    cache = EngineCache(folder) if folder is not None else None
    return AnswerService(db_engine, engine_cache=cache)


def build_answer_engine(settings: Settings, db_engine: Engine) -> AnswerEngine:
    """Migrate and seed on first use, then the engine kept for the store's knowledge or one
    built from it."""
    return build_answer_service(settings, db_engine).get_engine()


def _get_secret(value: SecretStr | None) -> str | None:
    return value.get_secret_value() if value is not None else None


def build_slack_bolt_app(
    settings: Settings,
    service: AnswerService,
    db_engine: Engine,
    socket_mode: bool,
    work: WorkInFlight | None = None,
) -> AsyncApp:
    """The Bolt app; the caller checked `list_missing_for_serve` first. `work`: the web
    process's work under way, shared with Teams' flow."""
    from slack_sdk import WebClient

    from bot.chat import ChatFlow, ChatRecords, ExpertDesk
    from bot.kb.dispatcher import KbService
    from bot.progress import ProgressForms
    from bot.slack.app import build_slack_app
    from bot.slack.ids import is_post_target, is_user_id
    from bot.slack.poster import SlackPoster

    bot_token = _get_secret(settings.slack_bot_token)
    if bot_token is None:
        raise ValueError("SLACK_BOT_TOKEN is required")
    flow = ChatFlow(service, ChatRecords(db_engine), work=work, platform="slack")
    kb = KbService(
        db_engine,
        settings.get_admin_ids(),
        # /kb schedule add checks the channel (conversations.info) before saving.
        check_channel=SlackPoster(
            WebClient(token=bot_token, base_url=settings.slack_api_url)
        ).check_channel,
        on_commit=partial(_on_edit, service, "slack"),
        is_user_id=is_user_id,
        is_channel_id=is_post_target,
        # /kb admin|editor add asks users.info whether the person exists.
        check_user=build_user_check(settings),
        reports=build_report_builder(service.knowledge_cache),
    )
    return build_slack_app(
        bot_token=bot_token,
        signing_secret=None if socket_mode else _get_secret(settings.slack_signing_secret),
        api_url=settings.slack_api_url,
        flow=flow,
        kb=kb,
        # The Update buttons of reminders: the form records as /kb progress does.
        forms=ProgressForms(
            db_engine,
            build_report_builder(service.knowledge_cache),
            settings.get_admin_ids(),
            on_commit=partial(_on_edit, service, "slack"),
        ),
        experts=ExpertDesk(service, db_engine, kb),
    )


def _on_edit(service: AnswerService, platform: str) -> None:
    """A /kb change was committed: the answers read the store again; it is counted."""
    from bot import metrics

    service.invalidate()
    metrics.count_edit(platform)


def build_user_check(settings: Settings) -> Callable[[str], bool | None] | None:
    """Whether Slack knows an active person with an id (users.info), for giving a role;
    None without SLACK_BOT_TOKEN (the id's form is then all that is checked)."""
    bot_token = _get_secret(settings.slack_bot_token)
    if bot_token is None:
        return None
    from slack_sdk import WebClient

    from bot.slack.users import SlackUsers

    client = WebClient(token=bot_token, base_url=settings.slack_api_url, timeout=10)
    return SlackUsers(client).check_user


def check_slack_token(settings: Settings) -> TokenCheck | None:
    """SLACK_BOT_TOKEN as Slack sees it (auth.test); None when it is not set."""
    bot_token = _get_secret(settings.slack_bot_token)
    if bot_token is None:
        return None
    from slack_sdk import WebClient

    from bot.slack.token import check_token

    return check_token(WebClient(token=bot_token, base_url=settings.slack_api_url, timeout=10))


def check_teams_credentials(
    settings: Settings, login_endpoint: str | None = None
) -> CredentialCheck | None:
    """TEAMS_APP_ID and TEAMS_APP_PASSWORD as Entra sees them (a token request to the
    cloud's login endpoint, or `login_endpoint`); None when Teams is not configured."""
    password = _get_secret(settings.teams_app_password)
    if settings.teams_app_id is None or password is None:
        return None
    from microsoft_teams.api.auth.cloud_environment import from_name

    from bot.teams.credentials import check_credentials

    cloud = from_name(settings.teams_cloud)
    return check_credentials(
        login_endpoint or cloud.login_endpoint,
        settings.teams_tenant_id or cloud.login_tenant,
        settings.teams_app_id,
        password,
        cloud.bot_scope,
    )


def build_teams_config(settings: Settings, token: TokenProvider | None = None) -> TeamsConfig:
    """The Teams SDK app's settings; `token` (tests, benchmarks) replaces the client secret."""
    from bot.teams.app import TeamsConfig

    if settings.teams_app_id is None:
        raise ValueError("TEAMS_APP_ID is required")
    return TeamsConfig(
        app_id=settings.teams_app_id,
        password=_get_secret(settings.teams_app_password),
        tenant_id=settings.teams_tenant_id,
        cloud=settings.teams_cloud,
        openid_metadata_url=settings.teams_openid_metadata_url,
        token=token,
    )


def build_teams_endpoint(
    settings: Settings,
    service: AnswerService,
    db_engine: Engine,
    token: TokenProvider | None = None,
    work: WorkInFlight | None = None,
) -> TeamsEndpoint:
    """Teams' `POST /api/messages`: the SDK app with our adapter and handlers."""

    from bot.chat import ChatFlow, ChatRecords, ExpertDesk
    from bot.kb.dispatcher import KbService
    from bot.progress import ProgressForms
    from bot.teams.activities import PLATFORM
    from bot.teams.app import build_teams_app
    from bot.teams.expert_handlers import TeamsExperts
    from bot.teams.handlers import TeamsHandlers
    from bot.teams.http_adapter import StarletteAdapter
    from bot.teams.ids import is_user_id
    from bot.teams.retry import REPLY_MAX_WAIT, RateLimitRetry
    from bot.web import TeamsEndpoint

    records = ChatRecords(db_engine)
    kb = KbService(
        db_engine,
        settings.get_teams_admin_ids(),
        # `kb schedule add … here`: the bot can post where it has a conversation reference.
        check_channel=partial(records.has_conversation, PLATFORM),
        on_commit=partial(_on_edit, service, "teams"),
        is_user_id=is_user_id,
        env_admins_variable="TEAMS_ADMINS",
        reports=build_report_builder(service.knowledge_cache),
    )
    adapter = StarletteAdapter()
    # Teams waits about 15 s for the answer to an activity: replies sent while it waits may
    # sit out one short 429 only.
    retry = RateLimitRetry(retries=1, max_wait=REPLY_MAX_WAIT)
    app = build_teams_app(build_teams_config(settings, token), adapter, retry)
    forms = ProgressForms(
        db_engine,
        build_report_builder(service.knowledge_cache),
        settings.get_teams_admin_ids(),
        on_commit=partial(_on_edit, service, "teams"),
    )
    experts = TeamsExperts(ExpertDesk(service, db_engine, kb), records)
    flow = ChatFlow(service, records, work=work, platform="teams")
    TeamsHandlers(flow, kb, settings.teams_tenant_id, forms=forms, experts=experts).register(app)
    return TeamsEndpoint(handle=adapter.handle, start=app.initialize)


def build_web_process(settings: Settings, *, teams_token: TokenProvider | None = None) -> Starlette:
    """The ASGI app of `staffbot serve`: Slack's endpoint (when SLACK_* are set), Teams'
    (when TEAMS_APP_ID is) and the health check. `teams_token`: see build_teams_config."""
    from bot import metrics
    from bot.chat.in_flight import WorkInFlight
    from bot.web import build_web_app

    if settings.has_metrics():
        metrics.enable_metrics(multiprocess_dir=settings.prometheus_multiproc_dir is not None)
    db_engine = build_db_engine(settings)
    service = build_answer_service(settings, db_engine)
    work = WorkInFlight()
    slack = None
    signing_secret = _get_secret(settings.slack_signing_secret)
    if settings.has_slack() and signing_secret is not None:
        from bot.slack.http_endpoint import SlackHttpEndpoint

        slack_app = build_slack_bolt_app(settings, service, db_engine, socket_mode=False, work=work)
        slack = SlackHttpEndpoint(slack_app, signing_secret).handle
    teams = None
    if settings.teams_app_id is not None:
        teams = build_teams_endpoint(settings, service, db_engine, teams_token, work)

    def warm_up() -> None:
        try:
            service.get_engine()
        except StoreUnavailable as exc:
            logger.warning("store unavailable at start-up, serving anyway: %s", exc.reason)
        metrics.set_knowledge(service.get_loaded())

    return build_web_app(
        slack,
        service.is_store_available,
        warm_up,
        teams,
        work.drain,
        serve_metrics=settings.metrics and settings.metrics_port is None,
    )


def build_socket_mode_process(settings: Settings) -> AsyncSocketModeHandler:
    """The Socket Mode connection of `staffbot serve --socket`; call it in a running loop."""
    from bot.slack.app import build_socket_mode_handler

    app_token = _get_secret(settings.slack_app_token)
    if app_token is None:
        raise ValueError("SLACK_APP_TOKEN is required")
    db_engine = build_db_engine(settings)
    slack_app = build_slack_bolt_app(
        settings, build_answer_service(settings, db_engine), db_engine, socket_mode=True
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


def build_posters(
    settings: Settings,
    db_engine: Engine,
    teams_token: TokenProvider | None = None,
    platforms: Collection[str] = ("slack", "teams"),
) -> dict[str, Poster]:
    """A poster per configured platform of `platforms`: Slack with SLACK_BOT_TOKEN, Teams
    with TEAMS_APP_ID."""
    posters: dict[str, Poster] = {}
    bot_token = _get_secret(settings.slack_bot_token)
    if bot_token is not None and "slack" in platforms:
        from slack_sdk import WebClient

        from bot.slack.poster import SlackPoster

        posters["slack"] = SlackPoster(WebClient(token=bot_token, base_url=settings.slack_api_url))
    if settings.teams_app_id is not None and "teams" in platforms:
        from bot.chat import ChatRecords
        from bot.teams.app import build_teams_app
        from bot.teams.poster import TeamsPoster

        config = build_teams_config(settings, teams_token)
        posters["teams"] = TeamsPoster(
            lambda retry: build_teams_app(config, retry=retry), ChatRecords(db_engine)
        )
    return posters


def start_metrics_port(settings: Settings) -> Callable[[], None]:
    """With STAFFBOT_METRICS_PORT: `/metrics` served on it from now on. Returns what to call
    at exit (with PROMETHEUS_MULTIPROC_DIR this process's live gauges stop counting)."""
    from bot import metrics

    if settings.metrics_port is not None:
        metrics.enable_metrics(multiprocess_dir=settings.prometheus_multiproc_dir is not None)
        metrics.start_metrics_server(settings.metrics_port)
    return metrics.mark_process_dead


def count_run(summary: RunSummary) -> None:
    """A scheduler run's deliveries in the metrics; retried: attempts beyond the first."""
    from bot import metrics

    retried = max(0, summary.attempts - summary.sent - summary.failed)
    metrics.count_deliveries(summary.sent, summary.failed, summary.missed, retried)


def build_report_builder(knowledge_cache: KnowledgeCache | None = None) -> ReportBuilder:
    """What builds reminders and digests: in the web process it reads the knowledge through
    the answer service's cache (one read per revision for answers and reports alike)."""
    from scheduler.reports import ReportBuilder

    return ReportBuilder(knowledge_cache or KnowledgeCache())


@dataclass(frozen=True)
class ChannelChecks:
    """How `staffbot schedule add` checks a channel of a platform before saving it."""

    # Whether the bot can post there (None: nothing to ask it with, not checked).
    check_channel: Callable[[str], bool] | None
    # Whether the text has the form of the platform's channel ids (None: any form).
    is_channel_id: Callable[[str], bool] | None


def build_channel_checks(settings: Settings, db_engine: Engine, platform: str) -> ChannelChecks:
    """Slack: the form of its ids, and `conversations.info` when SLACK_BOT_TOKEN is set;
    Teams: the conversations it told the bot about (install, first message), any form."""
    if platform == "teams":
        from bot.chat import ChatRecords

        records = ChatRecords(db_engine)
        return ChannelChecks(partial(records.has_conversation, "teams"), None)
    from bot.slack.ids import is_post_target

    poster = build_posters(settings, db_engine, platforms=("slack",)).get("slack")
    return ChannelChecks(poster.check_channel if poster is not None else None, is_post_target)


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
    teams_token: TokenProvider | None = None,
) -> Callable[[threading.Event], None]:
    """`staffbot scheduler`: the clock, posting through a poster per configured platform; call
    the result with an event that stops it. The caller checked that one platform is set up."""
    from dataclasses import replace
    from datetime import timedelta

    from knowledge.seeding import ensure_store
    from scheduler.clock import ClockConfig, run_clock
    from scheduler.runner import RetryPolicy

    # APScheduler logs every run of every job at INFO; its warnings and errors still show.
    logging.getLogger("apscheduler").setLevel(max(logging.WARNING, logging.root.level))
    db_engine = db_engine or build_db_engine(settings)
    ensure_store(db_engine)
    posters = build_posters(settings, db_engine, teams_token)
    if not posters:
        raise ValueError("SLACK_BOT_TOKEN or TEAMS_APP_ID is required")
    on_run: Callable[[RunSummary], None] | None = None
    on_lead: Callable[[bool], None] | None = None
    on_store_error: Callable[[str], None] | None = None
    if settings.has_metrics():
        from bot import metrics

        metrics.enable_metrics(multiprocess_dir=settings.prometheus_multiproc_dir is not None)
        on_run, on_lead = count_run, metrics.set_leader
        on_store_error = metrics.count_store_error
    config = ClockConfig(
        grace=timedelta(hours=settings.grace_hours),
        on_run=on_run,
        on_lead=on_lead,
        on_store_error=on_store_error,
        sync_seconds=sync_seconds,
        catch_up_seconds=catch_up_seconds,
        standby_poll_seconds=standby_poll_seconds,
        workers=workers,
        retry=RetryPolicy(backoff=retry_backoff),
    )
    if take_over_seconds is not None:
        config = replace(config, take_over_after=timedelta(seconds=take_over_seconds))

    reports = build_report_builder()

    def run(stop: threading.Event) -> None:
        run_clock(db_engine, posters, config, stop, build_report=reports.build_report)

    return run
