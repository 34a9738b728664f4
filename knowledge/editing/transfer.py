"""Export of the whole knowledge store to one seed-format YAML file, and its import back.

The format is the seed's (`knowledge/seeding/seed_loader.py`): one YAML file holding every section
the seed files hold between them (documents, priorities with their themes, outcomes,
outputs and KPIs, budget, risks, facts, faqs, aliases, synonyms) plus `progress`,
`owners` (who owns a KPI, theme or priority) and the `phrasings` admins taught, so
`read_seed(path)` reads an export. What admins changed is kept as such: their budget lines,
facts, FAQ entries and KPIs cite document "KB", section "change #N"; retired KPIs say
`retired: true`; a KPI's `source` is written only when it is not its theme's.

An import replaces the store's knowledge with the file's: records are matched by their
natural key (a code, a key, or the columns that make a record unique) and reported record
by record as added, changed or removed. Positions are compared as ranks, so a store whose
positions have gaps imports its own export without changes. Audit history, feedback, roles
and schedules are not knowledge: they are neither exported nor touched.

What an import changes is an admin's change, never the source documents' word:
- a record whose content it changes (not only its position, or a KPI's retirement) cites
  this import's audit
  row, document "KB", section "change #N", as a `/kb` edit does; so does every record the
  file cites as "KB" (its "change #N" named a change of the store it came from);
- a budget line a document prints keeps its figure: an amount the file changes becomes the
  subject-year's "KB" line, which answers then give instead (as `/kb budget set` does, and
  undoing it brings the printed figure back); the shares a document prints cannot be
  changed (shares of an admin's figure are computed);
- a "KB" budget line is matched by subject and year (one per subject-year), a "KB" record
  by its content: which change it names is the store's own bookkeeping.
Each record added, changed or removed gets its own audit row (action "import"), so `/kb
history` shows it and `/kb undo N` reverts it like any edit of that kind of record; one more
row (entity "store") sums the import up. All of it is one transaction.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

import yaml
from sqlmodel import Session, SQLModel, col, select

from knowledge.editing.audit import (
    KB_DOC,
    MAX_ENTITY_KEY,
    complete_change,
    get_column,
    list_columns,
    record_change,
    to_kb_section,
    to_snapshot,
)
from knowledge.editing.budget_edits import Mismatch, find_mismatches, get_amounts, lock_budget_year
from knowledge.editing.permissions import Actor
from knowledge.editing.phrasings import to_audit_key
from knowledge.errors import RecordChanged, SeedInvalid
from knowledge.seeding import SeedData, build_rows, read_seed
from knowledge.store import models

EXPORT_HEADER = (
    "# staffbot knowledge export, in the seed's format (knowledge/seeding/seed/README.md).\n"
    "# Load it with `staffbot kb import FILE`: it replaces the store's knowledge.\n"
)
IMPORT_ACTION = "import"
IMPORT_ENTITY = "store"
# Columns that are the store's bookkeeping, not knowledge.
_BOOKKEEPING = frozenset({"id", "version"})
# A record's source, and what else is not content: a change of its order or (as `/kb kpi
# retire`) a KPI's retirement keeps the record's source.
_SOURCE = ("doc", "section")
_NOT_CONTENT = frozenset({*_SOURCE, "position", "retired"})
# The section a "KB" record holds while a plan is tried out (no audit row names it yet).
_UNNUMBERED_SECTION = "change #?"

Key = tuple[Any, ...]
Record = dict[str, Any]


def _code(record: Record) -> str:
    return str(record["code"])


@dataclass(frozen=True)
class _Table:
    """How one table is matched between the store and a file, and how its audit rows name
    a record (entity and key, as `knowledge.editing.audit` lists them)."""

    name: str
    model: type[SQLModel]
    key: tuple[str, ...]
    # Rows are ordered by position within these columns (None: the table has no order).
    rank_within: tuple[str, ...] | None = None
    entity: str = ""
    to_label: Callable[[Record], str] = _code


# Parents before children: inserted in this order, removed in the reverse one.
TABLES: tuple[_Table, ...] = (
    _Table("documents", models.Document, ("code",), None, "document"),
    _Table("priorities", models.Priority, ("code",), (), "priority"),
    _Table("themes", models.Theme, ("code",), ("priority_code",), "theme"),
    _Table(
        "outcomes",
        models.Outcome,
        ("theme_code", "position"),
        ("theme_code",),
        "outcome",
        lambda r: f"{r['theme_code']}:{r['position'] + 1}",
    ),
    _Table(
        "outputs",
        models.Output,
        ("theme_code", "position"),
        ("theme_code",),
        "output",
        lambda r: f"{r['theme_code']}:{r['position'] + 1}",
    ),
    _Table("kpis", models.Kpi, ("code",), ("theme_code",), "kpi"),
    _Table(
        "progress",
        models.KpiProgress,
        ("kpi_code", "as_of", "recorded_at"),
        None,
        "kpi_progress",
        lambda r: f"{r['kpi_code']}:{r['as_of'].isoformat()}",
    ),
    _Table(
        "budget",
        models.BudgetLine,
        ("year", "subject_code", "doc", "section"),
        None,
        "budget",
        lambda r: f"{r['subject_code']}:{r['year']}",
    ),
    _Table("risks", models.Risk, ("code",), (), "risk"),
    _Table(
        "mitigations",
        models.RiskMitigation,
        ("risk_code", "position"),
        ("risk_code",),
        "mitigation",
        lambda r: f"{r['risk_code']}:{r['position'] + 1}",
    ),
    _Table("facts", models.Fact, ("key",), None, "fact", lambda r: str(r["key"])),
    _Table("faqs", models.Faq, ("key",), None, "faq", lambda r: str(r["key"])),
    _Table(
        "aliases",
        models.Alias,
        ("alias", "target_code"),
        None,
        "alias",
        lambda r: f"{r['target_code']}:{r['alias']}",
    ),
    _Table(
        "owners",
        models.Owner,
        ("platform", "user_id", "scope"),
        None,
        "owner",
        lambda r: f"{r['user_id']} {r['scope']}",
    ),
    _Table(
        "synonyms",
        models.Synonym,
        ("group", "word"),
        None,
        "synonym",
        lambda r: f"{r['group']}:{r['word']}",
    ),
    _Table(
        "phrasings",
        models.TaughtPhrasing,
        ("phrasing",),
        None,
        "phrasing",
        lambda r: to_audit_key(str(r["record"]), str(r["phrasing"])),
    ),
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


@dataclass(frozen=True)
class RecordChange:
    """One record an import adds (before None), changes or removes (after None).

    `label` names it as its audit row will ("E1:2023", a KPI code, a fact's key; progress
    "KPI:as_of"); `before` and `after` are its knowledge columns, `after` as it will be
    stored (a record citing this import has section "change #?" until it is applied).
    """

    table: str
    entity: str
    label: str
    before: Record | None
    after: Record | None


@dataclass(frozen=True)
class FigureChange:
    """A budget figure the answers give that an import changes (None: no figure)."""

    subject: str
    year: int
    before: int | None
    after: int | None


@dataclass(frozen=True)
class YearMismatch:
    """A sum that would no longer add up after the import (`/kb budget set`'s check)."""

    year: int
    mismatch: Mismatch


@dataclass
class ImportPlan:
    """What importing a file would do; computed and validated, nothing written yet."""

    file: str
    data: SeedData
    records: dict[str, int]  # records per table in the store now
    changes: dict[str, TableChanges]  # every table, in TABLES order
    record_changes: list[RecordChange] = field(default_factory=list)  # in TABLES order
    figures: list[FigureChange] = field(default_factory=list)
    mismatches: list[YearMismatch] = field(default_factory=list)

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


@dataclass(frozen=True)
class ImportResult:
    """What an applied import wrote: its summing-up audit row (0: nothing changed) and the
    audit rows of the records, in order."""

    change_id: int
    record_change_ids: list[int]


# -- records: rows as comparable values ---------------------------------------------------


def _columns(model: type[SQLModel]) -> list[str]:
    return [c.name for c in list_columns(model) if c.name not in _BOOKKEEPING]


def _is_sourced(table: _Table) -> bool:
    return "doc" in _columns(table.model)


def _to_key(table: _Table, record: Record) -> Key:
    if table.model is models.BudgetLine and record["doc"] == KB_DOC:
        # One admin figure per subject and year; its section only names its change.
        return (record["year"], record["subject_code"], KB_DOC, "")
    return tuple(record[c] for c in table.key)


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
        key = _to_key(table, record)
        if key in records:  # two records alike in key (progress noted twice at once)
            key = (*key, sum(1 for k in records if k[: len(table.key)] == key))
        records[key] = (record, row)
    return records


def _read_store(session: Session, table: _Table) -> dict[Key, tuple[Record, SQLModel]]:
    rows = session.exec(select(table.model).order_by(get_column(table.model, "id")))
    return _to_records(table, rows)


def _to_key_text(key: Key) -> str:
    return "/".join(v.isoformat() if hasattr(v, "isoformat") else str(v) for v in key)


def _is_new_content(current: Record, wanted: Record) -> bool:
    return any(current[name] != wanted[name] for name in current if name not in _NOT_CONTENT)


def _is_unchanged(current: Record, wanted: Record) -> bool:
    """Nothing to do: the same record, or the same content where the store cites an admin's
    change for it (which change that is, is the store's bookkeeping)."""
    if any(current[name] != wanted[name] for name in current if name not in _SOURCE):
        return False
    return current.get("doc") == KB_DOC or all(
        current[name] == wanted[name] for name in _SOURCE if name in current
    )


def _to_stored(table: _Table, current: Record | None, wanted: Record) -> Record:
    """The record as an import stores it: citing this import where it is an admin's change."""
    if not _is_sourced(table):
        return wanted
    if wanted["doc"] == KB_DOC or (current is not None and _is_new_content(current, wanted)):
        return {**wanted, "doc": KB_DOC, "section": _UNNUMBERED_SECTION}
    return wanted


@dataclass
class _Diff:
    table: _Table
    current: dict[Key, tuple[Record, SQLModel]]
    wanted: dict[Key, Record]

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
            for k, record in self.wanted.items()
            if k in self.current and not _is_unchanged(self.current[k][0], record)
        ]

    def to_changes(self) -> TableChanges:
        return TableChanges(
            added=[_to_key_text(k) for k in self.added],
            changed=[_to_key_text(k) for k in self.changed],
            removed=[_to_key_text(k) for k in self.removed],
        )

    def to_record_changes(self) -> list[RecordChange]:
        table = self.table
        changes = []
        for key in self.added:
            after = _to_stored(table, None, self.wanted[key])
            changes.append(
                RecordChange(table.name, table.entity, table.to_label(after), None, after)
            )
        for key in self.changed:
            before = self.current[key][0]
            after = _to_stored(table, before, self.wanted[key])
            changes.append(
                RecordChange(table.name, table.entity, table.to_label(after), before, after)
            )
        for key in self.removed:
            before = self.current[key][0]
            changes.append(
                RecordChange(table.name, table.entity, table.to_label(before), before, None)
            )
        return changes


