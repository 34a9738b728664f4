"""Reading, validating and loading the hand-curated seed files into the store."""

from __future__ import annotations

import codecs
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any, Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator
from sqlmodel import Session, SQLModel, select

from knowledge.errors import SeedInvalid
from knowledge.store import TOTAL_CODE, models
from knowledge.store.record_refs import to_record

SEED_DIR = Path(__file__).with_name("seed")
# libyaml's safe loader when PyYAML has it (ten times faster on large files), else PyYAML's.
YAML_LOADER: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)


# A source document: a three-digit file prefix, or ADMIN_DOC for what admins entered.
DOC_CODE_PATTERN = r"^(?:\d{3}|KB)$"


class SourceRef(_Strict):
    doc: str = Field(pattern=DOC_CODE_PATTERN)
    section: str = Field(min_length=1, max_length=100)


class TextPair(_Strict):
    zh: str = Field(min_length=1)
    en: str = Field(min_length=1)


class KpiIn(TextPair):
    code: str = Field(pattern=r"^[PE]\d-[A-Z]+-\d+$")
    retired: bool = False
    # Only when it differs from the theme's (a KPI an admin added or edited cites the change).
    source: SourceRef | None = None


class ThemeIn(_Strict):
    code: str = Field(pattern=r"^[PE]\d-[A-Z]+$")
    name_zh: str
    name_en: str
    aliases_en: list[str] = []
    aliases_zh: list[str] = []
    source: SourceRef
    outcomes: list[TextPair] = []
    outputs: list[TextPair] = []
    kpis: list[KpiIn] = []


class PriorityIn(_Strict):
    code: str = Field(pattern=r"^[PE]\d$")
    kind: Literal["priority", "enabler"]
    label: str
    name_zh: str
    name_en: str
    includes_zh: str = ""
    includes_en: str = ""
    aliases_en: list[str] = []
    aliases_zh: list[str] = []
    source: SourceRef
    themes: list[ThemeIn] = []


class BudgetIn(_Strict):
    year: int = Field(ge=1990, le=2100)
    of: str
    amount: int = Field(ge=0)
    share_of_parent: Decimal | None = None
    share_of_total: Decimal | None = None
    source: SourceRef

    @field_validator("share_of_parent", "share_of_total")
    @classmethod
    def _is_percentage(cls, value: Decimal | None) -> Decimal | None:
        if value is not None and not Decimal(0) <= value <= Decimal(100):
            raise ValueError("a share is a percentage between 0 and 100")
        return value


class RiskIn(_Strict):
    code: str = Field(pattern=r"^R\d+$")
    category_zh: str
    category_en: str
    description_zh: str
    description_en: str
    probability_zh: str
    probability_en: str
    impact_zh: str
    impact_en: str
    mitigations: list[TextPair]
    source: SourceRef


class NoteIn(TextPair):
    source: SourceRef


class FactIn(_Strict):
    key: str = Field(pattern=r"^[a-z0-9][a-z0-9-]*$", max_length=80)
    kind: Literal["highlight", "figure", "definition", "event", "date", "list", "note"]
    title_en: str
    title_zh: str
    text_zh: str
    text_en: str
    figures: list[str] = []
    year: int | None = None
    priority: str | None = None
    tags: list[str] = []
    keywords_zh: list[str] = []
    questions_en: list[str] = []
    questions_zh: list[str] = []
    source: SourceRef

    @field_validator(
        "figures", "tags", "keywords_zh", "questions_en", "questions_zh", mode="before"
    )
    @classmethod
    def _strings(cls, value: Any) -> Any:
        return [str(item) for item in value] if isinstance(value, list) else value


class FaqIn(_Strict):
    key: str = Field(pattern=r"^[a-z0-9][a-z0-9-]*$", max_length=80)
    question_en: str
    question_zh: str
    alternates: list[str] = []
    answer_en: str
    answer_zh: str
    priority: str | None = None  # the priority whose editors may change it; None: admins only
    source: SourceRef


