"""End to end: follow-ups in a thread the bot answered in, without a new mention; every other
channel message dropped unread (neither kept in the store nor logged)."""

from __future__ import annotations

import logging
import time
from typing import Any

import pytest
from sqlalchemy import inspect, text
from sqlmodel import create_engine

from tests.e2e.slack.conftest import Served, texts
from tests.e2e.slack.test_endpoint import dm, posts_to, wait_for_post
from tests.support.block_kit import validate_message
from tests.support.slack_payloads import block_action, event_callback
from tests.support.slack_standin import BOT_USER_ID, Call

CHANNEL = "C0FOLLOW"
THREAD = "1700001000.000100"


def _in_channel(text: str, ts: str, thread_ts: str | None = None, **extra: Any) -> dict[str, Any]:
    event: dict[str, Any] = {
        "type": "message",
        "channel_type": "channel",
        "channel": CHANNEL,
        "user": "U0ASKER01",
        "text": text,
        "ts": ts,
    }
    if thread_ts is not None:
        event["thread_ts"] = thread_ts
    event.update(extra)
    return event


def _wait_for_posts(served: Served, channel: str, count: int, timeout: float = 15) -> list[Call]:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        found = posts_to(served, channel)
        if len(found) >= count:
            return found
        time.sleep(0.02)
    raise AssertionError(f"{len(posts_to(served, channel))} posts to {channel}, not {count}")


def _store_text(database_url: str) -> str:
    """Every row of every table, as text."""
    engine = create_engine(database_url)
    dumped: list[str] = []
    with engine.connect() as connection:
        for table in inspect(connection).get_table_names():
            rows = connection.execute(text(f'SELECT * FROM "{table}"')).all()
            dumped += [str(tuple(row)) for row in rows]
    engine.dispose()
    return "\n".join(dumped)


