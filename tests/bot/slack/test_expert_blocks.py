"""Block Kit of "ask an expert": the card, the form, the reply; both languages, valid Block Kit."""

from __future__ import annotations

import json
from dataclasses import replace

import pytest

from bot.chat.experts import Ticket, Told
from bot.slack.blocks import build_answer_message, build_not_helpful_thanks
from bot.slack.expert_blocks import (
    build_answer_view,
    build_expert_card,
    build_expert_reply,
    build_told_message,
    read_ask_expert_value,
)
from knowledge.answering import AnswerEngine
from tests.support.block_kit import assert_valid_payload, assert_valid_view

TICKET = Ticket(
    id=7,
    platform="slack",
    asker_id="U0ASKER01",
    question="Where is the <!channel> & co. room?",
    lang="en",
    script="",
    bot_answer="I don't know that: it is not in the BDT documents I answer from.",
    reason="declined",
    scope="P1",
    origin_channel="C0ROOM",
    origin_thread="1700000000.000100",
    expert_channel="C0EXPERTS",
    card_id="",
    status="open",
)


def _action_ids(message: dict[str, object]) -> list[str]:
    return [
        element["action_id"]
        for block in message["blocks"]  # type: ignore[attr-defined]
        if block["type"] == "actions"
        for element in block["elements"]
    ]


def test_a_card_follows_its_question_from_open_to_faq() -> None:
    card = build_expert_card(TICKET)
    assert_valid_payload(card)
    shown = json.dumps(card)
    assert "&lt;!channel&gt; &amp; co." in shown and "<!channel>" not in shown
    assert "<@U0ASKER01>" in shown and "<#C0ROOM>" in shown and "P1" in shown
    assert _action_ids(card) == ["expert_claim", "expert_answer"]
    claimed = build_expert_card(replace(TICKET, status="claimed", claimed_by="U0EXPERT1"))
    assert _action_ids(claimed) == ["expert_answer"] and "Claimed by <@U0EXPERT1>" in json.dumps(
        claimed
    )
    answered = replace(TICKET, status="answered", answered_by="U0EXPERT1", answer="Room <5>.")
    card = build_expert_card(answered)
    assert_valid_payload(card)
    assert _action_ids(card) == ["expert_faq"] and "Room &lt;5&gt;." in json.dumps(card)
    assert _action_ids(build_expert_card(replace(answered, faq_key="expert-7"))) == []
    private = build_expert_card(replace(TICKET, origin_channel=""))
    assert "privately" in json.dumps(private)


@pytest.mark.parametrize(
    ("question", "lang", "script", "marker"),
    [
        ("会议室在哪里？", "zh", "", "回答问题"),
        ("會議室在哪裡？", "zh", "hant", "回答問題"),
        ("Where is the room?", "en", "", "Answer the question"),
    ],
)
def test_the_form_and_the_reply_in_the_questions_language_and_script(
    question: str, lang: str, script: str, marker: str
) -> None:
    ticket = replace(TICKET, question=question, lang=lang, script=script)
    view = build_answer_view(ticket)
    assert_valid_view(view)
    assert view["title"]["text"] == marker and view["private_metadata"] == "7"
    answered = replace(ticket, status="answered", answered_by="U0EXPERT1", answer="B <2>")
    reply = build_expert_reply(answered)
    assert_valid_payload(reply)
    assert "<@U0EXPERT1>" in reply["text"] and "B &lt;2&gt;" in reply["text"]
    assert_valid_payload(build_expert_card(ticket))


def test_a_decline_and_a_not_helpful_vote_offer_an_expert(answer_engine: AnswerEngine) -> None:
    question = "Where is the staff canteen?"
    answer = answer_engine.answer(question)
    assert not answer.answered
    message = build_answer_message(answer, question)
    assert_valid_payload(message)
    assert "ask_expert" in _action_ids(message)
    answered = answer_engine.answer("What is the P3 budget?")
    assert "ask_expert" not in _action_ids(build_answer_message(answered, "What is the P3 budget?"))
    thanks = build_not_helpful_thanks("What is the P3 budget?", "zh", "hant")
    assert_valid_payload(thanks)
    assert "請教專家" in json.dumps(thanks, ensure_ascii=False)
    value = thanks["blocks"][-1]["elements"][0]["value"]
    assert read_ask_expert_value(value) == ("What is the P3 budget?", "not_helpful")


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_every_told_sentence_renders_in_both_languages(lang: str) -> None:
    for key in (
        "expert_no_channel",
        "expert_not_member",
        "expert_already_claimed",
        "expert_already_answered",
        "expert_not_possible",
        "expert_answer_sent",
        "unavailable",
    ):
        message = build_told_message(Told(key, lang, parts={"user": "U0EXPERT1"}))
        assert_valid_payload(message)
        assert message["text"]
    told = Told("expert_asked", lang, parts={"channel": "C0EXPERTS", "in_dm": True})
    assert "<#C0EXPERTS>" in build_told_message(told)["text"]


def test_the_validator_walks_into_nested_elements() -> None:
    too_long = {"type": "plain_text", "text": "x" * 76}
    bad_button = {"type": "button", "action_id": "a", "text": too_long}
    with pytest.raises(Exception, match="text"):
        assert_valid_payload({"blocks": [{"type": "actions", "elements": [bad_button]}]})
    feedback = {
        "type": "context_actions",
        "elements": [
            {
                "type": "feedback_buttons",
                "action_id": "f",
                "positive_button": {"text": too_long, "value": "1"},
                "negative_button": {"text": {"type": "plain_text", "text": "no"}, "value": "0"},
            }
        ],
    }
    with pytest.raises(Exception, match="text"):
        assert_valid_payload({"blocks": [feedback]})
