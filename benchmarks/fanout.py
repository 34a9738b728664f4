# ruff: noqa: E402  (imports follow the import-path fix-up below)
"""Scheduled fan-out: 1,000 subscriptions due at once, rendered and posted to the stand-in.

Run from the repository root:  python benchmarks/fanout.py  [--count 1000] [--postgres]

A fresh store (SQLite file, or a fresh schema on the PostgreSQL server of the tests with
--postgres) gets `count` subscriptions, one channel each, whose latest period started a
minute ago (a share of them digests with a chart, the rest reminders). Each scenario runs
`scheduler.runner.run_due` in this process with the real SlackPoster against the Slack
stand-in of the tests (tests/support/slack_standin.py) and a clean delivery log:

- baseline: bare chat.postMessage round trips, `count` of them, from one thread and from
  as many threads as the fan-out uses (no rendering, no database);
- the fan-out with one worker, and with the default worker pool;
- the same with the stand-in answering 429 (Retry-After 1 s) to every 10th call.

After each scenario it checks that every channel has exactly one message (no duplicate, no
loss) and every delivery is marked sent. Prints figures; it passes no judgement.
"""

from __future__ import annotations

import sys
from pathlib import Path

# benchmarks/http.py would shadow the standard library's `http`: take this folder off the
# import path, and put the repository root on it for `tests.support`.
_HERE = Path(__file__).resolve().parent
sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != _HERE]
sys.path.insert(0, str(_HERE.parent))

import argparse
import logging
import tempfile
import threading
import time
import uuid
from collections import Counter
from collections.abc import Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from datetime import datetime, timedelta

from slack_sdk import WebClient
from sqlalchemy import create_engine, delete, text
from sqlalchemy.engine import Engine
from sqlmodel import Session, select

from bot.slack.poster import SlackPoster
from knowledge.seeding import ensure_store
from knowledge.store import Delivery, Subscription, create_db_engine, utc_now
from scheduler.reports import build_report
from scheduler.runner import DEFAULT_WORKERS, run_due
from scheduler.subscriptions import create_subscription
from tests.support.slack_standin import SlackStandIn

POST = "/chat.postMessage"
GRACE = timedelta(hours=6)


@contextmanager
def _store(postgres: bool) -> Iterator[Engine]:
    if not postgres:
        with tempfile.TemporaryDirectory() as folder:
            engine = create_db_engine(f"sqlite:///{Path(folder) / 'store.db'}")
            yield engine
            engine.dispose()
        return
    from tests.conftest import POSTGRES_URL

    schema = f"bench_{uuid.uuid4().hex[:10]}"
    admin = create_engine(POSTGRES_URL)
    with admin.begin() as connection:
        connection.execute(text(f'CREATE SCHEMA "{schema}"'))
    separator = "&" if "?" in POSTGRES_URL else "?"
    engine = create_db_engine(f"{POSTGRES_URL}{separator}options=-csearch_path%3D{schema}")
    try:
        yield engine
    finally:
        engine.dispose()
        with admin.begin() as connection:
            connection.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
        admin.dispose()


def _add_subscriptions(engine: Engine, count: int, digest_share: float) -> datetime:
    """`count` subscriptions whose period started a minute ago; returns the period."""
    period = (utc_now() - timedelta(minutes=1)).replace(second=0, microsecond=0)
    digests = round(count * digest_share)
    with Session(engine) as session:
        for i in range(count):
            create_subscription(
                session,
                "UBENCH",
                "digest" if i < digests else "reminder",
                f"C{i:05d}",
                ("all", "P1", "P2", "P3", "E1")[i % 5],
                f"{period.minute} {period.hour} * * *",
                "UTC",
                "zh" if i % 2 else "en",
                quiet_when_empty=False,
                now=period - timedelta(hours=1),
            )
        session.commit()
    return period


def _baseline(slack: SlackStandIn, count: int, workers: int) -> float:
    client = WebClient(token="xoxb-bench", base_url=slack.url)

    def post(i: int) -> None:
        client.chat_postMessage(channel=f"CB{i:05d}", text="baseline")

    started = time.perf_counter()
    if workers == 1:
        for i in range(count):
            post(i)
    else:
        with ThreadPoolExecutor(max_workers=workers) as pool:
            list(pool.map(post, range(count)))
    return time.perf_counter() - started


