"""Roles: env admins, stored admins and editors, their permissions, adding and removing."""

from __future__ import annotations

import logging
from collections.abc import Callable
from decimal import Decimal

import pytest
from sqlalchemy.engine import Engine
from sqlmodel import Session, select

from knowledge.editing.audit import run_edit, undo_change
from knowledge.editing.budget_edits import set_budget
from knowledge.editing.entry_edits import (
    add_alias,
    add_fact,
    add_faq,
    edit_alias,
    edit_fact,
    edit_faq,
    remove_alias,
    remove_fact,
    remove_faq,
)
from knowledge.editing.kpi_edits import (
    add_kpi,
    can_record_progress,
    edit_kpi,
    record_progress,
    retire_kpi,
)
from knowledge.editing.permissions import Actor, Permissions
from knowledge.editing.roles import add_member, get_permissions, list_members, remove_member
from knowledge.errors import InvalidValue, NeedsConfirmation, NotPermitted, UnknownCode
from knowledge.store import models

BOSS = Actor("slack", "UBOSS")
ADMIN = Permissions(BOSS, is_admin=True)


def _perms(engine: Engine, user_id: str, env_admins: tuple[str, ...] = ()) -> Permissions:
    with Session(engine) as session:
        return get_permissions(session, Actor("slack", user_id), env_admins)


def test_env_admins_are_admins_and_strangers_are_nothing(store: Engine) -> None:
    assert _perms(store, "UBOSS", ("UBOSS",)).is_admin
    stranger = _perms(store, "UX", ("UBOSS",))
    assert not stranger.is_admin and not stranger.is_member
    assert not stranger.can_edit_priority("P1") and not stranger.can_edit_priority(None)


def test_stored_admins_and_editors_get_their_permissions(store: Engine) -> None:
    run_edit(store, lambda s: add_member(s, ADMIN, "UADM", "admin"))
    run_edit(store, lambda s: add_member(s, ADMIN, "UED", "editor", "p1"))
    run_edit(store, lambda s: add_member(s, ADMIN, "UED", "editor", "E6"))  # label of P5
    assert _perms(store, "UADM").is_admin
    editor = _perms(store, "UED")
    assert not editor.is_admin and editor.is_member
    assert editor.editor_scopes == frozenset({"P1", "P5"})
    assert editor.can_edit_priority("P1") and not editor.can_edit_priority("P2")
    assert not editor.can_edit_priority(None)
    with Session(store) as session:
        assert can_record_progress(session, editor, "P1-EMT-1")
        assert not can_record_progress(session, editor, "P2-DIE-1")
        assert [m.user_id for m in list_members(session)] == ["UADM", "UED", "UED"]
    # Another platform's user with the same id is someone else.
    with Session(store) as session:
        assert not get_permissions(session, Actor("teams", "UADM")).is_admin


def test_member_changes_are_audited_and_removal_asks_first(store: Engine) -> None:
    added = run_edit(store, lambda s: add_member(s, ADMIN, "UED", "editor", "P2"))
    assert (added.entity, added.entity_key, added.action) == ("member", "UED editor P2", "add")
    with Session(store) as session, pytest.raises(NeedsConfirmation) as asked:
        remove_member(session, ADMIN, "UED", "editor", "P2")
    assert asked.value.reason_key == "confirm_remove"
    assert _perms(store, "UED").editor_scopes == frozenset({"P2"})
    run_edit(
        store,
        lambda s: remove_member(
            s, ADMIN, "UED", "editor", "P2", confirmed_versions=asked.value.versions
        ),
    )
    assert not _perms(store, "UED").is_member
    undone = run_edit(store, lambda s: undo_change(s, ADMIN, (added.id or 0) + 1))
    assert undone.reverts_id == (added.id or 0) + 1
    assert _perms(store, "UED").editor_scopes == frozenset({"P2"})


