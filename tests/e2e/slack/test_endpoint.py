"""End to end: signed requests to POST /slack/events, replies seen by the Slack stand-in."""

from __future__ import annotations

import json
import time
from typing import Any

import pytest
from sqlmodel import Session, create_engine, select

from bot.composition import build_web_process
from knowledge.store.models import Feedback
from tests.e2e.slack.conftest import Served, build_settings, run_web_app, texts
from tests.support.slack_payloads import JSON, block_action, event_callback, slash_command
from tests.support.slack_standin import BOT_USER_ID, Call

P3_FIGURE = "CHF 1,111,000"


def action_ids(blocks: list[dict[str, Any]]) -> list[str]:
    return [
        element["action_id"]
        for block in blocks
        if block["type"] == "actions"
        for element in block["elements"]
    ]


def dm(text: str, channel: str, **extra: Any) -> dict[str, Any]:
    event = {
        "type": "message",
        "channel_type": "im",
        "channel": channel,
        "user": "U0ASKER01",
        "text": text,
        "ts": "1700000100.000100",
    }
    event.update(extra)
    return event


def posts_to(served: Served, channel: str) -> list[Call]:
    return [c for c in served.slack.calls_to("/chat.postMessage") if c.body["channel"] == channel]


def wait_for_post(served: Served, channel: str, timeout: float = 10) -> Call:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        found = posts_to(served, channel)
        if found:
            return found[0]
        time.sleep(0.02)
    raise AssertionError(f"no chat.postMessage to {channel}")


def test_url_verification_echoes_the_challenge(served: Served) -> None:
    body = json.dumps({"type": "url_verification", "token": "t", "challenge": "abc123"})
    status, reply = served.post(body.encode(), JSON)
    assert status == 200 and b"abc123" in reply


def test_healthz_reports_the_database(served: Served) -> None:
    assert served.get("/healthz") == (200, {"status": "ok", "database": "ok"})


def test_ask_is_acknowledged_and_answered_privately(served: Served) -> None:
    started = time.monotonic()
    status, reply = served.post(
        *slash_command("What is the 2023 budget for P3?", served.slack.response_url("ask-1"))
    )
    assert status == 200 and reply == b""
    assert time.monotonic() - started < 3
    (call,) = served.slack.wait_for("/response/ask-1")
    assert call.body["response_type"] == "ephemeral"
    assert P3_FIGURE in texts(call.body["blocks"])
    assert "Question: What is the 2023 budget for P3?" in texts(call.body["blocks"])
    assert action_ids(call.body["blocks"]) == ["post_to_channel"]
    assert [b["type"] for b in call.body["blocks"]][-2:] == ["context_actions", "actions"]


def test_ask_without_text_or_with_help_shows_the_help(served: Served) -> None:
    for response_id, text in [("help-1", ""), ("help-2", "help"), ("help-3", "帮助")]:
        served.post(*slash_command(text, served.slack.response_url(response_id)))
    empty, english, chinese = (
        served.slack.wait_for(f"/response/{i}")[0] for i in ("help-1", "help-2", "help-3")
    )
    assert "I answer questions about the BDT" in texts(empty.body["blocks"])
    assert "I answer questions about the BDT" in texts(english.body["blocks"])
    assert "我根据收到的国际电联文件回答" in texts(chinese.body["blocks"])


def test_mention_is_answered_once_in_its_thread(served: Served) -> None:
    event = {
        "type": "app_mention",
        "user": "U0ASKER01",
        "text": f"<@{BOT_USER_ID}> What is the 2023 budget for P3?",
        "ts": "1700000200.000200",
        "channel": "C0MENTION",
    }
    status, _ = served.post(*event_callback(event))
    assert status == 200
    call = wait_for_post(served, "C0MENTION")
    assert call.body["thread_ts"] == "1700000200.000200"
    assert P3_FIGURE in texts(call.body["blocks"])
    assert BOT_USER_ID not in json.dumps(call.body)
    time.sleep(0.3)
    assert len(posts_to(served, "C0MENTION")) == 1


def test_mention_inside_a_thread_is_answered_in_that_thread(served: Served) -> None:
    event = {
        "type": "app_mention",
        "user": "U0ASKER01",
        "text": f"<@{BOT_USER_ID}> 统计数据的预算是多少",
        "ts": "1700000300.000300",
        "thread_ts": "1700000299.000001",
        "channel": "C0THREAD",
    }
    served.post(*event_callback(event))
    call = wait_for_post(served, "C0THREAD")
    assert call.body["thread_ts"] == "1700000299.000001"
    assert "338,500" in texts(call.body["blocks"]) and "来源" in texts(call.body["blocks"])


def test_direct_message_is_answered_in_the_dm(served: Served) -> None:
    served.post(*event_callback(dm("KPIs for P2", "D0DIRECT")))
    call = wait_for_post(served, "D0DIRECT")
    assert call.body.get("thread_ts") is None
    assert "P2-" in texts(call.body["blocks"])
    assert call.headers["authorization"] == "Bearer xoxb-0000-test-bot-token"


