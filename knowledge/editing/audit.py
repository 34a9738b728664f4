"""The audit trail of knowledge edits: recording a change, listing history, undoing one.

Transaction rule (every module of knowledge edits follows it): an edit function does its
work and inserts its AuditEntry in the caller's session, flushing but never committing; the
caller commits once, so the change and its audit row land together or not at all. A failed
edit raises before anything is committed; the caller just closes (rolls back) the session.
`run_edit(engine, lambda s: set_budget(s, perms, "P1", 520_000))` does exactly that.

Permissions: every edit function checks the `Permissions` it is given (permissions.py) and
raises NotPermitted before touching anything. Reads (list_changes, get_change, list_progress,
list_members) check nothing: the caller checks, e.g. `perms.require_member("history")`.

Who: audit rows, progress rows and member rows store the actor as "platform:user_id"
(`Actor.to_audit()`, e.g. "slack:U123"); `Actor.from_audit()` reads it back.

Snapshots: `before` and `after` hold the whole row (`to_snapshot`), so undo can restore it
exactly. Undo restores every column but `version`, which always goes up (a confirmation
holding an old version must not match again).

Entity keys (what `/kb history CODE` searches): budget "P1:2023" (subject:year), kpi
"P1-EMT-7", kpi_progress "P1-EMT-7:42" (kpi:row id), fact and faq their key, alias
"TARGET:alias", member "user_id role scope", phrasing "CODE-OR-KEY phrasing".
`list_changes(code=…)` matches keys that start with the code, case-insensitively: "P1"
finds P1's budget, P1-… KPIs, progress and aliases.

Reason keys, for the templates that turn errors into sentences:
- InvalidValue: "not_a_number", "negative", "too_large", "not_whole", "not_a_year",
  "year_out_of_range", "not_a_date", "date_in_future", "date_too_early", "empty",
  "too_long", "bad_key", "bad_lang", "bad_role", "bad_kind", "duplicate", "unchanged",
  "kpi_retired", "already_retired", "unknown_field", "scope_for_admin", "scope_required",
  "not_a_user_id", "no_such_user", "taught_already".
- NeedsConfirmation: "budget_inconsistent", "confirm_remove", "confirm_retire".
- CannotUndo: "changed_since" (newer_ids set), "record_differs", "not_undoable".
- UnknownCode kinds: "budget_subject", "kpi", "theme", "priority", "alias_target", "fact",
  "faq", "alias", "member", "record" (a taught phrasing's record),
  "owner", "owner_scope". Owner keys: "user_id scope".
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Mapping
from datetime import date, datetime
from decimal import Decimal
from typing import Any, Protocol, TypeVar, runtime_checkable

from sqlalchemy import Column, Date, DateTime, Numeric, TypeDecorator, delete, func, update
from sqlalchemy import inspect as sa_inspect
from sqlalchemy.engine import Engine
from sqlmodel import Session, SQLModel, col, select

from knowledge.editing.permissions import Actor, Permissions
from knowledge.errors import CannotUndo, ChangeNotFound, RecordChanged
from knowledge.store import ADMIN_DOC, models

logger = logging.getLogger(__name__)

T = TypeVar("T")
Row = TypeVar("Row", bound=SQLModel)


@runtime_checkable
class StoredRow(Protocol):
    """A row edits and undo touch: every such table has an integer primary key `id`."""

    id: int | None


@runtime_checkable
class VersionedRow(StoredRow, Protocol):
    """A row changed only at the version it was read at (`version` goes up with each
    change): budget lines, KPIs, facts, FAQ, aliases, subscriptions. Members have none."""

    version: int


# A record an admin added or changed cites staffbot's own knowledge base as its source, with
# section "change #N" (N: the audit id of that change).
KB_DOC = ADMIN_DOC

HISTORY_LIMIT = 20
MAX_HISTORY_LIMIT = 200
MAX_ENTITY_KEY = 80

# The tables whose changes can be undone, by the entity name their audit rows carry.
ENTITY_MODELS: dict[str, type[SQLModel]] = {
    "budget": models.BudgetLine,
    "kpi": models.Kpi,
    "kpi_progress": models.KpiProgress,
    "fact": models.Fact,
    "faq": models.Faq,
    "alias": models.Alias,
    "member": models.Member,
    "owner": models.Owner,
    "subscription": models.Subscription,
    "phrasing": models.TaughtPhrasing,
    "expert_channel": models.ExpertChannel,
}


def run_edit(engine: Engine, edit: Callable[[Session], T]) -> T:
    """Run one edit in its own session and commit it; nothing is committed if it raises.

    Objects it returns stay readable after the session closes (no expiry on commit).
    """
    with Session(engine, expire_on_commit=False) as session:
        result = edit(session)
        session.commit()
        return result


def list_columns(model: type[SQLModel]) -> list[Column[Any]]:
    """The table's columns, in their order (SQLModel does not type `__table__`)."""
    return list(sa_inspect(model).columns)