class ProgressIn(_Strict):
    """A value recorded for a KPI (`/kb progress`); exports carry them, the seed has none."""

    kpi: str
    value: Decimal
    target: Decimal | None = None
    as_of: date
    note: str = ""
    recorded_by: str = Field(min_length=1, max_length=64)
    recorded_at: datetime

    @field_validator("recorded_at")
    @classmethod
    def _is_aware(cls, value: datetime) -> datetime:
        if value.tzinfo is None:
            raise ValueError("a time with its UTC offset, e.g. 2026-10-01T09:00:00+00:00")
        return value.astimezone(UTC)


class OwnerIn(_Strict):
    """Who owns a KPI, theme or priority (`/kb owner add`); exports carry them, the seed has
    none."""

    scope: str = Field(min_length=1, max_length=24)
    user_id: str = Field(min_length=1, max_length=64)
    platform: str = Field(default="slack", min_length=1, max_length=16)
    added_by: str = Field(min_length=1, max_length=64)
    added_at: datetime

    @field_validator("added_at")
    @classmethod
    def _is_aware(cls, value: datetime) -> datetime:
        if value.tzinfo is None:
            raise ValueError("a time with its UTC offset, e.g. 2026-10-01T09:00:00+00:00")
        return value.astimezone(UTC)


class AliasIn(_Strict):
    alias: str = Field(min_length=1, max_length=120)
    lang: Literal["en", "zh"]
    target: str


class PhrasingIn(_Strict):
    """A phrasing an admin taught for a record ("fact:KEY", "kpi:CODE", "outcome:THEME#1")."""

    record: str = Field(min_length=3, max_length=120)
    phrasing: str = Field(min_length=1, max_length=500)
    lang: Literal["en", "zh"]


class DocumentIn(_Strict):
    code: str = Field(pattern=DOC_CODE_PATTERN)
    file: str
    symbol: str = ""
    title_zh: str
    title_en: str


class SeedFile(_Strict):
    documents: list[DocumentIn] = []
    priorities: list[PriorityIn] = []
    budget: list[BudgetIn] = []
    risks: list[RiskIn] = []
    risk_note: NoteIn | None = None
    facts: list[FactIn] = []
    faqs: list[FaqIn] = []
    aliases: list[AliasIn] = []
    synonyms: dict[str, list[str]] = {}
    progress: list[ProgressIn] = []
    owners: list[OwnerIn] = []
    phrasings: list[PhrasingIn] = []


@dataclass
class SeedData:
    """The seed files merged, validated and checked for dangling references."""

    documents: list[DocumentIn] = field(default_factory=list)
    priorities: list[PriorityIn] = field(default_factory=list)
    budget: list[BudgetIn] = field(default_factory=list)
    risks: list[RiskIn] = field(default_factory=list)
    facts: list[FactIn] = field(default_factory=list)
    faqs: list[FaqIn] = field(default_factory=list)
    aliases: list[AliasIn] = field(default_factory=list)
    synonyms: dict[str, list[str]] = field(default_factory=dict)
    progress: list[ProgressIn] = field(default_factory=list)
    owners: list[OwnerIn] = field(default_factory=list)
    phrasings: list[PhrasingIn] = field(default_factory=list)


# Byte order marks that say for sure how a file is encoded (UTF-32's before UTF-16's, which
# they begin with): what Windows Notepad writes as "Unicode" and "UTF-8 with BOM".
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32", "UTF-32"),
    (codecs.BOM_UTF32_BE, "utf-32", "UTF-32"),
    (codecs.BOM_UTF8, "utf-8-sig", "UTF-8"),
    (codecs.BOM_UTF16_LE, "utf-16", "UTF-16"),
    (codecs.BOM_UTF16_BE, "utf-16", "UTF-16"),
)


