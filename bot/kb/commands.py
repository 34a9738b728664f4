"""The /kb commands on the knowledge: each checks, edits in the caller's session, replies."""

from __future__ import annotations

from collections.abc import Callable, Collection, Mapping
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlmodel import Session

from bot.kb import changes
from bot.kb.errors import KbInputError
from bot.kb.parser import LIST_FIELDS, Command, to_change_id, to_days, to_list, to_user_id
from bot.kb.replies import KbReply
from knowledge.editing import (
    Permissions,
    audit,
    budget_edits,
    entry_edits,
    kpi_edits,
    parse_amount,
    parse_date,
    parse_number,
    parse_year,
    roles,
)
from knowledge.records import feedback
from knowledge.store import AuditEntry, utc_now

FEEDBACK_LIMIT = 20
HELP_TOPICS = frozenset(
    {"budget", "kpi", "progress", "fact", "faq", "alias", "history", "undo", "feedback"}
    | {"admin", "editor", "roles", "schedule", "away", "holidays"}
)

# The setting the first admins of a platform come from (Slack's; Teams' is TEAMS_ADMINS).
DEFAULT_ADMINS_VARIABLE = "STAFFBOT_ADMINS"

Versions = Mapping[str, int] | None
Handler = Callable[[Session, Permissions, Command, str, Versions], KbReply]


def _done(command: Command, lang: str, entry: AuditEntry, **extra: Any) -> KbReply:
    """The reply to an edit that landed: what changed, and the change id to undo it."""
    context = {
        "command": command.name,
        "change": changes.to_change_view(entry),
        **extra,
    }
    return KbReply("done", lang, context, changed=True)


