"""Export of the whole knowledge store to one seed-format YAML file, and its import back.

The format is the seed's (`knowledge/seed_loader.py`): one YAML file holding every section
the seed files hold between them (documents, priorities with their themes, outcomes,
outputs and KPIs, budget, risks, facts, faqs, aliases, synonyms) plus `progress`, so
`read_seed(path)` reads an export. What admins changed is kept as such: their budget lines,
facts, FAQ entries and KPIs cite document "KB", section "change #N"; retired KPIs say
`retired: true`; a KPI's `source` is written only when it is not its theme's.

An import replaces the store's knowledge with the file's: records are matched by their
natural key (a code, a key, or the columns that make a record unique) and reported as
added, changed or removed. Positions are compared as ranks, so a store whose positions
have gaps imports its own export without changes. Audit history, feedback, roles and
schedules are not knowledge: they are neither exported nor touched.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

import yaml
from sqlmodel import Session, SQLModel, col, select

from knowledge import models
from knowledge.errors import RecordChanged, SeedInvalid
from knowledge.seed_loader import SeedData, build_rows, read_seed

EXPORT_HEADER = (
    "# staffbot knowledge export, in the seed's format (knowledge/seed/README.md).\n"
    "# Load it with `staffbot kb import FILE`: it replaces the store's knowledge.\n"
)
IMPORT_ACTION = "import"
IMPORT_ENTITY = "store"
# Columns that are the store's bookkeeping, not knowledge.
_BOOKKEEPING = frozenset({"id", "version"})

Key = tuple[Any, ...]
Record = dict[str, Any]


@dataclass(frozen=True)
class _Table:
    """How one table is matched between the store and a file."""

    name: str
    model: type[SQLModel]
    key: tuple[str, ...]
    # Rows are ordered by position within these columns (None: the table has no order).
    rank_within: tuple[str, ...] | None = None


# Parents before children: inserted in this order, removed in the reverse one.
TABLES: tuple[_Table, ...] = (
    _Table("documents", models.Document, ("code",)),
    _Table("priorities", models.Priority, ("code",), ()),
    _Table("themes", models.Theme, ("code",), ("priority_code",)),
    _Table("outcomes", models.Outcome, ("theme_code", "position"), ("theme_code",)),
    _Table("outputs", models.Output, ("theme_code", "position"), ("theme_code",)),
    _Table("kpis", models.Kpi, ("code",), ("theme_code",)),
    _Table("progress", models.KpiProgress, ("kpi_code", "as_of", "recorded_at")),
    _Table("budget", models.BudgetLine, ("year", "subject_code", "doc", "section")),
    _Table("risks", models.Risk, ("code",), ()),
    _Table("mitigations", models.RiskMitigation, ("risk_code", "position"), ("risk_code",)),
    _Table("facts", models.Fact, ("key",)),
    _Table("faqs", models.Faq, ("key",)),
    _Table("aliases", models.Alias, ("alias", "target_code")),
    _Table("synonyms", models.Synonym, ("group", "word")),
)


@dataclass(frozen=True)
class ExportSummary:
    path: Path
    counts: dict[str, int]  # records written, per table


@dataclass
class TableChanges:
    """The keys (as text) of one table's records an import adds, changes and removes."""

    added: list[str] = field(default_factory=list)
    changed: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)

    @property
    def count(self) -> int:
        return len(self.added) + len(self.changed) + len(self.removed)


@dataclass
class ImportPlan:
    """What importing a file would do; computed and validated, nothing written yet."""

    file: str
    data: SeedData
    records: dict[str, int]  # records per table in the store now
    changes: dict[str, TableChanges]  # every table, in TABLES order

    @property
    def has_changes(self) -> bool:
        return any(c.count for c in self.changes.values())

    def to_counts(self) -> dict[str, dict[str, int]]:
        """Per table with changes: how many records are added, changed and removed."""
        return {
            name: {"added": len(c.added), "changed": len(c.changed), "removed": len(c.removed)}
            for name, c in self.changes.items()
            if c.count
        }


# -- records: rows as comparable values ---------------------------------------------------


def _columns(model: type[SQLModel]) -> list[str]:
    table = model.__table__  # type: ignore[attr-defined]
    return [c.name for c in table.columns if c.name not in _BOOKKEEPING]


