"""The expert desk: scope routing, members only, the store down told in the asker's language."""

from __future__ import annotations

import asyncio

import pytest
from sqlalchemy.engine import Engine

from bot.chat import ExpertDesk, Ticket, Told
from bot.chat.experts import to_untranslated_fields
from bot.kb.dispatcher import KbService
from knowledge.answering import AnswerService
from knowledge.editing import Actor, Permissions, expert_channels, run_edit
from knowledge.store import create_db_engine

NO_STORE = "postgresql+psycopg://nobody:secret@127.0.0.1:1/none"
ADMIN = Permissions(Actor("slack", "U0ADMIN01"), is_admin=True)


def _desk(engine: Engine) -> ExpertDesk:
    return ExpertDesk(AnswerService(engine), engine, KbService(engine, ["U0ADMIN01"]))


async def _member(channel: str, user_id: str) -> bool | None:
    return user_id == "U0EXPERT1"


def _ask(desk: ExpertDesk, question: str) -> Ticket | Told:
    return asyncio.run(
        desk.ask_expert(platform="slack", user_id="U0ASKER01", question=question, reason="declined")
    )


def test_a_question_goes_to_its_scopes_channel_else_the_default(seeded_engine: Engine) -> None:
    desk = _desk(seeded_engine)
    assert _ask(desk, "Who heads P3?") == Told("expert_no_channel", "en")
    run_edit(seeded_engine, lambda s: expert_channels.set_expert_channel(s, ADMIN, "C0ALL"))
    run_edit(seeded_engine, lambda s: expert_channels.set_expert_channel(s, ADMIN, "C0P3", "P3"))
    scoped = _ask(desk, "Who heads P3?")
    assert isinstance(scoped, Ticket) and (scoped.scope, scoped.expert_channel) == ("P3", "C0P3")
    assert "P3" in scoped.bot_answer and scoped.status == "open"
    other = _ask(desk, "谁负责P2？")
    assert isinstance(other, Ticket) and other.expert_channel == "C0ALL" and other.lang == "zh"


def test_only_members_claim_and_answer(seeded_engine: Engine) -> None:
    desk = _desk(seeded_engine)
    run_edit(seeded_engine, lambda s: expert_channels.set_expert_channel(s, ADMIN, "C0ALL"))
    ticket = _ask(desk, "Where is the staff canteen?")
    assert isinstance(ticket, Ticket)
    refused = asyncio.run(
        desk.claim(platform="slack", ticket_id=ticket.id, user_id="U0OTHER01", is_member=_member)
    )
    assert refused == Told("expert_not_member", "en")
    claimed = asyncio.run(
        desk.claim(platform="slack", ticket_id=ticket.id, user_id="U0EXPERT1", is_member=_member)
    )
    assert isinstance(claimed, Ticket) and claimed.claimed_by == "U0EXPERT1"
    answered = asyncio.run(
        desk.answer(
            platform="slack",
            ticket_id=ticket.id,
            user_id="U0EXPERT1",
            text="Floor 2.",
            is_member=_member,
        )
    )
    assert isinstance(answered, Ticket) and answered.answered_by == "U0EXPERT1"
    again = asyncio.run(desk.can_answer(ticket.id, "U0EXPERT1", _member))
    assert again == Told("expert_already_answered", "en", "", {"user": "U0EXPERT1"})
    reply, now = asyncio.run(
        desk.make_faq(platform="slack", ticket_id=ticket.id, user_id="U0ADMIN01", lang="en")
    )
    assert reply is not None and reply.changed and now is not None
    assert now.faq_key == f"expert-{ticket.id}"
    # Written in English, copied into the Chinese fields too: the admin is told to translate.
    key = f"expert-{ticket.id}"
    assert reply.render().splitlines()[:2] == [
        f"FAQ entry {key} added: Where is the staff canteen?",
        "Its question and answer were copied as written into both languages' fields; add the"
        f' translation with /kb faq edit {key} question_zh "…" and /kb faq edit {key}'
        ' answer_zh "…".',
    ]


def test_a_claim_reserves_the_question_for_its_expert(seeded_engine: Engine) -> None:
    desk = _desk(seeded_engine)
    run_edit(seeded_engine, lambda s: expert_channels.set_expert_channel(s, ADMIN, "C0ALL"))
    ticket = _ask(desk, "食堂在哪里？")
    assert isinstance(ticket, Ticket)

    async def members(channel: str, user_id: str) -> bool | None:
        return user_id in ("U0EXPERT1", "U0EXPERT2")

    claim = desk.claim(
        platform="slack", ticket_id=ticket.id, user_id="U0EXPERT1", is_member=members
    )
    assert isinstance(asyncio.run(claim), Ticket)
    taken = Told("expert_already_claimed", "zh", "hans", {"user": "U0EXPERT1"})
    assert asyncio.run(desk.can_answer(ticket.id, "U0EXPERT2", members)) == taken
    other = desk.answer(
        platform="slack", ticket_id=ticket.id, user_id="U0EXPERT2", text="二楼。", is_member=members
    )
    assert asyncio.run(other) == taken
    assert isinstance(asyncio.run(desk.can_answer(ticket.id, "U0EXPERT1", members)), Ticket)
    mine = desk.answer(
        platform="slack", ticket_id=ticket.id, user_id="U0EXPERT1", text="二楼。", is_member=members
    )
    answered = asyncio.run(mine)
    assert isinstance(answered, Ticket) and answered.answered_by == "U0EXPERT1"


@pytest.mark.parametrize(
    ("question", "answer", "fields"),
    [
        ("Where is the staff canteen?", "Floor 2.", ["question_zh", "answer_zh"]),
        ("食堂在哪里？", "二楼。", ["question_en", "answer_en"]),
        ("食堂在哪裡？", "On floor 2.", ["question_en", "answer_zh"]),
    ],
)
def test_an_faq_from_an_answer_names_the_fields_to_translate(
    question: str, answer: str, fields: list[str]
) -> None:
    assert to_untranslated_fields(question, answer) == fields


@pytest.mark.parametrize(
    ("question", "lang", "script"),
    [("Where is it?", "en", ""), ("在哪里？", "zh", "hans"), ("在哪裡？", "zh", "hant")],
)
def test_an_unreachable_store_is_told_in_the_askers_language(
    question: str, lang: str, script: str
) -> None:
    engine = create_db_engine(NO_STORE)
    try:
        assert _ask(_desk(engine), question) == Told("unavailable", lang, script)
        assert asyncio.run(_desk(engine).get_ticket(1)) is None
    finally:
        engine.dispose()