def test_bot_messages_edits_and_channel_messages_are_ignored(served: Served) -> None:
    ignored = [
        dm("P3 budget", "D0IGNORE", bot_id="B0OTHER", subtype="bot_message"),
        dm("P3 budget", "D0IGNORE", user=BOT_USER_ID, bot_id="BBOT0001"),
        dm("P3 budget", "D0IGNORE", subtype="message_changed"),
        dm("P3 budget", "D0IGNORE", subtype="message_deleted"),
        dm("P3 budget", "C0IGNORE", channel_type="channel"),
    ]
    for event in ignored:
        assert served.post(*event_callback(event))[0] == 200
    served.post(*event_callback(dm("P3 budget", "D0AFTER")))
    wait_for_post(served, "D0AFTER")
    assert posts_to(served, "D0IGNORE") == [] and posts_to(served, "C0IGNORE") == []


def test_retried_event_gets_no_second_reply(served: Served) -> None:
    # A retry of an event no process handled is answered: test_endpoint_once.py.
    body, ctype = event_callback(dm("P1 budget", "D0RETRY"))
    served.post(body, ctype)
    wait_for_post(served, "D0RETRY")
    status, _ = served.post(
        body, ctype, headers={"X-Slack-Retry-Num": "1", "X-Slack-Retry-Reason": "http_timeout"}
    )
    assert status == 200
    served.post(*event_callback(dm("P2 budget", "D0MARKER")))
    wait_for_post(served, "D0MARKER")
    time.sleep(0.2)
    assert len(posts_to(served, "D0RETRY")) == 1


def test_same_event_id_twice_gets_one_reply(served: Served) -> None:
    first = event_callback(dm("E2 budget", "D0TWICE"), event_id="Ev0TWICE01")
    served.post(*first)
    served.post(*first)
    wait_for_post(served, "D0TWICE")
    served.post(*event_callback(dm("E1 budget", "D0MARKER2")))
    wait_for_post(served, "D0MARKER2")
    time.sleep(0.2)
    assert len(posts_to(served, "D0TWICE")) == 1


def test_two_web_processes_on_one_store_reply_once(served: Served) -> None:
    other_app = build_web_process(build_settings(served.slack, served.database_url))
    with run_web_app(other_app) as other_url:
        other = Served(other_url, served.slack, served.database_url)
        delivery = event_callback(dm("P5 budget", "D0TWOPROC"), event_id="Ev0TWOPROC1")
        assert served.post(*delivery)[0] == 200
        assert other.post(*delivery)[0] == 200
        other.post(*event_callback(dm("P2", "D0MARKER4")))
        wait_for_post(served, "D0MARKER4")
        wait_for_post(served, "D0TWOPROC")
        time.sleep(0.3)
    assert len(posts_to(served, "D0TWOPROC")) == 1


@pytest.mark.postgres
def test_web_processes_on_one_postgresql_database_reply_once(
    served: Served, postgres_url: str
) -> None:
    apps = [build_web_process(build_settings(served.slack, postgres_url)) for _ in range(2)]
    with run_web_app(apps[0]) as first_url, run_web_app(apps[1]) as second_url:
        first, second = (Served(u, served.slack, postgres_url) for u in (first_url, second_url))
        for index in range(5):
            delivery = event_callback(dm("P3 budget", f"D0PG{index}"), event_id=f"Ev0PG{index}")
            first.post(*delivery)
            second.post(*delivery)
        for index in range(5):
            wait_for_post(served, f"D0PG{index}")
        time.sleep(0.3)
    assert [len(posts_to(served, f"D0PG{index}")) for index in range(5)] == [1] * 5


def test_suggestion_click_is_answered_in_the_same_thread(served: Served) -> None:
    message = {"type": "message", "ts": "1700000400.000400", "thread_ts": "1700000399.000001"}
    body = block_action(
        "suggestion_0",
        "P3 budget",
        response_url=served.slack.response_url("sugg-1"),
        channel_id="C0SUGGEST",
        message=message,
    )
    assert served.post(*body)[0] == 200
    call = wait_for_post(served, "C0SUGGEST")
    assert call.body["thread_ts"] == "1700000399.000001"
    assert P3_FIGURE in texts(call.body["blocks"])


def test_suggestion_click_on_a_private_answer_is_answered_privately(served: Served) -> None:
    served.post(
        *block_action("suggestion_1", "E1", response_url=served.slack.response_url("sugg-2"))
    )
    (call,) = served.slack.wait_for("/response/sugg-2")
    assert call.body["response_type"] == "ephemeral" and "E1" in texts(call.body["blocks"])
    assert "post_to_channel" in action_ids(call.body["blocks"])


def test_show_the_rest_posts_the_lines_not_shown_yet(served: Served) -> None:
    question = "KPIs for P1"  # 15 KPIs: skip the first lines, as if a message had shown them
    served.post(
        *block_action(
            "show_more", f"3|{question}", response_url=served.slack.response_url("more-1")
        )
    )
    (call,) = served.slack.wait_for("/response/more-1")
    shown = texts(call.body["blocks"])
    assert "P1-INF-9" in shown and "P1-EMT-1" not in shown


