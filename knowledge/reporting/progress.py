"""KPI progress over time for a scope: what is overdue, recorded, stale or changed in a window."""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from sqlmodel import Session, col, select

from knowledge.answering import (
    Knowledge,
    get_budget_figure,
    get_complete_year,
    get_latest_year,
    load_knowledge,
    to_percentage,
)
from knowledge.errors import UnknownCode
from knowledge.store import TOTAL_CODE, models, to_label_codes

# A KPI is due for a reminder when nothing was recorded for it in this many days.
REMINDER_WINDOW_DAYS = 7
# A digest lists a KPI as stale when nothing was recorded for it in this many days.
STALE_AFTER_DAYS = 14
# A digest covers this many days up to the moment it is built.
DIGEST_WINDOW_DAYS = 7
# Scope words that mean everything.
ALL_WORDS = frozenset({"all", "*", "全部", "所有"})
# Audit entities that are not knowledge (who may edit, when to post): a digest leaves them out.
NON_KNOWLEDGE_ENTITIES = frozenset(
    {"subscription", "member", "owner", "delivery", "expert_channel"}
)
# Recorded progress has its own part of a digest; only its other changes (undo) are listed.
PROGRESS_ENTITY = "kpi_progress"
SUGGESTION_LIMIT = 3
SUGGESTION_CUTOFF = 0.5


class UnknownScope(UnknownCode):
    """A scope that is neither "all" nor a priority, enabler or theme code (kind "scope")."""

    def __init__(self, code: str, suggestions: Sequence[str] = ()) -> None:
        super().__init__("scope", code, suggestions)


@dataclass(frozen=True)
class Scope:
    """What a reminder or digest covers: everything, one priority/enabler, or one theme."""

    kind: str  # "all" | "priority" | "theme"
    code: str  # "all", "P1", "P1-EMT"
    label: str  # as a priority prints it ("P5/E6/E7"); the code for a theme; "" for all
    name_en: str
    name_zh: str
    theme_codes: tuple[str, ...]  # the themes in scope, in the knowledge's order

    def get_name(self, lang: str) -> str:
        return self.name_zh if lang == "zh" else self.name_en

    def is_in_scope(self, code: str) -> bool:
        """Whether a priority, theme or KPI code falls under this scope."""
        if self.kind == "all":
            return True
        if code == self.code:
            return True
        return any(code == t or code.startswith(f"{t}-") for t in self.theme_codes)


@dataclass(frozen=True)
class KpiStatus:
    """A KPI and its latest recorded value (None: never recorded)."""

    code: str
    theme_code: str
    text_en: str
    text_zh: str
    last_value: Decimal | None = None
    last_as_of: date | None = None
    last_recorded_at: datetime | None = None
    last_recorded_by: str | None = None
    # Who answers for it, as "platform:user_id": the owners of the KPI, else of its theme,
    # else of its priority (`/kb owner add`); empty when nobody owns it.
    owners: tuple[str, ...] = ()


@dataclass(frozen=True)
class ThemeKpis:
    """KPIs of one theme, in the theme's order."""

    theme_code: str
    priority_code: str
    name_en: str
    name_zh: str
    kpis: tuple[KpiStatus, ...]


@dataclass(frozen=True)
class ProgressRecord:
    """One value recorded for a KPI, with the change since the record before it."""

    kpi_code: str
    theme_code: str
    text_en: str
    text_zh: str
    value: Decimal
    previous: Decimal | None  # the value of the record before this one, if any
    change: Decimal | None  # value - previous
    target: Decimal | None
    as_of: date
    note: str
    recorded_by: str  # the platform's user id (Slack: U…)
    recorded_at: datetime


@dataclass(frozen=True)
class KpiTarget:
    """A KPI with records: its latest value against its target, and the change in a week.

    `target` is the latest target recorded with any of its values; `share` is the value as a
    percentage of it (one decimal, None without a target or with a zero one); `week_ago` the
    latest value recorded a week or more before the digest (None: none was).
    """

    code: str
    theme_code: str
    text_en: str
    text_zh: str
    value: Decimal
    target: Decimal | None
    share: Decimal | None
    week_ago: Decimal | None
    change: Decimal | None  # value - week_ago
    as_of: date
    recorded_by: str


@dataclass(frozen=True)
class KnowledgeChange:
    """One audited change to the knowledge."""

    id: int
    at: datetime
    actor: str
    action: str
    entity: str
    entity_key: str
    reverts_id: int | None


