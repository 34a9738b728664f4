"""The feedback review: questions marked not helpful and questions declined, grouped."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from sqlalchemy.engine import Engine
from sqlmodel import Session, SQLModel, select

from knowledge.records.feedback import (
    DECLINED,
    MAX_STORED_QUESTION,
    NOT_HELPFUL,
    create_declined,
    create_feedback,
    list_review,
)
from knowledge.store import models

_T0 = datetime(2026, 11, 1, 9, 0, tzinfo=UTC)


def _vote(session: Session, question: str, helpful: bool, at: datetime, lang: str = "en") -> None:
    vote = create_feedback(
        session,
        user_id="U1",
        channel="dm",
        question=question,
        answer_text="…",
        intent="fact",
        lang=lang,
        answered=True,
        helpful=helpful,
    )
    vote.at = at


def _decline(session: Session, question: str, at: datetime, lang: str = "en") -> None:
    create_declined(session, "slack", "U2", question, lang, "unknown").at = at


def _fill(session: Session) -> None:
    _vote(session, "What is the WSIS budget?", False, _T0)
    _decline(session, "what is the  WSIS budget?", _T0 + timedelta(hours=1))
    _decline(session, "WHAT IS THE WSIS BUDGET?", _T0 + timedelta(hours=2))
    _vote(session, "國際電聯學院有多少用戶", False, _T0 + timedelta(hours=3), "zh")
    _decline(session, "国际电联学院有多少用户", _T0 + timedelta(hours=4), "zh")
    _decline(session, "Annual leave?", _T0 + timedelta(hours=5))
    _vote(session, "What is P1's budget?", True, _T0 + timedelta(hours=6))  # helpful: not listed
    session.commit()


def test_review_groups_by_normalised_text_most_frequent_first(db_engine: Engine) -> None:
    SQLModel.metadata.create_all(db_engine)
    with Session(db_engine) as session:
        _fill(session)
        items = list_review(session, since=None, limit=10)
    assert [i.count for i in items] == [3, 2, 1]
    wsis, academy, leave = items
    assert wsis.question == "WHAT IS THE WSIS BUDGET?"  # the latest wording
    assert wsis.kinds == (DECLINED, NOT_HELPFUL)
    assert wsis.last_asked_at == _T0 + timedelta(hours=2)
    assert academy.kinds == (DECLINED, NOT_HELPFUL) and academy.lang == "zh"
    assert leave.kinds == (DECLINED,) and leave.question == "Annual leave?"
    assert all("p1" not in i.key for i in items)


def test_review_since_and_limit(db_engine: Engine) -> None:
    SQLModel.metadata.create_all(db_engine)
    with Session(db_engine) as session:
        _fill(session)
        recent = list_review(session, since=_T0 + timedelta(hours=2), limit=10)
        assert [(i.key, i.count) for i in recent] == [
            ("国际电联学院有多少用户", 2),
            ("annual leave?", 1),
            ("what is the wsis budget?", 1),
        ]
        assert len(list_review(session, since=None, limit=1)) == 1
        assert list_review(session, since=None, limit=0) == []


def test_declined_question_is_truncated_to_the_column(db_engine: Engine) -> None:
    SQLModel.metadata.create_all(db_engine)
    with Session(db_engine) as session:
        create_declined(session, "slack", "U3", "x" * 5000, "en", "too_long")
        session.commit()
        row = session.exec(select(models.DeclinedQuestion)).one()
    assert len(row.question) == MAX_STORED_QUESTION
    assert (row.platform, row.user_id, row.intent) == ("slack", "U3", "too_long")
