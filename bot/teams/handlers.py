"""Teams activity handlers: each turns an activity into a question or a `kb` command and the
result into a card. The chat flow and the commands are the platform-neutral ones."""

from __future__ import annotations

import asyncio
import logging
import re
import uuid
from typing import Any, cast

import httpx
from microsoft_teams.api.activities.message import MessageActivityInput
from microsoft_teams.apps import App

from bot.chat import (
    DM_WINDOW,
    ChatFlow,
    Claim,
    Conversation,
    Notice,
    Outcome,
    SuggestionClick,
    Thread,
    to_unavailable_notice,
)
from bot.kb.dispatcher import KbService
from bot.kb.replies import KbReply, read_command_value, read_confirmation_value
from bot.log_context import bind_log_context
from bot.progress import (
    FormRequest,
    ProgressForm,
    ProgressForms,
    read_form_request,
    render_progress_text,
    to_field_id,
)
from bot.teams.activities import (
    PLATFORM,
    Where,
    extract_card_action,
    extract_text,
    extract_user_id,
    extract_where,
    is_from_teams,
    list_mentions,
    read_data_text,
    to_card_message,
    to_event_id,
)
from bot.teams.cards import (
    VERB_HELPFUL,
    VERB_KB_CANCEL,
    VERB_KB_CONFIRM,
    VERB_KB_RUN,
    VERB_MORE,
    VERB_NOT_HELPFUL,
    VERB_PROGRESS_CANCEL,
    VERB_PROGRESS_OPEN,
    VERB_PROGRESS_SUBMIT,
    VERB_SNOOZE,
    VERB_SUGGEST,
    build_answer_card,
    build_kb_card,
    build_notice_card,
    build_report_card,
    build_rest_card,
    render_toast,
)
from bot.teams.expert_handlers import EXPERT_VERBS, TeamsExperts
from bot.teams.ids import to_user_id
from bot.teams.progress_cards import build_progress_card, extract_form_input
from bot.text_render import HELP_QUESTION, to_lang
from knowledge.answering import detect_lang, is_chinese
from knowledge.editing import Actor

logger = logging.getLogger(__name__)

# A message is a `kb` command when its first word is this (after the bot's @mention).
_KB_COMMAND = re.compile(r"^/?kb(?:\s+|$)", re.IGNORECASE)
# The manifest's "ask" command puts the word in front of the question: it is left out.
_ASK_COMMAND = re.compile(r"^/?ask(?:\s+|$)", re.IGNORECASE)
CARD_RESPONSE = "application/vnd.microsoft.card.adaptive"
MESSAGE_RESPONSE = "application/vnd.microsoft.activity.message"


def _message_response(text: str) -> dict[str, Any]:
    """What Teams shows under a clicked card for a moment."""
    return {"statusCode": 200, "type": MESSAGE_RESPONSE, "value": text}


def _card_response(card: dict[str, Any]) -> dict[str, Any]:
    """The clicked card is replaced by this one."""
    return {"statusCode": 200, "type": CARD_RESPONSE, "value": card}


