"""The CJK font a chart labelled in Chinese is drawn with: one the system has.

Matplotlib's default font (DejaVu Sans) has no Chinese characters and draws boxes for them.
A font is used only when it has a glyph for every character to draw; with none at all, the
caller draws its labels without Chinese (codes and numbers) instead of boxes.
"""

from __future__ import annotations

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
# Font files of those families, found on disk when Matplotlib's font cache was built before
# they were installed (Debian: fonts-wqy-microhei, fonts-noto-cjk).
CJK_FILE_HINTS = ("wqy", "notosanscjk", "notoserifcjk", "sourcehansans", "droidsansfallback")


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


def _font_files() -> list[str]:
    from matplotlib import font_manager

    files = font_manager.findSystemFonts()
    hinted = [
        f for f in files if any(h in Path(f).name.lower().replace("-", "") for h in CJK_FILE_HINTS)
    ]
    return sorted(hinted)


@lru_cache(maxsize=8)
def find_cjk_font(sample: str) -> str | None:
    """The path of a system font with a glyph for every character of `sample`; None (logged
    once per sample) when there is none."""
    for path in dict.fromkeys([*_system_fonts(), *_font_files()]):
        if _has_glyphs(path, sample):
            return path
    logger.warning(
        "no CJK font found: Chinese chart labels are left out "
        "(install one, e.g. Debian's fonts-wqy-microhei or fonts-noto-cjk)"
    )
    return None


def has_glyphs(path: str, text: str) -> bool:
    """Whether the font at `path` draws every character of `text` (none as a box)."""
    return _has_glyphs(path, text)
