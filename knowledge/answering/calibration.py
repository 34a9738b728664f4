"""Calibrated confidence: the probability that an answer is right, from the engine's raw
evidence, and the two thresholds that decide between answering, "did you mean" and declining.

The tables are fitted by `tests/eval/calibration.py` (isotonic regression over our own
labelled question sets) and pasted here; that script also prints their reliability.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from knowledge.answering.thresholds import ANSWER_MIN_PROBABILITY, SUGGEST_MIN_PROBABILITY

# How a search answer's evidence is made of its signals (see `to_evidence`).
LEAD_WEIGHT = 0.5  # a clear lead over the next candidate ...
LEAD_CAP = 0.2  # ... counts up to this much
# A distinctive word (idf at least this share of the highest) that the record lacks.
DISTINCTIVE_MIN_WEIGHT = 0.9
MISSING_WORD_WEIGHT = 0.04
MISSING_WORDS_CAP = 3
# A word the question writes as a name (NETP, Kenya, P2) weighing at least this much, that the
# record lacks, means the record is about something else: it costs this much evidence, which
# keeps even a perfect score below the band that is answered.
NAMED_MIN_WEIGHT = 0.5
NAMED_MISSING_PENALTY = 0.5


SEARCH = "search"
STRUCTURED = "structured"


@dataclass(frozen=True)
class Calibration:
    """Per kind of answer, ascending (evidence lower bound, probability right) steps."""

    tables: Mapping[str, Sequence[tuple[float, float]]]
    answer_min: float = ANSWER_MIN_PROBABILITY
    suggest_min: float = SUGGEST_MIN_PROBABILITY

    def to_probability(self, path: str, evidence: float) -> float:
        table = self.tables.get(path)
        if not table:
            return max(0.0, min(1.0, evidence))
        bounds = [b for b, _ in table]
        step = bisect_right(bounds, evidence) - 1
        return table[max(step, 0)][1]

    def decide(self, probability: float) -> str:
        """ "answer", "suggest" or "decline"."""
        if probability >= self.answer_min:
            return "answer"
        if probability >= self.suggest_min:
            return "suggest"
        return "decline"


def to_evidence(signals: Mapping[str, float]) -> float:
    """A search answer's raw evidence: its score, plus its lead over the next candidate, less
    the distinctive question words its record does not hold, less much more for a name."""
    lead = min(max(signals.get("lead", 0.0), -LEAD_CAP), LEAD_CAP)
    missing = min(signals.get("distinctive_missing", 0.0), MISSING_WORDS_CAP)
    named = NAMED_MISSING_PENALTY if signals.get("missing_name", 0.0) >= NAMED_MIN_WEIGHT else 0.0
    return signals["score"] + LEAD_WEIGHT * lead - MISSING_WORD_WEIGHT * missing - named


# Fitted by `python tests/eval/calibration.py --fit`.
TABLES: dict[str, tuple[tuple[float, float], ...]] = {
    SEARCH: ((-1.0, 0.214), (0.5533, 0.571), (0.6292, 0.923), (0.6957, 0.964), (0.8485, 0.992)),
    STRUCTURED: ((-1.0, 0.997),),
}

DEFAULT_CALIBRATION = Calibration(TABLES)
# Every candidate answered, for fitting: nothing is held back.
PERMISSIVE_CALIBRATION = Calibration({}, answer_min=0.0, suggest_min=0.0)
