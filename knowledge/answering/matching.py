"""Fuzzy retrieval: an inverted token index narrows the field, rapidfuzz ranks what is left.

Scores are pure functions of the strings; every threshold lives here as a named constant.
"""

from __future__ import annotations

import math
import re
import sys
from array import array
from bisect import bisect_left
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, replace
from functools import cached_property, lru_cache
from typing import Any

import numpy as np
from rapidfuzz import fuzz, process
from rapidfuzz.distance import OSA

from knowledge.answering.text import (
    EN_STOPWORDS,
    LIGHT_SUFFIXES,
    LONE_GLUE,
    SCOPE_SUFFIXES,
    ZH_PARTICLES,
    han_bigrams,
    han_lone_words,
    is_chinese,
    is_function_gram,
    is_manner_adverb,
    latin_tokens,
    normalize,
    stem,
)

# Weight of a token by where it occurs in an entry: names, titles, aliases and stored
# phrasings say what an entry is about; body text only mentions things.
KEY_WEIGHT = 1.0
BODY_WEIGHT = 0.45
# ... and the title of the document a record comes from: a question that cites it ("the
# Council paper on turning the vision into action", "the 2024-2027 Strategic Plan") names
# where the answer is, not what it says. Any of the record's own words counts more.
CONTEXT_WEIGHT = 0.3
# A Latin query word that the index has never seen is matched to the closest indexed word
# when at least this similar (0–100), its weight scaled by the similarity.
TYPO_MIN_SIMILARITY = 80
TYPO_MIN_LENGTH = 4
# ... and at most one edit away (from this length on, two, or one per four letters).
LONG_WORD_MIN_LENGTH = 6
# An inflection of an indexed word ("ended" for end) reads as it this much.
INFLECTION_SIMILARITY = 0.9
# A query word that begins an indexed word is read as its abbreviation ("stat", "telecom",
# "cyber"), at this similarity, when it is at least ABBREVIATION_MIN_LENGTH letters long.
ABBREVIATION_MIN_LENGTH = 4
ABBREVIATION_SIMILARITY = 0.9
# A word of the same family as an indexed one ("satisfied", satisfaction), at this similarity,
# when it is at least DERIVATION_MIN_LENGTH letters long.
DERIVATION_MIN_LENGTH = 7
# Two words beginning with this many letters alike are of one family in a name.
FAMILY_PREFIX_LENGTH = 8
DERIVATION_SIMILARITY = 0.8
# A word read as one of its synonyms (seed/synonyms.yaml) counts this much.
SYNONYM_SIMILARITY = 0.85
# In names, a word also matches a longer or shorter form of itself from this length on.
STEM_MATCH_MIN_LENGTH = 5
# Chinese is cut into character bigrams, so "规划一开始" also gives "划一"; such a bigram that
# the index has never seen and that joins two known words weighs this much of an unknown word.
SEAM_WEIGHT = 0.3
# How many entries the token stage hands to rapidfuzz for re-ranking.
RERANK_CANDIDATES = 40
# ... chosen, once their documents' words are credited, from this many by their own words.
CONTEXT_CANDIDATES = 200
RERANK_BATCH = 8
# Final score = COVERAGE_SHARE * idf-weighted share of the query explained by the entry
#             + (1 - COVERAGE_SHARE) * rapidfuzz similarity of the query to its key texts.
COVERAGE_SHARE = 0.7
# Added to a fact whose kind fits the question's form (a definition for "what is").
FORM_BONUS = 0.05
# ... and to a fact with a dated figure, for a question asking "when".
DATED_FORM_BONUS = 0.1
# ... and to a fact that writes out as many items as a question asks for ("what are the
# three pillars": the three pillars, not a plan built on them).
ENUMERATED_FORM_BONUS = 0.2
# Taken from a fact that neither is of nor mentions the year a question names.
YEAR_MISMATCH_PENALTY = 0.15
# A record is mentioned by a question when the question holds at least this share
# (idf-weighted) of one of its names or aliases.
MENTION_MIN_SHARE = 0.7


_Reading = list[tuple[str, float]]
_LATIN_CHAR = re.compile(r"[a-z0-9]")


@dataclass(frozen=True)
class Entry:
    """One searchable record: what it is (kind, ref) and the texts that describe it."""

    kind: str
    ref: str
    key_texts: tuple[str, ...]
    body_texts: tuple[str, ...] = ()
    # Where the record stands (its document's names): one tuple shared by all its records.
    context_texts: tuple[str, ...] = ()


@dataclass(frozen=True)
class Hit:
    entry: Entry
    score: float
    coverage: float
    closeness: float = 0.0  # whole-string similarity to the closest key text: breaks ties


@dataclass(frozen=True)
class QueryTerms:
    """A query cut into weighted tokens, ready for an index."""

    tokens: tuple[str, ...]
    text: str
    glue: frozenset[str] = frozenset()