def to_file_text(name: str, data: bytes) -> str:
    """A seed file's bytes as text: UTF-8, or what its byte order mark says.

    Without a mark nothing else is guessed: GBK/GB18030 (Notepad's "ANSI" on Chinese
    Windows) cannot be told for sure from other encodings, so such a file is refused
    (SeedInvalid "not_text", with the line of the first byte that cannot be read).
    """
    codec, label = "utf-8", "UTF-8"
    for bom, bom_codec, bom_label in _BOMS:
        if data.startswith(bom):
            codec, label = bom_codec, bom_label
            break
    if label == "UTF-8" and b"\x00" in data:  # UTF-16 without its byte order mark
        line = data[: data.index(b"\x00")].count(b"\n") + 1
        details = {"encoding": label, "line": line, "byte": "0x00", "has_nul": True}
        reason = f"not {label} text: NUL bytes from line {line} (UTF-16 without a BOM?)"
        raise SeedInvalid(name, "encoding", reason, "not_text", details)
    try:
        return data.decode(codec)
    except UnicodeDecodeError as exc:
        line = data[: exc.start].decode(codec, errors="replace").count("\n") + 1
        byte = f"0x{data[exc.start]:02X}"
        details = {"encoding": label, "line": line, "byte": byte, "has_nul": False}
        reason = f"not {label} text: byte {byte} on line {line}"
        raise SeedInvalid(name, "encoding", reason, "not_text", details) from exc


def _read(path: Path) -> SeedFile:
    text = to_file_text(path.name, path.read_bytes())
    try:
        raw = yaml.load(text, Loader=YAML_LOADER) or {}
    except yaml.YAMLError as exc:
        raise SeedInvalid(path.name, "yaml", str(exc)) from exc
    try:
        return SeedFile.model_validate(raw)
    except ValidationError as exc:
        first = exc.errors()[0]
        location = ".".join(str(part) for part in first["loc"])
        raise SeedInvalid(path.name, location, first["msg"]) from exc


def _require_unique(file: str, what: str, keys: Iterable[str]) -> None:
    seen: set[str] = set()
    for key in keys:
        if key in seen:
            raise SeedInvalid(file, what, f"duplicate {what} {key!r}")
        seen.add(key)


def read_seed(seed_dir: Path = SEED_DIR) -> SeedData:
    """Read every seed file in the folder (or the one file given, such as an export) and
    check references across them."""
    data = SeedData()
    paths = [seed_dir] if seed_dir.is_file() else sorted(seed_dir.glob("*.yaml"))
    for path in paths:
        part = _read(path)
        data.documents += part.documents
        data.priorities += part.priorities
        data.budget += part.budget
        data.risks += part.risks
        data.facts += part.facts
        data.faqs += part.faqs
        data.aliases += part.aliases
        data.synonyms.update(part.synonyms)
        data.progress += part.progress
        data.owners += part.owners
        data.phrasings += part.phrasings
        if part.risk_note is not None:
            note = part.risk_note
            data.facts.append(
                FactIn(
                    key="risk-owners",
                    kind="note",
                    title_en="Risk owners",
                    title_zh="风险所有者",
                    text_zh=note.zh,
                    text_en=note.en,
                    tags=["risk", "risk owner", "owner", "own", "responsible"],
                    keywords_zh=["风险所有者", "风险负责人"],
                    questions_en=["Who designates the risk owners?", "Who owns the risks?"],
                    questions_zh=["谁指定风险所有者？", "风险由谁负责？"],
                    source=note.source,
                )
            )
    _check_references(data)
    return data


