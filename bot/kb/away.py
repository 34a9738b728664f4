"""`/kb away`: anyone sets their own time away, ends it, or sees it; members list everyone's."""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from datetime import date

from sqlmodel import Session

from bot.kb.errors import KbInputError
from bot.kb.parser import Command
from bot.kb.replies import KbReply
from knowledge.editing import Permissions
from knowledge.records import AwayInvalid, away
from knowledge.store import utc_now

Versions = Mapping[str, int] | None
Handler = Callable[[Session, Permissions, Command, str, Versions], KbReply]

# The words of `/kb away …`, in both languages.
UNTIL_WORDS = frozenset({"until", "till", "to", "-", "–", "到", "至", "直到"})
OFF_WORDS = frozenset({"off", "back", "none", "cancel", "取消", "结束", "回来了"})
LIST_WORDS = frozenset({"list", "all", "who", "列表", "名单"})
# Who is listed as going away soon by `/kb away list`, besides who is away today.
LIST_AHEAD_DAYS = 30
_DATE = re.compile(r"\d{4}-\d{1,2}-\d{1,2}")


def _to_date(text: str) -> date:
    cleaned = text.strip().replace("/", "-").replace(".", "-")
    if not _DATE.fullmatch(cleaned):
        raise KbInputError("away_date", value=text)
    year, month, day = (int(part) for part in cleaned.split("-"))
    try:
        return date(year, month, day)
    except ValueError as exc:
        raise KbInputError("away_date", value=text) from exc


def read_away_words(text: str | None) -> tuple[str, date | None, date | None]:
    """("status" | "off" | "list" | "set", start, until) from what follows `/kb away`:
    nothing, "off", "list", "until DATE", "DATE DATE" or "DATE until DATE"."""
    words = (text or "").split()
    if not words:
        return "status", None, None
    first = words[0].lower()
    if len(words) == 1 and first in OFF_WORDS:
        return "off", None, None
    if len(words) == 1 and first in LIST_WORDS:
        return "list", None, None
    if first in UNTIL_WORDS and len(words) == 2:
        return "set", None, _to_date(words[1])
    if len(words) == 2:
        return "set", _to_date(words[0]), _to_date(words[1])
    if len(words) == 3 and words[1].lower() in UNTIL_WORDS:
        return "set", _to_date(words[0]), _to_date(words[2])
    raise KbInputError("away_words", usage="/kb away until YYYY-MM-DD")


def _view(row: away.AwayPerson | None) -> dict[str, str] | None:
    if row is None:
        return None
    return {"who": row.actor, "start": row.start.isoformat(), "until": row.until.isoformat()}


class AwayCommands:
    """`/kb away`: for everyone, not only members (an owner marks their own time away);
    `/kb away list` for members."""

    def get_handlers(self) -> dict[str, Handler]:
        return {"away": self._away}

    def _away(
        self, session: Session, perms: Permissions, command: Command, lang: str, _: Versions
    ) -> KbReply:
        actor = perms.actor
        action, start, until = read_away_words(command.get("when"))
        today = utc_now().date()
        context: dict[str, object] = {"action": action, "today": today.isoformat()}
        if action == "list":
            perms.require_member("away list")
            people = away.list_away(session, today, LIST_AHEAD_DAYS)
            context["people"] = [_view(p) for p in people]
            return KbReply("away", lang, context)
        if action == "off":
            context["was_away"] = away.clear_away(session, actor.platform, actor.user_id)
            return KbReply("away", lang, context, changed=True)
        if action == "set":
            assert until is not None
            try:
                away.set_away(session, actor.platform, actor.user_id, until, start, today=today)
            except AwayInvalid as exc:
                raise KbInputError(
                    f"away_{exc.reason_key}",
                    start=exc.start.isoformat(),
                    until=exc.until.isoformat(),
                    limit=away.MAX_AWAY_DAYS,
                ) from exc
        row = away.get_away(session, actor.platform, actor.user_id)
        if row is not None and row.until >= today:
            context["mine"] = {"start": row.start.isoformat(), "until": row.until.isoformat()}
        return KbReply("away", lang, context, changed=action == "set")