def _to_records(table: _Table, rows: Iterable[SQLModel]) -> dict[Key, tuple[Record, SQLModel]]:
    """Each row's knowledge columns by natural key; positions become ranks in their group."""
    columns = _columns(table.model)
    items = [({name: getattr(row, name) for name in columns}, row) for row in rows]
    if table.rank_within is not None:
        within = table.rank_within
        items.sort(key=lambda item: (*(item[0][c] for c in within), item[0]["position"]))
        ranks: dict[Key, int] = {}
        for record, _row in items:
            group = tuple(record[c] for c in within)
            record["position"] = ranks.get(group, 0)
            ranks[group] = record["position"] + 1
    records: dict[Key, tuple[Record, SQLModel]] = {}
    for record, row in items:
        key = tuple(record[c] for c in table.key)
        if key in records:  # two records alike in key (progress noted twice at once)
            key = (*key, sum(1 for k in records if k[: len(table.key)] == key))
        records[key] = (record, row)
    return records


def _read_store(session: Session, table: _Table) -> dict[Key, tuple[Record, SQLModel]]:
    rows = session.exec(select(table.model).order_by(col(table.model.id)))  # type: ignore[attr-defined]
    return _to_records(table, rows)


def _to_key_text(key: Key) -> str:
    return "/".join(v.isoformat() if hasattr(v, "isoformat") else str(v) for v in key)


def _same(a: Record, b: Record) -> bool:
    return all(a[name] == b[name] for name in a)


@dataclass
class _Diff:
    table: _Table
    current: dict[Key, tuple[Record, SQLModel]]
    wanted: dict[Key, tuple[Record, SQLModel]]

    @property
    def added(self) -> list[Key]:
        return [k for k in self.wanted if k not in self.current]

    @property
    def removed(self) -> list[Key]:
        return [k for k in self.current if k not in self.wanted]

    @property
    def changed(self) -> list[Key]:
        return [
            k
            for k, (record, _row) in self.wanted.items()
            if k in self.current and not _same(record, self.current[k][0])
        ]

    def to_changes(self) -> TableChanges:
        return TableChanges(
            added=[_to_key_text(k) for k in self.added],
            changed=[_to_key_text(k) for k in self.changed],
            removed=[_to_key_text(k) for k in self.removed],
        )


def _diff(session: Session, data: SeedData) -> list[_Diff]:
    wanted_rows: dict[type[SQLModel], list[SQLModel]] = {}
    for row in build_rows(data):
        wanted_rows.setdefault(type(row), []).append(row)
    return [
        _Diff(t, _read_store(session, t), _to_records(t, wanted_rows.get(t.model, [])))
        for t in TABLES
    ]


# -- export ---------------------------------------------------------------------------------


def _plain(value: Decimal) -> str:
    """A decimal as the seed writes it: "12.4", "42" (the store may keep 42.0000)."""
    if value == value.to_integral_value():
        return str(value.quantize(Decimal(1)))
    return format(value.normalize(), "f")


def _source(row: Any) -> dict[str, str]:
    return {"doc": row.doc, "section": row.section}


def _without_none(values: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in values.items() if v is not None}


def _ordered(session: Session, model: Any) -> list[Any]:
    order = [col(model.position)] if hasattr(model, "position") else []
    return list(session.exec(select(model).order_by(*order, col(model.id))))


def _to_entries(
    session: Session, model: type[models.Fact] | type[models.Faq]
) -> list[dict[str, Any]]:
    """Facts or FAQ entries as the seed writes them: "priority" and "source" for the columns."""
    return [
        _without_none(
            {
                **{
                    name: getattr(row, name)
                    for name in _columns(model)
                    if name not in ("priority_code", "doc", "section")
                },
                "priority": row.priority_code,
                "source": _source(row),
            }
        )
        for row in _ordered(session, model)
    ]


def _grouped(rows: list[Any], key: str) -> dict[str, list[Any]]:
    grouped: dict[str, list[Any]] = {}
    for row in rows:
        grouped.setdefault(getattr(row, key), []).append(row)
    return grouped


