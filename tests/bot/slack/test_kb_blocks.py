"""/kb replies as Block Kit, and the command text as Slack sends it."""

from __future__ import annotations

import json

from bot.kb.replies import ConfirmationRequest, KbReply, read_confirmation_value
from bot.slack.blocks import MAX_BUTTON_VALUE
from bot.slack.kb_blocks import ACTION_KB_CANCEL, ACTION_KB_CONFIRM, build_kb_message
from bot.slack.kb_listeners import extract_kb_text


def test_mentions_channels_and_links_become_ids_and_urls() -> None:
    text = "editor add <@U0ABC123|bob> P1 &lt;!here&gt; <#C0CHAN1|team> <https://itu.int|itu>"
    assert extract_kb_text(text) == "editor add U0ABC123 P1 <!here> C0CHAN1 https://itu.int"
    assert extract_kb_text(None) == ""


def test_user_text_is_escaped() -> None:
    reply = KbReply(
        "unknown_code", "en", {"kind": "fact", "code": "<!channel> & co", "suggestions": []}
    )
    message = build_kb_message(reply)
    shown = json.dumps(message)
    assert "<!channel>" not in shown and "&lt;!channel&gt; &amp; co" in shown


def test_confirmation_buttons_carry_the_command_and_versions() -> None:
    request = ConfirmationRequest("button_remove", "fact remove k", {"fact:k": 3}, "zh")
    reply = KbReply("cancelled", "zh", confirmation=request)
    actions = build_kb_message(reply)["blocks"][-1]["elements"]
    assert [a["action_id"] for a in actions] == [ACTION_KB_CONFIRM, ACTION_KB_CANCEL]
    assert actions[0]["text"]["text"] == "删除" and actions[0]["style"] == "danger"
    assert read_confirmation_value(actions[0]["value"]) == ("fact remove k", {"fact:k": 3}, "zh")
    assert read_confirmation_value("not json") is None
    assert read_confirmation_value('{"c": "x", "v": {"a": "1"}, "l": "en"}') is None


def test_a_confirmation_too_long_for_a_button_asks_to_shorten() -> None:
    request = ConfirmationRequest("button_confirm", "x" * MAX_BUTTON_VALUE, {}, "en")
    message = build_kb_message(KbReply("cancelled", "en", confirmation=request))
    assert all(block["type"] != "actions" for block in message["blocks"])
    assert "too long to confirm" in json.dumps(message)
