"""Learning from use through POST /api/messages: a suggestion click is evidence, `kb feedback`
offers Teach, and its click teaches the phrasing the next question is answered by."""

from __future__ import annotations

import time
from typing import Any

from sqlmodel import Session, select

from bot.teams.cards import VERB_KB_RUN, VERB_SUGGEST
from knowledge.store import create_db_engine
from knowledge.store.models import Evidence
from tests.e2e.teams.conftest import ADMIN_OBJECT_ID, Served, card_of, card_texts, find_actions
from tests.support import teams_activities as act
from tests.support.teams_standin import Call

QUESTION = "the values the bureau holds"
CORE_VALUES = "impeccable neutrality"


def _ask(served: Served, text: str, **kwargs: Any) -> Call:
    before = len(served.teams.sent)
    status, _ = served.post(act.message(text, service_url=served.teams.url, **kwargs))
    assert status == 200
    return served.teams.wait_for(before + 1)[-1]


def _click(served: Served, verb: str, data: dict[str, Any], **kwargs: Any) -> Call:
    """Clicks a card button; returns the card the bot sent because of it."""
    before = len(served.teams.sent)
    click = act.card_action(verb, data, service_url=served.teams.url, reply_to_id="1", **kwargs)
    status, body = served.post(click)
    assert status == 200 and body["statusCode"] == 200
    calls = served.teams.wait_for(before + 1)
    time.sleep(0.05)
    return calls[-1]


def test_a_click_taught_from_kb_feedback_answers_the_next_question(served: Served) -> None:
    card = card_of(_ask(served, QUESTION))
    assert CORE_VALUES not in card_texts(card)
    first = find_actions(card, VERB_SUGGEST)[0]["data"]
    assert (first["a"], first["r"]) == (QUESTION, "fact:retreat-bdt-core-values")
    assert CORE_VALUES in card_texts(card_of(_click(served, VERB_SUGGEST, first)))
    engine = create_db_engine(served.database_url)
    with Session(engine) as session:
        rows = session.exec(select(Evidence)).all()
    engine.dispose()
    assert [(r.platform, r.kind, r.question) for r in rows] == [("teams", "suggestion", QUESTION)]
    feedback = card_of(_ask(served, "kb feedback", aad_object_id=ADMIN_OBJECT_ID))
    shown = card_texts(feedback)
    assert QUESTION in shown and "1 click, by 1 person" in shown
    (teach,) = find_actions(feedback, VERB_KB_RUN)
    taught = _click(served, VERB_KB_RUN, teach["data"], aad_object_id=ADMIN_OBJECT_ID)
    assert "is now taught" in card_texts(card_of(taught))
    assert CORE_VALUES in card_texts(card_of(_ask(served, "The values the Bureau holds?")))