def test_show_the_rest_ignores_a_value_not_its_own(served: Served) -> None:
    assert (
        served.post(
            *block_action("show_more", "nonsense", response_url=served.slack.response_url("more-2"))
        )[0]
        == 200
    )
    time.sleep(0.5)
    assert served.slack.calls_to("/response/more-2") == []


def test_unanswered_question_offers_suggestion_buttons(served: Served) -> None:
    served.post(*slash_command("P9 budget", served.slack.response_url("sugg-3")))
    (call,) = served.slack.wait_for("/response/sugg-3")
    (suggestions,) = [b for b in call.body["blocks"] if b.get("block_id") == "suggestions"]
    assert [(e["action_id"], e["value"]) for e in suggestions["elements"]] == [
        ("suggestion_0", "P1"),
        ("suggestion_1", "P2"),
        ("suggestion_2", "P3"),
    ]


def test_helpful_vote_is_stored_and_acknowledged(served: Served) -> None:
    message = {"type": "message", "ts": "1700000500.000500"}
    body = block_action(
        "vote_helpful",
        "What is the 2023 budget for P3?",
        response_url=served.slack.response_url("vote-1"),
        user_id="U0VOTER01",
        channel_id="D0VOTE",
        message=message,
    )
    served.post(*body)
    (ack,) = served.slack.wait_for("/chat.postEphemeral")
    assert ack.body["user"] == "U0VOTER01" and ack.body["channel"] == "D0VOTE"
    assert "vote is recorded" in texts(ack.body)
    engine = create_engine(served.database_url)
    with Session(engine) as session:
        votes = session.exec(select(Feedback).where(Feedback.user_id == "U0VOTER01")).all()
    engine.dispose()
    assert len(votes) == 1
    vote = votes[0]
    assert vote.helpful and vote.channel == "slack" and vote.intent == "budget"
    assert vote.question == "What is the 2023 budget for P3?" and P3_FIGURE in vote.answer_text


def test_not_helpful_vote_on_a_private_answer_is_stored(served: Served) -> None:
    body = block_action(
        "vote_not_helpful",
        "P9 budget",
        response_url=served.slack.response_url("vote-2"),
        user_id="U0VOTER02",
    )
    served.post(*body)
    (ack,) = served.slack.wait_for("/response/vote-2")
    assert ack.body["response_type"] == "ephemeral" and ack.body["replace_original"] is False
    engine = create_engine(served.database_url)
    with Session(engine) as session:
        vote = session.exec(select(Feedback).where(Feedback.user_id == "U0VOTER02")).one()
    engine.dispose()
    assert vote.helpful is False and vote.answered is False


def test_post_to_channel_posts_the_answer_for_everyone(served: Served) -> None:
    body = block_action(
        "post_to_channel", "P3 budget", response_url=served.slack.response_url("post-1")
    )
    served.post(*body)
    posted, deleted = served.slack.wait_for("/response/post-1", count=2)
    assert posted.body["response_type"] == "in_channel"
    assert P3_FIGURE in texts(posted.body["blocks"])
    assert "<@U0ASKER01> asked: P3 budget" in texts(posted.body["blocks"])
    assert "post_to_channel" not in action_ids(posted.body["blocks"])
    assert deleted.body == {"delete_original": True}


def test_app_home_opened_publishes_the_overview(served: Served) -> None:
    event = {"type": "app_home_opened", "user": "U0HOME001", "channel": "D0HOME", "tab": "home"}
    served.post(*event_callback(event))
    (call,) = served.slack.wait_for("/views.publish")
    assert call.body["user_id"] == "U0HOME001" and call.body["view"]["type"] == "home"
    shown = texts(call.body["view"])
    assert "ranked by" in shown and "P3 – " in shown and "/ask" in shown
    assert len(call.body["view"]["blocks"]) <= 100


def test_app_home_speaks_the_users_language(served: Served) -> None:
    served.slack.locales["U0HOME003"] = "zh-CN"
    event = {"type": "app_home_opened", "user": "U0HOME003", "channel": "D0HOME", "tab": "home"}
    served.post(*event_callback(event))
    (call,) = served.slack.wait_for("/views.publish")
    assert "P3 – 有利的政策和监管环境" in texts(call.body["view"])


def test_messages_tab_opened_publishes_nothing(served: Served) -> None:
    event = {"type": "app_home_opened", "user": "U0HOME002", "channel": "D0HOME", "tab": "messages"}
    served.post(*event_callback(event))
    served.post(*event_callback(dm("P1", "D0MARKER3")))
    wait_for_post(served, "D0MARKER3")
    assert served.slack.calls_to("/views.publish") == []


def test_rate_limited_post_is_retried_after_retry_after(served: Served) -> None:
    served.slack.rate_limit_once("/chat.postMessage", retry_after=1)
    served.post(*event_callback(dm("P4 budget", "D0LIMIT")))
    first, second = served.slack.wait_for("/chat.postMessage", count=2, timeout=10)
    assert first.body["channel"] == second.body["channel"] == "D0LIMIT"
    assert second.received_at - first.received_at >= 1.0
