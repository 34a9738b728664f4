"""Teams cards of learning from use: suggestions carry what they were offered for; the
feedback reply's Teach buttons run `kb teach N`."""

from __future__ import annotations

import pytest

from bot.kb.replies import CommandButton, KbReply, read_command_value
from bot.teams.cards import VERB_KB_RUN, VERB_SUGGEST, build_answer_card, build_kb_card
from bot.text_render import LANGS
from knowledge.answering import AnswerEngine
from tests.bot.teams.test_cards import actions, check_card

RECORD = "fact:retreat-bdt-core-values"


@pytest.mark.parametrize(
    ("question", "script"), [("the values the bureau holds", ""), ("誰在培養年輕領導者", "hant")]
)
def test_a_suggestion_carries_the_question_and_its_record(
    answer_engine: AnswerEngine, question: str, script: str
) -> None:
    answer = answer_engine.answer(question)
    assert answer.suggestions and answer.script == script
    card = build_answer_card(answer, question)
    check_card(card)
    suggested = [a for a in actions(card) if a["verb"] == VERB_SUGGEST]
    assert suggested
    for index, action in enumerate(suggested):
        record = answer.suggestion_records[index]
        assert action["data"] == {"q": answer.suggestions[index], "a": question, "r": record}


@pytest.mark.parametrize("lang", LANGS)
def test_the_feedback_reply_has_a_teach_button_per_group(lang: str) -> None:
    buttons = tuple(CommandButton("button_teach", f"teach {n}", lang, {"id": n}) for n in (7, 9))
    card = build_kb_card(KbReply("cancelled", lang, buttons=buttons))
    check_card(card)
    run = [a for a in actions(card) if a["verb"] == VERB_KB_RUN]
    assert [read_command_value(a["data"]["v"]) for a in run] == [
        ("teach 7", lang),
        ("teach 9", lang),
    ]
    assert run[0]["title"] == ("Teach this phrasing #7" if lang == "en" else "学习这个问法 #7")


def test_a_command_button_runs_only_teach() -> None:
    assert read_command_value('{"k":"teach 3","l":"en"}') == ("teach 3", "en")
    for value in ('{"k":"admin add U1","l":"en"}', '{"k":"teach 3","l":"fr"}', "teach 3", "[]"):
        assert read_command_value(value) is None
