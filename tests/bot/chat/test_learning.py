"""Evidence from use in the chat flow: "did you mean" clicks and helpful votes name a record;
a declined question, an anonymous click, a "not helpful" vote keep nothing."""

from __future__ import annotations

import asyncio
import json

import pytest
from sqlalchemy.engine import Engine
from sqlmodel import Session, select

from bot.chat import (
    ChatFlow,
    ChatRecords,
    SuggestionClick,
    read_suggestion_value,
    to_suggestion_value,
)
from bot.chat.suggestions import MAX_VALUE_CHARS
from knowledge.answering import AnswerService
from knowledge.store import create_db_engine
from knowledge.store.models import Evidence

RECORD = "fact:retreat-bdt-core-values"


@pytest.fixture
def flow(seeded_engine: Engine) -> ChatFlow:
    return ChatFlow(AnswerService(seeded_engine), ChatRecords(seeded_engine))


def _evidence(engine: Engine) -> list[tuple[str, str, str, str, str]]:
    with Session(engine) as session:
        rows = session.exec(select(Evidence).order_by(Evidence.id)).all()  # type: ignore[arg-type]
        return [(r.kind, r.question, r.record, r.platform, r.user_id) for r in rows]


def test_a_suggestion_value_carries_the_question_asked_and_the_record() -> None:
    value = to_suggestion_value(
        "What are BDT's core values?", "the values the bureau holds", RECORD
    )
    assert json.loads(value) == {
        "q": "What are BDT's core values?",
        "a": "the values the bureau holds",
        "r": RECORD,
    }
    assert read_suggestion_value(value) == SuggestionClick(
        "What are BDT's core values?", "the values the bureau holds", RECORD
    )


def test_buttons_made_before_and_values_not_ours_are_the_question_itself() -> None:
    for old in ("P3 Capacity development", "{not json", '{"x": 1}', '["q"]', ""):
        assert read_suggestion_value(old) == SuggestionClick(old)
    assert to_suggestion_value("P1", "P9 budget", None) == "P1"  # no record: as before
    # Too long for Slack's 2,000 characters: the click still asks, and teaches nothing.
    long = to_suggestion_value("Q?", "问" * 1990, RECORD)
    assert long == "Q?" and len(long) <= MAX_VALUE_CHARS
    fits = to_suggestion_value("Q?", "问" * 500, RECORD)  # the longest question answered
    assert len(fits) <= MAX_VALUE_CHARS and read_suggestion_value(fits).record == RECORD


def test_a_click_is_kept_as_evidence_only_with_a_person_a_question_and_a_record(
    flow: ChatFlow, seeded_engine: Engine
) -> None:
    click = SuggestionClick("What are BDT's core values?", "the values the bureau holds", RECORD)
    asyncio.run(flow.record_click(platform="slack", user_id="U0A", click=click))
    asyncio.run(flow.record_click(platform="slack", user_id=None, click=click))
    asyncio.run(flow.record_click(platform="slack", user_id="U0A", click=SuggestionClick("P1")))
    no_record = SuggestionClick("P1", "P9 budget", None)
    asyncio.run(flow.record_click(platform="teams", user_id="u-1", click=no_record))
    assert _evidence(seeded_engine) == [
        ("suggestion", "the values the bureau holds", RECORD, "slack", "U0A")
    ]


def test_a_helpful_vote_on_a_one_record_answer_is_evidence(
    flow: ChatFlow, seeded_engine: Engine
) -> None:
    question = "What are BDT's core values?"
    asyncio.run(flow.vote(platform="slack", user_id="U0A", question=question, helpful=True))
    asyncio.run(flow.vote(platform="slack", user_id="U0B", question=question, helpful=False))
    # Declined, or answered from several records: a vote names no record.
    for other in ("what is the weather on mars", "What is the total budget of P1 and P2?"):
        asyncio.run(flow.vote(platform="slack", user_id="U0A", question=other, helpful=True))
    assert _evidence(seeded_engine) == [("helpful", question, RECORD, "slack", "U0A")]


def test_a_click_with_the_store_down_is_logged_not_raised(caplog: pytest.LogCaptureFixture) -> None:
    engine = create_db_engine("postgresql+psycopg://nobody:secret@127.0.0.1:1/none")
    flow = ChatFlow(AnswerService(engine), ChatRecords(engine))
    click = SuggestionClick("Q?", "the values the bureau holds", RECORD)
    asyncio.run(flow.record_click(platform="slack", user_id="U0A", click=click))
    assert "click evidence not kept" in caplog.text and "secret" not in caplog.text


def test_control_characters_spelt_as_json_escapes_are_dropped() -> None:
    click = read_suggestion_value('{"q":"P1\\u0000 budget","a":"a\\u0007\\n b","r":"kpi:X\\u0000"}')
    assert click == SuggestionClick("P1 budget", "a b", "kpi:X")
