"""Codes that rows share across the store: the total budget line, the admins' document, and
the one rule for what names a priority or enabler."""

from __future__ import annotations

from collections.abc import Iterable

TOTAL_CODE = "TOTAL"

# The document code of staffbot's own knowledge base: figures and texts admins entered.
ADMIN_DOC = "KB"


def to_label_codes(label: str) -> list[str]:
    """The codes a priority's label lists, upper-case: "P5 / E6 / E7" → ["P5", "E6", "E7"]."""
    return [part for part in label.upper().replace(" ", "").split("/") if part]


def find_priority_code(code: str, priorities: Iterable[tuple[str, str]]) -> str | None:
    """The code of the priority or enabler `code` names, given the (code, label) pairs:
    its own code first (any case, spaces around it ignored), else the one whose label lists
    it (E6 → P5); None when none does."""
    wanted = code.strip().upper()
    pairs = list(priorities)
    for priority_code, _label in pairs:
        if wanted == priority_code.upper():
            return priority_code
    for priority_code, label in pairs:
        if wanted in to_label_codes(label):
            return priority_code
    return None
