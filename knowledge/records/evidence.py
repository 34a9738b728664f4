"""Evidence from use: a "did you mean" click or a helpful vote ties a question to a record.

Nothing learns from it by itself: `/kb feedback` shows it grouped, with how many people gave
it, and an admin may teach a phrasing from it (knowledge.editing.phrasings).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlmodel import Session, col, select

from knowledge.records.feedback import REVIEW_SCAN_LIMIT, to_review_key
from knowledge.store import models
from knowledge.store.record_refs import read_record

# Kinds of evidence.
SUGGESTION = "suggestion"  # a "did you mean" button clicked after the question
HELPFUL = "helpful"  # the answer the question got, voted helpful
MAX_EVIDENCE_QUESTION = 500


def create_evidence(
    session: Session,
    *,
    question: str,
    lang: str,
    record: str,
    kind: str,
    platform: str,
    user_id: str,
) -> models.Evidence | None:
    """Keep one piece of evidence; the caller commits. None (nothing kept) for a question
    that is empty or longer than a question may be, or a record that names no record."""
    key = to_review_key(question)
    text = " ".join(question.split())
    if not key or len(text) > MAX_EVIDENCE_QUESTION or read_record(record) is None:
        return None
    evidence = models.Evidence(
        question=text,
        key=key[:MAX_EVIDENCE_QUESTION],
        lang=lang,
        record=record,
        kind=kind,
        platform=platform,
        user_id=user_id,
    )
    session.add(evidence)
    return evidence


def get_evidence(session: Session, evidence_id: int) -> models.Evidence | None:
    return session.get(models.Evidence, evidence_id)


@dataclass(frozen=True)
class EvidenceGroup:
    """What use says about one question (grouped by its normalised text) and one record."""

    id: int  # the newest evidence of the group: `/kb teach ID` teaches its question
    question: str  # the latest wording asked
    key: str
    record: str
    lang: str
    clicks: int
    votes: int
    people: int  # distinct people (platform and user id) who gave it
    last_at: datetime
    taught: bool  # the question's phrasing is taught already (to this record or another)


def list_evidence(session: Session, since: datetime | None, limit: int) -> list[EvidenceGroup]:
    """Evidence grouped by (question, record), the most people first, then the most uses."""
    query = select(models.Evidence)
    if since is not None:
        query = query.where(col(models.Evidence.at) >= since)
    query = query.order_by(col(models.Evidence.id).desc()).limit(REVIEW_SCAN_LIMIT)
    groups: dict[tuple[str, str], list[models.Evidence]] = {}
    for row in session.exec(query):
        groups.setdefault((row.key, row.record), []).append(row)
    if not groups:
        return []
    taught = {to_review_key(p) for p in session.exec(select(models.TaughtPhrasing.phrasing))}
    items = [
        EvidenceGroup(
            id=int(rows[0].id or 0),
            question=rows[0].question,
            key=key,
            record=record,
            lang=rows[0].lang,
            clicks=sum(1 for r in rows if r.kind == SUGGESTION),
            votes=sum(1 for r in rows if r.kind == HELPFUL),
            people=len({(r.platform, r.user_id) for r in rows}),
            last_at=rows[0].at,
            taught=key in taught,
        )
        for (key, record), rows in groups.items()
    ]
    items.sort(key=lambda g: (g.taught, -g.people, -(g.clicks + g.votes), -g.id))
    return items[: max(limit, 0)]
