"""`staffbot schedule add|list|pause|resume|remove|status` and `staffbot scheduler` (the clock)."""

from __future__ import annotations

import argparse
import getpass
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime

from sqlalchemy.engine import Engine
from sqlalchemy.exc import SQLAlchemyError

from bot.cli._output import print_error, refuse, to_table
from bot.cli.context import CliContext
from bot.cli.errors import PortInUse
from bot.text_render import render_text

# How far back `staffbot schedule status --days` looks at most (the delivery log is kept).
MAX_STATUS_DAYS = 366
MAX_STATUS_LIMIT = 1000


@contextmanager
def _store_errors(engine: Engine) -> Iterator[None]:
    """A database failure becomes StoreUnavailable (StoreFull when its disk is full), which
    `main` answers with exit 3; the session's transaction was rolled back."""
    from knowledge.store import to_store_unavailable

    try:
        yield
    except SQLAlchemyError as exc:
        raise to_store_unavailable(engine, exc) from exc


def _actor() -> str:
    try:
        return f"cli:{getpass.getuser()}"[:64]
    except (KeyError, OSError):
        return "cli"


def _run_add(args: argparse.Namespace, ctx: CliContext) -> int:
    from sqlmodel import Session

    from bot.composition import build_channel_checks
    from knowledge.seeding import ensure_store
    from scheduler.subscriptions import create_subscription

    lang = args.lang or ctx.lang
    ensure_store(ctx.db_engine)
    checks = build_channel_checks(ctx.settings, ctx.db_engine, args.platform)
    # A refused subscription (SubscriptionInvalid, UnknownScope) or a channel that could not
    # be checked (PostError): the table in error_messages.
    with _store_errors(ctx.db_engine), Session(ctx.db_engine) as session:
        subscription = create_subscription(
            session,
            _actor(),
            args.kind,
            args.channel,
            args.scope,
            args.at if args.at is not None else args.cron,
            args.tz,
            lang,
            quiet_when_empty=not args.post_when_empty,
            platform=args.platform,
            check_channel=checks.check_channel,
            is_channel_id=checks.is_channel_id,
            holidays=args.holidays or "",
        )
        session.commit()
        print(subscription.id)
    if checks.check_channel is None:
        print_error("schedule_channel_unchecked", ctx.lang, channel=args.channel)
    return 0


def _to_local_text(moment: datetime | None, tz: str) -> str:
    from scheduler.schedules import to_zone

    if moment is None:
        return "-"
    return moment.astimezone(to_zone(tz)).strftime("%Y-%m-%d %a %H:%M %Z")


def _run_list(args: argparse.Namespace, ctx: CliContext) -> int:
    from sqlmodel import Session

    from knowledge.seeding import ensure_store
    from knowledge.store import utc_now
    from scheduler.errors import SchedulerError
    from scheduler.holidays import get_holiday_days
    from scheduler.subscriptions import get_next_run, list_subscriptions

    ensure_store(ctx.db_engine)
    now = utc_now()
    with Session(ctx.db_engine) as session:
        subscriptions = list_subscriptions(session)
        holidays = {s.holidays: get_holiday_days(session, s.holidays) for s in subscriptions}
    if not subscriptions:
        print(render_text("schedule_list_empty", ctx.lang))
        return 0
    rows = []
    for s in subscriptions:
        try:
            next_run = _to_local_text(get_next_run(s, now, holidays[s.holidays]), s.tz)
        except SchedulerError:  # a schedule stored before a parser change
            next_run = "?"
        rows.append(
            [
                str(s.id),
                render_text("schedule_kind", ctx.lang, kind=s.kind),
                s.channel,
                s.scope,
                s.schedule,
                s.tz,
                s.lang,
                render_text("schedule_flag", ctx.lang, value=s.paused),
                next_run,
            ]
        )
    print(to_table(render_text("schedule_list_header", ctx.lang).split("|"), rows))
    return 0


def _run_change(args: argparse.Namespace, ctx: CliContext) -> int:
    from sqlmodel import Session

    from knowledge.seeding import ensure_store
    from scheduler.subscriptions import (
        pause_subscription,
        remove_subscription,
        resume_subscription,
    )

    change = {
        "pause": pause_subscription,
        "resume": resume_subscription,
        "remove": remove_subscription,
    }[args.action]
    ensure_store(ctx.db_engine)
    with _store_errors(ctx.db_engine), Session(ctx.db_engine) as session:
        change(session, _actor(), args.id)  # SubscriptionNotFound: the table
        session.commit()
    print(render_text("schedule_changed", ctx.lang, id=args.id, action=args.action))
    return 0


def _run_status(args: argparse.Namespace, ctx: CliContext) -> int:
    from datetime import timedelta

    from sqlmodel import Session

    from knowledge.seeding import ensure_store
    from scheduler.deliveries import list_status

    for option, value, high in (
        ("days", args.days, MAX_STATUS_DAYS),
        ("limit", args.limit, MAX_STATUS_LIMIT),
    ):
        if not 1 <= value <= high:
            return refuse("schedule_bad_number", ctx.lang, option=option, value=value, high=high)
    ensure_store(ctx.db_engine)
    with Session(ctx.db_engine) as session:
        problems = list_status(session, window=timedelta(days=args.days), limit=args.limit)
    if not problems:
        print(render_text("schedule_status_empty", ctx.lang, days=args.days))
        return 0
    rows = [
        [
            f"#{p.subscription.id}",
            render_text("schedule_kind", ctx.lang, kind=p.subscription.kind),
            p.subscription.channel,
            p.delivery.period.strftime("%Y-%m-%d %H:%M"),
            render_text("schedule_status_word", ctx.lang, status=p.delivery.status),
            str(p.delivery.attempts),
            p.delivery.error,
        ]
        for p in problems
    ]
    print(to_table(render_text("schedule_status_header", ctx.lang).split("|"), rows))
    return 0


