"""Setting a budget figure: the admin's amount for a subject and year, kept as a "KB" line.

`set_budget` stores the figure as a BudgetLine with doc "KB" and section "change #N" (N: the
audit id of the change), next to the lines the sources print; for that subject and year the
engine then answers with the KB line. A later set updates the same KB line (version
checked). A year the store does not have yet (2024) is added by setting one line of it.

Consistency: if, after the edit, a priority's themes no longer add up to the priority, or
the priorities and enablers to the total, `set_budget` raises NeedsConfirmation
("budget_inconsistent") with the figures; calling it again with the `versions` of that
error applies it, unless the KB line changed meanwhile (RecordChanged). A sum is checked
only where the parent has a figure that year: all children known → the sum must equal it;
only some known → the sum must not exceed it.

Concurrency: the budget edits of one year are serialised (`lock_budget_year`: a PostgreSQL
advisory transaction lock per year; on SQLite the store's write lock, BEGIN IMMEDIATE) from
before the consistency check to the commit, so two admins setting sibling figures at the same
moment cannot both pass a check that only one of them would: the second sees the first and is
asked to confirm. The KB line itself is read before the lock: an edit of a line someone
changed meanwhile is refused (RecordChanged), not applied over theirs.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from dataclasses import asdict, dataclass
from datetime import date

from sqlalchemy import func, text
from sqlalchemy.engine import Connection
from sqlmodel import Session, col, select

from knowledge.editing.amounts import MAX_AMOUNT_CHF, check_year
from knowledge.editing.audit import (
    KB_DOC,
    check_confirmed,
    record_change,
    to_kb_section,
    to_snapshot,
    to_version_key,
    update_versioned,
)
from knowledge.editing.entry_edits import list_known_codes, list_priority_labels, suggest
from knowledge.editing.permissions import Permissions
from knowledge.errors import InvalidValue, NeedsConfirmation, RecordChanged, UnknownCode
from knowledge.store import TOTAL_CODE, find_priority_code, models

logger = logging.getLogger(__name__)

# First key of the PostgreSQL advisory lock that serialises the budget edits of a year (the
# second key is the year).
_YEAR_LOCK_CLASS = 0x4B42


@dataclass(frozen=True)
class Mismatch:
    """A parent figure its children no longer add up to (or, partly known, exceed)."""

    parent: str
    parent_amount: int
    children_sum: int
    children: dict[str, int]
    complete: bool  # every child has a figure that year


def resolve_budget_subject(session: Session, code: str) -> str:
    """TOTAL, a priority or enabler (code or label, any case) or a theme code; else
    UnknownCode("budget_subject", …) with suggestions."""
    wanted = code.strip().upper()
    known = list_known_codes(session, ("total", "priority", "theme"))
    if wanted in known:
        return wanted
    found = find_priority_code(wanted, list_priority_labels(session))
    if found is not None:
        return found
    raise UnknownCode("budget_subject", code, suggest(code, known))


def get_latest_year(session: Session, subject: str | None = None) -> int:
    """The latest year `subject` (else the store) has figures for; this year if none.

    As the answers do: `budget set P1-EMT 128000` corrects the year P1-EMT is answered for,
    not a year admins have begun to fill in for other subjects.
    """
    query = select(func.max(models.BudgetLine.year))
    if subject is not None:
        subject_latest = session.exec(query.where(models.BudgetLine.subject_code == subject)).one()
        if subject_latest is not None:
            return int(subject_latest)
    latest = session.exec(query).one()
    return int(latest) if latest is not None else date.today().year


def get_printed_amount(session: Session, subject: str, year: int) -> int | None:
    """The figure the source documents print for a subject and year (the first section's,
    where they differ); None when only admins gave one."""
    query = (
        select(models.BudgetLine.amount_chf)
        .where(models.BudgetLine.subject_code == subject, models.BudgetLine.year == year)
        .where(models.BudgetLine.doc != KB_DOC)
        .order_by(col(models.BudgetLine.id))
    )
    return session.exec(query).first()


def get_amounts(session: Session, year: int) -> dict[str, int]:
    """Each subject's figure in that year: its KB line if any, else the first printed one."""
    amounts: dict[str, int] = {}
    lines = session.exec(
        select(models.BudgetLine)
        .where(models.BudgetLine.year == year)
        .order_by(col(models.BudgetLine.id))
    )
    for line in lines:
        if line.doc == KB_DOC or line.subject_code not in amounts:
            amounts[line.subject_code] = line.amount_chf
    return amounts


