"""What the subcommands print besides their results: refusals on stderr, aligned tables."""

from __future__ import annotations

import sys
import unicodedata
from collections.abc import Sequence

from bot.cli.context import EXIT_BAD_INPUT
from bot.text_render import render_text


def print_error(template: str, lang: str, **parts: object) -> None:
    print(render_text(template, lang, **parts), file=sys.stderr)


def refuse(template: str, lang: str, **parts: object) -> int:
    """A refusal the command decided itself (no exception): the message, then EXIT_BAD_INPUT."""
    print_error(template, lang, **parts)
    return EXIT_BAD_INPUT


def _to_width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def to_table(headers: Sequence[str], rows: Sequence[Sequence[str]]) -> str:
    """Columns aligned by display width (a Chinese character takes two)."""
    widths = [max(_to_width(r[i]) for r in [headers, *rows]) for i in range(len(headers))]
    lines = []
    for row in [headers, *rows]:
        cells = [
            cell + " " * (width - _to_width(cell)) for cell, width in zip(row, widths, strict=True)
        ]
        lines.append("  ".join(cells).rstrip())
    return "\n".join(lines)


def is_confirmed(yes: bool, prompt: str) -> bool:
    """--yes, or "y" typed at a terminal; never a silent yes without a terminal."""
    if yes:
        return True
    if not sys.stdin.isatty():
        return False
    reply = input(prompt + " ")
    return reply.strip().lower() in {"y", "yes", "是"}
