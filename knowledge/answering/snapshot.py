"""The in-memory read model of the store that the answer engine works from."""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from sqlmodel import Session, col, select

from knowledge.store import ADMIN_DOC, find_priority_code, get_revision, models

# An admin's budget line names the audited change that set it: section "change #12".
_CHANGE_ID = re.compile(r"#(\d+)")


def to_change_id(section: str) -> int | None:
    """The audit id an admin edit's section names ("change #12" → 12), if any."""
    match = _CHANGE_ID.search(section)
    return int(match[1]) if match else None


def is_admin_line(line: models.BudgetLine) -> bool:
    return line.doc == ADMIN_DOC


@dataclass
class Knowledge:
    """Everything the engine reads, loaded once per revision of the store."""

    documents: dict[str, models.Document] = field(default_factory=dict)
    priorities: dict[str, models.Priority] = field(default_factory=dict)
    themes: dict[str, models.Theme] = field(default_factory=dict)
    themes_by_priority: dict[str, list[models.Theme]] = field(default_factory=dict)
    # Every line, as printed and as edited; read them through get_budget_lines.
    budget: dict[tuple[str, int], list[models.BudgetLine]] = field(default_factory=dict)
    years: list[int] = field(default_factory=list)
    years_by_subject: dict[str, list[int]] = field(default_factory=dict)
    # The audit entries that admin-edited budget lines name (change #N → entry N).
    edits: dict[int, models.AuditEntry] = field(default_factory=dict)
    outcomes: dict[str, list[models.Outcome]] = field(default_factory=dict)
    outputs: dict[str, list[models.Output]] = field(default_factory=dict)
    kpis_by_theme: dict[str, list[models.Kpi]] = field(default_factory=dict)
    kpis: dict[str, models.Kpi] = field(default_factory=dict)
    # Recorded progress of each KPI, oldest first (by recorded_at, then id).
    progress: dict[str, list[models.KpiProgress]] = field(default_factory=dict)
    risks: dict[str, models.Risk] = field(default_factory=dict)
    mitigations: dict[str, list[models.RiskMitigation]] = field(default_factory=dict)
    facts: list[models.Fact] = field(default_factory=list)
    faqs: list[models.Faq] = field(default_factory=list)
    aliases: list[models.Alias] = field(default_factory=list)
    synonyms: list[list[str]] = field(default_factory=list)
    # Phrasings admins taught, by the record they ask for ("fact:KEY" → its phrasings).
    phrasings: dict[str, list[str]] = field(default_factory=dict)
    revision: int = 0

    def get_budget_lines(self, subject: str, year: int) -> list[models.BudgetLine]:
        """The lines that answer for a subject's year: an admin's line supersedes the printed
        ones (which stay in the store, so that undoing the edit brings them back)."""
        lines = self.budget.get((subject, year), [])
        edited = [line for line in lines if is_admin_line(line)]
        return edited or lines

    def get_subject_years(self, subject: str) -> list[int]:
        """The years a subject has budget lines for, oldest first."""
        return self.years_by_subject.get(subject, [])

    def get_latest_progress(self, kpi_code: str) -> models.KpiProgress | None:
        records = self.progress.get(kpi_code)
        return records[-1] if records else None

    def resolve_priority_code(self, code: str) -> str | None:
        """P1…E5, or the code a label lists it under (E6 → P5, "P5/E6/E7")."""
        if code in self.priorities:  # the common case, without building the pairs
            return code
        return find_priority_code(code, ((p.code, p.label) for p in self.priorities.values()))

    def get_theme_priority(self, code: str) -> str | None:
        theme = self.themes.get(code)
        return theme.priority_code if theme else None


def _grouped(rows: list[Any], key: str) -> dict[str, list[Any]]:
    grouped: dict[str, list[Any]] = defaultdict(list)
    for row in sorted(rows, key=lambda r: r.position):
        grouped[getattr(row, key)].append(row)
    return dict(grouped)


def load_knowledge(session: Session) -> Knowledge:
    priorities = sorted(session.exec(select(models.Priority)).all(), key=lambda p: p.position)
    themes = list(session.exec(select(models.Theme)).all())
    kpis = [k for k in session.exec(select(models.Kpi)).all() if not k.retired]
    budget: dict[tuple[str, int], list[models.BudgetLine]] = defaultdict(list)
    for line in session.exec(select(models.BudgetLine).order_by(col(models.BudgetLine.id))):
        budget[(line.subject_code, line.year)].append(line)
    years_by_subject: dict[str, set[int]] = defaultdict(set)
    for subject, year in budget:
        years_by_subject[subject].add(year)
    progress: dict[str, list[models.KpiProgress]] = defaultdict(list)
    order = (col(models.KpiProgress.recorded_at), col(models.KpiProgress.id))
    for record in session.exec(select(models.KpiProgress).order_by(*order)):
        progress[record.kpi_code].append(record)
    return Knowledge(
        documents={d.code: d for d in session.exec(select(models.Document))},
        priorities={p.code: p for p in priorities},
        themes={t.code: t for t in sorted(themes, key=lambda t: (t.priority_code, t.position))},
        themes_by_priority=_grouped(themes, "priority_code"),
        budget=dict(budget),
        years=sorted({year for _, year in budget}),
        years_by_subject={code: sorted(years) for code, years in years_by_subject.items()},
        edits=_edits(session, [line for lines in budget.values() for line in lines]),
        outcomes=_grouped(list(session.exec(select(models.Outcome))), "theme_code"),
        outputs=_grouped(list(session.exec(select(models.Output))), "theme_code"),
        kpis_by_theme=_grouped(kpis, "theme_code"),
        kpis={k.code: k for k in sorted(kpis, key=lambda k: (k.theme_code, k.position))},
        progress=dict(progress),
        risks={
            r.code: r for r in sorted(session.exec(select(models.Risk)), key=lambda r: r.position)
        },
        mitigations=_grouped(list(session.exec(select(models.RiskMitigation))), "risk_code"),
        facts=list(session.exec(select(models.Fact).order_by(col(models.Fact.id)))),
        faqs=list(session.exec(select(models.Faq).order_by(col(models.Faq.id)))),
        aliases=list(session.exec(select(models.Alias).order_by(col(models.Alias.id)))),
        synonyms=_synonym_groups(session),
        phrasings=_taught_phrasings(session),
        revision=get_revision(session),
    )


def _synonym_groups(session: Session) -> list[list[str]]:
    groups: dict[str, list[str]] = defaultdict(list)
    for row in session.exec(select(models.Synonym).order_by(col(models.Synonym.id))):
        groups[row.group].append(row.word)
    return list(groups.values())


def _taught_phrasings(session: Session) -> dict[str, list[str]]:
    taught: dict[str, list[str]] = defaultdict(list)
    query = select(models.TaughtPhrasing).order_by(col(models.TaughtPhrasing.id))
    for row in session.exec(query):
        taught[row.record].append(row.phrasing)
    return dict(taught)


def _edits(session: Session, lines: list[models.BudgetLine]) -> dict[int, models.AuditEntry]:
    ids = {to_change_id(line.section) for line in lines if is_admin_line(line)}
    wanted = sorted(i for i in ids if i is not None)
    if not wanted:
        return {}
    entries = session.exec(select(models.AuditEntry).where(col(models.AuditEntry.id).in_(wanted)))
    return {entry.id: entry for entry in entries if entry.id is not None}
