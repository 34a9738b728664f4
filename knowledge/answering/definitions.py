"""Acronyms and what they stand for, read from the knowledge's own texts when it is loaded:
"National Emergency Telecommunication Plan (NETP)", "非洲统一计算方法（HCM4A）". A question
asking what an acronym is or stands for is answered with its expansion and the record that
spells it out, not with a neighbouring record that merely mentions it.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from knowledge.answering.answer import Answer
from knowledge.answering.figures import to_source
from knowledge.answering.snapshot import Knowledge
from knowledge.store import models

# "(NETP)", "(ITU-D)", "(HCM4A)", "(CIRTs)": an acronym in brackets after what it abbreviates.
_EN_BRACKETED = re.compile(r"\(([A-Z][A-Za-z0-9&-]*[A-Z0-9])(s?)\)")
_ZH_BRACKETED = re.compile(r"（([A-Z][A-Za-z0-9&-]*[A-Z0-9])(s?)）")
# An English long form is looked for among at most this many words before the bracket.
EXTRA_WORDS = 4
# A Chinese long form: the run of Chinese characters before the bracket, inside 《》 or “”
# when it is quoted; a leading verb or preposition is not part of the name.
_ZH_RUN = re.compile(r"[\u4e00-\u9fffA-Za-z0-9]*[\u4e00-\u9fff]$")
_ZH_QUOTED = re.compile(r"[《“]([^《》“”]{2,40})[》”]$")
_ZH_LEADING = re.compile(
    r"^.*(?:关于|通过|建设|启动|聘请|制定|确保|包括|开展|参与|支持|加强|推动|利用|根据|作为|发布|成立"
    r"|设立|取代|了|与|向|请|以|在|将|对)"
)
# Characters that join a name to what comes before it, never begin one; a year before it.
_ZH_JOINERS = re.compile(r"^(?:\d+年|[是和及的届])+")
# A question asking what a term is or stands for; `t` is the term.
_EN_ASKS = (
    re.compile(
        r"\bwhat (?:does|do) (?:the )?(?:acronym |abbreviation |term )?(?P<t>[\w-]+) "
        r"(?:stand for|mean|refer to)\b"
    ),
    re.compile(
        r"\bwhat(?: is|'s| are) (?:the |an? )?(?:acronym |abbreviation |term )?(?P<t>[\w-]+)"
        r"(?: short for| an abbreviation for| an acronym for| stand for)?\s*\??\s*$"
    ),
    re.compile(r"\b(?:meaning|definition|full (?:name|form)|expansion) of (?:the )?(?P<t>[\w-]+)"),
    re.compile(r"\b(?:define|expand|spell out) (?:the )?(?:acronym )?(?P<t>[\w-]+)"),
    re.compile(r"\b(?P<t>[\w-]+) stands? for\b"),
)
_ZH_ASKS = (
    re.compile(
        r"(?P<t>[a-z][a-z0-9-]*)\s*(?:是什么|是指什么|指的是什么|指什么|代表什么|的全称|的全名|的意思"
        r"|是啥|是何|全称是|是哪个)"
    ),
    re.compile(r"什么(?:是|叫)\s*(?P<t>[a-z][a-z0-9-]*)"),
)
# A near miss ("NEPT" for "NETP") is taken for an acronym this long or longer with the same
# letters, when exactly one acronym has them.
TYPO_MIN_LENGTH = 4
DEFINED_CONFIDENCE = 0.9
TYPO_CONFIDENCE = 0.7


@dataclass
class Acronym:
    """An acronym, its long forms in English and Chinese, and the facts that spell it out."""

    short: str
    en: str = ""
    zh: str = ""
    fact_keys: list[str] = field(default_factory=list)


def find_long_form(short: str, before: str) -> str | None:
    """The words before a bracketed acronym that it abbreviates: each of its letters in order,
    the first one starting a word (digits may stand for words: "HCM4A"); None if none."""
    # The long form follows the last bracket or clause end: "(BEREC), the European …".
    before = re.split(r"[()（）;:.]", before)[-1]
    words = re.findall(r"[A-Za-z][\w'’-]*", before)
    letters = [c.lower() for c in short if c.isalpha()]
    window = " ".join(words[-(len(letters) + EXTRA_WORDS) :])
    s, i = len(letters) - 1, len(window) - 1
    while s >= 0:
        c = letters[s]
        while i >= 0 and (window[i].lower() != c or (s == 0 and i > 0 and window[i - 1].isalnum())):
            i -= 1
        if i < 0:
            return None
        i -= 1
        s -= 1
    start = window.rfind(" ", 0, i + 2) + 1
    long_form = window[start:].strip()
    if len(long_form.split()) < 2 or short.lower() in long_form.lower():
        return None
    return long_form


def find_zh_long_form(before: str) -> str | None:
    """The Chinese name before a bracketed acronym: quoted if it is, else the run of
    Chinese characters, without a leading verb or preposition."""
    quoted = _ZH_QUOTED.search(before)
    if quoted:
        return quoted[1]
    run = _ZH_RUN.search(before)
    if run is None:
        return None
    name = _ZH_JOINERS.sub("", _ZH_LEADING.sub("", run[0]))
    return name if len(name) >= 2 else None


def build_acronyms(knowledge: Knowledge) -> dict[str, Acronym]:
    """Every acronym the facts spell out, by its lower-case form; the long form written most
    often wins, and the shortest Chinese one."""
    english: dict[str, Counter[str]] = {}
    chinese: dict[str, list[str]] = {}
    found: dict[str, Acronym] = {}
    for fact in knowledge.facts:
        for text in (fact.title_en, fact.text_en):
            for match in _EN_BRACKETED.finditer(text):
                short = match[1]
                long_form = find_long_form(short, text[: match.start()])
                if long_form is None:
                    continue
                english.setdefault(short, Counter())[long_form] += 1
                acronym = found.setdefault(short.lower(), Acronym(short))
                if fact.key not in acronym.fact_keys:
                    acronym.fact_keys.append(fact.key)
        for text in (fact.title_zh, fact.text_zh):
            for match in _ZH_BRACKETED.finditer(text):
                name = find_zh_long_form(text[: match.start()])
                if name:
                    chinese.setdefault(match[1], []).append(name)
                    acronym = found.setdefault(match[1].lower(), Acronym(match[1]))
                    if fact.key not in acronym.fact_keys:
                        acronym.fact_keys.append(fact.key)
    for acronym in found.values():
        if acronym.short in english:
            acronym.en = english[acronym.short].most_common(1)[0][0]
        names = chinese.get(acronym.short, [])
        acronym.zh = min(names, key=len) if names else ""
    return found


def read_asked_term(normalized: str, lang: str) -> str | None:
    """The term a "what is X / what does X stand for / X是什么" question asks about."""
    for pattern in _ZH_ASKS if lang == "zh" else _EN_ASKS:
        match = pattern.search(normalized)
        if match:
            return match["t"]
    return None


class Glossary:
    """The acronyms of one revision of the knowledge, and the answers they give."""

    def __init__(self, knowledge: Knowledge) -> None:
        self.knowledge = knowledge
        self.acronyms = build_acronyms(knowledge)
        self._facts = {f.key: f for f in knowledge.facts}

    def lookup(self, term: str) -> tuple[Acronym, bool] | None:
        """The acronym a term names, and whether it was taken for a near miss."""
        key = term.lower()
        if key in self.acronyms:
            return self.acronyms[key], False
        if key.endswith("s") and key[:-1] in self.acronyms:
            return self.acronyms[key[:-1]], False
        if len(key) < TYPO_MIN_LENGTH:
            return None
        alike = [a for k, a in self.acronyms.items() if sorted(k) == sorted(key)]
        return (alike[0], True) if len(alike) == 1 else None

    def _defining_fact(self, acronym: Acronym) -> models.Fact:
        """The fact that spells the acronym out best: a definition, or one that names it in
        its title, before one that mentions it in passing."""
        facts = [self._facts[k] for k in acronym.fact_keys]

        def rank(fact: models.Fact) -> tuple[int, int, int]:
            return (
                fact.kind != "definition",
                acronym.short not in fact.title_en,
                not fact.text_en.startswith(acronym.en),
            )

        return min(facts, key=rank)

    def answer(self, normalized: str, lang: str) -> Answer | None:
        term = read_asked_term(normalized, lang)
        found = self.lookup(term) if term else None
        if found is None:
            return None
        acronym, typo = found
        fact = self._defining_fact(acronym)
        parts: dict[str, Any] = {"acronym": acronym, "fact": fact, "asked": term, "typo": typo}
        source = to_source(self.knowledge, fact.doc, fact.section)
        confidence = TYPO_CONFIDENCE if typo else DEFINED_CONFIDENCE
        return Answer("definition", lang, True, confidence, "definition", parts, [source])
