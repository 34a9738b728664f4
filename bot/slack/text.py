"""Slack message text: escaping user and answer text, and cutting it into section-sized pieces."""

from __future__ import annotations

import re

# Slack decodes only these three entities; escaping them is all it takes for text to show
# as written and never become a mention, a <!channel> or a link.
_ESCAPES = {"&": "&amp;", "<": "&lt;", ">": "&gt;"}
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")


def escape_text(text: str) -> str:
    return "".join(_ESCAPES.get(char, char) for char in text)


def unescape_text(text: str) -> str:
    """Slack's escaping undone, for text Slack sent us."""
    return text.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")


def remove_control_characters(text: str) -> str:
    """Control characters (other than tab and newline) become spaces."""
    return _CONTROL.sub(" ", text)


def to_escaped_pieces(line: str, limit: int) -> list[str]:
    """One line, escaped, in pieces of at most `limit` characters; never cuts an entity."""
    pieces: list[str] = []
    current: list[str] = []
    size = 0
    for char in line:
        escaped = _ESCAPES.get(char, char)
        if size + len(escaped) > limit:
            pieces.append("".join(current))
            current, size = [], 0
        current.append(escaped)
        size += len(escaped)
    pieces.append("".join(current))
    return pieces


def to_section_texts(text: str, limit: int) -> list[tuple[str, int]]:
    """Plain text, escaped and split by lines into pieces of at most `limit` characters.

    Each piece comes with the number of non-blank source lines that start in it, so that a
    caller that drops pieces can say how many lines it left out.
    """
    sections: list[tuple[str, int]] = []
    lines: list[str] = []
    size = 0
    count = 0

    def close() -> None:
        nonlocal lines, size, count
        body = "\n".join(lines).strip("\n")
        if body.strip():
            sections.append((body, count))
        lines, size, count = [], 0, 0

    for line in text.splitlines():
        for index, piece in enumerate(to_escaped_pieces(line, limit)):
            extra = len(piece) + (1 if lines else 0)
            if size + extra > limit:
                close()
                extra = len(piece)
            lines.append(piece)
            size += extra
            if index == 0 and line.strip():
                count += 1
    close()
    return sections