@dataclass(frozen=True)
class BudgetRow:
    """One subject's amount and its share of the scope's whole (and of the total)."""

    code: str
    label: str
    name_en: str
    name_zh: str
    amount: int
    share: Decimal  # of `BudgetOverview.whole`
    share_of_total: Decimal | None


@dataclass(frozen=True)
class BudgetOverview:
    """A scope's budget for one year: its parts with their shares.

    For "all" the parts are the priorities and enablers and the whole is the total; for a
    priority, its themes and the priority's amount; for a theme, the theme alone.
    """

    year: int
    whole_code: str
    whole: int
    total: int | None
    whole_share_of_total: Decimal | None
    rows: tuple[BudgetRow, ...]


# -- scope --------------------------------------------------------------------------------


def _scope_names(knowledge: Knowledge) -> dict[str, str]:
    """Every spelling of a scope (upper-cased) → its code."""
    names: dict[str, str] = {}
    for priority in knowledge.priorities.values():
        names[priority.code.upper()] = priority.code
        for label in to_label_codes(priority.label):
            names.setdefault(label, priority.code)
    for theme in knowledge.themes.values():
        names[theme.code.upper()] = theme.code
    return names


def resolve_scope(source: Knowledge | Session, text: str) -> Scope:
    """The scope `text` names: "all", a priority/enabler code or label (E6 → P5), or a theme.

    Case and surrounding spaces do not matter. Raises UnknownScope with up to three
    close codes otherwise.
    """
    knowledge = source if isinstance(source, Knowledge) else load_knowledge(source)
    word = text.strip()
    if word.lower() in ALL_WORDS:
        themes = tuple(
            t.code
            for code in knowledge.priorities
            for t in knowledge.themes_by_priority.get(code, [])
        )
        return Scope(
            "all", "all", "", "all priorities and enablers", "全部重点工作和推动因素", themes
        )
    names = _scope_names(knowledge)
    code = names.get(word.upper())
    if code in knowledge.priorities:
        p = knowledge.priorities[code]
        themes = tuple(t.code for t in knowledge.themes_by_priority.get(p.code, []))
        return Scope("priority", p.code, p.label, p.name_en, p.name_zh, themes)
    if code in knowledge.themes:
        t = knowledge.themes[code]
        return Scope("theme", t.code, t.code, t.name_en, t.name_zh, (t.code,))
    candidates = ["all", *sorted(set(names.values()))]
    close = difflib.get_close_matches(
        word.upper(), [c.upper() for c in candidates], SUGGESTION_LIMIT, SUGGESTION_CUTOFF
    )
    by_upper = {c.upper(): c for c in candidates}
    raise UnknownScope(word, [by_upper[c] for c in close])


# -- KPIs and their progress --------------------------------------------------------------


def _kpis_in_scope(knowledge: Knowledge, scope: Scope) -> list[models.Kpi]:
    return [k for t in scope.theme_codes for k in knowledge.kpis_by_theme.get(t, [])]


def _latest_records(session: Session, codes: Iterable[str]) -> dict[str, models.KpiProgress]:
    """Each KPI's latest record (by recorded_at, then id)."""
    wanted = list(codes)
    latest: dict[str, models.KpiProgress] = {}
    if not wanted:
        return latest
    rows = session.exec(
        select(models.KpiProgress)
        .where(col(models.KpiProgress.kpi_code).in_(wanted))
        .order_by(col(models.KpiProgress.recorded_at), col(models.KpiProgress.id))
    )
    for row in rows:
        latest[row.kpi_code] = row
    return latest


def _group_by_theme(knowledge: Knowledge, statuses: list[KpiStatus]) -> list[ThemeKpis]:
    grouped: dict[str, list[KpiStatus]] = {}
    for status in statuses:
        grouped.setdefault(status.theme_code, []).append(status)
    groups = []
    for code, kpis in grouped.items():
        theme = knowledge.themes[code]
        groups.append(
            ThemeKpis(code, theme.priority_code, theme.name_en, theme.name_zh, tuple(kpis))
        )
    return groups


def get_owners_by_code(session: Session) -> dict[str, list[str]]:
    """Every owner ("platform:user_id") by the KPI, theme or priority code they own."""
    found: dict[str, list[str]] = {}
    for row in session.exec(select(models.Owner).order_by(col(models.Owner.id))):
        found.setdefault(row.scope, []).append(f"{row.platform}:{row.user_id}")
    return found