def find_mismatches(session: Session, subject: str, year: int, amount: int) -> list[Mismatch]:
    """The sums involving `subject` that would not add up if it were set to `amount`."""
    amounts = get_amounts(session, year)
    amounts[subject] = amount
    priorities = list(session.exec(select(models.Priority.code)).all())
    themes = session.exec(select(models.Theme)).all()
    themes_of: dict[str, list[str]] = {p: [] for p in priorities}
    parent_of: dict[str, str] = {}
    for theme in themes:
        themes_of[theme.priority_code].append(theme.code)
        parent_of[theme.code] = theme.priority_code
    checks: list[tuple[str, list[str]]] = []
    if subject in parent_of:
        checks.append((parent_of[subject], themes_of[parent_of[subject]]))
    elif subject in themes_of:
        checks += [(subject, themes_of[subject]), (TOTAL_CODE, priorities)]
    else:
        checks.append((TOTAL_CODE, priorities))
    mismatches = []
    for parent, children in checks:
        known = {c: amounts[c] for c in children if c in amounts}
        if parent not in amounts or not known:
            continue
        total = sum(known.values())
        complete = len(known) == len(children)
        if (complete and total != amounts[parent]) or total > amounts[parent]:
            mismatches.append(Mismatch(parent, amounts[parent], total, known, complete))
    return mismatches


def get_kb_line(session: Session, subject: str, year: int) -> models.BudgetLine | None:
    return session.exec(
        select(models.BudgetLine)
        .where(models.BudgetLine.subject_code == subject)
        .where(models.BudgetLine.year == year)
        .where(models.BudgetLine.doc == KB_DOC)
        .execution_options(populate_existing=True)
    ).first()


def _is_in_transaction(connection: Connection) -> bool:
    dbapi_connection = connection.connection.dbapi_connection
    return bool(getattr(dbapi_connection, "in_transaction", False))


def lock_budget_year(session: Session, year: int) -> None:
    """Hold the budget figures of `year` until the session's transaction ends: call it before
    reading the figures a check depends on.

    PostgreSQL: an advisory transaction lock on (class, year); reads after it see every edit
    committed before it was granted. SQLite: the store's write lock (BEGIN IMMEDIATE), unless
    the transaction already wrote (it then holds that lock already).
    """
    connection = session.connection()
    dialect = connection.dialect.name
    if dialect == "postgresql":
        connection.execute(
            text("SELECT pg_advisory_xact_lock(:a, :b)"), {"a": _YEAR_LOCK_CLASS, "b": year}
        )
    elif dialect == "sqlite" and not _is_in_transaction(connection):
        # pysqlite opens a transaction only before a write: without one, the reads of the
        # check would each see their own moment, and another writer could land in between.
        connection.exec_driver_sql("BEGIN IMMEDIATE")


def set_budget(
    session: Session,
    perms: Permissions,
    code: str,
    amount: int,
    year: int | None = None,
    *,
    confirmed_versions: Mapping[str, int] | None = None,
) -> models.AuditEntry:
    """Set the figure of a subject (TOTAL, priority, enabler or theme) for a year (default:
    the latest year the subject has figures for). Admins only. The audit key is "SUBJECT:YEAR"."""
    perms.require_admin("budget set")
    subject = resolve_budget_subject(session, code)
    if amount < 0:
        raise InvalidValue("amount", amount, "negative")
    if amount > MAX_AMOUNT_CHF:
        raise InvalidValue("amount", amount, "too_large")
    year = check_year(get_latest_year(session, subject) if year is None else year)
    key = f"{subject}:{year}"
    line = get_kb_line(session, subject, year)
    lock_budget_year(session, year)
    if confirmed_versions is not None:
        check_confirmed(confirmed_versions, "budget", key, line)
    else:
        if get_amounts(session, year).get(subject) == amount:
            raise InvalidValue("amount", amount, "unchanged")
        mismatches = find_mismatches(session, subject, year, amount)
        if mismatches:
            logger.info("budget set %s held for confirmation", key)
            raise NeedsConfirmation(
                "budget_inconsistent",
                {
                    "code": subject,
                    "year": year,
                    "amount": amount,
                    "current": get_amounts(session, year).get(subject),
                    "mismatches": [asdict(m) for m in mismatches],
                },
                {to_version_key("budget", key): line.version if line is not None else 0},
            )
    if line is None:
        line = get_kb_line(session, subject, year)
        if line is not None:  # another admin created it while this edit was being read
            raise RecordChanged("budget", key, to_snapshot(line))
    before = to_snapshot(line) if line is not None else None
    entry = record_change(session, perms.actor, "set", "budget", key, before, None)
    if line is None:
        line = models.BudgetLine(
            year=year,
            subject_code=subject,
            amount_chf=amount,
            doc=KB_DOC,
            section=to_kb_section(entry),
        )
        session.add(line)
        session.flush()
    else:
        values = {"amount_chf": amount, "section": to_kb_section(entry)}
        line = update_versioned(session, line, values, "budget", key)
    entry.after = to_snapshot(line)
    session.flush()
    return entry
