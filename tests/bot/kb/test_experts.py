"""/kb experts: setting, listing and removing the experts' channels, and the queue."""

from __future__ import annotations

import pytest
from sqlalchemy.engine import Engine
from sqlmodel import Session

from bot.kb.dispatcher import KbService
from bot.kb.parser import parse_command
from bot.slack.ids import is_user_id
from knowledge.editing import expert_questions
from tests.bot.kb.conftest import ADMIN, EDITOR_P1, ENV_ADMIN, NOBODY


def test_experts_alone_lists_and_its_actions_parse() -> None:
    assert parse_command("experts").name == "experts"
    assert parse_command("专家").name == "experts"
    command = parse_command("experts set C0EXPERT1 P1")
    assert (command.name, command.args) == ("experts.set", {"channel": "C0EXPERT1", "scope": "P1"})
    assert parse_command("experts remove").args == {"scope": None}
    assert parse_command("experts queue").name == "experts.queue"


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_an_admin_sets_lists_undoes_and_removes_experts_channels(kb: KbService, lang: str) -> None:
    assert "/kb experts set" in kb.run(ADMIN, "experts", lang).render()
    reply = kb.run(ADMIN, "experts set C0EXPERT1", lang)
    assert reply.template == "done" and reply.changed and "C0EXPERT1" in reply.render()
    reply = kb.run(ADMIN, "experts set here p1", lang, here="C0P1EXPRT")
    assert reply.template == "done" and "P1" in reply.render()
    listed = kb.run(EDITOR_P1, "experts", lang).render()
    assert "C0EXPERT1" in listed and "P1" in listed and "C0P1EXPRT" in listed
    change_id = reply.context["change"].id
    assert kb.run(ADMIN, f"undo {change_id}", lang).template == "done"
    assert "C0P1EXPRT" not in kb.run(ADMIN, "experts", lang).render()
    assert kb.run(ADMIN, "experts remove", lang).template == "done"
    assert kb.run(ADMIN, "experts remove", lang).template == "unknown_code"


def test_experts_set_refuses_editors_names_and_channels_the_bot_cannot_post_to(
    kb_engine: Engine,
) -> None:
    kb = KbService(
        kb_engine,
        [ENV_ADMIN.user_id],
        is_user_id=is_user_id,
        check_channel=lambda channel: channel != "C0NOTTHERE",
        is_channel_id=lambda channel: channel[:1] in "CG",
    )
    assert kb.run(EDITOR_P1, "experts set C0EXPERT1 P1", "en").template == "not_permitted"
    assert kb.run(NOBODY, "experts queue", "en").template == "not_permitted"
    named = kb.run(ADMIN, "experts set #experts", "en")
    assert (named.template, named.context["reason_key"]) == ("schedule_error", "channel_name")
    absent = kb.run(ADMIN, "experts set C0NOTTHERE", "en")
    assert (absent.template, absent.context["reason_key"]) == ("schedule_error", "unknown_channel")
    unknown = kb.run(ADMIN, "experts set C0EXPERT1 P9", "en")
    assert unknown.template == "unknown_code" and "P1" in unknown.context["suggestions"]


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_the_queue_lists_open_claimed_and_answered_questions(
    kb: KbService, kb_engine: Engine, lang: str
) -> None:
    assert kb.run(EDITOR_P1, "experts queue", lang).context["questions"] == []
    with Session(kb_engine) as session:
        ids = []
        for text in ("Where is the canteen?", "Who runs the P1 hub?", "How to book a room?"):
            row = expert_questions.create_expert_question(
                session,
                platform="slack",
                asker_id="U0ASKER01",
                question=text,
                lang="en",
                script="",
                bot_answer="",
                reason="declined",
                scope="all",
                expert_channel="C0EXPERT1",
            )
            ids.append(row.id or 0)
        expert_questions.claim_expert_question(session, ids[1], "slack:U0EXPERT1")
        expert_questions.answer_expert_question(session, ids[2], "slack:U0EXPERT2", "Intranet.")
        session.commit()
    reply = kb.run(EDITOR_P1, "experts queue", lang)
    assert [q["status"] for q in reply.context["questions"]] == ["open", "claimed", "answered"]
    text = reply.render()
    assert "Where is the canteen?" in text and "U0EXPERT1" in text and "U0EXPERT2" in text
