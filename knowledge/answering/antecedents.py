"""The record a record refers back to: "which consultation did the definition of ITU as One
come out of?" is answered by a record that says only "emerged from the consultation"; the
record before it in the same section names it (the CWG-FHR online consultation of August to
September 2023)."""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from typing import Any

# "which consultation", "which group's consultation", "which two cyclones"
_WHICH_EN = re.compile(
    r"\bwhich\s+(?:[a-z-]+'s\s+)?(?:(?:one|two|three|four|five|\d)\s+)?([a-z][a-z-]{3,})\b"
)
# "哪次磋商", "哪两个气旋" (a measure word before the noun: never 哪里, 哪儿)
_WHICH_ZH = re.compile(
    r"哪[一两二三四五几]?(?:次|个|些|场|项|家|位|种|轮|届|份)([\u4e00-\u9fff]{2})"
)
# what "which" asks of that no record names otherwise (the lines and time have answers of
# their own)
_NOT_NOUNS = frozenset(
    "ones year years month months date dates priority priorities theme themes enabler "
    "enablers line lines kpis document documents section sections part parts".split()
)
# (lower-case words between: "the two tropical cyclones"; "the CIS region" names it)
_POINTING_BEFORE = re.compile(r"\b(?:the|this|that|these|those)\s+(?:[a-z0-9][\w-]*\s+){0,2}$")
# A name in an English title: an acronym, or a capitalised word after the first
_NAME = re.compile(r"\b[A-Z][A-Za-z]*(?:-[A-Z][A-Za-z]*)*\b")
_LOOK_BACK = 1  # records before the one found, in its section
# A name written by more than this share of the records ties no two records together
COMMON_NAME_SHARE = 0.1
# A number or a name right after a word: it names one ("the Study Group 1", "the Office of …")
_NAMED_AFTER = re.compile(r"[ \t]+(?:\d|[A-Z])")


def read_which_noun(normalized: str) -> str | None:
    """The noun a "which …" question asks to be named ("consultation", "磋商"), or None."""
    found = _WHICH_EN.search(normalized)
    if found is not None and found[1] not in _NOT_NOUNS:
        return found[1]
    found_zh = _WHICH_ZH.search(normalized)
    return found_zh[1] if found_zh is not None else None


def _stem(word: str) -> str:
    word = word.lower()
    if word.endswith("ies"):
        return word[:-3] + "y"
    if word.endswith("s") and not word.endswith("ss"):
        return word[:-1]
    return word


def _names(title: str) -> set[str]:
    words = _NAME.findall(title)
    first = re.match(r"\W*([A-Za-z][\w-]*)", title)
    opening = first[1] if first else ""
    return {w for w in words if w != opening or (len(w) > 1 and w.isupper())}


class Antecedents:
    """The facts of each document section, in the order the document gives them."""

    def __init__(self, facts: Iterable[Any]) -> None:
        self._sections: dict[tuple[str, str], list[Any]] = defaultdict(list)
        # how many records write each name: one that many write (ITU, BDT) ties no two
        # records together
        self._name_counts: Counter[str] = Counter()
        # each fact's place in the knowledge's order, the documents' own (a fact built in
        # memory, not yet stored, has no id to order by)
        self._order: dict[str, int] = {}
        for fact in facts:
            self._order[fact.key] = len(self._order)
            self._sections[(fact.doc, fact.section)].append(fact)
            self._name_counts.update(set(_NAME.findall(f"{fact.title_en} {fact.text_en}")))
        self._common = max(1, int(len(self._order) * COMMON_NAME_SHARE))

    def find(self, noun: str, fact: Any, asked: str) -> Any | None:
        """The record just before `fact` in its section, about the same named thing, that
        names the `noun` `fact` only points back to ("the consultation", "the two tropical
        cyclones"), with a name neither `fact` nor the question (`asked`) writes; None when
        there is none."""
        records: Sequence[Any] = self._sections.get((fact.doc, fact.section), [])
        english = noun.isascii()
        if not english and noun not in fact.text_zh:
            return None
        text_en = f"{fact.title_en}\n{fact.text_en}"
        # each word's stem, and whether every time it is said it points back ("the
        # consultation"; not "an online consultation … the consultation", nor "the Study
        # Group 1", a name)
        only_pointed: dict[str, bool] = {}
        for m in re.finditer(r"[\w-]+", text_en):
            stem = _stem(m[0])
            pointing = bool(_POINTING_BEFORE.search(text_en[: m.start()][-60:])) and not (
                _NAMED_AFTER.match(text_en, m.end())
            )
            only_pointed[stem] = only_pointed.get(stem, True) and pointing
        pointed = {stem for stem, only in only_pointed.items() if only and len(stem) > 3}
        if english and _stem(noun) not in pointed:
            return None  # not said, or said of one it names here
        known = set(_NAME.findall(text_en)) | set(_NAME.findall(asked))
        shared = {n for n in _NAME.findall(fact.title_en) if self._name_counts[n] <= self._common}
        at = self._order.get(fact.key)
        before = [r for r in records if at is not None and self._order[r.key] < at][-_LOOK_BACK:]
        for record in before:
            words = re.findall(r"[\w-]+", record.title_en)
            if english:
                if _stem(noun) not in {_stem(w) for w in words}:
                    continue
            elif noun not in record.title_zh:
                continue
            new = _names(record.title_en) - known
            # about the same named thing (Vanuatu; "ITU as One"), and the word pointed back
            # by, in English the noun asked, a common noun its title qualifies by a name
            # the found record does not write ("CWG-FHR online consultation", "cyclones
            # Judy and Kevin"; not the "Disaster" of the Disaster Connectivity Map)
            if not shared & set(_NAME.findall(record.title_en)) or not new:
                continue
            if any(
                _stem(word) in pointed
                and (not english or _stem(word) == _stem(noun))
                and word.islower()
                and any(w in new for w in words[max(0, n - 2) : n + 3])
                for n, word in enumerate(words)
            ):
                return record
        return None
