"""Teaching phrasings from evidence: validated, audited, undone, exported, and answered from."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy.engine import Engine
from sqlmodel import Session, select

from knowledge.answering import AnswerEngine, AnswerKind, load_knowledge
from knowledge.editing import Actor, Permissions, audit, phrasings, run_edit
from knowledge.editing.transfer import apply_import, export_store, plan_import
from knowledge.errors import InvalidValue, NotPermitted, UnknownCode
from knowledge.records import create_evidence, evidence
from knowledge.store import models

ADMIN = Permissions(Actor("slack", "UADMIN"), is_admin=True)
EDITOR_P1 = Permissions(Actor("slack", "UED1"), editor_scopes=frozenset({"P1"}))
# Today not answered; its first suggestion is BDT's core values.
QUESTION = "the values the bureau holds"
RECORD = "fact:retreat-bdt-core-values"


def _engine(store: Engine) -> AnswerEngine:
    with Session(store) as session:
        return AnswerEngine(load_knowledge(session))


def _click(store: Engine, question: str, record: str, user: str = "U1") -> int:
    """What a "did you mean" click keeps: the evidence row's id."""
    with Session(store) as session:
        row = create_evidence(
            session,
            question=question,
            lang="en",
            record=record,
            kind=evidence.SUGGESTION,
            platform="slack",
            user_id=user,
        )
        assert row is not None
        session.commit()
        assert row.id is not None
        return row.id


def test_a_taught_phrasing_answers_the_next_such_question_and_undo_brings_back_before(
    store: Engine,
) -> None:
    before = _engine(store).answer(QUESTION)
    assert before.kind in (AnswerKind.DID_YOU_MEAN, AnswerKind.DECLINE) and not before.answered
    assert before.suggestion_records[0] == RECORD  # what a click on the first one names
    entry = run_edit(store, lambda s: phrasings.teach_phrasing(s, ADMIN, RECORD, QUESTION))
    engine = _engine(store)
    for asked in (QUESTION, "The values the Bureau holds?", "what are the values the bureau holds"):
        answer = engine.answer(asked)
        assert answer.answered and answer.kind is AnswerKind.FACT, asked
        assert answer.record == RECORD
        assert answer.parts["fact"].key == "retreat-bdt-core-values"
    assert not engine.answer("Who is the Secretary-General of ITU?").answered
    with Session(store) as session:
        (change,) = audit.list_changes(session, "retreat-bdt-core-values")
        assert (change.entity, change.action, change.id) == ("phrasing", "add", entry.id)
    run_edit(store, lambda s: audit.undo_change(s, ADMIN, entry.id or 0))
    after = _engine(store).answer(QUESTION)
    assert (after.kind, after.answered, after.suggestions) == (
        before.kind,
        before.answered,
        before.suggestions,
    )


def test_teaching_is_validated(store: Engine) -> None:
    run_edit(store, lambda s: phrasings.teach_phrasing(s, ADMIN, RECORD, QUESTION))
    with Session(store) as session:
        with pytest.raises(NotPermitted):
            phrasings.teach_phrasing(session, EDITOR_P1, RECORD, "bureau values")
        with pytest.raises(UnknownCode) as unknown:
            phrasings.teach_phrasing(session, ADMIN, "fact:no-such-fact", "bureau values")
        assert unknown.value.kind == "record"
        with pytest.raises(UnknownCode):
            phrasings.teach_phrasing(session, ADMIN, "kpi:P9-XXX-1", "bureau values")
        with pytest.raises(InvalidValue) as long:
            phrasings.teach_phrasing(session, ADMIN, RECORD, "x" * 501)
        assert long.value.reason_key == "too_long"
        with pytest.raises(InvalidValue) as empty:
            phrasings.teach_phrasing(session, ADMIN, RECORD, "   ")
        assert empty.value.reason_key == "empty"
        # The same phrasing in another case or spacing, for this record or another.
        for record in (RECORD, "fact:strategy-itu-2027"):
            with pytest.raises(InvalidValue) as taught:
                phrasings.teach_phrasing(session, ADMIN, record, "The  VALUES the bureau  holds")
            assert (taught.value.reason_key, taught.value.value) == ("taught_already", RECORD)


