"""Ask an expert in Teams, end to end through POST /api/messages and the Bot Connector
stand-in: a decline in a personal chat, the card in the experts' channel, claim, answer
typed in the card, the answer in the asker's chat, an FAQ entry, the next asker."""

from __future__ import annotations

import time
from typing import Any

import pytest

from bot.teams.cards import (
    VERB_ASK_EXPERT,
    VERB_EXPERT_ANSWER,
    VERB_EXPERT_CLAIM,
    VERB_EXPERT_FAQ,
    VERB_NOT_HELPFUL,
)
from tests.e2e.teams.conftest import ADMIN_OBJECT_ID, Served, card_of, card_texts, find_actions
from tests.support import teams_activities as act
from tests.support.teams_standin import Call

pytestmark = pytest.mark.e2e

CHANNEL = act.CONVERSATIONS["channel"]
PERSONAL = act.CONVERSATIONS["personal"]
EXPERT = "5d4c3b2a-1f0e-4d9c-8b7a-6f5e4d3c2b1a"
QUESTION = "How do I book a meeting room in the Montbrillant building?"
ANSWER = "Book it in the room booking tool on the intranet (Rooms > Montbrillant)."


def _send(served: Served, activity: dict[str, Any]) -> Any:
    status, body = served.post(activity)
    assert status == 200
    return body


def _wait_sent(served: Served, match: Any, timeout: float = 10) -> Call:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        for call in served.teams.sent:
            if match(call):
                return call
        time.sleep(0.02)
    raise AssertionError("no such message sent to the Bot Connector")


def _click(served: Served, verb: str, data: dict[str, Any], **kwargs: Any) -> Any:
    click = act.card_action(verb, data, service_url=served.teams.url, reply_to_id="1", **kwargs)
    return _send(served, click)


def test_ask_an_expert_in_teams_from_decline_to_faq(served: Served) -> None:
    url = served.teams.url
    # No experts' channel yet: the asker is told so.
    _send(served, act.message(QUESTION, service_url=url))
    declined = card_of(_wait_sent(served, lambda c: "I don't know that" in str(c.activity)))
    (ask,) = find_actions(declined, VERB_ASK_EXPERT)
    told = _click(served, VERB_ASK_EXPERT, ask["data"])
    assert "no experts' channel" in told["value"]

    # An admin names the channel the command is typed in.
    _send(
        served,
        act.message(
            "kb experts set here",
            service_url=url,
            kind="channel",
            mention_bot=True,
            aad_object_id=ADMIN_OBJECT_ID,
        ),
    )
    _wait_sent(served, lambda c: CHANNEL in c.conversation_id and "experts" in str(c.activity))

    told = _click(served, VERB_ASK_EXPERT, ask["data"], activity_id=act.new_activity_id())
    assert "passed your question to the experts" in told["value"]
    card_call = _wait_sent(
        served,
        lambda c: c.conversation_id == CHANNEL and "Question for the experts" in str(c.activity),
    )
    card = card_of(card_call)
    shown = card_texts(card)
    assert QUESTION in shown and "I don't know that" in shown and "personal chat" in shown
    ticket = find_actions(card, VERB_EXPERT_CLAIM)[0]["data"]

    # A click that does not come from the experts' channel is refused; one from it claims.
    refused = _click(served, VERB_EXPERT_CLAIM, ticket, aad_object_id=EXPERT)
    assert "Only members of the experts' channel" in refused["value"]
    claimed = _click(
        served,
        VERB_EXPERT_CLAIM,
        ticket,
        kind="channel",
        aad_object_id=EXPERT,
        user_name="Eve Expert",
    )
    assert "Claimed by Eve Expert" in card_texts(claimed["value"])
    assert not find_actions(claimed["value"], VERB_EXPERT_CLAIM)
    # Everyone in the channel sees the card claimed: the posted card is updated.
    updated = _wait_sent(
        served,
        lambda c: c.operation == "update" and "Claimed by Eve Expert" in str(c.activity),
    )
    assert updated.activity_id == card_call.id

    # The answer typed in the card reaches the asker's chat, marked as the expert's.
    empty = _click(
        served, VERB_EXPERT_ANSWER, {**ticket, "answer": " "}, kind="channel", aad_object_id=EXPERT
    )
    assert "The answer is empty" in empty["value"]
    answered = _click(
        served,
        VERB_EXPERT_ANSWER,
        {**ticket, "answer": ANSWER},
        kind="channel",
        aad_object_id=EXPERT,
        user_name="Eve Expert",
    )
    assert find_actions(answered["value"], VERB_EXPERT_FAQ)
    reply = card_of(
        _wait_sent(
            served, lambda c: c.conversation_id == PERSONAL and ANSWER[:20] in str(c.activity)
        )
    )
    assert "Eve Expert" in card_texts(reply) and "Answered by a person" in card_texts(reply)

    # One click makes it an FAQ entry (an admin); the next asker gets it from the bot.
    refused_faq = _click(served, VERB_EXPERT_FAQ, ticket, kind="channel", aad_object_id=EXPERT)
    assert "may not" in card_texts(refused_faq["value"])
    made = _click(served, VERB_EXPERT_FAQ, ticket, kind="channel", aad_object_id=ADMIN_OBJECT_ID)
    assert "kb undo" in card_texts(made["value"]) or "/kb undo" in card_texts(made["value"])
    before = len(served.teams.sent)
    _send(served, act.message(QUESTION, service_url=url, user_id="29:1standin-next-0002"))
    next_answer = served.teams.wait_for(before + 1)[-1]
    assert ANSWER[:20] in card_texts(card_of(next_answer))


def test_a_not_helpful_vote_in_teams_offers_an_expert(served: Served) -> None:
    url = served.teams.url
    _send(served, act.message("P1 budget", service_url=url))
    answer = card_of(served.teams.wait_for(1)[-1])
    assert not find_actions(answer, VERB_ASK_EXPERT)
    data = find_actions(answer, VERB_NOT_HELPFUL)[0]["data"]
    _click(served, VERB_NOT_HELPFUL, data)
    offer = card_of(_wait_sent(served, lambda c: "Ask an expert" in str(c.activity)))
    (ask,) = find_actions(offer, VERB_ASK_EXPERT)
    assert ask["data"] == {"q": "P1 budget", "r": "n"}