def find_kpi_owners(
    owners_by_code: dict[str, list[str]], kpi_code: str, theme_code: str, priority_code: str
) -> tuple[str, ...]:
    """A KPI's owners: of the KPI itself if it has any, else of its theme, else of its
    priority (the closest owner answers for it)."""
    for code in (kpi_code, theme_code, priority_code):
        if owners_by_code.get(code):
            return tuple(owners_by_code[code])
    return ()


def list_scope_owners(session: Session, knowledge: Knowledge, scope: Scope) -> frozenset[str]:
    """Everyone ("platform:user_id") who answers for a KPI in scope."""
    owners = get_owners_by_code(session)
    return frozenset(
        owner
        for kpi in _kpis_in_scope(knowledge, scope)
        for owner in find_kpi_owners(
            owners, kpi.code, kpi.theme_code, knowledge.themes[kpi.theme_code].priority_code
        )
    )


def _list_quiet_kpis(
    session: Session, knowledge: Knowledge, scope: Scope, since: datetime
) -> list[ThemeKpis]:
    kpis = _kpis_in_scope(knowledge, scope)
    latest = _latest_records(session, (k.code for k in kpis))
    owners = get_owners_by_code(session)
    quiet: list[KpiStatus] = []
    for kpi in kpis:
        last = latest.get(kpi.code)
        if last is not None and last.recorded_at >= since:
            continue
        priority = knowledge.themes[kpi.theme_code].priority_code
        quiet.append(
            KpiStatus(
                kpi.code,
                kpi.theme_code,
                kpi.text_en,
                kpi.text_zh,
                last.value if last else None,
                last.as_of if last else None,
                last.recorded_at if last else None,
                last.recorded_by if last else None,
                find_kpi_owners(owners, kpi.code, kpi.theme_code, priority),
            )
        )
    return _group_by_theme(knowledge, quiet)


def list_kpis_due(
    session: Session,
    knowledge: Knowledge,
    scope: Scope,
    now: datetime,
    days: int = REMINDER_WINDOW_DAYS,
) -> list[ThemeKpis]:
    """KPIs in scope with no progress recorded in the last `days` days (or never), by theme."""
    return _list_quiet_kpis(session, knowledge, scope, now - timedelta(days=days))


def list_stale_kpis(
    session: Session,
    knowledge: Knowledge,
    scope: Scope,
    now: datetime,
    days: int = STALE_AFTER_DAYS,
) -> list[ThemeKpis]:
    """KPIs in scope with no update for `days` days or more (or never), by theme."""
    return _list_quiet_kpis(session, knowledge, scope, now - timedelta(days=days))


def list_progress(
    session: Session, knowledge: Knowledge, scope: Scope, since: datetime, until: datetime
) -> list[ProgressRecord]:
    """Values recorded for KPIs in scope with since <= recorded_at < until, oldest first.

    Each carries the value recorded before it (whenever that was) and the change.
    """
    kpis = {k.code: k for k in _kpis_in_scope(knowledge, scope)}
    if not kpis:
        return []
    rows = session.exec(
        select(models.KpiProgress)
        .where(col(models.KpiProgress.kpi_code).in_(list(kpis)))
        .where(col(models.KpiProgress.recorded_at) < until)
        .order_by(col(models.KpiProgress.recorded_at), col(models.KpiProgress.id))
    )
    previous: dict[str, Decimal] = {}
    records: list[ProgressRecord] = []
    for row in rows:
        before = previous.get(row.kpi_code)
        previous[row.kpi_code] = row.value
        if row.recorded_at < since:
            continue
        kpi = kpis[row.kpi_code]
        records.append(
            ProgressRecord(
                kpi.code,
                kpi.theme_code,
                kpi.text_en,
                kpi.text_zh,
                row.value,
                before,
                None if before is None else row.value - before,
                row.target,
                row.as_of,
                row.note,
                row.recorded_by,
                row.recorded_at,
            )
        )
    return records


