"""History and undo: newest first, filtered by code, exact reverts, refusals with reasons."""

from __future__ import annotations

import pytest
from sqlalchemy.engine import Engine
from sqlmodel import Session, select

from knowledge.editing.audit import get_change, list_changes, record_change, run_edit, undo_change
from knowledge.editing.budget_edits import get_amounts, set_budget
from knowledge.editing.kpi_edits import edit_kpi, get_kpi
from knowledge.editing.permissions import Actor, Permissions
from knowledge.errors import CannotUndo, ChangeNotFound, NotPermitted
from knowledge.store import get_revision, models

ADMIN = Permissions(Actor("slack", "UADMIN"), is_admin=True)
EDITOR_P1 = Permissions(Actor("slack", "UED1"), editor_scopes=frozenset({"P1"}))
YEAR = 2030  # a year with no total: E1's figure needs no confirmation


def _e1(engine: Engine, amount: int) -> models.AuditEntry:
    return run_edit(engine, lambda s: set_budget(s, ADMIN, "E1", amount, YEAR))


def _amount(engine: Engine) -> int | None:
    with Session(engine) as session:
        return get_amounts(session, YEAR).get("E1")


def test_history_is_newest_first_and_filtered_by_code(store: Engine) -> None:
    first = _e1(store, 16_000)
    kpi = run_edit(store, lambda s: edit_kpi(s, ADMIN, "E1-X-1", text_en="New text"))
    run_edit(store, lambda s: edit_kpi(s, ADMIN, "P1-EMT-1", text_en="Other"))
    with Session(store) as session:
        assert [e.entity_key for e in list_changes(session)] == ["P1-EMT-1", "E1-X-1", "E1:2030"]
        assert [e.id for e in list_changes(session, "e1")] == [kpi.id, first.id]
        assert [e.id for e in list_changes(session, "E1-X")] == [kpi.id]
        assert list_changes(session, "E1%") == []  # no wildcards from the user
        assert len(list_changes(session, limit=1)) == 1
        assert get_change(session, first.id or 0).actor == "slack:UADMIN"
        assert get_revision(session) == max(e.id or 0 for e in list_changes(session))


def test_undo_is_audited_and_undoing_the_undo_redoes(store: Engine) -> None:
    change = _e1(store, 16_000)
    undo = run_edit(store, lambda s: undo_change(s, ADMIN, change.id or 0))
    assert (undo.action, undo.reverts_id, undo.entity_key) == ("undo", change.id, "E1:2030")
    assert undo.before == change.after and undo.after is None
    assert _amount(store) is None
    redo = run_edit(store, lambda s: undo_change(s, ADMIN, undo.id or 0))
    assert redo.reverts_id == undo.id
    assert _amount(store) == 16_000


def test_changes_are_walked_back_newest_first(store: Engine) -> None:
    first, second = _e1(store, 16_000), _e1(store, 17_000)
    with Session(store) as session, pytest.raises(CannotUndo) as refused:
        undo_change(session, ADMIN, first.id or 0)
    assert refused.value.reason_key == "changed_since"
    assert refused.value.newer_ids == [second.id]
    run_edit(store, lambda s: undo_change(s, ADMIN, second.id or 0))
    run_edit(store, lambda s: undo_change(s, ADMIN, first.id or 0))
    assert _amount(store) is None


def test_a_record_changed_outside_the_audit_is_not_undone(store: Engine) -> None:
    change = run_edit(store, lambda s: edit_kpi(s, ADMIN, "P1-EMT-1", text_en="Edited"))
    with Session(store) as session:
        kpi = get_kpi(session, "P1-EMT-1")
        kpi.text_zh = "别处修改"
        session.add(kpi)
        session.commit()
    with Session(store) as session, pytest.raises(CannotUndo) as refused:
        undo_change(session, ADMIN, change.id or 0)
    assert refused.value.reason_key == "record_differs"


def test_unknown_and_not_undoable_changes(store: Engine) -> None:
    with Session(store) as session:
        with pytest.raises(ChangeNotFound) as missing:
            undo_change(session, ADMIN, 999)
        assert missing.value.id == 999
        note = record_change(session, ADMIN.actor, "review", "feedback", "Q1", None, {"id": 1})
        session.commit()
        with pytest.raises(CannotUndo) as refused:
            undo_change(session, ADMIN, note.id or 0)
        assert refused.value.reason_key == "not_undoable"


def test_only_admins_undo(store: Engine) -> None:
    change = _e1(store, 16_000)
    with Session(store) as session, pytest.raises(NotPermitted):
        undo_change(session, EDITOR_P1, change.id or 0)
    assert _amount(store) == 16_000


def test_a_failed_edit_leaves_no_audit_row(store: Engine) -> None:
    with pytest.raises(NotPermitted):
        run_edit(store, lambda s: set_budget(s, EDITOR_P1, "E1", 1, YEAR))
    with Session(store) as session:
        assert session.exec(select(models.AuditEntry)).all() == []


def test_a_subscription_change_kept_in_part_is_undone_in_part(store: Engine) -> None:
    with Session(store) as session:
        row = models.Subscription(
            kind="digest", channel="C1", schedule="mon 09:00", schedule_kind="at", tz="UTC",
            lang="en", created_by="slack:U1",
        )  # fmt: skip
        session.add(row)
        session.flush()
        created = record_change(
            session, ADMIN.actor, "add", "subscription", str(row.id), None, {"id": row.id}
        )
        row.paused, row.version = True, 2
        session.add(row)
        paused = record_change(
            session,
            ADMIN.actor,
            "pause",
            "subscription",
            str(row.id),
            {"id": row.id, "paused": False, "version": 1},
            {"id": row.id, "paused": True, "version": 2},
        )
        session.flush()
        row_id, created_id, paused_id = row.id, created.id or 0, paused.id or 0
        session.commit()
    run_edit(store, lambda s: undo_change(s, ADMIN, paused_id))
    with Session(store) as session:
        restored = session.get(models.Subscription, row_id)
        assert restored is not None and restored.paused is False and restored.version == 3
        assert restored.channel == "C1"
        with pytest.raises(CannotUndo) as refused:
            undo_change(session, ADMIN, created_id)
    assert refused.value.reason_key == "not_undoable"