def _row_key(row: SQLModel) -> int:
    assert isinstance(row, StoredRow) and row.id is not None, "a stored row has an id"
    return row.id


def to_snapshot(row: SQLModel) -> dict[str, Any]:
    """Every column of the row as JSON values (Decimal → str, dates → ISO text)."""
    snapshot: dict[str, Any] = {}
    for column in list_columns(type(row)):
        value = getattr(row, column.name)
        if isinstance(value, Decimal):
            value = format(value.normalize(), "f")
        elif isinstance(value, datetime | date):
            value = value.isoformat()
        elif isinstance(value, list):
            value = list(value)
        snapshot[column.name] = value
    return snapshot


def to_row_values(model: type[SQLModel], snapshot: Mapping[str, Any]) -> dict[str, Any]:
    """The snapshot's values typed for the table's columns again (the columns it has)."""
    values: dict[str, Any] = {}
    for column in list_columns(model):
        if column.name not in snapshot:
            continue
        value = snapshot[column.name]
        kind = column.type
        if isinstance(kind, TypeDecorator):  # SQLModel's UTCDateTime wraps DateTime
            kind = kind.impl_instance
        if isinstance(value, str):
            if isinstance(kind, Numeric):
                value = Decimal(value)
            elif isinstance(kind, DateTime):
                value = datetime.fromisoformat(value)
            elif isinstance(kind, Date):
                value = date.fromisoformat(value)
        values[column.name] = value
    return values


def is_same_content(current: Mapping[str, Any] | None, kept: Mapping[str, Any] | None) -> bool:
    """The record now holds what an audit snapshot kept (the columns it kept), whatever the
    versions."""
    if current is None or kept is None:
        return current is kept
    return all(current.get(k) == v for k, v in kept.items() if k != "version")


def _is_complete(model: type[SQLModel], snapshot: Mapping[str, Any] | None) -> bool:
    columns = {c.name for c in list_columns(model)}
    return snapshot is not None and columns <= snapshot.keys()


def to_kb_section(entry: models.AuditEntry) -> str:
    """The source section of a record set by this change: "change #N"."""
    return f"change #{entry.id}"


def to_version_key(entity: str, key: str) -> str:
    """How NeedsConfirmation.versions names a record: "entity:key"."""
    return f"{entity}:{key}"


def check_confirmed(
    confirmed: Mapping[str, int], entity: str, key: str, row: SQLModel | None
) -> None:
    """RecordChanged unless the record is at the version seen when confirmation was asked."""
    current = 0 if row is None else row.version if isinstance(row, VersionedRow) else 1
    if confirmed.get(to_version_key(entity, key)) != current:
        logger.info("confirmation of a %s change is stale", entity)
        raise RecordChanged(entity, key, to_snapshot(row) if row is not None else None)


