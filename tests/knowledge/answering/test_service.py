"""The answer service: first use, refresh after an audited change, an unreachable store."""

from __future__ import annotations

import pytest
from sqlalchemy.engine import Engine
from sqlmodel import Session, select

from knowledge.answering.service import AnswerService
from knowledge.errors import StoreUnavailable
from knowledge.records import claim_event, create_feedback
from knowledge.store import create_db_engine, models


def test_service_sets_up_the_store_and_answers(db_engine: Engine) -> None:
    service = AnswerService(db_engine)
    assert service.answer("P1 budget").parts["figures"][0].amount == 519_000
    assert service.is_store_available()


def test_service_sees_an_audited_change_from_another_process(seeded_engine: Engine) -> None:
    service = AnswerService(seeded_engine, refresh_interval=0.0)
    assert service.answer("E1 budget").parts["figures"][0].amount == 15_000
    with Session(seeded_engine) as session:  # what an edit in another process does
        for line in session.exec(
            select(models.BudgetLine).where(models.BudgetLine.subject_code == "E1")
        ):
            line.amount_chf = 16_000
            session.add(line)
        session.add(
            models.AuditEntry(actor="U1", action="update", entity="budget", entity_key="E1")
        )
        session.commit()
    assert service.answer("E1 budget").parts["figures"][0].amount == 16_000


def test_service_reports_an_unreachable_store() -> None:
    service = AnswerService(create_db_engine("postgresql+psycopg://bot:pw@127.0.0.1:1/none"))
    with pytest.raises(StoreUnavailable):
        service.answer("P1 budget")
    assert not service.is_store_available()


def test_an_event_is_claimed_once(seeded_engine: Engine) -> None:
    AnswerService(seeded_engine).get_engine()
    with Session(seeded_engine) as session:
        assert claim_event(session, "Ev1") is True
        assert claim_event(session, "Ev1") is False
        assert claim_event(session, "Ev2") is True


def test_feedback_is_stored(seeded_engine: Engine) -> None:
    AnswerService(seeded_engine).get_engine()
    with Session(seeded_engine) as session:
        create_feedback(
            session,
            user_id="U1",
            channel="slack",
            question="q" * 5000,
            answer_text="a",
            intent="budget",
            lang="en",
            answered=True,
            helpful=False,
        )
        session.commit()
        stored = session.exec(select(models.Feedback)).one()
    assert len(stored.question) == 4000 and stored.helpful is False
