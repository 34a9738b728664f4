"""`/kb feedback` shows evidence from use with a Teach button; `/kb teach N` teaches it."""

from __future__ import annotations

import pytest
from sqlalchemy.engine import Engine
from sqlmodel import Session

from bot.kb.dispatcher import KbService
from bot.kb.replies import read_command_value
from knowledge.answering import AnswerService
from knowledge.records import create_evidence, evidence
from tests.bot.kb.conftest import ADMIN, EDITOR_P1, NOBODY, count_rows

QUESTION = "the values the bureau holds"
RECORD = "fact:retreat-bdt-core-values"


def _click(engine: Engine, user: str, question: str = QUESTION, record: str = RECORD) -> int:
    with Session(engine) as session:
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
        return int(row.id or 0)


@pytest.mark.parametrize(
    ("lang", "words"),
    [
        ("en", ["What use says", f'"{QUESTION}" → BDT', "2 clicks, by 2 people", "/kb teach N"]),
        (
            "zh",
            [
                "使用表明",
                f"“{QUESTION}”→ 电信发展局的核心价值观",
                "点击 2 次，共 2 人",
                "/kb teach N",
            ],
        ),
    ],
)
def test_feedback_shows_evidence_with_a_teach_button(
    kb: KbService, kb_engine: Engine, lang: str, words: list[str]
) -> None:
    _click(kb_engine, "U1")
    newest = _click(kb_engine, "U2")
    reply = kb.run(ADMIN, "feedback", lang)
    text = reply.render()
    for word in words:
        assert word in text, (word, text)
    assert f"#{newest} " in text
    (button,) = reply.buttons
    assert read_command_value(button.to_value()) == (f"teach {newest}", lang)
    assert f"#{newest}" in button.render()


def test_the_teach_button_runs_teach_and_the_next_question_is_answered(
    kb: KbService, kb_engine: Engine
) -> None:
    service = AnswerService(kb_engine)
    assert not service.answer(QUESTION).answered
    newest = _click(kb_engine, "U1")
    (button,) = kb.run(ADMIN, "feedback", "en").buttons
    found = read_command_value(button.to_value())
    assert found is not None
    command, lang = found
    done = kb.run(ADMIN, command, lang)
    assert done.template == "done" and done.changed
    text = done.render()
    assert f'"{QUESTION}" is now taught' in text and "BDT" in text
    change = done.context["change"].id
    answer = AnswerService(kb_engine).answer(QUESTION)
    assert answer.answered and answer.record == RECORD
    history = kb.run(ADMIN, "history retreat-bdt-core-values", "en").render()
    assert f"#{change} " in history and "phrasing" in history and QUESTION in history
    # Taught: listed as such, no button; teaching it again is refused in both languages.
    after = kb.run(ADMIN, "feedback", "en")
    assert after.buttons == () and "— taught" in after.render()
    again = kb.run(ADMIN, f"teach {newest}", "en")
    assert again.template == "invalid_value" and "taught already" in again.render()
    assert "已经学过" in kb.run(ADMIN, f"teach {newest}", "zh").render()
    assert kb.run(ADMIN, f"undo {change}", "en").template == "done"
    assert not AnswerService(kb_engine).answer(QUESTION).answered


def test_only_admins_teach(kb: KbService, kb_engine: Engine) -> None:
    newest = _click(kb_engine, "U1")
    before = count_rows(kb_engine)
    for actor in (EDITOR_P1, NOBODY):
        assert kb.run(actor, f"teach {newest}", "en").template == "not_permitted"
    assert kb.run(NOBODY, "feedback", "en").template == "not_permitted"
    assert count_rows(kb_engine) == before


@pytest.mark.parametrize(
    ("lang", "text", "words"),
    [
        ("en", "teach 9999", ['no evidence (see /kb feedback) "#9999"']),
        ("zh", "teach 9999", ["#9999", "使用记录"]),
        ("en", "teach many", ["not a change number"]),
        ("en", "teach", ["EVIDENCE"]),
    ],
)
def test_teach_input_is_checked(kb: KbService, lang: str, text: str, words: list[str]) -> None:
    reply = kb.run(ADMIN, text, lang).render()
    for word in words:
        assert word in reply, (word, reply)


def test_evidence_whose_record_is_gone_cannot_be_taught(kb: KbService, kb_engine: Engine) -> None:
    assert kb.run(ADMIN, "fact add gone-soon 'A fact.' '一个事实。'", "en").template == "done"
    newest = _click(kb_engine, "U1", "about the soon gone fact", "fact:gone-soon")
    ask = kb.run(ADMIN, "fact remove gone-soon", "en")
    assert ask.confirmation is not None
    assert kb.run(ADMIN, "fact remove gone-soon", "en", ask.confirmation.versions).changed
    feedback = kb.run(ADMIN, "feedback", "en")
    assert feedback.buttons == () and "no longer in the store" in feedback.render()
    for lang, word in (("en", "record (it was removed since)"), ("zh", "已被删除")):
        reply = kb.run(ADMIN, f"teach {newest}", lang)
        assert reply.template == "unknown_code" and word in reply.render()
