"""Teaching a phrasing: an admin ties a question as staff asked it to the record that answers it.

The answer engine reads a taught phrasing as a key text of its record (knowledge.answering
.entries), so the same or a close question reaches that record. A teach is an audited
addition (entity "phrasing") like any edit: `/kb history` lists it, `/kb undo N` removes it,
and the export carries it. Admins only.
"""

from __future__ import annotations

from sqlmodel import Session, col, select

from knowledge.answering import detect_lang, normalize
from knowledge.editing.entry_edits import apply_add, check_text
from knowledge.editing.permissions import Permissions
from knowledge.errors import InvalidValue, UnknownCode
from knowledge.store import models
from knowledge.store.record_refs import get_record_label

ENTITY = "phrasing"
# As long as a question the engine answers may be.
MAX_PHRASING = 500


def to_phrasing_key(text: str) -> str:
    """Phrasings that differ only in case, spacing or script (traditional/simplified) are one;
    the same key as a question's evidence has (knowledge.records.feedback.to_review_key)."""
    return normalize(text).casefold()


def to_audit_key(record: str, phrasing: str) -> str:
    """What `/kb history CODE` finds a teach by: the record's code or key, then the phrasing."""
    return f"{record.partition(':')[2]} {phrasing}"


def get_taught(session: Session, phrasing: str) -> models.TaughtPhrasing | None:
    """The phrasing taught that reads as `phrasing` (any case, spacing or script), if any."""
    key = to_phrasing_key(phrasing)
    return next(
        (row for row in list_phrasings(session) if to_phrasing_key(row.phrasing) == key), None
    )


def teach_phrasing(
    session: Session, perms: Permissions, record: str, phrasing: str
) -> models.AuditEntry:
    """Teach `phrasing` as a way to ask for `record`; the caller commits.

    UnknownCode("record") when the store no longer holds the record; InvalidValue for an
    empty or too long phrasing, and "taught_already" (its value names the record) for a
    phrasing taught before, to this record or another."""
    perms.require_admin("teach")
    text = check_text("phrasing", " ".join(phrasing.split()), MAX_PHRASING)
    if get_record_label(session, record) is None:
        raise UnknownCode("record", record)
    if not to_phrasing_key(text):
        raise InvalidValue("phrasing", phrasing, "empty")
    taught = get_taught(session, text)
    if taught is not None:
        raise InvalidValue("phrasing", taught.record, "taught_already")
    row = models.TaughtPhrasing(record=record, phrasing=text, lang=detect_lang(text))
    return apply_add(session, perms, ENTITY, to_audit_key(record, text), row)


def list_phrasings(session: Session) -> list[models.TaughtPhrasing]:
    query = select(models.TaughtPhrasing).order_by(col(models.TaughtPhrasing.id))
    return list(session.exec(query))
