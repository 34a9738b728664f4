"""Block Kit of learning from use: "did you mean" buttons carry what they were offered for;
the feedback reply's Teach buttons run `/kb teach N`. Validated with slack_sdk's models."""

from __future__ import annotations

import pytest

from bot.chat import read_suggestion_value
from bot.kb.replies import CommandButton, KbReply, read_command_value
from bot.slack.blocks import MAX_BUTTON_VALUE, build_answer_message
from bot.slack.kb_blocks import ACTION_KB_RUN, build_kb_message
from bot.text_render import LANGS
from knowledge.answering import AnswerEngine
from tests.bot.slack.test_blocks import _validate_block_kit

RECORD = "fact:retreat-bdt-core-values"


@pytest.mark.parametrize(
    "question", ["the values the bureau holds", "誰在培養年輕領導者", "What does VaMoz stand for"]
)
def test_suggestion_buttons_carry_the_question_and_their_record(
    answer_engine: AnswerEngine, question: str
) -> None:
    answer = answer_engine.answer(question)
    assert answer.suggestions and not answer.answered
    message = build_answer_message(answer, question)
    _validate_block_kit(message)
    (block,) = [b for b in message["blocks"] if b.get("block_id") == "suggestions"]
    for index, button in enumerate(block["elements"]):
        assert len(button["value"]) <= MAX_BUTTON_VALUE
        click = read_suggestion_value(button["value"])
        assert click.question == answer.suggestions[index]
        assert (click.asked, click.record) == (question, answer.suggestion_records[index])


def test_a_suggestion_of_the_longest_question_still_fits(answer_engine: AnswerEngine) -> None:
    question = "请问 " + "价值观 " * 120  # under the 500 characters a question may have
    answer = answer_engine.answer(question)
    message = build_answer_message(answer, question)
    _validate_block_kit(message)
    for block in message["blocks"]:
        for element in block.get("elements", []):
            if element.get("type") == "button":
                assert len(element.get("value", "")) <= MAX_BUTTON_VALUE


@pytest.mark.parametrize("lang", LANGS)
def test_the_feedback_reply_has_teach_buttons(lang: str) -> None:
    buttons = tuple(CommandButton("button_teach", f"teach {n}", lang, {"id": n}) for n in (4, 5))
    message = build_kb_message(KbReply("cancelled", lang, buttons=buttons))
    _validate_block_kit(message)
    (block,) = [b for b in message["blocks"] if b.get("block_id") == "kb_commands"]
    assert [ACTION_KB_RUN.match(e["action_id"]) is not None for e in block["elements"]] == [
        True,
        True,
    ]
    assert [read_command_value(e["value"]) for e in block["elements"]] == [
        ("teach 4", lang),
        ("teach 5", lang),
    ]
