"""Budget figures as the sources print them, and the arithmetic that answers compute."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from knowledge import models
from knowledge.answer import SourceRef
from knowledge.seed_loader import TOTAL_CODE
from knowledge.snapshot import Knowledge


@dataclass(frozen=True)
class Subject:
    """Something that has a budget: the total, a priority/enabler or a theme."""

    code: str
    kind: str  # total | priority | enabler | theme
    label: str
    name_en: str
    name_zh: str
    parent_code: str | None = None


@dataclass(frozen=True)
class Reading:
    """One value and the sections that print it."""

    value: Decimal | int
    sections: tuple[str, ...]


@dataclass
class BudgetFigure:
    """A subject's budget for a year; when sources disagree every reading is kept."""

    subject: Subject
    year: int
    amounts: list[Reading]
    shares_of_parent: list[Reading] = field(default_factory=list)
    shares_of_total: list[Reading] = field(default_factory=list)
    parent: Subject | None = None
    sources: list[SourceRef] = field(default_factory=list)

    @property
    def amount(self) -> int:
        return int(self.amounts[0].value)


def to_subject(knowledge: Knowledge, code: str) -> Subject | None:
    if code == TOTAL_CODE:
        return Subject(
            TOTAL_CODE, "total", "OP-23", "ITU-D Operational Plan 2023", "2023年ITU-D运作规划"
        )
    if code in knowledge.priorities:
        p = knowledge.priorities[code]
        return Subject(p.code, p.kind, p.label, p.name_en, p.name_zh, TOTAL_CODE)
    if code in knowledge.themes:
        t = knowledge.themes[code]
        return Subject(t.code, "theme", t.priority_code, t.name_en, t.name_zh, t.priority_code)
    return None


def to_source(knowledge: Knowledge, doc: str, section: str) -> SourceRef:
    document = knowledge.documents.get(doc)
    if document is None:
        return SourceRef(doc, section)
    return SourceRef(document.file, section, document.title_en, document.title_zh)


def _readings(lines: list[models.BudgetLine], attribute: str) -> list[Reading]:
    grouped: dict[Decimal | int, list[str]] = {}
    for line in lines:
        value = getattr(line, attribute)
        if value is not None:
            grouped.setdefault(value, []).append(line.section)
    return [Reading(value, tuple(sections)) for value, sections in grouped.items()]


def get_budget_figure(knowledge: Knowledge, code: str, year: int) -> BudgetFigure | None:
    lines = knowledge.get_budget_lines(code, year)
    subject = to_subject(knowledge, code)
    if not lines or subject is None:
        return None
    parent = to_subject(knowledge, subject.parent_code) if subject.parent_code else None
    sources = list(dict.fromkeys(to_source(knowledge, line.doc, line.section) for line in lines))
    return BudgetFigure(
        subject=subject,
        year=year,
        amounts=_readings(lines, "amount_chf"),
        shares_of_parent=_readings(lines, "share_of_parent") if subject.kind == "theme" else [],
        shares_of_total=_readings(lines, "share_of_total"),
        parent=parent,
        sources=sources,
    )


def to_percentage(part: int, whole: int) -> Decimal:
    """part/whole as a percentage rounded half-up to one decimal, as the sources print."""
    if whole == 0:
        return Decimal(0)
    return (Decimal(part) * 100 / Decimal(whole)).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


def get_total_amount(knowledge: Knowledge, year: int) -> int | None:
    figure = get_budget_figure(knowledge, TOTAL_CODE, year)
    return figure.amount if figure else None


def list_subjects(knowledge: Knowledge, kind: str | None) -> list[Subject]:
    """Budget subjects of one class: priority, enabler or theme; None means Table 1's rows."""
    subjects: list[Subject] = []
    if kind == "theme":
        codes = [t.code for t in knowledge.themes.values()]
    elif kind in ("priority", "enabler"):
        codes = [p.code for p in knowledge.priorities.values() if p.kind == kind]
    else:
        codes = list(knowledge.priorities)
    for code in codes:
        subject = to_subject(knowledge, code)
        if subject is not None:
            subjects.append(subject)
    return subjects
