"""Audit rows and record snapshots as short values for the /kb reply templates."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal, InvalidOperation
from typing import Any

from knowledge.editing import MAX_AMOUNT_CHF, YEAR_MAX, YEAR_MIN, Actor
from knowledge.store import AuditEntry, KpiProgress

# A value shown in a history line is cut to this many characters.
MAX_SHOWN_VALUE = 60
# The fields that say what a record is, by audit entity: shown for additions and removals.
_MAIN_FIELDS: dict[str, tuple[str, ...]] = {
    "budget": ("subject_code", "year", "amount_chf"),
    "kpi": ("code", "text_en"),
    "kpi_progress": ("kpi_code", "value", "target", "as_of"),
    "fact": ("key", "text_en"),
    "faq": ("key", "question_en"),
    "alias": ("target_code", "alias"),
    "member": ("user_id", "role", "scope"),
    "owner": ("user_id", "scope"),
    "subscription": ("kind", "channel", "scope", "schedule", "tz"),
    "phrasing": ("record", "phrasing"),
    "expert_channel": ("scope", "channel"),
}
# Bookkeeping columns left out of summaries (the source of an edited record is the change).
_HIDDEN_FIELDS = frozenset(
    {"id", "version", "recorded_at", "added_at", "created_at", "doc", "section", "position"}
)
# Limits quoted by the invalid-value sentences.
LIMITS = {"max_amount": MAX_AMOUNT_CHF, "year_min": YEAR_MIN, "year_max": YEAR_MAX}


@dataclass(frozen=True)
class ChangeView:
    """One audit row as a history line shows it."""

    id: int
    at: str  # UTC, "2026-11-22 23:05"
    who: str  # the user id
    action: str
    entity: str
    key: str
    summary: str  # before → after, short
    reverts_id: int | None
    after: dict[str, Any] | None
    before: dict[str, Any] | None


def to_shown(value: Any) -> str:
    """A stored value as one short piece of text: figures grouped, long text cut."""
    if value is None:
        return "–"
    if isinstance(value, bool):
        return str(value).lower()
    if isinstance(value, int):
        return f"{value:,}" if abs(value) >= 10_000 else str(value)
    if isinstance(value, str) and value and value.replace(".", "", 1).lstrip("-").isdigit():
        try:
            number = Decimal(value)
        except InvalidOperation:
            number = None
        if number is not None and abs(number) >= 10_000:
            return f"{number:,}"
    text = " ".join(str(value).split())
    return text if len(text) <= MAX_SHOWN_VALUE else text[: MAX_SHOWN_VALUE - 1] + "…"


def _describe(entity: str, snapshot: Mapping[str, Any]) -> str:
    fields = _MAIN_FIELDS.get(entity) or tuple(k for k in snapshot if k not in _HIDDEN_FIELDS)
    return " ".join(
        to_shown(snapshot.get(name)) for name in fields if snapshot.get(name) not in (None, "")
    )


def to_summary(
    entity: str, before: Mapping[str, Any] | None, after: Mapping[str, Any] | None
) -> str:
    """`before → after`, short: the whole record for additions and removals, else the fields
    that changed."""
    if before is None and after is None:
        return ""
    if before is None:
        assert after is not None
        return f"+ {_describe(entity, after)}"
    if after is None:
        return f"− {_describe(entity, before)}"
    changed = [
        f"{name}: {to_shown(before.get(name))} → {to_shown(after.get(name))}"
        for name in dict.fromkeys([*before, *after])
        if name not in _HIDDEN_FIELDS and before.get(name) != after.get(name)
    ]
    return "; ".join(changed)


def to_change_view(entry: AuditEntry, printed: int | None = None) -> ChangeView:
    """`printed`: for an admin's budget line added or removed, the source documents' figure
    it replaced or gave back, shown as the other side of "before → after"."""
    at = entry.at if isinstance(entry.at, datetime) else datetime.fromisoformat(str(entry.at))
    summary = to_summary(entry.entity, entry.before, entry.after)
    if printed is not None and entry.entity == "budget" and (entry.before or entry.after):
        before = entry.before["amount_chf"] if entry.before else printed
        after = entry.after["amount_chf"] if entry.after else printed
        summary = f"{to_shown(before)} → {to_shown(after)}"
    return ChangeView(
        id=int(entry.id or 0),
        at=at.strftime("%Y-%m-%d %H:%M"),
        who=Actor.from_audit(entry.actor).user_id,
        action=entry.action,
        entity=entry.entity,
        key=entry.entity_key,
        summary=summary,
        reverts_id=entry.reverts_id,
        after=entry.after,
        before=entry.before,
    )


def to_progress_view(row: KpiProgress) -> dict[str, Any]:
    """A progress reading as the history shows it."""
    return {
        "kpi": row.kpi_code,
        "as_of": row.as_of.isoformat(),
        "value": to_shown(format(row.value.normalize(), "f")),
        "target": None if row.target is None else to_shown(format(row.target.normalize(), "f")),
        "note": row.note,
        "who": Actor.from_audit(row.recorded_by).user_id,
    }


def to_short_record(entity: str, snapshot: Any) -> str | None:
    """What a record holds now, in one short line (None: it is gone, or not a record)."""
    return _describe(entity, snapshot) if isinstance(snapshot, Mapping) else None


def to_plain(value: Any) -> Any:
    """Details of an error as plain values for a template (numbers stay numbers)."""
    if isinstance(value, Mapping):
        return {str(k): to_plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [to_plain(v) for v in value]
    if isinstance(value, Decimal):
        return format(value.normalize(), "f")
    return value
