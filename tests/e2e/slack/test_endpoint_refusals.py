"""End to end, what must not work: bad signatures, replays, malformed payloads and text."""

from __future__ import annotations

import json
import time
from urllib.parse import urlencode

import pytest

from tests.e2e.slack.conftest import Served, texts
from tests.e2e.slack.test_endpoint import dm, wait_for_post
from tests.support.slack_payloads import FORM, JSON, block_action, event_callback, slash_command


def test_bad_signature_is_refused_and_nothing_happens(served: Served) -> None:
    body, ctype = slash_command("P3 budget", served.slack.response_url("forged"))
    assert served.post(body, ctype, secret="not-the-secret")[0] == 401
    assert served.post(body, ctype, signed=False)[0] == 401
    body, ctype = event_callback(dm("P3 budget", "D0FORGED"))
    assert served.post(body, ctype, headers={"X-Slack-Signature": "v0=00"}, signed=False)[0] == 401
    served.post(*event_callback(dm("P1", "D0MARK01")))
    wait_for_post(served, "D0MARK01")
    assert served.slack.calls_to("/response/forged") == []
    assert [c for c in served.slack.calls if c.body.get("channel") == "D0FORGED"] == []


def test_replayed_old_request_is_refused(served: Served) -> None:
    body, ctype = slash_command("P3 budget", served.slack.response_url("replay"))
    six_minutes_ago = int(time.time()) - 6 * 60
    assert served.post(body, ctype, timestamp=six_minutes_ago)[0] == 401
    assert served.post(body, ctype, timestamp=int(time.time()) + 6 * 60)[0] == 401
    time.sleep(0.3)
    assert served.slack.calls_to("/response/replay") == []


@pytest.mark.parametrize(
    ("body", "content_type"),
    [
        (b"", JSON),
        (b"{not json", JSON),
        (b"\xff\xfe\x00garbage", JSON),
        (b"[1, 2, 3]", JSON),
        (b'{"type": "event_callback", "event": "not an object", "event_id": "Ev0BAD1"}', JSON),
        (b'{"type": "event_callback", "event": {"type": "message"}, "event_id": "Ev0BAD2"}', JSON),
        (b'{"type": "event_callback", "event": {"type": "app_mention"}}', JSON),
        (b'{"type": "event_callback", "event": {"type": "app_home_opened"}}', JSON),
        (b'{"type": "url_verification"}', JSON),
        (b"payload=%7Bnot+json", FORM),
        (urlencode({"payload": json.dumps({"type": "block_actions"})}).encode(), FORM),
        (
            urlencode({"payload": json.dumps({"type": "block_actions", "actions": "x"})}).encode(),
            FORM,
        ),
        (
            urlencode(
                {"payload": json.dumps({"type": "block_actions", "actions": [{"action_id": 7}]})}
            ).encode(),
            FORM,
        ),
        (urlencode({"command": "/ask"}).encode(), FORM),
        (
            urlencode({"command": "/ask", "text": "P1", "response_url": "javascript:x"}).encode(),
            FORM,
        ),
        (urlencode({"command": "/unknown", "text": "x"}).encode(), FORM),
        (b"just=some&form=fields", FORM),
    ],
)
def test_malformed_payloads_get_a_4xx_or_nothing_never_a_5xx(
    served: Served, body: bytes, content_type: str
) -> None:
    status, _ = served.post(body, content_type)
    assert status < 500
    assert served.get("/healthz")[0] == 200


@pytest.mark.parametrize(
    ("response_id", "text", "expected"),
    [
        ("empty", "   ", "I answer questions about the BDT"),
        ("long", "budget " * 600, "too long"),
        ("control", "\x00\x07P3\x1b budget\x7f", "CHF 1,111,000"),
        ("markup", "*P3* _budget_ `x`", "CHF 1,111,000"),
    ],
)
def test_odd_text_gets_a_clear_reply(
    served: Served, response_id: str, text: str, expected: str
) -> None:
    served.post(*slash_command(text, served.slack.response_url(response_id)))
    (call,) = served.slack.wait_for(f"/response/{response_id}")
    assert expected in texts(call.body["blocks"])
    assert "\x00" not in json.dumps(call.body, ensure_ascii=False)


def test_mentions_in_the_question_never_become_mentions(served: Served) -> None:
    question = "<!channel> <@U0OTHER01> <!here|here> & P3 budget"
    served.post(*slash_command(question, served.slack.response_url("mentions")))
    (call,) = served.slack.wait_for("/response/mentions")
    shown = texts(call.body["blocks"])
    assert "&lt;!channel&gt; &lt;@U0OTHER01&gt; &lt;!here|here&gt; &amp; P3 budget" in shown
    assert "<!channel>" not in shown and "<@U0OTHER01>" not in shown and "<!here" not in shown
    assert all(
        element.get("verbatim") is True
        for block in call.body["blocks"]
        for element in [block.get("text") or {}, *block.get("elements", [])]
        if element.get("type") == "mrkdwn"
    )


def test_slack_escaped_question_text_is_understood(served: Served) -> None:
    served.post(*event_callback(dm("P1 &amp; P4 budget combined", "D0ESCAPED")))
    call = wait_for_post(served, "D0ESCAPED")
    assert "999,000" in texts(call.body["blocks"])


def test_vote_from_a_forged_user_id_is_ignored(served: Served) -> None:
    body = block_action(
        "vote_helpful", "P3", response_url=served.slack.response_url("vote-bad"), user_id="<!x>"
    )
    assert served.post(*body)[0] == 200
    time.sleep(0.3)
    assert served.slack.calls_to("/response/vote-bad") == []