def _to_admin_figures(
    file: str, current: dict[Key, tuple[Record, SQLModel]], wanted: dict[Key, Record]
) -> dict[Key, Record]:
    """The budget lines to store: a printed line whose amount the file changes stays as
    printed, and the new amount becomes its subject-year's "KB" line."""
    result = dict(wanted)
    figures: dict[tuple[int, str], int] = {}
    for key, record in wanted.items():
        if record["doc"] == KB_DOC or key not in current:
            continue
        printed = current[key][0]
        if _is_unchanged(printed, record):
            continue
        subject, year = record["subject_code"], record["year"]
        where = f"budget {subject} {year}"
        if any(printed[n] != record[n] for n in ("share_of_parent", "share_of_total")):
            raise SeedInvalid(
                file,
                where,
                f"the shares {record['doc']} {record['section']} prints cannot be changed",
                "printed_share_changed",
                {
                    "subject": subject,
                    "year": year,
                    "doc": record["doc"],
                    "section": record["section"],
                },
            )
        amount = record["amount_chf"]
        if figures.setdefault((year, subject), amount) != amount:
            raise _two_figures(file, where, subject, year, [figures[(year, subject)], amount])
        result[key] = printed
    for (year, subject), amount in figures.items():
        kb_key = (year, subject, KB_DOC, "")
        if kb_key in wanted:
            if wanted[kb_key]["amount_chf"] != amount:
                amounts = [amount, wanted[kb_key]["amount_chf"]]
                raise _two_figures(file, f"budget {subject} {year}", subject, year, amounts)
            continue
        result[kb_key] = {
            "year": year,
            "subject_code": subject,
            "amount_chf": amount,
            "share_of_parent": None,
            "share_of_total": None,
            "doc": KB_DOC,
            "section": _UNNUMBERED_SECTION,
        }
    return result


