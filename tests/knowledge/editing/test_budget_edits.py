"""Setting budget figures: KB lines, consistency confirmation, new years, bad input, undo."""

from __future__ import annotations

import logging

import pytest
from sqlalchemy.engine import Engine
from sqlmodel import Session, col, select

from knowledge.answering import load_knowledge
from knowledge.editing.audit import run_edit, to_snapshot, undo_change
from knowledge.editing.budget_edits import get_amounts, get_latest_year, set_budget
from knowledge.editing.permissions import Actor, Permissions
from knowledge.errors import (
    InvalidValue,
    NeedsConfirmation,
    NotPermitted,
    RecordChanged,
    UnknownCode,
)
from knowledge.store import models

ADMIN = Permissions(Actor("slack", "UADMIN"), is_admin=True)
EDITOR_P1 = Permissions(Actor("slack", "UED1"), editor_scopes=frozenset({"P1"}))


def _budget_rows(engine: Engine) -> list[dict[str, object]]:
    with Session(engine) as session:
        rows = session.exec(select(models.BudgetLine).order_by(col(models.BudgetLine.id)))
        return [{k: v for k, v in to_snapshot(r).items() if k != "version"} for r in rows]


def _audit_count(engine: Engine) -> int:
    with Session(engine) as session:
        return len(session.exec(select(models.AuditEntry)).all())


def test_an_inconsistent_figure_asks_with_the_figures_then_applies(store: Engine) -> None:
    with Session(store) as session, pytest.raises(NeedsConfirmation) as asked:
        set_budget(session, ADMIN, "P1", 520_000, 2023)
    assert asked.value.reason_key == "budget_inconsistent"
    details = asked.value.details
    assert details["current"] == 519_000 and details["amount"] == 520_000
    sums = {m["parent"]: (m["parent_amount"], m["children_sum"]) for m in details["mismatches"]}
    assert sums == {"P1": (520_000, 519_000), "TOTAL": (4_200_000, 4_201_000)}
    assert asked.value.versions == {"budget:P1:2023": 0}
    assert _audit_count(store) == 0

    entry = run_edit(
        store,
        lambda s: set_budget(
            s, ADMIN, "p1", 520_000, 2023, confirmed_versions=asked.value.versions
        ),
    )
    assert entry.entity == "budget" and entry.entity_key == "P1:2023"
    assert entry.actor == "slack:UADMIN" and entry.before is None
    assert entry.after is not None and entry.after["section"] == f"change #{entry.id}"
    with Session(store) as session:
        line = session.exec(select(models.BudgetLine).where(models.BudgetLine.doc == "KB")).one()
        assert (line.subject_code, line.year, line.amount_chf) == ("P1", 2023, 520_000)
        assert get_amounts(session, 2023)["P1"] == 520_000
        knowledge = load_knowledge(session)
    assert [x.amount_chf for x in knowledge.get_budget_lines("P1", 2023)] == [520_000]


def test_a_consistent_edit_needs_no_confirmation(store: Engine) -> None:
    run_edit(
        store,
        lambda s: set_budget(
            s, ADMIN, "TOTAL", 4_300_000, 2023, confirmed_versions={"budget:TOTAL:2023": 0}
        ),
    )
    # P5 up by the same 100 000: priorities add up to the new total again, P5 has no themes.
    entry = run_edit(store, lambda s: set_budget(s, ADMIN, "P5", 220_000, 2023))
    assert entry.after is not None and entry.after["amount_chf"] == 220_000


def test_a_new_year_appears_and_becomes_the_default(store: Engine) -> None:
    run_edit(store, lambda s: set_budget(s, ADMIN, "P1", 600_000, 2024))
    with Session(store) as session:
        assert get_latest_year(session) == 2024
        assert load_knowledge(session).years == [2023, 2024]
        # Without a year, a subject's figure is set for the year it is answered for: its own
        # latest, not a year admins have only begun to fill in for others.
        assert get_latest_year(session, "P1") == 2024
        assert get_latest_year(session, "P1-EMT") == 2023
    entry = run_edit(store, lambda s: set_budget(s, ADMIN, "P1-EMT", 200_000, 2024))
    assert entry.entity_key == "P1-EMT:2024"
    with pytest.raises(NeedsConfirmation) as asked, Session(store) as session:
        set_budget(session, ADMIN, "P1-INF", 500_000, 2024)  # 700 000 ≠ 600 000
    assert asked.value.details["mismatches"][0]["children_sum"] == 700_000
    run_edit(store, lambda s: set_budget(s, ADMIN, "P3", 1_000_000, 2024))
    with pytest.raises(NeedsConfirmation) as asked, Session(store) as session:
        set_budget(session, ADMIN, "P3-CD", 1_200_000, 2024)  # one theme already exceeds P3
    assert asked.value.details["mismatches"][0]["complete"] is False


