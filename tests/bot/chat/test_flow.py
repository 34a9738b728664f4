"""ChatFlow: plain values in, plain results out; an unreachable store is a result in the
asker's language, never an exception."""

from __future__ import annotations

import asyncio
from datetime import timedelta

import pytest
from sqlalchemy.engine import Engine
from sqlmodel import Session, select

from bot.chat import (
    DM_WINDOW,
    ChatFlow,
    ChatRecords,
    Claim,
    Conversation,
    Notice,
    Outcome,
    Rest,
    Thread,
    to_more_value,
)
from bot.chat import flow as flow_module
from bot.text_render import render_answer_text
from knowledge.answering import Answer, AnswerService
from knowledge.store import ConversationContext, create_db_engine
from knowledge.store.models import DeclinedQuestion, Feedback

# Nothing listens there: every store call fails at once.
NO_STORE = "postgresql+psycopg://nobody:secret@127.0.0.1:1/none"


@pytest.fixture
def flow(seeded_engine: Engine) -> ChatFlow:
    return ChatFlow(AnswerService(seeded_engine), ChatRecords(seeded_engine))


@pytest.fixture
def no_store_flow() -> ChatFlow:
    engine = create_db_engine(NO_STORE)
    return ChatFlow(AnswerService(engine), ChatRecords(engine))


def test_a_question_gets_its_answer(flow: ChatFlow) -> None:
    answer = asyncio.run(flow.ask("P3 budget"))
    assert isinstance(answer, Answer) and answer.answered and answer.lang == "en"


@pytest.mark.parametrize(("question", "lang"), [("P3 budget", "en"), ("P3预算", "zh")])
def test_an_unreachable_store_is_a_notice_in_the_askers_language(
    no_store_flow: ChatFlow, question: str, lang: str
) -> None:
    assert asyncio.run(no_store_flow.ask(question)) == Notice("unavailable", lang)
    vote = no_store_flow.vote(platform="slack", user_id="U0A", question=question, helpful=True)
    assert asyncio.run(vote) == Notice("unavailable", lang)
    assert asyncio.run(no_store_flow.claim("slack:event:Ev1")) is Claim.UNAVAILABLE


def test_only_a_declined_question_is_recorded(flow: ChatFlow, seeded_engine: Engine) -> None:
    for question in ("P3 budget", "what is the weather on mars"):
        answer = asyncio.run(flow.ask(question))
        assert isinstance(answer, Answer)
        asyncio.run(
            flow.record_declined(platform="teams", user_id="u-1", question=question, answer=answer)
        )
    with Session(seeded_engine) as session:
        rows = session.exec(select(DeclinedQuestion)).all()
    assert [(r.platform, r.question) for r in rows] == [("teams", "what is the weather on mars")]


def test_a_claimed_vote_is_counted_once(flow: ChatFlow, seeded_engine: Engine) -> None:
    def vote() -> Notice | Outcome:
        return asyncio.run(
            flow.vote(platform="slack", user_id="U0A", question="P3预算", helpful=True, key="k1")
        )

    assert vote() == Notice("vote_thanks", "zh")
    assert vote() is Outcome.ALREADY_HANDLED
    with Session(seeded_engine) as session:
        assert len(session.exec(select(Feedback)).all()) == 1


def test_show_the_rest_reads_only_its_own_values(flow: ChatFlow) -> None:
    assert asyncio.run(flow.show_rest("not ours")) is Outcome.NOT_OURS
    rest = asyncio.run(flow.show_rest(to_more_value("P3 budget", 2), key="click-1"))
    assert isinstance(rest, Rest) and (rest.question, rest.shown_lines) == ("P3 budget", 2)
    again = asyncio.run(flow.show_rest(to_more_value("P3 budget", 2), key="click-1"))
    assert again is Outcome.ALREADY_HANDLED


def test_a_read_only_request_goes_ahead_unclaimed_without_a_store(
    no_store_flow: ChatFlow,
) -> None:
    assert asyncio.run(no_store_flow.claim_read_only("slack:request:T1")) is True
    asyncio.run(no_store_flow.release("slack:request:T1"))  # logged, not raised


