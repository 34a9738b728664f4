"""Records named as text ("fact:KEY", "kpi:CODE", "outcome:THEME#2"): read, found, labelled."""

from __future__ import annotations

from dataclasses import dataclass

from sqlmodel import Session, SQLModel, col, select

from knowledge.store import models

# The kinds of record the answer engine searches (its index entries) and answers from.
RECORD_KINDS = ("priority", "theme", "kpi", "outcome", "output", "risk", "fact", "faq")
MAX_RECORD = 120


def to_record(kind: str, ref: str) -> str:
    """The name of a record of the search index: "fact:KEY", "outcome:THEME#2"."""
    return f"{kind}:{ref}"


def read_record(record: str) -> tuple[str, str] | None:
    """(kind, ref) of a record name; None when it names no kind of record."""
    kind, sep, ref = record.partition(":")
    if not sep or kind not in RECORD_KINDS or not ref or len(record) > MAX_RECORD:
        return None
    return kind, ref


@dataclass(frozen=True)
class RecordLabel:
    """What a record is, in a few words per language ("P3 Cybersecurity", a fact's title)."""

    record: str
    en: str
    zh: str


def _find(session: Session, kind: str, ref: str) -> SQLModel | None:
    if kind in ("outcome", "output"):
        theme, _, position = ref.partition("#")
        if not position.isdigit():
            return None
        table = models.Outcome if kind == "outcome" else models.Output
        query = select(table).where(col(table.theme_code) == theme)
        return session.exec(query.where(col(table.position) == int(position))).first()
    if kind == "kpi":
        kpi = session.exec(select(models.Kpi).where(col(models.Kpi.code) == ref)).first()
        return None if kpi is None or kpi.retired else kpi
    if kind == "priority":
        return session.exec(select(models.Priority).where(col(models.Priority.code) == ref)).first()
    if kind == "theme":
        return session.exec(select(models.Theme).where(col(models.Theme.code) == ref)).first()
    if kind == "risk":
        return session.exec(select(models.Risk).where(col(models.Risk.code) == ref)).first()
    if kind == "fact":
        return session.exec(select(models.Fact).where(col(models.Fact.key) == ref)).first()
    return session.exec(select(models.Faq).where(col(models.Faq.key) == ref)).first()


def get_record_label(session: Session, record: str) -> RecordLabel | None:
    """The record's label, or None when the store no longer holds it (or it is no record)."""
    found = read_record(record)
    if found is None:
        return None
    kind, ref = found
    row = _find(session, kind, ref)
    match row:
        case models.Priority() | models.Theme():
            return RecordLabel(record, f"{ref} {row.name_en}", f"{ref} {row.name_zh}")
        case models.Kpi():
            return RecordLabel(record, f"KPI {ref}: {row.text_en}", f"KPI {ref}：{row.text_zh}")
        case models.Outcome() | models.Output():
            return RecordLabel(record, f"{ref}: {row.text_en}", f"{ref}：{row.text_zh}")
        case models.Risk():
            return RecordLabel(record, f"{row.category_en} risk", f"{row.category_zh}风险")
        case models.Fact():
            return RecordLabel(record, row.title_en, row.title_zh)
        case models.Faq():
            return RecordLabel(record, row.question_en, row.question_zh)
    return None
