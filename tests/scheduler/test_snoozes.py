"""Snoozed reminders: when they come back, stored once per person and message, delivered
once by DM, skipped while the person is away; time passed in."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from typing import Any

import pytest
from sqlalchemy import update
from sqlalchemy.engine import Engine
from sqlmodel import Session, col, select

from knowledge.records.away import set_away
from knowledge.reporting import KpiStatus, Scope, ThemeKpis
from knowledge.store import Subscription
from knowledge.store.models import Snooze
from scheduler.errors import SubscriptionNotFound, TemporaryFailure
from scheduler.holidays import HolidayDay, import_holidays
from scheduler.reports import Reminder
from scheduler.runner import LEADER_TAKE_OVER
from scheduler.schedules import to_zone
from scheduler.snoozes import (
    MONDAY,
    TOMORROW,
    claim_snooze,
    create_snooze,
    run_due_snoozes,
    to_marker,
    to_snooze_time,
)
from scheduler.subscriptions import create_subscription, remove_subscription
from tests.scheduler.conftest import FakePoster, FakeReportBuilder

ZURICH = to_zone("Europe/Zurich")
EASTER_2027 = frozenset({date(2027, 3, 26), date(2027, 3, 29)})
# Thursday 25 March 2027, 10:00 in Zurich (CET); the clocks go forward on Sunday the 28th.
CLICKED = datetime(2027, 3, 25, 9, tzinfo=UTC)


def _utc(*args: int) -> datetime:
    return datetime(*args, tzinfo=UTC)


def test_tomorrow_and_monday_at_nine_local_time() -> None:
    assert to_snooze_time(TOMORROW, ZURICH, CLICKED) == _utc(2027, 3, 26, 8)  # 09:00 CET
    assert to_snooze_time(MONDAY, ZURICH, CLICKED) == _utc(2027, 3, 29, 7)  # 09:00 CEST
    monday = _utc(2027, 3, 29, 12)
    assert to_snooze_time(MONDAY, ZURICH, monday) == _utc(2027, 4, 5, 7)  # a week on


def test_tomorrow_skips_the_weekend() -> None:
    friday, saturday = _utc(2027, 3, 19, 15), _utc(2027, 3, 20, 15)
    monday_nine = _utc(2027, 3, 22, 8)  # 09:00 CET
    assert to_snooze_time(TOMORROW, ZURICH, friday) == monday_nine
    assert to_snooze_time(TOMORROW, ZURICH, saturday) == monday_nine
    # Friday evening in Zurich is already Saturday in Tokyo.
    late_friday = _utc(2027, 3, 19, 16)
    assert to_snooze_time(TOMORROW, to_zone("Asia/Tokyo"), late_friday) == _utc(2027, 3, 22, 0)


def test_a_snooze_onto_a_holiday_comes_back_on_the_next_working_day() -> None:
    assert to_snooze_time(TOMORROW, ZURICH, CLICKED, EASTER_2027) == _utc(2027, 3, 30, 7)
    assert to_snooze_time(MONDAY, ZURICH, CLICKED, EASTER_2027) == _utc(2027, 3, 30, 7)


def _subscription(store: Engine, holidays: bool = False) -> int:
    with Session(store) as session:
        if holidays:
            days = [HolidayDay(d, "", "") for d in EASTER_2027]
            import_holidays(session, "geneva", days)
        subscription = create_subscription(
            session, "U1", "reminder", "C1", "P1", "thu 09:00", "Europe/Zurich", "en",
            now=CLICKED - timedelta(days=30), holidays="geneva" if holidays else "",
        )  # fmt: skip
        session.commit()
        assert subscription.id is not None
        return subscription.id


def _snooze(store: Engine, sid: int, when: str = TOMORROW, user: str = "U0ANNE") -> int:
    with Session(store) as session:
        snooze = create_snooze(
            session, platform="slack", user_id=user, channel=user, subscription_id=sid,
            source="C1:1700000000.000100", when=when, now=CLICKED,
        )  # fmt: skip
        session.commit()
        assert snooze.id is not None
        return snooze.id


def _run(store: Engine, poster: FakePoster, now: datetime, runner: str = "r1") -> None:
    run_due_snoozes(
        store,
        {"slack": poster},
        now,
        FakeReportBuilder(),
        runner_id=runner,
        take_over_after=LEADER_TAKE_OVER,
    )


def _status(store: Engine, snooze_id: int) -> tuple[str, str]:
    with Session(store) as session:
        snooze = session.get(Snooze, snooze_id)
        assert snooze is not None
        return snooze.status, snooze.error


def test_a_second_click_moves_the_same_snooze(store: Engine) -> None:
    sid = _subscription(store)
    first = _snooze(store, sid, TOMORROW)
    assert _snooze(store, sid, MONDAY) == first
    with Session(store) as session:
        (snooze,) = session.exec(select(Snooze)).all()
        assert snooze.due_at == _utc(2027, 3, 29, 7)


def test_a_removed_subscription_cannot_be_snoozed(store: Engine) -> None:
    sid = _subscription(store)
    with Session(store) as session:
        remove_subscription(session, "U1", sid)
        session.commit()
    with pytest.raises(SubscriptionNotFound):
        _snooze(store, sid)


def test_a_snoozed_reminder_is_delivered_once_by_dm_when_due(store: Engine) -> None:
    sid = _subscription(store, holidays=True)
    snooze_id = _snooze(store, sid)  # tomorrow is Good Friday: Tuesday 30 March, 07:00 UTC
    poster = FakePoster()
    _run(store, poster, _utc(2027, 3, 26, 8, 1))
    _run(store, poster, _utc(2027, 3, 30, 6, 59))
    assert poster.posts == []
    _run(store, poster, _utc(2027, 3, 30, 7, 1))
    _run(store, poster, _utc(2027, 3, 30, 7, 2))
    _run(store, poster, _utc(2027, 3, 30, 7, 2), runner="r2")
    assert [(channel, marker) for channel, marker, _ in poster.posts] == [
        ("U0ANNE", to_marker(snooze_id))
    ]
    assert _status(store, snooze_id) == ("sent", "")


def test_nothing_reaches_a_person_away_that_day(store: Engine) -> None:
    sid = _subscription(store)
    snooze_id = _snooze(store, sid)
    with Session(store) as session:
        set_away(session, "slack", "U0ANNE", date(2027, 4, 2), today=date(2027, 3, 25))
        session.commit()
    poster = FakePoster()
    _run(store, poster, _utc(2027, 3, 26, 9))
    assert poster.posts == []
    assert _status(store, snooze_id) == ("skipped", "the person is away")


def test_a_claim_is_taken_once(store: Engine) -> None:
    sid = _subscription(store)
    snooze_id = _snooze(store, sid)
    with Session(store, expire_on_commit=False) as first, Session(store) as second:
        seen_first = first.get(Snooze, snooze_id)
        seen_second = second.get(Snooze, snooze_id)
        assert seen_first is not None and seen_second is not None
        assert claim_snooze(first, seen_first, "r1", CLICKED)
        assert not claim_snooze(second, seen_second, "r2", CLICKED)


def test_a_failed_post_is_tried_again_and_sent_once(store: Engine) -> None:
    sid = _subscription(store)
    snooze_id = _snooze(store, sid)
    poster = FakePoster(failures={"U0ANNE": [TemporaryFailure("U0ANNE", "HTTP 503")]})
    _run(store, poster, _utc(2027, 3, 26, 9))
    assert poster.posts == [] and _status(store, snooze_id) == ("pending", "HTTP 503")
    _run(store, poster, _utc(2027, 3, 26, 9, 1))
    _run(store, poster, _utc(2027, 3, 26, 9, 2))
    assert len(poster.posts) == 1 and _status(store, snooze_id) == ("sent", "")


def test_a_claim_left_by_a_dead_runner_is_looked_for_before_posting(store: Engine) -> None:
    sid = _subscription(store)
    snooze_id = _snooze(store, sid)
    poster = FakePoster()
    poster.posts.append(("U0ANNE", to_marker(snooze_id), None))  # type: ignore[arg-type]
    died = _utc(2027, 3, 26, 8, 0, 30)
    with Session(store) as session:
        session.exec(
            update(Snooze)
            .where(col(Snooze.id) == snooze_id)
            .values(status="claimed", claimed_by="dead", claimed_at=died, attempts=1)
        )
        session.commit()
    _run(store, poster, died + timedelta(minutes=1))  # too young to take over
    assert _status(store, snooze_id)[0] == "claimed"
    _run(store, poster, died + LEADER_TAKE_OVER + timedelta(seconds=1))
    assert len(poster.posts) == 1 and poster.finds == [to_marker(snooze_id)]
    assert _status(store, snooze_id) == ("sent", "")


def _reminder_of_two_owners(
    session: Session, subscription: Subscription, now: datetime, missed: object = ()
) -> Reminder:
    """The whole scope's reminder: a KPI Anne owns and one Ben owns."""
    scope = Scope("priority", "P1", "P1/E6", "P1", "P1", ("P1-EMT",))
    kpis = tuple(
        KpiStatus(code, "P1-EMT", code, code, owners=(owner,))
        for code, owner in (("P1-EMT-1", "slack:U0ANNE"), ("P1-EMT-2", "slack:U0BEN"))
    )
    theme = ThemeKpis("P1-EMT", "P1", "EMT", "EMT", kpis)
    return Reminder(subscription.lang, scope, now, (theme,), subscription_id=subscription.id)


