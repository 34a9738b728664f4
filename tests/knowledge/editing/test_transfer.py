"""Export of the store in the seed's format and its import: validated, planned, all or nothing."""

from __future__ import annotations

import copy
import re
import threading
from datetime import UTC, date, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
import yaml
from sqlalchemy.engine import Engine
from sqlmodel import Session, func, select

from knowledge.answering import load_knowledge
from knowledge.editing import transfer
from knowledge.editing.budget_edits import lock_budget_year
from knowledge.editing.permissions import Actor
from knowledge.editing.transfer import apply_import, export_store, plan_import
from knowledge.errors import RecordChanged, SeedInvalid
from knowledge.seeding import read_seed, reset_store
from knowledge.store import ADMIN_DOC, create_db_engine, get_revision, migrate, models
from tests.support.stores import copy_file


def _count(session: Session, model: Any) -> int:
    return int(session.exec(select(func.count()).select_from(model)).one())


def _edit(engine: Engine) -> None:
    """What admins and editors do through /kb: every kind of record the export must carry."""
    with Session(engine) as session:
        if session.exec(select(models.Document).where(models.Document.code == ADMIN_DOC)).first():
            pass
        else:
            session.add(
                models.Document(
                    code=ADMIN_DOC, file="", symbol="staffbot KB", title_zh="知识库", title_en="KB"
                )
            )
        entry = models.AuditEntry(actor="U0ADMIN", action="set", entity="budget", entity_key="P1")
        session.add(entry)
        session.flush()
        section = f"change #{entry.id}"
        session.add(
            models.BudgetLine(
                year=2023, subject_code="P1", amount_chf=520_000, doc=ADMIN_DOC, section=section
            )
        )
        session.add(
            models.BudgetLine(
                year=2024, subject_code="P1", amount_chf=600_000, doc=ADMIN_DOC, section=section
            )
        )
        retired = session.exec(select(models.Kpi).where(models.Kpi.code == "P1-EMT-2")).one()
        retired.retired = True
        session.add(retired)
        session.add(
            models.Kpi(
                code="P1-EMT-7",
                theme_code="P1-EMT",
                position=9,  # a gap after the theme's last KPI, as removals may leave
                text_zh="新指标",
                text_en="A new KPI",
                doc=ADMIN_DOC,
                section=section,
            )
        )
        for value, at in ((Decimal("3"), 1), (Decimal("7.25"), 2)):
            session.add(
                models.KpiProgress(
                    kpi_code="P1-EMT-1",
                    value=value,
                    target=Decimal("20") if at == 2 else None,
                    as_of=date(2026, 3 * at, 30),
                    note="counted" if at == 2 else "",
                    recorded_by="U0EDITOR",
                    recorded_at=datetime(2026, 3 * at + 1, 1, 9, 30, 15, 123456, tzinfo=UTC),
                )
            )
        session.add(
            models.Owner(
                user_id="U0OWNER",
                scope="P1-EMT",
                added_by="slack:U0ADMIN",
                added_at=datetime(2026, 5, 1, 8, 0, tzinfo=UTC),
            )
        )
        session.add(
            models.Fact(
                key="kb-new-fact",
                kind="note",
                title_en="A note",
                title_zh="说明",
                text_zh="一段说明：\n第二行",
                text_en="A note\nwith two lines",
                figures=["42"],
                priority_code="P2",
                tags=["note"],
                doc=ADMIN_DOC,
                section=section,
            )
        )
        faq = session.exec(select(models.Faq)).first()
        assert faq is not None
        faq.priority_code = "P3"
        faq.doc, faq.section = ADMIN_DOC, section  # a /kb faq edit cites its change
        session.add(faq)
        session.add(models.Alias(alias="pinyin lianjie", lang="zh", target_code="P1"))
        session.add(models.Synonym(group="money", word="cash"))
        session.commit()


def _export(engine: Engine, path: Path) -> str:
    with Session(engine) as session:
        export_store(session, path)
    return path.read_text(encoding="utf-8")


ADMIN = Actor("cli", "admin")
# A knowledge-base record's section: the change that set it.
_CHANGE = re.compile(r"'change #\d+'")


