"""Reading Slack payloads: questions, places, who, and what to ignore."""

from __future__ import annotations

import pytest

from bot.slack.payloads import (
    Place,
    extract_action_place,
    extract_action_value,
    extract_event_id,
    extract_locale,
    extract_question,
    is_retry,
    is_user_message,
    is_well_formed,
    to_event_key,
    to_post_key,
    to_request_key,
)
from bot.text_render import to_lang


def test_question_loses_the_bot_mention_and_slack_escaping() -> None:
    text = "<@UBOT0001> P1 &amp; P4 budget &lt;combined&gt;"
    assert extract_question(text, "UBOT0001") == "P1 & P4 budget <combined>"
    assert extract_question("<@UBOT0001|staffbot>   P2 ", "UBOT0001") == "P2"


def test_question_keeps_other_mentions_as_text() -> None:
    assert extract_question("<@UBOT0001> ask <@U0OTHER>", "UBOT0001") == "ask <@U0OTHER>"


def test_question_without_text_or_with_control_characters() -> None:
    assert extract_question(None) == ""
    assert extract_question(42) == ""
    assert extract_question("\x00P3\x07 budget\x1b") == "P3 budget"


@pytest.mark.parametrize(
    ("event", "expected"),
    [
        ({"user": "U0ASKER01", "text": "hi"}, True),
        ({"user": "U0ASKER01", "subtype": "message_changed"}, False),
        ({"user": "U0ASKER01", "subtype": "message_deleted"}, False),
        ({"bot_id": "B01", "subtype": "bot_message"}, False),
        ({"user": "UBOT0001", "bot_id": "B01"}, False),
        ({"user": "<!channel>"}, False),
        ({}, False),
    ],
)
def test_is_user_message(event: dict[str, object], expected: bool) -> None:
    assert is_user_message(event) is expected


def test_retries_are_recognised_by_their_header() -> None:
    assert is_retry({"x-slack-retry-num": ["1"]})
    assert not is_retry({"content-type": ["application/json"]})


SIGNATURE = "v0=" + "ab" * 32


def test_a_request_is_known_by_its_trigger_id_else_its_signature() -> None:
    headers = {"x-slack-signature": [SIGNATURE]}
    assert to_request_key({"trigger_id": "123.456.abc"}, headers) == "slack:trigger:123.456.abc"
    assert to_request_key({}, headers) == "slack:signature:" + "ab" * 32
    assert to_request_key({"trigger_id": "not one"}, headers) == "slack:signature:" + "ab" * 32
    assert to_request_key({}, {"x-slack-signature": ["v0=nothex"]}) is None
    assert to_request_key({}, {}) is None


def test_an_event_is_known_by_its_event_id() -> None:
    assert to_event_key({"event_id": "Ev0123ABC"}) == "slack:Ev0123ABC"
    assert to_event_key({"event_id": "x y"}) is None


def test_a_post_is_known_by_the_message_clicked_not_the_click() -> None:
    def click(trigger_id: str, **container: object) -> dict[str, object]:
        return {"trigger_id": trigger_id, "user": {"id": "U0ASKER01"}, "container": container}

    on_answer = {"channel_id": "C0GENERAL", "message_ts": "1700000000.000001"}
    first, second = click("1.1.a", **on_answer), click("2.2.b", **on_answer)
    assert (
        to_post_key(first)
        == to_post_key(second)
        == ("slack:post:C0GENERAL:1700000000.000001:U0ASKER01")
    )
    assert to_post_key(click("3.3.c", channel_id="C0GENERAL", message_ts="1700000000.000002")) != (
        to_post_key(first)
    )
    assert to_post_key(click("4.4.d", channel_id="C0GENERAL")) is None
    assert to_post_key({"container": on_answer}) is None  # no user: not a click of ours


def test_event_ids_must_look_like_slack_ones() -> None:
    assert extract_event_id({"event_id": "Ev0123ABC"}) == "Ev0123ABC"
    assert extract_event_id({"event_id": "x" * 500}) is None
    assert extract_event_id({"event_id": 12}) is None
    assert extract_event_id({}) is None


def test_locale_picks_the_language_else_english() -> None:
    assert to_lang(extract_locale({"user": {"locale": "zh-CN"}})) == "zh"
    assert to_lang(extract_locale({"event": {"locale": "en-GB"}})) == "en"
    assert to_lang(extract_locale({"event": {"type": "app_home_opened"}})) == "en"


def test_a_click_on_a_private_answer_is_answered_privately() -> None:
    body = {
        "container": {"is_ephemeral": True, "channel_id": "C0GENERAL"},
        "response_url": "https://hooks.slack.com/actions/T/1/x",
        "channel": {"id": "C0GENERAL"},
    }
    place = extract_action_place(body)
    assert place == Place(response_url=body["response_url"], is_private=True)
    assert "hooks.slack.com" not in repr(place)


def test_a_click_in_a_thread_is_answered_in_that_thread() -> None:
    body = {
        "container": {"is_ephemeral": False, "channel_id": "C0GENERAL"},
        "channel": {"id": "C0GENERAL"},
        "message": {"ts": "1700000001.000002", "thread_ts": "1700000000.000001"},
    }
    assert extract_action_place(body) == Place("C0GENERAL", "1700000000.000001")


def test_action_value_is_taken_as_written() -> None:
    body = {"actions": [{"action_id": "suggestion_0", "value": "P1 &amp; P2"}]}
    assert extract_action_value(body) == "P1 &amp; P2"
    assert extract_action_value({"actions": []}) == ""


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        ({"type": "event_callback", "event": {"type": "message"}}, True),
        ({"type": "block_actions", "actions": [{"action_id": "x"}], "user": {"id": "U1"}}, True),
        ({"command": "/ask", "text": "P1"}, True),
        ({"type": "event_callback", "event": "text"}, False),
        ({"type": "block_actions", "actions": "x"}, False),
        ({"type": "block_actions", "actions": [{"action_id": 7}]}, False),
        ({"type": ["list"]}, False),
        ({"command": "/ask", "user": "U1"}, False),
    ],
)
def test_is_well_formed(body: dict[str, object], expected: bool) -> None:
    assert is_well_formed(body) is expected