def _check_references(data: SeedData) -> None:
    where = "seed"
    docs = {d.code for d in data.documents}
    themes = [t for p in data.priorities for t in p.themes]
    _require_unique(where, "document", (d.code for d in data.documents))
    _require_unique(where, "priority", (p.code for p in data.priorities))
    _require_unique(where, "theme", (t.code for t in themes))
    _require_unique(where, "kpi", (k.code for t in themes for k in t.kpis))
    _require_unique(where, "risk", (r.code for r in data.risks))
    _require_unique(where, "fact", (f.key for f in data.facts))
    _require_unique(where, "faq", (f.key for f in data.faqs))
    subjects = {p.code for p in data.priorities} | {t.code for t in themes} | {TOTAL_CODE}
    kpis = {k.code for t in themes for k in t.kpis}
    sources = [p.source for p in data.priorities] + [t.source for t in themes]
    sources += [k.source for t in themes for k in t.kpis if k.source is not None]
    sources += [b.source for b in data.budget] + [r.source for r in data.risks]
    sources += [f.source for f in data.facts] + [f.source for f in data.faqs]
    for source in sources:
        if source.doc not in docs:
            raise SeedInvalid(where, "source", f"unknown document {source.doc!r}")
    for line in data.budget:
        if line.of not in subjects:
            raise SeedInvalid(where, "budget", f"unknown budget subject {line.of!r}")
    for fact in data.facts:
        if fact.priority is not None and fact.priority not in subjects:
            raise SeedInvalid(where, f"facts.{fact.key}", f"unknown priority {fact.priority!r}")
    for faq in data.faqs:
        if faq.priority is not None and faq.priority not in subjects:
            raise SeedInvalid(where, f"faqs.{faq.key}", f"unknown priority {faq.priority!r}")
    targets = subjects | {r.code for r in data.risks} | kpis
    for alias in data.aliases:
        if alias.target not in targets:
            raise SeedInvalid(where, "aliases", f"unknown alias target {alias.target!r}")
    for record in data.progress:
        if record.kpi not in kpis:
            raise SeedInvalid(where, "progress", f"unknown KPI {record.kpi!r}")
    ownable = {p.code for p in data.priorities} | {t.code for t in themes} | kpis
    for owner in data.owners:
        if owner.scope not in ownable:
            raise SeedInvalid(where, "owners", f"unknown KPI, theme or priority {owner.scope!r}")
    records = _list_records(data)
    _require_unique(where, "phrasing", (p.phrasing for p in data.phrasings))
    for taught in data.phrasings:
        if taught.record not in records:
            raise SeedInvalid(where, "phrasings", f"unknown record {taught.record!r}")


def _list_records(data: SeedData) -> set[str]:
    """The names of the records a phrasing may be taught for (knowledge.store.record_refs)."""
    themes = [t for p in data.priorities for t in p.themes]
    records = {to_record("priority", p.code) for p in data.priorities}
    records |= {to_record("theme", t.code) for t in themes}
    records |= {to_record("kpi", k.code) for t in themes for k in t.kpis if not k.retired}
    for t in themes:
        records |= {to_record("outcome", f"{t.code}#{n}") for n in range(len(t.outcomes))}
        records |= {to_record("output", f"{t.code}#{n}") for n in range(len(t.outputs))}
    records |= {to_record("risk", r.code) for r in data.risks}
    records |= {to_record("fact", f.key) for f in data.facts}
    return records | {to_record("faq", f.key) for f in data.faqs}


def _is_cjk(text: str) -> bool:
    return any("\u4e00" <= ch <= "\u9fff" for ch in text)


def _alias_rows(data: SeedData) -> list[models.Alias]:
    rows: dict[tuple[str, str], models.Alias] = {}

    def add(alias: str, target: str, lang: str | None = None) -> None:
        lang = lang or ("zh" if _is_cjk(alias) else "en")
        rows.setdefault((alias, target), models.Alias(alias=alias, lang=lang, target_code=target))

    for priority in data.priorities:
        for alias in priority.aliases_en + priority.aliases_zh:
            add(alias, priority.code)
        for theme in priority.themes:
            for alias in theme.aliases_en + theme.aliases_zh:
                add(alias, theme.code)
    for extra in data.aliases:
        add(extra.alias, extra.target, extra.lang)
    return list(rows.values())


