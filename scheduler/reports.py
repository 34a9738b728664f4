"""What a scheduled post says: a reminder or a digest for a scope, as plain data."""

from __future__ import annotations

import threading
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from datetime import date, datetime, timedelta
from typing import Literal

from sqlmodel import Session

from knowledge.answering import Knowledge, KnowledgeCache
from knowledge.editing import expert_questions
from knowledge.records import AwayPerson, list_away
from knowledge.reporting import (
    DIGEST_WINDOW_DAYS,
    REMINDER_WINDOW_DAYS,
    STALE_AFTER_DAYS,
    BudgetOverview,
    KnowledgeChange,
    KpiTarget,
    ProgressRecord,
    Scope,
    ThemeKpis,
    find_kpi_owners,
    get_budget_overview,
    get_owners_by_code,
    list_knowledge_changes,
    list_kpi_targets,
    list_kpis_due,
    list_progress,
    list_scope_owners,
    list_stale_kpis,
    resolve_scope,
)
from knowledge.store import models
from scheduler.schedules import to_zone

KINDS = ("reminder", "digest")
# A budget chart is drawn when the overview has at least this many parts to compare.
CHART_MIN_ROWS = 2


@dataclass(frozen=True)
class MissedPost:
    """A post of this subscription that never went out (missed beyond the grace window,
    or failed for good): a digest lists it."""

    subscription_id: int
    period: datetime
    status: str  # missed | failed
    error: str = ""


@dataclass(frozen=True)
class UnansweredQuestion:
    """A question handed to the experts that no one has answered yet: a digest lists it, so
    that it is not forgotten."""

    id: int
    asked_at: datetime
    question: str
    status: str  # open | claimed
    scope: str


@dataclass(frozen=True)
class Reminder:
    """KPIs in scope with no progress recorded in the last `window_days` days, by theme."""

    lang: str
    scope: Scope
    generated_at: datetime
    themes: tuple[ThemeKpis, ...]
    window_days: int = REMINDER_WINDOW_DAYS
    # Progress recorded since the reminder was posted (an Update from the message): shown
    # as done when the reminder is shown again in place.
    done: tuple[ProgressRecord, ...] = ()
    # A personal reminder: the owner ("platform:user_id") whose KPIs alone it lists.
    owner: str = ""
    kind: Literal["reminder"] = "reminder"
    # The subscription it is posted for (None: a preview): its "remind me later" buttons.
    subscription_id: int | None = None
    # Sent again to one person who asked for it ("remind me tomorrow").
    snoozed: bool = False

    @property
    def is_empty(self) -> bool:
        """Nothing to remind anyone of: every KPI in scope is up to date."""
        return not self.themes

    @property
    def kpi_count(self) -> int:
        return sum(len(group.kpis) for group in self.themes)


@dataclass(frozen=True)
class Digest:
    """A manager's week for a scope: budget, progress recorded, stale KPIs, knowledge
    changes and posts that were missed, from `period_start` to `generated_at`."""

    lang: str
    scope: Scope
    period_start: datetime
    generated_at: datetime
    budget: BudgetOverview | None
    progress: tuple[ProgressRecord, ...]
    stale: tuple[ThemeKpis, ...]
    changes: tuple[KnowledgeChange, ...]
    missed: tuple[MissedPost, ...] = ()
    unanswered: tuple[UnansweredQuestion, ...] = ()
    chart_png: bytes | None = field(default=None, repr=False)
    stale_days: int = STALE_AFTER_DAYS
    kind: Literal["digest"] = "digest"
    # Progress against target of every KPI in scope with a record (the table and the chart).
    targets: tuple[KpiTarget, ...] = ()
    # Who is away on the digest's day: their KPIs are not late.
    away: tuple[AwayPerson, ...] = ()

    @property
    def is_empty(self) -> bool:
        """Nothing at all to show: no budget, no progress, no stale KPI, no change, no
        missed post. A manager's weekly digest with no news still posts its budget and
        stale KPIs, so a digest of a scope with figures or KPIs is never empty."""
        return not (self.budget or self.has_news or self.stale)

    @property
    def has_news(self) -> bool:
        """Something to tell this period: progress, a knowledge change, a missed post, or a
        question the experts have not answered."""
        return bool(self.progress or self.changes or self.missed or self.unanswered)

    @property
    def stale_count(self) -> int:
        return sum(len(group.kpis) for group in self.stale)


