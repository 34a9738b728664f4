"""Reminders and digests as Block Kit: Slack's limits, escaping, both languages."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from typing import Any

import pytest
from slack_sdk.models.blocks import Block, BlockElement, TextObject

from bot.slack.blocks import MAX_BLOCKS, MAX_MESSAGE_CHARS, MAX_SECTION_CHARS
from bot.slack.report_blocks import (
    MAX_HEADER_CHARS,
    build_report_message,
    to_chart_filename,
    to_mention,
)
from knowledge.records import AwayPerson
from knowledge.reporting import (
    BudgetOverview,
    KnowledgeChange,
    KpiStatus,
    KpiTarget,
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


def _validate_block_kit(message: dict[str, Any]) -> None:
    """Every block valid for slack_sdk's models, walking into its elements and cells."""
    for raw in message["blocks"]:
        block = Block.parse(raw)
        assert block is not None, raw["type"]
        block.validate_json()
        for element in raw.get("elements", []):
            if element.get("type") == "button":
                button = BlockElement.parse(element)
                assert button is not None
                button.validate_json()
            else:
                TextObject.parse(element).validate_json()  # type: ignore[union-attr]
        for row in raw.get("rows", []):
            assert len(row) == len(raw["rows"][0])
            for cell in row:
                assert cell["type"] == "raw_text" and isinstance(cell["text"], str)


def _targets(count: int) -> tuple[KpiTarget, ...]:
    rows = []
    for i in range(count):
        week_ago, change = (Decimal(9), Decimal(3)) if i % 2 else (None, None)
        row = KpiTarget(
            f"P1-EMT-{i}", "P1-EMT", f"KPI {i}", f"指标{i}", Decimal(12), Decimal(20),
            Decimal("60.0"), week_ago, change, date(2026, 11, 20), "slack:U0OWNER1",
        )  # fmt: skip
        rows.append(row)
    return tuple(rows)


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_progress_against_target_is_a_valid_table(lang: str) -> None:
    away = (AwayPerson("slack:U0AWAY01", date(2026, 11, 20), date(2027, 1, 6)),)
    message = build_report_message(_digest(lang, targets=_targets(3), away=away, chart_png=b"png"))
    _validate_block_kit(message)
    _check_limits(message)
    (table,) = [b for b in message["blocks"] if b["type"] == "table"]
    rows = [[cell["text"] for cell in row] for row in table["rows"]]
    assert rows[1] == ["P1-EMT-0", "12", "20", "60%", "–"]
    assert rows[2] == ["P1-EMT-1", "12", "20", "60%", "+3"]
    body = "\n".join(_texts(message))
    assert "<@U0AWAY01>" in body and "2027-01-06" in body
    assert ("not late" if lang == "en" else "不算逾期") in body
    assert ("progress chart" if lang == "en" else "进展图表") in body


def test_a_table_keeps_to_a_hundred_rows() -> None:
    message = build_report_message(_digest(targets=_targets(150)))
    _validate_block_kit(message)
    (table,) = [b for b in message["blocks"] if b["type"] == "table"]
    assert len(table["rows"]) == 100


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_a_scheduled_reminder_has_snooze_buttons_and_a_preview_none(lang: str) -> None:
    scheduled = build_report_message(replace(_reminder(lang), subscription_id=7))
    _validate_block_kit(scheduled)
    (actions,) = [b for b in scheduled["blocks"] if b["type"] == "actions"]
    assert [(e["action_id"], e["value"]) for e in actions["elements"]] == [
        ("snooze_tomorrow", "7"),
        ("snooze_monday", "7"),
    ]
    assert not [
        b for b in build_report_message(_reminder(lang))["blocks"] if b["type"] == "actions"
    ]
    again = build_report_message(replace(_reminder(lang), snoozed=True))
    assert ("again" if lang == "en" else "再次提醒") in "\n".join(_texts(again))