def test_a_snoozed_personal_reminder_lists_only_the_owners_kpis(store: Engine) -> None:
    with Session(store) as session:
        personal = create_subscription(
            session, "U1", "reminder", "owners", "P1", "thu 09:00", "Europe/Zurich", "en",
            now=CLICKED - timedelta(days=30),
        )  # fmt: skip
        session.commit()
        assert personal.id is not None
        sid = personal.id
    shared = _subscription(store)
    mine = _snooze(store, sid)
    theirs = _snooze(store, shared, user="U0BEN")
    with Session(store) as session:
        owners = {s.id: s.owner for s in session.exec(select(Snooze))}
    assert owners == {mine: "slack:U0ANNE", theirs: ""}
    poster = FakePoster()
    run_due_snoozes(
        store, {"slack": poster}, _utc(2027, 3, 26, 8, 1), _reminder_of_two_owners,
        runner_id="r1", take_over_after=LEADER_TAKE_OVER,
    )  # fmt: skip
    sent: dict[str, Any] = {channel: report for channel, _, report in poster.posts}
    assert sent["U0ANNE"].owner == "slack:U0ANNE"
    assert [k.code for t in sent["U0ANNE"].themes for k in t.kpis] == ["P1-EMT-1"]
    assert sent["U0BEN"].owner == ""  # a channel's reminder comes back whole
    assert [k.code for t in sent["U0BEN"].themes for k in t.kpis] == ["P1-EMT-1", "P1-EMT-2"]