def test_every_kind_of_record_can_be_taught(store: Engine) -> None:
    records = {
        "priority:P3": "the skills work",
        "theme:P4-CYB": "keeping networks safe",
        "kpi:P1-EMT-1": "warning systems count",
        "outcome:P1-EMT#0": "what early warning should achieve",
        "risk:R1": "the money worry",
    }
    for record, phrasing in records.items():
        run_edit(store, lambda s, r=record, p=phrasing: phrasings.teach_phrasing(s, ADMIN, r, p))
    with Session(store) as session:
        taught = {p.record: p.phrasing for p in phrasings.list_phrasings(session)}
    assert taught == records


def test_a_chinese_phrasing_matches_its_traditional_form(store: Engine) -> None:
    run_edit(store, lambda s: phrasings.teach_phrasing(s, ADMIN, RECORD, "局里的价值观"))
    with Session(store) as session, pytest.raises(InvalidValue) as taught:
        phrasings.teach_phrasing(session, ADMIN, RECORD, "局裡的價值觀")
    assert taught.value.reason_key == "taught_already"
    answer = _engine(store).answer("局裡的價值觀")
    assert answer.answered and answer.record == RECORD and answer.script == "hant"


def test_evidence_is_grouped_by_question_and_record_with_distinct_people(store: Engine) -> None:
    _click(store, QUESTION, RECORD, "U1")
    _click(store, "The values the  bureau holds", RECORD, "U1")
    newest = _click(store, QUESTION, RECORD, "U2")
    _click(store, QUESTION, "fact:strategy-itu-2027", "U3")
    with Session(store) as session:
        assert (
            create_evidence(
                session,
                question=QUESTION,
                lang="en",
                record="no-such-kind:x",
                kind=evidence.SUGGESTION,
                platform="slack",
                user_id="U1",
            )
            is None
        )
        assert (
            create_evidence(
                session,
                question="x" * 501,
                lang="en",
                record=RECORD,
                kind=evidence.HELPFUL,
                platform="slack",
                user_id="U1",
            )
            is None
        )
        first, second = evidence.list_evidence(session, None, 10)
    assert (first.id, first.record, first.clicks, first.votes, first.people) == (
        newest,
        RECORD,
        3,
        0,
        2,
    )
    assert not first.taught
    assert (second.record, second.people) == ("fact:strategy-itu-2027", 1)
    run_edit(store, lambda s: phrasings.teach_phrasing(s, ADMIN, RECORD, first.question))
    with Session(store) as session:
        groups = evidence.list_evidence(session, None, 10)
    assert all(g.taught for g in groups)  # the question's phrasing is taught: listed last


def test_taught_phrasings_are_exported_and_imported(store: Engine, tmp_path: Path) -> None:
    run_edit(store, lambda s: phrasings.teach_phrasing(s, ADMIN, RECORD, QUESTION))
    path = tmp_path / "export.yaml"
    with Session(store) as session:
        summary = export_store(session, path)
    assert summary.counts["phrasings"] == 1
    assert "the values the bureau holds" in path.read_text(encoding="utf-8")
    with Session(store) as session:
        (row,) = session.exec(select(models.TaughtPhrasing)).all()
        session.delete(row)
        session.commit()
    with Session(store) as session:
        plan = plan_import(session, path)
        assert plan.changes["phrasings"].added == [QUESTION]
        apply_import(session, plan, ADMIN.actor)
        session.commit()
    with Session(store) as session:
        imported = audit.list_changes(session, "retreat-bdt-core-values")[0]
    assert (imported.entity, imported.action) == ("phrasing", "import")
    answer = _engine(store).answer(QUESTION)
    assert answer.answered and answer.record == RECORD