def _two_figures(file: str, where: str, subject: str, year: int, amounts: list[int]) -> SeedInvalid:
    return SeedInvalid(
        file,
        where,
        f"two different figures for {subject} {year}: {amounts[0]} and {amounts[1]}",
        "two_figures",
        {"subject": subject, "year": year, "amounts": amounts},
    )


def _diff(session: Session, data: SeedData, file: str) -> list[_Diff]:
    wanted_rows: dict[type[SQLModel], list[SQLModel]] = {}
    for row in build_rows(data):
        wanted_rows.setdefault(type(row), []).append(row)
    diffs = []
    for table in TABLES:
        current = _read_store(session, table)
        wanted = {
            key: record
            for key, (record, _row) in _to_records(table, wanted_rows.get(table.model, [])).items()
        }
        if table.model is models.BudgetLine:
            wanted = _to_admin_figures(file, current, wanted)
        diffs.append(_Diff(table, current, wanted))
    return diffs


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
        "owners": [
            {
                "scope": o.scope,
                "user_id": o.user_id,
                "platform": o.platform,
                "added_by": o.added_by,
                "added_at": o.added_at.isoformat(),
            }
            for o in _ordered(session, models.Owner)
        ],
        "phrasings": [
            {"record": p.record, "phrasing": p.phrasing, "lang": p.lang}
            for p in _ordered(session, models.TaughtPhrasing)
        ],
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
        for column in list_columns(type(row)):
            limit = getattr(column.type, "length", None)
            value = getattr(row, column.name)
            if limit and isinstance(value, str) and len(value) > limit:
                where = f"{type(row).__tablename__}.{column.name}"
                raise SeedInvalid(file, where, f"{value[:40]!r}… is longer than {limit} characters")


