"""Time away in the store, on SQLite and PostgreSQL: set, replaced, listed, ended."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy.engine import Engine
from sqlmodel import Session

from knowledge.records import AwayInvalid, is_away, list_away
from knowledge.records.away import clear_away, set_away
from knowledge.store import migrate

TODAY = date(2026, 12, 2)


def test_dates_away_are_set_replaced_listed_and_ended(db_engine: Engine) -> None:
    migrate.upgrade(db_engine)
    with Session(db_engine) as session:
        set_away(session, "slack", "U1", date(2027, 1, 6), date(2026, 12, 20), today=TODAY)
        set_away(session, "teams", "U1", date(2026, 12, 5), today=TODAY)
        session.commit()
        assert not is_away(session, "U1", date(2026, 12, 19))
        assert is_away(session, "U1", date(2026, 12, 20)) and is_away(
            session, "U1", date(2027, 1, 6)
        )
        assert is_away(session, "U1", TODAY, platform="teams")
        assert [p.actor for p in list_away(session, TODAY)] == ["teams:U1"]
        assert [p.actor for p in list_away(session, TODAY, 30)] == ["teams:U1", "slack:U1"]
        # New dates replace the old ones: one row per person.
        set_away(session, "slack", "U1", date(2026, 12, 3), today=TODAY)
        session.commit()
        assert not is_away(session, "U1", date(2026, 12, 20))
        assert clear_away(session, "slack", "U1") and not clear_away(session, "slack", "U1")
        session.commit()
        assert not is_away(session, "U1", TODAY)


@pytest.mark.parametrize(
    ("start", "until", "reason"),
    [
        (date(2026, 12, 10), date(2026, 12, 9), "order"),
        (None, date(2026, 12, 1), "past"),
        (date(2026, 12, 10), date(2028, 1, 1), "too_long"),
    ],
)
def test_dates_that_cannot_be_are_refused(
    db_engine: Engine, start: date | None, until: date, reason: str
) -> None:
    migrate.upgrade(db_engine)
    with Session(db_engine) as session, pytest.raises(AwayInvalid) as caught:
        set_away(session, "slack", "U1", until, start, today=TODAY)
    assert caught.value.reason_key == reason
