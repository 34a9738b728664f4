"""Facts, FAQ entries and aliases: add, edit, remove after confirmation, editor scope, limits."""

from __future__ import annotations

import pytest
from sqlalchemy.engine import Engine
from sqlmodel import Session, col, select

from knowledge.answering import load_knowledge
from knowledge.editing.audit import run_edit, to_snapshot, undo_change
from knowledge.editing.entry_edits import (
    MAX_ALIAS,
    MAX_TEXT,
    add_alias,
    add_fact,
    add_faq,
    edit_alias,
    edit_fact,
    edit_faq,
    get_fact,
    remove_alias,
    remove_fact,
    remove_faq,
)
from knowledge.editing.permissions import Actor, Permissions
from knowledge.errors import InvalidValue, NeedsConfirmation, NotPermitted, UnknownCode
from knowledge.store import models

ADMIN = Permissions(Actor("slack", "UADMIN"), is_admin=True)
EDITOR_P1 = Permissions(Actor("slack", "UED1"), editor_scopes=frozenset({"P1"}))


def _rows(engine: Engine, table: type[models.SQLModel]) -> list[dict[str, object]]:
    with Session(engine) as session:
        rows = session.exec(select(table).order_by(col(table.id)))  # type: ignore[attr-defined]
        return [{k: v for k, v in to_snapshot(r).items() if k != "version"} for r in rows]


def _add_p1_fact(engine: Engine, perms: Permissions = EDITOR_P1) -> models.AuditEntry:
    return run_edit(
        engine,
        lambda s: add_fact(
            s,
            perms,
            "p1-hub",
            text_en="The P1 hub opened in May. It has ten staff.",
            text_zh="P1中心于五月启用。",
            priority_code="p1",
            tags=["hub", "hub", " "],
        ),
    )


def test_an_editor_adds_edits_and_removes_a_fact_of_their_priority(store: Engine) -> None:
    added = _add_p1_fact(store)
    with Session(store) as session:
        fact = get_fact(session, "p1-hub")
        assert fact.title_en == "The P1 hub opened in May." and fact.tags == ["hub"]
        assert (fact.priority_code, fact.doc, fact.section) == ("P1", "KB", f"change #{added.id}")
        assert any(f.key == "p1-hub" for f in load_knowledge(session).facts)
    edited = run_edit(store, lambda s: edit_fact(s, EDITOR_P1, "p1-hub", {"text_en": "Opened."}))
    assert edited.after is not None and edited.after["text_en"] == "Opened."
    with Session(store) as session, pytest.raises(NeedsConfirmation) as asked:
        remove_fact(session, EDITOR_P1, "p1-hub")
    assert asked.value.reason_key == "confirm_remove"
    assert asked.value.versions == {"fact:p1-hub": 2}
    run_edit(
        store,
        lambda s: remove_fact(s, EDITOR_P1, "p1-hub", confirmed_versions=asked.value.versions),
    )
    with Session(store) as session, pytest.raises(UnknownCode) as gone:
        get_fact(session, "p1-hub")
    assert gone.value.kind == "fact"


def test_undo_of_a_removal_restores_the_fact_exactly(store: Engine) -> None:
    original = _rows(store, models.Fact)
    with Session(store) as session:
        key = session.exec(select(models.Fact.key)).first() or ""
    with Session(store) as session, pytest.raises(NeedsConfirmation) as asked:
        remove_fact(session, ADMIN, key)
    removed = run_edit(
        store, lambda s: remove_fact(s, ADMIN, key, confirmed_versions=asked.value.versions)
    )
    assert len(_rows(store, models.Fact)) == len(original) - 1
    run_edit(store, lambda s: undo_change(s, ADMIN, removed.id or 0))
    assert _rows(store, models.Fact) == original


def test_editors_stay_in_their_scope(store: Engine) -> None:
    with Session(store) as session:
        with pytest.raises(NotPermitted):
            add_fact(session, EDITOR_P1, "p2-x", text_en="a", text_zh="中", priority_code="P2")
        with pytest.raises(NotPermitted):
            add_fact(session, EDITOR_P1, "none-x", text_en="a", text_zh="中")
        seed_fact = session.exec(
            select(models.Fact).where(col(models.Fact.priority_code).is_(None))
        ).first()
        assert seed_fact is not None
        with pytest.raises(NotPermitted):
            edit_fact(session, EDITOR_P1, seed_fact.key, {"text_en": "x"})
        with pytest.raises(NotPermitted):
            add_alias(session, EDITOR_P1, "hubs", "P1")
    _add_p1_fact(store)
    with Session(store) as session, pytest.raises(NotPermitted):
        edit_fact(session, EDITOR_P1, "p1-hub", {"priority_code": "P2"})  # moving it out


@pytest.mark.parametrize(
    ("key", "changes", "field", "reason"),
    [
        ("Bad Key", {}, "key", "bad_key"),
        ("k" * 81, {}, "key", "too_long"),
        ("ok-key", {"text_en": "x" * (MAX_TEXT + 1)}, "text_en", "too_long"),
        ("ok-key", {"text_zh": "  "}, "text_zh", "empty"),
        ("ok-key", {"kind": "rumour"}, "kind", "bad_kind"),
        ("ok-key", {"year": 1990}, "year", "year_out_of_range"),
    ],
)
def test_bad_fact_input(
    store: Engine, key: str, changes: dict[str, object], field: str, reason: str
) -> None:
    values: dict[str, object] = {"text_en": "a", "text_zh": "中", **changes}
    with Session(store) as session, pytest.raises(InvalidValue) as caught:
        add_fact(session, ADMIN, key, **values)  # type: ignore[arg-type]
    assert (caught.value.field, caught.value.reason_key) == (field, reason)


