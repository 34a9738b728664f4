"""Bolt listeners: each turns a Slack request into a question and the answer into a reply."""

from __future__ import annotations

import logging
import re
from collections.abc import Awaitable, Callable, Mapping
from typing import Any

from slack_bolt.async_app import AsyncAck, AsyncApp, AsyncBoltContext, AsyncBoltRequest
from slack_bolt.response import BoltResponse
from slack_sdk.errors import SlackApiError
from slack_sdk.web.async_client import AsyncWebClient

from bot.chat import (
    DM_WINDOW,
    ChatFlow,
    Claim,
    Notice,
    Outcome,
    Thread,
    read_suggestion_value,
    to_unavailable_notice,
)
from bot.slack.blocks import (
    ACTION_HELPFUL,
    ACTION_MORE,
    ACTION_NOT_HELPFUL,
    ACTION_POST,
    ACTION_SNOOZE_MONDAY,
    ACTION_SNOOZE_TOMORROW,
    ACTION_SUGGESTION,
    ACTION_VOTE,
    build_answer_message,
    build_home_view,
    build_not_helpful_thanks,
    build_notice_message,
    build_rest_message,
    build_suggested_prompts,
    read_vote_value,
)
from bot.slack.payloads import (
    Place,
    extract_action_place,
    extract_action_user_id,
    extract_action_value,
    extract_channel_id,
    extract_locale,
    extract_question,
    extract_response_url,
    extract_ts,
    extract_user_id,
    is_retry,
    is_user_message,
    is_well_formed,
    to_event_key,
    to_post_key,
    to_request_key,
    to_snooze_source,
    to_vote_key,
)
from bot.slack.replies import post_private, post_reply, post_to_response_url
from bot.slack.text import escape_text
from bot.text_render import to_lang
from knowledge.answering import detect_script

logger = logging.getLogger(__name__)

PLATFORM = "slack"


async def screen_request(
    req: AsyncBoltRequest, next_: Callable[[], Awaitable[BoltResponse]]
) -> BoltResponse:
    """Runs on signed requests before anything else of Bolt's looks at the payload.

    A payload not shaped like Slack's gets 400 (Bolt would trip over it with a 500). A
    redelivery (X-Slack-Retry-Num) goes on like a first delivery: its event's claim in the
    store decides, so it is answered only when no process handled the event before (the
    first delivery never reached one: a 502 during a deploy, a crash).
    """
    if not is_well_formed(req.body):
        logger.info("malformed Slack payload refused")
        return BoltResponse(status=400, body="malformed payload")
    if is_retry(req.headers):
        logger.info("retried delivery (attempt %s)", req.headers["x-slack-retry-num"][0])
    return await next_()


def _to_request_key(body: Mapping[str, Any], request: AsyncBoltRequest) -> str | None:
    """The claim key of a slash command or click; None when it cannot be told apart."""
    key = to_request_key(body, request.headers)
    if key is None:
        # Socket Mode has no signature; a payload without a trigger_id cannot be told apart.
        logger.info("command or click without a trigger_id or signature handled unclaimed")
    return key


def _to_thread_key(channel: str, thread_ts: str) -> str:
    """A Slack thread's conversation key: its channel and its first message's ts."""
    return f"{channel}:{thread_ts}"


def _to_click_thread(place: Place) -> Thread | None:
    """The conversation a button clicked at `place` was in: its thread, or a DM outside
    threads; None for a private (ephemeral) answer or a channel message outside threads."""
    if place.is_private or place.channel is None:
        return None
    if place.thread_ts is not None:
        return Thread(PLATFORM, _to_thread_key(place.channel, place.thread_ts))
    if place.channel.startswith("D"):
        return Thread(PLATFORM, place.channel, DM_WINDOW)
    return None


def _mentions(event: Mapping[str, Any], bot_user_id: str | None) -> bool:
    text = event.get("text")
    return bool(bot_user_id) and isinstance(text, str) and f"<@{bot_user_id}>" in text


