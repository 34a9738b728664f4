"""The store's revision: a number readers poll to know the knowledge changed."""

from __future__ import annotations

from sqlalchemy import func
from sqlmodel import Session, select

from knowledge.store import models


def get_revision(session: Session) -> int:
    """A number that grows with every audited change: readers compare it to refresh.

    The count of audit rows, not their highest id: on PostgreSQL two edits may commit out of
    id order, and the one with the lower id would not raise the maximum. Audit rows are
    never deleted, so every commit of one raises the count.
    """
    return int(session.exec(select(func.count()).select_from(models.AuditEntry)).one())


# The revision, the newest audit row's id and its time (get_revision_mark).
RevisionMark = tuple[int, int, str]


def get_revision_mark(session: Session) -> RevisionMark:
    """What tells one state of a store's knowledge from every other, for a cache kept across
    processes: the revision (the count of audit rows), the newest audit row's id and the
    newest row's time. A store deleted and seeded again, or another store at the same
    address, reaches the same count but not the same times."""
    count, newest_id, newest_at = session.exec(
        select(
            func.count(),
            func.max(models.AuditEntry.id),
            func.max(models.AuditEntry.at),
        ).select_from(models.AuditEntry)
    ).one()
    return int(count), int(newest_id or 0), str(newest_at or "")
