"""Reminders and digests as plain text (the preview), and the parts every rendering shares."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from bot.text_render import render_text
from knowledge.reporting import KpiStatus, KpiTarget, ProgressRecord, ThemeKpis
from scheduler.reports import MissedPost, Reminder, Report

# A platform user id (Slack: U…/W…) that a chat rendering may turn into a mention.
_USER_ID = re.compile(r"^[UW][A-Z0-9]{2,}$")


def _same(text: str) -> str:
    return text


def to_number_text(value: Decimal | int) -> str:
    """A recorded value as people write it: 1,250 / 12.5 / 0.75 (no trailing zeros)."""
    number = Decimal(value).normalize()
    if number == number.to_integral_value():
        return f"{int(number):,}"
    return f"{number:,f}"


def to_change_text(change: Decimal | None) -> str:
    """ "+3", "-1.5", "±0"; "" when there was no earlier record."""
    if change is None:
        return ""
    if change == 0:
        return "±0"
    sign = "+" if change > 0 else "-"
    return sign + to_number_text(abs(change))


def to_date_text(value: date | datetime) -> str:
    return value.strftime("%Y-%m-%d")


def to_time_text(value: datetime) -> str:
    """A moment in UTC, to the minute: "2026-11-20 14:05"."""
    return value.strftime("%Y-%m-%d %H:%M")


def to_user_id(actor: str, platform: str = "slack") -> str | None:
    """The platform's user id in an audit actor ("slack:U123" or a bare "U123"), if any."""
    prefix, _, user_id = actor.partition(":")
    if not user_id:
        prefix, user_id = platform, actor
    return user_id if prefix == platform and _USER_ID.match(user_id) else None


def to_actor_text(actor: str) -> str:
    """An audit actor for plain text: the Slack id alone ("U123"), else as recorded."""
    return to_user_id(actor) or actor


def _pick(lang: str, en: str, zh: str) -> str:
    return zh if lang == "zh" else en


def _kpi(status: KpiStatus, lang: str, esc: Callable[[str], str]) -> dict[str, Any]:
    return {
        "code": esc(status.code),
        "text": esc(_pick(lang, status.text_en, status.text_zh)),
        "last_value": None if status.last_value is None else to_number_text(status.last_value),
        "last_date": to_date_text(status.last_recorded_at) if status.last_recorded_at else None,
    }


def _themes(groups: tuple[ThemeKpis, ...], lang: str, esc: Callable[[str], str]) -> list[Any]:
    themes = []
    for group in groups:
        kpis = [_kpi(k, lang, esc) for k in group.kpis]
        themes.append(
            {
                "code": esc(group.theme_code),
                "priority": esc(group.priority_code),
                "name": esc(_pick(lang, group.name_en, group.name_zh)),
                "kpis": kpis,
                "never": [k for k in kpis if k["last_date"] is None],
                "dated": [k for k in kpis if k["last_date"] is not None],
            }
        )
    return themes


def _progress(
    record: ProgressRecord,
    lang: str,
    esc: Callable[[str], str],
    who: Callable[[str], str],
) -> dict[str, Any]:
    return {
        "code": esc(record.kpi_code),
        "text": esc(_pick(lang, record.text_en, record.text_zh)),
        "value": to_number_text(record.value),
        "target": None if record.target is None else to_number_text(record.target),
        "change": to_change_text(record.change),
        "as_of": to_date_text(record.as_of),
        "who": who(record.recorded_by),
        "when": to_time_text(record.recorded_at),
    }


def _target(
    row: KpiTarget, lang: str, esc: Callable[[str], str], who: Callable[[str], str]
) -> dict[str, Any]:
    return {
        "code": esc(row.code),
        "text": esc(_pick(lang, row.text_en, row.text_zh)),
        "value": to_number_text(row.value),
        "target": None if row.target is None else to_number_text(row.target),
        "share": None if row.share is None else to_number_text(row.share),
        # "" when nothing was recorded a week or more before: no trend to show.
        "change": to_change_text(row.change),
        "as_of": to_date_text(row.as_of),
        "who": who(row.recorded_by),
    }


def _missed(post: MissedPost) -> dict[str, Any]:
    return {"period": to_time_text(post.period), "status": post.status}


def to_report_parts(
    report: Report,
    esc: Callable[[str], str] = _same,
    who: Callable[[str], str] | None = None,
) -> dict[str, Any]:
    """What the templates of a report receive: every text already in the report's
    language and passed through `esc` (a chat platform's escaping); `who` renders a
    recorded_by id (a mention, in chat)."""
    lang = report.lang
    scope = report.scope
    parts: dict[str, Any] = {
        "scope": {
            "kind": scope.kind,
            "code": esc(scope.code),
            "label": esc(scope.label),
            "name": esc(scope.get_name(lang)),
        },
        "generated": to_time_text(report.generated_at),
        "empty": report.is_empty,
    }
    if isinstance(report, Reminder):
        parts.update(
            snoozed=report.snoozed,
            snooze_id=None if report.is_empty else report.subscription_id,
            days=report.window_days,
            count=report.kpi_count,
            themes=_themes(report.themes, lang, esc),
        )
        return parts
    render_who = who or (lambda actor: esc(to_actor_text(actor)))
    budget = report.budget
    parts.update(
        since=to_date_text(report.period_start),
        until=to_date_text(report.generated_at),
        budget=None
        if budget is None
        else {
            "year": budget.year,
            "whole_code": budget.whole_code,
            "whole": budget.whole,
            "total": budget.total,
            "whole_share": budget.whole_share_of_total,
            "rows": [
                {
                    "code": esc(row.code),
                    "label": esc(row.label),
                    "name": esc(_pick(lang, row.name_en, row.name_zh)),
                    "amount": row.amount,
                    "share": row.share,
                    "share_of_total": row.share_of_total,
                }
                for row in budget.rows
            ],
        },
        progress=[_progress(r, lang, esc, render_who) for r in report.progress],
        stale=_themes(report.stale, lang, esc),
        stale_count=report.stale_count,
        stale_days=report.stale_days,
        changes=[
            {
                "id": change.id,
                "when": to_time_text(change.at),
                "who": render_who(change.actor),
                "action": esc(change.action),
                "entity": esc(change.entity),
                "key": esc(change.entity_key),
                "reverts": change.reverts_id,
            }
            for change in report.changes
        ],
        missed=[_missed(post) for post in report.missed],
        has_chart=report.chart_png is not None,
        targets=[_target(row, lang, esc, render_who) for row in report.targets],
        away=[{"who": render_who(p.actor), "until": to_date_text(p.until)} for p in report.away],
        has_progress_chart=any(row.share is not None for row in report.targets),
    )
    return parts


def render_report_text(report: Report) -> str:
    """The report as plain text in its language (`staffbot digest preview`)."""
    name = "reminder" if isinstance(report, Reminder) else "digest"
    return render_text(name, report.lang, **to_report_parts(report))
