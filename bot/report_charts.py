"""A digest's charts as images with their alt text, in the digest's language: the budget and
the KPIs' progress against target (drawn by scheduler.charts; words from templates)."""

from __future__ import annotations

from dataclasses import dataclass, replace

from bot.report_text import to_change_text, to_number_text, to_report_parts
from bot.text_render import render_text
from scheduler.charts import ChartWords, ProgressBar, render_progress_chart
from scheduler.reports import Digest

# KPI texts are shortened to this width beside their bars (a Chinese character counts two).
MAX_BAR_TEXT = 26


@dataclass(frozen=True)
class ChartImage:
    """A PNG to attach, its file name and the text that stands for it (alt text)."""

    png: bytes
    filename: str
    alt_text: str


def _chart_text(part: str, report: Digest, **extra: object) -> str:
    parts = to_report_parts(report)
    return render_text("chart", report.lang, part=part, **parts, **extra).strip()


def _short(text: str) -> str:
    width = 0
    for index, char in enumerate(text):
        width += 1 if char.isascii() else 2
        if width > MAX_BAR_TEXT:
            return text[: max(index - 1, 1)].rstrip() + "…"
    return text


def build_progress_chart(report: Digest) -> ChartImage | None:
    """The progress-against-target chart of the KPIs with a target, None when none has one."""
    rows = [row for row in report.targets if row.share is not None]
    if not rows:
        return None
    bars = []
    for row in rows:
        assert row.share is not None and row.target is not None
        text = row.text_zh if report.lang == "zh" else row.text_en
        note = f"{to_number_text(row.value)} / {to_number_text(row.target)}"
        if row.change is not None:
            note += f"  {to_change_text(row.change)}"
        bars.append(ProgressBar(f"{row.code} {_short(text)}", row.code, float(row.share), note))
    words = ChartWords(
        _chart_text("progress_title", report),
        _chart_text("progress_axis", report),
        _chart_text("progress_title", replace(report, lang="en")),
        _chart_text("progress_axis", replace(report, lang="en")),
    )
    png = render_progress_chart(bars, words)
    code = report.scope.code.replace("/", "-")
    filename = f"progress-{code}-{report.generated_at:%Y-%m-%d}.png"
    return ChartImage(png, filename, _chart_text("progress_alt", report))


def build_budget_chart(report: Digest) -> ChartImage | None:
    """The budget chart the digest carries (drawn by the report builder), with alt text."""
    if report.chart_png is None:
        return None
    code = report.scope.code.replace("/", "-")
    filename = f"budget-{code}-{report.generated_at:%Y-%m-%d}.png"
    return ChartImage(report.chart_png, filename, _chart_text("budget_alt", report))


def build_charts(report: Digest) -> list[ChartImage]:
    """Every chart of the digest, the budget first."""
    charts = [build_budget_chart(report), build_progress_chart(report)]
    return [chart for chart in charts if chart is not None]
