"""Reminders and digests as Block Kit: Slack's limits, escaping, both languages."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from typing import Any

import pytest

from bot.slack.blocks import MAX_BLOCKS, MAX_MESSAGE_CHARS, MAX_SECTION_CHARS
from bot.slack.report_blocks import (
    MAX_HEADER_CHARS,
    build_report_message,
    to_chart_filename,
    to_mention,
)
from knowledge.reporting import (
    BudgetOverview,
    KnowledgeChange,
    KpiStatus,
    ProgressRecord,
    Scope,
    ThemeKpis,
)
from knowledge.reporting.progress import BudgetRow
from scheduler.reports import Digest, MissedPost, Reminder

NOW = datetime(2026, 11, 23, 8, 0, tzinfo=UTC)
SCOPE = Scope("priority", "P1", "P1/E6", "Affordable connectivity", "价格可承受的连接", ("P1-T",))
HOSTILE = "<!channel> & <@U0EVIL> <https://evil.example|click>"


def _kpi(code: str, text: str = "Number of things", last: bool = False) -> KpiStatus:
    if not last:
        return KpiStatus(code, "P1-T", text, "事物数量")
    return KpiStatus(code, "P1-T", text, "事物数量", Decimal(3), date(2026, 11, 1), NOW, "slack:U1")


def _reminder(lang: str = "en", kpis: int = 3, text: str = "Number of things") -> Reminder:
    groups = tuple(
        ThemeKpis(
            f"P1-T{g}",
            "P1",
            f"Theme {g}",
            f"主题{g}",
            tuple(_kpi(f"P1-T{g}-{i}", text, last=i == 0) for i in range(kpis)),
        )
        for g in range(1 if kpis <= 20 else kpis // 20)
    )
    return Reminder(lang, SCOPE, NOW, groups)


def _digest(lang: str = "en", who: str = "slack:U0OWNER1", note: str = "", **extra: Any) -> Digest:
    budget = BudgetOverview(
        2023,
        "P1",
        519_000,
        4_200_000,
        Decimal("12.4"),
        (
            BudgetRow("P1-EMT", "P1-EMT", "Emergency", "应急", 127_000, Decimal("24.5"), None),
            BudgetRow(
                "P1-INF", "P1-INF", "Infra" + note, "基础设施", 392_000, Decimal("75.5"), None
            ),
        ),
    )
    progress = (
        ProgressRecord(
            "P1-EMT-1",
            "P1-EMT",
            "Countries with a plan" + note,
            "有计划的国家",
            Decimal("5"),
            Decimal("3"),
            Decimal("2"),
            None,
            date(2026, 11, 20),
            "",
            who,
            NOW - timedelta(days=2),
        ),
    )
    changes = (KnowledgeChange(41, NOW - timedelta(days=1), who, "set", "budget", "P1:2023", None),)
    parts: dict[str, Any] = {
        "budget": budget,
        "progress": progress,
        "stale": (ThemeKpis("P1-INF", "P1", "Infra", "基础设施", (_kpi("P1-INF-1"),)),),
        "changes": changes,
    }
    parts.update(extra)
    return Digest(lang, SCOPE, NOW - timedelta(days=7), NOW, **parts)


def _texts(message: dict[str, Any]) -> list[str]:
    found: list[str] = []
    for block in message["blocks"]:
        if "text" in block:
            found.append(block["text"]["text"])
        for element in block.get("elements", []):
            if "text" in element and isinstance(element["text"], str):
                found.append(element["text"])
    return found


def _check_limits(message: dict[str, Any]) -> None:
    assert message["text"]
    assert len(message["blocks"]) <= MAX_BLOCKS
    for block in message["blocks"]:
        if block["type"] == "header":
            assert len(block["text"]["text"]) <= MAX_HEADER_CHARS
        elif block["type"] in ("section", "context"):
            for text in _texts({"blocks": [block]}):
                assert 0 < len(text) <= MAX_SECTION_CHARS
    assert sum(len(t) for t in _texts(message)) <= MAX_MESSAGE_CHARS + 2 * MAX_SECTION_CHARS


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_reminder_lines_carry_the_code_and_the_command(lang: str) -> None:
    message = build_report_message(_reminder(lang))
    _check_limits(message)
    body = "\n".join(_texts(message))
    for code in ("P1-T0-0", "P1-T0-1", "P1-T0-2"):
        assert f"`{code}`" in body
        assert f"`/kb progress {code} {'VALUE' if lang == 'en' else '数值'}`" in body
    assert message["blocks"][0]["type"] == "header"
    assert ("P1/E6" in message["blocks"][0]["text"]["text"]) is True


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_empty_reminder_says_all_is_up_to_date(lang: str) -> None:
    message = build_report_message(Reminder(lang, SCOPE, NOW, ()))
    _check_limits(message)
    assert len(message["blocks"]) == 2
    assert ("Every KPI" if lang == "en" else "都已记录") in message["blocks"][1]["text"]["text"]


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_a_huge_reminder_is_cut_with_a_note(lang: str) -> None:
    report = _reminder(lang, kpis=600, text="A very long KPI text " * 20)
    message = build_report_message(report)
    _check_limits(message)
    note = message["blocks"][-2]["elements"][0]["text"]  # then the footer
    assert ("not shown" if lang == "en" else "未显示") in note
    assert len(json.dumps(message, ensure_ascii=False)) < 40_000


def test_kpi_texts_are_shortened_in_slack() -> None:
    message = build_report_message(_reminder(kpis=1, text="word " * 100))
    assert "…" in "\n".join(_texts(message))


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_digest_has_its_parts_and_mentions_who_recorded(lang: str) -> None:
    missed = (MissedPost(7, NOW - timedelta(days=7), "missed"),)
    message = build_report_message(_digest(lang, missed=missed, chart_png=b"png"))
    _check_limits(message)
    body = "\n".join(_texts(message))
    assert "<@U0OWNER1>" in body
    assert "`P1-EMT-1`" in body and "(+2)" in body.replace("（", " (").replace("）", ")")
    assert "#41" in body and "`P1:2023`" in body
    assert "2026-11-16 08:00 UTC" in body
    assert "`P1-INF-1`" in body
    assert ("CHF 519,000" if lang == "en" else "519,000 瑞郎") in body
    assert message["blocks"][-1]["type"] == "context"  # the chart note closes it


def test_store_text_is_escaped_and_never_mentions_anyone() -> None:
    message = build_report_message(_digest(note=HOSTILE))
    body = json.dumps(message)
    assert "<!channel>" not in body and "<@U0EVIL>" not in body and "<https://" not in body
    assert "&lt;!channel&gt; &amp; &lt;@U0EVIL&gt;" in body
    reminder = build_report_message(_reminder(kpis=1, text=HOSTILE))
    assert "<!channel>" not in json.dumps(reminder)


def test_who_is_a_mention_only_for_a_slack_user_id() -> None:
    assert to_mention("slack:U0OWNER1") == "<@U0OWNER1>"
    assert to_mention("U0OWNER1") == "<@U0OWNER1>"
    assert to_mention("cli:ops") == "cli:ops"
    assert to_mention("slack:<!here>") == "slack:&lt;!here&gt;"
    assert to_mention("teams:U0OWNER1") == "teams:U0OWNER1"
    message = build_report_message(_digest(who="cli:<!channel>"))
    assert "<!channel>" not in json.dumps(message)


def test_a_digest_with_many_records_stays_within_the_limits() -> None:
    record = _digest().progress[0]
    many = tuple(record for _ in range(400))
    message = build_report_message(_digest(progress=many))
    _check_limits(message)
    assert "not shown" in json.dumps(message)


def test_chart_file_name_says_scope_and_date() -> None:
    assert to_chart_filename(_digest()) == "budget-P1-2026-11-23.png"


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_a_digest_shows_unanswered_questions_escaped(lang: str) -> None:
    from scheduler.reports import UnansweredQuestion
    from tests.support.block_kit import assert_valid_payload

    asked = datetime(2026, 11, 20, 9, 0, tzinfo=UTC)
    questions = tuple(
        UnansweredQuestion(n, asked, f"Where is <the> hub {n}?", "open", "P1") for n in range(12)
    )
    report = _digest(lang, unanswered=questions)
    message = build_report_message(report)
    assert_valid_payload(message)
    shown = json.dumps(message, ensure_ascii=False)
    assert "Where is &lt;the&gt; hub 0?" in shown and "hub 11" not in shown
    assert "/kb experts queue" in shown
