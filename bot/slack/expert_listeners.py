"""Bolt listeners for "ask an expert": payloads in, calls on the expert desk, Block Kit out.

Ask an expert (a button under a decline or a "not helpful" vote) → the card in the experts'
channel → Claim, Answer (a modal) → the answer in the asker's thread (or their DM, when
they asked privately) → Make it an FAQ. Who is a member of the experts' channel is asked
of Slack (conversations.members).
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from typing import Any

from slack_bolt.async_app import AsyncAck, AsyncApp, AsyncBoltRequest
from slack_sdk.errors import SlackApiError
from slack_sdk.web.async_client import AsyncWebClient

from bot.chat import ChatFlow, Claim, ExpertDesk, MemberCheck, Ticket, Told, read_ticket_id
from bot.slack.blocks import ACTION_ASK_EXPERT
from bot.slack.expert_blocks import (
    ACTION_EXPERT_ANSWER,
    ACTION_EXPERT_CLAIM,
    ACTION_EXPERT_FAQ,
    ANSWER_BLOCK,
    ANSWER_INPUT,
    VIEW_EXPERT_ANSWER,
    build_answer_view,
    build_expert_card,
    build_expert_reply,
    build_told_message,
    read_ask_expert_value,
)
from bot.slack.kb_blocks import build_kb_message, build_kb_notice
from bot.slack.payloads import (
    Place,
    extract_action_place,
    extract_action_user_id,
    extract_action_value,
    extract_channel_id,
    extract_ts,
    extract_user_id,
    to_expert_key,
)
from bot.slack.replies import post_private, post_reply
from knowledge.answering import detect_lang, detect_script

logger = logging.getLogger(__name__)

PLATFORM = "slack"
# conversations.members pages read at most to find one member (200 members a page).
MAX_MEMBER_PAGES = 25


def build_member_check(client: AsyncWebClient) -> MemberCheck:
    """Whether a user is a member of a channel, asked of Slack (conversations.members); None
    when Slack cannot be asked."""

    async def is_member(channel: str, user_id: str) -> bool | None:
        cursor: str | None = None
        try:
            for _page in range(MAX_MEMBER_PAGES):
                reply = await client.conversations_members(
                    channel=channel, cursor=cursor, limit=200
                )
                members = reply.get("members") or []
                if user_id in members:
                    return True
                metadata = reply.get("response_metadata") or {}
                cursor = metadata.get("next_cursor") if isinstance(metadata, Mapping) else None
                if not cursor:
                    return False
        except SlackApiError as exc:
            logger.warning("conversations.members refused: %s", exc.response.get("error"))
            return None
        return None

    return is_member


def _extract_origin(body: Mapping[str, Any]) -> tuple[str, str]:
    """Where the asker is answered: the channel and thread of the message clicked, or ("",
    "") for a direct message when it was private (an ephemeral /ask answer or vote thanks:
    a private question is not answered in front of the channel)."""
    container = body.get("container")
    container = container if isinstance(container, Mapping) else {}
    message = body.get("message")
    if container.get("is_ephemeral") or not isinstance(message, Mapping):
        return "", ""
    channel = extract_channel_id(container.get("channel_id"))
    thread = extract_ts(message.get("thread_ts")) or extract_ts(message.get("ts"))
    if channel is None or thread is None:
        return "", ""
    return channel, thread


def _extract_view_answer(view: Mapping[str, Any]) -> str:
    state = view.get("state")
    values = state.get("values") if isinstance(state, Mapping) else None
    block = values.get(ANSWER_BLOCK) if isinstance(values, Mapping) else None
    field = block.get(ANSWER_INPUT) if isinstance(block, Mapping) else None
    value = field.get("value") if isinstance(field, Mapping) else None
    return value if isinstance(value, str) else ""


class ExpertListeners:
    """The "ask an expert" flows; the expert desk and the chat flow (claims) are passed in."""

    def __init__(self, desk: ExpertDesk, flow: ChatFlow) -> None:
        self.desk = desk
        self.flow = flow

    def register(self, app: AsyncApp) -> None:
        app.action(ACTION_ASK_EXPERT)(self.on_ask_expert)
        app.action(ACTION_EXPERT_CLAIM)(self.on_claim)
        app.action(ACTION_EXPERT_ANSWER)(self.on_answer)
        app.action(ACTION_EXPERT_FAQ)(self.on_make_faq)
        app.view(VIEW_EXPERT_ANSWER)(self.on_answer_submitted)

    # -- the asker ------------------------------------------------------------------------

    async def on_ask_expert(
        self, ack: AsyncAck, body: dict[str, Any], client: AsyncWebClient
    ) -> None:
        """The question goes to the experts' card; the asker is told where, privately.
        Once per message and person, however often the button is clicked."""
        await ack()
        user_id = extract_action_user_id(body)
        question, reason = read_ask_expert_value(extract_action_value(body))
        place = extract_action_place(body)
        if user_id is None or not question:
            logger.info("ask-an-expert click without a user or a question ignored")
            return
        key = to_expert_key(body)
        if key is not None:
            claim = await self.flow.claim(key)
            if claim is Claim.HANDLED:
                logger.info("repeated ask-an-expert click ignored")
                return
            if claim is Claim.UNAVAILABLE:
                told = Told("unavailable", detect_lang(question), detect_script(question))
                await post_private(client, place, user_id, build_told_message(told))
                return
        origin_channel, origin_thread = _extract_origin(body)
        ticket = await self.desk.ask_expert(
            platform=PLATFORM,
            user_id=user_id,
            question=question,
            reason=reason,
            origin_channel=origin_channel,
            origin_thread=origin_thread,
        )
        if isinstance(ticket, Told):
            # Nothing was handed over (no experts' channel yet, the store down): the same
            # button may try again later.
            if key is not None:
                await self.flow.release(key)
            await post_private(client, place, user_id, build_told_message(ticket))
            return
        card_id = await self._post_card(client, ticket)
        if card_id is not None:
            ticket = await self.desk.set_card(ticket, card_id)
        told = Told(
            "expert_asked",
            ticket.lang,
            ticket.script,
            {"channel": ticket.expert_channel if card_id else "", "in_dm": not origin_channel},
        )
        await post_private(client, place, user_id, build_told_message(told))

    async def _post_card(self, client: AsyncWebClient, ticket: Ticket) -> str | None:
        """The card in the experts' channel; its ts, or None when Slack refused it (the
        question stays in the queue, /kb experts queue lists it)."""
        try:
            reply = await client.chat_postMessage(
                channel=ticket.expert_channel,
                unfurl_links=False,
                unfurl_media=False,
                **build_expert_card(ticket),
            )
        except SlackApiError as exc:
            logger.warning("experts' card not posted: %s", exc.response.get("error"))
            return None
        ts = reply.get("ts")
        return ts if isinstance(ts, str) else None

    async def _update_card(self, client: AsyncWebClient, ticket: Ticket) -> None:
        if not ticket.card_id:
            return
        try:
            await client.chat_update(
                channel=ticket.expert_channel, ts=ticket.card_id, **build_expert_card(ticket)
            )
        except SlackApiError as exc:
            logger.warning("experts' card not updated: %s", exc.response.get("error"))

    # -- the experts ----------------------------------------------------------------------

    async def _tell(
        self, client: AsyncWebClient, body: Mapping[str, Any], user_id: str, told: Told
    ) -> None:
        await post_private(client, extract_action_place(body), user_id, build_told_message(told))

    async def on_claim(self, ack: AsyncAck, body: dict[str, Any], client: AsyncWebClient) -> None:
        await ack()
        user_id = extract_action_user_id(body)
        ticket_id = read_ticket_id(extract_action_value(body))
        if user_id is None or ticket_id is None:
            logger.info("claim click not ours ignored")
            return
        found = await self.desk.claim(
            platform=PLATFORM,
            ticket_id=ticket_id,
            user_id=user_id,
            is_member=build_member_check(client),
        )
        if isinstance(found, Told):
            await self._tell(client, body, user_id, found)
            return
        await self._update_card(client, found)

    async def on_answer(
        self,
        ack: AsyncAck,
        body: dict[str, Any],
        request: AsyncBoltRequest,
        client: AsyncWebClient,
    ) -> None:
        """The answer form opens for a member of the experts' channel."""
        await ack()
        user_id = extract_action_user_id(body)
        ticket_id = read_ticket_id(extract_action_value(body))
        trigger_id = body.get("trigger_id")
        if user_id is None or ticket_id is None or not isinstance(trigger_id, str):
            logger.info("answer click not ours ignored")
            return
        found = await self.desk.can_answer(ticket_id, user_id, build_member_check(client))
        if isinstance(found, Told):
            await self._tell(client, body, user_id, found)
            return
        try:
            await client.views_open(trigger_id=trigger_id, view=build_answer_view(found))
        except SlackApiError as exc:
            logger.warning("answer form not opened: %s", exc.response.get("error"))

    async def on_answer_submitted(
        self, ack: AsyncAck, body: dict[str, Any], client: AsyncWebClient
    ) -> None:
        """The form's answer: delivered to the asker, marked as the expert's; the card
        updated. An empty answer keeps the form open, saying so."""
        view = body.get("view")
        view = view if isinstance(view, Mapping) else {}
        text = _extract_view_answer(view)
        user = body.get("user")
        user_id = extract_user_id(user.get("id")) if isinstance(user, Mapping) else None
        ticket_id = read_ticket_id(str(view.get("private_metadata") or ""))
        if not text.strip():
            told = Told("expert_answer_invalid", detect_lang(text), "", {"reason_key": "empty"})
            errors = {ANSWER_BLOCK: build_told_message(told)["text"]}
            await ack(response_action="errors", errors=errors)
            return
        await ack()
        if user_id is None or ticket_id is None:
            logger.info("answer form not ours ignored")
            return
        found = await self.desk.answer(
            platform=PLATFORM,
            ticket_id=ticket_id,
            user_id=user_id,
            text=text,
            is_member=build_member_check(client),
        )
        if isinstance(found, Told):
            await self._tell_expert(client, ticket_id, user_id, found)
            return
        await self._deliver(client, found)
        await self._update_card(client, found)

    async def _tell_expert(
        self, client: AsyncWebClient, ticket_id: int, user_id: str, told: Told
    ) -> None:
        """A sentence for the expert who sent the form, in the experts' channel (privately)."""
        ticket = await self.desk.get_ticket(ticket_id)
        if ticket is None:
            return
        place = Place(channel=ticket.expert_channel)
        await post_private(client, place, user_id, build_told_message(told))

    async def _deliver(self, client: AsyncWebClient, ticket: Ticket) -> None:
        """The answer to the asker: in the thread asked from, else in a direct message."""
        message = build_expert_reply(ticket)
        if ticket.origin_channel:
            place = Place(channel=ticket.origin_channel, thread_ts=ticket.origin_thread or None)
            await post_reply(client, place, message)
            return
        try:
            reply = await client.conversations_open(users=ticket.asker_id)
        except SlackApiError as exc:
            logger.warning("direct message to the asker not opened: %s", exc.response.get("error"))
            return
        channel = reply.get("channel")
        channel_id = channel.get("id") if isinstance(channel, Mapping) else None
        if isinstance(channel_id, str):
            await post_reply(client, Place(channel=channel_id), message)

    async def on_make_faq(
        self, ack: AsyncAck, body: dict[str, Any], client: AsyncWebClient
    ) -> None:
        """One click: the question and its answer become an FAQ entry, by `/kb faq add`'s
        edit (editors of the question's scope and admins); the clicker sees the reply."""
        await ack()
        user_id = extract_action_user_id(body)
        ticket_id = read_ticket_id(extract_action_value(body))
        if user_id is None or ticket_id is None:
            logger.info("make-FAQ click not ours ignored")
            return
        ticket = await self.desk.get_ticket(ticket_id)
        lang = ticket.lang if ticket is not None else "en"
        reply, now = await self.desk.make_faq(
            platform=PLATFORM, ticket_id=ticket_id, user_id=user_id, lang=lang
        )
        message = build_kb_message(reply) if reply else build_kb_notice("unavailable", lang)
        await post_private(client, extract_action_place(body), user_id, message)
        if reply is not None and reply.changed and now is not None:
            await self._update_card(client, now)
