"""A digest's charts in both languages: PNGs with alt text, Chinese drawn with a CJK font and
never as boxes; with no CJK font, codes and numbers only.

Set STAFFBOT_CHARTS_OUT to a folder to keep the PNGs for a look by eye."""

from __future__ import annotations

import os
import warnings
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from pathlib import Path

import pytest

from bot.report_charts import build_charts, build_progress_chart
from knowledge.answering import AnswerEngine
from knowledge.reporting import KpiTarget, get_budget_overview, resolve_scope
from scheduler import fonts
from scheduler.charts import render_budget_chart
from scheduler.reports import Digest

PNG = b"\x89PNG\r\n\x1a\n"
NOW = datetime(2026, 12, 7, 8, tzinfo=UTC)


def _digest(engine: AnswerEngine, lang: str) -> Digest:
    knowledge = engine.knowledge
    scope = resolve_scope(knowledge, "P4")
    kpis = [k for t in scope.theme_codes for k in knowledge.kpis_by_theme.get(t, [])][:8]
    targets = []
    for i, kpi in enumerate(kpis):
        target = Decimal(20 + 5 * i) if i != 3 else None  # one KPI has no target
        value = Decimal(4 + 4 * i)
        share = None if target is None else (value * 100 / target).quantize(Decimal("0.1"))
        change = Decimal(i % 3 - 1) if i % 2 == 0 else None
        targets.append(
            KpiTarget(
                kpi.code,
                kpi.theme_code,
                kpi.text_en,
                kpi.text_zh,
                value,
                target,
                share,
                None if change is None else value - change,
                change,
                date(2026, 12, 1),
                "slack:U1",
            )
        )
    budget = get_budget_overview(knowledge, scope)
    assert budget is not None
    return Digest(
        lang, scope, NOW - timedelta(days=7), NOW, budget, (), (), (),
        chart_png=render_budget_chart(budget), targets=tuple(targets),
    )  # fmt: skip


def _out_dir(tmp_path: Path) -> Path:
    folder = Path(os.environ.get("STAFFBOT_CHARTS_OUT") or tmp_path)
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def _missing_glyph_warnings(caught: list[warnings.WarningMessage]) -> list[str]:
    return [str(w.message) for w in caught if "missing from font" in str(w.message)]


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_the_digest_charts_render_in_both_languages_without_boxes(
    answer_engine: AnswerEngine, lang: str, tmp_path: Path
) -> None:
    digest = _digest(answer_engine, lang)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        charts = build_charts(digest)
    assert _missing_glyph_warnings(caught) == []
    assert [c.filename.split("-")[0] for c in charts] == ["budget", "progress"]
    folder = _out_dir(tmp_path)
    for chart in charts:
        assert chart.png.startswith(PNG) and len(chart.png) < 200_000
        (folder / f"{lang}-{chart.filename}").write_bytes(chart.png)
    progress = charts[1]
    # The alt text says what the picture shows, in the digest's language.
    assert "P4-" in progress.alt_text and "%" in progress.alt_text
    assert ("占目标" in progress.alt_text or "目标" in progress.alt_text) == (lang == "zh")
    assert "of target" not in progress.alt_text or lang == "en"
    # A KPI without a target has no bar: the alt text names only KPIs with one.
    no_target = digest.targets[3].code
    assert no_target not in progress.alt_text


def test_the_chinese_chart_is_drawn_with_a_font_that_has_every_character(
    answer_engine: AnswerEngine,
) -> None:
    digest = _digest(answer_engine, "zh")
    words = "关键绩效指标进展：占目标的百分比" + "".join(t.text_zh[:23] for t in digest.targets)
    path = fonts.find_cjk_font(words)
    assert path is not None, "no CJK font: install one (Debian: fonts-wqy-microhei)"
    assert fonts.has_glyphs(path, words)
    assert not fonts.has_glyphs(_default_font(), "关键")  # the default font would draw boxes


def _default_font() -> str:
    from matplotlib import font_manager

    return font_manager.findfont("DejaVu Sans")


def test_without_a_cjk_font_the_chart_falls_back_to_codes_not_boxes(
    answer_engine: AnswerEngine, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(fonts, "find_cjk_font", lambda _sample: None)
    digest = _digest(answer_engine, "zh")
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        chart = build_progress_chart(digest)
    assert chart is not None and chart.png.startswith(PNG)
    assert _missing_glyph_warnings(caught) == []
    assert "目标" in chart.alt_text  # the alt text stays in Chinese


def test_no_progress_chart_without_a_target(answer_engine: AnswerEngine) -> None:
    digest = _digest(answer_engine, "en")
    bare = tuple(
        KpiTarget(t.code, t.theme_code, t.text_en, t.text_zh, t.value, None, None, None, None,
                  t.as_of, t.recorded_by)
        for t in digest.targets
    )  # fmt: skip
    assert build_progress_chart(Digest(**{**vars(digest), "targets": bare})) is None
