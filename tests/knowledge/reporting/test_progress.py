"""KPI progress for a scope: due, recorded, stale, changed; scopes; budget shares."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from typing import Any

import pytest
from sqlalchemy.engine import Engine
from sqlmodel import Session

from knowledge.answering import AnswerEngine, Knowledge, load_knowledge
from knowledge.errors import UnknownCode
from knowledge.reporting.progress import (
    UnknownScope,
    get_budget_overview,
    list_knowledge_changes,
    list_kpi_targets,
    list_kpis_due,
    list_progress,
    list_stale_kpis,
    resolve_scope,
)
from knowledge.store import models
from tests.support.stores import add_progress

NOW = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)


@pytest.fixture
def session(seeded_engine: Engine) -> Iterator[Session]:
    with Session(seeded_engine) as session:
        yield session


@pytest.fixture
def knowledge(session: Session) -> Knowledge:
    return load_knowledge(session)


@pytest.fixture
def seed_knowledge(answer_engine: AnswerEngine) -> Knowledge:
    """The seed knowledge, read once: for the tests that only read."""
    return answer_engine.knowledge


def _record(
    session: Session, code: str, value: str, days_ago: float, who: str = "slack:U0OWNER1"
) -> None:
    add_progress(session, code, value, NOW - timedelta(days=days_ago), who)


def _audit(
    session: Session,
    days_ago: float,
    entity: str,
    key: str,
    action: str = "edit",
    after: dict[str, Any] | None = None,
) -> None:
    session.add(
        models.AuditEntry(
            at=NOW - timedelta(days=days_ago),
            actor="slack:U0ADMIN1",
            action=action,
            entity=entity,
            entity_key=key,
            after=after,
        )
    )
    session.commit()


def _codes(groups: Any) -> list[str]:
    return [k.code for group in groups for k in group.kpis]


# -- scopes -------------------------------------------------------------------------------


def test_resolve_scope_reads_all_codes_labels_and_themes(seed_knowledge: Knowledge) -> None:
    everything = resolve_scope(seed_knowledge, " ALL ")
    assert everything.kind == "all"
    assert everything.theme_codes[0].startswith("P1-")  # priorities first, in their order
    assert len(everything.theme_codes) == len(seed_knowledge.themes)
    p1 = resolve_scope(seed_knowledge, "p1")
    assert (p1.kind, p1.code, p1.theme_codes) == ("priority", "P1", ("P1-EMT", "P1-INF"))
    assert resolve_scope(seed_knowledge, "E6").code == "P5"  # a label P5 lists
    theme = resolve_scope(seed_knowledge, "p1-emt")
    assert (theme.kind, theme.code, theme.theme_codes) == ("theme", "P1-EMT", ("P1-EMT",))
    assert theme.is_in_scope("P1-EMT-3") and not theme.is_in_scope("P1-INF-1")


def test_resolve_scope_refuses_an_unknown_code_with_suggestions(session: Session) -> None:
    with pytest.raises(UnknownScope) as caught:
        resolve_scope(session, "P1-EMX")
    assert isinstance(caught.value, UnknownCode)
    assert caught.value.kind == "scope"
    assert caught.value.code == "P1-EMX"
    assert caught.value.suggestions[0] == "P1-EMT"


# -- KPIs due, stale ----------------------------------------------------------------------


def test_kpis_due_are_those_without_progress_in_the_last_seven_days(
    session: Session, knowledge: Knowledge
) -> None:
    _record(session, "P1-EMT-1", "3", days_ago=2)
    _record(session, "P1-EMT-2", "7", days_ago=10)
    scope = resolve_scope(knowledge, "P1-EMT")
    due = list_kpis_due(session, knowledge, scope, NOW)
    assert _codes(due) == ["P1-EMT-2", "P1-EMT-3", "P1-EMT-4", "P1-EMT-5", "P1-EMT-6"]
    latest = due[0].kpis[0]
    assert latest.last_value == Decimal("7") and latest.last_recorded_by == "slack:U0OWNER1"
    assert due[0].kpis[1].last_recorded_at is None  # never recorded


def test_kpis_due_are_grouped_by_theme_in_order(session: Session, knowledge: Knowledge) -> None:
    due = list_kpis_due(session, knowledge, resolve_scope(knowledge, "P1"), NOW)
    assert [g.theme_code for g in due] == ["P1-EMT", "P1-INF"]
    assert len(_codes(due)) == 15


def test_no_kpi_is_due_when_all_have_recent_progress(
    session: Session, knowledge: Knowledge
) -> None:
    _record(session, "E1-X-1", "1", days_ago=6.9)
    _record(session, "E1-X-2", "1", days_ago=0)
    assert list_kpis_due(session, knowledge, resolve_scope(knowledge, "E1"), NOW) == []


def test_stale_kpis_had_no_update_for_two_weeks(session: Session, knowledge: Knowledge) -> None:
    _record(session, "E1-X-1", "1", days_ago=15)
    _record(session, "E1-X-2", "1", days_ago=13)
    stale = list_stale_kpis(session, knowledge, resolve_scope(knowledge, "E1-X"), NOW)
    assert _codes(stale) == ["E1-X-1"]


def test_retired_kpis_are_never_due(session: Session) -> None:
    kpi = session.get(models.Kpi, 1)
    assert kpi is not None
    kpi.retired = True
    session.add(kpi)
    session.commit()
    knowledge = load_knowledge(session)
    due = list_kpis_due(session, knowledge, resolve_scope(knowledge, "all"), NOW)
    assert kpi.code not in _codes(due)


# -- progress recorded --------------------------------------------------------------------


def test_progress_in_a_window_carries_the_change_since_the_record_before(
    session: Session, knowledge: Knowledge
) -> None:
    _record(session, "P1-EMT-1", "3", days_ago=20)
    _record(session, "P1-EMT-1", "5.5", days_ago=3, who="slack:U0OTHER1")
    _record(session, "P1-INF-1", "12", days_ago=1)
    _record(session, "P2-DIE-1", "4", days_ago=1)  # another priority
    scope = resolve_scope(knowledge, "P1")
    records = list_progress(session, knowledge, scope, NOW - timedelta(days=7), NOW)
    assert [(r.kpi_code, r.value, r.previous, r.change) for r in records] == [
        ("P1-EMT-1", Decimal("5.5"), Decimal("3"), Decimal("2.5")),
        ("P1-INF-1", Decimal("12"), None, None),
    ]
    assert records[0].recorded_by == "slack:U0OTHER1"
    assert records[0].as_of == (NOW - timedelta(days=3)).date()


def test_progress_window_excludes_its_end(session: Session, knowledge: Knowledge) -> None:
    _record(session, "P1-EMT-1", "1", days_ago=0)  # recorded at NOW exactly
    scope = resolve_scope(knowledge, "all")
    assert list_progress(session, knowledge, scope, NOW - timedelta(days=7), NOW) == []
    assert isinstance(NOW.date(), date)


# -- knowledge changes --------------------------------------------------------------------


def test_knowledge_changes_in_scope_and_window(session: Session, knowledge: Knowledge) -> None:
    _audit(session, 1, "budget", "P1:2023", action="set")
    _audit(session, 2, "fact", "wtdc-25", after={"priority_code": "P2"})
    _audit(session, 2, "kpi", "P1-EMT-3", action="retire")
    _audit(session, 3, "subscription", "4", action="add")  # not knowledge
    _audit(session, 3, "kpi_progress", "P1-EMT-1:9", action="add")  # listed as progress
    _audit(session, 3, "kpi_progress", "P1-EMT-1:9", action="undo")
    _audit(session, 9, "kpi", "P1-EMT-4", action="retire")  # before the window
    since = NOW - timedelta(days=7)
    p1 = list_knowledge_changes(session, resolve_scope(knowledge, "P1"), since, NOW)
    assert [(c.entity, c.entity_key, c.action) for c in p1] == [
        ("budget", "P1:2023", "set"),
        ("kpi", "P1-EMT-3", "retire"),
        ("kpi_progress", "P1-EMT-1:9", "undo"),
    ]
    everything = list_knowledge_changes(session, resolve_scope(knowledge, "all"), since, NOW)
    assert [c.entity for c in everything] == ["budget", "fact", "kpi", "kpi_progress"]


# -- budget -------------------------------------------------------------------------------


def test_budget_overview_of_everything_is_the_priorities_share_of_the_total(
    seed_knowledge: Knowledge,
) -> None:
    overview = get_budget_overview(seed_knowledge, resolve_scope(seed_knowledge, "all"))
    assert overview is not None
    assert (overview.year, overview.whole_code, overview.whole) == (2023, "TOTAL", 4_200_000)
    shares = {row.code: row.share for row in overview.rows}
    assert shares["P3"] == Decimal("26.5") and shares["E1"] == Decimal("0.4")
    assert sum(row.amount for row in overview.rows) == overview.whole


def test_budget_overview_of_a_priority_is_its_themes(seed_knowledge: Knowledge) -> None:
    overview = get_budget_overview(seed_knowledge, resolve_scope(seed_knowledge, "P1"))
    assert overview is not None
    assert overview.whole == 519_000 and overview.whole_share_of_total == Decimal("12.4")
    assert [(r.code, r.amount, r.share) for r in overview.rows] == [
        ("P1-EMT", 127_000, Decimal("24.5")),
        ("P1-INF", 392_000, Decimal("75.5")),
    ]


def test_budget_overview_of_a_theme_and_of_a_missing_year(seed_knowledge: Knowledge) -> None:
    theme = resolve_scope(seed_knowledge, "P1-EMT")
    overview = get_budget_overview(seed_knowledge, theme)
    assert overview is not None
    assert [(r.code, r.share) for r in overview.rows] == [("P1-EMT", Decimal("100.0"))]
    assert get_budget_overview(seed_knowledge, theme, year=1999) is None


def test_targets_give_the_latest_value_its_share_and_the_change_in_a_week(
    session: Session, knowledge: Knowledge
) -> None:
    scope = resolve_scope(knowledge, "P1-EMT")
    session.add(
        models.KpiProgress(
            kpi_code="P1-EMT-1", value=Decimal(4), target=Decimal(16), as_of=date(2026, 11, 1),
            recorded_by="slack:U1", recorded_at=NOW - timedelta(days=20),
        )
    )  # fmt: skip
    session.commit()
    _record(session, "P1-EMT-1", "6", 9)  # a week ago: 6
    _record(session, "P1-EMT-1", "10", 2)  # now: 10 of 16 (the target recorded earlier)
    _record(session, "P1-EMT-2", "3", 1)  # a first value this week, no target
    _record(session, "P1-EMT-1", "99", -1)  # after the digest: not counted
    rows = {row.code: row for row in list_kpi_targets(session, knowledge, scope, NOW)}
    assert list(rows) == ["P1-EMT-1", "P1-EMT-2"]
    first = rows["P1-EMT-1"]
    assert (first.value, first.target, first.share) == (Decimal(10), Decimal(16), Decimal("62.5"))
    assert (first.week_ago, first.change) == (Decimal(6), Decimal(4))
    second = rows["P1-EMT-2"]
    assert (second.target, second.share, second.week_ago, second.change) == (None,) * 4