def record_change(
    session: Session,
    actor: Actor | str,
    action: str,
    entity: str,
    entity_key: str,
    before: dict[str, Any] | None,
    after: dict[str, Any] | None,
    reverts_id: int | None = None,
    *,
    at: datetime | None = None,
) -> models.AuditEntry:
    """Insert the audit row of a change (flushed, so its id is known); the caller commits.

    The one writer of audit rows: knowledge edits, undo, the bulk import, subscriptions and
    the experts' channels.
    `actor`: an Actor, or its audit text already ("slack:U1", "cli:ops"); `at`: when (now).
    """
    entry = models.AuditEntry(
        actor=actor.to_audit() if isinstance(actor, Actor) else actor,
        action=action,
        entity=entity,
        entity_key=entity_key[:MAX_ENTITY_KEY],
        before=before,
        after=after,
        reverts_id=reverts_id,
    )
    if at is not None:
        entry.at = at
    session.add(entry)
    session.flush()
    return entry


def complete_change(
    session: Session, entry: models.AuditEntry, entity_key: str, after: dict[str, Any] | None
) -> None:
    """Sets what a change recorded before its row was written left open: the key (an added
    row's id is known only once it is written) and the row as written."""
    entry.entity_key = entity_key[:MAX_ENTITY_KEY]
    entry.after = after
    session.flush()


def get_column(model: type[SQLModel], name: str) -> Column[Any]:
    column: Column[Any] = sa_inspect(model).columns[name]
    return column


def update_versioned(
    session: Session,
    row: Row,
    values: Mapping[str, Any],
    entity: str,
    key: str,
) -> Row:
    """UPDATE … WHERE id = :id AND version = :seen, bumping the version; RecordChanged if no
    row matched (someone else changed or removed it since it was read). Returns the row
    as stored now."""
    model = type(row)
    row_id = _row_key(row)
    statement = update(model).where(get_column(model, "id") == row_id)
    changes = dict(values)
    if isinstance(row, VersionedRow):
        statement = statement.where(get_column(model, "version") == row.version)
        changes["version"] = row.version + 1
    statement = statement.values(**changes).execution_options(synchronize_session=False)
    if session.exec(statement).rowcount == 0:
        raise _changed(session, model, row_id, entity, key)
    fresh = session.get(model, row_id, populate_existing=True)
    assert fresh is not None
    return fresh


def delete_versioned(session: Session, row: SQLModel, entity: str, key: str) -> None:
    """DELETE … WHERE id = :id AND version = :seen; RecordChanged if no row matched."""
    model = type(row)
    row_id = _row_key(row)
    statement = delete(model).where(get_column(model, "id") == row_id)
    if isinstance(row, VersionedRow):
        statement = statement.where(get_column(model, "version") == row.version)
    if session.exec(statement.execution_options(synchronize_session=False)).rowcount == 0:
        raise _changed(session, model, row_id, entity, key)
    session.expunge(row)


def _changed(
    session: Session, model: type[SQLModel], row_id: int, entity: str, key: str
) -> RecordChanged:
    logger.info("%s %s changed concurrently", entity, row_id)
    current = session.get(model, row_id, populate_existing=True)
    return RecordChanged(entity, key, to_snapshot(current) if current is not None else None)


def list_changes(
    session: Session, code: str | None = None, limit: int = HISTORY_LIMIT
) -> list[models.AuditEntry]:
    """Changes newest first; with `code`, those whose entity key starts with it (any case)."""
    statement = select(models.AuditEntry)
    if code:
        escaped = code.lower().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
        statement = statement.where(
            func.lower(models.AuditEntry.entity_key).like(f"{escaped}%", escape="\\")
        )
    statement = statement.order_by(col(models.AuditEntry.id).desc())
    return list(session.exec(statement.limit(max(1, min(limit, MAX_HISTORY_LIMIT)))))


def get_change(session: Session, change_id: int) -> models.AuditEntry:
    entry = session.get(models.AuditEntry, change_id)
    if entry is None:
        raise ChangeNotFound(change_id)
    return entry