def _to_theme(session: Session, theme: models.Theme, children: dict[str, Any]) -> dict[str, Any]:
    kpis = []
    for kpi in children["kpis"].get(theme.code, []):
        item: dict[str, Any] = {"code": kpi.code, "zh": kpi.text_zh, "en": kpi.text_en}
        if kpi.retired:
            item["retired"] = True
        if (kpi.doc, kpi.section) != (theme.doc, theme.section):
            item["source"] = _source(kpi)
        kpis.append(item)
    return {
        "code": theme.code,
        "name_zh": theme.name_zh,
        "name_en": theme.name_en,
        "source": _source(theme),
        "outcomes": [
            {"zh": o.text_zh, "en": o.text_en} for o in children["outcomes"].get(theme.code, [])
        ],
        "outputs": [
            {"zh": o.text_zh, "en": o.text_en} for o in children["outputs"].get(theme.code, [])
        ],
        "kpis": kpis,
    }


def to_export_document(session: Session) -> dict[str, Any]:
    """The whole store as the seed format's sections, in the store's order."""
    children = {
        "kpis": _grouped(_ordered(session, models.Kpi), "theme_code"),
        "outcomes": _grouped(_ordered(session, models.Outcome), "theme_code"),
        "outputs": _grouped(_ordered(session, models.Output), "theme_code"),
    }
    themes = _grouped(_ordered(session, models.Theme), "priority_code")
    mitigations = _grouped(_ordered(session, models.RiskMitigation), "risk_code")
    priorities = [
        {
            "code": p.code,
            "kind": p.kind,
            "label": p.label,
            "name_zh": p.name_zh,
            "name_en": p.name_en,
            "includes_zh": p.includes_zh,
            "includes_en": p.includes_en,
            "source": _source(p),
            "themes": [_to_theme(session, t, children) for t in themes.get(p.code, [])],
        }
        for p in _ordered(session, models.Priority)
    ]
    budget = [
        _without_none(
            {
                "year": b.year,
                "of": b.subject_code,
                "amount": b.amount_chf,
                "share_of_parent": _plain(b.share_of_parent) if b.share_of_parent else None,
                "share_of_total": _plain(b.share_of_total) if b.share_of_total else None,
                "source": _source(b),
            }
        )
        for b in _ordered(session, models.BudgetLine)
    ]
    risks = [
        {
            **{
                name: getattr(r, name)
                for name in _columns(models.Risk)
                if name not in ("position", "doc", "section")
            },
            "mitigations": [
                {"zh": m.text_zh, "en": m.text_en} for m in mitigations.get(r.code, [])
            ],
            "source": _source(r),
        }
        for r in _ordered(session, models.Risk)
    ]
    facts = _to_entries(session, models.Fact)
    faqs = _to_entries(session, models.Faq)
    synonyms: dict[str, list[str]] = {}
    for s in _ordered(session, models.Synonym):
        synonyms.setdefault(s.group, []).append(s.word)
    progress = [
        _without_none(
            {
                "kpi": p.kpi_code,
                "value": _plain(p.value),
                "target": _plain(p.target) if p.target is not None else None,
                "as_of": p.as_of.isoformat(),
                "note": p.note or None,
                "recorded_by": p.recorded_by,
                "recorded_at": p.recorded_at.isoformat(),
            }
        )
        for p in _ordered(session, models.KpiProgress)
    ]
    return {
        "documents": [
            {name: getattr(d, name) for name in _columns(models.Document)}
            for d in _ordered(session, models.Document)
        ],
        "priorities": priorities,
        "budget": budget,
        "risks": risks,
        "facts": facts,
        "faqs": faqs,
        "aliases": [
            {"alias": a.alias, "lang": a.lang, "target": a.target_code}
            for a in _ordered(session, models.Alias)
        ],
        "synonyms": synonyms,
        "progress": progress,
    }


def export_store(session: Session, path: Path) -> ExportSummary:
    """Write the whole knowledge store to `path` (one YAML file, the seed's format)."""
    document = to_export_document(session)
    dumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)
    text = yaml.dump(
        document,
        Dumper=dumper,
        allow_unicode=True,
        sort_keys=False,
        default_flow_style=False,
        width=100,
    )
    path.write_text(EXPORT_HEADER + text, encoding="utf-8")
    counts = {t.name: len(_read_store(session, t)) for t in TABLES}
    return ExportSummary(path, counts)


# -- import ---------------------------------------------------------------------------------


