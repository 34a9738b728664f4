"""The search index: exact beats fuzzy, typos are forgiven, unknown words count against."""

from __future__ import annotations

import pytest

from bot.text_render import render_answer_text
from knowledge.answering.engine import AnswerEngine
from knowledge.answering.matching import (
    DERIVATION_SIMILARITY,
    Entry,
    SearchIndex,
    correct_name_typos,
    correct_question_word_typos,
    to_query_terms,
)
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


@pytest.mark.parametrize(
    "query",
    [
        "who apoints the risk owners",  # misspells "appoint", which the index holds
        "who desginates the risk owners",  # misspells "designates", which it does not
    ],
)
def test_search_reads_a_misspelt_word_as_its_synonyms(query: str) -> None:
    entries = [
        Entry("fact", "owners", ("The Director will designate the risk owners",)),
        Entry("fact", "board", ("A board will be appointed",)),
        Entry("fact", "other", ("The risk register lists owners of outputs",)),
    ]
    index = SearchIndex(entries, synonyms=[["designate", "designates", "appoint", "appoints"]])
    hits = index.search(to_query_terms(normalize(query)))
    assert hits[0].entry.ref == "owners"
    assert index.list_missing_words(to_query_terms(normalize(query)), entries[0].key_texts) == []


_NAMES = {"网络安全", "能力开发", "数字化"}
_KNOWN = {"能力", "发展", "安全", "数字"}


def _correct(text: str, names: set[str] = _NAMES) -> str:
    return correct_name_typos(text, names, _KNOWN.__contains__)


def test_a_chinese_name_with_one_wrong_character_is_read_as_the_name() -> None:
    assert _correct("网落安全主题的预算") == "网络安全主题的预算"
    assert _correct("能力开法主题在p3下") == "能力开发主题在p3下"


def test_a_name_typo_is_not_corrected_when_unsure() -> None:
    # Two names equally close.
    assert _correct("网落安全", {"网络安全", "网格安全"}) == "网落安全"
    # The "wrong" character makes a word the store knows: a phrase, not a typo.
    assert _correct("能力发展报告") == "能力发展报告"
    # A wrong last character of a three-character name: a word, then the next word.
    assert _correct("预算数字是最终的吗") == "预算数字是最终的吗"
    # The name is written right, or is too short to be told from other words.
    assert _correct("网络安全") == "网络安全"
    assert _correct("数学", {"数字"}) == "数学"


def test_the_engine_answers_about_a_misspelt_chinese_theme(answer_engine: AnswerEngine) -> None:
    for question in ("网落安全主题的预算是多少？", "網落安全主題的預算是多少？"):
        answer = answer_engine.answer(question)
        assert answer.answered and answer.intent == "budget"
        assert "网络安全" in render_answer_text(answer) or "網絡安全" in render_answer_text(answer)


def test_two_words_the_index_holds_as_one_are_read_as_one(answer_engine: AnswerEngine) -> None:
    index = answer_engine.index
    terms = index.join_compounds(to_query_terms("how many staff attended the learning labs"))
    assert "learninglab" in terms.tokens and "learning" not in terms.tokens
    plain = to_query_terms("how many staff attended the labs")
    assert index.join_compounds(plain) is plain


def test_misspelt_question_words_are_read_right() -> None:
    known = {"money", "budget", "enabler"}.__contains__
    assert correct_question_word_typos("wich enabler has the smalest budget", known) == (
        "which enabler has the smalest budget"
    )
    assert correct_question_word_typos("how mny kpis", known) == "how many kpis"
    # "responsible for" frames who does it
    assert correct_question_word_typos("who is responsable for it", known) == (
        "who is responsible for it"
    )
    # a stopword or a word the knowledge holds is never rewritten
    assert (
        correct_question_word_typos("what were the proposals", known) == "what were the proposals"
    )
    assert correct_question_word_typos("the least money", known) == "the least money"


def test_words_of_a_records_document_count_less_than_its_own() -> None:
    council = ("Council 2023", "Council 2023: turning the vision into action")
    entries = [
        Entry("fact", "offline", ("People offline in 2022",), ("2.7 billion",), council),
        Entry("fact", "other", ("People offline in 2022",), ("2.6 billion",)),
        Entry("fact", "own", ("Vision into action: people offline",), ("2.7 billion",), council),
    ]
    index = SearchIndex(entries)
    hits = {h.entry.ref: h for h in index.search(to_query_terms("vision people offline"))}
    # the document's title explains "vision" for its records, less than a record's own words
    assert hits["offline"].coverage > hits["other"].coverage
    assert hits["own"].coverage > hits["offline"].coverage
    # a word only a document's title holds is not searched for: no record says it
    assert _search(index, "council") == []


