"""KPI owners: adding, listing, removing and undoing them; what owning lets one record."""

from __future__ import annotations

from decimal import Decimal

import pytest
from sqlalchemy.engine import Engine
from sqlmodel import Session, select

from knowledge.editing.audit import run_edit, undo_change
from knowledge.editing.kpi_edits import can_record_progress, record_progress
from knowledge.editing.owners import add_owner, list_owners, remove_owner
from knowledge.editing.permissions import Actor, Permissions
from knowledge.editing.roles import add_member, get_permissions
from knowledge.errors import InvalidValue, NeedsConfirmation, NotPermitted, UnknownCode
from knowledge.reporting import find_kpi_owners, get_owners_by_code
from knowledge.store import models

ADMIN = Permissions(Actor("slack", "UBOSS"), is_admin=True)


def _perms(engine: Engine, user_id: str) -> Permissions:
    with Session(engine) as session:
        return get_permissions(session, Actor("slack", user_id))


def test_an_owner_of_a_theme_records_its_kpis_and_nothing_else(store: Engine) -> None:
    run_edit(store, lambda s: add_owner(s, ADMIN, "UOWN", "p4-cyb"))
    owner = _perms(store, "UOWN")
    assert owner.owned_codes == frozenset({"P4-CYB"}) and not owner.is_member
    with Session(store) as session:
        assert can_record_progress(session, owner, "P4-CYB-1")
        assert not can_record_progress(session, owner, "P4-CD-1")
    entry = run_edit(store, lambda s: record_progress(s, owner, "P4-CYB-1", Decimal("3")))
    assert entry.entity == "kpi_progress" and entry.actor == "slack:UOWN"
    with pytest.raises(NotPermitted):
        run_edit(store, lambda s: record_progress(s, owner, "P4-CD-1", Decimal("3")))


def test_owners_of_a_kpi_or_a_priority_by_its_label(store: Engine) -> None:
    run_edit(store, lambda s: add_owner(s, ADMIN, "UK", "P1-EMT-1"))
    run_edit(store, lambda s: add_owner(s, ADMIN, "UP", "E6"))  # P5's label
    with Session(store) as session:
        assert can_record_progress(session, _perms(store, "UK"), "P1-EMT-1")
        assert not can_record_progress(session, _perms(store, "UK"), "P1-EMT-2")
        assert can_record_progress(session, _perms(store, "UP"), "P5-X-1")
        by_code = get_owners_by_code(session)
        assert find_kpi_owners(by_code, "P1-EMT-1", "P1-EMT", "P1") == ("slack:UK",)
        assert find_kpi_owners(by_code, "P1-EMT-2", "P1-EMT", "P1") == ()
        assert find_kpi_owners(by_code, "P5-X-2", "P5-X", "P5") == ("slack:UP",)
        assert [o.scope for o in list_owners(session)] == ["P1-EMT-1", "P5"]
        assert [o.scope for o in list_owners(session, "P1")] == ["P1-EMT-1"]
        assert [o.scope for o in list_owners(session, "P5-X-1")] == ["P5"]


def test_adding_owners_is_admins_only_and_checked(store: Engine) -> None:
    run_edit(store, lambda s: add_member(s, ADMIN, "UED", "editor", "P1"))
    editor = _perms(store, "UED")
    with pytest.raises(NotPermitted):
        run_edit(store, lambda s: add_owner(s, editor, "UX", "P1"))
    with pytest.raises(UnknownCode) as unknown:
        run_edit(store, lambda s: add_owner(s, ADMIN, "UX", "P4-CYX"))
    assert unknown.value.kind == "owner_scope" and "P4-CYB" in unknown.value.suggestions
    with pytest.raises(InvalidValue) as bad:
        run_edit(store, lambda s: add_owner(s, ADMIN, "alice", "P1", is_user_id=str.isupper))
    assert bad.value.reason_key == "not_a_user_id"
    run_edit(store, lambda s: add_owner(s, ADMIN, "UX", "P1"))
    with pytest.raises(InvalidValue) as twice:
        run_edit(store, lambda s: add_owner(s, ADMIN, "UX", "p1"))
    assert twice.value.reason_key == "duplicate"


def test_removing_an_owner_asks_first_and_can_be_undone(store: Engine) -> None:
    added = run_edit(store, lambda s: add_owner(s, ADMIN, "UX", "P2"))
    assert added.entity == "owner" and added.entity_key == "UX P2"
    with pytest.raises(NeedsConfirmation) as asked:
        run_edit(store, lambda s: remove_owner(s, ADMIN, "UX", "P2"))
    versions = dict(asked.value.versions)
    removed = run_edit(
        store, lambda s: remove_owner(s, ADMIN, "UX", "P2", confirmed_versions=versions)
    )
    assert not _perms(store, "UX").is_owner
    assert removed.id is not None
    removed_id = removed.id
    run_edit(store, lambda s: undo_change(s, ADMIN, removed_id))
    assert _perms(store, "UX").owned_codes == frozenset({"P2"})
    with Session(store) as session:
        assert len(session.exec(select(models.Owner)).all()) == 1
