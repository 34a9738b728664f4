"""Fuzzy retrieval: an inverted token index narrows the field, rapidfuzz ranks what is left.

Scores are pure functions of the strings; every threshold lives here as a named constant.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import numpy as np
from rapidfuzz import fuzz, process

from knowledge.text import han_bigrams, is_function_gram, latin_tokens, normalize

# Weight of a token by where it occurs in an entry: names, titles, aliases and stored
# phrasings say what an entry is about; body text only mentions things.
KEY_WEIGHT = 1.0
BODY_WEIGHT = 0.45
# A Latin query word that the index has never seen is matched to the closest indexed word
# when at least this similar (0–100), its weight scaled by the similarity.
TYPO_MIN_SIMILARITY = 80
TYPO_MIN_LENGTH = 4
# How many entries the token stage hands to rapidfuzz for re-ranking.
RERANK_CANDIDATES = 24
# Final score = COVERAGE_SHARE * idf-weighted share of the query explained by the entry
#             + (1 - COVERAGE_SHARE) * rapidfuzz similarity of the query to its key texts.
COVERAGE_SHARE = 0.7
# Decisions on the final score (0–1).
ANSWER_MIN_SCORE = 0.58
SUGGEST_MIN_SCORE = 0.30
# Entity resolution for structured questions (budget, KPIs, risks): the share of the
# query's content words that the entity must explain.
ENTITY_MIN_COVERAGE = 0.62
# Two candidates within this margin of the best are treated as equally good (ambiguous).
TIE_MARGIN = 0.03


@dataclass(frozen=True)
class Entry:
    """One searchable record: what it is (kind, ref) and the texts that describe it."""

    kind: str
    ref: str
    key_texts: tuple[str, ...]
    body_texts: tuple[str, ...] = ()


@dataclass(frozen=True)
class Hit:
    entry: Entry
    score: float
    coverage: float


@dataclass(frozen=True)
class QueryTerms:
    """A query cut into weighted tokens, ready for an index."""

    tokens: tuple[str, ...]
    text: str


def to_query_terms(normalized: str, *, drop: Iterable[str] = ()) -> QueryTerms:
    dropped = set(drop)
    grams = [g for g in han_bigrams(normalized) if not is_function_gram(g)]
    tokens = [t for t in latin_tokens(normalized) + grams if t not in dropped]
    return QueryTerms(tuple(dict.fromkeys(tokens)), normalized)


def _entry_tokens(texts: Iterable[str]) -> set[str]:
    tokens: set[str] = set()
    for text in texts:
        normalized = normalize(text)
        tokens.update(latin_tokens(normalized))
        tokens.update(han_bigrams(normalized))
    return tokens


class SearchIndex:
    """Token postings with per-entry weights, plus the vocabulary for typo correction."""

    def __init__(self, entries: Sequence[Entry]) -> None:
        self.entries = list(entries)
        postings: dict[str, dict[int, float]] = defaultdict(dict)
        self._keys: list[tuple[str, ...]] = []
        for i, entry in enumerate(self.entries):
            for token in _entry_tokens(entry.body_texts):
                postings[token][i] = BODY_WEIGHT
            for token in _entry_tokens(entry.key_texts):
                postings[token][i] = KEY_WEIGHT
            self._keys.append(tuple(normalize(t) for t in entry.key_texts))
        n = max(len(self.entries), 1)
        self._postings: dict[str, tuple[np.ndarray, np.ndarray]] = {}
        self._idf: dict[str, float] = {}
        for token, weights in postings.items():
            ids = np.fromiter(weights.keys(), dtype=np.int32, count=len(weights))
            values = np.fromiter(weights.values(), dtype=np.float32, count=len(weights))
            self._postings[token] = (ids, values)
            self._idf[token] = math.log(1.0 + n / len(weights))
        self._max_idf = math.log(1.0 + n)
        self._vocab_by_length: dict[int, list[str]] = defaultdict(list)
        for token in self._postings:
            if token.isascii() and token.isalpha():
                self._vocab_by_length[len(token)].append(token)
        self._kind_masks: dict[str, np.ndarray] = {}
        for kind in {e.kind for e in self.entries}:
            self._kind_masks[kind] = np.array([e.kind == kind for e in self.entries], dtype=bool)

    def __len__(self) -> int:
        return len(self.entries)

    def has_token(self, token: str) -> bool:
        return token in self._postings

    def correct_typo(self, token: str) -> tuple[str, float] | None:
        """The closest indexed word and its similarity (0–1), for a word not indexed."""
        if len(token) < TYPO_MIN_LENGTH or not token.isalpha():
            return None
        candidates: list[str] = []
        for length in range(len(token) - 2, len(token) + 3):
            candidates.extend(self._vocab_by_length.get(length, ()))
        best = process.extractOne(
            token, candidates, scorer=fuzz.ratio, score_cutoff=TYPO_MIN_SIMILARITY
        )
        if best is None:
            return None
        return best[0], best[1] / 100.0

    def _weighted_terms(self, terms: QueryTerms) -> tuple[list[tuple[str, float]], float]:
        """(indexed token, weight) pairs and the query's total weight."""
        resolved: list[tuple[str, float]] = []
        total = 0.0
        for token in terms.tokens:
            if token in self._postings:
                weight = self._idf[token]
                resolved.append((token, weight))
                total += weight
                continue
            total += self._max_idf
            corrected = self.correct_typo(token)
            if corrected is not None:
                word, similarity = corrected
                resolved.append((word, self._max_idf * similarity))
        return resolved, total

    def search(
        self, terms: QueryTerms, *, kinds: Iterable[str] | None = None, limit: int = 5
    ) -> list[Hit]:
        resolved, total = self._weighted_terms(terms)
        if not resolved or total <= 0 or not self.entries:
            return []
        scores = np.zeros(len(self.entries), dtype=np.float32)
        for token, weight in resolved:
            ids, values = self._postings[token]
            scores[ids] += values * weight
        if kinds is not None:
            mask = np.zeros(len(self.entries), dtype=bool)
            for kind in kinds:
                if kind in self._kind_masks:
                    mask |= self._kind_masks[kind]
            scores[~mask] = 0.0
        count = min(RERANK_CANDIDATES, int(np.count_nonzero(scores)))
        if count == 0:
            return []
        top = np.argpartition(-scores, count - 1)[:count]
        hits: list[Hit] = []
        for i in top:
            coverage = min(1.0, float(scores[i]) / total)
            similarity = max((fuzz.WRatio(terms.text, key) for key in self._keys[i]), default=0.0)
            score = COVERAGE_SHARE * coverage + (1 - COVERAGE_SHARE) * similarity / 100.0
            hits.append(Hit(self.entries[i], round(score, 4), round(coverage, 4)))
        hits.sort(key=lambda h: (-h.score, -h.coverage, h.entry.kind, h.entry.ref))
        return hits[:limit]
