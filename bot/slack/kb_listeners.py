"""The /kb slash command and its Confirm / Cancel buttons: payloads in, private replies out."""

from __future__ import annotations

import logging
import re
from typing import Any

from slack_bolt.async_app import AsyncAck, AsyncApp, AsyncBoltRequest
from slack_sdk.errors import SlackApiError
from slack_sdk.web.async_client import AsyncWebClient

from bot.chat import ChatFlow, Claim
from bot.kb.dispatcher import KbService
from bot.kb.replies import KbReply, read_command_value, read_confirmation_value
from bot.slack.kb_blocks import (
    ACTION_KB_CANCEL,
    ACTION_KB_CONFIRM,
    ACTION_KB_RUN,
    build_kb_message,
    build_kb_notice,
)
from bot.slack.payloads import (
    extract_action_user_id,
    extract_channel_id,
    extract_response_url,
    extract_user_id,
    to_request_key,
)
from bot.slack.replies import post_to_response_url
from bot.slack.text import remove_control_characters, unescape_text
from bot.text_render import to_lang
from knowledge.answering import is_chinese
from knowledge.editing import Actor

logger = logging.getLogger(__name__)

PLATFORM = "slack"
# With should_escape (manifest.yml), Slack sends mentions, channels and links as <…>.
_USER_MENTION = re.compile(r"<@([UW][A-Z0-9]{1,40})(?:\|[^>]*)?>")
_CHANNEL_MENTION = re.compile(r"<#([CG][A-Z0-9]{1,40})(?:\|[^>]*)?>")
_LINK = re.compile(r"<((?:https?|mailto):[^|>\s]+)(?:\|[^>]*)?>")


def extract_kb_text(text: Any) -> str:
    """The command text as typed: mentions and channels become their ids, links their URL,
    Slack's escaping undone. Anything else in <…> (<!here>) stays plain text."""
    raw = text if isinstance(text, str) else ""
    raw = _USER_MENTION.sub(r"\1", raw)
    raw = _CHANNEL_MENTION.sub(r"\1", raw)
    raw = _LINK.sub(r"\1", raw)
    return remove_control_characters(unescape_text(raw)).strip()


def _extract_action_value(body: dict[str, Any]) -> str:
    actions = body.get("actions")
    if isinstance(actions, list) and actions and isinstance(actions[0], dict):
        value = actions[0].get("value")
        return value if isinstance(value, str) else ""
    return ""


