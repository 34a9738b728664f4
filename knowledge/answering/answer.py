"""The platform-neutral answer: what was understood, the parts to say, sources, confidence."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class SourceRef:
    """A source document (its file name) and the section the answer comes from."""

    doc: str
    section: str
    title_en: str = ""
    title_zh: str = ""
    # An admin's change (the knowledge base, section "change #N"), not a document's section.
    is_admin_change: bool = False

    def to_dict(self) -> dict[str, str]:
        return {"doc": self.doc, "section": self.section}


@dataclass
class Answer:
    """What the engine says; `template` names the message shape, `parts` fill it in."""

    intent: str
    lang: str
    answered: bool
    confidence: float
    template: str
    parts: dict[str, Any] = field(default_factory=dict)
    sources: list[SourceRef] = field(default_factory=list)
    suggestions: list[str] = field(default_factory=list)
    # "hant" when the question was in traditional characters: renderers write the answer so.
    script: str = ""
    # What the decision to answer rested on (raw score, coverage, distinctive words the record
    # lacks): for calibration and reports, never rendered.
    signals: dict[str, float] = field(default_factory=dict)

    def __post_init__(self) -> None:
        # The contract: an estimated probability. Bonuses that rank candidates may lift a
        # score past 1; what is said about the answer never does.
        self.confidence = min(1.0, max(0.0, self.confidence))