def test_a_conversation_not_kept_is_said_so(no_store_flow: ChatFlow) -> None:
    conversation = Conversation(
        platform="teams", conversation_id="a:1", service_url="https://x.test/", kind="personal"
    )
    assert asyncio.run(no_store_flow.keep_conversation(conversation)) is False
    asyncio.run(no_store_flow.forget_conversation("teams", "a:1"))  # logged, not raised


def test_a_read_only_request_is_done_once_per_process_without_a_store_write(
    no_store_flow: ChatFlow,
) -> None:
    # No store at all: the claim is this process's own, so the repeat is still caught.
    assert asyncio.run(no_store_flow.claim_read_only("slack:request:T2")) is True
    assert asyncio.run(no_store_flow.claim_read_only("slack:request:T2")) is False
    assert asyncio.run(no_store_flow.claim_read_only("slack:request:T3")) is True


def test_recent_keys_forget_the_oldest_past_their_limit_and_age(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    clock = [1000.0]
    monkeypatch.setattr(flow_module.time, "monotonic", lambda: clock[0])
    keys = flow_module._RecentKeys(seconds=60, limit=2)
    assert keys.add("a") and keys.add("b") and not keys.add("a")
    assert keys.add("c")  # the limit: "a" is forgotten
    assert keys.add("a")
    clock[0] += 61  # the age: everything is forgotten
    assert keys.add("b") and keys.add("c")


def test_turns_of_a_thread_share_its_context_and_other_threads_do_not(flow: ChatFlow) -> None:
    first, other = Thread("slack", "C1:1.0"), Thread("slack", "C1:2.0")
    assert not asyncio.run(flow.is_followed(first))
    asyncio.run(flow.ask("What is P3's budget?", first))
    assert asyncio.run(flow.is_followed(first))
    assert not asyncio.run(flow.is_followed(other))
    follow_up = asyncio.run(flow.ask("and P2?", first))
    assert isinstance(follow_up, Answer)
    assert "756,000" in render_answer_text(follow_up) and follow_up.intent == "budget"
    alone = asyncio.run(flow.ask("and P2?", other))
    assert isinstance(alone, Answer) and alone.intent == "overview"


def test_an_unmentioned_thread_message_is_answered_only_when_it_can_be(
    flow: ChatFlow, seeded_engine: Engine
) -> None:
    thread = Thread("slack", "C1:3.0")
    asyncio.run(flow.ask("What is P3's budget?", thread))
    with Session(seeded_engine) as session:
        before = session.exec(select(ConversationContext)).one()
    for chatter in ("thanks!", "ok", "谢谢"):
        assert asyncio.run(flow.ask(chatter, thread, mentioned=False)) is Outcome.NOT_ASKED
    with Session(seeded_engine) as session:
        after = session.exec(select(ConversationContext)).one()
    assert (after.updated_at, after.context) == (before.updated_at, before.context)
    follow_up = asyncio.run(flow.ask("and P2?", thread, mentioned=False))
    assert isinstance(follow_up, Answer) and follow_up.answered
    # Mentioned, the same chatter is answered (a decline), as any question to the bot.
    assert isinstance(asyncio.run(flow.ask("thanks!", thread)), Answer)


def test_a_dm_outside_threads_follows_up_only_within_its_window(
    flow: ChatFlow, seeded_engine: Engine
) -> None:
    dm = Thread("slack", "D1", DM_WINDOW)
    asyncio.run(flow.ask("What is P3's budget?", dm))
    assert asyncio.run(flow.ask("and P2?", dm)).intent == "budget"  # type: ignore[union-attr]
    with Session(seeded_engine) as session:
        row = session.exec(select(ConversationContext)).one()
        row.updated_at = row.updated_at - DM_WINDOW - timedelta(seconds=1)
        session.add(row)
        session.commit()
    assert asyncio.run(flow.ask("and P2?", dm)).intent == "overview"  # type: ignore[union-attr]


def test_an_unreachable_store_answers_a_thread_alone_or_says_so(no_store_flow: ChatFlow) -> None:
    thread = Thread("slack", "C1:1.0")
    assert not asyncio.run(no_store_flow.is_followed(thread))
    assert asyncio.run(no_store_flow.ask("P3预算", thread)) == Notice("unavailable", "zh")
