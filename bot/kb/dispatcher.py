"""Runs one /kb command: who may, the knowledge calls in one transaction, and the reply."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable, Collection, Mapping
from dataclasses import replace
from functools import partial
from typing import Any

from sqlalchemy.engine import Engine
from sqlalchemy.exc import IntegrityError, SQLAlchemyError
from sqlmodel import Session

from bot import metrics
from bot.kb import changes
from bot.kb.away import AwayCommands
from bot.kb.commands import DEFAULT_ADMINS_VARIABLE, Handler, KnowledgeCommands, Versions
from bot.kb.errors import KbInputError
from bot.kb.experts import ExpertCommands
from bot.kb.parser import Command, parse_command
from bot.kb.replies import ConfirmationRequest, KbReply
from bot.kb.schedules import ChannelCheck, ScheduleCommands, to_schedule_error
from knowledge.editing import Actor, Permissions, roles
from knowledge.errors import (
    CannotUndo,
    ChangeNotFound,
    InvalidValue,
    KnowledgeError,
    NeedsConfirmation,
    NotPermitted,
    RecordChanged,
    StoreFull,
    StoreUnavailable,
    UnknownCode,
)
from knowledge.reporting import UnknownScope
from knowledge.store import STORE_CALL_TIMEOUT_S, AuditEntry, deadline, to_store_unavailable
from scheduler.errors import SchedulerError
from scheduler.reports import ReportBuilder

logger = logging.getLogger(__name__)

# Commands anyone may run, not only admins and editors: help, and one's own time away.
OPEN_COMMANDS = frozenset({"help", "away"})
# What an owner who is neither admin nor editor may run: recording progress of what they
# own, and seeing who owns what.
OWNER_COMMANDS = frozenset({"help", "progress", "owners"})
# Confirmations that remove something get a red "Remove" button; others a "Confirm".
_REMOVAL_REASONS = frozenset({"confirm_remove", "confirm_retire"})

__all__ = ["Actor", "KbService"]


# What a schedule's channel may be instead of an id: the conversation the command came from.
HERE_WORDS = frozenset({"here", "这里", "此处", "本频道"})


def to_here(command: Command, here: str | None) -> Command:
    """The command with a channel written as "here" replaced by `here`; KbInputError
    ("no_here") when the platform gave no such place."""
    channel = command.get("channel")
    if channel is None or channel.strip().lower() not in HERE_WORDS:
        return command
    if here is None:
        raise KbInputError("no_here", usage=command.usage)
    return replace(command, args={**command.args, "channel": here})


def _to_input_error(exc: KbInputError, lang: str, platform: str) -> KbReply:
    context = {"reason_key": exc.reason_key, "platform": platform, **exc.details}
    return KbReply("input_error", lang, context)


class KbService:
    """The /kb commands for any chat adapter; each `run` is one session and one transaction."""

    def __init__(
        self,
        db_engine: Engine,
        env_admins: Collection[str] = (),
        check_channel: ChannelCheck | None = None,
        on_commit: Callable[[], None] | None = None,
        is_user_id: Callable[[str], bool] | None = None,
        env_admins_variable: str = DEFAULT_ADMINS_VARIABLE,
        is_channel_id: Callable[[str], bool] | None = None,
        check_user: Callable[[str], bool | None] | None = None,
        reports: ReportBuilder | None = None,
    ) -> None:
        self.db_engine = db_engine
        self.env_admins = frozenset(env_admins)
        # Called after each committed command: this process's answers follow the edit at once
        # instead of at the answer service's next check.
        self.on_commit = on_commit
        self._handlers: dict[str, Handler] = {
            # is_user_id: the chat platform's user id format (roles never go by a name).
            # env_admins_variable: the setting `env_admins` came from, which /kb roles names;
            # check_user: whether the platform knows a person a role is given to.
            **KnowledgeCommands(
                self.env_admins, is_user_id, env_admins_variable, check_user
            ).get_handlers(),
            **ScheduleCommands(check_channel, is_channel_id, reports).get_handlers(),
            **AwayCommands().get_handlers(),
            **ExpertCommands(check_channel, is_channel_id).get_handlers(),
        }

    # -- the entry point ----------------------------------------------------------------

    def run(
        self,
        actor: Actor,
        text: str,
        lang: str,
        confirmation: Versions = None,
        here: str | None = None,
    ) -> KbReply:
        """The reply to `/kb TEXT` from `actor`; `confirmation` holds the versions seen when
        a confirmation was asked (the Confirm button); `here` is the channel or chat the
        command was typed in, which a schedule's channel "here" stands for (None: the
        platform has no such place). Raises StoreUnavailable only."""
        try:
            with (
                deadline(self.db_engine, STORE_CALL_TIMEOUT_S),
                Session(self.db_engine, expire_on_commit=False) as session,
            ):
                return self._run(session, actor, text, lang, confirmation, here)
        except SQLAlchemyError as exc:
            raise to_store_unavailable(self.db_engine, exc) from exc

    async def run_for_chat(
        self,
        actor: Actor,
        text: str,
        lang: str,
        confirmation: Versions = None,
        here: str | None = None,
    ) -> KbReply | None:
        """`run` off the event loop, for a chat adapter: None when the store is unavailable,
        the "store_full" reply when it cannot be written (its disk is full); any other
        failure is logged and answered with the "failed" reply (the command's transaction was
        rolled back)."""
        call = partial(self.run, actor, text, lang, confirmation, here)
        return await _off_loop(call, lang, "kb")

    def run_edit(
        self,
        actor: Actor,
        lang: str,
        name: str,
        edit: Callable[[Session, Permissions], AuditEntry],
        note: Mapping[str, Any] | None = None,
    ) -> KbReply:
        """An edit made from a button rather than typed (an expert's answer made an FAQ
        entry): `edit` gets the actor's permissions and the session; it commits, and is
        answered, as the `/kb` command `name` (e.g. "faq.add") would be. Raises
        StoreUnavailable only. `note`: more for its reply to say (plain values)."""
        command = Command(name, {}, text=name)
        try:
            with (
                deadline(self.db_engine, STORE_CALL_TIMEOUT_S),
                Session(self.db_engine, expire_on_commit=False) as session,
            ):
                perms = roles.get_permissions(session, actor, self.env_admins)

                def call() -> KbReply:
                    entry = edit(session, perms)
                    context = {"command": name, "change": changes.to_change_view(entry)}
                    return KbReply("done", lang, {**(note or {}), **context}, changed=True)

                return self._apply(session, command, lang, actor.platform, call)
        except SQLAlchemyError as exc:
            raise to_store_unavailable(self.db_engine, exc) from exc

    async def run_for_edit(
        self,
        actor: Actor,
        lang: str,
        name: str,
        edit: Callable[[Session, Permissions], AuditEntry],
        note: Mapping[str, Any] | None = None,
    ) -> KbReply | None:
        """`run_edit` off the event loop, answered as `run_for_chat` answers."""
        call = partial(self.run_edit, actor, lang, name, edit, note)
        return await _off_loop(call, lang, "kb_edit")

    def _run(
        self,
        session: Session,
        actor: Actor,
        text: str,
        lang: str,
        confirmation: Versions,
        here: str | None,
    ) -> KbReply:
        perms = roles.get_permissions(session, actor, self.env_admins)
        try:
            command = to_here(parse_command(text), here)
        except KbInputError as exc:
            if not perms.is_member:
                return self._refuse(actor, "unreadable command", lang)
            return _to_input_error(exc, lang, actor.platform)
        allowed = OWNER_COMMANDS | OPEN_COMMANDS if perms.is_owner else OPEN_COMMANDS
        if command.name not in allowed and not perms.is_member:
            return self._refuse(actor, command.name, lang)
        handler = self._handlers[command.name]
        return self._apply(
            session,
            command,
            lang,
            actor.platform,
            lambda: handler(session, perms, command, lang, confirmation),
        )

    def _apply(
        self,
        session: Session,
        command: Command,
        lang: str,
        platform: str,
        call: Callable[[], KbReply],
    ) -> KbReply:
        """`call` in the command's transaction: committed when it replies, rolled back and
        answered from the one error table when it raises."""
        try:
            reply = call()
            session.commit()
            if self.on_commit is not None:
                self.on_commit()
            return reply
        except KbInputError as exc:
            session.rollback()
            return _to_input_error(exc, lang, platform)
        except (KnowledgeError, SchedulerError) as exc:
            session.rollback()
            return self._to_error_reply(exc, command, lang, platform)
        except IntegrityError:
            # Another process added the same record between our read and our write.
            session.rollback()
            logger.info("/kb %s lost a race with a concurrent edit", command.name)
            return KbReply("conflict", lang, {})

    def _refuse(self, actor: Actor, subcommand: str, lang: str) -> KbReply:
        logger.warning("/kb refused: user %s, subcommand %s", actor.to_audit(), subcommand)
        return KbReply("not_permitted", lang, {"command": subcommand})

    def _to_error_reply(
        self, exc: KnowledgeError | SchedulerError, command: Command, lang: str, platform: str
    ) -> KbReply:
        """The one table from knowledge errors to reply templates."""
        if isinstance(exc, NeedsConfirmation):
            label = "button_remove" if exc.reason_key in _REMOVAL_REASONS else "button_confirm"
            request = ConfirmationRequest(label, command.text, dict(exc.versions), lang)
            details = changes.to_plain(exc.details)
            current = changes.to_short_record(
                str(details.get("entity", "")), details.get("current")
            )
            context = {"reason_key": exc.reason_key, "details": details, "current": current}
            return KbReply("needs_confirmation", lang, context, confirmation=request)
        if isinstance(exc, UnknownCode | UnknownScope):
            context = {"kind": exc.kind, "code": exc.code, "suggestions": exc.suggestions}
            return KbReply("unknown_code", lang, context)
        if isinstance(exc, InvalidValue):
            context = {
                "field": exc.field,
                "value": "" if exc.value is None else str(exc.value),
                "reason_key": exc.reason_key,
                "limits": changes.LIMITS,
                "platform": platform,  # how a user id of this platform looks
            }
            return KbReply("invalid_value", lang, context)
        if isinstance(exc, RecordChanged):
            current = changes.to_short_record(exc.entity, exc.current)
            context = {"entity": exc.entity, "key": exc.key, "current": current}
            return KbReply("record_changed", lang, context)
        if isinstance(exc, NotPermitted):
            return KbReply("not_permitted", lang, {"command": command.name})  # logged by roles
        if isinstance(exc, ChangeNotFound):
            return KbReply("change_not_found", lang, {"id": exc.id})
        if isinstance(exc, CannotUndo):
            context = {"id": exc.id, "reason_key": exc.reason_key, "newer_ids": exc.newer_ids}
            return KbReply("cannot_undo", lang, context)
        scheduled = to_schedule_error(exc)
        if scheduled is not None:  # the platform: how its channels are named
            return KbReply(scheduled[0], lang, {**scheduled[1], "platform": platform})
        raise exc


async def _off_loop(call: Callable[[], KbReply], lang: str, operation: str) -> KbReply | None:
    """A command or edit off the event loop, for a chat adapter: None when the store is
    unavailable (counted as `operation`), the "store_full" reply when it cannot be written,
    and the "failed" reply for any other failure (its transaction was rolled back)."""
    try:
        return await asyncio.to_thread(call)
    except StoreFull as exc:
        logger.error("store full, edit refused: %s", exc.reason)
        return KbReply("store_full", lang)
    except StoreUnavailable as exc:
        logger.warning("store unavailable: %s", exc.reason)
        metrics.count_store_error(operation)
        return None
    except Exception:
        logger.exception("%s failed", operation)
        return KbReply("failed", lang)