def _import(engine: Engine, path: Path, actor: Actor = ADMIN) -> transfer.ImportPlan:
    with Session(engine) as session:
        plan = plan_import(session, path)
        apply_import(session, plan, actor)
        session.commit()
    return plan


def test_export_is_the_seed_format_that_read_seed_reads(
    seeded_engine: Engine, tmp_path: Path
) -> None:
    _edit(seeded_engine)
    path = tmp_path / "store.yaml"
    with Session(seeded_engine) as session:
        summary = export_store(session, path)
        kpis = _count(session, models.Kpi)
    data = read_seed(path)
    assert (
        summary.counts["kpis"]
        == kpis
        == sum(len(t.kpis) for p in data.priorities for t in p.themes)
    )
    assert summary.counts["progress"] == len(data.progress) == 2
    assert summary.counts["owners"] == len(data.owners) == 1
    assert (data.owners[0].user_id, data.owners[0].scope) == ("U0OWNER", "P1-EMT")
    emt = next(t for p in data.priorities for t in p.themes if t.code == "P1-EMT")
    assert [k.code for k in emt.kpis][-1] == "P1-EMT-7"
    assert next(k for k in emt.kpis if k.code == "P1-EMT-2").retired
    assert emt.kpis[-1].source is not None and emt.kpis[-1].source.doc == ADMIN_DOC
    assert [b.amount for b in data.budget if b.of == "P1" and b.source.doc == ADMIN_DOC] == [
        520_000,
        600_000,
    ]
    assert any(f.priority == "P3" for f in data.faqs)
    raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert list(raw) == [
        "documents",
        "priorities",
        "budget",
        "risks",
        "facts",
        "faqs",
        "aliases",
        "synonyms",
        "progress",
        "owners",
        "phrasings",
    ]


@pytest.mark.parametrize("fresh", ["seeded", "empty"])
def test_round_trip_through_a_fresh_store_gives_identical_files(
    seeded_engine: Engine, tmp_path: Path, fresh: str
) -> None:
    _edit(seeded_engine)
    first = _export(seeded_engine, tmp_path / "first.yaml")
    with Session(seeded_engine) as session:
        before = load_knowledge(session)
    reset_store(seeded_engine)
    if fresh == "empty":
        with Session(seeded_engine) as session:
            for table in reversed(transfer.TABLES):
                for row in session.exec(select(table.model)):
                    session.delete(row)
                session.flush()
            session.commit()
        assert _export(seeded_engine, tmp_path / "empty.yaml").count("code:") == 0
    plan = _import(seeded_engine, tmp_path / "first.yaml")
    assert plan.has_changes
    second = _export(seeded_engine, tmp_path / "second.yaml")
    # The same file but for the changes admins' records cite: "change #1" named an audit row
    # of the first store; here each cites the import's own row for it.
    assert _CHANGE.sub("'change #N'", second) == _CHANGE.sub("'change #N'", first)
    with Session(seeded_engine) as session:
        for line in session.exec(
            select(models.BudgetLine).where(models.BudgetLine.doc == ADMIN_DOC)
        ):
            entry = session.get(models.AuditEntry, int(line.section.removeprefix("change #")))
            assert entry is not None and entry.action == "import" and entry.entity == "budget"
            assert entry.entity_key == f"{line.subject_code}:{line.year}"
    with Session(seeded_engine) as session:
        after = load_knowledge(session)
    assert [(k, [ln.amount_chf for ln in v]) for k, v in after.budget.items()] == [
        (k, [ln.amount_chf for ln in v]) for k, v in before.budget.items()
    ]
    assert list(after.kpis) == list(before.kpis)
    assert [f.key for f in after.facts] == [f.key for f in before.facts]


def test_importing_the_stores_own_export_changes_nothing(
    seeded_engine: Engine, tmp_path: Path
) -> None:
    _edit(seeded_engine)
    path = tmp_path / "store.yaml"
    _export(seeded_engine, path)
    with Session(seeded_engine) as session:
        revision = get_revision(session)
        plan = plan_import(session, path)
        assert not plan.has_changes and plan.to_counts() == {}
        assert plan.records["kpis"] == _count(session, models.Kpi)
        assert apply_import(session, plan, ADMIN) == transfer.ImportResult(0, [])
        session.commit()
        assert get_revision(session) == revision


