"""The Update buttons of a reminder and the progress modal: payloads in, the form out."""

from __future__ import annotations

import logging
from typing import Any

from slack_bolt.async_app import AsyncAck, AsyncApp
from slack_sdk.errors import SlackApiError
from slack_sdk.web.async_client import AsyncWebClient

from bot.progress import ProgressForms, read_form_request, render_progress_text, to_field_id
from bot.slack.blocks import ACTION_PROGRESS
from bot.slack.payloads import (
    Place,
    extract_action_place,
    extract_action_user_id,
    extract_action_value,
)
from bot.slack.progress_blocks import (
    CALLBACK_PROGRESS,
    FormPlace,
    build_form_notice,
    build_progress_view,
    build_recorded_view,
    extract_form_input,
    read_form_place,
)
from bot.slack.replies import post_private
from bot.slack.report_blocks import build_report_message
from bot.text_render import to_lang
from knowledge.editing import Actor

logger = logging.getLogger(__name__)

PLATFORM = "slack"


class ProgressListeners:
    """Update click → the modal (views.open); submitted modal → recorded, the reminder
    shown again in place (chat.update). The form's rules are `bot.progress`'s."""

    def __init__(self, forms: ProgressForms) -> None:
        self.forms = forms

    def register(self, app: AsyncApp) -> None:
        app.action(ACTION_PROGRESS)(self.on_update)
        app.view(CALLBACK_PROGRESS)(self.on_submit)

    async def _get_user(self, client: AsyncWebClient, user_id: str) -> tuple[str, str | None]:
        """The person's language and time zone (users:read); English and UTC if unknown."""
        try:
            reply = await client.users_info(user=user_id, include_locale=True)
        except SlackApiError as exc:
            logger.info("users.info refused: %s", exc.response.get("error"))
            return "en", None
        user = reply.get("user")
        if not isinstance(user, dict):
            return "en", None
        tz = user.get("tz")
        return to_lang(user.get("locale")), tz if isinstance(tz, str) else None

    async def on_update(self, ack: AsyncAck, body: dict[str, Any], client: AsyncWebClient) -> None:
        """An Update button: the form opens for the person who clicked, or they are told
        privately why it does not (they may not record these KPIs)."""
        await ack()
        user_id = extract_action_user_id(body)
        value = extract_action_value(body)
        request = read_form_request(value)
        trigger_id = body.get("trigger_id")
        if user_id is None or request is None or not isinstance(trigger_id, str):
            logger.info("update click not ours or without a trigger; ignored")
            return
        lang, tz = await self._get_user(client, user_id)
        form = await self.forms.open_form(Actor(PLATFORM, user_id), request, lang, tz)
        place = extract_action_place(body)
        if isinstance(form, str):
            await post_private(client, place, user_id, build_form_notice(form))
            return
        container = body.get("container")
        message_ts = container.get("message_ts") if isinstance(container, dict) else None
        where = FormPlace(
            value,
            place.channel,
            message_ts if isinstance(message_ts, str) else None,
            lang,
            tz,
        )
        try:
            await client.views_open(trigger_id=trigger_id, view=build_progress_view(form, where))
        except SlackApiError as exc:
            logger.warning("views.open failed: %s", exc.response.get("error"))

    async def on_submit(
        self, ack: AsyncAck, body: dict[str, Any], view: dict[str, Any], client: AsyncWebClient
    ) -> None:
        """The modal submitted: checked and recorded before the acknowledgement, so that a
        mistake is shown on its field (response_action "errors") and the modal stays open;
        once recorded, the reminder it came from is shown again in place."""
        place = read_form_place(view.get("private_metadata"))
        request = read_form_request(place.request_value) if place else None
        user_id = extract_action_user_id(body)
        view_id = view.get("id")
        if place is None or request is None or user_id is None or not isinstance(view_id, str):
            logger.info("progress modal not ours; closed")
            await ack()
            return
        entries, as_of, note = extract_form_input(view, request.codes)
        outcome = await self.forms.submit(
            Actor(PLATFORM, user_id), request, entries, as_of, note, place.lang, view_id, place.tz
        )
        if outcome.errors or outcome.notice:
            errors = dict(outcome.errors)
            if outcome.notice:
                # On the modal's first field: Slack refuses errors for blocks it lacks (a KPI
                # the person may not record has none).
                fields = [b.get("block_id") for b in view.get("blocks", []) if isinstance(b, dict)]
                first = next((f for f in fields if isinstance(f, str) and ":" in f), None)
                errors[first or to_field_id("value", request.codes[0])] = outcome.notice
            await ack(response_action="errors", errors=errors)
            return
        if request.ref is None:
            # Opened from an answer, not a reminder: the modal says what was recorded.
            text = render_progress_text(
                "recorded",
                place.lang,
                request.script,
                codes=list(outcome.recorded),
                already=outcome.already,
            )
            view = build_recorded_view(text, place.lang, request.script)
            await ack(response_action="update", view=view)
            return
        # Recorded: acknowledged now, within Slack's 3 s, and the reminder built again after.
        await ack()
        outcome = await self.forms.refresh(outcome, request)
        if outcome.not_refreshed:
            text = render_progress_text(
                "recorded_not_refreshed",
                place.lang,
                request.script,
                codes=list(outcome.recorded),
                already=outcome.already,
            )
            where = Place(channel=place.channel)
            await post_private(client, where, user_id, build_form_notice(text))
            return
        if outcome.reminder is None or place.channel is None or place.message_ts is None:
            return
        message = build_report_message(outcome.reminder)
        try:
            await client.chat_update(channel=place.channel, ts=place.message_ts, **message)
        except SlackApiError as exc:
            logger.warning("chat.update of a reminder failed: %s", exc.response.get("error"))
