"""A "did you mean" button's value, for any platform: the suggestion to ask, and what it was
offered for (the question asked and the record the suggestion stands for)."""

from __future__ import annotations

import json
import unicodedata
from dataclasses import dataclass

# Slack's limit on a button's value (Teams' data is held to the same).
MAX_VALUE_CHARS = 2000


@dataclass(frozen=True)
class SuggestionClick:
    """What a click on a suggestion says: ask `question`; `asked` (the question the
    suggestion was offered for) means `record`. A button made before suggestions carried
    their record has only its question."""

    question: str
    asked: str = ""
    record: str | None = None


def to_suggestion_value(question: str, asked: str, record: str | None) -> str:
    """The button's value: the suggestion alone when it names no record (as before), else
    compact JSON with what it was offered for; the question asked is shortened to fit."""
    if record is None or not asked:
        return question
    payload = {"q": question, "a": asked, "r": record}
    value = json.dumps(payload, ensure_ascii=False, separators=(",", ":"))
    if len(value) > MAX_VALUE_CHARS:
        return question  # a click then teaches nothing, but still asks
    return value


def read_suggestion_value(value: str) -> SuggestionClick:
    """The click a value stands for; a value that is not our JSON is the question itself
    (the buttons made before, and any suggestion starting with "{")."""
    if value.startswith("{"):
        try:
            payload = json.loads(value)
        except ValueError:
            payload = None
        if isinstance(payload, dict) and isinstance(payload.get("q"), str):
            asked, record = payload.get("a"), payload.get("r")
            return SuggestionClick(
                _clean(payload["q"]),
                _clean(asked) if isinstance(asked, str) else "",
                _clean(record) or None if isinstance(record, str) else None,
            )
    return SuggestionClick(value)


def _clean(text: str) -> str:
    """JSON escapes can spell control characters the platform's own cleaning never saw."""
    kept = "".join(c for c in text if unicodedata.category(c) != "Cc" or c.isspace())
    return " ".join(kept.split())
