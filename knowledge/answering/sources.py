"""Where a question says its answer stands: "according to the Council 2023 vision document",
"in the C23/36 document on turning the vision into action", "「國際電聯是一家」報告裡提到的".

Those words name a document, not what is asked: searched for, they weigh as much as the
question's own words and find records about the document (its purpose, its references). Read
here, they are set aside and the search keeps to the records of the documents they name.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass

from knowledge.answering.matching import to_query_terms
from knowledge.answering.text import normalize

# Words that say a document is meant ("the … report"), whatever its name.
_DOC_NOUNS_EN = frozenset("document documents doc report paper papers submission".split())
# Words after a document noun that go on with its name: "the document on turning …".
_NAME_GOES_ON_EN = frozenset("on about for of into".split())
_DOC_NOUNS_ZH = ("号文件", "文件", "报告", "文档")
# Words that may stand inside a document's name as staff write it: "the paper on …".
_GLUE_EN = frozenset("the a an on of for about into to and its".split())
# Words that say a document is where the answer stands: taken with its name, and no further
# ("according to the … document", "does the C23/36 paper say …").
_SOURCE_EN = frozenset(
    "according mentioned stated described said says say written cited listed in from per by "
    "this that".split()
)
# Words before a document's name that ask for the document itself: "which Council document …".
_ASKS_FOR_IT_EN = frozenset("which what".split())
_WORD = re.compile(r"[a-z0-9][a-z0-9/._-]*")
# What may follow a Chinese document noun: "报告里提到的", "文件中所说的".
_TAIL_ZH = re.compile(
    r"(?:里|中|内)(?:提到|说|所说|所述|写|指出|提出|讲)?的?|(?:提到|说|所说|所述|写|指出|提出|讲)的?"
)
_QUOTES = frozenset("“”「」《》\"'")
_LETTER = re.compile(r"[a-z]")
_DIGIT = re.compile(r"\d")
_HAN_PAIR = re.compile(r"[\u4e00-\u9fff]{2}")


@dataclass(frozen=True)
class SourceNamed:
    """The documents a question names as its source, and the words that name them."""

    docs: frozenset[str]
    tokens: frozenset[str]


def source_tokens(source: SourceNamed | None) -> frozenset[str]:
    return source.tokens if source is not None else frozenset()


# A period in a title ("the 2024-2027 Strategic Plan"): what the document is about, not a year
# that names it ("the Council 2024 report" is not C23/36, which looks ahead to 2024-2027).
_PERIOD_IN_TITLE = re.compile(r"(?<!\d)(?:19|20)\d\d\s*[-–]\s*(?:19|20)?\d\d(?!\d)")


def to_doc_tokens(names: Mapping[str, tuple[str, ...]]) -> dict[str, frozenset[str]]:
    """Each document's search tokens, from its names (symbol, titles), periods aside; a
    Council session's document is named by the session written short too ("the C24
    report": Council 2024's)."""
    return {
        code: frozenset(
            [
                *(
                    t
                    for text in texts
                    for t in to_query_terms(_PERIOD_IN_TITLE.sub(" ", normalize(text))).tokens
                ),
                *(f"c{m[1]}" for text in texts for m in _COUNCIL_YEAR.finditer(normalize(text))),
            ]
        )
        for code, texts in names.items()
    }


# A Council session in a document's name: "Council 2024", "理事会2024年会议".
_COUNCIL_YEAR = re.compile(r"(?:council |理事会)20(\d\d)(?!\d)")


def read_source_named(
    normalized: str, doc_tokens: Mapping[str, frozenset[str]]
) -> SourceNamed | None:
    """The documents a question names as where its answer stands, when its words name fewer
    than all of them; None when it names none."""
    everyone = frozenset(doc_tokens)
    found_docs: set[str] = set()
    found_tokens: set[str] = set()
    for docs, tokens in (
        *_english_spans(normalized, doc_tokens),
        *_chinese_spans(normalized, doc_tokens),
    ):
        if docs and docs != everyone:
            found_docs |= docs
            found_tokens |= tokens
    if not found_docs:
        return None
    return SourceNamed(frozenset(found_docs), frozenset(found_tokens))


def _naming(token: str, doc_tokens: Mapping[str, frozenset[str]]) -> frozenset[str]:
    return frozenset(code for code, tokens in doc_tokens.items() if token in tokens)


