"""Understanding a question: its intent words, and the budget subjects it names."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field, replace

from knowledge.answering.answerability import read_asked_attribute, read_names
from knowledge.answering.entries import ENTITY_KINDS
from knowledge.answering.intents import LEXICON, Reading, is_intent_word, read_question
from knowledge.answering.matching import (
    QUESTION_WORDS,
    Mention,
    NearNames,
    QueryTerms,
    SearchIndex,
    correct_name_typos,
    correct_question_word_typos,
    correct_word_typos,
    to_query_terms,
)
from knowledge.answering.snapshot import Knowledge
from knowledge.answering.text import EN_STOPWORDS, SCOPE_SUFFIXES, latin_tokens, normalize, stem
from knowledge.answering.thresholds import INTENT_CONFIDENCE_FLOOR

# A small number of things written in figures before them: "the 3 pillars", "its 4 risks".
_COUNTED_IN_FIGURES = re.compile(
    r"(?P<lead>^|\b(?:the|its|their|these|those|all|main|key) )(?P<n>[2-9])(?= [a-z]+s\b)"
)
_SMALL_NUMBERS = ("", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine")


def with_counts_in_words(text: str) -> str:
    """A text with a small number of things written in words, as the records write it."""
    return _COUNTED_IN_FIGURES.sub(lambda m: m["lead"] + _SMALL_NUMBERS[int(m["n"])], text)


_ACRONYM = re.compile(r"\b[A-Z]{2,}\b")
# A table of the documents named in a question ("Table 1", "表1"), and as budget lines cite it
# in their section ("2.1, Table 1").
_TABLE_ASKED = re.compile(r"\btable\s*(\d+)\b|表\s*(\d+)")
_TABLE_CITED = re.compile(r"\btable\s*(\d+)\b", re.IGNORECASE)
# Words that only say where a budget figure stands when the budget lines are ranked ("which
# line in the budget table is the smallest", "the biggest slice of the money").
_RANKED_LINE_WORDS = frozenset(
    "line lines row rows item items entry entries table slice slices chunk portion piece".split()
)
# What a question may ask of a line's money (not "which priority covers …": whose theme;
# nor its KPIs or outputs, listed by theme)
_MEASURED_CONCEPTS = ("budget", "share", "max", "min", "rank", "difference", "sum", "whole")
# Two words of a line's name are one where they share this many first letters ("regulation",
# "regulatory").
SAME_WORD_PREFIX = 6
# A line or row of a table, ranked: "the smallest line in the OP-23 table".
_LINE_OF_A_TABLE = re.compile(
    r"\b(?:line|row|item|entry)s?\b[^?？]*\btable\b|\btable\b[^?？]*\b(?:line|row|item|entry)s?\b"
)
# … not where the table is asked for, is another one, or its rows are counted ("which table
# has the most rows", "the themes table", "the row with the most themes").
_NOT_THE_BUDGET_TABLE = re.compile(
    r"\bwhich table\b|\bthemes? table\b|\bmost (?:rows|lines|items|entries|themes)\b"
)
# The verbs of getting money ("哪个分到的钱最少", "分了多少钱"): what a budget line does
_RANKED_LINE_VERBS_ZH = re.compile(
    r"(?:被)?(?:分到|分得|分配到|拿到|拿了|领到|获得|得到|分了)(?:的)?"
)
_STRUCTURED_CONCEPTS = (
    "budget",
    "share",
    "kpi",
    "outcome",
    "output",
    "risk",
    "mitigation",
    "overview",
    "sum",
    "difference",
    "max",
    "min",
    "rank",
    "class_theme",
)


# A line's name counts as named in full from this share of it on.
FULL_NAME_SHARE = 0.99
# A line named as the scope of what follows: "within the … priority", "under P4", "P4下面".
_WITHIN = re.compile(r"\b(?:within|inside|under|in) (?:the )?|(?:下面|之下|里面|当中|中的)")


# What a line is meant to bring about, asked: its outcome.
_DELIVER_ASKED = re.compile(r"\b(?:supposed|expected|meant|aims?|intended) to deliver\b")


def list_glosses(normalized: str, codes: Sequence[str]) -> list[str]:
    """What a question says right after a code it names, in brackets or after a dash or a
    colon: the line's name, glossed ("E5 (HR and organizational innovation)", "E5 - HR and
    organisational innovation?", "P2（数字化转型）")."""
    glosses: list[str] = []
    for code in codes:
        pattern = (
            rf"(?<![a-z0-9-]){re.escape(code.lower())}\s*"
            r"(?:[（(]([^()（）]+)[)）]|\s[-–—:：]\s*((?:(?!\s[-–—]\s)[^?？.,;，。；()（）])+))"
        )
        glosses += [g[1] or g[2] for g in re.finditer(pattern, normalized)]
    return glosses


