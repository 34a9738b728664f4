"""Editing facts, FAQ entries and aliases, and the checks every knowledge edit shares.

The checks (text limits, key format, known codes with "did you mean" suggestions) live here
because facts, FAQ entries and aliases are the free-text records; KPI, budget and role edits
reuse them. Every edit follows the transaction rule of `knowledge.editing.audit` (flush, caller
commits). Removals ask first: without `confirmed_versions` they raise NeedsConfirmation
("confirm_remove") whose `versions` the caller passes back to apply the removal.

Editors may change facts and FAQ entries whose priority_code is in their scope (a record
with no priority is admins only); aliases are admins only.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import Any, TypeVar

from rapidfuzz import fuzz, process
from sqlmodel import Session, SQLModel, col, select

from knowledge.answering import is_chinese
from knowledge.editing.amounts import check_year
from knowledge.editing.audit import (
    KB_DOC,
    check_confirmed,
    delete_versioned,
    record_change,
    to_kb_section,
    to_snapshot,
    to_version_key,
    update_versioned,
)
from knowledge.editing.permissions import Permissions
from knowledge.errors import InvalidValue, NeedsConfirmation, UnknownCode
from knowledge.store import TOTAL_CODE, find_priority_code, models

logger = logging.getLogger(__name__)

MAX_TEXT = 2000  # a fact's text, an FAQ answer, a KPI's text
MAX_TITLE = 200  # a fact's title, an FAQ question or alternate phrasing
MAX_NOTE = 500  # a progress note
MAX_ALIAS = 60
MAX_KEY = 80
MAX_LIST_ITEMS = 20  # tags, alternates, questions of one record
KEY_PATTERN = re.compile(r"^[a-z0-9][a-z0-9-]*$")
FACT_KINDS = ("highlight", "figure", "definition", "event", "date", "list", "note")
LANGS = ("en", "zh")

# "Did you mean": how many close codes to offer, and how close (rapidfuzz ratio, 0–100).
SUGGESTION_LIMIT = 3
SUGGEST_MIN_RATIO = 50.0

# The kinds of code `list_known_codes` knows.
CODE_KINDS = ("priority", "theme", "risk", "kpi", "total")


# -- checks shared by every edit ------------------------------------------------------------


def check_text(field: str, text: str, limit: int, *, required: bool = True) -> str:
    """The text stripped; InvalidValue "empty" or "too_long" (over `limit` characters)."""
    cleaned = text.strip()
    if required and not cleaned:
        raise InvalidValue(field, text, "empty")
    if len(cleaned) > limit:
        raise InvalidValue(field, f"{cleaned[:40]}…", "too_long")
    return cleaned


def check_texts(field: str, texts: Iterable[str], limit: int) -> list[str]:
    """A list of short texts (tags, alternates): each checked, empties dropped, ≤ 20 items."""
    cleaned = [check_text(field, t, limit, required=False) for t in texts]
    cleaned = [t for t in dict.fromkeys(cleaned) if t]
    if len(cleaned) > MAX_LIST_ITEMS:
        raise InvalidValue(field, len(cleaned), "too_long")
    return cleaned


def check_key(field: str, key: str) -> str:
    """A fact or FAQ key: lower-case letters, digits and hyphens, at most MAX_KEY long."""
    cleaned = key.strip()
    if len(cleaned) > MAX_KEY:
        raise InvalidValue(field, f"{cleaned[:40]}…", "too_long")
    if not KEY_PATTERN.match(cleaned):
        raise InvalidValue(field, cleaned, "bad_key")
    return cleaned


def list_known_codes(session: Session, kinds: Sequence[str] = CODE_KINDS) -> list[str]:
    """The codes of the given kinds (see CODE_KINDS), in store order; KPIs include retired."""
    codes: list[str] = []
    if "priority" in kinds:
        codes += session.exec(
            select(models.Priority.code).order_by(col(models.Priority.position))
        ).all()
    if "theme" in kinds:
        codes += session.exec(select(models.Theme.code).order_by(col(models.Theme.id))).all()
    if "risk" in kinds:
        codes += session.exec(select(models.Risk.code).order_by(col(models.Risk.position))).all()
    if "kpi" in kinds:
        codes += session.exec(select(models.Kpi.code).order_by(col(models.Kpi.id))).all()
    if "total" in kinds:
        codes.append(TOTAL_CODE)
    return codes


def suggest(code: str, candidates: Sequence[str]) -> list[str]:
    """The known codes closest to `code`, best first (at most SUGGESTION_LIMIT)."""
    close = process.extract(
        code.strip().upper(),
        list(dict.fromkeys(candidates)),
        scorer=fuzz.ratio,
        processor=str.upper,
        score_cutoff=SUGGEST_MIN_RATIO,
        limit=SUGGESTION_LIMIT,
    )
    return [match for match, _, _ in close]


def suggest_codes(session: Session, code: str, kinds: Sequence[str] = CODE_KINDS) -> list[str]:
    return suggest(code, list_known_codes(session, kinds))


def resolve_priority_code(session: Session, code: str) -> str:
    """A priority or enabler code as written (any case) or by its label (E6 → P5); else
    UnknownCode("priority", …) with suggestions."""
    found = find_priority_code(code, list_priority_labels(session))
    if found is None:
        raise UnknownCode("priority", code, suggest_codes(session, code, ("priority",)))
    return found


def list_priority_labels(session: Session) -> list[tuple[str, str]]:
    """Each priority's and enabler's (code, label), in their order."""
    query = select(models.Priority.code, models.Priority.label)
    return [(c, label) for c, label in session.exec(query.order_by(col(models.Priority.position)))]


def _check_priority(session: Session, code: str | None) -> str | None:
    return resolve_priority_code(session, code) if code else None


def _ask_removal(entity: str, key: str, row: SQLModel) -> NeedsConfirmation:
    version = int(getattr(row, "version", 1))
    return NeedsConfirmation(
        "confirm_remove",
        {"entity": entity, "key": key, "current": to_snapshot(row)},
        {to_version_key(entity, key): version},
    )


def apply_edit(
    session: Session,
    perms: Permissions,
    entity: str,
    key: str,
    row: SQLModel,
    values: dict[str, Any],
    *,
    cite: bool = True,
) -> models.AuditEntry:
    """Update the row (version-checked) with its audit row; `cite`: the row's source becomes
    this change ("KB", "change #N")."""
    if all(getattr(row, name) == value for name, value in values.items()):
        raise InvalidValue(entity, key, "unchanged")
    before = to_snapshot(row)
    entry = record_change(session, perms.actor, "edit", entity, key, before, None)
    if cite:
        values = {**values, "doc": KB_DOC, "section": to_kb_section(entry)}
    fresh = update_versioned(session, row, values, entity, key)
    entry.after = to_snapshot(fresh)
    session.flush()
    return entry


def apply_add(
    session: Session, perms: Permissions, entity: str, key: str, row: SQLModel
) -> models.AuditEntry:
    """Insert the row, its source being this change, with its audit row."""
    entry = record_change(session, perms.actor, "add", entity, key, None, None)
    if hasattr(row, "section"):
        row.doc = KB_DOC
        row.section = to_kb_section(entry)
    session.add(row)
    session.flush()
    entry.after = to_snapshot(row)
    session.flush()
    return entry


def apply_remove(
    session: Session,
    perms: Permissions,
    entity: str,
    key: str,
    row: SQLModel,
    confirmed_versions: Mapping[str, int] | None,
) -> models.AuditEntry:
    if confirmed_versions is None:
        raise _ask_removal(entity, key, row)
    check_confirmed(confirmed_versions, entity, key, row)
    before = to_snapshot(row)
    delete_versioned(session, row, entity, key)
    return record_change(session, perms.actor, "remove", entity, key, before, None)


# -- facts and FAQ entries alike -------------------------------------------------------------

_Entry = TypeVar("_Entry", models.Fact, models.Faq)
_ValueCheck = Callable[[Session, Mapping[str, Any]], dict[str, Any]]


def _get_entry(session: Session, model: type[_Entry], entity: str, key: str) -> _Entry:
    row = session.exec(select(model).where(model.key == key.strip())).first()
    if row is None:
        keys = list(session.exec(select(model.key)).all())
        raise UnknownCode(entity, key, suggest(key, keys))
    return row


def _add_entry(
    session: Session,
    perms: Permissions,
    model: type[_Entry],
    entity: str,
    key: str,
    values: dict[str, Any],
) -> models.AuditEntry:
    """Insert a fact or FAQ entry of checked `values` under a checked, unused `key`."""
    perms.require_priority(values["priority_code"], f"{entity} add")
    if session.exec(select(model.id).where(model.key == key)).first() is not None:
        raise InvalidValue("key", key, "duplicate")
    row = model(key=key, doc="", section="", **values)
    return apply_add(session, perms, entity, key, row)


def _edit_entry(
    session: Session,
    perms: Permissions,
    model: type[_Entry],
    entity: str,
    key: str,
    changes: Mapping[str, Any],
    check: _ValueCheck,
) -> models.AuditEntry:
    action = f"{entity} edit"
    perms.require_member(action)  # outsiders learn nothing of the store
    row = _get_entry(session, model, entity, key)
    perms.require_priority(row.priority_code, action)
    values = check(session, changes)
    if "priority_code" in values:
        perms.require_priority(values["priority_code"], action)
    return apply_edit(session, perms, entity, row.key, row, values)


def _remove_entry(
    session: Session,
    perms: Permissions,
    model: type[_Entry],
    entity: str,
    key: str,
    confirmed_versions: Mapping[str, int] | None,
) -> models.AuditEntry:
    action = f"{entity} remove"
    perms.require_member(action)  # outsiders learn nothing of the store
    row = _get_entry(session, model, entity, key)
    perms.require_priority(row.priority_code, action)
    return apply_remove(session, perms, entity, row.key, row, confirmed_versions)


# -- facts ------------------------------------------------------------------------------------

FACT_FIELDS = (
    "title_en",
    "title_zh",
    "text_en",
    "text_zh",
    "kind",
    "year",
    "priority_code",
    "figures",
    "tags",
    "keywords_zh",
    "questions_en",
    "questions_zh",
)


def get_fact(session: Session, key: str) -> models.Fact:
    return _get_entry(session, models.Fact, "fact", key)


def _check_fact_values(session: Session, values: Mapping[str, Any]) -> dict[str, Any]:
    checked: dict[str, Any] = {}
    for name, value in values.items():
        if name not in FACT_FIELDS:
            raise InvalidValue(name, value, "unknown_field")
        if name in ("title_en", "title_zh"):
            checked[name] = check_text(name, value, MAX_TITLE)
        elif name in ("text_en", "text_zh"):
            checked[name] = check_text(name, value, MAX_TEXT)
        elif name == "kind":
            if value not in FACT_KINDS:
                raise InvalidValue(name, value, "bad_kind")
            checked[name] = value
        elif name == "year":
            checked[name] = None if value is None else check_year(int(value))
        elif name == "priority_code":
            checked[name] = _check_priority(session, value)
        else:
            checked[name] = check_texts(name, value, MAX_TITLE)
    return checked


def _title_of(text: str) -> str:
    first = re.split(r"(?<=[.!?。！？])\s*", text, maxsplit=1)[0]
    return first if len(first) <= MAX_TITLE else f"{first[: MAX_TITLE - 1]}…"


def add_fact(
    session: Session,
    perms: Permissions,
    key: str,
    *,
    text_en: str,
    text_zh: str,
    title_en: str | None = None,
    title_zh: str | None = None,
    priority_code: str | None = None,
    kind: str = "note",
    year: int | None = None,
    tags: Sequence[str] = (),
    keywords_zh: Sequence[str] = (),
    questions_en: Sequence[str] = (),
    questions_zh: Sequence[str] = (),
) -> models.AuditEntry:
    """A new fact, both languages required (titles default to the first sentence). Editors
    only for a priority in their scope; the fact cites this change as its source."""
    perms.require_member("fact add")  # outsiders learn nothing of the store
    key = check_key("key", key)
    values = _check_fact_values(
        session,
        {
            "text_en": text_en,
            "text_zh": text_zh,
            "kind": kind,
            "year": year,
            "priority_code": priority_code,
            "figures": [],
            "tags": tags,
            "keywords_zh": keywords_zh,
            "questions_en": questions_en,
            "questions_zh": questions_zh,
        },
    )
    values["title_en"] = check_text("title_en", title_en or _title_of(values["text_en"]), MAX_TITLE)
    values["title_zh"] = check_text("title_zh", title_zh or _title_of(values["text_zh"]), MAX_TITLE)
    return _add_entry(session, perms, models.Fact, "fact", key, values)


def edit_fact(
    session: Session, perms: Permissions, key: str, changes: Mapping[str, Any]
) -> models.AuditEntry:
    """Change some of FACT_FIELDS of a fact; the fact then cites this change as its source."""
    return _edit_entry(session, perms, models.Fact, "fact", key, changes, _check_fact_values)


def remove_fact(
    session: Session,
    perms: Permissions,
    key: str,
    *,
    confirmed_versions: Mapping[str, int] | None = None,
) -> models.AuditEntry:
    return _remove_entry(session, perms, models.Fact, "fact", key, confirmed_versions)


# -- FAQ entries --------------------------------------------------------------------------------

FAQ_FIELDS = ("question_en", "question_zh", "alternates", "answer_en", "answer_zh", "priority_code")


def get_faq(session: Session, key: str) -> models.Faq:
    return _get_entry(session, models.Faq, "faq", key)


def _check_faq_values(session: Session, values: Mapping[str, Any]) -> dict[str, Any]:
    checked: dict[str, Any] = {}
    for name, value in values.items():
        if name not in FAQ_FIELDS:
            raise InvalidValue(name, value, "unknown_field")
        if name in ("question_en", "question_zh"):
            checked[name] = check_text(name, value, MAX_TITLE)
        elif name in ("answer_en", "answer_zh"):
            checked[name] = check_text(name, value, MAX_TEXT)
        elif name == "alternates":
            checked[name] = check_texts(name, value, MAX_TITLE)
        else:
            checked[name] = _check_priority(session, value)
    return checked


def add_faq(
    session: Session,
    perms: Permissions,
    key: str,
    *,
    question_en: str,
    question_zh: str,
    answer_en: str,
    answer_zh: str,
    alternates: Sequence[str] = (),
    priority_code: str | None = None,
) -> models.AuditEntry:
    """A new FAQ entry (a question, other phrasings of it, and the answer) in both languages."""
    perms.require_member("faq add")  # outsiders learn nothing of the store
    key = check_key("key", key)
    values = _check_faq_values(
        session,
        {
            "question_en": question_en,
            "question_zh": question_zh,
            "answer_en": answer_en,
            "answer_zh": answer_zh,
            "alternates": alternates,
            "priority_code": priority_code,
        },
    )
    return _add_entry(session, perms, models.Faq, "faq", key, values)


def edit_faq(
    session: Session, perms: Permissions, key: str, changes: Mapping[str, Any]
) -> models.AuditEntry:
    """Change some of FAQ_FIELDS of an FAQ entry."""
    return _edit_entry(session, perms, models.Faq, "faq", key, changes, _check_faq_values)


def remove_faq(
    session: Session,
    perms: Permissions,
    key: str,
    *,
    confirmed_versions: Mapping[str, int] | None = None,
) -> models.AuditEntry:
    return _remove_entry(session, perms, models.Faq, "faq", key, confirmed_versions)


# -- aliases ------------------------------------------------------------------------------------


def resolve_alias_target(session: Session, code: str) -> str:
    """A priority, theme, risk or KPI code (any case; labels such as E6 too); else
    UnknownCode("alias_target", …) with suggestions."""
    wanted = code.strip().upper()
    known = list_known_codes(session, ("priority", "theme", "risk", "kpi"))
    if wanted in known:
        return wanted
    try:
        return resolve_priority_code(session, wanted)
    except UnknownCode:
        raise UnknownCode("alias_target", code, suggest(code, known)) from None


def _alias_key(alias: str, target: str) -> str:
    return f"{target}:{alias}"


def get_alias(session: Session, alias: str, target_code: str) -> models.Alias:
    """The alias of that target, matched without regard to case."""
    target = resolve_alias_target(session, target_code)
    rows = session.exec(select(models.Alias).where(models.Alias.target_code == target)).all()
    wanted = alias.strip().casefold()
    for row in rows:
        if row.alias.casefold() == wanted:
            return row
    suggestions = suggest(alias, [r.alias for r in rows])
    raise UnknownCode("alias", _alias_key(alias.strip(), target), suggestions)


def _check_alias(alias: str) -> str:
    return check_text("alias", alias, MAX_ALIAS)


def _check_lang(lang: str | None, alias: str) -> str:
    if lang is None:
        return "zh" if is_chinese(alias) else "en"
    if lang not in LANGS:
        raise InvalidValue("lang", lang, "bad_lang")
    return lang


def _is_taken(session: Session, alias: str, target: str, but: int | None = None) -> bool:
    rows = session.exec(select(models.Alias).where(models.Alias.target_code == target)).all()
    return any(r.alias.casefold() == alias.casefold() and r.id != but for r in rows)


def add_alias(
    session: Session,
    perms: Permissions,
    alias: str,
    target_code: str,
    lang: str | None = None,
) -> models.AuditEntry:
    """A synonym the matcher reads as `target_code`; lang "en"/"zh" (None: guessed from the
    script). Admins only."""
    perms.require_admin("alias add")
    alias = _check_alias(alias)
    target = resolve_alias_target(session, target_code)
    lang = _check_lang(lang, alias)
    if _is_taken(session, alias, target):
        raise InvalidValue("alias", alias, "duplicate")
    row = models.Alias(alias=alias, lang=lang, target_code=target)
    return apply_add(session, perms, "alias", _alias_key(alias, target), row)


def edit_alias(
    session: Session,
    perms: Permissions,
    alias: str,
    target_code: str,
    *,
    new_alias: str | None = None,
    new_target: str | None = None,
    new_lang: str | None = None,
) -> models.AuditEntry:
    """Rewrite an alias, point it at another code, or change its language. Admins only."""
    perms.require_admin("alias edit")
    row = get_alias(session, alias, target_code)
    key = _alias_key(row.alias, row.target_code)
    values: dict[str, Any] = {}
    if new_alias is not None:
        values["alias"] = _check_alias(new_alias)
    if new_target is not None:
        values["target_code"] = resolve_alias_target(session, new_target)
    if new_lang is not None:
        values["lang"] = _check_lang(new_lang, values.get("alias", row.alias))
    merged_alias = values.get("alias", row.alias)
    merged_target = values.get("target_code", row.target_code)
    if _is_taken(session, merged_alias, merged_target, but=row.id):
        raise InvalidValue("alias", merged_alias, "duplicate")
    return apply_edit(session, perms, "alias", key, row, values, cite=False)


def remove_alias(
    session: Session,
    perms: Permissions,
    alias: str,
    target_code: str,
    *,
    confirmed_versions: Mapping[str, int] | None = None,
) -> models.AuditEntry:
    perms.require_admin("alias remove")
    row = get_alias(session, alias, target_code)
    key = _alias_key(row.alias, row.target_code)
    return apply_remove(session, perms, "alias", key, row, confirmed_versions)
