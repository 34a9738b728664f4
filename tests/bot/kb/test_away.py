"""/kb away: anyone sets their own time away; dates refused with the reason; members list it."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from sqlalchemy.engine import Engine
from sqlmodel import Session

from bot.kb.away import read_away_words
from bot.kb.dispatcher import KbService
from bot.kb.errors import KbInputError
from knowledge.records import is_away
from knowledge.store import utc_now
from tests.bot.kb.conftest import ADMIN, NOBODY


def test_the_away_words_in_every_form() -> None:
    assert read_away_words(None) == ("status", None, None)
    assert read_away_words("until 2027-01-06") == ("set", None, date(2027, 1, 6))
    assert read_away_words("2026-12-20 2027-01-06") == ("set", date(2026, 12, 20), date(2027, 1, 6))
    assert read_away_words("2026-12-20 到 2027/1/6") == (
        "set",
        date(2026, 12, 20),
        date(2027, 1, 6),
    )
    assert read_away_words("OFF") == ("off", None, None)
    assert read_away_words("取消") == ("off", None, None)
    assert read_away_words("list")[0] == "list"
    with pytest.raises(KbInputError) as caught:
        read_away_words("until 2027-02-30")
    assert caught.value.reason_key == "away_date"
    with pytest.raises(KbInputError) as caught:
        read_away_words("next week please")
    assert caught.value.reason_key == "away_words"


def test_anyone_sets_and_ends_their_own_time_away(kb: KbService, kb_engine: Engine) -> None:
    today = utc_now().date()
    until = today + timedelta(days=10)
    reply = kb.run(NOBODY, f"away until {until}", "en")
    assert reply.template == "away" and reply.changed
    assert f"from {today} to {until}" in reply.render()
    with Session(kb_engine) as session:
        assert is_away(session, NOBODY.user_id, today)
        assert is_away(session, NOBODY.user_id, until)
        assert not is_away(session, NOBODY.user_id, until + timedelta(days=1))
        assert not is_away(session, ADMIN.user_id, today)
        assert not is_away(session, NOBODY.user_id, today, platform="teams")
    assert "不在" in kb.run(NOBODY, "away", "zh").render()
    # Only members see everyone's.
    assert kb.run(NOBODY, "away list", "en").template == "not_permitted"
    listed = kb.run(ADMIN, "away list", "en").render()
    assert f"slack:{NOBODY.user_id}: {today} to {until}" in listed
    assert "Welcome back" in kb.run(NOBODY, "away off", "en").render()
    with Session(kb_engine) as session:
        assert not is_away(session, NOBODY.user_id, today)


def test_a_later_start_leaves_the_days_before_it_free(kb: KbService, kb_engine: Engine) -> None:
    start = utc_now().date() + timedelta(days=3)
    kb.run(NOBODY, f"away {start} {start + timedelta(days=2)}", "en")
    with Session(kb_engine) as session:
        assert not is_away(session, NOBODY.user_id, start - timedelta(days=1))
        assert is_away(session, NOBODY.user_id, start)


@pytest.mark.parametrize(
    ("words", "reason"),
    [
        ("2099-01-06 2099-01-01", "away_order"),
        ("until 2001-01-01", "away_past"),
        ("2099-01-01 2100-06-01", "away_too_long"),
    ],
)
def test_bad_dates_are_refused_with_the_reason(
    kb: KbService, kb_engine: Engine, words: str, reason: str
) -> None:
    for lang in ("en", "zh"):
        reply = kb.run(NOBODY, f"away {words}", lang)
        assert reply.template == "input_error" and reply.context["reason_key"] == reason
        assert "Nothing was changed" in reply.render() or "未做任何更改" in reply.render()
    with Session(kb_engine) as session:
        assert not is_away(session, NOBODY.user_id, date(2099, 1, 3))