def _english_spans(
    normalized: str, doc_tokens: Mapping[str, frozenset[str]]
) -> list[tuple[frozenset[str], frozenset[str]]]:
    """Each run of words around a document noun ("report") or a document's symbol ("c23/36")
    whose other words name the same document(s): the documents named and the run's tokens."""
    words = [w.group() for w in _WORD.finditer(normalized)]
    spans: list[tuple[frozenset[str], frozenset[str]]] = []
    for at, word in enumerate(words):
        symbol_docs = _symbol_docs(word, doc_tokens)
        if word not in _DOC_NOUNS_EN and not symbol_docs:
            continue
        docs = symbol_docs or frozenset(doc_tokens)
        named = set(to_query_terms(word).tokens)
        asks_for_it = False
        for step in (-1, 1):  # leftwards, then rightwards
            k = at + step
            goes_on = step < 0 or (k < len(words) and words[k] in _NAME_GOES_ON_EN)
            while 0 <= k < len(words):
                parts = to_query_terms(words[k]).tokens
                if step < 0 and words[k] in _ASKS_FOR_IT_EN:
                    asks_for_it = True
                    break
                if words[k] in _SOURCE_EN:
                    named.update(parts)
                    break
                if not goes_on:
                    break
                if words[k] in _GLUE_EN or not parts:
                    k += step
                    continue
                # "vision-to-action": its parts that name a document narrow the search
                naming = [p for p in parts if _naming(p, doc_tokens)]
                narrowed = docs
                for part in naming:
                    narrowed &= _naming(part, doc_tokens)
                if not naming or not narrowed:
                    break
                docs = narrowed
                named.update(parts)
                k += step
        if asks_for_it:
            continue  # "which Council 2024 document showcases …": the document is asked
        spans.append((docs, frozenset(named)))
    return spans


def _symbol_docs(word: str, doc_tokens: Mapping[str, frozenset[str]]) -> frozenset[str]:
    """The documents whose symbol this word is ("c23/36", "tdag-23"): each of its tokens is
    one of theirs, one with a letter and a digit."""
    if not (_LETTER.search(word) and _DIGIT.search(word)):
        return frozenset()
    tokens = to_query_terms(word).tokens
    if not any(_LETTER.search(t) and _DIGIT.search(t) for t in tokens):
        return frozenset()
    docs = frozenset(doc_tokens)
    for token in tokens:
        docs &= _naming(token, doc_tokens)
    return docs


def _chinese_spans(
    normalized: str, doc_tokens: Mapping[str, frozenset[str]]
) -> list[tuple[frozenset[str], frozenset[str]]]:
    """Each document noun ("报告") with the characters before it that name one document
    ("“国际电联是一家”报告"): the documents named and their character pairs."""
    spans: list[tuple[frozenset[str], frozenset[str]]] = []
    for noun in _DOC_NOUNS_ZH:
        for match in re.finditer(noun, normalized):
            docs = frozenset(doc_tokens)
            named: set[str] = set()
            k = match.start()
            said_otherwise = False
            while k >= 2:
                if normalized[k - 1] in _QUOTES:
                    k -= 1
                    continue
                pair = normalized[k - 2 : k]
                if not _HAN_PAIR.fullmatch(pair):
                    break
                if not to_query_terms(pair).tokens:
                    k -= 1  # a pair of function characters ("是一"): glue
                    continue
                if not docs & _naming(pair, doc_tokens):
                    before = normalized[max(0, k - 3) : k - 1]  # the word before this pair
                    if (
                        named
                        and not said_otherwise
                        and _HAN_PAIR.fullmatch(before)
                        and _naming(before, doc_tokens)
                        and not docs & _naming(before, doc_tokens)
                    ):
                        # "愿景落实文件": the word beside the noun (落实, a word of the "ITU as
                        # One" report's name) may be the asker's own for another's (the
                        # vision document's "转化为行动"); the word before it (愿景) then says
                        # which is meant
                        said_otherwise = True
                        docs = docs | _naming(before, doc_tokens)
                        k -= 1
                        continue
                    break
                docs &= _naming(pair, doc_tokens)
                named.add(pair)
                k -= 1
            # "报告里提到的", "文件中说的": where the answer stands ("报告的联络人": the report's
            # own contact, asked about it)
            tail = _TAIL_ZH.match(normalized, match.end())
            if named and tail is not None:
                said = normalized[match.start() : tail.end()]
                spans.append((docs, frozenset(named) | set(to_query_terms(said).tokens)))
    return spans
