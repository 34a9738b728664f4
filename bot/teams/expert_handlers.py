"""Ask an expert in Teams: card actions in, calls on the expert desk, cards out.

"Ask an expert" (on a decline's card, or on the thanks for a "not helpful" vote) posts the
question's card to the experts' channel (a channel the bot is in, set with `kb experts set
here`); its actions claim it, send an answer typed in the card, and make it an FAQ entry.
A Teams card in a channel can only be clicked by the channel's members: the sensible check
that an expert belongs to the experts' channel is that the click came from that channel's
card. The answer goes to the conversation asked in (into the channel thread asked from).
"""

from __future__ import annotations

import asyncio
import logging
import re
from typing import Any

import httpx
from microsoft_teams.apps import App

from bot.chat import ChatRecords, ExpertDesk, MemberCheck, Ticket, Told, read_ticket_id
from bot.teams.activities import (
    PLATFORM,
    extract_user_id,
    extract_where,
    read_data_text,
    to_card_message,
)
from bot.teams.cards import (
    VERB_ASK_EXPERT,
    VERB_EXPERT_ANSWER,
    VERB_EXPERT_CLAIM,
    VERB_EXPERT_FAQ,
    Card,
    build_kb_card,
    build_notice_card,
)
from bot.teams.expert_cards import (
    build_expert_card,
    build_expert_offer_card,
    build_expert_reply_card,
    render_expert_told,
)
from knowledge.errors import StoreUnavailable

logger = logging.getLogger(__name__)

EXPERT_VERBS = frozenset({VERB_ASK_EXPERT, VERB_EXPERT_CLAIM, VERB_EXPERT_ANSWER, VERB_EXPERT_FAQ})
CARD_RESPONSE = "application/vnd.microsoft.card.adaptive"
MESSAGE_RESPONSE = "application/vnd.microsoft.activity.message"
MAX_ANSWER_CHARS = 4000
# Control characters but the line break: an answer keeps its lines.
_CONTROL = re.compile(r"[\x00-\x09\x0b-\x1f\x7f]")
_REASONS = {"d": "declined", "n": "not_helpful"}


def _message_response(text: str) -> dict[str, Any]:
    return {"statusCode": 200, "type": MESSAGE_RESPONSE, "value": text}


def _card_response(card: Card) -> dict[str, Any]:
    return {"statusCode": 200, "type": CARD_RESPONSE, "value": card}


def _told_response(told: Told) -> dict[str, Any]:
    return _message_response(render_expert_told(told))


def read_answer_text(data: dict[str, Any]) -> str:
    """The answer typed in the card's box (Teams sends inputs with the action's data)."""
    value = data.get("answer")
    if not isinstance(value, str):
        return ""
    return _CONTROL.sub("", value).strip()[:MAX_ANSWER_CHARS]


def _sender_name(activity: Any) -> str:
    name = getattr(getattr(activity, "from_", None), "name", None)
    return str(name)[:100] if name else ""


