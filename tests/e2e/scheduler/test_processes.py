"""Real `staffbot scheduler` processes against the Slack stand-in: one post per period.

Periods are made due without waiting: each subscription fires daily at the UTC minute
that started a little while ago and was created an hour before, so the catch-up run at
start finds its latest period due (within grace) and posts it.
"""

from __future__ import annotations

import os
import re
import shutil
import signal
import subprocess
import sys
import time
import uuid
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path

import pytest
from sqlalchemy import make_url, text
from sqlalchemy.engine import Engine
from sqlmodel import Session, select

from knowledge.store import Delivery, Subscription, create_db_engine, utc_now
from scheduler.subscriptions import create_subscription
from tests.support.slack_standin import SlackStandIn

STAFFBOT = shutil.which("staffbot", path=str(Path(sys.executable).parent)) or "staffbot"
POST = "/chat.postMessage"
FAST = [
    "--sync-seconds",
    "0.5",
    "--standby-poll-seconds",
    "0.2",
    "--catch-up-seconds",
    "30",
    "--retry-backoff",
    "0.05",
]


@dataclass
class Scheduler:
    process: subprocess.Popen[bytes]
    log: Path

    def read_log(self) -> str:
        return self.log.read_text(encoding="utf-8", errors="replace")

    def wait_for_log(self, text_: str, timeout: float = 30.0) -> None:
        deadline = time.monotonic() + timeout
        while text_ not in self.read_log():
            if self.process.poll() is not None:
                raise AssertionError(
                    f"scheduler exited {self.process.returncode}: {self.read_log()}"
                )
            assert time.monotonic() < deadline, f"no {text_!r} in: {self.read_log()}"
            time.sleep(0.05)

    def stop(self) -> int:
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
        return self.process.wait(timeout=20)


@pytest.fixture
def pg_url(seeded_postgres_url: str) -> str:
    return seeded_postgres_url


@pytest.fixture
def pg(pg_url: str) -> Iterator[Engine]:
    engine = create_db_engine(pg_url)
    yield engine
    engine.dispose()


@pytest.fixture
def slack() -> Iterator[SlackStandIn]:
    with SlackStandIn() as standin:
        yield standin


@pytest.fixture
def start(tmp_path: Path, slack: SlackStandIn) -> Iterator[Callable[..., Scheduler]]:
    started: list[Scheduler] = []

    def start_scheduler(database_url: str | None, *extra: str, **env: str) -> Scheduler:
        environment = {
            k: v
            for k, v in os.environ.items()
            if not k.startswith(("STAFFBOT_", "SLACK_", "DATABASE_URL"))
        }
        environment.update(
            SLACK_BOT_TOKEN="xoxb-test",
            SLACK_API_URL=slack.url,
            STAFFBOT_LOG_LEVEL="INFO",
            STAFFBOT_DATA_DIR=str(tmp_path / "data"),
            **env,
        )
        if database_url:
            environment["DATABASE_URL"] = database_url
        log = tmp_path / f"scheduler-{len(started)}.log"
        with open(log, "wb") as out:
            process = subprocess.Popen(
                [STAFFBOT, "scheduler", *FAST, *extra],
                env=environment,
                cwd=tmp_path,
                stdout=out,
                stderr=subprocess.STDOUT,
            )
        scheduler = Scheduler(process, log)
        started.append(scheduler)
        return scheduler

    yield start_scheduler
    for scheduler in started:
        if scheduler.process.poll() is None:
            scheduler.process.kill()
            scheduler.process.wait(timeout=10)


def _add_due(
    engine: Engine, count: int, minutes_ago: int = 1, prefix: str = "C", digests: int = 0
) -> list[int]:
    """`count` subscriptions whose latest period started `minutes_ago` minutes ago: the
    first `digests` digests (with a chart: slower), the others reminders."""
    period = (utc_now() - timedelta(minutes=minutes_ago)).replace(second=0, microsecond=0)
    ids = []
    with Session(engine) as session:
        for i in range(count):
            subscription = create_subscription(
                session,
                "U1",
                "digest" if i < digests else "reminder",
                f"{prefix}{i:04d}",
                "P1",
                f"{period.minute} {period.hour} * * *",
                "UTC",
                "en" if i % 2 else "zh",
                quiet_when_empty=False,
                now=period - timedelta(hours=1),
            )
            assert subscription.id is not None
            ids.append(subscription.id)
        session.commit()
    return ids