def _check_unique_lines(file: str, data: SeedData) -> None:
    seen: set[tuple[Any, ...]] = set()
    admin_figures: set[tuple[Any, ...]] = set()
    for line in data.budget:
        key = (line.year, line.of, line.source.doc, line.source.section)
        if key in seen:
            raise SeedInvalid(file, "budget", f"duplicate budget line {_to_key_text(key)!r}")
        seen.add(key)
        if line.source.doc == KB_DOC:
            if (line.year, line.of) in admin_figures:
                raise SeedInvalid(
                    file, "budget", f"two {KB_DOC} budget lines for {line.of} {line.year}"
                )
            admin_figures.add((line.year, line.of))


def read_import(path: Path) -> SeedData:
    """Read and validate a file (or a folder of seed files) to import."""
    if not path.exists():
        raise SeedInvalid(path.name, "file", "no such file")
    try:
        data = read_seed(path)
    except SeedInvalid as exc:
        # Cross-file checks name the seed as a whole; here there is one file to name.
        raise SeedInvalid(path.name, exc.location, exc.reason, exc.reason_key, exc.details) from exc
    if not data.documents or not data.priorities:
        missing = "documents" if not data.documents else "priorities"
        raise SeedInvalid(path.name, missing, "an import replaces the whole store: none found")
    _check_unique_lines(path.name, data)
    _check_lengths(path.name, data)
    return data


