"""The experts' channels (audited, undoable) and the questions handed to experts."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy.engine import Engine
from sqlmodel import Session

from knowledge.answering import AnswerEngine, load_knowledge
from knowledge.editing import expert_channels as channels
from knowledge.editing import expert_questions as questions
from knowledge.editing.audit import list_changes, run_edit, undo_change
from knowledge.editing.permissions import Actor, Permissions
from knowledge.errors import InvalidValue, NotPermitted, UnknownCode
from knowledge.store import models, utc_now

ADMIN = Permissions(Actor("slack", "UADMIN"), is_admin=True)
EDITOR_P1 = Permissions(Actor("slack", "UED1"), editor_scopes=frozenset({"P1"}))
EDITOR_P2 = Permissions(Actor("slack", "UED2"), editor_scopes=frozenset({"P2"}))
QUESTION = "How do I book a meeting room in the Montbrillant building?"
ANSWER = "Book it in the room booking tool on the intranet (Rooms > Montbrillant)."


def _channel(engine: Engine, scope: str | None, platform: str = "slack") -> str | None:
    with Session(engine) as session:
        row = channels.find_expert_channel(session, platform, scope)
        return None if row is None else row.channel


def test_an_admin_sets_moves_and_removes_experts_channels_each_audited_and_undoable(
    store: Engine,
) -> None:
    run_edit(store, lambda s: channels.set_expert_channel(s, ADMIN, "CALL0001"))
    added = run_edit(store, lambda s: channels.set_expert_channel(s, ADMIN, "CP10001", "p1"))
    assert (_channel(store, "P1"), _channel(store, "P2"), _channel(store, None)) == (
        "CP10001",
        "CALL0001",
        "CALL0001",
    )
    assert _channel(store, "P1", "teams") is None
    moved = run_edit(store, lambda s: channels.set_expert_channel(s, ADMIN, "CP10002", "P1"))
    assert _channel(store, "P1") == "CP10002"
    assert (moved.action, moved.entity_key) == ("edit", "experts:P1")
    run_edit(store, lambda s: undo_change(s, ADMIN, moved.id or 0))
    assert _channel(store, "P1") == "CP10001"
    removed = run_edit(store, lambda s: channels.remove_expert_channel(s, ADMIN, "P1"))
    assert _channel(store, "P1") == "CALL0001"
    run_edit(store, lambda s: undo_change(s, ADMIN, removed.id or 0))
    assert _channel(store, "P1") == "CP10001"
    with Session(store) as session:
        keys = [(e.action, e.entity_key) for e in list_changes(session, "experts")]
    assert ("add", "experts:P1") in keys and ("undo", "experts:P1") in keys
    assert added.after is not None and added.after["channel"] == "CP10001"


def test_experts_channels_refuse_editors_unknown_scopes_and_no_change(store: Engine) -> None:
    with pytest.raises(NotPermitted):
        run_edit(store, lambda s: channels.set_expert_channel(s, EDITOR_P1, "C1", "P1"))
    with pytest.raises(UnknownCode) as unknown:
        run_edit(store, lambda s: channels.set_expert_channel(s, ADMIN, "C1", "P9"))
    assert unknown.value.kind == "priority"
    run_edit(store, lambda s: channels.set_expert_channel(s, ADMIN, "C1"))
    with pytest.raises(InvalidValue) as same:
        run_edit(store, lambda s: channels.set_expert_channel(s, ADMIN, "C1", "all"))
    assert same.value.reason_key == "unchanged"
    with pytest.raises(UnknownCode):
        run_edit(store, lambda s: channels.remove_expert_channel(s, ADMIN, "P2"))


def _ask(engine: Engine, scope: str = "all", question: str = QUESTION) -> int:
    def create(session: Session) -> int:
        row = questions.create_expert_question(
            session,
            platform="slack",
            asker_id="UASK",
            question=question,
            lang="en",
            script="",
            bot_answer="I don't know that.",
            reason="declined",
            scope=scope,
            expert_channel="CEXP",
            origin_channel="CASK",
            origin_thread="1700000000.000100",
        )
        assert row.id is not None
        return row.id

    return run_edit(engine, create)


def test_a_question_is_claimed_once_answered_and_turned_into_an_faq_the_bot_then_answers(
    store: Engine,
) -> None:
    question_id = _ask(store)
    claimed = run_edit(store, lambda s: questions.claim_expert_question(s, question_id, "slack:UX"))
    assert (claimed.status, claimed.claimed_by) == ("claimed", "slack:UX")
    # The same expert again changes nothing; another is told who has it.
    run_edit(store, lambda s: questions.claim_expert_question(s, question_id, "slack:UX"))
    with pytest.raises(InvalidValue) as taken:
        run_edit(store, lambda s: questions.claim_expert_question(s, question_id, "slack:UY"))
    assert (taken.value.reason_key, taken.value.value) == ("already_claimed", "slack:UX")
    with pytest.raises(InvalidValue) as early:
        run_edit(store, lambda s: questions.add_faq_from_answer(s, ADMIN, question_id))
    assert early.value.reason_key == "not_answered"
    with pytest.raises(InvalidValue):
        run_edit(store, lambda s: questions.answer_expert_question(s, question_id, "slack:UX", " "))
    # The claim reserves the question: another expert's answer is refused, naming who has it.
    with pytest.raises(InvalidValue) as reserved:
        run_edit(store, lambda s: questions.answer_expert_question(s, question_id, "slack:UY", "x"))
    assert (reserved.value.reason_key, reserved.value.value) == ("already_claimed", "slack:UX")
    answered = run_edit(
        store, lambda s: questions.answer_expert_question(s, question_id, "slack:UX", ANSWER)
    )
    assert (answered.status, answered.answer) == ("answered", ANSWER)
    assert answered.answered_by == "slack:UX"
    with pytest.raises(InvalidValue) as again:
        run_edit(store, lambda s: questions.answer_expert_question(s, question_id, "slack:UY", "x"))
    assert again.value.reason_key == "already_answered"
    entry = run_edit(store, lambda s: questions.add_faq_from_answer(s, ADMIN, question_id))
    assert (entry.action, entry.entity, entry.entity_key) == ("add", "faq", f"expert-{question_id}")
    with Session(store) as session:
        answer = AnswerEngine(load_knowledge(session)).answer(QUESTION)
    assert answer.answered and answer.parts["faq"].answer_en == ANSWER
    with pytest.raises(InvalidValue) as twice:
        run_edit(store, lambda s: questions.add_faq_from_answer(s, ADMIN, question_id))
    assert twice.value.reason_key == "duplicate"
    # Undone like any FAQ added with /kb faq add.
    run_edit(store, lambda s: undo_change(s, ADMIN, entry.id or 0))
    with Session(store) as session:
        assert not AnswerEngine(load_knowledge(session)).answer(QUESTION).answered


def test_only_admins_and_editors_of_the_questions_scope_turn_it_into_an_faq(store: Engine) -> None:
    question_id = _ask(store, scope="P1")
    run_edit(store, lambda s: questions.answer_expert_question(s, question_id, "slack:UX", ANSWER))
    for perms in (EDITOR_P2, Permissions(Actor("slack", "UNOBODY"))):
        with pytest.raises(NotPermitted):
            run_edit(store, lambda s, p=perms: questions.add_faq_from_answer(s, p, question_id))
    entry = run_edit(store, lambda s: questions.add_faq_from_answer(s, EDITOR_P1, question_id))
    assert entry.after is not None and entry.after["priority_code"] == "P1"
    unscoped = _ask(store, question="Where is the BDT staff canteen?")
    run_edit(store, lambda s: questions.answer_expert_question(s, unscoped, "slack:UX", ANSWER))
    with pytest.raises(NotPermitted):
        run_edit(store, lambda s: questions.add_faq_from_answer(s, EDITOR_P1, unscoped))


def test_the_queue_lists_open_then_claimed_then_answered_and_unanswered_ones_stay(
    store: Engine,
) -> None:
    first, second, third = _ask(store), _ask(store, "P1"), _ask(store, "P2")
    run_edit(store, lambda s: questions.claim_expert_question(s, second, "slack:UX"))
    run_edit(store, lambda s: questions.answer_expert_question(s, third, "slack:UX", ANSWER))
    with Session(store) as session:
        queue = questions.list_expert_questions(session)
        assert [(q.id, q.status) for q in queue] == [
            (first, "open"),
            (second, "claimed"),
            (third, "answered"),
        ]
        later = utc_now() + timedelta(seconds=1)
        assert [q.id for q in questions.list_unanswered(session, None, later)] == [first, second]
        assert [q.id for q in questions.list_unanswered(session, ["P1"], later)] == [second]
        assert questions.list_unanswered(session, None, utc_now() - timedelta(days=1)) == []
        assert session.get(models.ExpertQuestion, first) is not None


def test_the_scope_of_a_question_is_the_subject_the_engine_names(
    answer_engine: AnswerEngine,
) -> None:
    cases = {"What is the P2 budget?": "P2", "Who heads P3?": "P3", QUESTION: None}
    found = {q: questions.to_answer_scope(answer_engine.answer(q)) for q in cases}
    assert found == cases