def build_rows(data: SeedData) -> list[SQLModel]:
    """Every row the seed defines, parents before children."""
    rows: list[SQLModel] = [models.Document(**d.model_dump()) for d in data.documents]
    for p_pos, p in enumerate(data.priorities):
        rows.append(
            models.Priority(
                code=p.code,
                label=p.label,
                kind=p.kind,
                position=p_pos,
                name_zh=p.name_zh,
                name_en=p.name_en,
                includes_zh=p.includes_zh,
                includes_en=p.includes_en,
                doc=p.source.doc,
                section=p.source.section,
            )
        )
        for t_pos, t in enumerate(p.themes):
            doc, section = t.source.doc, t.source.section
            rows.append(
                models.Theme(
                    code=t.code,
                    priority_code=p.code,
                    position=t_pos,
                    name_zh=t.name_zh,
                    name_en=t.name_en,
                    doc=doc,
                    section=section,
                )
            )
            statements: list[tuple[type[models.ThemeStatement], list[TextPair]]] = [
                (models.Outcome, t.outcomes),
                (models.Output, t.outputs),
            ]
            for table, items in statements:
                rows += [
                    table(
                        theme_code=t.code,
                        position=pos,
                        text_zh=item.zh,
                        text_en=item.en,
                        doc=doc,
                        section=section,
                    )
                    for pos, item in enumerate(items)
                ]
            for pos, k in enumerate(t.kpis):
                rows.append(
                    models.Kpi(
                        code=k.code,
                        theme_code=t.code,
                        position=pos,
                        text_zh=k.zh,
                        text_en=k.en,
                        retired=k.retired,
                        doc=k.source.doc if k.source else doc,
                        section=k.source.section if k.source else section,
                    )
                )
    for b in data.budget:
        rows.append(
            models.BudgetLine(
                year=b.year,
                subject_code=b.of,
                amount_chf=b.amount,
                share_of_parent=b.share_of_parent,
                share_of_total=b.share_of_total,
                doc=b.source.doc,
                section=b.source.section,
            )
        )
    for r_pos, r in enumerate(data.risks):
        fields = r.model_dump(exclude={"mitigations", "source"})
        rows.append(
            models.Risk(**fields, position=r_pos, doc=r.source.doc, section=r.source.section)
        )
        for pos, m in enumerate(r.mitigations):
            rows.append(
                models.RiskMitigation(risk_code=r.code, position=pos, text_zh=m.zh, text_en=m.en)
            )
    for f in data.facts:
        fields = f.model_dump(exclude={"priority", "source"})
        rows.append(
            models.Fact(
                **fields, priority_code=f.priority, doc=f.source.doc, section=f.source.section
            )
        )
    for q in data.faqs:
        fields = q.model_dump(exclude={"priority", "source"})
        rows.append(
            models.Faq(
                **fields, priority_code=q.priority, doc=q.source.doc, section=q.source.section
            )
        )
    rows += _alias_rows(data)
    rows += [
        models.Synonym(group=group, word=word)
        for group, words in data.synonyms.items()
        for word in dict.fromkeys(words)
    ]
    rows += [
        models.KpiProgress(kpi_code=p.kpi, **p.model_dump(exclude={"kpi"})) for p in data.progress
    ]
    rows += [models.Owner(**o.model_dump()) for o in data.owners]
    rows += [models.TaughtPhrasing(**p.model_dump()) for p in data.phrasings]
    return rows


def _natural_key(row: SQLModel) -> tuple[Any, ...]:
    match row:
        case models.Outcome() | models.Output():
            return (type(row).__name__, row.theme_code, row.position)
        case models.RiskMitigation():
            return ("RiskMitigation", row.risk_code, row.position)
        case models.BudgetLine():
            return ("BudgetLine", row.year, row.subject_code, row.doc, row.section)
        case models.Alias():
            return ("Alias", row.alias, row.target_code)
        case models.Synonym():
            return ("Synonym", row.group, row.word)
        case models.Fact() | models.Faq():
            return (type(row).__name__, row.key)
        case models.KpiProgress():
            return ("KpiProgress", row.kpi_code, row.as_of, row.recorded_at)
        case models.Owner():
            return ("Owner", row.platform, row.user_id, row.scope)
        case models.TaughtPhrasing():
            return ("TaughtPhrasing", row.phrasing)
    return (type(row).__name__, row.code)  # type: ignore[attr-defined]


def apply_seed(session: Session, data: SeedData) -> int:
    """Insert the seed rows the store does not have yet; never overwrite an edit.

    Returns the number of rows inserted. The caller commits.
    """
    rows = build_rows(data)
    existing: set[tuple[Any, ...]] = set()
    for table in {type(row) for row in rows}:
        existing.update(_natural_key(row) for row in session.exec(select(table)))
    inserted = 0
    for row in rows:
        if _natural_key(row) not in existing:
            session.add(row)
            inserted += 1
            if isinstance(row, models.Document | models.Priority | models.Theme | models.Risk):
                session.flush()  # children refer to these by foreign key
    return inserted
