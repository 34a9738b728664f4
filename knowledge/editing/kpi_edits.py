"""Editing KPIs (add, edit, retire) and recording their progress.

Adding, editing and retiring are admins only; progress may also be recorded by editors of
the KPI's priority. Every edit follows the transaction rule of `knowledge.editing.audit` (flush,
caller commits) and returns its AuditEntry.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import date
from decimal import Decimal

from sqlmodel import Session, col, select

from knowledge.editing.amounts import MAX_AMOUNT_CHF, check_as_of
from knowledge.editing.audit import (
    check_confirmed,
    record_change,
    to_snapshot,
    to_version_key,
    update_versioned,
)
from knowledge.editing.entry_edits import (
    MAX_NOTE,
    MAX_TEXT,
    apply_add,
    apply_edit,
    check_text,
    list_known_codes,
    suggest,
)
from knowledge.editing.permissions import Permissions
from knowledge.errors import InvalidValue, NeedsConfirmation, UnknownCode
from knowledge.store import models

PROGRESS_LIMIT = 20


def get_kpi(session: Session, code: str) -> models.Kpi:
    """The KPI (retired ones too) by code, any case; else UnknownCode with suggestions."""
    wanted = code.strip().upper()
    kpi = session.exec(select(models.Kpi).where(models.Kpi.code == wanted)).first()
    if kpi is None:
        raise UnknownCode("kpi", code, suggest(code, list_known_codes(session, ("kpi",))))
    return kpi


def get_theme(session: Session, code: str) -> models.Theme:
    wanted = code.strip().upper()
    theme = session.exec(select(models.Theme).where(models.Theme.code == wanted)).first()
    if theme is None:
        raise UnknownCode("theme", code, suggest(code, list_known_codes(session, ("theme",))))
    return theme


def get_kpi_priority(session: Session, kpi_code: str) -> str:
    """The priority a KPI belongs to, through its theme."""
    return get_theme(session, get_kpi(session, kpi_code).theme_code).priority_code


def can_record_progress(session: Session, perms: Permissions, kpi_code: str) -> bool:
    kpi = get_kpi(session, kpi_code)
    priority = get_theme(session, kpi.theme_code).priority_code
    return perms.can_record_progress(kpi.code, kpi.theme_code, priority)


def _next_code(session: Session, theme_code: str) -> tuple[str, int]:
    """The next free number in the theme (retired KPIs keep theirs) and the next position."""
    kpis = session.exec(select(models.Kpi).where(models.Kpi.theme_code == theme_code)).all()
    numbers = [int(m[1]) for k in kpis if (m := re.search(r"-(\d+)$", k.code))]
    position = max((k.position for k in kpis), default=-1) + 1
    return f"{theme_code}-{max(numbers, default=0) + 1}", position


def add_kpi(
    session: Session, perms: Permissions, theme_code: str, text_en: str, text_zh: str
) -> models.AuditEntry:
    """A new KPI of the theme, numbered after the theme's last one (P4-CYB-8 → P4-CYB-9).
    The code is `entry.entity_key`. Admins only."""
    perms.require_admin("kpi add")
    theme = get_theme(session, theme_code)
    text_en = check_text("text_en", text_en, MAX_TEXT)
    text_zh = check_text("text_zh", text_zh, MAX_TEXT)
    code, position = _next_code(session, theme.code)
    kpi = models.Kpi(
        code=code,
        theme_code=theme.code,
        position=position,
        text_en=text_en,
        text_zh=text_zh,
        doc="",
        section="",
    )
    return apply_add(session, perms, "kpi", code, kpi)


def edit_kpi(
    session: Session,
    perms: Permissions,
    code: str,
    *,
    text_en: str | None = None,
    text_zh: str | None = None,
) -> models.AuditEntry:
    """Rewrite a KPI's English and/or Chinese text. Admins only."""
    perms.require_admin("kpi edit")
    kpi = get_kpi(session, code)
    values: dict[str, object] = {}
    if text_en is not None:
        values["text_en"] = check_text("text_en", text_en, MAX_TEXT)
    if text_zh is not None:
        values["text_zh"] = check_text("text_zh", text_zh, MAX_TEXT)
    if kpi.retired:
        raise InvalidValue("kpi", kpi.code, "kpi_retired")
    return apply_edit(session, perms, "kpi", kpi.code, kpi, values)


