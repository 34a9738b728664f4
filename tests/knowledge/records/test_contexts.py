"""Conversation contexts on SQLite and PostgreSQL: kept, replaced, expired, bounded."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy.engine import Engine
from sqlmodel import Session, select

from knowledge.answering import TurnContext
from knowledge.errors import InvalidValue
from knowledge.records.contexts import (
    CONTEXT_TTL,
    MAX_CONTEXT_CHARS,
    get_context,
    has_context,
    save_context,
)
from knowledge.store import ConversationContext

THREAD = "C0123ABCD:1700000000.000100"
NOW = datetime(2026, 12, 2, 12, 0, tzinfo=UTC)
P3_BUDGET = TurnContext(codes=("P3",), aspect="budget", lang="en", question="What is P3's budget?")


def test_a_context_is_kept_and_read_back(store: Engine) -> None:
    with Session(store) as session:
        save_context(session, "slack", THREAD, P3_BUDGET, now=NOW)
        session.commit()
    with Session(store) as session:
        assert get_context(session, "slack", THREAD, now=NOW) == P3_BUDGET
        assert has_context(session, "slack", THREAD, now=NOW)
        assert get_context(session, "teams", THREAD, now=NOW) is None
        assert not has_context(session, "slack", "C0123ABCD:1700000000.000200", now=NOW)


def test_a_later_turn_replaces_the_context(store: Engine) -> None:
    later = TurnContext(codes=("P2",), aspect="kpi", lang="zh", script="hans")
    with Session(store) as session:
        save_context(session, "slack", THREAD, P3_BUDGET, now=NOW)
        save_context(session, "slack", THREAD, later, now=NOW + timedelta(minutes=1))
        session.commit()
        rows = session.exec(select(ConversationContext)).all()
        assert len(rows) == 1
        assert get_context(session, "slack", THREAD, now=NOW + timedelta(minutes=2)) == later


def test_a_context_expires(store: Engine) -> None:
    with Session(store) as session:
        save_context(session, "slack", THREAD, P3_BUDGET, now=NOW)
        session.commit()
        assert get_context(session, "slack", THREAD, now=NOW + CONTEXT_TTL) is None
        # A DM's window is shorter: its caller says how old a context may be.
        window = timedelta(minutes=10)
        assert get_context(session, "slack", THREAD, window, now=NOW + timedelta(minutes=9))
        assert get_context(session, "slack", THREAD, window, NOW + timedelta(minutes=11)) is None


def test_expired_contexts_are_removed_when_another_is_kept(store: Engine) -> None:
    with Session(store) as session:
        save_context(session, "slack", THREAD, P3_BUDGET, now=NOW)
        save_context(session, "slack", "D0123:1", P3_BUDGET, now=NOW + CONTEXT_TTL * 2)
        session.commit()
        keys = [r.conversation_key for r in session.exec(select(ConversationContext)).all()]
        assert keys == ["D0123:1"]


def test_a_context_is_bounded_in_size(store: Engine) -> None:
    long = TurnContext(codes=("P3",), aspect="budget", question="x" * 500 + "预" * 2000)
    with Session(store) as session:
        row = save_context(session, "slack", THREAD, long, now=NOW)
        session.commit()
        assert len(str(row.context)) < MAX_CONTEXT_CHARS
        kept = get_context(session, "slack", THREAD, now=NOW)
        assert kept is not None and kept.codes == ("P3",) and len(kept.question) <= 500


@pytest.mark.parametrize(("platform", "key"), [("", THREAD), ("slack", ""), ("slack", "k" * 256)])
def test_a_bad_key_is_refused(store: Engine, platform: str, key: str) -> None:
    with Session(store) as session, pytest.raises(InvalidValue):
        save_context(session, platform, key, P3_BUDGET, now=NOW)


def test_a_context_that_is_not_ours_reads_as_none(store: Engine) -> None:
    with Session(store) as session:
        session.add(
            ConversationContext(
                platform="slack", conversation_key=THREAD, context={"codes": 3}, updated_at=NOW
            )
        )
        session.commit()
        assert get_context(session, "slack", THREAD, now=NOW) is None