Report = Reminder | Digest

# The knowledge cache of each store (by URL) for callers that are given no builder (tests,
# scripts); the processes get theirs from bot.composition, shared with their answer service.
_default_caches_lock = threading.Lock()
_default_caches: dict[str, KnowledgeCache] = {}


def _get_default_cache(session: Session) -> KnowledgeCache:
    key = str(session.get_bind().engine.url)
    with _default_caches_lock:
        return _default_caches.setdefault(key, KnowledgeCache())


def get_knowledge(session: Session) -> Knowledge:
    """The knowledge at the store's current revision, read once per revision and process."""
    return _get_default_cache(session).get(session)


def to_missed_post(delivery: models.Delivery) -> MissedPost:
    return MissedPost(delivery.subscription_id, delivery.period, delivery.status, delivery.error)


def keep_owned(themes: Sequence[ThemeKpis], owner: str) -> list[ThemeKpis]:
    """The KPIs `owner` ("platform:user_id") answers for, by theme; themes left empty go."""
    kept = []
    for group in themes:
        kpis = tuple(k for k in group.kpis if owner in k.owners)
        if kpis:
            kept.append(replace(group, kpis=kpis))
    return kept


def list_unanswered_questions(
    session: Session, scope: Scope, now: datetime
) -> list[UnansweredQuestion]:
    """Questions handed to the experts before `now` and not answered, in scope (a digest of
    everything lists them all; one of a priority, those about it), oldest first."""
    return [
        UnansweredQuestion(row.id or 0, row.at, row.question, row.status, row.scope)
        for row in expert_questions.list_unanswered(session, None, now)
        if scope.kind == "all" or scope.is_in_scope(row.scope)
    ]


def build_reminder(
    session: Session,
    scope: Scope,
    lang: str,
    now: datetime,
    knowledge: Knowledge | None = None,
    *,
    owner: str = "",
    posted_at: datetime | None = None,
) -> Reminder:
    """The KPIs in scope due at `now` (only those `owner` answers for, when given).

    `posted_at`: the reminder is shown again in place (after an Update from it): it keeps
    that time as its own, and lists as done what was recorded since."""
    knowledge = knowledge or get_knowledge(session)
    themes = list_kpis_due(session, knowledge, scope, now)
    if owner:
        themes = keep_owned(themes, owner)
    done: tuple[ProgressRecord, ...] = ()
    if posted_at is not None:
        done = tuple(list_progress(session, knowledge, scope, posted_at, now))
        if owner:
            owners = get_owners_by_code(session)
            done = tuple(
                r
                for r in done
                if owner
                in find_kpi_owners(
                    owners, r.kpi_code, r.theme_code, knowledge.themes[r.theme_code].priority_code
                )
            )
    return Reminder(lang, scope, posted_at or now, tuple(themes), done=done, owner=owner)