def test_a_second_set_updates_the_kb_line_and_undo_restores_exactly(store: Engine) -> None:
    first = run_edit(store, lambda s: set_budget(s, ADMIN, "E1", 16_000, 2024))
    after_first = _budget_rows(store)
    second = run_edit(store, lambda s: set_budget(s, ADMIN, "E1", 17_000, 2024))
    assert second.before is not None and second.before["amount_chf"] == 16_000
    assert second.after is not None and second.after["version"] == 2
    undo = run_edit(store, lambda s: undo_change(s, ADMIN, second.id or 0))
    assert undo.reverts_id == second.id
    assert _budget_rows(store) == after_first
    run_edit(store, lambda s: undo_change(s, ADMIN, undo.id or 0))  # redo
    with Session(store) as session:
        assert get_amounts(session, 2024)["E1"] == 17_000
    run_edit(store, lambda s: undo_change(s, ADMIN, _latest_id(s)))
    with Session(store) as session:
        assert get_amounts(session, 2024)["E1"] == 16_000
    assert first.id is not None


def _latest_id(session: Session) -> int:
    return max(e.id or 0 for e in session.exec(select(models.AuditEntry)))


def test_undo_of_the_first_set_brings_the_printed_figure_back(store: Engine) -> None:
    original = _budget_rows(store)
    versions = {"budget:P1:2023": 0}
    entry = run_edit(
        store, lambda s: set_budget(s, ADMIN, "P1", 520_000, 2023, confirmed_versions=versions)
    )
    run_edit(store, lambda s: undo_change(s, ADMIN, entry.id or 0))
    assert _budget_rows(store) == original
    with Session(store) as session:
        assert get_amounts(session, 2023)["P1"] == 519_000


def test_a_stale_confirmation_is_refused(store: Engine) -> None:
    with Session(store) as session, pytest.raises(NeedsConfirmation) as asked:
        set_budget(session, ADMIN, "P1", 520_000, 2023)
    run_edit(
        store,
        lambda s: set_budget(
            s, ADMIN, "P1", 530_000, 2023, confirmed_versions={"budget:P1:2023": 0}
        ),
    )
    with Session(store) as session, pytest.raises(RecordChanged) as changed:
        set_budget(session, ADMIN, "P1", 520_000, 2023, confirmed_versions=asked.value.versions)
    assert changed.value.key == "P1:2023"
    assert changed.value.current is not None and changed.value.current["amount_chf"] == 530_000


def test_labels_and_case_resolve_to_codes(store: Engine) -> None:
    entry = run_edit(store, lambda s: set_budget(s, ADMIN, "e6", 1_000, 2030))
    assert entry.entity_key == "P5:2030"
    entry = run_edit(store, lambda s: set_budget(s, ADMIN, "total", 1_000, 2031))
    assert entry.entity_key == "TOTAL:2031"


@pytest.mark.parametrize(
    ("code", "suggestion"), [("P1-EMX", "P1-EMT"), ("P7", "P1"), ("TOTL", "TOTAL")]
)
def test_unknown_codes_come_with_suggestions(store: Engine, code: str, suggestion: str) -> None:
    with Session(store) as session, pytest.raises(UnknownCode) as caught:
        set_budget(session, ADMIN, code, 1_000, 2023)
    assert caught.value.kind == "budget_subject"
    assert suggestion in caught.value.suggestions


@pytest.mark.parametrize(
    ("amount", "year", "reason"),
    [
        (-1, 2023, "negative"),
        (10**11 + 1, 2023, "too_large"),
        (1_000, 1999, "year_out_of_range"),
        (1_000, 2101, "year_out_of_range"),
        (519_000, 2023, "unchanged"),
    ],
)
def test_bad_input_changes_nothing(store: Engine, amount: int, year: int, reason: str) -> None:
    before = _budget_rows(store)
    with Session(store) as session, pytest.raises(InvalidValue) as caught:
        set_budget(session, ADMIN, "P1", amount, year)
        session.commit()
    assert caught.value.reason_key == reason
    assert _budget_rows(store) == before and _audit_count(store) == 0


def test_editors_may_not_set_budgets_and_the_attempt_is_logged(
    store: Engine, caplog: pytest.LogCaptureFixture
) -> None:
    with (
        caplog.at_level(logging.WARNING),
        Session(store) as session,
        pytest.raises(NotPermitted) as caught,
    ):
        set_budget(session, EDITOR_P1, "P1", 520_000, 2023)
    assert caught.value.user_id == "UED1" and caught.value.action == "budget set"
    assert "UED1" in caplog.text and "budget set" in caplog.text
    assert _audit_count(store) == 0