def _to_record_changes(diffs: list[_Diff]) -> list[RecordChange]:
    return [change for diff in diffs for change in diff.to_record_changes()]


def _budget_years(diffs: list[_Diff]) -> list[int]:
    budget = next(d for d in diffs if d.table.model is models.BudgetLine)
    years = {budget.wanted[k]["year"] for k in (*budget.added, *budget.changed)}
    years |= {budget.current[k][0]["year"] for k in budget.removed}
    return sorted(years)


def _try_figures(
    session: Session, diffs: list[_Diff]
) -> tuple[list[FigureChange], list[YearMismatch]]:
    """The budget figures the import changes and the sums it breaks, found by applying it in
    the session and rolling back (so `/kb budget set`'s own check reads the result)."""
    years = _budget_years(diffs)
    if not years:
        return [], []
    before = {year: get_amounts(session, year) for year in years}
    figures: list[FigureChange] = []
    mismatches: list[YearMismatch] = []
    try:
        _apply_diffs(session, diffs, None)
        for year in years:
            after = get_amounts(session, year)
            seen: set[str] = set()
            for subject in dict.fromkeys([*before[year], *after]):
                old, new = before[year].get(subject), after.get(subject)
                if old == new:
                    continue
                figures.append(FigureChange(subject, year, old, new))
                if new is None:
                    continue
                for mismatch in find_mismatches(session, subject, year, new):
                    if mismatch.parent not in seen:
                        seen.add(mismatch.parent)
                        mismatches.append(YearMismatch(year, mismatch))
    finally:
        session.rollback()
    return figures, mismatches


def plan_import(session: Session, path: Path) -> ImportPlan:
    """Validate the file and work out what importing it changes; nothing is written (the
    session's transaction is rolled back)."""
    data = read_import(path)
    diffs = _diff(session, data, path.name)
    plan = ImportPlan(
        file=path.name,
        data=data,
        records={d.table.name: len(d.current) for d in diffs},
        changes={d.table.name: d.to_changes() for d in diffs},
        record_changes=_to_record_changes(diffs),
    )
    if plan.has_changes:
        plan.figures, plan.mismatches = _try_figures(session, diffs)
    return plan


def _to_audit_key(table: _Table, row: SQLModel) -> str:
    if isinstance(row, models.KpiProgress):
        return f"{row.kpi_code}:{row.id}"  # as `/kb progress` keys it
    record = {name: getattr(row, name) for name in _columns(table.model)}
    return table.to_label(record)[:MAX_ENTITY_KEY]


