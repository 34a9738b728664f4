"""Adaptive Cards of "ask an expert": both languages, traditional script, within Teams' size."""

from __future__ import annotations

from dataclasses import replace

import pytest

from bot.chat.experts import Ticket, Told
from bot.rendering import list_template_names
from bot.teams.cards import (
    MAX_CARD_BYTES,
    VERB_EXPERT_ANSWER,
    VERB_EXPERT_CLAIM,
    VERB_EXPERT_FAQ,
    to_card_size,
)
from bot.teams.expert_cards import (
    build_expert_card,
    build_expert_offer_card,
    build_expert_reply_card,
    render_expert_told,
)
from bot.teams.expert_handlers import read_answer_text

TICKET = Ticket(
    id=4,
    platform="teams",
    asker_id="6f1c3a7e-2b4d-4c59-9a8e-0d7f5e3b1a21",
    question="Where is the *canteen*?",
    lang="en",
    script="",
    bot_answer="I don't know that.",
    reason="declined",
    scope="all",
    origin_channel="a:1chat",
    origin_thread="",
    expert_channel="19:experts@thread.tacv2",
    card_id="",
    status="open",
)


def _verbs(card: object) -> list[str]:
    found: list[str] = []

    def walk(node: object) -> None:
        if isinstance(node, dict):
            if node.get("type") == "Action.Execute":
                found.append(str(node["verb"]))
            for item in node.values():
                walk(item)
        elif isinstance(node, list):
            for item in node:
                walk(item)

    walk(card)
    return found


def test_the_card_offers_what_fits_the_questions_status() -> None:
    card = build_expert_card(TICKET, origin_kind="personal")
    assert _verbs(card) == [VERB_EXPERT_CLAIM, VERB_EXPERT_ANSWER]
    texts = [b.get("text", "") for b in card["body"]]
    assert any("\\*canteen\\*" in t for t in texts) and "Input.Text" in str(card)
    claimed = build_expert_card(replace(TICKET, status="claimed"), "Eve")
    assert _verbs(claimed) == [VERB_EXPERT_ANSWER]
    answered = replace(TICKET, status="answered", answer="Floor 2.")
    assert _verbs(build_expert_card(answered, "Eve")) == [VERB_EXPERT_FAQ]
    assert _verbs(build_expert_card(replace(answered, faq_key="expert-4"))) == []


@pytest.mark.parametrize(
    ("lang", "script", "marker"), [("zh", "", "请专家"), ("zh", "hant", "請專家")]
)
def test_chinese_cards_in_the_askers_script_and_within_teams_size(
    lang: str, script: str, marker: str
) -> None:
    ticket = replace(
        TICKET,
        lang=lang,
        script=script,
        question="问" * 4000,
        bot_answer="答" * 4000,
        answer="解" * 2000,
        status="answered",
    )
    card = build_expert_card(ticket, "某人")
    assert marker in str(card) and to_card_size(card) <= MAX_CARD_BYTES
    assert to_card_size(build_expert_reply_card(ticket, "某人")) <= MAX_CARD_BYTES
    assert "請教專家" in str(build_expert_offer_card("會議室在哪裡？"))


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_every_sentence_in_both_languages(lang: str) -> None:
    for key in (
        "expert_no_channel",
        "expert_asked",
        "expert_not_member",
        "expert_already_claimed",
        "expert_already_answered",
        "expert_answer_invalid",
        "expert_not_possible",
        "expert_answer_sent",
        "unavailable",
    ):
        assert render_expert_told(Told(key, lang, parts={"reason_key": "empty"}))


def test_teams_templates_exist_in_both_languages() -> None:
    assert list_template_names("en", "teams") == list_template_names("zh", "teams")


def test_an_answer_keeps_its_lines_but_no_control_characters() -> None:
    assert read_answer_text({"answer": " a\x07\nb "}) == "a\nb"
    assert read_answer_text({"answer": 3}) == ""