def test_fact_keys_are_unique_and_unknown_fields_refused(store: Engine) -> None:
    _add_p1_fact(store, ADMIN)
    with Session(store) as session:
        with pytest.raises(InvalidValue) as dup:
            add_fact(session, ADMIN, "p1-hub", text_en="a", text_zh="中")
        assert dup.value.reason_key == "duplicate"
        with pytest.raises(InvalidValue) as unknown:
            edit_fact(session, ADMIN, "p1-hub", {"colour": "red"})
        assert unknown.value.reason_key == "unknown_field"
        with pytest.raises(UnknownCode) as missing:
            edit_fact(session, ADMIN, "p1-hubb", {"text_en": "x"})
        assert missing.value.suggestions == ["p1-hub"]


def test_faq_entries_follow_the_same_rules(store: Engine) -> None:
    added = run_edit(
        store,
        lambda s: add_faq(
            s,
            EDITOR_P1,
            "p1-contact",
            question_en="Who runs P1?",
            question_zh="谁负责P1？",
            answer_en="The P1 team.",
            answer_zh="P1团队。",
            alternates=["P1 contact"],
            priority_code="P1",
        ),
    )
    assert added.after is not None and added.after["alternates"] == ["P1 contact"]
    run_edit(store, lambda s: edit_faq(s, EDITOR_P1, "p1-contact", {"answer_en": "Team P1."}))
    with Session(store) as session:
        with pytest.raises(NotPermitted):
            edit_faq(session, EDITOR_P1, "p3-share-discrepancy", {"answer_en": "x"})
        with pytest.raises(NeedsConfirmation) as asked:
            remove_faq(session, EDITOR_P1, "p1-contact")
    run_edit(
        store,
        lambda s: remove_faq(s, EDITOR_P1, "p1-contact", confirmed_versions=asked.value.versions),
    )
    with Session(store) as session:
        assert not any(f.key == "p1-contact" for f in load_knowledge(session).faqs)


def test_aliases_point_at_known_codes(store: Engine) -> None:
    entry = run_edit(store, lambda s: add_alias(s, ADMIN, "network builders", "p1-inf"))
    assert entry.entity_key == "P1-INF:network builders"
    assert entry.after is not None and entry.after["lang"] == "en"
    zh = run_edit(store, lambda s: add_alias(s, ADMIN, "网络建设", "P1-INF"))
    assert zh.after is not None and zh.after["lang"] == "zh"
    run_edit(store, lambda s: add_alias(s, ADMIN, "cyber drill", "P4-CYB-1"))  # a KPI
    with Session(store) as session:
        with pytest.raises(UnknownCode) as unknown:
            add_alias(session, ADMIN, "x", "P1-INX")
        assert unknown.value.kind == "alias_target" and "P1-INF" in unknown.value.suggestions
        with pytest.raises(InvalidValue) as dup:
            add_alias(session, ADMIN, "Network Builders", "P1-INF")
        assert dup.value.reason_key == "duplicate"
        with pytest.raises(InvalidValue) as long:
            add_alias(session, ADMIN, "a" * (MAX_ALIAS + 1), "P1")
        assert long.value.reason_key == "too_long"
        with pytest.raises(InvalidValue) as lang:
            add_alias(session, ADMIN, "x", "P1", "fr")
        assert lang.value.reason_key == "bad_lang"
        assert any(a.alias == "network builders" for a in load_knowledge(session).aliases)


def test_an_alias_is_edited_removed_and_restored(store: Engine) -> None:
    run_edit(store, lambda s: add_alias(s, ADMIN, "net builders", "P1-INF"))
    original = _rows(store, models.Alias)
    run_edit(
        store,
        lambda s: edit_alias(s, ADMIN, "NET BUILDERS", "P1-INF", new_alias="network builders"),
    )
    with Session(store) as session, pytest.raises(NeedsConfirmation) as asked:
        remove_alias(session, ADMIN, "network builders", "P1-INF")
    removed = run_edit(
        store,
        lambda s: remove_alias(
            s, ADMIN, "network builders", "P1-INF", confirmed_versions=asked.value.versions
        ),
    )
    undo = run_edit(store, lambda s: undo_change(s, ADMIN, removed.id or 0))
    run_edit(store, lambda s: undo_change(s, ADMIN, (undo.id or 0) - 2))  # the edit
    assert _rows(store, models.Alias) == original


def test_outsiders_are_refused_before_any_lookup(store: Engine) -> None:
    stranger = Permissions(Actor("slack", "UX"))
    with Session(store) as session:
        with pytest.raises(NotPermitted):
            edit_fact(session, stranger, "no-such-fact", {"text_en": "x"})
        with pytest.raises(NotPermitted):
            remove_faq(session, stranger, "no-such-faq")
        with pytest.raises(NotPermitted):
            remove_alias(session, stranger, "nothing", "P9")
