"""Charts a digest attaches: a scope's budget as a small PNG drawn with matplotlib."""

from __future__ import annotations

import io
from functools import lru_cache

from knowledge.reporting import BudgetOverview

# Size and resolution: about 700×(120 + 28 per bar) pixels, a few tens of kilobytes.
WIDTH_INCHES = 7.0
BAR_INCHES = 0.28
BASE_INCHES = 1.2
DPI = 100
BAR_COLOR = "#1f6fb2"


def render_budget_chart(overview: BudgetOverview) -> bytes:
    """The overview's parts as horizontal bars (thousands of CHF, share in %), as PNG bytes.

    Bars are labelled with codes (P1, P1-EMT) and numbers only, so no CJK font is needed
    and the picture is the same in both languages. The same overview gives the same bytes.
    """
    rows = tuple((row.label, row.amount, str(row.share)) for row in overview.rows)
    return _render(overview.year, overview.whole_code, rows)


def _to_thousands(value: float) -> str:
    """1111.0 → "1,111"; 404.5 → "404.5" (budget lines are whole hundreds of francs)."""
    return f"{value:,.0f}" if value == int(value) else f"{value:,.1f}"


@lru_cache(maxsize=64)
def _render(year: int, whole_code: str, rows: tuple[tuple[str, int, str], ...]) -> bytes:
    # Imported here: matplotlib takes about a second to load and only digests need it.
    import matplotlib

    matplotlib.use("Agg")
    from matplotlib.figure import Figure

    ordered = sorted(rows, key=lambda r: (-r[1], r[0]))
    labels = [label for label, _amount, _share in ordered]
    values = [amount / 1000 for _label, amount, _share in ordered]
    figure = Figure(figsize=(WIDTH_INCHES, BASE_INCHES + BAR_INCHES * len(rows)), dpi=DPI)
    axes = figure.add_subplot()
    positions = list(range(len(ordered)))
    axes.barh(positions, values, color=BAR_COLOR)
    axes.set_yticks(positions, labels)
    axes.invert_yaxis()
    axes.set_xlabel("CHF (k)")  # no words: the same picture serves both languages
    axes.set_title(f"{whole_code} {year}", loc="left", fontsize=10)
    axes.spines[["top", "right"]].set_visible(False)
    axes.margins(x=0.18)
    for position, value, (_label, _amount, share) in zip(positions, values, ordered, strict=True):
        axes.annotate(
            f"{_to_thousands(value)}k  {share}%",
            (value, position),
            xytext=(4, 0),
            textcoords="offset points",
            va="center",
            fontsize=8,
        )
    figure.tight_layout()
    buffer = io.BytesIO()
    # No metadata (software version, date): the same chart is the same bytes.
    figure.savefig(buffer, format="png", metadata={"Software": None})
    return buffer.getvalue()
