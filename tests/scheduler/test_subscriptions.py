"""Subscriptions: validated, stored as the admin wrote them, every change audited."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy.engine import Engine
from sqlmodel import Session, col, select

from knowledge.errors import RecordChanged
from knowledge.models import AuditEntry
from knowledge.progress import UnknownScope
from scheduler.errors import (
    BadSchedule,
    InvalidChoice,
    SubscriptionNotFound,
    UnknownChannel,
    UnknownTimeZone,
)
from scheduler.subscriptions import (
    create_subscription,
    get_next_run,
    get_subscription,
    list_subscriptions,
    pause_subscription,
    remove_subscription,
    resume_subscription,
)
from tests.scheduler.conftest import FakePoster

NOW = datetime(2026, 11, 18, 12, tzinfo=UTC)  # a Wednesday


def _audit(store: Engine) -> list[tuple[str, str, str, str]]:
    with Session(store) as session:
        entries = session.exec(select(AuditEntry).order_by(col(AuditEntry.id)))
        return [(e.actor, e.action, e.entity, e.entity_key) for e in entries]


def test_create_stores_canonical_values_and_audits_in_the_same_transaction(
    store: Engine, poster: FakePoster
) -> None:
    with Session(store) as session:
        subscription = create_subscription(
            session,
            "U1",
            "Digest",
            " C1 ",
            "e6",
            "Mon,Wed 09:00",
            "europe/zurich",
            "ZH",
            check_channel=poster.check_channel,
            now=NOW,
        )
        sid = subscription.id
        session.rollback()  # nothing is kept without the caller's commit
    assert _audit(store) == [] and sid is not None
    with Session(store) as session:
        subscription = create_subscription(
            session, "U1", "reminder", "C1", "P1-EMT", "0 9 * * 1", "UTC", "en", now=NOW
        )
        session.commit()
        sid = subscription.id
    with Session(store) as session:
        stored = get_subscription(session, sid or 0)
        assert (stored.scope, stored.schedule, stored.schedule_kind, stored.tz) == (
            "P1-EMT",
            "0 9 * * 1",
            "cron",
            "UTC",
        )
        assert stored.created_at == NOW and stored.quiet_when_empty and not stored.paused
    assert _audit(store) == [("U1", "add", "subscription", str(sid))]


def test_scope_label_is_stored_as_its_code(store: Engine) -> None:
    with Session(store) as session:
        subscription = create_subscription(
            session, "U1", "digest", "C1", "E6", "mon 09:00", "Asia/Shanghai", "zh"
        )
        assert subscription.scope == "P1" and subscription.tz == "Asia/Shanghai"


@pytest.mark.parametrize(
    ("changes", "error", "attribute", "value"),
    [
        ({"kind": "newsletter"}, InvalidChoice, "field", "kind"),
        ({"lang": "fr"}, InvalidChoice, "field", "lang"),
        ({"schedule_text": "mon 9"}, BadSchedule, "reason_key", "bad_time"),
        ({"schedule_text": "0 9 * * 8"}, BadSchedule, "reason_key", "cron_value"),
        ({"tz": "Europe/Genf"}, UnknownTimeZone, "name", "Europe/Genf"),
        ({"scope": "P9"}, UnknownScope, "code", "P9"),
        ({"channel": "C404"}, UnknownChannel, "channel", "C404"),
    ],
)
def test_bad_input_is_refused_with_data(
    store: Engine,
    poster: FakePoster,
    changes: dict[str, str],
    error: type[Exception],
    attribute: str,
    value: str,
) -> None:
    arguments = {
        "kind": "digest",
        "channel": "C1",
        "scope": "P1",
        "schedule_text": "mon 09:00",
        "tz": "Europe/Zurich",
        "lang": "en",
        **changes,
    }
    with Session(store) as session, pytest.raises(error) as caught:
        create_subscription(session, "U1", check_channel=poster.check_channel, **arguments)  # type: ignore[arg-type]
    assert getattr(caught.value, attribute) == value


def test_pause_resume_remove_are_audited_and_checked(store: Engine) -> None:
    with Session(store) as session:
        sid = create_subscription(
            session, "U1", "digest", "C1", "all", "mon 09:00", "Europe/Zurich", "en", now=NOW
        ).id
        session.commit()
    assert sid is not None
    with Session(store) as session:
        paused = pause_subscription(session, "U2", sid, expected_version=1, now=NOW)
        session.commit()
        assert paused.paused and paused.version == 2
        assert get_next_run(paused, NOW) is None
    with Session(store) as session, pytest.raises(RecordChanged) as caught:
        resume_subscription(session, "U2", sid, expected_version=1)
    assert caught.value.current is not None and caught.value.current["paused"] is True
    with Session(store) as session:
        resumed = resume_subscription(session, "U2", sid, now=NOW)
        session.commit()
        assert get_next_run(resumed, NOW) == datetime(2026, 11, 23, 8, tzinfo=UTC)
    with Session(store) as session:
        remove_subscription(session, "U3", sid, now=NOW + timedelta(hours=1))
        session.commit()
    with Session(store) as session:
        assert list_subscriptions(session) == []
        with pytest.raises(SubscriptionNotFound):
            get_subscription(session, sid)
        with pytest.raises(SubscriptionNotFound):
            pause_subscription(session, "U3", sid)
    assert [a[:2] for a in _audit(store)] == [
        ("U1", "add"),
        ("U2", "pause"),
        ("U2", "resume"),
        ("U3", "remove"),
    ]


def test_list_leaves_out_paused_when_asked(store: Engine) -> None:
    with Session(store) as session:
        first = create_subscription(session, "U1", "digest", "C1", "all", "mon 09:00", "UTC", "en")
        create_subscription(session, "U1", "reminder", "C2", "P1", "daily 18:00", "UTC", "zh")
        pause_subscription(session, "U1", first.id or 0)
        session.commit()
        assert [s.channel for s in list_subscriptions(session)] == ["C1", "C2"]
        assert [s.channel for s in list_subscriptions(session, include_paused=False)] == ["C2"]