@pytest.mark.parametrize(
    ("role", "scope", "reason"),
    [
        ("boss", "", "bad_role"),
        ("admin", "P1", "scope_for_admin"),
        ("editor", "", "scope_required"),
    ],
)
def test_bad_member_input(store: Engine, role: str, scope: str, reason: str) -> None:
    with Session(store) as session, pytest.raises(InvalidValue) as caught:
        add_member(session, ADMIN, "U1", role, scope)
    assert caught.value.reason_key == reason


def test_unknown_scope_and_duplicates(store: Engine) -> None:
    with Session(store) as session, pytest.raises(UnknownCode) as caught:
        add_member(session, ADMIN, "U1", "editor", "P9")
    assert caught.value.kind == "priority" and caught.value.suggestions
    run_edit(store, lambda s: add_member(s, ADMIN, "U1", "admin"))
    with Session(store) as session, pytest.raises(InvalidValue) as dup:
        add_member(session, ADMIN, "U1", "admin")
    assert dup.value.reason_key == "duplicate"
    with Session(store) as session, pytest.raises(UnknownCode):
        remove_member(session, ADMIN, "U2", "admin")


def test_only_admins_manage_roles(store: Engine, caplog: pytest.LogCaptureFixture) -> None:
    run_edit(store, lambda s: add_member(s, ADMIN, "UED", "editor", "P1"))
    editor = _perms(store, "UED")
    with (
        caplog.at_level(logging.WARNING),
        Session(store) as session,
        pytest.raises(NotPermitted),
    ):
        add_member(session, editor, "UED", "admin")
    assert "refused admin add to slack:UED" in caplog.text
    with Session(store) as session:
        assert len(session.exec(select(models.Member)).all()) == 1


def test_actor_round_trips_through_the_audit_text() -> None:
    assert Actor.from_audit(BOSS.to_audit()) == BOSS
    assert Actor.from_audit("U1") == Actor("", "U1")


EDITOR_IN = Permissions(Actor("slack", "UIN"), editor_scopes=frozenset({"P1"}))
EDITOR_OUT = Permissions(Actor("slack", "UOUT"), editor_scopes=frozenset({"P2"}))
STRANGER = Permissions(Actor("slack", "UX"))

# Each edit, and who may make it: "admin" only, or also "editor" (of the record's priority).
OPERATIONS: dict[str, tuple[str, Callable[[Session, Permissions], object]]] = {
    "budget set": ("admin", lambda s, p: set_budget(s, p, "P1", 1, 2030)),
    "kpi add": ("admin", lambda s, p: add_kpi(s, p, "P1-EMT", "a", "中")),
    "kpi edit": ("admin", lambda s, p: edit_kpi(s, p, "P1-EMT-1", text_en="x")),
    "kpi retire": ("admin", lambda s, p: retire_kpi(s, p, "P1-EMT-1")),
    "progress": ("editor", lambda s, p: record_progress(s, p, "P1-EMT-1", Decimal(1))),
    "fact add": (
        "editor",
        lambda s, p: add_fact(s, p, "p1-new", text_en="a", text_zh="中", priority_code="P1"),
    ),
    "fact edit": ("editor", lambda s, p: edit_fact(s, p, "p1-fact", {"text_en": "b"})),
    "fact remove": ("editor", lambda s, p: remove_fact(s, p, "p1-fact")),
    "faq add": (
        "editor",
        lambda s, p: add_faq(
            s,
            p,
            "p1-new",
            question_en="q",
            question_zh="问",
            answer_en="a",
            answer_zh="答",
            priority_code="P1",
        ),
    ),
    "faq edit": ("editor", lambda s, p: edit_faq(s, p, "p1-faq", {"answer_en": "b"})),
    "faq remove": ("editor", lambda s, p: remove_faq(s, p, "p1-faq")),
    "alias add": ("admin", lambda s, p: add_alias(s, p, "hubs", "P1")),
    "alias edit": ("admin", lambda s, p: edit_alias(s, p, "p1 alias", "P1", new_alias="z")),
    "alias remove": ("admin", lambda s, p: remove_alias(s, p, "p1 alias", "P1")),
    "member add": ("admin", lambda s, p: add_member(s, p, "UNEW", "editor", "P1")),
    "member remove": ("admin", lambda s, p: remove_member(s, p, "UIN", "editor", "P1")),
    "undo": ("admin", lambda s, p: undo_change(s, p, 1)),
}


