"""The search index: exact beats fuzzy, typos are forgiven, unknown words count against."""

from __future__ import annotations

from knowledge.answering.matching import Entry, SearchIndex, to_query_terms
from knowledge.answering.text import normalize

ENTRIES = [
    Entry("theme", "P4-CYB", ("Cybersecurity", "网络安全", "cyber")),
    Entry("theme", "P3-STA", ("Statistics", "统计数据", "stats")),
    Entry("theme", "P1-EMT", ("Emergency telecommunications", "应急通信")),
    Entry(
        "fact",
        "gsr",
        ("GSR-23 theme", "全球监管机构专题研讨会"),
        ("Regulation for a sustainable digital future",),
    ),
]


def _search(index: SearchIndex, question: str, **kwargs: object) -> list[str]:
    return [h.entry.ref for h in index.search(to_query_terms(normalize(question)), **kwargs)]  # type: ignore[arg-type]


def test_search_finds_exact_names_in_both_languages() -> None:
    index = SearchIndex(ENTRIES)
    assert _search(index, "cybersecurity")[0] == "P4-CYB"
    assert _search(index, "網絡安全")[0] == "P4-CYB"


def test_search_forgives_typos() -> None:
    index = SearchIndex(ENTRIES)
    assert _search(index, "statistcs")[0] == "P3-STA"
    assert _search(index, "cybersecuirty")[0] == "P4-CYB"


def test_search_filters_by_kind() -> None:
    index = SearchIndex(ENTRIES)
    assert _search(index, "gsr-23 theme", kinds=("theme",)) == []
    assert _search(index, "gsr-23 theme", kinds=("fact",)) == ["gsr"]


def test_unknown_words_lower_the_coverage() -> None:
    index = SearchIndex(ENTRIES)
    known = index.search(to_query_terms(normalize("statistics")))[0]
    mixed = index.search(to_query_terms(normalize("statistics of football champions")))[0]
    assert known.coverage == 1.0
    assert mixed.coverage < 0.5


def test_search_returns_nothing_for_unrelated_text() -> None:
    index = SearchIndex(ENTRIES)
    assert _search(index, "weather tomorrow") == []
    assert _search(index, "谁是足球冠军") == []


def test_empty_index_answers_nothing() -> None:
    assert SearchIndex([]).search(to_query_terms("cyber")) == []


def test_search_reads_a_word_as_its_synonym() -> None:
    entries = [Entry("fact", "staff", ("工作人员人数",)), Entry("fact", "other", ("会议人数",))]
    index = SearchIndex(entries, synonyms=[["员工", "工作人员"]])
    hits = index.search(to_query_terms(normalize("员工人数")))
    assert hits[0].entry.ref == "staff"
    assert (
        SearchIndex(entries).search(to_query_terms(normalize("员工人数")))[0].coverage
        < hits[0].coverage
    )
