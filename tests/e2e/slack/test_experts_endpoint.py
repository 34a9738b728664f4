"""Ask an expert, end to end through the signed endpoint and the Slack stand-in: a decline,
the card in the experts' channel, claim, answer, the asker's thread, an FAQ, the next asker."""

from __future__ import annotations

import json
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from bot.slack.expert_blocks import VIEW_EXPERT_ANSWER
from tests.e2e.slack.conftest import texts
from tests.e2e.slack.kb_support import ADMIN, EDITOR_P2, KbServed, serve_kb
from tests.support.slack_payloads import block_action, event_callback, modal_submission
from tests.support.slack_standin import BOT_USER_ID, Call, SlackStandIn

pytestmark = pytest.mark.e2e

EXPERTS = "C0EXPERTS"
ROOM = "C0ASKROOM"
ASKER = "U0ASKER01"
EXPERT = "U0EXPERT1"
OUTSIDER = "U0OUTSIDE"
QUESTION = "How do I book a meeting room in the Montbrillant building?"
ANSWER = "Book it in the room booking tool on the intranet (Rooms > Montbrillant) & say <why>."


@pytest.fixture(scope="module")
def app(
    slack: SlackStandIn, seeded_file: Path, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[KbServed]:
    with serve_kb(slack, seeded_file, tmp_path_factory.mktemp("experts")) as served:
        yield served


def _wait(slack: SlackStandIn, path: str, match: Any, timeout: float = 10) -> Call:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        found = [c for c in slack.calls_to(path) if match(c.body)]
        if found:
            return found[-1]
        time.sleep(0.02)
    raise AssertionError(f"no {path} call as expected; saw {[c.path for c in slack.calls]}")


def _button(body: dict[str, Any], action_id: str) -> dict[str, Any]:
    blocks = body["blocks"]
    blocks = json.loads(blocks) if isinstance(blocks, str) else blocks
    return next(
        element
        for block in blocks
        if block["type"] == "actions"
        for element in block["elements"]
        if element["action_id"] == action_id
    )


def _mention(app: KbServed, text: str, ts: str) -> Call:
    event = {
        "type": "app_mention",
        "channel": ROOM,
        "user": ASKER,
        "text": f"<@{BOT_USER_ID}> {text}",
        "ts": ts,
    }
    assert app.served.post(*event_callback(event))[0] == 200
    return _wait(app.slack, "/chat.postMessage", lambda b: b.get("thread_ts") == ts)


def _click(
    app: KbServed, action_id: str, value: str, user_id: str, channel: str, message: dict[str, Any]
) -> None:
    body = block_action(
        action_id,
        value,
        response_url=app.slack.response_url(f"r-{time.monotonic_ns()}"),
        user_id=user_id,
        channel_id=channel,
        message=message,
    )
    assert app.served.post(*body)[0] == 200


def _ephemeral_to(app: KbServed, user_id: str, marker: str) -> str:
    call = _wait(
        app.slack,
        "/chat.postEphemeral",
        lambda b: b.get("user") == user_id and marker in texts(b.get("blocks")),
    )
    return texts(call.body.get("blocks"))


def test_without_an_experts_channel_the_asker_is_told_so_in_their_language(app: KbServed) -> None:
    for text, ts, marker in [
        (QUESTION, "1700001000.000001", "no experts' channel"),
        ("蒙布里昂大楼的会议室怎么预订？", "1700001000.000002", "尚未为此设置专家频道"),
        ("蒙布里昂大樓的會議室怎麼預訂？", "1700001000.000003", "尚未為此設置專家頻道"),
    ]:
        reply = _mention(app, text, ts)
        button = _button(reply.body, "ask_expert")
        message = {"type": "message", "ts": f"{ts}9", "thread_ts": ts}
        _click(app, "ask_expert", button["value"], ASKER, ROOM, message)
        _ephemeral_to(app, ASKER, marker)
    assert not [c for c in app.slack.calls_to("/chat.postMessage") if c.body["channel"] == EXPERTS]


def test_ask_an_expert_claim_answer_thread_faq_and_the_next_asker_gets_it(app: KbServed) -> None:
    slack = app.slack
    # Told there is no experts' channel yet, the asker may click the same button again.
    early = _mention(app, QUESTION, "1700001900.000001")
    early_message = {"type": "message", "ts": "1700001900.000002", "thread_ts": "1700001900.000001"}
    early_value = _button(early.body, "ask_expert")["value"]
    _click(app, "ask_expert", early_value, "U0EARLY01", ROOM, early_message)
    _ephemeral_to(app, "U0EARLY01", "no experts' channel")
    reply = app.kb(f"experts set <#{EXPERTS}|experts>")
    assert EXPERTS in texts(reply["blocks"])
    _click(app, "ask_expert", early_value, "U0EARLY01", ROOM, early_message)
    _ephemeral_to(app, "U0EARLY01", "passed your question")
    slack.members[EXPERTS] = [f"U0FILL{n:04d}" for n in range(250)] + [EXPERT]

    # Asked in a channel; the bot declines, in the mention's thread, with "Ask an expert".
    thread = "1700002000.000001"
    declined = _mention(app, QUESTION, thread)
    assert "I don't know that" in texts(declined.body["blocks"])
    button = _button(declined.body, "ask_expert")
    bot_message = {"type": "message", "ts": "1700002000.000002", "thread_ts": thread}
    _click(app, "ask_expert", button["value"], ASKER, ROOM, bot_message)
    _click(app, "ask_expert", button["value"], ASKER, ROOM, bot_message)  # a double click

    def is_card(b: dict[str, Any]) -> bool:
        return b["channel"] == EXPERTS and f"Asked by <@{ASKER}>" in texts(b["blocks"])

    card = _wait(slack, "/chat.postMessage", is_card)
    shown = texts(card.body["blocks"])
    assert QUESTION in shown and f"<@{ASKER}>" in shown and f"<#{ROOM}>" in shown
    assert "I don't know that" in shown  # what the bot said
    assert "expert_claim" in json.dumps(card.body["blocks"])
    assert "expert_answer" in json.dumps(card.body["blocks"])
    assert f"<#{EXPERTS}>" in _ephemeral_to(app, ASKER, "passed your question")
    time.sleep(0.3)
    assert len([c for c in slack.calls_to("/chat.postMessage") if is_card(c.body)]) == 1
    ticket = _button(card.body, "expert_claim")["value"]
    card_message = {"type": "message", "ts": card.body.get("ts") or "1700000000.000999"}

    # Someone outside the experts' channel may not claim; a member may.
    _click(app, "expert_claim", ticket, OUTSIDER, EXPERTS, card_message)
    _ephemeral_to(app, OUTSIDER, "Only members of the experts' channel")
    _click(app, "expert_claim", ticket, EXPERT, EXPERTS, card_message)
    claimed = _wait(
        slack, "/chat.update", lambda b: f"Claimed by <@{EXPERT}>" in texts(b["blocks"])
    )
    assert "expert_claim" not in json.dumps(claimed.body["blocks"])
    # The claim reserves it: another member may not answer, and is told who has it.
    slack.members[EXPERTS] = [*slack.members[EXPERTS], "U0EXPERT2"]
    _click(app, "expert_answer", ticket, "U0EXPERT2", EXPERTS, card_message)
    refused = _ephemeral_to(app, "U0EXPERT2", "already claimed")
    assert refused == f"<@{EXPERT}> has already claimed this question."
    values = {"answer": {"text": {"type": "plain_text_input", "value": "Not mine to say."}}}
    status, response = app.served.post(
        *modal_submission(VIEW_EXPERT_ANSWER, ticket, values, user_id="U0EXPERT2")
    )
    assert status == 200
    assert "Not mine to say." not in json.dumps([c.body for c in slack.calls])

    # Answer opens a modal; an empty answer keeps it open, a real one goes to the asker.
    _click(app, "expert_answer", ticket, EXPERT, EXPERTS, card_message)
    opened = _wait(slack, "/views.open", lambda b: True)
    view = (
        json.loads(opened.body["view"])
        if isinstance(opened.body["view"], str)
        else opened.body["view"]
    )
    assert view["private_metadata"] == ticket and QUESTION in texts(view["blocks"])
    values = {"answer": {"text": {"type": "plain_text_input", "value": "  "}}}
    status, response = app.served.post(
        *modal_submission(view["callback_id"], ticket, values, user_id=EXPERT)
    )
    assert status == 200 and json.loads(response)["response_action"] == "errors"
    values = {"answer": {"text": {"type": "plain_text_input", "value": ANSWER}}}
    status, _ = app.served.post(
        *modal_submission(view["callback_id"], ticket, values, user_id=EXPERT)
    )
    assert status == 200
    delivered = _wait(
        slack,
        "/chat.postMessage",
        lambda b: b["channel"] == ROOM and ANSWER[:20] in texts(b["blocks"]),
    )
    assert delivered.body["thread_ts"] == thread
    said = texts(delivered.body["blocks"])
    assert f"<@{EXPERT}> answered your question" in said and "Answered by a person" in said
    assert "&amp; say &lt;why&gt;" in said  # the expert's text is escaped
    answered = _wait(slack, "/chat.update", lambda b: "expert_faq" in json.dumps(b["blocks"]))
    assert f"Answered by <@{EXPERT}>" in texts(answered.body["blocks"])

    # One click makes it an FAQ: refused to an editor of another priority, done by an admin.
    _click(app, "expert_faq", ticket, EDITOR_P2, EXPERTS, card_message)
    _ephemeral_to(app, EDITOR_P2, "You may not do this")
    _click(app, "expert_faq", ticket, ADMIN, EXPERTS, card_message)
    made = _ephemeral_to(app, ADMIN, f"expert-{ticket}")
    assert "/kb undo" in made
    assert f'/kb faq edit expert-{ticket} question_zh "…"' in made  # written in English only
    _wait(slack, "/chat.update", lambda b: f"expert-{ticket}" in texts(b["blocks"]))

    # The next asker gets it from the bot; the queue lists it as answered.
    assert ANSWER[:20] in app.ask(QUESTION)
    queue = texts(app.kb("experts queue")["blocks"])
    assert f"#{ticket} answered" in queue and EXPERT in queue


def test_a_not_helpful_vote_offers_an_expert_who_answers_in_a_direct_message(
    app: KbServed,
) -> None:
    slack = app.slack
    slack.members[EXPERTS] = [EXPERT]
    app.kb(f"experts set <#{EXPERTS}|experts>")  # set already: "unchanged", still fine
    question = "What is the P3 budget?"
    answered = _mention(app, question, "1700003000.000001")
    (votes,) = [b for b in answered.body["blocks"] if b["type"] == "context_actions"]
    negative = votes["elements"][0]["negative_button"]["value"]
    message = {"type": "message", "ts": "1700003000.000002", "thread_ts": "1700003000.000001"}
    _click(app, "vote", negative, "U0VOTER01", ROOM, message)
    thanks = _wait(slack, "/chat.postEphemeral", lambda b: b.get("user") == "U0VOTER01")
    ask = _button(thanks.body, "ask_expert")
    # The thanks is ephemeral: the question stays private, the answer comes by DM.
    body = block_action(
        "ask_expert", ask["value"], response_url=slack.response_url("r-dm"), user_id="U0VOTER01"
    )
    assert app.served.post(*body)[0] == 200
    card = _wait(
        slack,
        "/chat.postMessage",
        lambda b: b["channel"] == EXPERTS and question in texts(b["blocks"]),
    )
    assert "voted not helpful" in texts(card.body["blocks"]) and "privately" in texts(
        card.body["blocks"]
    )
    ticket = _button(card.body, "expert_answer")["value"]
    values = {"answer": {"text": {"type": "plain_text_input", "value": "CHF 1,129,000 in 2023."}}}
    app.served.post(*modal_submission("expert_answer_form", ticket, values, user_id=EXPERT))
    dm = _wait(slack, "/chat.postMessage", lambda b: b["channel"] == "D0VOTER01")
    assert "CHF 1,129,000 in 2023." in texts(dm.body["blocks"])
    assert "thread_ts" not in dm.body or not dm.body["thread_ts"]


@pytest.mark.parametrize(("locale", "first"), [("en-US", "P3 budget"), ("zh-CN", "P3预算")])
def test_the_bots_dm_opens_with_bilingual_starters(app: KbServed, locale: str, first: str) -> None:
    user = f"U0STARTS{locale[:2].upper()}"
    app.slack.locales[user] = locale
    event = {
        "type": "assistant_thread_started",
        "assistant_thread": {
            "user_id": user,
            "channel_id": f"D0{user[1:]}",
            "thread_ts": "1700004000.000001",
            "context": {},
        },
        "event_ts": "1700004000.000002",
    }
    assert app.served.post(*event_callback(event))[0] == 200
    call = _wait(
        app.slack,
        "/assistant.threads.setSuggestedPrompts",
        lambda b: b["channel_id"] == f"D0{user[1:]}",
    )
    prompts = call.body["prompts"]
    prompts = json.loads(prompts) if isinstance(prompts, str) else prompts
    titles = [p["title"] for p in prompts]
    assert len(prompts) == 4 and titles[0] == first
    assert {"P3 budget", "P3预算"} <= set(titles)
    assert call.body["thread_ts"] == "1700004000.000001"
