"""The /kb experts subcommands: the experts' channels per scope, and the questions' queue."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import datetime
from typing import Any

from sqlmodel import Session

from bot.kb import changes
from bot.kb.parser import Command
from bot.kb.replies import KbReply
from knowledge.editing import Actor, Permissions, expert_channels, expert_questions
from knowledge.store import AuditEntry, models
from scheduler.errors import ChannelIsName, UnknownChannel

Versions = Mapping[str, int] | None
Handler = Callable[[Session, Permissions, Command, str, Versions], KbReply]
ChannelCheck = Callable[[str], bool]
# A question quoted in the queue is shortened to this many characters.
MAX_QUEUED_QUESTION = 120


def _when(moment: datetime | None) -> str:
    return "" if moment is None else moment.strftime("%Y-%m-%d %H:%M")


def to_question_view(row: models.ExpertQuestion) -> dict[str, Any]:
    """A question of the queue as the replies show it."""
    question = row.question
    if len(question) > MAX_QUEUED_QUESTION:
        question = question[: MAX_QUEUED_QUESTION - 1] + "…"
    return {
        "id": row.id,
        "status": row.status,
        "question": question,
        "asker": row.asker_id,
        "scope": row.scope,
        "at": _when(row.at),
        "claimed_by": Actor.from_audit(row.claimed_by).user_id if row.claimed_by else "",
        "answered_by": Actor.from_audit(row.answered_by).user_id if row.answered_by else "",
        "faq_key": row.faq_key,
    }


def _done(command: Command, lang: str, entry: AuditEntry) -> KbReply:
    context = {"command": command.name, "change": changes.to_change_view(entry)}
    return KbReply("done", lang, context, changed=True)


class ExpertCommands:
    """`/kb experts …`: admins set and remove the channels; admins and editors read them and
    the queue. `check_channel` asks the platform whether the bot can post to a channel
    (None: not checked); `is_channel_id` is the form of the platform's channel ids."""

    def __init__(
        self,
        check_channel: ChannelCheck | None = None,
        is_channel_id: Callable[[str], bool] | None = None,
    ) -> None:
        self.check_channel = check_channel
        self.is_channel_id = is_channel_id

    def get_handlers(self) -> dict[str, Handler]:
        return {
            "experts": self._list,
            "experts.set": self._set,
            "experts.remove": self._remove,
            "experts.queue": self._queue,
        }

    def _list(
        self, session: Session, perms: Permissions, command: Command, lang: str, _: Versions
    ) -> KbReply:
        perms.require_member("experts")
        rows = expert_channels.list_expert_channels(session, perms.actor.platform)
        views = [{"scope": row.scope, "channel": row.channel} for row in rows]
        return KbReply("experts_list", lang, {"channels": views, "platform": perms.actor.platform})

    def _set(
        self, session: Session, perms: Permissions, command: Command, lang: str, _: Versions
    ) -> KbReply:
        perms.require_admin("experts set")
        channel = command.require("channel").strip()
        # The same checks as a schedule's channel, with the same replies.
        if channel.startswith("#") or (
            self.is_channel_id is not None and not self.is_channel_id(channel)
        ):
            raise ChannelIsName(channel)
        scope = command.get("scope")
        expert_channels.to_expert_scope(session, scope)  # an unknown scope before the platform
        if self.check_channel is not None and not self.check_channel(channel):
            raise UnknownChannel(channel)
        entry = expert_channels.set_expert_channel(session, perms, channel, scope)
        return _done(command, lang, entry)

    def _remove(
        self, session: Session, perms: Permissions, command: Command, lang: str, _: Versions
    ) -> KbReply:
        entry = expert_channels.remove_expert_channel(session, perms, command.get("scope"))
        return _done(command, lang, entry)

    def _queue(
        self, session: Session, perms: Permissions, command: Command, lang: str, _: Versions
    ) -> KbReply:
        perms.require_member("experts queue")
        rows = expert_questions.list_expert_questions(session)
        views = [to_question_view(row) for row in rows]
        return KbReply("experts_queue", lang, {"questions": views})
