"""Budget figures as the sources print them, and the arithmetic that answers compute."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from decimal import ROUND_HALF_UP, Decimal

from knowledge.answering.answer import SourceRef
from knowledge.answering.snapshot import Knowledge, is_admin_line, to_change_id
from knowledge.store import ADMIN_DOC, TOTAL_CODE, models


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


@dataclass(frozen=True)
class AdminEdit:
    """An amount an admin set (`/kb budget set`): the audited change, who and when if known."""

    change_id: int | None
    actor: str | None = None
    at: datetime | None = None


@dataclass
class BudgetFigure:
    """A subject's budget for a year; when sources disagree every reading is kept.

    An admin's figure (doc "KB") replaces the printed ones; shares that involve one (the
    subject's, its parent's or the total's) are computed from the amounts, not printed ones.
    """

    subject: Subject
    year: int
    amounts: list[Reading]
    shares_of_parent: list[Reading] = field(default_factory=list)
    shares_of_total: list[Reading] = field(default_factory=list)
    parent: Subject | None = None
    sources: list[SourceRef] = field(default_factory=list)
    edit: AdminEdit | None = None
    shares_computed: bool = False
    total_amount: int | None = None  # the total budget of the same year, when held
    other_years: list[int] = field(default_factory=list)  # other years the subject has

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
    # The admins' knowledge base has no file: it is named by its symbol.
    name = document.file or document.symbol or document.code
    change_id = to_change_id(section) if doc == ADMIN_DOC else None
    return SourceRef(name, section, document.title_en, document.title_zh, change_id)


def _readings(lines: list[models.BudgetLine], attribute: str) -> list[Reading]:
    grouped: dict[Decimal | int, list[str]] = {}
    for line in lines:
        value = getattr(line, attribute)
        if value is not None:
            grouped.setdefault(value, []).append(line.section)
    return [Reading(value, tuple(sections)) for value, sections in grouped.items()]


def _to_edit(knowledge: Knowledge, lines: list[models.BudgetLine]) -> AdminEdit | None:
    edited = [line for line in lines if is_admin_line(line)]
    if not edited:
        return None
    change_id = to_change_id(edited[-1].section)
    entry = knowledge.edits.get(change_id) if change_id is not None else None
    return AdminEdit(change_id, entry.actor if entry else None, entry.at if entry else None)


def _computed_share(
    knowledge: Knowledge, amount: int, whole_code: str | None, year: int
) -> list[Reading]:
    whole = knowledge.get_budget_lines(whole_code, year) if whole_code else []
    if not whole or not whole[0].amount_chf:
        return []
    return [Reading(to_percentage(amount, whole[0].amount_chf), ())]


def _is_edited(knowledge: Knowledge, code: str | None, year: int) -> bool:
    return code is not None and any(
        is_admin_line(line) for line in knowledge.get_budget_lines(code, year)
    )


def get_budget_figure(knowledge: Knowledge, code: str, year: int) -> BudgetFigure | None:
    lines = knowledge.get_budget_lines(code, year)
    subject = to_subject(knowledge, code)
    if not lines or subject is None:
        return None
    parent = to_subject(knowledge, subject.parent_code) if subject.parent_code else None
    sources = list(dict.fromkeys(to_source(knowledge, line.doc, line.section) for line in lines))
    amounts = _readings(lines, "amount_chf")
    edit = _to_edit(knowledge, lines)
    total = knowledge.get_budget_lines(TOTAL_CODE, year)
    of_parent = _readings(lines, "share_of_parent") if subject.kind == "theme" else []
    of_total = _readings(lines, "share_of_total") if subject.kind != "total" else []
    computed = False
    amount = int(amounts[0].value)
    if subject.kind == "theme" and (edit or _is_edited(knowledge, subject.parent_code, year)):
        of_parent, computed = _computed_share(knowledge, amount, subject.parent_code, year), True
    if subject.kind != "total" and (edit or _is_edited(knowledge, TOTAL_CODE, year)):
        of_total, computed = _computed_share(knowledge, amount, TOTAL_CODE, year), True
    return BudgetFigure(
        subject=subject,
        year=year,
        amounts=amounts,
        shares_of_parent=of_parent,
        shares_of_total=of_total,
        parent=parent,
        sources=sources,
        edit=edit,
        shares_computed=computed and bool(of_parent or of_total),
        total_amount=total[0].amount_chf if total else None,
        other_years=[y for y in knowledge.get_subject_years(code) if y != year],
    )


def get_latest_year(knowledge: Knowledge, code: str) -> int | None:
    """The latest year a subject has a budget line for."""
    years = knowledge.get_subject_years(code)
    return years[-1] if years else None


def get_complete_year(knowledge: Knowledge, codes: list[str]) -> int | None:
    """The latest year for which every one of the subjects has a budget line.

    A year admins have only begun to fill in (2024 for P1 alone) is not one to rank or add
    up in; None when no year is complete.
    """
    if not codes:
        return None
    common = set(knowledge.get_subject_years(codes[0]))
    for code in codes[1:]:
        common &= set(knowledge.get_subject_years(code))
    return max(common) if common else None


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


def figure_sources(figures: Sequence[BudgetFigure]) -> list[SourceRef]:
    """The sources of some figures, each once, in order."""
    return dedupe_sources([s for f in figures for s in f.sources])


def dedupe_sources(sources: Sequence[SourceRef]) -> list[SourceRef]:
    return list(dict.fromkeys(sources))