def test_plan_reports_changes_by_key_and_writes_nothing(
    seeded_engine: Engine, tmp_path: Path
) -> None:
    path = tmp_path / "store.yaml"
    _export(seeded_engine, path)
    raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    e1 = next(b for b in raw["budget"] if b["of"] == "E1")
    e1["amount"] = 16_000
    removed = raw["facts"].pop()["key"]
    raw["aliases"].append({"alias": "money for members", "lang": "en", "target": "E1"})
    raw["progress"].append(
        {
            "kpi": "P1-EMT-1",
            "value": "4",
            "as_of": "2026-06-30",
            "recorded_by": "U0EDITOR",
            "recorded_at": "2026-07-01T08:00:00+00:00",
        }
    )
    path.write_text(yaml.safe_dump(raw, allow_unicode=True, sort_keys=False), encoding="utf-8")
    with Session(seeded_engine) as session:
        revision = get_revision(session)
        facts = _count(session, models.Fact)
        plan = plan_import(session, path)
        assert _count(session, models.Fact) == facts and get_revision(session) == revision
    assert plan.to_counts() == {
        "progress": {"added": 1, "changed": 0, "removed": 0},
        "budget": {"added": 1, "changed": 0, "removed": 0},
        "facts": {"added": 0, "changed": 0, "removed": 1},
        "aliases": {"added": 1, "changed": 0, "removed": 0},
    }
    # The printed line stays; the new amount is the knowledge base's figure for E1 in 2023.
    assert plan.changes["budget"].added == ["2023/E1/KB/"]
    assert plan.changes["facts"].removed == [removed]
    assert [(c.entity, c.label) for c in plan.record_changes] == [
        ("kpi_progress", "P1-EMT-1:2026-06-30"),
        ("budget", "E1:2023"),
        ("fact", removed),
        ("alias", "E1:money for members"),
    ]
    assert plan.figures == [transfer.FigureChange("E1", 2023, 15_000, 16_000)]
    [(year, mismatch)] = [(m.year, m.mismatch) for m in plan.mismatches]
    assert (year, mismatch.parent, mismatch.parent_amount) == (2023, "TOTAL", 4_200_000)
    assert (mismatch.children_sum, mismatch.complete) == (4_201_000, True)
    with Session(seeded_engine) as session:
        result = apply_import(session, plan, ADMIN)
        session.commit()
        entry = session.get(models.AuditEntry, result.change_id)
        assert entry is not None and get_revision(session) == revision + 5
        assert (entry.action, entry.entity, entry.actor) == ("import", "store", "cli:admin")
        assert entry.after is not None and entry.after["removed"] == {"facts": 1}
        assert entry.before is not None and entry.before["records"]["facts"] == facts
        rows = [session.get(models.AuditEntry, i) for i in result.record_change_ids]
        assert [(r.action, r.entity) for r in rows if r] == [
            ("import", "kpi_progress"),
            ("import", "budget"),
            ("import", "alias"),
            ("import", "fact"),
        ]
        knowledge = load_knowledge(session)
    lines = knowledge.budget[("E1", 2023)]
    assert [(ln.amount_chf, ln.doc) for ln in lines] == [
        (15_000, "002"),
        (15_000, "002"),
        (16_000, ADMIN_DOC),
    ]
    assert lines[-1].section == f"change #{result.record_change_ids[1]}"
    assert removed not in {f.key for f in knowledge.facts}
    assert len(knowledge.progress["P1-EMT-1"]) == 1


