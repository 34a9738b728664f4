"""End to end (Teams): follow-ups in a reply chain the bot answered in and in a personal chat;
a message in a reply chain the bot never answered in is dropped unread."""

from __future__ import annotations

import logging
import time

import pytest
from sqlalchemy import inspect, text
from sqlmodel import create_engine

from bot.teams.cards import VERB_SUGGEST
from tests.e2e.teams.conftest import Served, card_of, card_texts
from tests.e2e.teams.test_endpoint import CHANNEL, PERSONAL, _ask
from tests.support import teams_activities as act

ROOT = "1700000900001"


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


def test_a_mention_then_two_follow_ups_in_its_reply_chain(served: Served) -> None:
    first = _ask(
        served, "What is the 2023 budget for P3?", kind="channel", mention_bot=True, thread_id=ROOT
    )
    assert first.conversation_id == f"{CHANNEL};messageid={ROOT}"
    assert "1,111,000" in card_texts(card_of(first))
    second = _ask(served, "and P2?", kind="channel", thread_id=ROOT)
    assert second.conversation_id == f"{CHANNEL};messageid={ROOT}"
    shown = card_texts(card_of(second))
    assert "P2 – Digital transformation" in shown and "756,000" in shown
    third = _ask(served, "its KPIs?", kind="channel", thread_id=ROOT)
    assert "P2-DIE-1" in card_texts(card_of(third))


def test_a_message_in_a_reply_chain_not_ours_is_ignored_and_not_kept(
    served: Served, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    secret = "Confidential-9b2e what is the P4 budget"
    for thread_id in ("1700000900777", None):
        activity = act.message(
            secret, service_url=served.teams.url, kind="channel", thread_id=thread_id
        )
        assert served.post(activity)[0] == 200
    time.sleep(0.3)
    assert served.teams.sent == []
    logged = caplog.text + "\n".join(r.getMessage() for r in caplog.records)
    assert "Confidential-9b2e" not in logged
    assert "Confidential-9b2e" not in _store_text(served.database_url)


def test_personal_chat_questions_close_together_are_one_conversation(served: Served) -> None:
    first = _ask(served, "网络安全的预算是多少？")
    assert first.conversation_id == PERSONAL and "400,000" in card_texts(card_of(first))
    follow_up = card_texts(card_of(_ask(served, "它的关键绩效指标呢？")))
    assert "P4-CYB-1" in follow_up and "网络安全" in follow_up


def test_an_unmentioned_reply_the_bot_cannot_answer_gets_no_reply_and_is_not_kept(
    served: Served, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    root = "1700000900555"
    first = _ask(
        served, "What is the 2023 budget for P3?", kind="channel", mention_bot=True, thread_id=root
    )
    assert "1,111,000" in card_texts(card_of(first))
    for said in ("thanks! Quokka-7c4", "ok Quokka-7c4"):
        activity = act.message(said, service_url=served.teams.url, kind="channel", thread_id=root)
        assert served.post(activity)[0] == 200
    # Addressed to a colleague: left alone even though the bot could answer it.
    colleague = act.message(
        "<at>Alice</at> what is the P2 budget? Quokka-7c4",
        service_url=served.teams.url,
        kind="channel",
        thread_id=root,
    )
    colleague["entities"].append(
        {
            "type": "mention",
            "text": "<at>Alice</at>",
            "mentioned": {"id": "29:alice", "name": "Alice"},
        }
    )
    assert served.post(colleague)[0] == 200
    follow_up = _ask(served, "and P2?", kind="channel", thread_id=root)
    assert "756,000" in card_texts(card_of(follow_up))
    time.sleep(0.3)
    assert len(served.teams.sent) == 2
    logged = caplog.text + "\n".join(r.getMessage() for r in caplog.records)
    assert "Quokka-7c4" not in logged
    assert "Quokka-7c4" not in _store_text(served.database_url)


def test_a_suggestion_clicked_in_a_reply_chain_is_a_turn_of_its_conversation(
    served: Served,
) -> None:
    root = "1700000900666"
    first = _ask(
        served, "What is the 2023 budget for P3?", kind="channel", mention_bot=True, thread_id=root
    )
    assert "1,111,000" in card_texts(card_of(first))
    click = act.card_action(
        VERB_SUGGEST,
        {"q": "What is the budget of P2?"},
        service_url=served.teams.url,
        reply_to_id="1700000900667",
        kind="channel",
        thread_id=root,
    )
    status, body = served.post(click)
    assert status == 200 and body["statusCode"] == 200
    answered = served.teams.wait_for(2)[1]
    assert answered.conversation_id == f"{CHANNEL};messageid={root}"
    assert "756,000" in card_texts(card_of(answered))
    kpis = card_texts(card_of(_ask(served, "its KPIs?", kind="channel", thread_id=root)))
    assert "P2-DIE-1" in kpis and "P3-" not in kpis
