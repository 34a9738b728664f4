"""End to end: a reminder's "Remind me tomorrow" clicked through the signed endpoint, then
the snoozed reminder delivered by the scheduler's run to the person's DM, once."""

from __future__ import annotations

import json
from datetime import timedelta
from typing import Any

from slack_sdk import WebClient
from slack_sdk.models.blocks import Block, BlockElement
from sqlmodel import Session, create_engine, select

from bot.composition import build_report_builder
from bot.slack.poster import SlackPoster
from bot.slack.report_blocks import build_report_message
from knowledge.store import utc_now
from knowledge.store.models import Snooze
from scheduler.runner import LEADER_TAKE_OVER
from scheduler.snoozes import run_due_snoozes, to_marker
from scheduler.subscriptions import create_subscription
from tests.e2e.slack.conftest import Served, texts
from tests.support.slack_payloads import block_action


def _validate(message: dict[str, Any]) -> None:
    for raw in message["blocks"]:
        block = Block.parse(raw)
        assert block is not None
        block.validate_json()
        for element in raw.get("elements", []):
            if element.get("type") == "button":
                button = BlockElement.parse(element)
                assert button is not None
                button.validate_json()


def test_a_snoozed_reminder_reaches_the_one_who_clicked_once(served: Served) -> None:
    engine = create_engine(served.database_url)
    with Session(engine) as session:
        subscription = create_subscription(
            session, "U0ADMIN", "reminder", "C0TEAM", "P4", "thu 09:00", "Europe/Zurich", "en"
        )
        session.commit()
        sid = subscription.id
        assert sid is not None
        reminder = build_report_builder().build_report(session, subscription, utc_now())
    message = build_report_message(reminder)
    _validate(message)
    (buttons,) = [b for b in message["blocks"] if b["type"] == "actions"]
    assert [(e["action_id"], e["value"]) for e in buttons["elements"]] == [
        ("snooze_tomorrow", str(sid)),
        ("snooze_monday", str(sid)),
    ]
    assert "Remind me tomorrow" in texts(buttons)

    reminder_message = {"type": "message", "ts": "1700000900.000900"}
    for _ in range(2):  # a double click: two requests, two trigger_ids
        served.post(
            *block_action(
                "snooze_tomorrow",
                str(sid),
                response_url=served.slack.response_url("snooze-1"),
                user_id="U0ANNE01",
                channel_id="C0TEAM",
                message=reminder_message,
            )
        )
    acks = served.slack.wait_for("/chat.postEphemeral", count=2)
    assert {a.body["user"] for a in acks} == {"U0ANNE01"}
    assert "send you this reminder again on" in texts(acks[0].body)
    with Session(engine) as session:
        (snooze,) = session.exec(select(Snooze)).all()
    assert (snooze.user_id, snooze.channel, snooze.status) == ("U0ANNE01", "U0ANNE01", "pending")
    assert snooze.source == "C0TEAM:1700000900.000900"

    poster = SlackPoster(WebClient(token="xoxb-test", base_url=served.slack.url, timeout=5))
    build = build_report_builder().build_report

    def run(at: timedelta) -> None:
        run_due_snoozes(
            engine,
            {"slack": poster},
            snooze.due_at + at,
            build,
            runner_id="e2e",
            take_over_after=LEADER_TAKE_OVER,
        )

    run(-timedelta(minutes=1))
    assert served.slack.calls_to("/chat.postMessage") == []
    run(timedelta(minutes=1))
    run(timedelta(minutes=2))
    (post,) = served.slack.calls_to("/chat.postMessage")
    assert post.body["channel"] == "D0ANNE01"  # the stand-in's DM with U0ANNE01
    blocks = post.body["blocks"]
    if isinstance(blocks, str):
        blocks = json.loads(blocks)
    assert "As you asked, here is this reminder again." in texts(blocks)
    assert post.body["metadata"]["event_payload"]["marker"] == to_marker(snooze.id or 0)
    with Session(engine) as session:
        stored = session.exec(select(Snooze)).one()
    assert stored.status == "sent"
    engine.dispose()
