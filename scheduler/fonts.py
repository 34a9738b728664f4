"""The CJK font a chart labelled in Chinese is drawn with: the system's, else a packaged one.

Matplotlib's default font (DejaVu Sans) has no Chinese characters and draws boxes for them.
A font is used only when it has a glyph for every character to draw; with none at all, the
caller draws its labels without Chinese (codes and numbers) instead of boxes.
"""

from __future__ import annotations

import importlib.util
import logging
from functools import lru_cache
from pathlib import Path

logger = logging.getLogger(__name__)

# System fonts looked for first, by family name (Linux, macOS and Windows spellings).
CJK_FAMILIES = (
    "Noto Sans CJK SC",
    "Noto Sans SC",
    "Source Han Sans SC",
    "Source Han Sans CN",
    "WenQuanYi Micro Hei",
    "WenQuanYi Zen Hei",
    "Droid Sans Fallback",
    "PingFang SC",
    "Microsoft YaHei",
    "Noto Sans CJK JP",
)
# The packaged font: mplfonts ships Noto Sans CJK SC (SIL Open Font License) among others;
# only this file of it is used, found without importing the package.
PACKAGED_FONT = ("mplfonts", "fonts", "NotoSansCJKsc-Regular.otf")


def _has_glyphs(path: str, text: str) -> bool:
    from matplotlib.ft2font import FT2Font

    try:
        font = FT2Font(path)
    except (OSError, RuntimeError, ValueError):
        return False
    return all(font.get_char_index(ord(char)) != 0 for char in set(text) if not char.isspace())


def _system_fonts() -> list[str]:
    from matplotlib import font_manager

    by_family = {entry.name: entry.fname for entry in font_manager.fontManager.ttflist}
    return [by_family[name] for name in CJK_FAMILIES if name in by_family]


def _packaged_font() -> str | None:
    package, *parts = PACKAGED_FONT
    spec = importlib.util.find_spec(package)
    if spec is None or not spec.submodule_search_locations:
        return None
    path = Path(next(iter(spec.submodule_search_locations)), *parts)
    return str(path) if path.is_file() else None


@lru_cache(maxsize=8)
def find_cjk_font(sample: str) -> str | None:
    """The path of a font with a glyph for every character of `sample`: a system CJK font,
    else the packaged one; None (logged once per sample) when there is none."""
    candidates = _system_fonts()
    packaged = _packaged_font()
    if packaged is not None:
        candidates.append(packaged)
    for path in candidates:
        if _has_glyphs(path, sample):
            return path
    logger.warning("no CJK font found: Chinese chart labels are left out (install mplfonts)")
    return None


def has_glyphs(path: str, text: str) -> bool:
    """Whether the font at `path` draws every character of `text` (none as a box)."""
    return _has_glyphs(path, text)
