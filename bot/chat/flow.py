"""The chat flow every platform shares: asking, claims, votes, "show the rest", conversations.

Plain values in (a question, a user id, a platform name, a claim key), plain results out (an
`Answer`, a `Notice` to render, an `Outcome`); store calls run off the event loop, and a store
that cannot be reached becomes a result, never an exception. `bot.slack` and `bot.teams` turn
payloads into these calls and the results into Block Kit or Adaptive Cards.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections import OrderedDict
from dataclasses import dataclass
from datetime import timedelta
from enum import Enum
from typing import overload

from bot import metrics
from bot.chat.in_flight import WorkInFlight
from bot.chat.more import read_more_value
from bot.chat.records import ChatRecords, to_snooze_value
from bot.chat.suggestions import SuggestionClick
from bot.text_render import HELP_QUESTION
from knowledge.answering import Answer, AnswerKind, AnswerService, detect_lang
from knowledge.errors import InvalidValue, StoreUnavailable
from knowledge.records import CONTEXT_TTL

logger = logging.getLogger(__name__)


class Claim(Enum):
    """What claiming a piece of work (an event, a click, a post) found."""

    NEW = "new"  # this process is the first to claim it: do the work
    HANDLED = "handled"  # claimed before, in this process or another: do nothing
    UNAVAILABLE = "unavailable"  # the store could not be reached


class Outcome(Enum):
    """A request that ends with nothing to show."""

    ALREADY_HANDLED = "already_handled"  # the same request again (a replay, a redelivery)
    NOT_OURS = "not_ours"  # a value this bot did not make
    # A message in a followed thread that does not mention the bot, and that the bot cannot
    # answer: most likely meant for the people there ("thanks!", "ok"), so left unanswered.
    NOT_ASKED = "not_asked"


@dataclass(frozen=True)
class Notice:
    """A one-sentence reply: `key` names the sentence (each platform has a template for it),
    in `lang`, with the plain values it names (`parts`, e.g. a date)."""

    key: str
    lang: str
    parts: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True)
class Rest:
    """What a "show the rest" click shows: `answer`'s lines after the first `shown_lines`."""

    answer: Answer
    question: str
    shown_lines: int


@dataclass(frozen=True)
class Conversation:
    """Where the bot may post unasked (a Teams conversation reference)."""

    platform: str
    conversation_id: str
    service_url: str
    kind: str
    tenant_id: str = ""
    title: str = ""
    user_id: str = ""
    bot_id: str = ""


def to_outcome(answer: Answer | Notice) -> str:
    """A question's outcome, as metrics count it."""
    if isinstance(answer, Notice):
        return "unavailable"
    if answer.answered:
        return "answered"
    # A decline lists what the store holds too: only "did you mean" offers the question.
    return "suggested" if answer.kind is AnswerKind.DID_YOU_MEAN else "declined"


# A direct message outside a thread is a follow-up of the one before only this soon after it.
DM_WINDOW = timedelta(minutes=10)


@dataclass(frozen=True)
class Thread:
    """A conversation whose turns are read as follow-ups of the ones before: a Slack thread
    or DM, a Teams chat or reply chain (`key`, unique on its platform), and how long after
    its last answer a message still follows it up (`window`)."""

    platform: str
    key: str
    window: timedelta = CONTEXT_TTL


def to_unavailable_notice(question: str) -> Notice:
    """The store is unavailable: said in the asker's language."""
    return Notice("unavailable", detect_lang(question))


# Read-only requests are claimed in this process only (see ChatFlow.claim_read_only): kept
# longer than a platform accepts a signed request again (Slack: 5 minutes), at most this many.
READ_ONLY_CLAIM_SECONDS = 600.0
READ_ONLY_CLAIM_LIMIT = 20_000


class _RecentKeys:
    """Keys seen in the last `seconds`, at most `limit` of them (the oldest forgotten first).
    Used on the event loop only, so never by two threads at once."""

    def __init__(self, seconds: float, limit: int) -> None:
        self._seconds = seconds
        self._limit = limit
        self._seen: OrderedDict[str, float] = OrderedDict()

    def add(self, key: str) -> bool:
        """True when `key` is new (and now remembered), False when it was seen recently."""
        now = time.monotonic()
        while self._seen and next(iter(self._seen.values())) < now - self._seconds:
            self._seen.popitem(last=False)
        if key in self._seen:
            return False
        while len(self._seen) >= self._limit:
            self._seen.popitem(last=False)
        self._seen[key] = now
        return True