def retire_kpi(
    session: Session,
    perms: Permissions,
    code: str,
    *,
    confirmed_versions: Mapping[str, int] | None = None,
) -> models.AuditEntry:
    """Retire a KPI: answers stop listing it; its progress history stays. Asks first
    (NeedsConfirmation "confirm_retire"). Admins only."""
    perms.require_admin("kpi retire")
    kpi = get_kpi(session, code)
    if kpi.retired:
        raise InvalidValue("kpi", kpi.code, "already_retired")
    if confirmed_versions is None:
        raise NeedsConfirmation(
            "confirm_retire",
            {"entity": "kpi", "key": kpi.code, "current": to_snapshot(kpi)},
            {to_version_key("kpi", kpi.code): kpi.version},
        )
    check_confirmed(confirmed_versions, "kpi", kpi.code, kpi)
    before = to_snapshot(kpi)
    fresh = update_versioned(session, kpi, {"retired": True}, "kpi", kpi.code)
    after = to_snapshot(fresh)
    return record_change(session, perms.actor, "retire", "kpi", kpi.code, before, after)


def _check_figure(field: str, value: Decimal) -> Decimal:
    """A progress value or target: finite, within MAX_AMOUNT_CHF, and not negative. Every KPI
    is a count, a percentage, an amount or an average level, and a value is its reading on a
    date, not a change: a fall is recorded as the lower reading (12 after 15)."""
    if not value.is_finite() or abs(value) > MAX_AMOUNT_CHF:
        raise InvalidValue(field, str(value), "too_large")
    if value < 0:
        raise InvalidValue(field, str(value), "negative")
    return value


def record_progress(
    session: Session,
    perms: Permissions,
    kpi_code: str,
    value: Decimal,
    target: Decimal | None = None,
    as_of: date | None = None,
    note: str = "",
    *,
    today: date | None = None,
) -> models.AuditEntry:
    """A progress reading of a KPI as of a date (default today; never in the future, never
    before 2000); value and target never negative (`_check_figure`); note ≤ MAX_NOTE.
    Refused for a retired KPI. Admins, editors of the KPI's priority and owners of the KPI,
    its theme or its priority. `today` is for tests."""
    if not (perms.is_member or perms.is_owner):
        perms.require_member("progress")  # outsiders learn nothing of the store
    kpi = get_kpi(session, kpi_code)
    priority = get_kpi_priority(session, kpi.code)
    perms.require_progress(kpi.code, kpi.theme_code, priority, "progress")
    if kpi.retired:
        raise InvalidValue("kpi", kpi.code, "kpi_retired")
    today = today or date.today()
    row = models.KpiProgress(
        kpi_code=kpi.code,
        value=_check_figure("value", value),
        target=None if target is None else _check_figure("target", target),
        as_of=check_as_of(as_of or today, today),
        note=check_text("note", note, MAX_NOTE, required=False),
        recorded_by=perms.actor.to_audit(),
    )
    session.add(row)
    session.flush()
    key = f"{kpi.code}:{row.id}"
    return record_change(session, perms.actor, "add", "kpi_progress", key, None, to_snapshot(row))


def list_progress(
    session: Session, kpi_code: str, limit: int = PROGRESS_LIMIT
) -> list[models.KpiProgress]:
    """A KPI's progress readings, newest first (by as-of date, then by when recorded)."""
    kpi = get_kpi(session, kpi_code)
    return list(
        session.exec(
            select(models.KpiProgress)
            .where(models.KpiProgress.kpi_code == kpi.code)
            .order_by(col(models.KpiProgress.as_of).desc(), col(models.KpiProgress.id).desc())
            .limit(limit)
        )
    )
