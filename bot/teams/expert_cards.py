"""Adaptive Cards for "ask an expert": the experts' card, the answer, the offer after a vote.

Words come from `templates/teams/<lang>/expert*.j2` in the question's language and script;
what people wrote goes through the templates' `md` filter (shown literally).
"""

from __future__ import annotations

from dataclasses import asdict
from typing import Any

from bot.chat import Ticket, Told
from bot.rendering import get_template
from bot.teams.cards import Card, render_card
from knowledge.answering import detect_lang, detect_script, to_script

# What the card quotes: the question, the bot's answer, the expert's answer (characters).
MAX_QUOTED = 400
MAX_BOT_ANSWER = 800
MAX_ANSWER = 2000
MAX_DATA_CHARS = 2000


def _shorten(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def build_expert_card(
    ticket: Ticket, expert: str = "", origin_kind: str = "", note: str = ""
) -> Card:
    """The question as the experts' channel sees it: what was asked, where, what the bot
    said, its status, and the actions that fit it (Claim, an answer box and Send answer;
    once answered, Make it an FAQ). `expert`: the display name of who claimed or answered,
    when the click that changed it said so; `origin_kind`: the kind of conversation asked
    in ("" when the asker is answered privately); `note`: a reply shown under it (the FAQ
    entry made, and how to undo it)."""
    view: dict[str, Any] = asdict(ticket)
    view.update(
        question=_shorten(ticket.question, MAX_QUOTED),
        bot_answer=_shorten(ticket.bot_answer, MAX_BOT_ANSWER),
        answer=_shorten(ticket.answer, MAX_ANSWER),
        origin_kind=origin_kind,
    )
    return render_card("expert", ticket.lang, ticket.script, t=view, expert=expert, note=note)


def build_expert_reply_card(ticket: Ticket, expert: str) -> Card:
    """The expert's answer as the asker gets it, marked as answered by that person."""
    return render_card(
        "expert_reply",
        ticket.lang,
        ticket.script,
        expert=expert or "?",
        question=_shorten(ticket.question, MAX_QUOTED),
        answer=_shorten(ticket.answer, MAX_ANSWER),
    )


def build_expert_offer_card(question: str) -> Card:
    """The thanks for a "not helpful" vote, with "Ask an expert"."""
    lang, script = detect_lang(question), detect_script(question)
    return render_card("expert_offer", lang, script, question=question[:MAX_DATA_CHARS])


def render_expert_told(told: Told) -> str:
    """A sentence of "ask an expert" as plain text (what Teams shows under a clicked card)."""
    template = get_template("teams", "expert_told", told.lang)
    text = template.render(lang=told.lang, key=told.key, **told.parts).strip()
    return to_script(text, told.script) if told.script else text