class TeamsHandlers:
    """The SDK's activity handlers: activities in, calls on the chat flow and the `kb`
    commands, their results out as cards."""

    def __init__(
        self,
        flow: ChatFlow,
        kb: KbService,
        tenant_id: str | None = None,
        forms: ProgressForms | None = None,
        experts: TeamsExperts | None = None,
    ) -> None:
        """`tenant_id`: a single-tenant app answers only its own tenant (None: any);
        `forms`: the progress form behind reminders' Update buttons; `experts`: the "ask an
        expert" actions (None: not offered)."""
        self.flow = flow
        self.kb = kb
        self.forms = forms
        self.experts = experts
        self.tenant_id = tenant_id
        # Conversations this process already saved: a message saves its conversation once.
        self._known: set[str] = set()

    def register(self, app: App) -> None:
        # First of every activity: anything not from Teams (or another tenant) stops here.
        app.use(self.screen)
        app.on_message(self.on_message)
        # A dict in the SDK's response shape (camelCase JSON): the SDK passes it through.
        app.on_card_action(cast(Any, self.on_card_action))
        app.on_install_add(self.on_install)
        app.on_install_remove(self.on_uninstall)
        app.on_conversation_update(self.on_conversation_update)
        if self.experts is not None:
            self.experts.register(app)

    async def screen(self, ctx: Any) -> Any:
        # The SDK calls this only for an activity whose token it verified: its ids may now
        # go to the log context (bind_log_context caps their length).
        sender = getattr(ctx.activity, "from_", None)
        bind_log_context(
            event_id=getattr(ctx.activity, "id", None),
            user_id=getattr(sender, "aad_object_id", None) or getattr(sender, "id", None),
        )
        if not is_from_teams(ctx.activity, self.tenant_id):
            logger.warning(
                "activity refused: channel %s, tenant not allowed or not Teams",
                str(getattr(ctx.activity, "channel_id", ""))[:20],
            )
            return None
        return await ctx.next()

    # -- conversations ------------------------------------------------------------------

    async def _remember(self, where: Where, force: bool = False) -> None:
        """Keeps the conversation reference, so that schedules can post there unasked."""
        if where.conversation_id in self._known and not force:
            return
        conversation = Conversation(
            platform=PLATFORM,
            conversation_id=where.conversation_id,
            service_url=where.service_url,
            tenant_id=where.tenant_id,
            kind=where.kind,
            title=where.title,
            user_id=where.user_id,
            bot_id=where.bot_id,
        )
        if await self.flow.keep_conversation(conversation):
            self._known.add(where.conversation_id)

    async def _forget(self, where: Where) -> None:
        self._known.discard(where.conversation_id)
        await self.flow.forget_conversation(PLATFORM, where.conversation_id)

    async def on_install(self, ctx: Any) -> None:
        where = extract_where(ctx.activity)
        if where is not None:
            await self._remember(where, force=True)

    async def on_uninstall(self, ctx: Any) -> None:
        where = extract_where(ctx.activity)
        if where is not None:
            await self._forget(where)

    async def on_conversation_update(self, ctx: Any) -> None:
        """The bot added to (or removed from) a team or chat: its reference kept or dropped."""
        activity = ctx.activity
        where = extract_where(activity)
        bot_id = getattr(getattr(activity, "recipient", None), "id", None)
        if where is None or bot_id is None:
            return
        added = [m.id for m in (getattr(activity, "members_added", None) or [])]
        removed = [m.id for m in (getattr(activity, "members_removed", None) or [])]
        if bot_id in removed:
            await self._forget(where)
        elif bot_id in added:
            await self._remember(where, force=True)

    # -- messages -----------------------------------------------------------------------

    async def _claim(self, where: Where, activity_id: str | None) -> Claim:
        """HANDLED when this activity was already handled (Teams redelivers slow ones)."""
        if not activity_id:
            return Claim.NEW
        return await self.flow.claim(to_event_id(where.conversation_id, activity_id))

    async def on_message(self, ctx: Any) -> None:
        """A personal chat message, or a channel or group chat message that @mentions the bot;
        in a channel reply chain the bot answered in, a message without the mention too
        (where Teams delivers it: an app allowed to read the channel's messages)."""
        activity = ctx.activity
        where = extract_where(activity)
        if where is None:
            return
        thread = _to_thread(activity, where)
        bot_id = getattr(getattr(activity, "recipient", None), "id", None)
        mentions = [m.mentioned.id for m in list_mentions(activity)]
        mentioned = bot_id in mentions
        # A reply without the bot's mention that mentions someone else is addressed to them.
        followed = where.kind == "channel" and not mentions and await self.flow.is_followed(thread)
        if where.kind != "personal" and not mentioned and not followed:
            return
        await self._remember(where)
        text = extract_text(activity)
        claim = await self._claim(where, getattr(activity, "id", None))
        if claim is Claim.HANDLED:
            logger.info("dropped a redelivered Teams activity")
            return
        if claim is Claim.UNAVAILABLE:
            notice = to_unavailable_notice(text)
            await self._send(ctx, build_notice_card(notice.key, notice.lang))
            return
        if _KB_COMMAND.match(text):
            await self._on_kb(ctx, where)
            return
        question = _ASK_COMMAND.sub("", text, count=1) or HELP_QUESTION[to_lang(activity.locale)]
        await self._answer_here(
            ctx,
            question,
            extract_user_id(activity),
            thread=thread,
            mentioned=mentioned or where.kind == "personal",
        )

    async def _send(self, ctx: Any, card: dict[str, Any]) -> None:
        await self._send_message(ctx, to_card_message(card))

    async def _send_message(self, ctx: Any, message: MessageActivityInput) -> None:
        try:
            await ctx.send(message)
        except httpx.HTTPError as exc:
            logger.warning("Teams reply not sent: %s", type(exc).__name__)

    async def _answer_here(
        self,
        ctx: Any,
        question: str,
        user_id: str | None,
        show_question: bool = False,
        thread: Thread | None = None,
        mentioned: bool = True,
    ) -> None:
        answer = await self.flow.ask(question, thread, mentioned=mentioned)
        if isinstance(answer, Outcome):
            return  # a reply-chain message not meant for the bot
        if isinstance(answer, Notice):
            await self._send(ctx, build_notice_card(answer.key, answer.lang))
            return
        card = build_answer_card(answer, question, show_question=show_question)
        await self._send(ctx, card)
        await self.flow.record_declined(
            platform=PLATFORM, user_id=user_id, question=question, answer=answer
        )

    # -- kb commands --------------------------------------------------------------------

    async def _resolve_mentions(self, ctx: Any) -> dict[str, str]:
        """Teams ids of the people @mentioned in a command, as their Entra object ids (what
        roles go by), asked of the conversation's member list when the mention lacks it."""
        activity = ctx.activity
        bot_id = getattr(getattr(activity, "recipient", None), "id", None)
        found: dict[str, str] = {}
        for mention in list_mentions(activity):
            person = mention.mentioned
            if person.id == bot_id or person.id in found:
                continue
            object_id = to_user_id(person.aad_object_id)
            if object_id is None:
                try:
                    member = await ctx.api.conversations.members_client.get_by_id(
                        activity.conversation.id, person.id
                    )
                    object_id = to_user_id(member.aad_object_id)
                except (httpx.HTTPError, ValueError) as exc:
                    logger.info("member of a mention not found: %s", type(exc).__name__)
            if object_id is not None:
                found[person.id] = object_id
        return found

    async def _run_kb(
        self,
        user_id: str,
        text: str,
        lang: str,
        here: str | None,
        versions: dict[str, int] | None = None,
    ) -> KbReply | None:
        actor = Actor(platform=PLATFORM, user_id=user_id)
        return await self.kb.run_for_chat(actor, text, lang, versions, here)

    async def _on_kb(self, ctx: Any, where: Where) -> None:
        activity = ctx.activity
        text = extract_text(activity, await self._resolve_mentions(ctx))
        command = _KB_COMMAND.sub("", text, count=1).strip()
        lang = "zh" if is_chinese(command) else to_lang(getattr(activity, "locale", None))
        user_id = extract_user_id(activity)
        if user_id is None:
            await self._send(ctx, build_notice_card("no_user_id", lang))
            return
        reply = await self._run_kb(user_id, command, lang, where.conversation_id)
        card = build_kb_card(reply) if reply else build_notice_card("unavailable", lang)
        await self._send(ctx, card)

    # -- card buttons -------------------------------------------------------------------

    async def on_card_action(self, ctx: Any) -> dict[str, Any]:
        """An Action.Execute click; what Teams shows in return."""
        activity = ctx.activity
        verb, data = extract_card_action(activity)
        user_id = extract_user_id(activity)
        lang = to_lang(getattr(activity, "locale", None))
        if verb in (VERB_HELPFUL, VERB_NOT_HELPFUL):
            key = _to_vote_key(activity, user_id)
            question = read_data_text(data, "q")
            response = await self._vote(question, user_id, verb == VERB_HELPFUL, key)
            if verb == VERB_NOT_HELPFUL and self.experts is not None and user_id is not None:
                await self.experts.offer(ctx, question)
            return response
        if verb == VERB_PROGRESS_CANCEL:
            return await self._progress_cancel(data, lang)
        if verb != VERB_KB_CANCEL:
            # The same click again (a redelivered or replayed invoke) is done once.
            where = extract_where(activity)
            activity_id = getattr(activity, "id", None)
            if where is not None and await self._claim(where, activity_id) is Claim.HANDLED:
                logger.info("dropped a repeated Teams card action")
                return _message_response(render_toast("already_done", lang))
        if verb in EXPERT_VERBS and self.experts is not None:
            return await self.experts.on_action(ctx, verb, data)
        if verb == VERB_SUGGEST:
            question = read_data_text(data, "q")
            # Answered as a turn of the conversation the card is in (its reply chain, chat).
            where = extract_where(activity)
            thread = _to_thread(activity, where) if where is not None else None
            await self._answer_here(ctx, question, user_id, show_question=True, thread=thread)
            record = read_data_text(data, "r") or None
            click = SuggestionClick(question, read_data_text(data, "a"), record)
            await self.flow.record_click(platform=PLATFORM, user_id=user_id, click=click)
            return _message_response(render_toast("sent", detect_lang(question)))
        if verb == VERB_MORE:
            return await self._more(ctx, data)
        if verb == VERB_KB_CONFIRM:
            return await self._confirm(ctx, data, user_id, lang)
        if verb == VERB_SNOOZE:
            return await self._snooze(activity, data, user_id, lang)
        if verb == VERB_PROGRESS_OPEN:
            return await self._progress_open(ctx, data, user_id, lang)
        if verb == VERB_PROGRESS_SUBMIT:
            return await self._progress_submit(ctx, data, user_id, lang)
        if verb == VERB_KB_RUN:
            return await self._run_button(ctx, data, user_id, lang)
        if verb == VERB_KB_CANCEL:
            value = data.get("l")
            return _card_response(build_notice_card("cancelled", value if value == "zh" else "en"))
        logger.info("card action not ours ignored")
        return _message_response(render_toast("not_understood", lang))

    async def _vote(
        self, question: str, user_id: str | None, helpful: bool, key: str | None
    ) -> dict[str, Any]:
        """The vote is stored with the question and the answer it got; the voter is thanked,
        once per person and answer card (a double click or a repeated invoke counts once)."""
        if user_id is None:
            return _message_response(render_toast("no_user_id", detect_lang(question)))
        notice = await self.flow.vote(
            platform=PLATFORM, user_id=user_id, question=question, helpful=helpful, key=key
        )
        if isinstance(notice, Outcome):
            return _message_response(render_toast("vote_thanks", detect_lang(question)))
        return _message_response(render_toast(notice.key, notice.lang))

    async def _snooze(
        self, activity: Any, data: dict[str, Any], user_id: str | None, lang: str
    ) -> dict[str, Any]:
        """ "Remind me tomorrow / on Monday" on a reminder card: it comes back to the one who
        clicked, in their chat with the bot, once (one per person and card)."""
        where = extract_where(activity)
        card_id = getattr(activity, "reply_to_id", None)
        if user_id is None:
            return _message_response(render_toast("no_user_id", lang))
        if where is None or not card_id:
            return _message_response(render_toast("not_understood", lang))
        when = data.get("w")
        notice = await self.flow.snooze(
            platform=PLATFORM,
            user_id=user_id,
            value=read_data_text(data, "s"),
            when=when if when in ("tomorrow", "monday") else "tomorrow",
            source=to_event_id(where.conversation_id, f"snooze:{card_id}"),
            lang=lang,
        )
        if isinstance(notice, Outcome):
            return _message_response(render_toast("not_understood", lang))
        return _message_response(render_toast(notice.key, notice.lang, **dict(notice.parts)))

    async def _more(self, ctx: Any, data: dict[str, Any]) -> dict[str, Any]:
        value = data.get("v")
        rest = await self.flow.show_rest(value if isinstance(value, str) else "")
        if isinstance(rest, Outcome):
            return _message_response(render_toast("not_understood", "en"))
        if isinstance(rest, Notice):
            return _message_response(render_toast(rest.key, rest.lang))
        await self._send(ctx, build_rest_card(rest.answer, rest.question, rest.shown_lines))
        return _message_response(render_toast("sent", rest.answer.lang))

    async def _confirm(
        self, ctx: Any, data: dict[str, Any], user_id: str | None, lang: str
    ) -> dict[str, Any]:
        """Confirm: the command runs again with the versions seen; the reply replaces the ask."""
        value = data.get("v")
        found = read_confirmation_value(value) if isinstance(value, str) else None
        if found is None or user_id is None:
            logger.info("kb confirmation click not ours; ignored")
            return _message_response(render_toast("not_understood", lang))
        command, versions, command_lang = found
        where = extract_where(ctx.activity)
        here = where.conversation_id if where is not None else None
        reply = await self._run_kb(user_id, command, command_lang, here, versions)
        card = build_kb_card(reply) if reply else build_notice_card("unavailable", command_lang)
        return _card_response(card)

    # -- the progress form -------------------------------------------------------------

    async def _open_form(
        self, ctx: Any, data: dict[str, Any], user_id: str | None, lang: str
    ) -> tuple[FormRequest, ProgressForm | str] | str:
        """The form a click asks for, or the toast to show instead."""
        request = read_form_request(read_data_text(data, "v"))
        if self.forms is None or request is None:
            logger.info("progress form click not ours ignored")
            return render_toast("not_understood", lang)
        if user_id is None:
            return render_toast("no_user_id", lang)
        tz = getattr(ctx.activity, "local_timezone", None)
        actor = Actor(PLATFORM, user_id)
        form = await self.forms.open_form(actor, request, lang, tz if isinstance(tz, str) else None)
        return request, form

    async def _progress_open(
        self, ctx: Any, data: dict[str, Any], user_id: str | None, lang: str
    ) -> dict[str, Any]:
        """Update: the reminder card becomes the form (or the clicker is told why not)."""
        found = await self._open_form(ctx, data, user_id, lang)
        if isinstance(found, str):
            return _message_response(found)
        _request, form = found
        if isinstance(form, str):
            return _message_response(form)
        question = read_data_text(data, "q")
        return _card_response(build_progress_card(form, uuid.uuid4().hex, question=question))

    async def _progress_submit(
        self, ctx: Any, data: dict[str, Any], user_id: str | None, lang: str
    ) -> dict[str, Any]:
        """Record: checked and recorded as `kb progress` would; a refusal shows the form
        again with the sentence under its field; once recorded, the reminder comes back in
        place of the form, with what was done."""
        found = await self._open_form(ctx, data, user_id, lang)
        if isinstance(found, str):
            return _message_response(found)
        request, form = found
        nonce = read_data_text(data, "n")[:64]
        where = extract_where(ctx.activity)
        if self.forms is None or user_id is None or not nonce or where is None:
            return _message_response(render_toast("not_understood", lang))
        entries, as_of, note, typed = extract_form_input(data, request.codes)
        key = to_event_id(where.conversation_id, f"progress:{nonce}")
        tz = getattr(ctx.activity, "local_timezone", None)
        outcome = await self.forms.submit(
            Actor(PLATFORM, user_id),
            request,
            entries,
            as_of,
            note,
            lang,
            key,
            tz if isinstance(tz, str) else None,
        )
        if not outcome.is_done:
            if isinstance(form, str):  # nothing here this person may record
                return _message_response(form)
            errors = dict(outcome.errors)
            if outcome.notice:
                errors[to_field_id("value", form.kpis[0].code)] = outcome.notice
            question = read_data_text(data, "q")
            return _card_response(build_progress_card(form, nonce, typed, errors, question))
        outcome = await self.forms.refresh(outcome, request)
        if outcome.not_refreshed:
            text = render_progress_text(
                "recorded_not_refreshed",
                lang,
                request.script,
                codes=list(outcome.recorded),
                already=outcome.already,
            )
            return _message_response(text)
        reminder = outcome.reminder
        if reminder is None:
            answer_card = await self._answer_again(data)
            if answer_card is not None:  # the KPI's answer, with the value just recorded
                return _card_response(answer_card)
            text = render_progress_text(
                "recorded",
                lang,
                request.script,
                codes=list(outcome.recorded),
                already=outcome.already,
            )
            return _message_response(text)
        card = build_report_card(reminder)
        await self._update_posted_card(ctx, where, card)
        return _card_response(card)

    async def _update_posted_card(self, ctx: Any, where: Where, card: dict[str, Any]) -> None:
        """The reminder card as everyone in its conversation sees it, brought up to date (the
        click's own response updates it only for the one who clicked)."""
        card_id = getattr(ctx.activity, "reply_to_id", None)
        if not card_id:
            return
        try:
            await ctx.api.conversations.update_activity(
                where.conversation_id, str(card_id), to_card_message(card)
            )
        except httpx.HTTPError as exc:
            logger.warning("reminder card not updated: %s", type(exc).__name__)

    async def _progress_cancel(self, data: dict[str, Any], lang: str) -> dict[str, Any]:
        """Cancel: the reminder comes back as it stands now. Not claimed: it changes nothing."""
        request = read_form_request(read_data_text(data, "v"))
        if request is not None and request.ref is None:
            answer_card = await self._answer_again(data)  # the form was opened on an answer
            if answer_card is not None:
                return _card_response(answer_card)
        if self.forms is None or request is None or request.ref is None:
            return _message_response(render_toast("not_understood", lang))
        try:
            reminder = await asyncio.to_thread(self.forms.build_reminder_again, request)
        except Exception:
            logger.exception("reminder not built again")
            reminder = None
        if reminder is None:
            return _message_response(render_toast("unavailable", lang))
        return _card_response(build_report_card(reminder))

    async def _answer_again(self, data: dict[str, Any]) -> dict[str, Any] | None:
        """The answer card a form opened on an answer came from, answered now; None when the
        form came from a reminder or the store cannot answer."""
        question = read_data_text(data, "q")
        if not question:
            return None
        answer = await self.flow.ask(question)
        if isinstance(answer, Notice):
            return None
        return build_answer_card(answer, question)

    async def _run_button(
        self, ctx: Any, data: dict[str, Any], user_id: str | None, lang: str
    ) -> dict[str, Any]:
        """A button that runs a `kb` command as typed ("Teach this phrasing"), with the
        clicker's permissions; the reply comes as a new card, the list stays."""
        value = data.get("v")
        found = read_command_value(value) if isinstance(value, str) else None
        if found is None or user_id is None:
            logger.info("kb command click not ours; ignored")
            return _message_response(render_toast("not_understood", lang))
        command, command_lang = found
        where = extract_where(ctx.activity)
        here = where.conversation_id if where is not None else None
        reply = await self._run_kb(user_id, command, command_lang, here)
        await self._send(
            ctx, build_kb_card(reply) if reply else build_notice_card("unavailable", command_lang)
        )
        return _message_response(render_toast("sent", command_lang))


def _to_thread(activity: Any, where: Where) -> Thread:
    """The conversation follow-ups are read in: a channel's reply chain (the conversation id
    with its ";messageid=…"), or a personal or group chat, whose messages close together are
    one conversation."""
    if where.kind == "channel":
        return Thread(PLATFORM, str(activity.conversation.id))
    return Thread(PLATFORM, where.conversation_id, DM_WINDOW)


def _to_vote_key(activity: Any, user_id: str | None) -> str | None:
    """A vote's claim: the card it was cast on (its message id in its conversation) and the
    voter, bounded in size like every claim key."""
    where = extract_where(activity)
    card_id = getattr(activity, "reply_to_id", None)
    if where is None or not card_id or user_id is None:
        return None
    return to_event_id(where.conversation_id, f"vote:{card_id}:{user_id}")