def test_an_edited_record_gets_a_new_version_and_cites_the_import(
    seeded_engine: Engine, tmp_path: Path
) -> None:
    path = tmp_path / "store.yaml"
    raw = yaml.safe_load(_export(seeded_engine, path))
    fact = raw["facts"][0]
    fact["text_en"] += " (updated)"
    path.write_text(yaml.safe_dump(raw, allow_unicode=True, sort_keys=False), encoding="utf-8")
    _import(seeded_engine, path)
    with Session(seeded_engine) as session:
        row = session.exec(select(models.Fact).where(models.Fact.key == fact["key"])).one()
        entry = session.exec(
            select(models.AuditEntry).where(models.AuditEntry.entity == "fact")
        ).one()
    assert row.text_en.endswith("(updated)") and row.version == 2
    assert (row.doc, row.section) == (ADMIN_DOC, f"change #{entry.id}")
    assert entry.before is not None and entry.before["doc"] == fact["source"]["doc"]
    assert entry.after is not None and entry.after["text_en"] == row.text_en


@pytest.fixture(scope="module")
def seed_export(seeded_file: Path, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    """The seeded store's export, read back as plain YAML data."""
    folder = tmp_path_factory.mktemp("export")
    engine = create_db_engine(copy_file(seeded_file, folder / "store.db"))
    text = _export(engine, folder / "store.yaml")
    engine.dispose()
    return dict(yaml.safe_load(text))


def _only_documents(raw: dict[str, Any]) -> None:
    for name in list(raw):
        if name != "documents":
            del raw[name]


@pytest.mark.parametrize(
    "change, location",
    [
        (lambda raw: raw["budget"][0].update(amount=-5), r"budget\.0\.amount"),
        (lambda raw: raw["budget"][0].update(amount="lots"), r"budget\.0\.amount"),
        (lambda raw: raw["budget"][0].update(of="P9"), "budget"),
        (lambda raw: raw["budget"].append(dict(raw["budget"][0])), "budget"),
        (lambda raw: raw["facts"].append(dict(raw["facts"][0])), "fact"),
        (lambda raw: raw["facts"][0]["source"].update(doc="999"), "source"),
        (lambda raw: raw["facts"][0]["source"].update(doc="XY"), r"facts\.0\.source\.doc"),
        (
            lambda raw: raw["aliases"].append({"alias": "x", "lang": "en", "target": "Q1"}),
            "aliases",
        ),
        (
            lambda raw: raw["aliases"].append({"alias": "x" * 121, "lang": "en", "target": "P1"}),
            r"aliases\.\d+\.alias",
        ),
        (lambda raw: raw["synonyms"].update(long=["w" * 61]), r"synonym\.word"),
        (
            lambda raw: raw["progress"].append(
                {
                    "kpi": "P9-X-1",
                    "value": "1",
                    "as_of": "2026-01-01",
                    "recorded_by": "U",
                    "recorded_at": "2026-01-01T00:00:00Z",
                }
            ),
            "progress",
        ),
        (
            lambda raw: raw["progress"].append(
                {
                    "kpi": "P1-EMT-1",
                    "value": "1",
                    "as_of": "2026-01-01",
                    "recorded_by": "U",
                    "recorded_at": "2026-01-01T00:00:00",
                }
            ),
            r"progress\.0\.recorded_at",
        ),
        (_only_documents, "priorities"),
        (lambda raw: raw.update(surprise=1), "surprise"),
    ],
)
def test_an_invalid_file_is_refused_with_its_place(
    seed_export: dict[str, Any], tmp_path: Path, change: Any, location: str
) -> None:
    raw = copy.deepcopy(seed_export)
    change(raw)
    path = tmp_path / "broken.yaml"
    path.write_text(yaml.safe_dump(raw, allow_unicode=True, sort_keys=False), encoding="utf-8")
    engine = create_db_engine("sqlite://")  # validation reads no table
    with Session(engine) as session, pytest.raises(SeedInvalid) as caught:
        plan_import(session, path)
    assert caught.value.file == "broken.yaml"
    assert re.fullmatch(location, caught.value.location), caught.value.location


def test_a_file_that_is_not_yaml_is_refused(db_engine: Engine, tmp_path: Path) -> None:
    migrate.upgrade(db_engine)
    path = tmp_path / "bad.yaml"
    path.write_text("documents: [unclosed\n", encoding="utf-8")
    with Session(db_engine) as session:
        with pytest.raises(SeedInvalid) as caught:
            plan_import(session, path)
        assert (caught.value.file, caught.value.location) == ("bad.yaml", "yaml")
        with pytest.raises(SeedInvalid):
            plan_import(session, tmp_path / "missing.yaml")


def test_a_store_changed_since_the_plan_is_not_imported(
    seeded_engine: Engine, tmp_path: Path
) -> None:
    path = tmp_path / "store.yaml"
    text = _export(seeded_engine, path)
    path.write_text(text.replace("amount: 15000", "amount: 15500"), encoding="utf-8")
    with Session(seeded_engine) as session:
        plan = plan_import(session, path)
    with Session(seeded_engine) as session:
        session.add(models.Alias(alias="late alias", lang="en", target_code="E1"))
        session.commit()
    with Session(seeded_engine) as session, pytest.raises(RecordChanged):
        apply_import(session, plan, ADMIN)
    with Session(seeded_engine) as session:
        amounts = session.exec(
            select(models.BudgetLine.amount_chf).where(models.BudgetLine.subject_code == "E1")
        )
        assert set(amounts) == {15_000}


def test_a_failing_import_leaves_nothing_behind(
    seeded_engine: Engine, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "store.yaml"
    raw = yaml.safe_load(_export(seeded_engine, path))
    raw["budget"][0]["amount"] = 4_300_000
    raw["facts"].pop()
    path.write_text(yaml.safe_dump(raw, allow_unicode=True, sort_keys=False), encoding="utf-8")
    real_flush = Session.flush
    calls = {"n": 0}

    def failing_flush(self: Session, *args: Any, **kwargs: Any) -> None:
        calls["n"] += 1
        real_flush(self, *args, **kwargs)
        if calls["n"] > len(transfer.TABLES) + 3:  # after the changes, amid the removals
            raise RuntimeError("connection lost")

    with Session(seeded_engine) as session:
        facts = _count(session, models.Fact)
        revision = get_revision(session)
        plan = plan_import(session, path)
        monkeypatch.setattr(Session, "flush", failing_flush)
        with pytest.raises(RuntimeError):
            apply_import(session, plan, ADMIN)
        monkeypatch.undo()
        session.commit()  # what a careless caller might do: there is nothing left to commit
    with Session(seeded_engine) as session:
        assert _count(session, models.Fact) == facts
        assert get_revision(session) == revision
        total = session.exec(
            select(models.BudgetLine.amount_chf).where(models.BudgetLine.subject_code == "TOTAL")
        ).one()
        assert total == 4_200_000


def test_an_import_waits_for_a_budget_edit_of_its_year_and_then_sees_it(
    seeded_engine: Engine, tmp_path: Path
) -> None:
    """A /kb budget set holding 2023 (its year lock, not yet committed) while an import of a
    2023 figure is applied: the import waits, then finds the store changed and writes nothing,
    instead of writing over the edit or passing a sum check that the edit breaks."""
    path = tmp_path / "store.yaml"
    text = _export(seeded_engine, path)
    path.write_text(text.replace("amount: 15000", "amount: 15500"), encoding="utf-8")
    with Session(seeded_engine) as session:
        plan = plan_import(session, path)
    outcome: list[BaseException | None] = []

    def run_import() -> None:
        with Session(seeded_engine) as session:
            try:
                apply_import(session, plan, ADMIN)
                session.commit()
                outcome.append(None)
            except BaseException as exc:  # handed to the test thread
                outcome.append(exc)

    with Session(seeded_engine) as editor:
        lock_budget_year(editor, 2023)
        importer = threading.Thread(target=run_import)
        importer.start()
        importer.join(timeout=1.0)
        assert importer.is_alive(), "the import did not wait for the year's lock"
        editor.add(
            models.BudgetLine(
                year=2023, subject_code="E1", amount_chf=17_000, doc=ADMIN_DOC, section="change #1"
            )
        )
        editor.commit()
    importer.join(timeout=30)
    assert not importer.is_alive()
    assert len(outcome) == 1 and isinstance(outcome[0], RecordChanged)
    with Session(seeded_engine) as session:
        amounts = session.exec(
            select(models.BudgetLine.amount_chf).where(models.BudgetLine.subject_code == "E1")
        )
        assert sorted(amounts) == [15_000, 15_000, 17_000]
