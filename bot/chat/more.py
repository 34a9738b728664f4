"""A long answer shown in parts: what a "show the rest" button carries, for any platform."""

from __future__ import annotations


def to_more_value(question: str, shown_lines: int) -> str:
    """The value of a "show the rest" button: the lines already shown, then the question."""
    return f"{shown_lines}|{question}"


def read_more_value(value: str) -> tuple[str, int] | None:
    """(question, lines already shown) from a "show the rest" button, or None if not ours."""
    shown, _, question = value.partition("|")
    if not shown.isdigit() or not question.strip():
        return None
    return question, int(shown)


def drop_lines(text: str, count: int) -> str:
    """The text without its first `count` non-blank lines (what an earlier message showed)."""
    lines = text.splitlines()
    seen = 0
    for index, line in enumerate(lines):
        if seen == count:
            return "\n".join(lines[index:])
        if line.strip():
            seen += 1
    return ""
