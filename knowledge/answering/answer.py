"""The platform-neutral answer: its kind, the parts to say, sources, confidence."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any


class AnswerKind(StrEnum):
    """What an answer is: each kind has its own message shape, which the bot chooses."""

    # Answered.
    BUDGET = "budget"
    COMPUTE = "compute"  # a computation with its formula
    EXTREME = "extreme"  # the highest or lowest of some lines
    OVERVIEW = "overview"
    KPI_LIST = "kpi_list"
    KPI_TOTAL = "kpi_total"
    KPI_DETAIL = "kpi_detail"
    OUTCOMES = "outcomes"
    OUTPUTS = "outputs"
    RISK = "risk"
    FAQ = "faq"
    FACT = "fact"
    DEFINITION = "definition"
    HELP = "help"
    # Several questions in one message, each answered (or declined) on its own: `parts`
    # holds their `answers`; answered when every one of them is.
    MULTI = "multi"
    # Not answered.
    TOO_LONG = "too_long"
    DID_YOU_MEAN = "did_you_mean"
    DECLINE = "decline"
    CANNOT_ANSWER = "cannot_answer"  # the record found holds no answer of the kind asked
    CANNOT_COMPUTE = "cannot_compute"
    UNKNOWN_CODE = "unknown_code"

    @property
    def intent(self) -> str:
        """The topic the JSON contract reports as `intent`."""
        return _INTENTS.get(self, self.value)


_INTENTS: dict[AnswerKind, str] = {
    AnswerKind.EXTREME: "compute",
    AnswerKind.KPI_LIST: "kpi",
    AnswerKind.KPI_TOTAL: "kpi",
    AnswerKind.KPI_DETAIL: "kpi",
    AnswerKind.OUTCOMES: "outcome",
    AnswerKind.OUTPUTS: "output",
    AnswerKind.TOO_LONG: "decline",
    AnswerKind.DID_YOU_MEAN: "unknown",
    AnswerKind.DECLINE: "unknown",
    AnswerKind.CANNOT_ANSWER: "unknown",
    AnswerKind.CANNOT_COMPUTE: "unknown",
    AnswerKind.UNKNOWN_CODE: "unknown",
}


@dataclass(frozen=True)
class SourceRef:
    """A source document (its file name) and the section the answer comes from; an admin's
    change is cited by its audit id (`change_id`), its section then reads "change #N"."""

    doc: str
    section: str
    title_en: str = ""
    title_zh: str = ""
    change_id: int | None = None

    def to_dict(self) -> dict[str, str]:
        return {"doc": self.doc, "section": self.section}


@dataclass(kw_only=True)
class Answer:
    """What the engine says: its `kind` names the message shape, `parts` fill it in."""

    kind: AnswerKind
    lang: str
    answered: bool
    confidence: float
    parts: dict[str, Any] = field(default_factory=dict)
    sources: list[SourceRef] = field(default_factory=list)
    suggestions: list[str] = field(default_factory=list)
    # The record each suggestion stands for ("fact:KEY", …; None: no one record), in the order
    # of `suggestions`: a click on one is evidence that the question asked means that record.
    suggestion_records: list[str | None] = field(default_factory=list)
    # The record the answer comes from ("fact:KEY", "faq:KEY", "kpi:CODE", "theme:CODE",
    # "priority:CODE", "risk:CODE", "outcome:THEME#N", "output:THEME#N"); None for answers
    # made of several records or of none. Never rendered: learning from use names it.
    record: str | None = None
    # "hant" when the question was in traditional characters: renderers write the answer so.
    script: str = ""
    # What the decision to answer rested on (raw score, coverage, distinctive words the record
    # lacks): for calibration and reports, never rendered.
    signals: dict[str, float] = field(default_factory=dict)

    def __post_init__(self) -> None:
        # The contract: an estimated probability. Bonuses that rank candidates may lift a
        # score past 1; what is said about the answer never does.
        self.confidence = min(1.0, max(0.0, self.confidence))

    @property
    def intent(self) -> str:
        return self.kind.intent

    def get_suggestion_record(self, index: int) -> str | None:
        """The record of suggestion `index`, if it names one."""
        records = self.suggestion_records
        return records[index] if 0 <= index < len(records) else None
