"""run_due through the real SlackPoster and the Slack stand-in: unclear outcomes, 429s, a
claim taken over while its runner waited out a 429."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta

import pytest
from slack_sdk import WebClient
from sqlalchemy.engine import Engine
from sqlmodel import Session

from bot.slack.poster import SlackPoster
from knowledge.store import utc_now
from scheduler import deliveries
from scheduler.runner import RetryPolicy, run_due
from scheduler.subscriptions import create_subscription
from tests.scheduler.conftest import take_over_claim
from tests.support.slack_standin import SlackStandIn

POST = "/chat.postMessage"
FAST = RetryPolicy(backoff=0.01)


@pytest.fixture(scope="module")
def slack() -> Iterator[SlackStandIn]:
    """One stand-in for the module (stopping one takes half a second); channels differ."""
    with SlackStandIn() as standin:
        yield standin


def _due_now(store: Engine, channel: str) -> int:
    period = (utc_now() - timedelta(minutes=1)).replace(second=0, microsecond=0)
    with Session(store) as session:
        subscription = create_subscription(
            session,
            "U1",
            "reminder",
            channel,
            "P1",
            f"{period.minute} {period.hour} * * *",
            "UTC",
            "en",
            quiet_when_empty=False,
            now=period - timedelta(hours=1),
        )
        session.commit()
        assert subscription.id is not None
        return subscription.id


def _posts_to(slack: SlackStandIn, channel: str) -> int:
    return sum(1 for call in slack.calls_to(POST) if call.body.get("channel") == channel)


def _poster(slack: SlackStandIn, timeout: int = 30) -> SlackPoster:
    return SlackPoster(WebClient(token="xoxb-test", base_url=slack.url, timeout=timeout))


def _statuses(store: Engine, sid: int) -> list[tuple[str, str | None, str]]:
    with Session(store) as session:
        return [(d.status, d.ts, d.error) for d in deliveries.list_deliveries(session, sid)]


def test_timeout_after_slack_took_the_post_is_reconciled_not_reposted(
    store: Engine, slack: SlackStandIn
) -> None:
    channel = f"C0HANG{store.dialect.name}"
    sid = _due_now(store, channel)
    slack.hang_once(POST, 2.5)
    summary = run_due(store, {"slack": _poster(slack, timeout=1)}, utc_now(), timedelta(hours=1))
    assert (summary.sent, summary.reconciled) == (1, 1)
    (message,) = slack.messages_in(channel)
    assert _statuses(store, sid) == [("sent", message["ts"], "")]
    assert message["metadata"]["event_payload"]["marker"].startswith(f"staffbot:{sid}:")
    assert _posts_to(slack, channel) == 1 and slack.calls_to("/conversations.history")


def test_rate_limit_and_server_error_are_retried_to_one_message(
    store: Engine, slack: SlackStandIn
) -> None:
    channel = f"C0BUSY{store.dialect.name}"
    sid = _due_now(store, channel)
    slack.rate_limit_once(POST, retry_after=0)
    slack.fail(POST, status=502, count=1)
    summary = run_due(store, {"slack": _poster(slack)}, utc_now(), timedelta(hours=1), retry=FAST)
    assert summary.sent == 1 and len(slack.messages_in(channel)) == 1
    assert _statuses(store, sid)[0][0] == "sent"


def test_unknown_channel_fails_at_once(store: Engine, slack: SlackStandIn) -> None:
    channel = f"C0GONE{store.dialect.name}"
    sid = _due_now(store, channel)
    slack.unknown_channels.add(channel)
    summary = run_due(store, {"slack": _poster(slack)}, utc_now(), timedelta(hours=1), retry=FAST)
    assert summary.failed == 1 and _posts_to(slack, channel) == 1
    assert _statuses(store, sid) == [("failed", None, "channel_not_found")]


def test_a_429_wait_that_ends_after_a_take_over_sends_nothing(
    store: Engine, slack: SlackStandIn
) -> None:
    # The 429 is waited out by the runner, not inside the Slack client: it renews its claim
    # before it sends again, and another runner took the claim over meanwhile.
    channel = f"C0FROZEN{store.dialect.name}"
    sid = _due_now(store, channel)
    slack.rate_limit_once(POST, retry_after=0)
    summary = run_due(
        store,
        {"slack": _poster(slack)},
        utc_now(),
        timedelta(hours=1),
        sleep=lambda _seconds: take_over_claim(store, sid),
    )
    assert (summary.attempts, summary.sent, summary.lost) == (1, 0, 1)
    assert _posts_to(slack, channel) == 1 and slack.messages_in(channel) == []
    assert _statuses(store, sid)[0][0] == "claimed"