def build_digest(
    session: Session,
    scope: Scope,
    lang: str,
    now: datetime,
    missed: Sequence[models.Delivery] = (),
    *,
    knowledge: Knowledge | None = None,
    with_chart: bool = True,
    today: date | None = None,
) -> Digest:
    """`today`: the digest's day where it is read (the subscription's zone; UTC when not
    given), the day whose away people it lists: those who own a KPI in scope."""
    knowledge = knowledge or get_knowledge(session)
    since = now - timedelta(days=DIGEST_WINDOW_DAYS)
    budget = get_budget_overview(knowledge, scope)
    chart = None
    if with_chart and budget is not None and len(budget.rows) >= CHART_MIN_ROWS:
        # Imported here: matplotlib loads only when a chart is drawn.
        from scheduler.charts import render_budget_chart

        chart = render_budget_chart(budget)
    scope_owners = list_scope_owners(session, knowledge, scope)
    return Digest(
        lang=lang,
        scope=scope,
        period_start=since,
        generated_at=now,
        budget=budget,
        progress=tuple(list_progress(session, knowledge, scope, since, now)),
        stale=tuple(list_stale_kpis(session, knowledge, scope, now)),
        changes=tuple(list_knowledge_changes(session, scope, since, now)),
        missed=tuple(to_missed_post(d) for d in sorted(missed, key=lambda d: d.period)),
        unanswered=tuple(list_unanswered_questions(session, scope, now)),
        chart_png=chart,
        targets=tuple(list_kpi_targets(session, knowledge, scope, now)),
        away=tuple(p for p in list_away(session, today or now.date()) if p.actor in scope_owners),
    )


class ReportBuilder:
    """Builds the reports of one store, reading its knowledge through `knowledge_cache`."""

    def __init__(self, knowledge_cache: KnowledgeCache) -> None:
        self.knowledge_cache = knowledge_cache

    def build_report_for(
        self,
        session: Session,
        kind: str,
        scope_text: str,
        lang: str,
        now: datetime,
        missed: Sequence[models.Delivery] = (),
        *,
        with_chart: bool = True,
        today: date | None = None,
    ) -> Report:
        """A report of `kind` for a scope as written ("all", "P1", "E6", "P1-EMT"); `today`:
        the reader's day (a digest's away people), UTC's when not given.

        Raises knowledge.reporting.UnknownScope when the scope names nothing (any more).
        """
        knowledge = self.knowledge_cache.get(session)
        scope = resolve_scope(knowledge, scope_text)
        if kind == "reminder":
            return build_reminder(session, scope, lang, now, knowledge)
        if kind == "digest":
            return build_digest(
                session,
                scope,
                lang,
                now,
                missed,
                knowledge=knowledge,
                with_chart=with_chart,
                today=today,
            )
        raise ValueError(f"unknown report kind {kind!r}")

    def build_report(
        self,
        session: Session,
        subscription: models.Subscription,
        now: datetime,
        missed: Sequence[models.Delivery] = (),
    ) -> Report:
        """The report a subscription posts at `now` (aware UTC), in its language.

        A reminder lists the KPIs in scope with nothing recorded in the last 7 days; a
        digest covers the 7 days before `now` and lists `missed` deliveries (missed or
        failed posts of this subscription) so that none is silently dropped. Reads only;
        the caller owns the session. Raises knowledge.reporting.UnknownScope when the
        subscription's scope no longer names anything.
        """
        today = now.astimezone(to_zone(subscription.tz)).date()
        report = self.build_report_for(
            session,
            subscription.kind,
            subscription.scope,
            subscription.lang,
            now,
            missed,
            today=today,
        )
        if isinstance(report, Reminder):
            report = replace(report, subscription_id=subscription.id)
        return report


def build_report_for(
    session: Session,
    kind: str,
    scope_text: str,
    lang: str,
    now: datetime,
    missed: Sequence[models.Delivery] = (),
    *,
    with_chart: bool = True,
) -> Report:
    """ReportBuilder.build_report_for with this store's default cache."""
    builder = ReportBuilder(_get_default_cache(session))
    return builder.build_report_for(
        session, kind, scope_text, lang, now, missed, with_chart=with_chart
    )


def build_report(
    session: Session,
    subscription: models.Subscription,
    now: datetime,
    missed: Sequence[models.Delivery] = (),
) -> Report:
    """ReportBuilder.build_report with this store's default cache."""
    return ReportBuilder(_get_default_cache(session)).build_report(
        session, subscription, now, missed
    )