def test_a_misspelt_stand_for_is_read_right(answer_engine: AnswerEngine) -> None:
    # "stnad" is a misspelling of "stand", itself a word the index holds
    answer = answer_engine.answer("wat does ISCG stnad for?")
    assert answer.answered and "Inter-Sectoral Coordination Group" in render_answer_text(answer)


def test_a_typo_is_an_edit_or_two_not_a_word_inside_another(
    answer_engine: AnswerEngine,
) -> None:
    index = answer_engine.index
    assert index.correct_typo("etho") is None  # no "method"
    assert index.correct_typo("ended") == ("end", 0.9)  # an inflection
    assert index.correct_typo("enviromental") == ("environmental", 0.96)
    assert not answer_engine.answer("BDT ethos").answered


def test_a_missing_chinese_word_is_weighed_whole() -> None:
    entries = [
        Entry("fact", "a", ("变革者计划于5月启动",)),
        Entry("fact", "b", ("学习实验室有250名职员参加",)),
        Entry("fact", "c", ("区域代表处的支持",)),
        Entry("fact", "d", ("愿景规划有65名工作人员",)),
    ]
    index = SearchIndex(entries)
    terms = to_query_terms(normalize("多少职员参加了变革者计划"))
    pairs = dict(index.list_missing_words(terms, ["学习实验室有250名职员参加"]))
    phrases = dict(index.list_missing_phrases(terms, ["学习实验室有250名职员参加"]))
    assert {"变革", "革者", "者计", "计划"} <= set(pairs)
    assert "变革者计划" in phrases and not any(p in phrases for p in ("变革", "计划"))
    whole = sum(pairs[p] for p in ("变革", "革者", "者计", "计划"))
    assert phrases["变革者计划"] == min(1.0, round(whole, 4))
    # words apart in the question stay apart
    apart = dict(index.list_missing_phrases(to_query_terms("变革 计划"), ["其他"]))
    assert set(apart) == {"变革", "计划"}


def test_inflections_with_a_doubled_consonant_or_y_read_as_their_base() -> None:
    index = SearchIndex(
        [
            Entry("fact", "a", ("ITU will run the events", "plan the work", "apply for it")),
        ]
    )
    for word, base in (("running", "run"), ("planned", "plan"), ("applied", "apply")):
        assert (base, 0.9) in index.spellings(word)


def test_keep_running_is_no_word_the_store_lacks(answer_engine: AnswerEngine) -> None:
    # "running" was unknown: the flagship events were declined
    answer = answer_engine.answer("What flagship events will ITU keep running?")
    assert answer.answered and answer.record == "fact:strategy-flagship-initiatives"


def test_a_misspelt_synonym_is_looked_up_once_per_word() -> None:
    from knowledge.answering.matching import _closest_word

    _closest_word.cache_clear()
    words = ("appoint", "designate")
    assert _closest_word("apoint", words) == ("appoint", pytest.approx(0.923, abs=0.001))
    assert _closest_word("apoint", words) is not None
    assert _closest_word.cache_info().hits == 1
    assert _closest_word("unrelated", words) is None


def test_a_word_of_the_same_family_is_read_as_every_indexed_member_of_it() -> None:
    index = SearchIndex(
        [
            Entry("kpi", "E5-X-2", ("Average satisfaction of Member States with the work of BDT",)),
            Entry("fact", "mc", ("Meaningful connectivity",), ("a safe, satisfying experience",)),
        ]
    )
    # "satisfied" is indexed in neither: its family is, as two words
    assert [w for w, _ in index.spellings("satisfied")] == ["satisfying", "satisfaction"]
    assert _search(index, "satisfied Member States")[0] == "E5-X-2"
    # a word shorter than seven letters has no family ("states" is no "statement")
    short = SearchIndex([Entry("fact", "n", ("statement",))]).spellings("states")
    assert all(similarity != DERIVATION_SIMILARITY for _, similarity in short)


def test_which_line_measures_a_thing_named_by_another_word_of_its_family(
    answer_engine: AnswerEngine,
) -> None:
    answer = answer_engine.answer("Which enabler measures how satisfied Member States are?")
    assert answer.answered and answer.record == "kpi:E5-X-2"


def test_a_word_with_a_negating_prefix_is_no_misspelling_of_the_word() -> None:
    index = SearchIndex(
        [Entry("risk", "R4", ("Delays due to unforeseeable local events", "foreseen costs"))]
    )
    # "unforeseen" is not "foreseen" mistyped: it is of unforeseeable's family
    assert [w for w, _ in index.spellings("unforeseen")][:1] == ["unforeseeable"]


def test_a_risk_asked_in_other_words_of_its_family_is_found(answer_engine: AnswerEngine) -> None:
    answer = answer_engine.answer(
        "What mitigations are planned against delays caused by unforeseen local events?"
    )
    assert answer.answered and answer.record == "risk:R4"