def list_kpi_targets(
    session: Session,
    knowledge: Knowledge,
    scope: Scope,
    now: datetime,
    trend_days: int = DIGEST_WINDOW_DAYS,
) -> list[KpiTarget]:
    """The KPIs in scope with at least one value recorded before `now`, in the knowledge's
    order: latest value, latest target, share of the target, and the change since the value
    as it stood `trend_days` days before `now`."""
    kpis = _kpis_in_scope(knowledge, scope)
    codes = [k.code for k in kpis]
    if not codes:
        return []
    rows = session.exec(
        select(models.KpiProgress)
        .where(col(models.KpiProgress.kpi_code).in_(codes))
        .where(col(models.KpiProgress.recorded_at) < now)
        .order_by(col(models.KpiProgress.recorded_at), col(models.KpiProgress.id))
    )
    week_start = now - timedelta(days=trend_days)
    latest: dict[str, models.KpiProgress] = {}
    targets: dict[str, Decimal] = {}
    before_week: dict[str, Decimal] = {}
    for row in rows:
        latest[row.kpi_code] = row
        if row.target is not None:
            targets[row.kpi_code] = row.target
        if row.recorded_at < week_start:
            before_week[row.kpi_code] = row.value
    result: list[KpiTarget] = []
    for kpi in kpis:
        last = latest.get(kpi.code)
        if last is None:
            continue
        target = targets.get(kpi.code)
        share = None
        if target is not None and target != 0:
            share = (last.value * 100 / target).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)
        week_ago = before_week.get(kpi.code)
        result.append(
            KpiTarget(
                kpi.code,
                kpi.theme_code,
                kpi.text_en,
                kpi.text_zh,
                last.value,
                target,
                share,
                week_ago,
                None if week_ago is None else last.value - week_ago,
                last.as_of,
                last.recorded_by,
            )
        )
    return result


def _codes_in(values: dict[str, Any] | None) -> list[str]:
    if not values:
        return []
    keys = ("code", "kpi_code", "theme_code", "priority_code", "subject_code", "target_code")
    return [str(values[k]) for k in keys if values.get(k)]


def list_knowledge_changes(
    session: Session, scope: Scope, since: datetime, until: datetime
) -> list[KnowledgeChange]:
    """Audited changes to the knowledge in scope with since <= at < until, oldest first.

    Changes to subscriptions and roles are not knowledge and are left out, and so is
    recorded progress (`list_progress` has it). For a priority or theme scope, a change
    counts when its key or a code it records falls in scope.
    """
    rows = session.exec(
        select(models.AuditEntry)
        .where(col(models.AuditEntry.at) >= since)
        .where(col(models.AuditEntry.at) < until)
        .order_by(col(models.AuditEntry.id))
    )
    changes: list[KnowledgeChange] = []
    for row in rows:
        if row.entity in NON_KNOWLEDGE_ENTITIES:
            continue
        if row.entity == PROGRESS_ENTITY and row.action == "add":
            continue
        if scope.kind != "all":
            head = row.entity_key.partition(":")[0]  # budget "P1:2023", progress "P1-EMT-1:9"
            codes = [head, *_codes_in(row.before), *_codes_in(row.after)]
            if not any(scope.is_in_scope(code) for code in codes):
                continue
        changes.append(
            KnowledgeChange(
                row.id or 0,
                row.at,
                row.actor,
                row.action,
                row.entity,
                row.entity_key,
                row.reverts_id,
            )
        )
    return changes


# -- budget -------------------------------------------------------------------------------


def get_budget_overview(
    knowledge: Knowledge, scope: Scope, year: int | None = None
) -> BudgetOverview | None:
    """The scope's budget for `year` (default: the latest year it is complete for) with shares.

    Shares are computed from the amounts (rounded half-up to one decimal) so that they
    always match the figures shown. None when the year has no figure for the scope.
    """
    if scope.kind == "all":
        whole_code = TOTAL_CODE
        part_codes = list(knowledge.priorities)
    elif scope.kind == "priority":
        whole_code = scope.code
        part_codes = list(scope.theme_codes)
    else:
        whole_code = scope.code
        part_codes = [scope.code]
    if year is None:
        # As the engine does: a year admins have only begun to fill in is not the default.
        year = get_complete_year(knowledge, [whole_code, *part_codes]) or get_latest_year(
            knowledge, whole_code
        )
        if year is None:
            return None
    total_figure = get_budget_figure(knowledge, TOTAL_CODE, year)
    total = total_figure.amount if total_figure else None
    whole_figure = get_budget_figure(knowledge, whole_code, year)
    parts = [f for f in (get_budget_figure(knowledge, c, year) for c in part_codes) if f]
    if whole_figure is None and not parts:
        return None
    whole = whole_figure.amount if whole_figure else sum(f.amount for f in parts)
    rows = tuple(
        BudgetRow(
            f.subject.code,
            f.subject.label if f.subject.kind != "theme" else f.subject.code,
            f.subject.name_en,
            f.subject.name_zh,
            f.amount,
            to_percentage(f.amount, whole),
            to_percentage(f.amount, total) if total else None,
        )
        for f in parts
    )
    whole_share = to_percentage(whole, total) if total else None
    return BudgetOverview(year, whole_code, whole, total, whole_share, rows)