@pytest.fixture
def matrix_store(store: Engine) -> Engine:
    run_edit(
        store,
        lambda s: add_fact(s, ADMIN, "p1-fact", text_en="a", text_zh="中", priority_code="P1"),
    )
    run_edit(
        store,
        lambda s: add_faq(
            s,
            ADMIN,
            "p1-faq",
            question_en="q",
            question_zh="问",
            answer_en="a",
            answer_zh="答",
            priority_code="P1",
        ),
    )
    run_edit(store, lambda s: add_alias(s, ADMIN, "p1 alias", "P1"))
    run_edit(store, lambda s: add_member(s, ADMIN, "UIN", "editor", "P1"))
    return store


def test_the_permission_matrix(matrix_store: Engine) -> None:
    """Admin, editor in scope, editor out of scope and anyone else, for every edit."""
    wrong = []
    for operation, (needed, edit) in OPERATIONS.items():
        people = {ADMIN: True, EDITOR_IN: needed == "editor", EDITOR_OUT: False, STRANGER: False}
        for perms, allowed in people.items():
            with Session(matrix_store) as session:  # never committed
                try:
                    edit(session, perms)
                    permitted = True
                except NotPermitted:
                    permitted = False
                except NeedsConfirmation:
                    permitted = True
            if permitted != allowed:
                wrong.append((operation, perms.actor.user_id, permitted))
    assert wrong == []


@pytest.mark.parametrize("name", ["alice", "bob smith", "slack:UFOO", "u012ab3cd"])
def test_roles_go_by_user_id_never_by_name(store: Engine, name: str) -> None:
    # The platform's id format comes from its adapter (Slack's: bot.slack.ids).
    with Session(store) as session, pytest.raises(InvalidValue) as caught:
        add_member(session, ADMIN, name, "admin", is_user_id=str.isupper)
    assert caught.value.reason_key == "not_a_user_id"


@pytest.mark.parametrize(
    ("known", "added"), [(True, True), (None, True), (False, False)], ids=["known", "unsure", "no"]
)
def test_a_role_is_given_only_to_someone_the_platform_knows(
    store: Engine, known: bool | None, added: bool
) -> None:
    """The platform's answer comes from its adapter (Slack's users.info); None: it could not
    be asked, and the id's form is enough."""
    asked: list[str] = []

    def check_user(user_id: str) -> bool | None:
        asked.append(user_id)
        return known

    def add(session: Session) -> models.AuditEntry:
        return add_member(
            session, ADMIN, "UNEW1", "editor", "P1", is_user_id=str.isupper, check_user=check_user
        )

    if added:
        run_edit(store, add)
    else:
        with pytest.raises(InvalidValue) as caught:
            run_edit(store, add)
        assert (caught.value.reason_key, caught.value.value) == ("no_such_user", "UNEW1")
    assert asked == ["UNEW1"]
    with Session(store) as session:
        assert [m.user_id for m in list_members(session)] == (["UNEW1"] if added else [])
    # A malformed id, or a duplicate, is refused before the platform is asked.
    refused = ["not an id", "UNEW1"] if added else ["not an id"]
    for user_id in refused:
        with Session(store) as session, pytest.raises(InvalidValue):
            add_member(session, ADMIN, user_id, "editor", "P1", is_user_id=str.isupper,
                       check_user=check_user)  # fmt: skip
    assert asked == ["UNEW1"]
