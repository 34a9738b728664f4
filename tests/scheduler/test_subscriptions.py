"""Subscriptions: validated, stored as the admin wrote them, every change audited."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy.engine import Engine
from sqlmodel import Session, col, select

from knowledge.errors import RecordChanged
from knowledge.reporting import UnknownScope
from knowledge.store import AuditEntry
from scheduler.errors import (
    BadSchedule,
    ChannelIsName,
    DuplicateSubscription,
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


@pytest.mark.parametrize(
    ("schedule", "posts"),
    [("* * * * *", 1440), ("@hourly", 24), ("0,30 9 * * 1", 2), ("0 9,17 * * 1-5", 2)],
)
def test_a_schedule_posting_more_than_once_a_day_is_refused(
    store: Engine, schedule: str, posts: int
) -> None:
    asked: list[str] = []
    with Session(store) as session:
        with pytest.raises(BadSchedule) as caught:
            create_subscription(
                session, "U1", "reminder", "C1", "P1", schedule, "UTC", "en",
                check_channel=lambda channel: not asked.append(channel),
            )  # fmt: skip
        assert (caught.value.reason_key, caught.value.detail) == ("too_often", str(posts))
        assert list_subscriptions(session) == [] and asked == []


@pytest.mark.parametrize("schedule", ["0 9 * * *", "weekdays 08:30", "mon,thu 09:00", "@weekly"])
def test_once_a_day_or_less_is_accepted(store: Engine, schedule: str) -> None:
    with Session(store) as session:
        create_subscription(session, "U1", "reminder", "C1", "P1", schedule, "UTC", "en")
        session.commit()
        assert len(list_subscriptions(session)) == 1


@pytest.mark.parametrize(
    ("channel", "is_channel_id"),
    [("#general", None), ("#C0TEAM01", None), ("general", str.isupper), ("p1-team", str.isupper)],
)
def test_a_channel_name_is_refused_before_asking_the_platform(
    store: Engine, channel: str, is_channel_id: object
) -> None:
    asked: list[str] = []
    with Session(store) as session, pytest.raises(ChannelIsName) as caught:
        create_subscription(
            session, "U1", "digest", channel, "P1", "mon 09:00", "UTC", "en",
            check_channel=lambda channel: not asked.append(channel),
            is_channel_id=is_channel_id,  # type: ignore[arg-type]
        )  # fmt: skip
    assert caught.value.channel == channel and asked == []


def test_an_exact_duplicate_is_refused_however_its_schedule_is_written(
    store: Engine, poster: FakePoster
) -> None:
    def add(**changes: str) -> int:
        arguments = {
            "kind": "digest", "channel": "C1", "scope": "P1", "schedule_text": "mon 09:00",
            "tz": "Europe/Zurich", "lang": "en", **changes,
        }  # fmt: skip
        with Session(store) as session:
            subscription = create_subscription(
                session,
                "U1",
                check_channel=poster.check_channel,
                **arguments,  # type: ignore[arg-type]
            )
            session.commit()
            assert subscription.id is not None
            return subscription.id

    first = add()
    for same in [{}, {"schedule_text": "0 9 * * 1"}, {"scope": "E6", "tz": "europe/zurich"}]:
        with pytest.raises(DuplicateSubscription) as caught:
            add(**same)
        assert (caught.value.existing_id, caught.value.paused) == (first, False)
        assert (caught.value.kind, caught.value.channel) == ("digest", "C1")
    # Another place, report, language or time is another subscription.
    for other in [
        {"channel": "C2"}, {"kind": "reminder"}, {"lang": "zh"}, {"tz": "UTC"},
        {"schedule_text": "mon 09:30"}, {"schedule_text": "tue 09:00"},
    ]:  # fmt: skip
        add(**other)
    with Session(store) as session:
        pause_subscription(session, "U1", first)
        session.commit()
    with pytest.raises(DuplicateSubscription) as caught:
        add()
    assert (caught.value.existing_id, caught.value.paused) == (first, True)
    with Session(store) as session:
        remove_subscription(session, "U1", first)
        session.commit()
    assert add() > first  # a removed one does not count