def _posts_by_channel(slack: SlackStandIn) -> Counter[str]:
    return Counter(str(call.body.get("channel")) for call in slack.calls_to(POST))


def _statuses(engine: Engine) -> Counter[str]:
    with Session(engine) as session:
        return Counter(session.exec(select(Delivery.status)))


def _wait_until(check: Callable[[], bool], timeout: float = 30.0) -> None:
    deadline = time.monotonic() + timeout
    while not check():
        assert time.monotonic() < deadline, "condition not met in time"
        time.sleep(0.05)


def _wait_for_sent(engine: Engine, count: int, timeout: float = 30.0) -> None:
    _wait_until(lambda: _statuses(engine)["sent"] >= count, timeout)


@pytest.mark.postgres
def test_two_schedulers_on_postgres_post_once_per_channel_and_period(
    pg: Engine, pg_url: str, slack: SlackStandIn, start: Callable[..., Scheduler]
) -> None:
    ids = _add_due(pg, 12, digests=2)
    first, second = start(pg_url), start(pg_url)
    _wait_for_sent(pg, 12)
    time.sleep(0.7)  # room for a duplicate to show up
    posts = _posts_by_channel(slack)
    assert len(posts) == 12 and set(posts.values()) == {1}
    assert _statuses(pg) == {"sent": 12}
    _wait_until(lambda: "standing by" in first.read_log() + second.read_log(), timeout=30)
    logs = first.read_log() + second.read_log()
    assert logs.count("became the leader") == 1
    leader, standby = (
        (first, second) if "became the leader" in first.read_log() else (second, first)
    )
    assert (standby.stop(), leader.stop()) == (0, 0)
    with Session(pg) as session:
        assert {d.subscription_id for d in session.exec(select(Delivery))} == set(ids)


@pytest.mark.postgres
def test_leader_killed_mid_fan_out_standby_finishes_without_duplicates(
    pg: Engine, pg_url: str, slack: SlackStandIn, start: Callable[..., Scheduler]
) -> None:
    # Both processes up first (a catch-up run every second), then the periods become due.
    leader = start(pg_url, "--workers", "2", "--catch-up-seconds", "1")
    leader.wait_for_log("became the leader")
    # The dead leader's claims are taken over once a second old (three minutes by default).
    standby = start(pg_url, "--workers", "4", "--catch-up-seconds", "1", "--take-over-seconds", "1")
    standby.wait_for_log("standing by")
    # Each post is taken at once and answered after 0.3 s: the leader dies holding some.
    slack.delay(POST, 0.3)
    _add_due(pg, 10)
    slack.wait_for(POST, count=3, timeout=30)
    leader.process.kill()  # kill -9
    leader.process.wait(timeout=5)
    slack.delay(POST, 0)
    standby.wait_for_log("became the leader")
    _wait_until(lambda: _statuses(pg)["sent"] == 10)
    time.sleep(0.5)
    posts = _posts_by_channel(slack)
    assert len(posts) == 10 and set(posts.values()) == {1}, posts
    assert _statuses(pg) == {"sent": 10}
    # The posts the dead leader had in flight were looked for by their marker, not re-sent.
    assert slack.calls_to("/conversations.history")
    assert re.search(r"reconciled=[1-9]", standby.read_log().split("became the leader")[-1])
    assert standby.stop() == 0


def _named(database_url: str, application_name: str) -> str:
    """The URL with an application name, by which the process's sessions can be found."""
    url = make_url(database_url).update_query_dict({"application_name": application_name})
    return url.render_as_string(hide_password=False)


def _end_sessions(engine: Engine, application_name: str) -> int:
    """Ends the server sessions of the process so named (as a paused VM's would time out)."""
    with engine.connect() as connection:
        ended = connection.execute(
            text(
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
                " WHERE application_name = :name"
            ),
            {"name": application_name},
        ).all()
        connection.commit()
    return len(ended)


