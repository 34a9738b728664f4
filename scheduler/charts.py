"""Charts a digest attaches, as small PNGs drawn with matplotlib: a scope's budget, and its
KPIs' progress against their targets."""

from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from knowledge.reporting import BudgetOverview

# Size and resolution: about 700×(120 + 28 per bar) pixels, a few tens of kilobytes.
WIDTH_INCHES = 7.0
BAR_INCHES = 0.28
BASE_INCHES = 1.2
DPI = 100
BAR_COLOR = "#1f6fb2"
DONE_COLOR = "#2e8540"  # a KPI at or past its target
# A progress bar stops here (150% of the target); its label says the real share.
MAX_SHARE_SHOWN = 150.0
# At most this many KPIs are drawn (a picture of 82 bars is read by nobody): the first ones,
# in the knowledge's order; the alt text and the table say how many there are.
MAX_PROGRESS_BARS = 30


@dataclass(frozen=True)
class ProgressBar:
    """One KPI's bar: its label (code and a short text), its share of the target in
    percent, and the note drawn after the bar ("12 / 20, +3")."""

    label: str
    code: str
    share: float
    note: str


@dataclass(frozen=True)
class ChartWords:
    """The words of a chart in the reader's language, and their ASCII stand-ins for when no
    font can draw them (codes and numbers stay: never a box instead of a character)."""

    title: str
    axis: str
    ascii_title: str
    ascii_axis: str


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


def _needs_cjk(texts: Sequence[str]) -> bool:
    return any(not char.isascii() for text in texts for char in text)


def render_progress_chart(bars: Sequence[ProgressBar], words: ChartWords) -> bytes:
    """KPIs as horizontal bars of their share of the target (a dashed line at 100%), as PNG
    bytes; the first MAX_PROGRESS_BARS only. Texts other than ASCII are drawn with a CJK font
    (see scheduler.fonts); without one, labels fall back to the KPI codes and the words to
    their ASCII stand-ins. The same bars and words give the same bytes."""
    shown = tuple(bars[:MAX_PROGRESS_BARS])
    texts = [words.title, words.axis, *(b.label for b in shown), *(b.note for b in shown)]
    font_path: str | None = None
    if _needs_cjk(texts):
        from scheduler.fonts import find_cjk_font

        font_path = find_cjk_font("".join(texts))
        if font_path is None:
            shown = tuple(
                ProgressBar(b.code, b.code, b.share, b.note.encode("ascii", "ignore").decode())
                for b in shown
            )
            words = ChartWords(words.ascii_title, words.ascii_axis, "", "")
    return _render_progress(shown, words.title, words.axis, font_path)


@lru_cache(maxsize=32)
def _render_progress(
    bars: tuple[ProgressBar, ...], title: str, axis: str, font_path: str | None
) -> bytes:
    import matplotlib

    matplotlib.use("Agg")
    from matplotlib.figure import Figure
    from matplotlib.font_manager import FontProperties

    font: dict[str, Any] = {}
    if font_path is not None:
        font = {"fontproperties": FontProperties(fname=font_path)}
    figure = Figure(figsize=(WIDTH_INCHES, BASE_INCHES + BAR_INCHES * len(bars)), dpi=DPI)
    axes = figure.add_subplot()
    positions = list(range(len(bars)))
    lengths = [min(bar.share, MAX_SHARE_SHOWN) for bar in bars]
    colors = [DONE_COLOR if bar.share >= 100 else BAR_COLOR for bar in bars]
    axes.barh(positions, lengths, color=colors)
    axes.axvline(100, color="#555555", linestyle="--", linewidth=0.8)
    axes.set_yticks(positions, [bar.label for bar in bars], fontsize=8, **font)
    axes.invert_yaxis()
    axes.set_xlim(0, MAX_SHARE_SHOWN * 1.4)
    axes.set_xticks([0, 25, 50, 75, 100, 125, 150])
    axes.set_xlabel(axis, **font)
    # Over the whole figure, from its left edge: long KPI labels would push it out.
    figure.suptitle(title, x=0.01, ha="left", fontsize=10, **font)
    axes.spines[["top", "right"]].set_visible(False)
    for position, length, bar in zip(positions, lengths, bars, strict=True):
        axes.annotate(
            f"{bar.share:g}%  {bar.note}".rstrip(),
            (length, position),
            xytext=(4, 0),
            textcoords="offset points",
            va="center",
            fontsize=8,
            **font,
        )
    figure.tight_layout()
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", metadata={"Software": None})
    return buffer.getvalue()