def _check_lengths(file: str, data: SeedData) -> None:
    """Text that would not fit its column (PostgreSQL refuses it; SQLite would not)."""
    for row in build_rows(data):
        table = row.__table__  # type: ignore[attr-defined]
        for column in table.columns:
            limit = getattr(column.type, "length", None)
            value = getattr(row, column.name)
            if limit and isinstance(value, str) and len(value) > limit:
                where = f"{table.name}.{column.name}"
                raise SeedInvalid(file, where, f"{value[:40]!r}… is longer than {limit} characters")


def _check_unique_lines(file: str, data: SeedData) -> None:
    seen: set[tuple[Any, ...]] = set()
    for line in data.budget:
        key = (line.year, line.of, line.source.doc, line.source.section)
        if key in seen:
            raise SeedInvalid(file, "budget", f"duplicate budget line {_to_key_text(key)!r}")
        seen.add(key)


def read_import(path: Path) -> SeedData:
    """Read and validate a file (or a folder of seed files) to import."""
    if not path.exists():
        raise SeedInvalid(path.name, "file", "no such file")
    try:
        data = read_seed(path)
    except SeedInvalid as exc:
        # Cross-file checks name the seed as a whole; here there is one file to name.
        raise SeedInvalid(path.name, exc.location, exc.reason) from exc
    if not data.documents or not data.priorities:
        missing = "documents" if not data.documents else "priorities"
        raise SeedInvalid(path.name, missing, "an import replaces the whole store: none found")
    _check_unique_lines(path.name, data)
    _check_lengths(path.name, data)
    return data


def plan_import(session: Session, path: Path) -> ImportPlan:
    """Validate the file and work out what importing it changes; nothing is written."""
    data = read_import(path)
    diffs = _diff(session, data)
    return ImportPlan(
        file=path.name,
        data=data,
        records={d.table.name: len(d.current) for d in diffs},
        changes={d.table.name: d.to_changes() for d in diffs},
    )


def _apply_diffs(session: Session, diffs: list[_Diff]) -> None:
    # Parents first for additions and changes (a theme may move to a new priority),
    # children first for removals.
    for diff in diffs:
        for key in diff.added:
            record, _row = diff.wanted[key]
            session.add(diff.table.model(**record))
        session.flush()
    for diff in diffs:
        changed = set(diff.changed)
        for key, (record, _wanted) in diff.wanted.items():
            if key not in diff.current:
                continue
            row = diff.current[key][1]
            if key in changed:
                for name, value in record.items():
                    setattr(row, name, value)
                if hasattr(row, "version"):
                    row.version += 1  # an edit confirmed against the old version is refused
                session.add(row)
            elif getattr(row, "position", None) not in (None, record.get("position")):
                # Close gaps in positions so that new rows sort where the file has them.
                setattr(row, "position", record["position"])  # noqa: B010
                session.add(row)
        session.flush()
    for diff in reversed(diffs):
        for key in diff.removed:
            session.delete(diff.current[key][1])
        session.flush()


def _count(diffs: list[_Diff], which: Callable[[_Diff], list[Key]]) -> dict[str, int]:
    return {d.table.name: len(which(d)) for d in diffs if which(d)}


def apply_import(session: Session, plan: ImportPlan, actor: str) -> int:
    """Apply a plan in the session's transaction with one audit entry; the caller commits.

    Returns the audit entry's id (0 when the plan changes nothing: nothing is written).
    Raises RecordChanged when the store changed since the plan was made. On any error the
    session is rolled back, so nothing of the import remains.
    """
    try:
        diffs = _diff(session, plan.data)
        if {d.table.name: d.to_changes() for d in diffs} != plan.changes:
            raise RecordChanged(IMPORT_ENTITY, plan.file)
        if not plan.has_changes:
            return 0
        before = {d.table.name: len(d.current) for d in diffs}
        after = {d.table.name: len(d.wanted) for d in diffs}
        _apply_diffs(session, diffs)
        entry = models.AuditEntry(
            actor=actor,
            action=IMPORT_ACTION,
            entity=IMPORT_ENTITY,
            entity_key=plan.file[:80],
            before={"records": before},
            after={
                "records": after,
                "added": _count(diffs, lambda d: d.added),
                "changed": _count(diffs, lambda d: d.changed),
                "removed": _count(diffs, lambda d: d.removed),
            },
        )
        session.add(entry)
        session.flush()
    except Exception:
        session.rollback()
        raise
    assert entry.id is not None
    return entry.id