class KnowledgeCommands:
    """Every /kb subcommand but `schedule`; the knowledge functions check permissions too."""

    def __init__(
        self,
        env_admins: Collection[str] = (),
        is_user_id: Callable[[str], bool] | None = None,
        env_admins_variable: str = DEFAULT_ADMINS_VARIABLE,
        check_user: Callable[[str], bool | None] | None = None,
    ) -> None:
        self.env_admins = frozenset(env_admins)
        self.is_user_id = is_user_id
        self.env_admins_variable = env_admins_variable
        self.check_user = check_user

    def get_handlers(self) -> dict[str, Handler]:
        return {
            "help": self._help,
            "budget.set": self._budget_set,
            "kpi.add": self._kpi_add,
            "kpi.edit": self._kpi_edit,
            "kpi.retire": self._kpi_retire,
            "progress": self._progress,
            "fact.add": self._fact_add,
            "fact.edit": self._fact_edit,
            "fact.remove": self._fact_remove,
            "faq.add": self._faq_add,
            "faq.edit": self._faq_edit,
            "faq.remove": self._faq_remove,
            "alias.add": self._alias_add,
            "alias.edit": self._alias_edit,
            "alias.remove": self._alias_remove,
            "history": self._history,
            "undo": self._undo,
            "feedback": self._feedback,
            "admin.add": self._member_add,
            "admin.remove": self._member_remove,
            "editor.add": self._member_add,
            "editor.remove": self._member_remove,
            "roles": self._roles,
        }

    # -- help, history, undo, feedback, roles -------------------------------------------

    def _help(
        self, session: Session, perms: Permissions, command: Command, lang: str, _: Versions
    ) -> KbReply:
        topic = (command.get("topic") or "").lower()
        return KbReply("help", lang, {"topic": topic if topic in HELP_TOPICS else None})

    def _history(
        self, session: Session, perms: Permissions, command: Command, lang: str, _: Versions
    ) -> KbReply:
        perms.require_member("history")
        code = command.get("code")
        entries = audit.list_changes(session, code)
        views = [changes.to_change_view(entry, _get_replaced(session, entry)) for entry in entries]
        return KbReply("history", lang, {"code": code, "changes": views})

    def _undo(
        self, session: Session, perms: Permissions, command: Command, lang: str, _: Versions
    ) -> KbReply:
        change_id = to_change_id(command.require("change"))
        entry = audit.undo_change(session, perms, change_id)
        return _done(command, lang, entry)

    def _feedback(
        self, session: Session, perms: Permissions, command: Command, lang: str, _: Versions
    ) -> KbReply:
        perms.require_admin("feedback")
        days = to_days(command.get("days"))
        since = datetime.now(UTC) - timedelta(days=days)
        items = feedback.list_review(session, since, FEEDBACK_LIMIT)
        return KbReply("feedback", lang, {"days": days, "items": items})

    def _roles(
        self, session: Session, perms: Permissions, command: Command, lang: str, _: Versions
    ) -> KbReply:
        perms.require_admin("roles")
        members = roles.list_members(session)
        platform = perms.actor.platform
        # The environment's admins are those of the platform the command came from.
        stored_admins = {
            m.user_id for m in members if m.role == roles.ROLE_ADMIN and m.platform == platform
        }
        context = {
            "members": members,
            "env_admins": sorted(self.env_admins - stored_admins),
            "env_variable": self.env_admins_variable,
            "platform": platform,
        }
        return KbReply("roles", lang, context)

    def _member_add(
        self, session: Session, perms: Permissions, command: Command, lang: str, _: Versions
    ) -> KbReply:
        role = command.name.split(".")[0]
        user_id = to_user_id(command.require("user"))
        entry = roles.add_member(
            session,
            perms,
            user_id,
            role,
            command.get("code") or "",
            platform=perms.actor.platform,
            is_user_id=self.is_user_id,
            check_user=self.check_user,
        )
        return _done(command, lang, entry, user=user_id)

    def _member_remove(
        self, session: Session, perms: Permissions, command: Command, lang: str, versions: Versions
    ) -> KbReply:
        role = command.name.split(".")[0]
        user_id = to_user_id(command.require("user"))
        entry = roles.remove_member(
            session,
            perms,
            user_id,
            role,
            command.get("code") or "",
            platform=perms.actor.platform,
            confirmed_versions=versions,
        )
        return _done(command, lang, entry, user=user_id)

    # -- budget and KPIs ----------------------------------------------------------------

    def _budget_set(
        self, session: Session, perms: Permissions, command: Command, lang: str, versions: Versions
    ) -> KbReply:
        amount = parse_amount(command.require("amount"))
        year_text = command.get("year")
        year = parse_year(year_text) if year_text is not None else None
        entry = budget_edits.set_budget(
            session, perms, command.require("code"), amount, year, confirmed_versions=versions
        )
        return _done(command, lang, entry)

    def _kpi_add(
        self, session: Session, perms: Permissions, command: Command, lang: str, _: Versions
    ) -> KbReply:
        entry = kpi_edits.add_kpi(
            session,
            perms,
            command.require("theme"),
            command.require("text_en"),
            command.require("text_zh"),
        )
        return _done(command, lang, entry)

    def _kpi_edit(
        self, session: Session, perms: Permissions, command: Command, lang: str, _: Versions
    ) -> KbReply:
        text = {f"text_{command.require('lang')}": command.require("text")}
        entry = kpi_edits.edit_kpi(session, perms, command.require("code"), **text)
        return _done(command, lang, entry)

    def _kpi_retire(
        self, session: Session, perms: Permissions, command: Command, lang: str, versions: Versions
    ) -> KbReply:
        entry = kpi_edits.retire_kpi(
            session, perms, command.require("code"), confirmed_versions=versions
        )
        return _done(command, lang, entry)

    def _progress(
        self, session: Session, perms: Permissions, command: Command, lang: str, _: Versions
    ) -> KbReply:
        kpi = command.require("kpi")
        value_text = command.get("value")
        if value_text is None:
            if command.options:
                raise KbInputError("missing_argument", argument="VALUE", usage=command.usage)
            perms.require_member("progress history")
            rows = [changes.to_progress_view(row) for row in kpi_edits.list_progress(session, kpi)]
            return KbReply("progress_history", lang, {"kpi": kpi, "rows": rows})
        today = utc_now().date()
        target_text = command.options.get("target")
        as_of_text = command.options.get("as-of")
        entry = kpi_edits.record_progress(
            session,
            perms,
            kpi,
            parse_number(value_text),
            target=parse_number(target_text, "target") if target_text is not None else None,
            as_of=parse_date(as_of_text, today) if as_of_text is not None else None,
            note=command.get("note") or "",
        )
        return _done(command, lang, entry)

    # -- facts, FAQ and aliases ---------------------------------------------------------

    def _fact_add(
        self, session: Session, perms: Permissions, command: Command, lang: str, _: Versions
    ) -> KbReply:
        year_text = command.options.get("year")
        entry = entry_edits.add_fact(
            session,
            perms,
            command.require("key"),
            text_en=command.require("text_en"),
            text_zh=command.require("text_zh"),
            title_en=command.options.get("title-en"),
            title_zh=command.options.get("title-zh"),
            priority_code=command.options.get("priority"),
            kind=command.options.get("kind", entry_edits.FACT_KINDS[-1]),
            year=parse_year(year_text) if year_text is not None else None,
        )
        return _done(command, lang, entry)

    def _fact_edit(
        self, session: Session, perms: Permissions, command: Command, lang: str, _: Versions
    ) -> KbReply:
        changes_ = {_to_field(command.require("field")): _to_value(command)}
        entry = entry_edits.edit_fact(session, perms, command.require("key"), changes_)
        return _done(command, lang, entry)

    def _fact_remove(
        self, session: Session, perms: Permissions, command: Command, lang: str, versions: Versions
    ) -> KbReply:
        entry = entry_edits.remove_fact(
            session, perms, command.require("key"), confirmed_versions=versions
        )
        return _done(command, lang, entry)

    def _faq_add(
        self, session: Session, perms: Permissions, command: Command, lang: str, _: Versions
    ) -> KbReply:
        entry = entry_edits.add_faq(
            session,
            perms,
            command.require("key"),
            question_en=command.require("question_en"),
            question_zh=command.require("question_zh"),
            answer_en=command.require("answer_en"),
            answer_zh=command.require("answer_zh"),
            alternates=to_list(command.options.get("alternates", "")),
            priority_code=command.options.get("priority"),
        )
        return _done(command, lang, entry)

    def _faq_edit(
        self, session: Session, perms: Permissions, command: Command, lang: str, _: Versions
    ) -> KbReply:
        changes_ = {_to_field(command.require("field")): _to_value(command)}
        entry = entry_edits.edit_faq(session, perms, command.require("key"), changes_)
        return _done(command, lang, entry)

    def _faq_remove(
        self, session: Session, perms: Permissions, command: Command, lang: str, versions: Versions
    ) -> KbReply:
        entry = entry_edits.remove_faq(
            session, perms, command.require("key"), confirmed_versions=versions
        )
        return _done(command, lang, entry)

    def _alias_add(
        self, session: Session, perms: Permissions, command: Command, lang: str, _: Versions
    ) -> KbReply:
        entry = entry_edits.add_alias(
            session, perms, command.require("alias"), command.require("code")
        )
        return _done(command, lang, entry)

    def _alias_edit(
        self, session: Session, perms: Permissions, command: Command, lang: str, _: Versions
    ) -> KbReply:
        entry = entry_edits.edit_alias(
            session,
            perms,
            command.require("alias"),
            command.require("code"),
            new_alias=command.require("new_alias"),
        )
        return _done(command, lang, entry)

    def _alias_remove(
        self, session: Session, perms: Permissions, command: Command, lang: str, versions: Versions
    ) -> KbReply:
        entry = entry_edits.remove_alias(
            session,
            perms,
            command.require("alias"),
            command.require("code"),
            confirmed_versions=versions,
        )
        return _done(command, lang, entry)


def _to_field(name: str) -> str:
    return "priority_code" if name == "priority" else name


def _to_value(command: Command) -> Any:
    """The new value of `fact edit` / `faq edit`: a list for list fields, None to clear a
    priority ("-"), a year as a number, else the text."""
    field, text = command.require("field"), command.require("text")
    if field in LIST_FIELDS:
        return to_list(text)
    if field == "priority":
        return None if text.strip() in ("-", "none", "无") else text
    if field == "year":
        return None if text.strip() in ("-", "none", "无") else parse_year(text)
    return text


def _get_replaced(session: Session, entry: AuditEntry) -> int | None:
    """The printed figure an admin's first budget line for a subject and year replaced (or
    that removing it gave back): history then shows "before → after" for it too."""
    snapshot = entry.after if entry.before is None else entry.before
    if entry.entity != "budget" or snapshot is None or (entry.before and entry.after):
        return None
    return budget_edits.get_printed_amount(
        session, str(snapshot["subject_code"]), int(snapshot["year"])
    )