@dataclass(frozen=True)
class Target:
    """A budget subject (priority, enabler or theme) the question names."""

    code: str
    ambiguous: bool = False


@dataclass
class Question:
    """A question as the engine understood it."""

    text: str
    normalized: str
    lang: str
    reading: Reading
    acronyms: list[str] = field(default_factory=list)
    terms: QueryTerms = field(default_factory=lambda: QueryTerms((), ""))
    targets: list[Target] = field(default_factory=list)
    explained: float = 0.0
    # The words that named the targets ("policy", "regulation" for P3-PR)
    named_tokens: frozenset[str] = frozenset()

    @property
    def content(self) -> list[str]:
        """The words left to name records once intent words, codes and the year are read."""
        return list(self.terms.tokens)

    @property
    def has_intent(self) -> bool:
        return self.reading.has(*_STRUCTURED_CONCEPTS)

    @property
    def confidence(self) -> float:
        if self.has_intent:
            return INTENT_CONFIDENCE_FLOOR + (1 - INTENT_CONFIDENCE_FLOOR) * self.explained
        return self.explained


# A name of several words in quotes: double or CJK quotes, or single quotes that open after
# a space (not the apostrophe of "what's").
_QUOTED_NAME = re.compile(
    r"[\"“「『]([^\"”」』]{8,160})[\"”」』]|(?:(?<=\s)|^)[‘']([^'’]{8,160})['’](?![a-z])"
)


def _compound_parts(tokens: Sequence[str]) -> list[set[str]]:
    """The parts of each hyphenated word among the tokens, as the tokens they are read as
    ("digital-skill": digital, skill); a part that only scopes the other is none of them
    ("environment-related": environment)."""
    return [
        {stem(p) for p in token.split("-") if p and p not in EN_STOPWORDS | SCOPE_SUFFIXES}
        for token in tokens
        if "-" in token and token.replace("-", "").isalpha()
    ]


def _scoping_parts(tokens: Sequence[str]) -> set[str]:
    """The parts of the hyphenated words among the tokens that only scope the other part
    ("innovation-driven": driven)."""
    return {
        stem(p)
        for token in tokens
        if "-" in token
        for n, p in enumerate(token.split("-"))
        if n and p in SCOPE_SUFFIXES
    }


# Words a budget line's name is asked with that are no part of a name of something else.
_LINE_WORDS = frozenset(
    {"priority", "theme", "enabler", "budget", "line", "area", "pillar", "the", "itu", "bdt"}
)


# A record's name shorter than this is too like everyday words to be told misspelt.
RECORD_NAME_MIN_LENGTH = 4