def to_query_terms(normalized: str, *, drop: Iterable[str] = ()) -> QueryTerms:
    dropped = set(drop)
    grams = han_bigrams(normalized)
    glue = frozenset(g for g in grams if is_function_gram(g))
    # A lone Chinese character between intent words ("里", "有") is glue, not a name; one
    # inside a run between particles is a word ("什么奖").
    content = [g for g in grams if len(g) == 2 and g not in glue] + han_lone_words(normalized)
    tokens = [t for t in latin_tokens(normalized) + content if t not in dropped]
    return QueryTerms(tuple(dict.fromkeys(tokens)), normalized, glue)


@lru_cache(maxsize=16384)  # names, tags and keywords repeat across entries; texts seldom do
def _text_tokens(text: str) -> frozenset[str]:
    normalized = normalize(text)
    tokens: set[str] = set()
    if _LATIN_CHAR.search(normalized):
        tokens.update(latin_tokens(normalized))
    if is_chinese(normalized):
        tokens.update(g for g in han_bigrams(normalized) if not is_function_gram(g))
    # One string per distinct token: 100k entries repeat a few thousand character pairs and
    # words millions of times.
    return frozenset(map(sys.intern, tokens))


_NEGATING_PREFIXES = ("un", "in", "im", "non", "dis")


def _negates(token: str, word: str) -> bool:
    """Whether one word is the other with a negating prefix ("unforeseen" / "foreseen"):
    no misspelling, the opposite."""
    short, long = sorted((token, word), key=len)
    return any(long == prefix + short for prefix in _NEGATING_PREFIXES)


def _entry_tokens(texts: Iterable[str]) -> set[str]:
    tokens: set[str] = set()
    for text in texts:
        tokens |= _text_tokens(text)
    return tokens


@dataclass(frozen=True)
class Mention:
    """An entry named in a query: how much of its best name the query holds, and which
    query tokens that name explains."""

    entry: Entry
    share: float
    explained: frozenset[str]


