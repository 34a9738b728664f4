"""Reminders to each owner personally: one DM per owner of an overdue KPI, listing only
their own, once per period (a run that takes a claim over posts only what never went out)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta

import pytest
from slack_sdk import WebClient
from sqlalchemy.engine import Engine
from sqlmodel import Session

from bot.slack.poster import SlackPoster
from knowledge.editing import Actor, Permissions, run_edit
from knowledge.editing.owners import add_owner
from knowledge.records.away import set_away
from knowledge.store import utc_now
from scheduler import deliveries
from scheduler.runner import RetryPolicy, run_due
from scheduler.subscriptions import InvalidChoice, create_subscription
from tests.e2e.slack.conftest import texts
from tests.support.block_kit import validate_blocks
from tests.support.slack_standin import SlackStandIn

ADMIN = Permissions(Actor("slack", "U0ADMIN01"), is_admin=True)
FAST = RetryPolicy(backoff=0.01)


@pytest.fixture
def slack() -> Iterator[SlackStandIn]:
    with SlackStandIn() as standin:
        yield standin


def _subscribe(engine: Engine, channel: str, kind: str = "reminder") -> int:
    period = (utc_now() - timedelta(minutes=1)).replace(second=0, microsecond=0)
    with Session(engine) as session:
        subscription = create_subscription(
            session,
            "U1",
            kind,
            channel,
            "P4",
            f"{period.minute} {period.hour} * * *",
            "UTC",
            "en",
            now=period - timedelta(hours=1),
        )
        session.commit()
        assert subscription.id is not None
        return subscription.id


def test_each_owner_gets_only_their_own_kpis_once(
    seeded_engine: Engine, slack: SlackStandIn
) -> None:
    run_edit(seeded_engine, lambda s: add_owner(s, ADMIN, "U0OWNCD01", "P4-CD"))
    run_edit(seeded_engine, lambda s: add_owner(s, ADMIN, "U0OWNCY01", "P4-CYB-1"))
    sid = _subscribe(seeded_engine, "owners")
    poster = SlackPoster(WebClient(token="xoxb-test", base_url=slack.url))
    first = run_due(seeded_engine, {"slack": poster}, utc_now(), timedelta(hours=1), retry=FAST)
    again = run_due(seeded_engine, {"slack": poster}, utc_now(), timedelta(hours=1), retry=FAST)
    assert (first.sent, again.sent) == (1, 0)
    cd, cyb = slack.messages_in("D0OWNCD01"), slack.messages_in("D0OWNCY01")
    assert len(cd) == len(cyb) == 1
    for message in (cd[0], cyb[0]):
        validate_blocks(message["blocks"])
    assert "P4-CD-1" in texts(cd[0]) and "P4-CD-2" in texts(cd[0])
    assert "P4-CYB" not in texts(cd[0]["blocks"])
    assert "P4-CYB-1" in texts(cyb[0]) and "P4-CYB-2" not in texts(cyb[0])
    with Session(seeded_engine) as session:
        (delivery,) = deliveries.list_deliveries(session, sid)
    assert delivery.status == "sent"


def test_only_reminders_go_to_owners(seeded_engine: Engine) -> None:
    with pytest.raises(InvalidChoice):
        _subscribe(seeded_engine, "owners", kind="digest")


def test_an_owner_who_is_away_gets_no_personal_reminder(
    seeded_engine: Engine, slack: SlackStandIn
) -> None:
    run_edit(seeded_engine, lambda s: add_owner(s, ADMIN, "U0OWNCD01", "P4-CD"))
    run_edit(seeded_engine, lambda s: add_owner(s, ADMIN, "U0OWNCY01", "P4-CYB-1"))
    today = utc_now().date()
    with Session(seeded_engine) as session:
        set_away(session, "slack", "U0OWNCD01", today + timedelta(days=3), today, today=today)
        session.commit()
    _subscribe(seeded_engine, "owners")
    poster = SlackPoster(WebClient(token="xoxb-test", base_url=slack.url))
    run = run_due(seeded_engine, {"slack": poster}, utc_now(), timedelta(hours=1), retry=FAST)
    assert run.sent == 1
    assert slack.messages_in("D0OWNCD01") == []
    assert len(slack.messages_in("D0OWNCY01")) == 1