def _run_scheduler(args: argparse.Namespace, ctx: CliContext) -> int:
    import signal
    import threading

    from bot.composition import build_scheduler_process, start_metrics_port

    missing = ctx.settings.list_missing_for_scheduler()
    if missing:
        return refuse("schedule_setting_missing", ctx.lang, variable=missing[0])
    stop = threading.Event()

    def request_stop(_signum: int, _frame: object) -> None:
        stop.set()

    signal.signal(signal.SIGTERM, request_stop)
    signal.signal(signal.SIGINT, request_stop)
    run = build_scheduler_process(
        ctx.settings,
        db_engine=ctx.db_engine,
        sync_seconds=args.sync_seconds,
        catch_up_seconds=args.catch_up_seconds,
        standby_poll_seconds=args.standby_poll_seconds,
        retry_backoff=args.retry_backoff,
        workers=args.workers,
        take_over_seconds=args.take_over_seconds,
    )
    try:
        at_exit = start_metrics_port(ctx.settings)
    except OSError as exc:
        port = ctx.settings.metrics_port or 0
        raise PortInUse(port, exc.strerror or str(exc), "STAFFBOT_METRICS_PORT") from exc
    try:
        run(stop)  # SchedulerAlreadyRunning: the table, exit 5
    finally:
        at_exit()
    return 0


def _positive(value: str) -> float:
    number = float(value)
    if number <= 0:
        raise argparse.ArgumentTypeError("must be > 0")
    return number


def add_commands(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Registers this module's subcommands on the `staffbot` parser."""
    schedule = commands.add_parser("schedule", help="reminders and digests: add, list, pause …")
    actions = schedule.add_subparsers(dest="action", required=True)

    add = actions.add_parser("add", help="add a subscription; prints its id")
    add.add_argument("--kind", required=True, choices=["reminder", "digest"])
    add.add_argument(
        "--channel",
        required=True,
        help="the channel id, like C012AB3CD, not its #name (Teams: see"
        " `staffbot teams conversations`)",
    )
    add.add_argument(
        "--platform", choices=["slack", "teams"], default="slack", help="(default: slack)"
    )
    add.add_argument(
        "--scope", default="all", help="all, a priority/enabler code (P1, E2) or a theme code"
    )
    when = add.add_mutually_exclusive_group(required=True)
    when.add_argument("--at", help='days and a time: "mon 09:00", "weekdays 08:30", "周一 09:00"')
    when.add_argument(
        "--cron",
        help='a 5-field cron line, day of week 0/7 = Sunday: "0 9 * * 1" (at most once a day)',
    )
    add.add_argument("--tz", required=True, help="IANA time zone, like Europe/Zurich")
    add.add_argument("--lang", choices=["en", "zh"], help="language of the posts (STAFFBOT_LANG)")
    add.add_argument(
        "--post-when-empty",
        action="store_true",
        help='post a short "all up to date" when a reminder has nothing to report',
    )
    add.add_argument(
        "--holidays",
        help="a holiday calendar to follow (see `staffbot holidays list`): a post due on a"
        " holiday goes out on the next working day",
    )
    add.set_defaults(run=_run_add)

    actions.add_parser("list", help="the subscriptions, with their next run").set_defaults(
        run=_run_list
    )
    for name, text in (
        ("pause", "stop posting"),
        ("resume", "post again from the next period"),
        ("remove", "remove (its deliveries keep their history)"),
    ):
        change = actions.add_parser(name, help=text)
        change.add_argument("id", type=int)
        change.set_defaults(run=_run_change)

    status = actions.add_parser("status", help="recent failed and missed deliveries")
    status.add_argument(
        "--days", type=int, default=14, help=f"how far back, 1 to {MAX_STATUS_DAYS} (default 14)"
    )
    status.add_argument(
        "--limit", type=int, default=50, help=f"at most this many, 1 to {MAX_STATUS_LIMIT}"
    )
    status.set_defaults(run=_run_status)

    clock = commands.add_parser(
        "scheduler",
        help="the clock process: posts reminders and digests (needs SLACK_BOT_TOKEN or TEAMS_*)",
    )
    clock.add_argument(
        "--sync-seconds", type=_positive, default=5.0, help="how often subscriptions are re-read"
    )
    clock.add_argument(
        "--catch-up-seconds",
        type=_positive,
        default=60.0,
        help="how often every subscription is checked for a due or retried post",
    )
    clock.add_argument(
        "--standby-poll-seconds",
        type=_positive,
        default=2.0,
        help="how often a standby tries to take over (and the leader checks its lock)",
    )
    clock.add_argument(
        "--retry-backoff", type=_positive, default=1.0, help="first wait after a 5xx, doubled after"
    )
    clock.add_argument("--workers", type=int, default=8, help="posts sent at the same time")
    clock.add_argument(
        "--take-over-seconds",
        type=_positive,
        default=None,
        help="age at which another process's unfinished post is taken over (default 180)",
    )
    clock.set_defaults(run=_run_scheduler)