def _check(engine: Engine, slack: SlackStandIn, channels: Sequence[str]) -> tuple[int, int, str]:
    """(duplicates, losses, delivery statuses) of a scenario."""
    per_channel = Counter({c: len(slack.messages_in(c)) for c in channels})
    duplicates = sum(n - 1 for n in per_channel.values() if n > 1)
    losses = sum(1 for n in per_channel.values() if n == 0)
    with Session(engine) as session:
        statuses = Counter(session.exec(select(Delivery.status)))
    return duplicates, losses, ", ".join(f"{k} {v}" for k, v in sorted(statuses.items()))


def _scenario(
    engine: Engine,
    channels: Sequence[str],
    workers: int,
    rate_limited: bool,
) -> dict[str, object]:
    with Session(engine) as session:
        session.execute(delete(Delivery))
        session.commit()
    render_seconds = 0.0
    lock = threading.Lock()

    def timed_build(*args: object) -> object:
        nonlocal render_seconds
        started = time.perf_counter()
        report = build_report(*args)  # type: ignore[arg-type]
        with lock:
            render_seconds += time.perf_counter() - started
        return report

    with SlackStandIn() as slack:
        if rate_limited:
            slack.rate_limit(POST, 0.1, retry_after=1)
        poster = SlackPoster(WebClient(token="xoxb-bench", base_url=slack.url))
        started = time.perf_counter()
        summary = run_due(
            engine,
            {"slack": poster},
            utc_now(),
            GRACE,
            timed_build,  # type: ignore[arg-type]
            workers=workers,
        )
        elapsed = time.perf_counter() - started
        duplicates, losses, statuses = _check(engine, slack, channels)
        calls = len(slack.calls_to(POST))
        posted = sum(len(slack.messages_in(c)) for c in channels)
    return {
        "elapsed": elapsed,
        "render": render_seconds,
        "sent": summary.sent,
        "calls": calls,
        "refused_429": calls - posted,
        "duplicates": duplicates,
        "losses": losses,
        "statuses": statuses,
    }


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=1000)
    parser.add_argument("--digest-share", type=float, default=0.1)
    parser.add_argument("--workers", type=int, default=DEFAULT_WORKERS)
    parser.add_argument("--postgres", action="store_true", help="the tests' PostgreSQL server")
    parser.add_argument("--skip-single", action="store_true", help="no one-worker fan-out")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.ERROR)
    rows: list[tuple[str, str]] = []

    def report(name: str, value: str) -> None:
        rows.append((name, value))
        print(f"{name:<58} {value}", flush=True)

    with _store(args.postgres) as engine:
        started = time.perf_counter()
        ensure_store(engine)
        _add_subscriptions(engine, args.count, args.digest_share)
        report(
            f"store ({engine.dialect.name}) seeded, {args.count} subscriptions added",
            f"{time.perf_counter() - started:.1f} s",
        )
        with Session(engine) as session:
            channels = [s.channel for s in session.exec(select(Subscription))]
        with SlackStandIn() as slack:
            for workers in (1, args.workers):
                seconds = _baseline(slack, args.count, workers)
                report(
                    f"baseline: {args.count} bare chat.postMessage, {workers} thread(s)",
                    f"{seconds:.2f} s ({args.count / seconds:,.0f}/s)",
                )
        scenarios: list[tuple[str, int, bool]] = []
        if not args.skip_single:
            scenarios.append(("fan-out, 1 worker", 1, False))
        scenarios.append((f"fan-out, {args.workers} workers", args.workers, False))
        scenarios.append((f"fan-out, {args.workers} workers, 10% answered 429", args.workers, True))
        for name, workers, rate_limited in scenarios:
            result = _scenario(engine, channels, workers, rate_limited)
            elapsed = float(result["elapsed"])  # type: ignore[arg-type]
            report(
                f"{name}: render and post {args.count}",
                f"{elapsed:.2f} s ({args.count / elapsed:,.0f}/s), rendering "
                f"{float(result['render']):.1f} s of worker time",  # type: ignore[arg-type]
            )
            report(
                f"  {POST} calls / 429s / duplicates / losses",
                f"{result['calls']} / {result['refused_429']} / {result['duplicates']} / "
                f"{result['losses']}  (deliveries: {result['statuses']})",
            )


if __name__ == "__main__":
    main()