def _row_id(entry: models.AuditEntry) -> int | None:
    snapshot = entry.after if entry.after is not None else entry.before
    if not snapshot or "id" not in snapshot:
        return None
    return int(snapshot["id"])


def find_newer_changes(session: Session, entry: models.AuditEntry) -> list[int]:
    """Ids of later changes to the same record as `entry` that are still in effect, oldest
    first: a later change together with its own undo cancels out (so changes can be walked
    back one by one, newest first)."""
    row_id = _row_id(entry)
    later = [
        e
        for e in session.exec(
            select(models.AuditEntry)
            .where(models.AuditEntry.entity == entry.entity)
            .where(col(models.AuditEntry.id) > entry.id)
            .order_by(col(models.AuditEntry.id))
        )
        if _row_id(e) == row_id
    ]
    ids = {e.id for e in later}
    cancelled: set[int | None] = set()
    for change in reversed(later):
        if change.id in cancelled or change.reverts_id not in ids:
            continue
        if change.reverts_id not in cancelled:
            cancelled |= {change.id, change.reverts_id}
    return [e.id for e in later if e.id is not None and e.id not in cancelled]


def _has_progress(session: Session, kpi_code: str) -> bool:
    query = select(models.KpiProgress.id).where(models.KpiProgress.kpi_code == kpi_code)
    return session.exec(query.limit(1)).first() is not None


def undo_change(session: Session, perms: Permissions, change_id: int) -> models.AuditEntry:
    """Revert change `change_id` exactly; the revert is itself audited with reverts_id.

    Undoing an undo redoes the original change. Refused (CannotUndo) when a later change
    of the same record is still in effect ("changed_since", with their ids; a change that
    was itself undone does not count, so a record's changes can be undone newest first),
    when the record no longer looks as the change left it ("record_differs"), when other
    records refer to what undoing would delete ("has_dependants": a KPI with progress), or for
    changes that cannot be reverted ("not_undoable": other kinds; an addition or removal
    whose snapshot lacks columns, or of a subscription, whose deliveries refer to it).
    Admins only.
    """
    perms.require_admin("undo")
    entry = get_change(session, change_id)
    model = ENTITY_MODELS.get(entry.entity)
    row_id = _row_id(entry)
    if model is None or row_id is None or entry.before == entry.after:
        raise CannotUndo(change_id, "not_undoable")
    if (entry.before is None or entry.after is None) and (
        entry.entity == "subscription" or not _is_complete(model, entry.before or entry.after)
    ):
        raise CannotUndo(change_id, "not_undoable")
    newer = find_newer_changes(session, entry)
    if newer:
        logger.info("undo of change %s refused: newer changes %s", change_id, newer)
        raise CannotUndo(change_id, "changed_since", newer)
    current = session.get(model, row_id, populate_existing=True)
    current_snapshot = to_snapshot(current) if current is not None else None
    if not is_same_content(current_snapshot, entry.after):
        logger.info("undo of change %s refused: record differs", change_id)
        raise CannotUndo(change_id, "record_differs")
    restored: SQLModel | None
    if entry.before is None:
        assert current is not None
        if isinstance(current, models.Kpi) and _has_progress(session, current.code):
            # Progress recorded since refers to the KPI: retire it instead.
            raise CannotUndo(change_id, "has_dependants")
        delete_versioned(session, current, entry.entity, entry.entity_key)
        restored = None
    elif current is None:
        values = to_row_values(model, entry.before)
        if "version" in values:
            values["version"] = int(values["version"]) + 1
        restored = model(**values)
        session.add(restored)
        session.flush()
    else:
        values = to_row_values(model, entry.before)
        values.pop("id", None)
        values.pop("version", None)
        restored = update_versioned(session, current, values, entry.entity, entry.entity_key)
    return record_change(
        session,
        perms.actor,
        "undo",
        entry.entity,
        entry.entity_key,
        before=current_snapshot,
        after=to_snapshot(restored) if restored is not None else None,
        reverts_id=change_id,
    )
