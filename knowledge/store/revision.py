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