@pytest.mark.postgres
def test_a_leader_frozen_in_a_429_wait_does_not_post_after_the_standby_took_over(
    pg: Engine, pg_url: str, slack: SlackStandIn, start: Callable[..., Scheduler]
) -> None:
    name = f"staffbot-frozen-{uuid.uuid4().hex[:8]}"
    leader = start(_named(pg_url, name), "--catch-up-seconds", "1")
    leader.wait_for_log("became the leader")
    # The standby takes a claim over once a second old (three minutes by default).
    standby = start(pg_url, "--catch-up-seconds", "0.5", "--take-over-seconds", "1")
    standby.wait_for_log("standing by")
    slack.rate_limit_once(POST, retry_after=2)
    _add_due(pg, 1, prefix="CFROZEN")
    channel = "CFROZEN0000"
    # The leader's post is answered 429, Retry-After 2 s; the leader is frozen while it waits
    # and its database sessions end.
    slack.wait_for(POST, count=1, timeout=30)
    leader.process.send_signal(signal.SIGSTOP)
    try:
        assert _end_sessions(pg, name) > 0
        standby.wait_for_log("became the leader")
        # The standby takes the claim over, finds no post and posts.
        _wait_until(lambda: len(slack.messages_in(channel)) == 1)
        _wait_until(lambda: _statuses(pg) == {"sent": 1})
    finally:
        leader.process.send_signal(signal.SIGCONT)
    # Woken after its Retry-After, the old leader finishes its run and stands by; it must not
    # have sent its post again.
    _wait_until(
        lambda: "standing by" in leader.read_log() or len(slack.calls_to(POST)) > 2, timeout=20
    )
    assert len(slack.calls_to(POST)) == 2  # the leader's refused one, the standby's
    (message,) = slack.messages_in(channel)
    with Session(pg) as session:
        (delivery,) = session.exec(select(Delivery))
    assert (delivery.status, delivery.ts) == ("sent", message["ts"])
    assert "not posted, claim" in leader.read_log() or "outcome not kept" in leader.read_log()
    assert (standby.stop(), leader.stop()) == (0, 0)


@pytest.mark.postgres
def test_restart_posts_within_grace_records_beyond_and_never_repeats(
    pg: Engine, pg_url: str, slack: SlackStandIn, start: Callable[..., Scheduler]
) -> None:
    within = _add_due(pg, 3, minutes_ago=30, prefix="CIN")
    beyond = _add_due(pg, 2, minutes_ago=90, prefix="COUT")
    scheduler = start(pg_url, STAFFBOT_GRACE_HOURS="1")
    _wait_until(lambda: _statuses(pg) == {"sent": 3, "missed": 2})
    assert scheduler.stop() == 0
    assert sorted(_posts_by_channel(slack)) == ["CIN0000", "CIN0001", "CIN0002"]
    again = start(pg_url, STAFFBOT_GRACE_HOURS="1")
    again.wait_for_log("became the leader")
    time.sleep(0.5)
    assert len(slack.calls_to(POST)) == 3 and _statuses(pg) == {"sent": 3, "missed": 2}
    assert again.stop() == 0
    with Session(pg) as session:
        missed = session.exec(select(Delivery.subscription_id).where(Delivery.status == "missed"))
        assert sorted(missed) == beyond and len(within) == 3


@pytest.mark.postgres
def test_rate_limits_and_server_errors_are_retried_refusals_fail(
    pg: Engine, pg_url: str, slack: SlackStandIn, start: Callable[..., Scheduler]
) -> None:
    _add_due(pg, 6)
    (gone,) = _add_due(pg, 1, prefix="CGONE")
    slack.unknown_channels.add("CGONE0000")
    slack.fail(POST, status=503, count=2)
    slack.rate_limit(POST, 0.25, retry_after=1)
    scheduler = start(pg_url, "--workers", "3")
    _wait_until(lambda: _statuses(pg) == {"sent": 6, "failed": 1}, timeout=20)
    posts = _posts_by_channel(slack)
    assert len(slack.calls_to(POST)) > 7  # the refused calls were retried
    with Session(pg) as session:
        channels = [s.channel for s in session.exec(select(Subscription))]
        failed = session.exec(select(Delivery).where(Delivery.status == "failed")).one()
    assert sum(len(slack.messages_in(c)) for c in channels) == 6
    assert (failed.subscription_id, failed.error, failed.attempts) == (
        gone,
        "channel_not_found",
        1,
    )
    assert posts["CGONE0000"] == 1  # refused for good: not retried
    assert scheduler.stop() == 0