class SearchIndex:
    """Token postings with per-entry weights, plus the vocabulary for typo correction."""

    def __init__(self, entries: Sequence[Entry], synonyms: Sequence[Sequence[str]] = ()) -> None:
        self.entries = list(entries)
        self._keys: list[tuple[str, ...]] = []
        # The token sets of each key text, made when a name search first looks at an entry
        # (names are searched among a few kinds only; every entry's would cost 200 MB at
        # 100k entries).
        self._key_token_sets: dict[int, tuple[frozenset[str], ...]] = {}
        # Postings in three flat arrays (token slot, entry, weight), sorted by slot below: a
        # dict or an array per token would cost a Python object per token (hundreds of
        # thousands at 100k entries), in memory and in a cached index's load time.
        slots: dict[str, int] = {}
        token_slots, entry_ids, weights = array("i"), array("i"), array("f")
        for i, entry in enumerate(self.entries):
            key_sets = tuple(_text_tokens(t) for t in entry.key_texts)
            found = dict.fromkeys(_entry_tokens(entry.body_texts), BODY_WEIGHT)
            found.update(dict.fromkeys(frozenset().union(*key_sets), KEY_WEIGHT))
            for token, weight in found.items():
                token_slots.append(slots.setdefault(token, len(slots)))
                entry_ids.append(i)
                weights.append(weight)
            self._keys.append(tuple(normalize(t) for t in entry.key_texts) or ("",))
        # Each temporary array is let go as soon as it is used: at 100k entries they hold
        # millions of postings, and the build's peak memory is theirs.
        slot_of = np.frombuffer(token_slots, dtype=np.int32)
        counts = np.bincount(slot_of, minlength=len(slots))
        by_slot = np.argsort(slot_of, kind="stable")
        del slot_of, token_slots
        self._slots = slots
        self._ids = np.frombuffer(entry_ids, dtype=np.int32)[by_slot]
        del entry_ids
        self._weights = np.frombuffer(weights, dtype=np.float32)[by_slot]
        del weights, by_slot
        self._starts = np.concatenate(([0], np.cumsum(counts))).astype(np.int64)
        n = max(len(self.entries), 1)
        self._idf: dict[str, float] = {
            token: math.log(1.0 + n / int(counts[slot])) for token, slot in slots.items()
        }
        self._max_idf = math.log(1.0 + n)
        self._vocab_by_length: dict[int, list[str]] = defaultdict(list)
        for token in self._slots:
            if token.isascii() and token.isalpha():
                self._vocab_by_length[len(token)].append(token)
        self._sorted_vocab = sorted(t for words in self._vocab_by_length.values() for t in words)
        # A one-token word → the token sets of the other words of its synonym groups.
        self._synonyms: dict[str, list[frozenset[str]]] = defaultdict(list)
        for group in synonyms:
            words = [frozenset(_text_tokens(w)) for w in group]
            for word in words:
                if len(word) == 1:
                    (token,) = word
                    self._synonyms[token] += [w for w in words if w and w != word]
        # The one-token words of the synonym groups, for misspellings of them ("apoints")
        self._synonym_words = tuple(sorted(self._synonyms))
        # Each entry's context (its document's names) as a number, and the tokens of each.
        context_of: dict[tuple[str, ...], int] = {}
        self._context_ids = np.array(
            [
                context_of.setdefault(e.context_texts, len(context_of)) if e.context_texts else -1
                for e in self.entries
            ],
            dtype=np.int32,
        )
        self._contexts_by_token: dict[str, list[int]] = defaultdict(list)
        for texts, number in context_of.items():
            for token in _entry_tokens(texts):
                self._contexts_by_token[token].append(number)
        kinds = np.array([e.kind for e in self.entries], dtype=object)
        self._kind_masks: dict[str, np.ndarray] = {
            kind: kinds == kind for kind in {e.kind for e in self.entries}
        }

    def __len__(self) -> int:
        return len(self.entries)

    def __getstate__(self) -> dict[str, Any]:
        """Pickled without the token sets made on demand: answers fill them while the engine
        is written out on another thread, and they are made again as needed."""
        state = self.__dict__.copy()
        state["_key_token_sets"] = {}
        return state

    def _key_tokens(self, i: int) -> tuple[frozenset[str], ...]:
        found = self._key_token_sets.get(i)
        if found is None:
            found = tuple(_text_tokens(t) for t in self.entries[i].key_texts)
            self._key_token_sets[i] = found
        return found

    def _posting(self, token: str) -> tuple[np.ndarray, np.ndarray]:
        """The entries holding an indexed token (ascending) and its weight in each."""
        slot = self._slots[token]
        start, end = self._starts[slot], self._starts[slot + 1]
        return self._ids[start:end], self._weights[start:end]

    def _context_credit(
        self,
        readings: list[list[_Reading]],
        top: np.ndarray,
        source: frozenset[str] = frozenset(),
    ) -> np.ndarray:
        """For each candidate in `top`, the credit its document's names add for the query
        tokens the candidate itself does not hold (or holds more weakly); in full for those
        that name the document the question says the answer stands in (`source`)."""
        extra = np.zeros(len(top), dtype=np.float32)
        context_ids = self._context_ids[top]
        for ways in readings:
            if len(ways) != 1 or len(ways[0]) != 1:
                continue  # a word read several ways (a synonym): its own words only
            token, weight = ways[0][0]
            contexts = self._contexts_by_token.get(token)
            if not contexts:
                continue
            ids, values = self._posting(token)  # entry ids ascending
            own = np.zeros(len(top), dtype=np.float32)
            at = np.minimum(np.searchsorted(ids, top), max(len(ids) - 1, 0))
            held = ids[at] == top if len(ids) else np.zeros(len(top), dtype=bool)
            own[held] = values[at[held]]
            named = np.isin(context_ids, contexts)
            floor = 1.0 if token in source else CONTEXT_WEIGHT
            extra += np.where(named, np.maximum(own, floor) - own, 0.0) * weight
        return extra

    def has_token(self, token: str) -> bool:
        return token in self._slots

    @cached_property
    def _han_characters(self) -> frozenset[str]:
        return frozenset(c for token in self._slots for c in token if is_chinese(c))

    def has_character(self, character: str) -> bool:
        """Whether any indexed Chinese word holds the character."""
        return character in self._han_characters

    def join_compounds(self, terms: QueryTerms) -> QueryTerms:
        """Two words the index holds as one ("learning labs" for LearningLabs, "data hub" for
        DataHub), read as that one word; other tokens as they are."""
        tokens = list(terms.tokens)
        joined: list[str] = []
        n = 0
        while n < len(tokens):
            pair = tokens[n] + tokens[n + 1] if n + 1 < len(tokens) else ""
            if pair.isascii() and pair.isalpha() and pair in self._slots:
                joined.append(pair)
                n += 2
                continue
            joined.append(tokens[n])
            n += 1
        return terms if joined == tokens else replace(terms, tokens=tuple(joined))

    def spellings(self, token: str, limit: int = 3) -> list[tuple[str, float]]:
        """Indexed words a word not indexed may stand for, with similarity (0–1), best first:
        words it abbreviates ("telecom"), then words it misspells ("statistcs")."""
        if len(token) < TYPO_MIN_LENGTH or not token.isalpha():
            return []
        found: list[tuple[str, float]] = []
        if len(token) >= ABBREVIATION_MIN_LENGTH:
            prefixed = self._words_starting(token)
            found += [(w, ABBREVIATION_SIMILARITY) for w in prefixed[:limit]]
        # an inflection of an indexed word: "ended" → end, "hosting" → host, "used" → use,
        # "running" → run, "planned" → plan, "applied" → apply
        bases = [token[:-2], token[:-1]] if token.endswith("ed") else []
        bases += [token[:-3], token[:-3] + "e"] if token.endswith("ing") else []
        if token.endswith("ing") and len(token) >= 6 and token[-4] == token[-5]:
            bases.append(token[:-4])
        if token.endswith("ed") and len(token) >= 5 and token[-3] == token[-4]:
            bases.append(token[:-3])
        if token.endswith("ied"):
            bases.append(token[:-3] + "y")
        found += [(b, INFLECTION_SIMILARITY) for b in bases if len(b) >= 3 and b in self._slots]
        if len(token) >= DERIVATION_MIN_LENGTH and not any(b in self._slots for b in bases):
            # a word of the same family: "satisfied" → satisfaction, "registered" →
            # registration (the stem kept whole, all but three letters of the word)
            root = token[: max(DERIVATION_MIN_LENGTH - 1, len(token) - 3)]
            found += [(w, DERIVATION_SIMILARITY) for w in self._words_starting(root)[:limit]]
        candidates: list[str] = []
        for length in range(len(token) - 2, len(token) + 3):
            candidates.extend(self._vocab_by_length.get(length, ()))
        close = process.extract(
            token, candidates, scorer=fuzz.ratio, score_cutoff=TYPO_MIN_SIMILARITY, limit=limit
        )
        # A typo is an edit or two, not a word inside a longer one ("etho" is no "method")
        edits = 1 if len(token) < LONG_WORD_MIN_LENGTH else max(2, len(token) // 4)
        found += [
            (word, score / 100.0)
            for word, score, _ in close
            if OSA.distance(token, word) <= edits and not _negates(token, word)
        ]
        return sorted(found, key=lambda f: -f[1])[:limit]

    def _words_starting(self, prefix: str) -> list[str]:
        """Indexed Latin words beginning with `prefix`, shortest first."""
        words = []
        for word in self._sorted_vocab[bisect_left(self._sorted_vocab, prefix) :]:
            if not word.startswith(prefix):
                break
            words.append(word)
        return sorted(words, key=lambda w: (len(w), w))

    def correct_typo(self, token: str) -> tuple[str, float] | None:
        """The closest indexed word and its similarity (0–1), for a word not indexed."""
        found = self.spellings(token, limit=1)
        return found[0] if found else None

    @property
    def unknown_token_weight(self) -> float:
        """The weight of a word the index has never seen (the highest idf)."""
        return self._max_idf

    def token_weight(self, token: str) -> float:
        """A query token's weight: its idf, or the highest idf for a word never indexed."""
        return self._idf.get(token, self._max_idf)

    def resolve(self, token: str) -> tuple[str, float] | None:
        """The indexed token a query token stands for, with the similarity (0–1)."""
        if token in self._slots:
            return token, 1.0
        return self.correct_typo(token)

    def is_seam(self, gram: str, neighbours: set[str]) -> bool:
        """An unknown Chinese bigram that straddles a known word and the next one."""
        if len(gram) != 2 or not is_chinese(gram):
            return False
        return any(n.endswith(gram[0]) or n.startswith(gram[1]) for n in neighbours)

    def synonyms_of(self, token: str) -> list[frozenset[str]]:
        """The token sets of the other words of a one-token word's synonym groups."""
        return list(self._synonyms.get(token, []))

    def has_synonym(self, token: str) -> bool:
        """Whether a word stands for one of the index's as a word of its synonym group."""
        synonyms, _ = self._synonyms_of(token, None)
        return any(all(t in self._slots for t in word) for word in synonyms)

    def _synonyms_of(
        self, token: str, found: tuple[str, float] | None
    ) -> tuple[list[frozenset[str]], float]:
        """The token sets a query word may stand for as a synonym, and how surely: its own
        group's; for a misspelt word, those of the indexed word it stands for (`found`) or,
        when it stands for none, of the synonym it misspells ("apoints": designate)."""
        own = self._synonyms.get(token)
        if own or token in self._slots:
            return own or [], 1.0
        if found is not None:
            # "apoints" read as appoint: appoint's synonyms too (a misspelling, one edit
            # away; not an inflection, "running" read as run, nor an abbreviation)
            if OSA.distance(token, found[0]) != 1:
                return [], 1.0
            return self._synonyms.get(found[0], []), found[1]
        if len(token) < LONG_WORD_MIN_LENGTH or not token.isalpha():
            return [], 1.0
        close = _closest_word(token, self._synonym_words)
        if close is None:
            return [], 1.0
        word, similarity = close
        spelt = [frozenset((word,))] if word in self._slots else []
        return spelt + self._synonyms[word], similarity

    def list_unknown_words(self, terms: QueryTerms) -> list[str]:
        """Query words the index has never seen in any spelling or synonym (Chinese seams and
        hyphenated words, whose parts stand for them, aside)."""
        weights = self.weigh(terms)
        return [
            t
            for t in terms.tokens
            if t not in self._slots
            and weights[t] >= self._max_idf
            and self.resolve(t) is None
            and not self.has_synonym(t)
        ]

    def list_missing_words(
        self, terms: QueryTerms, texts: Iterable[str]
    ) -> list[tuple[str, float]]:
        """Query words the texts do not hold in any spelling, synonym or inflection, each with
        its distinctiveness: its weight over the highest idf (1.0 for a word rare in the store
        or never indexed). Common words weigh little, so only distinctive ones count."""
        held = _entry_tokens(texts)
        missing: list[tuple[str, float]] = []
        for token, weight in self.weigh(terms).items():
            if weight <= 0 or self._is_held(token, held):
                continue
            missing.append((token, round(weight / self._max_idf, 4)))
        return missing

    def list_missing_phrases(
        self, terms: QueryTerms, texts: Iterable[str]
    ) -> list[tuple[str, float]]:
        """`list_missing_words`, with the Chinese character pairs that follow one another in
        the question joined into the word they spell ("变革"+"革者"+"者计"+"计划": 变革者计划),
        weighing the sum of its pairs' weights (at most 1.0): a Chinese word is cut into pairs
        each of moderate weight, so a missing word is only seen as distinctive whole."""
        phrases: list[tuple[str, float]] = []
        for token, weight in self.list_missing_words(terms, texts):
            if phrases and _follows(phrases[-1][0], token):
                text, total = phrases[-1]
                phrases[-1] = (text + token[1], min(1.0, round(total + weight, 4)))
            else:
                phrases.append((token, weight))
        return phrases

    def list_held_loosely(self, tokens: Sequence[str], texts: Sequence[str]) -> list[str]:
        """The English words the texts hold only as another word that begins like them or
        through their Chinese, not as themselves, a misspelling or an English synonym
        ("nations" held by "national" or 国家 only)."""
        held = _entry_tokens(texts)
        english = _entry_tokens(t for t in texts if not is_chinese(t))
        loose = []
        for token in tokens:
            found = self.resolve(token)
            if token in english or (found is not None and found[0] in english):
                continue
            if any(all(t in english for t in word) for word in self._synonyms_of(token, found)[0]):
                continue
            if self._is_held(token, held):
                loose.append(token)
        return loose

    def misses_name(self, tokens: Sequence[str], texts: Sequence[str]) -> bool:
        """Whether the texts hold a word of a name only loosely (`list_held_loosely`) and
        another not at all: "national" beside no "united" holds nothing of "the United
        Nations", while "training" beside "Academy" holds "the ITU Training Academy"."""
        if not self.list_held_loosely(tokens, texts):
            return False
        held = _entry_tokens(texts)
        return any(not self._is_held(t, held) for t in tokens)

    def _is_held(self, token: str, held: set[str]) -> bool:
        if token in held:
            return True
        head, _, modifier = token.partition("-")
        if modifier in SCOPE_SUFFIXES and head in held:
            return True  # "ITU-wide", "country-led": the thing named, in a scope
        found = self.resolve(token)
        if found is not None and found[0] in held:
            return True
        if any(all(t in held for t in word) for word in self._synonyms_of(token, found)[0]):
            return True
        if token.isascii() and len(token) >= STEM_MATCH_MIN_LENGTH - 1:
            # An inflection: "yearly"/"year", "consists"/"consist", "charged"/"charge".
            stem = token[: max(STEM_MATCH_MIN_LENGTH - 1, len(token) - 3)]
            return any(h.startswith(stem) for h in held if h.isascii())
        return False

    def weigh(self, terms: QueryTerms) -> dict[str, float]:
        """Each query token's weight: its idf (the highest for unknown words), seams discounted,
        and nothing for an unknown hyphenated word whose parts are in the query too."""
        known = {t for t in terms.tokens if t in self._slots} | set(terms.glue)
        weights = {}
        for token in terms.tokens:
            weight = self.token_weight(token)
            if token not in self._slots:
                if self.is_seam(token, known):
                    weight *= SEAM_WEIGHT
                elif is_manner_adverb(token):
                    # "where is the DT Lab physically based": how, not what, unless the
                    # documents use its adjective ("nationally owned": national)
                    adjective = token[:-2]
                    weight = self.token_weight(adjective) if self.has_token(adjective) else 0.0
                elif "-" in token and all(
                    p.isalpha() and stem(p) in terms.tokens
                    for p in token.split("-")
                    if len(p) > 1 and p not in EN_STOPWORDS and p not in LIGHT_SUFFIXES
                ):
                    weight = 0.0  # "cross-sector"; but "wtdc-26" names something unknown
            weights[token] = weight
        return weights

    def _weighted_terms(self, terms: QueryTerms) -> tuple[list[list[_Reading]], float]:
        """For each query token the ways the index can read it, and the query's total weight.

        A reading is a list of (indexed token, weight): the token itself or a spelling of it,
        or the tokens of a synonym sharing its weight. An entry gets the best reading's credit.
        """
        readings: list[list[_Reading]] = []
        total = 0.0
        for token, weight in self.weigh(terms).items():
            total += weight
            ways: list[_Reading] = []
            found = self.resolve(token)
            if found is not None:
                ways.append([(found[0], weight * found[1])])
            if found is not None and found[1] == DERIVATION_SIMILARITY:
                # every word of the family may be the one meant: "satisfied" is satisfaction
                # in a KPI and satisfying in a fact
                ways += [
                    [(word, weight * similarity)]
                    for word, similarity in self.spellings(token)
                    if similarity == DERIVATION_SIMILARITY and word != found[0]
                ]
            synonyms, similarity = self._synonyms_of(token, found)
            for tokens in synonyms:
                if all(t in self._slots for t in tokens):
                    part = weight * similarity * SYNONYM_SIMILARITY / len(tokens)
                    ways.append([(t, part) for t in tokens])
            if ways:
                readings.append(ways)
        return readings, total

    def find_mentions(self, tokens: Iterable[str], kinds: Iterable[str]) -> list[Mention]:
        """Entries of the given kinds whose name or alias the tokens mostly contain."""
        wanted = set(kinds)
        query = list(dict.fromkeys(tokens))
        # Indexed word → (query token, similarity): exact words, abbreviations, misspellings.
        stands_for: dict[str, tuple[str, float]] = {}
        for token in query:
            if token in self._slots:
                stands_for[token] = (token, 1.0)
            for word, similarity in self.spellings(token) if token not in self._slots else []:
                stands_for.setdefault(word, (token, similarity))
        for token in query:
            # a one-word synonym ("cheap" for affordable), after every word as itself
            synonyms, similarity = self._synonyms_of(token, self.resolve(token))
            for words in synonyms:
                if len(words) == 1 and next(iter(words)) in self._slots:
                    stands_for.setdefault(
                        next(iter(words)), (token, similarity * SYNONYM_SIMILARITY)
                    )
        mask = self._mask(wanted)
        candidates: set[int] = set()
        for word in stands_for:
            ids, _ = self._posting(word)
            candidates.update(ids[mask[ids]].tolist())
        mentions: list[Mention] = []
        for i in candidates:
            best: tuple[float, frozenset[str]] = (0.0, frozenset())
            for key_tokens in self._key_tokens(i):
                weight = sum(self._idf.get(t, 0.0) for t in key_tokens)
                if weight <= 0:
                    continue
                matched = {t: self._match_key_token(t, query, stands_for) for t in key_tokens}
                hits = {t: m for t, m in matched.items() if m is not None}
                share = sum(self._idf.get(t, 0.0) * m[1] for t, m in hits.items()) / weight
                explained = frozenset(m[0] for m in hits.values())
                # Of the names the query holds enough of, the one explaining most of it.
                passes, best_passes = share >= MENTION_MIN_SHARE, best[0] >= MENTION_MIN_SHARE
                if (passes, len(explained) if passes else 0, share) > (
                    best_passes,
                    len(best[1]) if best_passes else 0,
                    best[0],
                ):
                    best = (share, explained)
            if best[0] >= MENTION_MIN_SHARE:
                mentions.append(Mention(self.entries[i], round(min(best[0], 1.0), 4), best[1]))
        mentions.sort(key=lambda m: (-len(m.explained), -m.share, m.entry.ref))
        return mentions

    @staticmethod
    def _match_key_token(
        key_token: str, query: Sequence[str], stands_for: dict[str, tuple[str, float]]
    ) -> tuple[str, float] | None:
        """The query token matching a word of a name: the same word, a spelling of it, or
        one word beginning the other (environment / environmental)."""
        if key_token in stands_for:
            return stands_for[key_token]
        if len(key_token) < STEM_MATCH_MIN_LENGTH or not key_token.isascii():
            return None
        for token in query:
            if (
                len(token) >= STEM_MATCH_MIN_LENGTH
                and token.isascii()
                and (
                    key_token.startswith(token)
                    or token.startswith(key_token)
                    # one family: "connection" / connectivity
                    or key_token[:FAMILY_PREFIX_LENGTH] == token[:FAMILY_PREFIX_LENGTH]
                )
            ):
                return token, ABBREVIATION_SIMILARITY
        return None

    def _mask(self, kinds: Iterable[str]) -> np.ndarray:
        mask = np.zeros(len(self.entries), dtype=bool)
        for kind in kinds:
            if kind in self._kind_masks:
                mask |= self._kind_masks[kind]
        return mask

    def search(
        self,
        terms: QueryTerms,
        *,
        kinds: Iterable[str] | None = None,
        limit: int = 5,
        source: frozenset[str] = frozenset(),
    ) -> list[Hit]:
        """The best `limit` entries for the query terms; `source`: the query's words that name
        the document the answer stands in (every record of that document holds them)."""
        readings, total = self._weighted_terms(terms)
        if not readings or total <= 0 or not self.entries:
            return []
        scores = np.zeros(len(self.entries), dtype=np.float32)
        for ways in readings:
            if len(ways) == 1 and len(ways[0]) == 1:
                token, weight = ways[0][0]
                ids, values = self._posting(token)
                scores[ids] += values * weight
                continue
            best = np.zeros(len(self.entries), dtype=np.float32)
            for reading in ways:
                credit = np.zeros(len(self.entries), dtype=np.float32)
                for token, weight in reading:
                    ids, values = self._posting(token)
                    credit[ids] += values * weight
                np.maximum(best, credit, out=best)
            scores += best
        if kinds is not None:
            scores[~self._mask(kinds)] = 0.0
        count = min(CONTEXT_CANDIDATES, int(np.count_nonzero(scores)))
        if count == 0:
            return []
        top = np.argpartition(-scores, count - 1)[:count]
        # The best candidates by their own words, then credited with their documents' words
        # (on the candidates only: a document's title is shared by thousands of records).
        ranked = scores[top] + self._context_credit(readings, top, source)
        order = np.argsort(-ranked, kind="stable")[:RERANK_CANDIDATES]
        top = top[order]
        coverages = np.minimum(1.0, ranked[order] / total)
        hits: list[Hit] = []
        # Candidates come in falling coverage; once even a perfect similarity could not lift
        # the next one above the current `limit`-th hit, the rest cannot either.
        for start in range(0, len(top), RERANK_BATCH):
            floor = (
                sorted((h.score for h in hits), reverse=True)[limit - 1]
                if len(hits) >= limit
                else 0.0
            )
            # (rounded as the scores are: a candidate whose best score ties the floor once
            # rounded may still win on closeness, and is never cut for a float's last bit)
            if round(COVERAGE_SHARE * float(coverages[start]) + (1 - COVERAGE_SHARE), 4) < floor:
                break
            batch = top[start : start + RERANK_BATCH]
            keys = [key for i in batch for key in self._keys[i]]
            starts = np.cumsum([0] + [len(self._keys[i]) for i in batch])[:-1]
            similarity = np.maximum.reduceat(
                process.cdist([terms.text], keys, scorer=fuzz.partial_ratio, dtype=np.float32)[0],
                starts,
            )
            for n, i in enumerate(batch):
                coverage = float(coverages[start + n])
                score = (
                    COVERAGE_SHARE * coverage + (1 - COVERAGE_SHARE) * float(similarity[n]) / 100
                )
                closeness = max(fuzz.ratio(terms.text, key) for key in self._keys[i])
                hits.append(Hit(self.entries[i], round(score, 4), round(coverage, 4), closeness))
        hits.sort(key=lambda h: (-h.score, -h.coverage, -h.closeness, h.entry.kind, h.entry.ref))
        return hits[:limit]


# A Chinese name of at least this many characters is recognised with one character wrong
# ("网落安全" for 网络安全), when no other name is as close and the wrong character makes
# words the store never uses.
NAME_TYPO_MIN_LENGTH = 3
# A wrong first or last character needs this many right ones beside it: two right ones are
# only a word followed (or preceded) by another word's character.
NAME_TYPO_EDGE_MIN_RIGHT = 3
_HAN_NAME = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+")


# The question words typos most often hit; a word the index does not know that is one edit
# (a transposition counts as one) from exactly one of them is that word: "wich", "mny", "wat".
QUESTION_WORDS = (
    "which",
    "what",
    "whats",
    "how",
    "many",
    "much",
    "where",
    "when",
    "who",
    "stand",
    "mean",
    "responsible",  # "who is responsable for …": who does it
)
_LATIN_WORD = re.compile(r"[a-z]{3,}")


@lru_cache(maxsize=4096)  # a word is checked against every candidate record of a question
def _closest_word(token: str, words: tuple[str, ...]) -> tuple[str, float] | None:
    """The word of `words` that `token` misspells by one edit, with its similarity (0–1)."""
    close = process.extractOne(token, words, scorer=fuzz.ratio, score_cutoff=TYPO_MIN_SIMILARITY)
    if close is None or OSA.distance(token, close[0]) > 1:
        return None
    return close[0], close[1] / 100.0


def _follows(text: str, token: str) -> bool:
    """Whether Chinese character pair `token` continues `text` in the question (their
    characters overlap by one)."""
    return len(token) == 2 and is_chinese(token) and is_chinese(text[-1]) and text[-1] == token[0]


def correct_question_word_typos(text: str, is_known: Callable[[str], bool]) -> str:
    """`text` (normalised) with misspelt question words written right."""

    def fix(match: re.Match[str]) -> str:
        word = match.group()
        if word in EN_STOPWORDS or is_known(word):
            return word  # "were" is no "where", "money" no "many"
        near = [w for w in QUESTION_WORDS if w[0] == word[0] and OSA.distance(word, w) == 1]
        return near[0] if len(near) == 1 else word

    return _LATIN_WORD.sub(fix, text)


# Characters of questions' glue, which the documents may never write ("哪个", "什么"): never
# a misspelt character of a word.
_QUESTION_GLUE = frozenset("哪什怎谁几么啥吗呢吧嘛呀啊哦")


def is_glue(character: str) -> bool:
    """Whether a Chinese character is glue of a question (a question word, a particle, a
    measure word or preposition): never taken for a misspelt character of a word."""
    return character in _QUESTION_GLUE or character in ZH_PARTICLES or character in LONE_GLUE


def _may_be_misspelt(character: str, is_used: Callable[[str], bool]) -> bool:
    return not (is_used(character) or is_glue(character))


def correct_word_typos(text: str, words: Iterable[str], is_used: Callable[[str], bool]) -> str:
    """`text` with each pair of Chinese characters that is one of `words` (two characters)
    with one character the documents never use (`is_used` says which they do) written as
    that word: "预箅" is 预算 (箅 appears nowhere). A wrong character the documents use
    ("预苏", "经废") is left: it may be another word, and is asked as written."""
    pairs = [w for w in words if len(w) == 2 and _HAN_NAME.fullmatch(w)]
    if not pairs:
        return text
    chars = list(text)
    for i in range(len(chars) - 1):
        window = chars[i] + chars[i + 1]
        if not _HAN_NAME.fullmatch(window) or window in pairs:
            continue
        fixes = {
            w
            for w in pairs
            if sum(a != b for a, b in zip(window, w, strict=True)) == 1
            and _may_be_misspelt(next(a for a, b in zip(window, w, strict=True) if a != b), is_used)
        }
        if len(fixes) == 1:
            chars[i : i + 2] = list(fixes.pop())
    return "".join(chars)


class NearNames:
    """Chinese names, found by a window one character away from them: each name under every
    spelling with one character left out ("国际电?学院"), so that a question's windows are
    looked up, not compared with every name."""

    def __init__(self, names: Iterable[str], min_length: int) -> None:
        self._sizes: set[int] = set()
        self._keys: dict[str, set[str]] = defaultdict(set)
        for name in names:
            if len(name) < min_length or not _HAN_NAME.fullmatch(name):
                continue
            self._sizes.add(len(name))
            for k in range(len(name)):
                self._keys[name[:k] + "?" + name[k + 1 :]].add(name)

    def near(self, text: str) -> set[str]:
        """The names one character away from (or equal to) a window of the text."""
        found: set[str] = set()
        for run in _HAN_NAME.finditer(text):
            chars = run.group()
            for size in self._sizes:
                for i in range(len(chars) - size + 1):
                    window = chars[i : i + size]
                    for k in range(size):
                        found |= self._keys.get(window[:k] + "?" + window[k + 1 :], set())
        return found


def correct_name_typos(
    text: str,
    names: Iterable[str],
    is_known: Callable[[str], bool],
    *,
    is_used: Callable[[str], bool] | None = None,
) -> str:
    """`text` with each run of Chinese characters that is one character away from exactly
    one of `names` (Chinese, normalised) written as that name. A run already holding a name
    is left as it is, and so is a wrong character that forms a word `is_known` knows (two
    characters with either neighbour): "能力发展" is a phrase, not a misspelt "能力开发". A
    wrong first or last character needs `NAME_TYPO_EDGE_MIN_RIGHT` right ones beside it."""
    long_names = sorted(
        {n for n in names if len(n) >= NAME_TYPO_MIN_LENGTH and _HAN_NAME.fullmatch(n)}
    )
    if not long_names:
        return text
    # Window (start, end) → the names one character away from it.
    near: dict[tuple[int, int], set[str]] = defaultdict(set)
    exact: list[tuple[int, int]] = []
    for run in _HAN_NAME.finditer(text):
        chars = run.group()
        for name in long_names:
            size = len(name)
            for i in range(len(chars) - size + 1):
                window = chars[i : i + size]
                start = run.start() + i
                if window == name:
                    exact.append((start, start + size))
                    continue
                wrong = [k for k in range(size) if window[k] != name[k]]
                if len(wrong) != 1:
                    continue
                k = wrong[0]
                if is_used is not None and (
                    is_glue(window[k]) or (k in (0, size - 1) and is_used(window[k]))
                ):
                    # (given `is_used`, the documents' characters: glue is never misspelt,
                    # "这个问题" is no "三个问题"; nor a first or last character the documents
                    # write, "2021年秘书处" no "总秘书处")
                    continue
                if k in (0, size - 1) and size - 1 < NAME_TYPO_EDGE_MIN_RIGHT:
                    continue  # "数字是": a word and the next one's first character
                left = chars[i + k - 1 : i + k + 1] if i + k > 0 else ""
                right = chars[i + k : i + k + 2] if i + k + 1 < len(chars) else ""
                if any(w and is_known(w) for w in (left, right)):
                    continue
                near[(start, start + size)].add(name)
    chosen = [
        (span, next(iter(found)))
        for span, found in near.items()
        if len(found) == 1 and not any(s < span[1] and span[0] < e for s, e in exact)
    ]
    # Two overlapping windows: neither is sure.
    sure = [
        (span, name)
        for span, name in chosen
        if not any(o != span and o[0] < span[1] and span[0] < o[1] for o, _ in chosen)
    ]
    for (start, end), name in sorted(sure, reverse=True):
        if text[start:end] != name:
            text = text[:start] + name + text[end:]
    return text
