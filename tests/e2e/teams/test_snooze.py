"""End to end on Teams: "Remind me on Monday" clicked on a reminder card in a channel, then
the snoozed reminder delivered by the scheduler's run to the person's own chat, once; a
person who never opened a chat with the bot is told to."""

from __future__ import annotations

import time
from datetime import timedelta
from typing import Any

from sqlmodel import Session, select

from bot.composition import build_posters, build_report_builder
from bot.teams.cards import VERB_SNOOZE, build_report_card
from knowledge.store import create_db_engine, utc_now
from knowledge.store.models import Snooze
from scheduler.runner import LEADER_TAKE_OVER
from scheduler.snoozes import run_due_snoozes
from scheduler.subscriptions import create_subscription
from tests.e2e.teams.conftest import Served, build_settings, card_of, card_texts, find_actions
from tests.support import teams_activities as act

CHANNEL = act.CONVERSATIONS["channel"]
PERSONAL = act.CONVERSATIONS["personal"]


def _click(served: Served, data: dict[str, Any], **kwargs: Any) -> dict[str, Any]:
    click = act.card_action(
        VERB_SNOOZE,
        data,
        service_url=served.teams.url,
        reply_to_id="1700000000123",
        kind="channel",
        **kwargs,
    )
    status, body = served.post(click)
    assert status == 200
    return body


def test_a_snoozed_reminder_reaches_the_one_who_clicked_in_their_chat(served: Served) -> None:
    url = served.teams.url
    engine = create_db_engine(served.database_url)
    with Session(engine) as session:
        subscription = create_subscription(
            session, "teams:admin", "reminder", CHANNEL, "P4", "thu 09:00", "Europe/Zurich",
            "en", platform="teams",
        )  # fmt: skip
        session.commit()
        sid = subscription.id
        reminder = build_report_builder().build_report(session, subscription, utc_now())
    (monday,) = [a for a in find_actions(build_report_card(reminder), VERB_SNOOZE)
                 if a["data"]["w"] == "monday"]  # fmt: skip
    assert monday["data"] == {"s": str(sid), "w": "monday"}

    # Never chatted with the bot one to one: told how, nothing stored.
    body = _click(served, monday["data"])
    assert "open a chat with me" in body["value"]
    with Session(engine) as session:
        assert session.exec(select(Snooze)).all() == []

    # After the person's first message in a personal chat, the click is stored and said.
    assert served.post(act.message("hello", service_url=url))[0] == 200
    served.teams.wait_for(1)
    body = _click(served, monday["data"])
    assert "send you this reminder again on" in body["value"]
    with Session(engine) as session:
        (snooze,) = session.exec(select(Snooze)).all()
    assert (snooze.platform, snooze.channel) == ("teams", PERSONAL)

    settings = build_settings(served.teams, served.database_url)
    posters = build_posters(settings, engine, served.teams.token_provider)
    served.teams.clear()
    try:
        for minutes in (1, 2):
            run_due_snoozes(
                engine, posters, snooze.due_at + timedelta(minutes=minutes),
                build_report_builder().build_report, runner_id="e2e",
                take_over_after=LEADER_TAKE_OVER,
            )  # fmt: skip
    finally:
        posters["teams"].close()  # type: ignore[attr-defined]
    time.sleep(0.05)
    posts = [c for c in served.teams.sent if c.operation == "create"]
    assert [c.conversation_id for c in posts] == [PERSONAL]
    assert "As you asked, here is this reminder again." in card_texts(card_of(posts[0]))
    with Session(engine) as session:
        assert session.exec(select(Snooze)).one().status == "sent"
    engine.dispose()