def test_second_scheduler_on_sqlite_refuses_with_a_message(
    tmp_path: Path, slack: SlackStandIn, start: Callable[..., Scheduler]
) -> None:
    first = start(None)
    first.wait_for_log("became the leader")
    second = start(None)
    assert second.process.wait(timeout=20) == 5
    assert "Another `staffbot scheduler` is already running" in second.read_log()
    assert first.process.poll() is None
    assert first.stop() == 0


def test_scheduler_names_the_missing_token(tmp_path: Path) -> None:
    environment = {k: v for k, v in os.environ.items() if not k.startswith(("STAFFBOT_", "SLACK_"))}
    environment["STAFFBOT_DATA_DIR"] = str(tmp_path)
    run = subprocess.run(
        [STAFFBOT, "scheduler"], env=environment, capture_output=True, text=True, timeout=30
    )
    assert run.returncode == 2 and "SLACK_BOT_TOKEN" in run.stderr


@pytest.mark.postgres
def test_sigterm_to_the_leader_hands_over_at_once_without_duplicates(
    pg: Engine, pg_url: str, slack: SlackStandIn, start: Callable[..., Scheduler]
) -> None:
    # The default take-over age (three minutes): a clean stop must leave nothing to wait for.
    leader = start(pg_url, "--workers", "2", "--catch-up-seconds", "1")
    leader.wait_for_log("became the leader")
    standby = start(pg_url, "--workers", "4", "--catch-up-seconds", "1")
    standby.wait_for_log("standing by")
    slack.delay(POST, 0.3)
    _add_due(pg, 10)
    slack.wait_for(POST, count=3, timeout=30)
    stopped_at = time.monotonic()
    assert leader.stop() == 0  # SIGTERM: the posts under way finish, the rest are released
    slack.delay(POST, 0)
    standby.wait_for_log("became the leader", timeout=10)
    _wait_until(lambda: _statuses(pg)["sent"] == 10, timeout=30)
    # Well before the three minutes after which a dead leader's claims are taken over.
    assert time.monotonic() - stopped_at < 60
    time.sleep(0.5)
    posts = _posts_by_channel(slack)
    assert len(posts) == 10 and set(posts.values()) == {1}, posts
    assert _statuses(pg) == {"sent": 10}
    assert "Traceback" not in leader.read_log()
    assert standby.stop() == 0


@pytest.mark.postgres
def test_sigterm_during_a_429_wait_releases_the_post_at_once(
    pg: Engine, pg_url: str, slack: SlackStandIn, start: Callable[..., Scheduler]
) -> None:
    leader = start(pg_url, "--workers", "1", "--catch-up-seconds", "1")
    leader.wait_for_log("became the leader")
    standby = start(pg_url, "--catch-up-seconds", "1")
    standby.wait_for_log("standing by")
    slack.rate_limit_once(POST, retry_after=30)  # the leader's first post waits 30 s
    _add_due(pg, 1)
    slack.wait_for(POST, count=1, timeout=30)
    time.sleep(0.3)  # in its wait now
    stopped_at = time.monotonic()
    assert leader.stop() == 0
    assert time.monotonic() - stopped_at < 10  # not after the 30 s wait
    standby.wait_for_log("became the leader", timeout=10)
    _wait_until(lambda: _statuses(pg)["sent"] == 1, timeout=30)
    time.sleep(0.5)
    assert len(slack.messages_in("C0000")) == 1  # the 429 posted nothing; the standby did
    assert standby.stop() == 0