class ChatFlow:
    """The flows behind every chat platform's listeners; the answer service and the store
    calls are passed in."""

    def __init__(
        self,
        service: AnswerService,
        records: ChatRecords,
        *,
        work: WorkInFlight | None = None,
        platform: str = "chat",
    ) -> None:
        self.service = service
        self.records = records
        self.platform = platform  # in metrics: which platform's flow this is
        # The tasks that entered the flow: a stopping web process waits for them.
        self.work = work or WorkInFlight()
        self._read_only_keys = _RecentKeys(READ_ONLY_CLAIM_SECONDS, READ_ONLY_CLAIM_LIMIT)

    # -- asking -------------------------------------------------------------------------

    @overload
    async def ask(self, question: str, thread: Thread | None = None) -> Answer | Notice: ...

    @overload
    async def ask(
        self, question: str, thread: Thread | None = None, *, mentioned: bool
    ) -> Answer | Notice | Outcome: ...

    async def ask(
        self, question: str, thread: Thread | None = None, *, mentioned: bool = True
    ) -> Answer | Notice | Outcome:
        """The answer to `question`, or the notice that the store is unavailable. In a
        `thread`, a follow-up is read in the context its last answer left, and this answer
        leaves the context for the next (which also marks the thread as one the bot answers
        in).

        A thread message that does not mention the bot (`mentioned` False) is a question to
        it only when it can be answered: otherwise it is Outcome.NOT_ASKED, and nothing of it
        is kept (no context, so the thread's window is not restarted) or logged."""
        self.work.track()
        elapsed = metrics.timer()
        answer: Answer | Notice | Outcome
        if thread is None:
            answer = await self._answer(question)
        else:
            answer = await asyncio.to_thread(self._ask_in_thread, question, thread, mentioned)
        if isinstance(answer, Outcome):
            return answer
        metrics.observe_question(self.platform, to_outcome(answer), elapsed())
        metrics.set_knowledge(self.service.get_loaded())
        return answer

    async def _answer(self, question: str) -> Answer | Notice:
        try:
            return await asyncio.to_thread(self.service.answer, question)
        except StoreUnavailable as exc:
            logger.warning("store unavailable: %s", exc.reason)
            metrics.count_store_error("answer")
            return to_unavailable_notice(question)

    def _ask_in_thread(
        self, question: str, thread: Thread, mentioned: bool = True
    ) -> Answer | Notice | Outcome:
        try:
            context = self.records.get_context(thread.platform, thread.key, thread.window)
        except StoreUnavailable as exc:
            if not mentioned:
                logger.warning("store unavailable, thread message ignored: %s", exc.reason)
                return Outcome.NOT_ASKED
            logger.warning("store unavailable, question answered without context: %s", exc.reason)
            context = None
        try:
            answer, left = self.service.answer_in_context(question, context)
        except StoreUnavailable as exc:
            logger.warning("store unavailable: %s", exc.reason)
            metrics.count_store_error("answer")
            return to_unavailable_notice(question) if mentioned else Outcome.NOT_ASKED
        if not mentioned and not answer.answered:
            logger.info("unanswerable thread message without a mention left alone")
            return Outcome.NOT_ASKED
        try:
            self.records.save_context(thread.platform, thread.key, left)
        except StoreUnavailable as exc:
            logger.warning("store unavailable, context not kept: %s", exc.reason)
        except InvalidValue as exc:
            logger.warning("context not kept: %s %s", exc.field, exc.reason_key)
        return answer

    async def is_followed(self, thread: Thread) -> bool:
        """Whether the bot answered in `thread` within its window: only then are its
        unmentioned messages questions to the bot. False when the store is unavailable."""
        try:
            return await asyncio.to_thread(
                self.records.has_context, thread.platform, thread.key, thread.window
            )
        except StoreUnavailable as exc:
            logger.warning("store unavailable, thread message ignored: %s", exc.reason)
            return False

    async def record_declined(
        self, *, platform: str, user_id: str | None, question: str, answer: Answer
    ) -> None:
        """A declined question is kept for the admins' review (`/kb feedback`); called once
        the answer is shown, so that a slow store never holds the answer back."""
        self.work.track()
        if answer.answered or user_id is None or not question:
            return
        try:
            await asyncio.to_thread(
                self.records.create_declined,
                platform=platform,
                user_id=user_id,
                question=question,
                answer=answer,
            )
        except StoreUnavailable as exc:
            logger.warning("store unavailable, declined question not kept: %s", exc.reason)
            metrics.count_store_error("record_declined")

    async def record_click(
        self, *, platform: str, user_id: str | None, click: SuggestionClick
    ) -> None:
        """A "did you mean" click is evidence that the question it was offered for means
        the suggestion's record: kept for the admins' review (`/kb feedback`), never learnt
        from by itself. A click without a person, a question or a record keeps nothing."""
        if user_id is None or not click.asked or click.record is None:
            return
        try:
            await asyncio.to_thread(
                self.records.create_click_evidence,
                platform=platform,
                user_id=user_id,
                question=click.asked,
                lang=detect_lang(click.asked),
                record=click.record,
            )
        except StoreUnavailable as exc:
            logger.warning("store unavailable, click evidence not kept: %s", exc.reason)

    async def get_home_answers(self, lang: str) -> tuple[Answer, Answer] | None:
        """The budget overview and what can be asked, in `lang`; None when the store is
        unavailable."""
        self.work.track()
        try:
            return await asyncio.to_thread(self._home_answers, lang)
        except StoreUnavailable as exc:
            logger.warning("store unavailable: %s", exc.reason)
            metrics.count_store_error("home")
            return None

    def _home_answers(self, lang: str) -> tuple[Answer, Answer]:
        engine = self.service.get_engine()
        return engine.budget_overview(lang), engine.answer(HELP_QUESTION[lang])

    # -- work done once -----------------------------------------------------------------

    async def claim(self, key: str) -> Claim:
        """Claims `key` (one piece of work to do once, in any process)."""
        self.work.track()
        try:
            claimed = await asyncio.to_thread(self.records.claim_event, key)
        except StoreUnavailable as exc:
            logger.warning("store unavailable, work not claimed: %s", exc.reason)
            metrics.count_store_error("claim")
            return Claim.UNAVAILABLE
        return Claim.NEW if claimed else Claim.HANDLED

    async def claim_read_only(self, key: str | None) -> bool:
        """Claims a request that only reads (an answer shown where it was asked, to the one
        who asked); False for a repeat of one this process handled.

        Claimed in this process, not in the store: a claim row for every /ask and every
        click made each one a database write, which on SQLite queued all answers behind one
        writer (benchmarks/http.py: acknowledgement p50 13.6 ms → 141 ms). A replay that
        reaches another web process costs at most a second copy of a private answer; work
        that writes or speaks in a channel (events, /kb, votes, posts) is claimed in the
        store. Without a key the work goes ahead unclaimed."""
        self.work.track()
        if key is None:
            return True
        if not self._read_only_keys.add(key):
            logger.info("repeated command or click ignored (already handled)")
            return False
        return True

    async def release(self, key: str) -> None:
        """The work claimed under `key` failed: a later try may do it."""
        self.work.track()
        try:
            await asyncio.to_thread(self.records.release_claim, key)
        except StoreUnavailable as exc:
            # Kept until pruned: a later try does nothing, the answer can be asked again.
            logger.warning("store unavailable, claim not given up: %s", exc.reason)
            metrics.count_store_error("release")

    # -- buttons ------------------------------------------------------------------------

    @overload
    async def vote(
        self, *, platform: str, user_id: str, question: str, helpful: bool, key: None = None
    ) -> Notice: ...

    @overload
    async def vote(
        self, *, platform: str, user_id: str, question: str, helpful: bool, key: str | None
    ) -> Notice | Outcome: ...

    async def vote(
        self,
        *,
        platform: str,
        user_id: str,
        question: str,
        helpful: bool,
        key: str | None = None,
    ) -> Notice | Outcome:
        """The vote is stored with the question and the answer it gets now; the voter is
        thanked. With a `key` (the click), the same click again is not counted twice."""
        self.work.track()
        if key is not None:
            claim = await self.claim(key)
            if claim is Claim.HANDLED:
                logger.info("repeated vote ignored (already handled)")
                return Outcome.ALREADY_HANDLED
            if claim is Claim.UNAVAILABLE:
                return to_unavailable_notice(question)
        try:
            answer = await asyncio.to_thread(
                self.records.vote_on_answer,
                self.service,
                platform=platform,
                user_id=user_id,
                question=question,
                helpful=helpful,
            )
        except StoreUnavailable as exc:
            logger.warning("store unavailable, vote not stored: %s", exc.reason)
            metrics.count_store_error("vote")
            return to_unavailable_notice(question)
        metrics.count_vote(self.platform, helpful)
        return Notice("vote_thanks", answer.lang)

    async def snooze(
        self,
        *,
        platform: str,
        user_id: str,
        value: str,
        when: str,
        source: str,
        lang: str,
    ) -> Notice | Outcome:
        """ "Remind me tomorrow / on Monday" clicked on a reminder (`value`: its button's, the
        subscription id; `source`: the message clicked): stored once per person and message
        (a second click moves it), and said when it comes back, in the reminder's language."""
        self.work.track()
        subscription_id = to_snooze_value(value)
        if subscription_id is None:
            logger.info("snooze click with a value not ours ignored")
            return Outcome.NOT_OURS
        try:
            snoozed = await asyncio.to_thread(
                self.records.create_snooze,
                platform=platform,
                user_id=user_id,
                subscription_id=subscription_id,
                when=when,
                source=source,
            )
        except StoreUnavailable as exc:
            logger.warning("store unavailable, snooze not stored: %s", exc.reason)
            metrics.count_store_error("snooze")
            return Notice("unavailable", lang)
        if snoozed is None:
            return Notice("snooze_gone", lang)
        if snoozed.channel == "":
            return Notice("snooze_no_dm", snoozed.lang)
        parts = (("due", snoozed.due_text), ("tz", snoozed.tz))
        return Notice("snoozed", snoozed.lang, parts)

    async def show_rest(self, value: str, key: str | None = None) -> Rest | Notice | Outcome:
        """A "show the rest" button's `value`: the answer again, with the lines it showed."""
        self.work.track()
        found = read_more_value(value)
        if found is None:
            logger.info("show-more click with a value not ours ignored")
            return Outcome.NOT_OURS
        question, shown_lines = found
        if not await self.claim_read_only(key):
            return Outcome.ALREADY_HANDLED
        answer = await self._answer(question)  # the question again: not counted twice
        if isinstance(answer, Notice):
            return answer
        return Rest(answer, question, shown_lines)

    # -- conversations ------------------------------------------------------------------

    async def keep_conversation(self, conversation: Conversation) -> bool:
        """Keeps the conversation, so that schedules can post there unasked; False when it
        could not be kept (the bot answers anyway)."""
        self.work.track()
        try:
            await asyncio.to_thread(
                self.records.save_conversation,
                platform=conversation.platform,
                conversation_id=conversation.conversation_id,
                service_url=conversation.service_url,
                tenant_id=conversation.tenant_id,
                kind=conversation.kind,
                title=conversation.title,
                user_id=conversation.user_id,
                bot_id=conversation.bot_id,
            )
        except StoreUnavailable as exc:
            logger.warning("store unavailable, conversation not kept: %s", exc.reason)
            metrics.count_store_error("keep_conversation")
            return False
        except InvalidValue as exc:
            # An id too long for the table, a kind we do not know: answer anyway.
            logger.warning("conversation not kept: %s %s", exc.field, exc.reason_key)
            return False
        return True

    async def forget_conversation(self, platform: str, conversation_id: str) -> None:
        """The bot was removed from the conversation: schedules no longer post there."""
        self.work.track()
        try:
            await asyncio.to_thread(self.records.remove_conversation, platform, conversation_id)
        except StoreUnavailable as exc:
            logger.warning("store unavailable, conversation not removed: %s", exc.reason)
            metrics.count_store_error("forget_conversation")