_USER_MENTION = re.compile(r"<@([A-Z0-9]+)(?:\|[^>]*)?>")


def _mentions_someone_else(event: Mapping[str, Any], bot_user_id: str | None) -> bool:
    """Whether the message @mentions a person other than the bot: it is addressed to them."""
    text = event.get("text")
    if not isinstance(text, str):
        return False
    return any(found != bot_user_id for found in _USER_MENTION.findall(text))


class SlackListeners:
    """Bolt's listeners: payloads in, calls on the chat flow, its results out as Block Kit."""

    def __init__(self, flow: ChatFlow) -> None:
        self.flow = flow

    def register(self, app: AsyncApp) -> None:
        app.event("message")(self.on_message)
        app.event("app_mention")(self.on_mention)
        app.event("app_home_opened")(self.on_home_opened)
        app.event("assistant_thread_started")(self.on_assistant_thread_started)
        app.command("/ask")(self.on_ask)
        app.action(ACTION_SUGGESTION)(self.on_suggestion)
        app.action(ACTION_VOTE)(self.on_vote)
        app.action(ACTION_HELPFUL)(self.on_helpful)
        app.action(ACTION_NOT_HELPFUL)(self.on_not_helpful)
        app.action(ACTION_POST)(self.on_post_to_channel)
        app.action(ACTION_MORE)(self.on_more)
        app.action(ACTION_SNOOZE_TOMORROW)(self.on_snooze)
        app.action(ACTION_SNOOZE_MONDAY)(self.on_snooze)

    # -- shared steps -------------------------------------------------------------------

    async def _answer_at(
        self,
        client: AsyncWebClient,
        place: Place,
        question: str,
        show_question: bool = False,
        user_id: str | None = None,
        thread: Thread | None = None,
        mentioned: bool = True,
    ) -> None:
        answer = await self.flow.ask(question, thread, mentioned=mentioned)
        if isinstance(answer, Outcome):
            return  # a thread message not meant for the bot
        if isinstance(answer, Notice):
            await post_reply(client, place, build_notice_message(answer.key, answer.lang))
            return
        message = build_answer_message(
            answer,
            question,
            show_question=show_question or place.is_private,
            can_post=place.is_private,
        )
        await post_reply(client, place, message)
        await self.flow.record_declined(
            platform=PLATFORM, user_id=user_id, question=question, answer=answer
        )

    async def _claim(
        self, key: str, client: AsyncWebClient, place: Place, question: str, handled: str
    ) -> bool:
        """Claims work that speaks in a channel once in any process; False (logged as
        `handled`) when it was claimed before, and when the store cannot be reached (the
        asker is then told so, at `place`)."""
        claim = await self.flow.claim(key)
        if claim is Claim.HANDLED:
            logger.info("%s: ignored", handled)
            return False
        if claim is Claim.UNAVAILABLE:
            notice = to_unavailable_notice(question)
            await post_reply(client, place, build_notice_message(notice.key, notice.lang))
            return False
        return True

    async def _answer_event(
        self,
        body: Mapping[str, Any],
        client: AsyncWebClient,
        place: Place,
        question: str,
        thread: Thread | None,
        mentioned: bool = True,
    ) -> None:
        """Answered once, however often Slack delivers the event: its claim decides; in the
        context of the `thread` it was asked in (`mentioned`: see ChatFlow.ask)."""
        key = to_event_key(body)
        if key is None:
            logger.info("event without a valid event_id ignored")
            return
        if not await self._claim(key, client, place, question, "event already handled"):
            return
        user_id = extract_user_id(body.get("event", {}).get("user"))
        await self._answer_at(
            client, place, question, user_id=user_id, thread=thread, mentioned=mentioned
        )

    # -- events -------------------------------------------------------------------------

    async def on_message(
        self,
        body: dict[str, Any],
        event: dict[str, Any],
        client: AsyncWebClient,
        context: AsyncBoltContext,
    ) -> None:
        """A direct message: the answer goes to the DM (in its thread, if it was in one).
        A message in a channel thread the bot has answered in: answered there without a
        mention, when the bot can answer it and it @mentions nobody else. Any other channel
        message is left alone: neither kept nor logged."""
        if not is_user_message(event):
            return
        channel = extract_channel_id(event.get("channel"))
        if channel is None:
            return
        thread_ts = extract_ts(event.get("thread_ts"))
        place = Place(channel=channel, thread_ts=thread_ts)
        mentioned = True  # a DM is always addressed to the bot
        if event.get("channel_type") == "im":
            # A DM's thread is one conversation; outside threads, messages close together are.
            if thread_ts is None:
                thread = Thread(PLATFORM, channel, DM_WINDOW)
            else:
                thread = Thread(PLATFORM, _to_thread_key(channel, thread_ts))
        elif event.get("channel_type") in ("channel", "group") and thread_ts is not None:
            if _mentions(event, context.bot_user_id):
                return  # the app_mention event of the same message answers it
            if _mentions_someone_else(event, context.bot_user_id):
                return  # addressed to someone else in the thread
            mentioned = False
            thread = Thread(PLATFORM, _to_thread_key(channel, thread_ts))
            if not await self.flow.is_followed(thread):
                return
        else:
            return
        question = extract_question(event.get("text"), context.bot_user_id)
        await self._answer_event(body, client, place, question, thread, mentioned)

    async def on_mention(
        self,
        body: dict[str, Any],
        event: dict[str, Any],
        client: AsyncWebClient,
        context: AsyncBoltContext,
    ) -> None:
        """An @mention in a channel: the answer goes to the message's thread."""
        if not is_user_message(event):
            return
        channel = extract_channel_id(event.get("channel"))
        if channel is None:
            return
        thread_ts = extract_ts(event.get("thread_ts")) or extract_ts(event.get("ts"))
        place = Place(channel=channel, thread_ts=thread_ts)
        question = extract_question(event.get("text"), context.bot_user_id)
        thread = Thread(PLATFORM, _to_thread_key(channel, thread_ts)) if thread_ts else None
        await self._answer_event(body, client, place, question, thread)

    async def on_home_opened(
        self, body: dict[str, Any], event: dict[str, Any], client: AsyncWebClient
    ) -> None:
        """The App Home tab: published afresh each time a user opens it."""
        user_id = extract_user_id(event.get("user"))
        if user_id is None or event.get("tab", "home") != "home":
            return
        lang = to_lang(extract_locale(body) or await self._get_locale(client, user_id))
        found = await self.flow.get_home_answers(lang)
        overview, help_answer = found if found is not None else (None, None)
        await client.views_publish(
            user_id=user_id, view=build_home_view(lang, overview, help_answer)
        )

    async def on_assistant_thread_started(
        self, body: dict[str, Any], event: dict[str, Any], client: AsyncWebClient
    ) -> None:
        """The bot's DM opened as Slack's agent surface: bilingual starters to click. Its
        messages then come as DMs (in the thread), answered like any other."""
        thread = event.get("assistant_thread")
        thread = thread if isinstance(thread, dict) else {}
        channel = extract_channel_id(thread.get("channel_id"))
        thread_ts = extract_ts(thread.get("thread_ts"))
        user_id = extract_user_id(thread.get("user_id"))
        if channel is None or thread_ts is None:
            return
        locale = extract_locale(body) or (
            await self._get_locale(client, user_id) if user_id else None
        )
        title, prompts = build_suggested_prompts(to_lang(locale))
        try:
            await client.assistant_threads_setSuggestedPrompts(
                channel_id=channel, thread_ts=thread_ts, title=title, prompts=prompts
            )
        except SlackApiError as exc:
            logger.info("suggested prompts not set: %s", exc.response.get("error"))

    async def _get_locale(self, client: AsyncWebClient, user_id: str) -> str | None:
        """The user's Slack locale (users:read); None when Slack will not say."""
        try:
            reply = await client.users_info(user=user_id, include_locale=True)
        except SlackApiError as exc:
            logger.info("users.info refused: %s", exc.response.get("error"))
            return None
        user = reply.get("user")
        return str(user["locale"]) if isinstance(user, dict) and user.get("locale") else None

    # -- the /ask command ---------------------------------------------------------------

    async def on_ask(
        self,
        ack: AsyncAck,
        command: dict[str, Any],
        request: AsyncBoltRequest,
        client: AsyncWebClient,
    ) -> None:
        """/ask QUESTION: acknowledged at once; the answer follows, privately, by response_url."""
        await ack()
        response_url = extract_response_url(command.get("response_url"))
        if response_url is None:
            logger.info("/ask without a response_url ignored")
            return
        place = Place(response_url=response_url, is_private=True)
        question = extract_question(command.get("text"))
        if not await self.flow.claim_read_only(_to_request_key(command, request)):
            return
        await self._answer_at(
            client, place, question, user_id=extract_user_id(command.get("user_id"))
        )

    # -- buttons ------------------------------------------------------------------------

    async def on_suggestion(
        self,
        ack: AsyncAck,
        body: dict[str, Any],
        request: AsyncBoltRequest,
        client: AsyncWebClient,
    ) -> None:
        """A "did you mean" button: its question is answered where the button was (in its
        thread's conversation, so that the next follow-up there takes it as context), and
        the click is kept as evidence of what the question it was offered for meant."""
        await ack()
        place = extract_action_place(body)
        click = read_suggestion_value(extract_action_value(body))
        if not await self.flow.claim_read_only(_to_request_key(body, request)):
            return
        user_id = extract_action_user_id(body)
        await self._answer_at(
            client,
            place,
            click.question,
            show_question=True,
            user_id=user_id,
            thread=_to_click_thread(place),
        )
        await self.flow.record_click(platform=PLATFORM, user_id=user_id, click=click)

    async def on_more(
        self,
        ack: AsyncAck,
        body: dict[str, Any],
        request: AsyncBoltRequest,
        client: AsyncWebClient,
    ) -> None:
        """A "show the rest" button: the lines of a long answer that did not fit are posted."""
        await ack()
        rest = await self.flow.show_rest(extract_action_value(body), _to_request_key(body, request))
        if isinstance(rest, Outcome):
            return
        place = extract_action_place(body)
        if isinstance(rest, Notice):
            await post_reply(client, place, build_notice_message(rest.key, rest.lang))
            return
        message = build_rest_message(rest.answer, rest.question, rest.shown_lines)
        await post_reply(client, place, message)

    async def on_vote(
        self,
        ack: AsyncAck,
        body: dict[str, Any],
        request: AsyncBoltRequest,
        client: AsyncWebClient,
    ) -> None:
        """Slack's feedback buttons: the value says which side, and carries the question."""
        await ack()
        found = read_vote_value(extract_action_value(body))
        if found is None:
            logger.info("feedback click with a value not ours ignored")
            return
        helpful, question = found
        await self._vote(body, request, client, helpful=helpful, question=question)

    async def on_helpful(
        self,
        ack: AsyncAck,
        body: dict[str, Any],
        request: AsyncBoltRequest,
        client: AsyncWebClient,
    ) -> None:
        await ack()
        await self._vote(body, request, client, helpful=True)

    async def on_not_helpful(
        self,
        ack: AsyncAck,
        body: dict[str, Any],
        request: AsyncBoltRequest,
        client: AsyncWebClient,
    ) -> None:
        await ack()
        await self._vote(body, request, client, helpful=False)

    async def _vote(
        self,
        body: dict[str, Any],
        request: AsyncBoltRequest,
        client: AsyncWebClient,
        helpful: bool,
        question: str | None = None,
    ) -> None:
        """The vote is stored with the question and the answer it got; the voter is thanked.

        One vote per person and answer: a double click, or the same click again (a replayed
        request), is not counted twice."""
        user_id = extract_action_user_id(body)
        if user_id is None:
            logger.info("vote without a valid user id ignored")
            return
        if question is None:
            question = extract_action_value(body)
        notice = await self.flow.vote(
            platform=PLATFORM,
            user_id=user_id,
            question=question,
            helpful=helpful,
            key=to_vote_key(body) or _to_request_key(body, request),
        )
        if isinstance(notice, Outcome):
            return
        message = build_notice_message(notice.key, notice.lang)
        if not helpful and notice.key == "vote_thanks":
            message = build_not_helpful_thanks(question, notice.lang, detect_script(question))
        await post_private(client, extract_action_place(body), user_id, message)

    async def on_snooze(
        self,
        ack: AsyncAck,
        body: dict[str, Any],
        request: AsyncBoltRequest,
        client: AsyncWebClient,
    ) -> None:
        """ "Remind me tomorrow / on Monday" on a reminder: the reminder comes back to the
        one who clicked, by DM, once; they are told when (only they see it). Clicking
        again moves it; a repeated request is done once."""
        await ack()
        user_id = extract_action_user_id(body)
        source = to_snooze_source(body)
        if user_id is None or source is None:
            logger.info("snooze click without a user or its message ignored")
            return
        if not await self.flow.claim_read_only(_to_request_key(body, request)):
            return
        actions = body.get("actions") or [{}]
        when = "monday" if actions[0].get("action_id") == ACTION_SNOOZE_MONDAY else "tomorrow"
        lang = to_lang(extract_locale(body))
        notice = await self.flow.snooze(
            platform=PLATFORM,
            user_id=user_id,
            value=extract_action_value(body),
            when=when,
            source=source,
            lang=lang,
        )
        if isinstance(notice, Outcome):
            return
        parts = {key: escape_text(value) for key, value in notice.parts}
        message = build_notice_message(notice.key, notice.lang, **parts)
        await post_private(client, extract_action_place(body), user_id, message)

    async def on_post_to_channel(
        self,
        ack: AsyncAck,
        body: dict[str, Any],
        request: AsyncBoltRequest,
        client: AsyncWebClient,
    ) -> None:
        """A private /ask answer posted for everyone in the channel, naming who asked.

        Posted once, however often and however fast the button is clicked: the answer's
        post is claimed (the message the button is on), not the click; given up again if
        the post fails, so that another click may try."""
        await ack()
        place = extract_action_place(body)
        if place.response_url is None:
            return
        question = extract_action_value(body)
        if not await self.flow.claim_read_only(_to_request_key(body, request)):
            return
        post_key = to_post_key(body)
        if post_key is None:
            logger.info("post-to-channel click without its message's channel and ts; posted")
        else:
            if not await self._claim(post_key, client, place, question, "answer already posted"):
                return
        posted = False
        try:
            posted = await self._post_to_channel(body, client, place, question)
        finally:
            if not posted and post_key is not None:
                await self.flow.release(post_key)

    async def _post_to_channel(
        self, body: dict[str, Any], client: AsyncWebClient, place: Place, question: str
    ) -> bool:
        """True once the answer is in the channel (the private one is then removed)."""
        assert place.response_url is not None
        answer = await self.flow.ask(question)
        if isinstance(answer, Notice):
            await post_reply(client, place, build_notice_message(answer.key, answer.lang))
            return False
        message = build_answer_message(answer, question, asked_by=extract_action_user_id(body))
        payload = {"response_type": "in_channel", "replace_original": False, **message}
        if not await post_to_response_url(place.response_url, payload):
            return False
        await post_to_response_url(place.response_url, {"delete_original": True})
        return True