class KbListeners:
    """The /kb flows; the command service and the chat flow (for claims) are passed in."""

    def __init__(self, kb: KbService, flow: ChatFlow) -> None:
        self.kb = kb
        self.flow = flow

    def register(self, app: AsyncApp) -> None:
        app.command("/kb")(self.on_kb)
        app.action(ACTION_KB_CONFIRM)(self.on_confirm)
        app.action(ACTION_KB_CANCEL)(self.on_cancel)
        app.action(ACTION_KB_RUN)(self.on_run)

    async def _get_lang(self, client: AsyncWebClient, user_id: str, text: str) -> str:
        """Chinese when the command has Chinese in it, else the user's Slack locale."""
        if is_chinese(text):
            return "zh"
        try:
            reply = await client.users_info(user=user_id, include_locale=True)
        except SlackApiError as exc:
            logger.info("users.info refused: %s", exc.response.get("error"))
            return "en"
        user = reply.get("user")
        return to_lang(user.get("locale") if isinstance(user, dict) else None)

    async def _run(
        self,
        user_id: str,
        text: str,
        lang: str,
        versions: dict[str, int] | None = None,
        here: str | None = None,
    ) -> KbReply | None:
        actor = Actor(platform=PLATFORM, user_id=user_id)
        return await self.kb.run_for_chat(actor, text, lang, versions, here)

    async def _is_first_request(
        self, body: dict[str, Any], request: AsyncBoltRequest, response_url: str, lang: str
    ) -> bool:
        """Claims the command or click: the same signed request again runs nothing (one
        edit, one audit entry). With the store down the user is told so, privately."""
        key = to_request_key(body, request.headers)
        if key is None:
            # Socket Mode has no signature; a payload without a trigger_id cannot be told apart.
            logger.info("command or click without a trigger_id or signature handled unclaimed")
            return True
        claim = await self.flow.claim(key)
        if claim is Claim.HANDLED:
            logger.info("repeated command or click ignored (already handled)")
            return False
        if claim is Claim.UNAVAILABLE:
            message = build_kb_notice("unavailable", lang)
            await post_to_response_url(
                response_url, {"response_type": "ephemeral", "replace_original": False, **message}
            )
            return False
        return True

    async def on_kb(
        self,
        ack: AsyncAck,
        command: dict[str, Any],
        request: AsyncBoltRequest,
        client: AsyncWebClient,
    ) -> None:
        """/kb …: acknowledged at once; the reply follows privately, by response_url."""
        await ack()
        response_url = extract_response_url(command.get("response_url"))
        user_id = extract_user_id(command.get("user_id"))
        if response_url is None or user_id is None:
            logger.info("/kb without a response_url or a valid user id ignored")
            return
        text = extract_kb_text(command.get("text"))
        lang = await self._get_lang(client, user_id, text)
        if not await self._is_first_request(command, request, response_url, lang):
            return
        # "here" in `/kb schedule add … here …`: the channel the command was typed in.
        here = extract_channel_id(command.get("channel_id"))
        reply = await self._run(user_id, text, lang, here=here)
        message = build_kb_message(reply) if reply else build_kb_notice("unavailable", lang)
        await post_to_response_url(
            response_url, {"response_type": "ephemeral", "replace_original": False, **message}
        )

    async def on_confirm(
        self, ack: AsyncAck, body: dict[str, Any], request: AsyncBoltRequest
    ) -> None:
        """Confirm: the command runs again with the versions seen; the reply replaces the ask."""
        await ack()
        response_url = extract_response_url(body.get("response_url"))
        user_id = extract_action_user_id(body)
        found = read_confirmation_value(_extract_action_value(body))
        if response_url is None or user_id is None or found is None:
            logger.info("kb confirmation click not ours or without a place to reply; ignored")
            return
        command_text, versions, lang = found
        if not await self._is_first_request(body, request, response_url, lang):
            return
        reply = await self._run(user_id, command_text, lang, versions)
        message = build_kb_message(reply) if reply else build_kb_notice("unavailable", lang)
        await post_to_response_url(response_url, {"replace_original": True, **message})

    async def on_run(self, ack: AsyncAck, body: dict[str, Any], request: AsyncBoltRequest) -> None:
        """A button that runs a /kb command ("Teach this phrasing"): the command runs as if
        the clicker typed it (their permissions decide); the reply comes as a new message,
        so that the list the button is on stays."""
        await ack()
        response_url = extract_response_url(body.get("response_url"))
        user_id = extract_action_user_id(body)
        found = read_command_value(_extract_action_value(body))
        if response_url is None or user_id is None or found is None:
            logger.info("kb command click not ours or without a place to reply; ignored")
            return
        command_text, lang = found
        if not await self._is_first_request(body, request, response_url, lang):
            return
        reply = await self._run(user_id, command_text, lang)
        message = build_kb_message(reply) if reply else build_kb_notice("unavailable", lang)
        await post_to_response_url(
            response_url, {"response_type": "ephemeral", "replace_original": False, **message}
        )

    async def on_cancel(self, ack: AsyncAck, body: dict[str, Any]) -> None:
        """Cancel: the ask is replaced by "cancelled". Not claimed: it changes nothing, so the
        same click again only says so again (and works while the store is down)."""
        await ack()
        response_url = extract_response_url(body.get("response_url"))
        if response_url is None:
            return
        value = _extract_action_value(body)
        lang = value if value in ("en", "zh") else "en"
        message = build_kb_notice("cancelled", lang)
        await post_to_response_url(response_url, {"replace_original": True, **message})