class TeamsExperts:
    """The "ask an expert" card actions; the desk, the conversation references (to post to
    the experts' channel and back to the asker) and the SDK app (set at registration)."""

    def __init__(self, desk: ExpertDesk, records: ChatRecords) -> None:
        self.desk = desk
        self.records = records
        self.app: App | None = None

    def register(self, app: App) -> None:
        self.app = app

    async def offer(self, ctx: Any, question: str) -> None:
        """After a "not helpful" vote: the way to a person, as a card."""
        try:
            await ctx.send(to_card_message(build_expert_offer_card(question)))
        except httpx.HTTPError as exc:
            logger.warning("expert offer not sent: %s", type(exc).__name__)

    async def _post(self, conversation_id: str, card: Card) -> str | None:
        """A card posted unasked to a conversation the bot knows; its activity id, or None."""
        base = conversation_id.split(";", 1)[0]
        try:
            reference = await asyncio.to_thread(self.records.get_conversation, PLATFORM, base)
        except StoreUnavailable as exc:  # the question stays queued (/kb experts queue)
            logger.warning("conversation reference not read: %s", exc.reason)
            return None
        if reference is None or self.app is None:
            logger.warning("no conversation reference for a post to the experts or the asker")
            return None
        try:
            sent = await self.app.send(
                conversation_id, to_card_message(card), service_url=reference.service_url
            )
        except httpx.HTTPError as exc:
            logger.warning("card not posted: %s", type(exc).__name__)
            return None
        return str(getattr(sent, "id", "") or "") or None

    async def _update_card(self, ctx: Any, ticket: Ticket, card: Card) -> None:
        """The card posted in the experts' channel, as everyone there sees it, brought up to
        date (the click's own response updates it for the one who clicked)."""
        if not ticket.card_id:
            return
        try:
            operations = ctx.api.conversations.activities(ticket.expert_channel)
            await operations.update(ticket.card_id, to_card_message(card))
        except httpx.HTTPError as exc:
            logger.warning("experts' card not updated: %s", type(exc).__name__)

    async def on_action(self, ctx: Any, verb: str, data: dict[str, Any]) -> dict[str, Any]:
        """What Teams shows for an expert verb's click."""
        activity = ctx.activity
        user_id = extract_user_id(activity)
        if user_id is None:
            return _message_response(render_expert_told(Told("expert_not_possible", "en")))
        if verb == VERB_ASK_EXPERT:
            return await self._ask(ctx, data, user_id)
        ticket_id = read_ticket_id(str(data.get("t", "")))
        if ticket_id is None:
            return _told_response(Told("expert_not_possible", "en"))
        where = extract_where(activity)
        here = where.conversation_id if where is not None else ""

        async def is_member(channel: str, _user: str) -> bool | None:
            return channel == here

        name = _sender_name(activity)
        if verb == VERB_EXPERT_CLAIM:
            return await self._claim(ctx, ticket_id, user_id, is_member, name)
        if verb == VERB_EXPERT_ANSWER:
            return await self._answer(ctx, ticket_id, user_id, data, is_member, name)
        return await self._make_faq(ctx, ticket_id, user_id)

    async def _ask(self, ctx: Any, data: dict[str, Any], user_id: str) -> dict[str, Any]:
        activity = ctx.activity
        question = read_data_text(data, "q")
        reason = _REASONS.get(str(data.get("r", "d")), "declined")
        where = extract_where(activity)
        if not question or where is None:
            return _told_response(Told("expert_not_possible", "en"))
        # The conversation asked in, with its thread (a channel's ";messageid=…").
        conversation = getattr(activity, "conversation", None)
        thread = str(getattr(conversation, "id", "") or "")
        ticket = await self.desk.ask_expert(
            platform=PLATFORM,
            user_id=user_id,
            question=question,
            reason=reason,
            origin_channel=where.conversation_id,
            origin_thread=thread if thread != where.conversation_id else "",
        )
        if isinstance(ticket, Told):
            return _told_response(ticket)
        card_id = await self._post(ticket.expert_channel, build_expert_card(ticket, "", where.kind))
        if card_id is not None:
            ticket = await self.desk.set_card(ticket, card_id)
        return _told_response(Told("expert_asked", ticket.lang, ticket.script))

    async def _claim(
        self, ctx: Any, ticket_id: int, user_id: str, is_member: MemberCheck, name: str
    ) -> dict[str, Any]:
        found = await self.desk.claim(
            platform=PLATFORM, ticket_id=ticket_id, user_id=user_id, is_member=is_member
        )
        if isinstance(found, Told):
            return _told_response(found)
        card = build_expert_card(found, name, "channel")
        await self._update_card(ctx, found, card)
        return _card_response(card)

    async def _answer(
        self,
        ctx: Any,
        ticket_id: int,
        user_id: str,
        data: dict[str, Any],
        is_member: MemberCheck,
        name: str,
    ) -> dict[str, Any]:
        text = read_answer_text(data)
        found = await self.desk.answer(
            platform=PLATFORM, ticket_id=ticket_id, user_id=user_id, text=text, is_member=is_member
        )
        if isinstance(found, Told):
            return _told_response(found)
        await self._deliver(found, name)
        card = build_expert_card(found, name, "channel")
        await self._update_card(ctx, found, card)
        return _card_response(card)

    async def _deliver(self, ticket: Ticket, name: str) -> None:
        """The answer to the conversation (and thread) asked in."""
        target = ticket.origin_thread or ticket.origin_channel
        if not target:
            logger.warning("expert question %s has no conversation to answer in", ticket.id)
            return
        await self._post(target, build_expert_reply_card(ticket, name))

    async def _make_faq(self, ctx: Any, ticket_id: int, user_id: str) -> dict[str, Any]:
        ticket = await self.desk.get_ticket(ticket_id)
        lang = ticket.lang if ticket is not None else "en"
        reply, now = await self.desk.make_faq(
            platform=PLATFORM, ticket_id=ticket_id, user_id=user_id, lang=lang
        )
        if reply is None:
            return _card_response(build_notice_card("unavailable", lang))
        if not reply.changed or now is None:
            return _card_response(build_kb_card(reply))
        await self._update_card(ctx, now, build_expert_card(now, "", "channel"))
        return _card_response(build_expert_card(now, "", "channel", note=reply.render()))