class QuestionReader:
    """Reads questions against one revision of the knowledge and its index."""

    def __init__(self, knowledge: Knowledge, index: SearchIndex) -> None:
        self.knowledge = knowledge
        self.index = index
        subjects = {*knowledge.priorities, *knowledge.themes}
        self.chinese_names = {
            normalize(name)
            for name in (
                *(p.name_zh for p in knowledge.priorities.values()),
                *(t.name_zh for t in knowledge.themes.values()),
                *(a.alias for a in knowledge.aliases if a.target_code in subjects),
            )
        }
        # The names the records are known by (their Chinese keywords of four characters or
        # more: "国际电联学院", "学习实验室"), for telling a misspelt one.
        self._record_names = NearNames(
            (normalize(w) for f in knowledge.facts for w in f.keywords_zh), RECORD_NAME_MIN_LENGTH
        )
        # The lexicon's two-character words the documents use, for telling a misspelt one.
        self._lexicon_words = frozenset(
            p
            for concept in LEXICON.values()
            for p in concept[2]
            if len(p) == 2 and index.has_token(p)
        )
        self.budget_tables = {
            match[1]
            for lines in knowledge.budget.values()
            for line in lines
            for match in _TABLE_CITED.finditer(line.section)
        }

    def _correct_attribute(self, normalized: str) -> str:
        """The attribute a Chinese question asks ("P4的预箅是多少") written as the lexicon's
        word it misspells with a character the documents never use; only a word of two
        characters asked as the attribute ("停车费", "的钱" are other things)."""
        attribute = read_asked_attribute(normalized)
        if attribute is None or len(attribute) != 2:
            return normalized
        fixed = correct_word_typos(attribute, self._lexicon_words, self.index.has_character)
        return normalized.replace(attribute, fixed, 1) if fixed != attribute else normalized

    def read(self, text: str, lang: str) -> Question:
        normalized = correct_name_typos(normalize(text), self.chinese_names, self.index.has_token)
        # ("国际电连学院": the academy; not "这个问题", a misspelt "三个问题")
        # (never into a name holding a word the intents read: "国际电联打算" is no misspelt
        # "国际电联预算")
        near = {
            n
            for n in self._record_names.near(normalized)
            if n in normalized or not any(w in n for w in self._lexicon_words)
        }
        if any(n not in normalized for n in near):  # (names written right block nothing new)
            normalized = correct_name_typos(
                normalized, near, self.index.has_token, is_used=self.index.has_character
            )
        normalized = correct_question_word_typos(normalized, self._knows)
        normalized = self._correct_attribute(normalized)
        reading = read_question(normalized, self.index.has_token)
        q = Question(text, normalized, lang, reading)
        # "WHO" is a stopword in lower case; an upper-case word left in the residue names a body.
        left = set(latin_tokens(reading.residue, keep_stopwords=True))
        # A question typed in capitals has no acronyms to tell apart.
        shouted = not any(ch.islower() for ch in text)
        q.acronyms = (
            []
            if shouted
            else [
                a.lower()
                for a in _ACRONYM.findall(text)
                # (not one an intent reads: "KPI's" is the KPIs asked about)
                if a.lower() in left and a.lower() not in reading.consumed_tokens
            ]
        )
        dropped = set(reading.consumed_tokens)
        tables = [m[1] or m[2] for m in _TABLE_ASKED.finditer(normalized)]
        if tables and set(tables) <= self.budget_tables:
            # "Which line of Table 1 is smallest", "表1里预算最少的是哪一项": the budget table
            # is the budget, not words to find in a record.
            dropped |= {"table", "line", *tables}
            reading.concepts.add("budget")
        if (
            reading.has("max", "min", "rank")
            and not reading.has(
                "budget", "kpi", "output", "outcome", "risk", "count", "class_theme"
            )
            and _LINE_OF_A_TABLE.search(normalized)
            and not _NOT_THE_BUDGET_TABLE.search(normalized)
        ):
            # "smallest line in the OP-23 table + its %?": the lines of the plan's table are
            # its budget lines (not the note on what P and E mean)
            reading.concepts.add("budget")
        residue = reading.residue
        if reading.has("budget") and reading.has("max", "min", "rank"):
            dropped |= _RANKED_LINE_WORDS
        if reading.has("budget") and not reading.has("kpi", "output", "outcome"):
            # "推动因素里面哪个分到的钱最少", "P5/E6/E7分了多少钱": getting money is what a
            # budget line does (not a KPI or an output: "哪个KPI分到的钱最多" ranks nothing
            # the documents give)
            residue = _RANKED_LINE_VERBS_ZH.sub(" ", residue)
        # "the 3 pillars": a number of things, as the records write it ("the three pillars"),
        # not a name's number ("Pillar 3")
        residue = with_counts_in_words(residue)
        terms = self.index.join_compounds(to_query_terms(residue, drop=dropped))
        q.terms = replace(terms, tokens=tuple(dict.fromkeys([*terms.tokens, *q.acronyms])))
        q.targets, q.explained, q.named_tokens = self._targets(q)
        if q.targets and _DELIVER_ASKED.search(normalized):
            # "what result is the environment enabler (E4) supposed to deliver": a line's
            # outcome (not of a programme: "what is the ATC programme supposed to deliver")
            reading.concepts.add("outcome")
        return q

    def correct_typos(self, normalized: str) -> str:
        """A normalised text with misspelt question words written right."""
        return correct_question_word_typos(normalized, self._knows)

    def _knows(self, word: str) -> bool:
        """Whether a word is one the knowledge or the intent words hold, as it is, as its stem
        or misspelt ("mony" is money, not many)."""
        return (
            self.index.has_token(word)
            or self.index.has_token(stem(word))
            # misspelt: "mony" is money; "stnad" is "stand", a question word itself
            or any(w not in QUESTION_WORDS for w, _ in self.index.spellings(word, 1))
            or is_intent_word(word)
        )

    def _targets(self, q: Question) -> tuple[list[Target], float, frozenset[str]]:
        """Budget subjects named by code or by name, the share of the question they explain,
        and the words that named them."""
        reading = q.reading
        coded = [c for c in (self.knowledge.resolve_priority_code(c) for c in reading.codes) if c]
        coded += [c for c in reading.theme_codes if c in self.knowledge.themes]
        coded = list(dict.fromkeys(coded))
        groups = self._mention_groups(self.index.find_mentions(q.content, ENTITY_KINDS))
        # a name quoted ("the 'Promoting and measuring universal and meaningful digital
        # connectivity' project") is the name of something, not the budget lines its words name
        quotes = [
            set(to_query_terms(pair[0] or pair[1]).tokens)
            for pair in _QUOTED_NAME.findall(q.normalized)
        ]
        # and so is a name of capitalised words with a word of its own ("the VaMoz Digital
        # project", "the Digital Transformation Centres Initiative"; not "the Digital
        # Transformation priority")
        capitalised = [
            set(to_query_terms(" ".join(name)).tokens) - _LINE_WORDS for name in read_names(q.text)
        ]
        groups = [
            g
            for g in groups
            if not any(
                g[0].explained and g[0].explained <= quote and len(quote - g[0].explained) >= 2
                for quote in quotes
            )
            and not any(
                g[0].explained and g[0].explained <= name and name - g[0].explained
                for name in capitalised
            )
            # nor is a part of a hyphenated word ("digital-skills" names no P2), nor the part
            # that only scopes it ("innovation-driven" names no E1, Member-driven)
            and not any(
                g[0].explained and g[0].explained < parts for parts in _compound_parts(q.content)
            )
            and not (g[0].explained and g[0].explained <= _scoping_parts(q.content))
        ]
        targets: list[Target] = []
        explained_tokens: set[str] = set()
        shares: dict[str, float] = {}  # how much of its name each line found by name is named
        naming: dict[str, frozenset[str]] = {}  # ... and by which of the question's words
        # The priorities named by code scope every name after them, also once a theme of
        # theirs has taken their place ("P3下面能力开发、政策和监管": P3's capacity development)
        scope = set(coded)
        glossed = self._glossed_tokens(q.normalized, reading.codes)
        # ("P3 (policy/reg environment)": P3's own name, glossed, names none of its themes;
        # "P3 (policy and regulation)", no more than its theme's name, is that theme)
        own_name = any(self._said_by_its_name(c, frozenset(glossed)) for c in scope)
        for group in groups:
            if (
                group[0].explained
                and group[0].explained <= glossed
                and (
                    (own_name and bool(glossed - group[0].explained))
                    or not any(
                        self.knowledge.get_theme_priority(m.entry.ref) in scope for m in group
                    )
                )
            ):
                # "E5 - HR and organisational innovation", "P2（数字化转型）": the coded line's
                # name, glossed; its words name no other line (P2's innovation ecosystems)
                explained_tokens |= group[0].explained
                continue
            inside = [m for m in group if self.knowledge.get_theme_priority(m.entry.ref) in scope]
            if coded and any(m.entry.ref in coded for m in group):
                explained_tokens |= group[0].explained  # the name of a priority also coded
                continue
            chosen = inside or ([] if coded and group[0].entry.kind == "priority" else group)
            if inside:
                coded = [
                    c
                    for c in coded
                    if c not in {self.knowledge.get_theme_priority(m.entry.ref) for m in inside}
                ]
            if not chosen:
                continue
            explained_tokens |= group[0].explained
            targets += [Target(m.entry.ref, ambiguous=len(chosen) > 1) for m in chosen]
            shares.update({m.entry.ref: m.share for m in chosen})
            naming.update({m.entry.ref: m.explained for m in chosen})
        if (
            reading.has("class_priority")
            and not reading.has("class_enabler")
            and not reading.has("class_theme")
            and reading.has(*_MEASURED_CONCEPTS)
        ):
            # "the policy/regulation priority's budget": the priority whose own name says it
            # (P3, enabling policy and regulatory environment), not its theme of that name
            # (but "which priority covers policy and regulation" asks whose theme it is)
            targets = [self._as_its_priority(t, naming.get(t.code, frozenset())) for t in targets]
        # A priority named by name beside themes of its own scopes them ("within affordable
        # connectivity, the gap between infrastructure and emergency telecoms")
        named_parents = {self.knowledge.get_theme_priority(t.code) for t in targets}
        if named_parents & {t.code for t in targets} and _WITHIN.search(q.normalized):
            # ... and what is compared within it is of it ("within the inclusive & secure
            # telecoms priority, the cyber side against the digital skills bit": no P2)
            # (a line named in full, or an enabler, is named on purpose: "within P4, the
            # cyber work against the digital transformation budget / the environment enabler")
            scoped = named_parents & {t.code for t in targets}
            targets = [
                t
                for t in targets
                if t.code in scoped
                or self.knowledge.get_theme_priority(t.code) in scoped
                or shares.get(t.code, 1.0) >= FULL_NAME_SHARE
                or self._line_kind(t.code) == "enabler"
            ]
        named_lines = named_parents & {t.code for t in targets}
        if any(
            t.ambiguous and self.knowledge.get_theme_priority(t.code) in named_lines
            for t in targets
        ):
            # "the regulatory-environment priority's capacity development piece": of the
            # themes of that name (P3's, P4's), the one of the priority named beside it
            targets = [
                replace(t, ambiguous=False)
                if t.ambiguous and self.knowledge.get_theme_priority(t.code) in named_lines
                else t
                for t in targets
                if not t.ambiguous or self.knowledge.get_theme_priority(t.code) in named_lines
            ]
        targets = [t for t in targets if t.code not in named_parents]
        # A line named by a word of its name and a class it is not of ("the innovation
        # enabler": P2's digital innovation ecosystems is a priority's theme) is not that line
        # — when a line of that class is called by the same word (E5's organizational
        # innovation; not "the environment priority": no priority's name says environment)
        asked = [c for c in ("priority", "enabler") if reading.has(f"class_{c}")]
        if len(asked) == 1:
            targets = [
                t
                for t in targets
                if self._line_kind(t.code) in (asked[0], None)
                or not self._class_names_any(asked[0], naming.get(t.code, frozenset()))
            ]
        targets = [Target(code) for code in coded] + targets
        code_weight = self.index.unknown_token_weight * len(reading.codes + reading.theme_codes)
        weights = self.index.weigh(q.terms)
        total = code_weight + sum(weights.values())
        explained = code_weight + sum(weights.get(t, 0.0) for t in explained_tokens)
        share = explained / total if total else 0.0
        found = list({t.code: t for t in targets}.values())
        return found, round(min(share, 1.0), 4), frozenset(explained_tokens)

    @staticmethod
    def _glossed_tokens(normalized: str, codes: Sequence[str]) -> set[str]:
        """The words of what a question says right after a code it names (`list_glosses`)."""
        return {
            t for gloss in list_glosses(normalized, codes) for t in to_query_terms(gloss).tokens
        }

    def _class_names_any(self, kind: str, tokens: frozenset[str]) -> bool:
        """Whether a line of a class (or a theme of one) is called by one of these words."""
        for code, line in self.knowledge.priorities.items():
            if line.kind != kind:
                continue
            names = [line.name_en] + [
                t.name_en for t in self.knowledge.themes.values() if t.code.startswith(code + "-")
            ]
            if any(set(to_query_terms(normalize(n)).tokens) & tokens for n in names):
                return True
        return False

    def _as_its_priority(self, target: Target, words: frozenset[str]) -> Target:
        """A priority's theme named by words its priority's own name says too, as that
        priority; any other line as it is."""
        parent = self.knowledge.get_theme_priority(target.code)
        line = self.knowledge.priorities.get(parent or "")
        if not words or line is None or line.kind != "priority" or parent == target.code:
            return target
        return Target(line.code) if self._said_by_its_name(line.code, words) else target

    def _said_by_its_name(self, code: str, words: frozenset[str]) -> bool:
        """Whether a budget line's own name says every one of these words (or a word of the
        same stem: "regulation" is said by "regulatory")."""
        line = self.knowledge.priorities.get(code)
        if not words or line is None:
            return False
        own = to_query_terms(normalize(line.name_en)).tokens
        return all(
            any(
                w == t or (len(w) >= SAME_WORD_PREFIX and t.startswith(w[:SAME_WORD_PREFIX]))
                for t in own
            )
            for w in words
        )

    def _line_kind(self, code: str) -> str | None:
        """Whether a budget line or theme is a priority's or an enabler's (None: neither)."""
        line = self.knowledge.priorities.get(code) or self.knowledge.priorities.get(
            self.knowledge.get_theme_priority(code) or ""
        )
        return line.kind if line is not None else None

    @staticmethod
    def _mention_groups(mentions: Sequence[Mention]) -> list[list[Mention]]:
        """Non-overlapping mentions, longest first; equal mentions of one name stay together."""
        groups: list[list[Mention]] = []
        covered: set[str] = set()
        for mention in mentions:
            same = next(
                (
                    g
                    for g in groups
                    if g[0].explained == mention.explained
                    and abs(g[0].share - mention.share) < 1e-6
                    and g[0].entry.kind == mention.entry.kind
                ),
                None,
            )
            if same is not None:
                same.append(mention)
                continue
            if len(mention.explained & covered) * 2 > len(mention.explained):
                continue
            groups.append([mention])
            covered |= mention.explained
        return groups