def test_a_mention_then_two_follow_ups_in_its_thread_without_a_mention(
    served: Served, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    mention = {
        "type": "app_mention",
        "user": "U0ASKER01",
        "text": f"<@{BOT_USER_ID}> What is the 2023 budget for P3?",
        "ts": THREAD,
        "channel": CHANNEL,
    }
    served.post(*event_callback(mention))
    first = _wait_for_posts(served, CHANNEL, 1)[0]
    assert "1,111,000" in texts(first.body["blocks"])

    served.post(*event_callback(_in_channel("and P2?", "1700001001.000100", THREAD)))
    second = _wait_for_posts(served, CHANNEL, 2)[1]
    assert second.body["thread_ts"] == THREAD
    shown = texts(second.body["blocks"])
    assert "P2 – Digital transformation" in shown and "756,000" in shown
    assert "1,111,000" not in shown

    served.post(*event_callback(_in_channel("its KPIs?", "1700001002.000100", THREAD)))
    third = _wait_for_posts(served, CHANNEL, 3)[2]
    assert third.body["thread_ts"] == THREAD
    assert "P2-DIE-1" in texts(third.body["blocks"])
    for call in (first, second, third):
        validate_message(call.body)

    # A mention inside the thread arrives twice (app_mention and message): answered once.
    again = f"<@{BOT_USER_ID}> and P1?"
    served.post(
        *event_callback({**mention, "text": again, "ts": "1700001003.000100", "thread_ts": THREAD})
    )
    served.post(*event_callback(_in_channel(again, "1700001003.000100", THREAD)))
    fourth = _wait_for_posts(served, CHANNEL, 4)[3]
    assert "P1-EMT-1" in texts(fourth.body["blocks"])  # the KPIs, as the turn before
    time.sleep(0.5)
    assert len(posts_to(served, CHANNEL)) == 4


def test_a_message_in_an_unrelated_thread_is_ignored_and_not_kept(
    served: Served, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    secret = "Confidential-7f3a what is the P4 budget"
    unrelated = [
        _in_channel(secret, "1700002001.000100", "1700002000.000100"),  # a thread not ours
        _in_channel(secret, "1700002002.000100"),  # a channel message outside threads
        _in_channel(secret, "1700002003.000100", THREAD, subtype="message_changed"),
        _in_channel(secret, "1700002004.000100", THREAD, bot_id="B0OTHER"),
        {**_in_channel(secret, "1700002005.000100", "1700002000.000100"), "channel_type": "group"},
    ]
    for event in unrelated:
        assert served.post(*event_callback(event))[0] == 200
    served.post(*event_callback(dm("P3 budget", "D0FOLLOWAFTER")))
    wait_for_post(served, "D0FOLLOWAFTER")
    time.sleep(0.3)
    assert posts_to(served, CHANNEL) == []
    logged = caplog.text + "\n".join(r.getMessage() for r in caplog.records)
    assert "Confidential-7f3a" not in logged
    assert "Confidential-7f3a" not in _store_text(served.database_url)


def test_dm_questions_close_together_are_one_conversation(served: Served) -> None:
    served.post(*event_callback(dm("What is the budget of P4?", "D0FOLLOWDM")))
    _wait_for_posts(served, "D0FOLLOWDM", 1)
    served.post(*event_callback(dm("risks?", "D0FOLLOWDM", ts="1700000101.000100")))
    reply = _wait_for_posts(served, "D0FOLLOWDM", 2)[1]
    validate_message(reply.body)
    shown = texts(reply.body["blocks"])
    assert shown.startswith("P4 – Inclusive") and "Lack of resources" in shown


def test_an_unmentioned_thread_message_the_bot_cannot_answer_gets_no_reply_and_is_not_kept(
    served: Served, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    thread = "1700003000.000100"
    mention = {
        "type": "app_mention",
        "user": "U0ASKER01",
        "text": f"<@{BOT_USER_ID}> What is the 2023 budget for P3?",
        "ts": thread,
        "channel": CHANNEL,
    }
    served.post(*event_callback(mention))
    assert "1,111,000" in texts(_wait_for_posts(served, CHANNEL, 1)[0].body["blocks"])
    chatter = [
        "thanks! Quokka-5d1",
        "ok Quokka-5d1",
        "<@U0ALICE01> can you check the P2 budget? Quokka-5d1",  # addressed to a colleague
    ]
    for number, said in enumerate(chatter, start=1):
        event = _in_channel(said, f"170000300{number}.000100", thread)
        assert served.post(*event_callback(event))[0] == 200
    # A follow-up after the chatter is still answered (the thread is still followed).
    served.post(*event_callback(_in_channel("and P2?", "1700003009.000100", thread)))
    replies = _wait_for_posts(served, CHANNEL, 2)
    assert "756,000" in texts(replies[1].body["blocks"])
    time.sleep(0.3)
    assert len(posts_to(served, CHANNEL)) == 2
    logged = caplog.text + "\n".join(r.getMessage() for r in caplog.records)
    assert "Quokka-5d1" not in logged
    assert "Quokka-5d1" not in _store_text(served.database_url)


def test_a_suggestion_clicked_in_a_thread_is_a_turn_of_its_conversation(served: Served) -> None:
    thread = "1700004000.000100"
    mention = {
        "type": "app_mention",
        "user": "U0ASKER01",
        "text": f"<@{BOT_USER_ID}> What is the 2023 budget for P3?",
        "ts": thread,
        "channel": CHANNEL,
    }
    served.post(*event_callback(mention))
    _wait_for_posts(served, CHANNEL, 1)
    clicked = {"type": "message", "ts": "1700004001.000100", "thread_ts": thread}
    click = block_action(
        "suggestion_0",
        "What is the budget of P2?",
        response_url=served.slack.response_url("sugg-thread"),
        channel_id=CHANNEL,
        message=clicked,
    )
    assert served.post(*click)[0] == 200
    answered = _wait_for_posts(served, CHANNEL, 2)[1]
    assert answered.body["thread_ts"] == thread and "756,000" in texts(answered.body["blocks"])
    served.post(*event_callback(_in_channel("its KPIs?", "1700004002.000100", thread)))
    kpis = _wait_for_posts(served, CHANNEL, 3)[2]
    validate_message(kpis.body)
    shown = texts(kpis.body["blocks"])
    assert "P2-DIE-1" in shown and "P3-" not in shown
