"""KPIs: add with the next code, edit, retire after confirmation, progress and its history."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from sqlalchemy.engine import Engine
from sqlmodel import Session, select

from knowledge.answering import load_knowledge
from knowledge.editing.audit import run_edit, undo_change
from knowledge.editing.kpi_edits import (
    add_kpi,
    edit_kpi,
    get_kpi,
    list_progress,
    record_progress,
    retire_kpi,
)
from knowledge.editing.permissions import Actor, Permissions
from knowledge.errors import (
    CannotUndo,
    InvalidValue,
    NeedsConfirmation,
    NotPermitted,
    RecordChanged,
    UnknownCode,
)
from knowledge.store import models

ADMIN = Permissions(Actor("slack", "UADMIN"), is_admin=True)
EDITOR_P4 = Permissions(Actor("slack", "UED4"), editor_scopes=frozenset({"P4"}))
EDITOR_P1 = Permissions(Actor("slack", "UED1"), editor_scopes=frozenset({"P1"}))
TODAY = date(2026, 11, 22)


def test_a_new_kpi_takes_the_next_number_of_its_theme(store: Engine) -> None:
    entry = run_edit(store, lambda s: add_kpi(s, ADMIN, "p4-cyb", "Number of CIRTs", "CIRT数量"))
    assert entry.entity_key == "P4-CYB-9"
    second = run_edit(store, lambda s: add_kpi(s, ADMIN, "P4-CYB", "Drills held", "演练次数"))
    assert second.entity_key == "P4-CYB-10"
    with Session(store) as session:
        kpi = get_kpi(session, "P4-CYB-10")
        assert (kpi.doc, kpi.section) == ("KB", f"change #{second.id}")
        assert "P4-CYB-10" in load_knowledge(session).kpis


def test_both_languages_are_required_and_themes_must_exist(store: Engine) -> None:
    with Session(store) as session:
        with pytest.raises(InvalidValue) as caught:
            add_kpi(session, ADMIN, "P4-CYB", "Only English", " ")
        assert (caught.value.field, caught.value.reason_key) == ("text_zh", "empty")
        with pytest.raises(InvalidValue) as caught:
            add_kpi(session, ADMIN, "P4-CYB", "x" * 2001, "中")
        assert caught.value.reason_key == "too_long"
        with pytest.raises(UnknownCode) as unknown:
            add_kpi(session, ADMIN, "P4-CYX", "a", "中")
        assert unknown.value.kind == "theme" and "P4-CYB" in unknown.value.suggestions


def test_edit_and_undo_restore_the_text(store: Engine) -> None:
    with Session(store) as session:
        original = get_kpi(session, "P1-EMT-1").model_dump()
    entry = run_edit(store, lambda s: edit_kpi(s, ADMIN, "P1-EMT-1", text_en="Rewritten"))
    assert entry.before is not None and entry.after is not None
    assert (
        entry.after["text_en"] == "Rewritten" and entry.after["text_zh"] == entry.before["text_zh"]
    )
    with Session(store) as session, pytest.raises(InvalidValue) as same:
        edit_kpi(session, ADMIN, "P1-EMT-1", text_en="Rewritten")
    assert same.value.reason_key == "unchanged"
    run_edit(store, lambda s: undo_change(s, ADMIN, entry.id or 0))
    with Session(store) as session:
        restored = get_kpi(session, "P1-EMT-1").model_dump()
    assert {**restored, "version": 0} == {**original, "version": 0}
    assert restored["version"] == original["version"] + 2


def test_retire_asks_first_and_hides_the_kpi(store: Engine) -> None:
    with Session(store) as session, pytest.raises(NeedsConfirmation) as asked:
        retire_kpi(session, ADMIN, "P1-EMT-2")
    assert asked.value.reason_key == "confirm_retire"
    assert asked.value.versions == {"kpi:P1-EMT-2": 1}
    run_edit(
        store, lambda s: retire_kpi(s, ADMIN, "P1-EMT-2", confirmed_versions=asked.value.versions)
    )
    with Session(store) as session:
        assert "P1-EMT-2" not in load_knowledge(session).kpis
        with pytest.raises(InvalidValue) as again:
            retire_kpi(session, ADMIN, "P1-EMT-2")
        assert again.value.reason_key == "already_retired"
        with pytest.raises(InvalidValue) as progress:
            record_progress(session, ADMIN, "P1-EMT-2", Decimal(1), today=TODAY)
        assert progress.value.reason_key == "kpi_retired"
    # The number of a retired KPI is not given out again.
    entry = run_edit(store, lambda s: add_kpi(s, ADMIN, "P1-EMT", "New", "新"))
    assert entry.entity_key == "P1-EMT-7"


def test_a_stale_retire_confirmation_is_refused(store: Engine) -> None:
    with Session(store) as session, pytest.raises(NeedsConfirmation) as asked:
        retire_kpi(session, ADMIN, "P1-EMT-2")
    run_edit(store, lambda s: edit_kpi(s, ADMIN, "P1-EMT-2", text_en="Changed meanwhile"))
    with Session(store) as session, pytest.raises(RecordChanged):
        retire_kpi(session, ADMIN, "P1-EMT-2", confirmed_versions=asked.value.versions)


def test_progress_is_recorded_and_listed_newest_first(store: Engine) -> None:
    def record(value: str, as_of: date, note: str = "") -> None:
        run_edit(
            store,
            lambda s: record_progress(
                s, EDITOR_P4, "p4-cyb-1", Decimal(value), Decimal(10), as_of, note, today=TODAY
            ),
        )

    record("3", date(2026, 1, 31), "Q1")
    record("7.5", date(2026, 9, 30), "Q3")
    record("5", date(2026, 6, 30))
    with Session(store) as session:
        rows = list_progress(session, "P4-CYB-1")
        audit = session.exec(select(models.AuditEntry)).all()
    assert [r.value for r in rows] == [Decimal("7.5"), Decimal(5), Decimal(3)]
    assert rows[0].note == "Q3" and rows[0].target == Decimal(10)
    assert rows[0].recorded_by == "slack:UED4"
    assert [a.entity for a in audit] == ["kpi_progress"] * 3
    assert audit[0].entity_key == f"P4-CYB-1:{rows[2].id}"


def test_progress_defaults_to_today_and_undo_removes_it(store: Engine) -> None:
    entry = run_edit(
        store, lambda s: record_progress(s, ADMIN, "P1-EMT-1", Decimal(1), today=TODAY)
    )
    assert entry.after is not None and entry.after["as_of"] == "2026-11-22"
    run_edit(store, lambda s: undo_change(s, ADMIN, entry.id or 0))
    with Session(store) as session:
        assert list_progress(session, "P1-EMT-1") == []


@pytest.mark.parametrize(
    ("as_of", "note", "reason"),
    [
        (date(2026, 11, 23), "", "date_in_future"),
        (date(1999, 12, 31), "", "date_too_early"),
        (TODAY, "n" * 501, "too_long"),
    ],
)
def test_bad_progress_is_refused(store: Engine, as_of: date, note: str, reason: str) -> None:
    with Session(store) as session, pytest.raises(InvalidValue) as caught:
        record_progress(session, ADMIN, "P1-EMT-1", Decimal(1), None, as_of, note, today=TODAY)
    assert caught.value.reason_key == reason


@pytest.mark.parametrize(
    ("value", "target", "field"),
    [
        (Decimal(-3), None, "value"),
        (Decimal("-0.5"), None, "value"),
        (Decimal(3), Decimal(-20), "target"),
    ],
)
def test_negative_progress_is_refused(
    store: Engine, value: Decimal, target: Decimal | None, field: str
) -> None:
    """A value is the KPI's reading (a count, a percentage, an amount), not a change: a fall
    is the lower reading, never a negative one."""
    with Session(store) as session, pytest.raises(InvalidValue) as caught:
        record_progress(session, ADMIN, "P1-EMT-1", value, target, today=TODAY)
    assert (caught.value.field, caught.value.reason_key) == (field, "negative")
    with Session(store) as session:
        assert list_progress(session, "P1-EMT-1") == []
    run_edit(store, lambda s: record_progress(s, ADMIN, "P1-EMT-1", Decimal(0), today=TODAY))


def test_editors_record_progress_only_in_scope(store: Engine) -> None:
    with Session(store) as session:
        with pytest.raises(NotPermitted):
            record_progress(session, EDITOR_P1, "P4-CYB-1", Decimal(1), today=TODAY)
        with pytest.raises(NotPermitted):
            add_kpi(session, EDITOR_P4, "P4-CYB", "a", "中")
        with pytest.raises(NotPermitted):
            edit_kpi(session, EDITOR_P4, "P4-CYB-1", text_en="x")
        with pytest.raises(NotPermitted):
            retire_kpi(session, EDITOR_P4, "P4-CYB-1")
        with pytest.raises(UnknownCode) as unknown:
            record_progress(session, EDITOR_P1, "P1-EMT-99", Decimal(1), today=TODAY)
        assert unknown.value.kind == "kpi" and unknown.value.suggestions


def test_a_new_kpi_with_progress_cannot_be_undone_away(store: Engine) -> None:
    added = run_edit(store, lambda s: add_kpi(s, ADMIN, "P1-EMT", "New KPI", "新指标"))
    run_edit(store, lambda s: record_progress(s, ADMIN, added.entity_key, Decimal(3), today=TODAY))
    with Session(store) as session, pytest.raises(CannotUndo) as caught:
        undo_change(session, ADMIN, added.id or 0)
    assert caught.value.reason_key == "has_dependants"
    with Session(store) as session:
        assert get_kpi(session, added.entity_key).code == added.entity_key
