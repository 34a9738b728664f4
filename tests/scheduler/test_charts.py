"""The budget chart a digest attaches: a small PNG, the same bytes for the same figures."""

from __future__ import annotations

from decimal import Decimal

import pytest

from knowledge.answering import AnswerEngine
from knowledge.reporting import BudgetOverview, get_budget_overview, resolve_scope
from knowledge.reporting.progress import BudgetRow
from scheduler import charts
from scheduler.charts import render_budget_chart

PNG = b"\x89PNG\r\n\x1a\n"
MAX_BYTES = 100_000


def _overview(rows: int) -> BudgetOverview:
    return BudgetOverview(
        year=2024,
        whole_code="P9",
        whole=rows * 1000,
        total=None,
        whole_share_of_total=None,
        rows=tuple(
            BudgetRow(f"T{i}", f"T{i}", f"Theme {i}", f"主题{i}", 1000, Decimal("1.0"), None)
            for i in range(rows)
        ),
    )


def test_budget_chart_of_the_seed_is_a_small_png(answer_engine: AnswerEngine) -> None:
    knowledge = answer_engine.knowledge
    overview = get_budget_overview(knowledge, resolve_scope(knowledge, "all"))
    assert overview is not None
    png = render_budget_chart(overview)
    assert png.startswith(PNG)
    assert len(png) < MAX_BYTES


def test_the_same_figures_give_the_same_bytes() -> None:
    first = render_budget_chart(_overview(3))
    charts._render.cache_clear()  # draw it again, not from the cache
    assert render_budget_chart(_overview(3)) == first
    assert render_budget_chart(_overview(4)) != first


def test_a_chart_with_many_bars_stays_small() -> None:
    png = render_budget_chart(_overview(40))
    assert png.startswith(PNG) and len(png) < MAX_BYTES


def test_chinese_names_never_reach_the_chart(recwarn: pytest.WarningsRecorder) -> None:
    # Labels are codes: no CJK font is needed and no glyph goes missing.
    charts._render.cache_clear()
    png = render_budget_chart(_overview(2))
    assert png.startswith(PNG)
    assert not [w for w in recwarn if "Glyph" in str(w.message)]