class _Writer:
    """Writes an import's records, each with its audit row (none when only trying it out)."""

    def __init__(self, session: Session, actor: Actor | None) -> None:
        self.session = session
        self.actor = actor
        self.entries: list[models.AuditEntry] = []

    def _audit(self, table: _Table, row: SQLModel | None) -> models.AuditEntry | None:
        if self.actor is None:
            return None
        before = to_snapshot(row) if row is not None else None
        key = _to_audit_key(table, row) if row is not None else table.entity
        entry = record_change(
            self.session, self.actor, IMPORT_ACTION, table.entity, key, before, None
        )
        self.entries.append(entry)
        return entry

    def _write(self, table: _Table, row: SQLModel, entry: models.AuditEntry | None) -> None:
        if entry is not None and getattr(row, "doc", None) == KB_DOC:
            row.section = to_kb_section(entry)
        self.session.add(row)
        self.session.flush()
        if entry is not None:
            # An added row's id (its key) is known only now.
            complete_change(self.session, entry, _to_audit_key(table, row), to_snapshot(row))

    def add(self, table: _Table, record: Record) -> None:
        row = table.model(**_to_stored(table, None, record))
        self._write(table, row, self._audit(table, None))

    def change(self, table: _Table, current: Record, record: Record, row: SQLModel) -> None:
        entry = self._audit(table, row)
        for name, value in _to_stored(table, current, record).items():
            setattr(row, name, value)
        if hasattr(row, "version"):
            row.version += 1  # an edit confirmed against the old version is refused
        self._write(table, row, entry)

    def remove(self, table: _Table, row: SQLModel) -> None:
        self._audit(table, row)
        self.session.delete(row)
        self.session.flush()


def _apply_diffs(session: Session, diffs: list[_Diff], actor: Actor | None) -> list[int]:
    """Write the diffs (with an audit row per record when `actor` is given); returns the ids
    of those audit rows."""
    writer = _Writer(session, actor)
    # Parents first for additions and changes (a theme may move to a new priority),
    # children first for removals.
    for diff in diffs:
        for key in diff.added:
            writer.add(diff.table, diff.wanted[key])
    for diff in diffs:
        changed = set(diff.changed)
        for key, record in diff.wanted.items():
            if key not in diff.current:
                continue
            current, row = diff.current[key]
            if key in changed:
                writer.change(diff.table, current, record, row)
            elif getattr(row, "position", None) not in (None, record.get("position")):
                # Close gaps in positions so that new rows sort where the file has them.
                setattr(row, "position", record["position"])  # noqa: B010
                session.add(row)
        session.flush()
    for diff in reversed(diffs):
        for key in diff.removed:
            writer.remove(diff.table, diff.current[key][1])
    return [entry.id for entry in writer.entries if entry.id is not None]


def _count(diffs: list[_Diff], which: Callable[[_Diff], list[Key]]) -> dict[str, int]:
    return {d.table.name: len(which(d)) for d in diffs if which(d)}


def apply_import(session: Session, plan: ImportPlan, actor: Actor) -> ImportResult:
    """Apply a plan in the session's transaction, each record with its audit row and one
    more row summing the import up; the caller commits.

    Returns the summing-up row's id (0 when the plan changes nothing: nothing is written)
    and the records' rows. Raises RecordChanged when the store changed since the plan was
    made. On any error the session is rolled back, so nothing of the import remains.
    """
    try:
        # The budget years the import touches are held as /kb budget set holds them, then
        # the store is read again: an edit committed meanwhile is seen (RecordChanged), and
        # none can land between this check and the commit (no write skew on the sums).
        for year in _budget_years(_diff(session, plan.data, plan.file)):
            lock_budget_year(session, year)
        diffs = _diff(session, plan.data, plan.file)
        if _to_record_changes(diffs) != plan.record_changes:
            raise RecordChanged(IMPORT_ENTITY, plan.file)
        if not plan.has_changes:
            return ImportResult(0, [])
        before = {d.table.name: len(d.current) for d in diffs}
        after = {d.table.name: len(d.wanted) for d in diffs}
        added = _count(diffs, lambda d: d.added)
        changed = _count(diffs, lambda d: d.changed)
        removed = _count(diffs, lambda d: d.removed)
        record_ids = _apply_diffs(session, diffs, actor)
        entry = record_change(
            session,
            actor,
            IMPORT_ACTION,
            IMPORT_ENTITY,
            plan.file,
            {"records": before},
            {"records": after, "added": added, "changed": changed, "removed": removed},
        )
    except Exception:
        session.rollback()
        raise
    assert entry.id is not None
    return ImportResult(entry.id, record_ids)
