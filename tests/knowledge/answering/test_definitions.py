"""Acronyms read from the knowledge's own texts, and questions about what they stand for
answered with the expansion and the record that spells it out."""

from __future__ import annotations

import pytest

from bot.text_render import render_answer_text
from knowledge.answering.definitions import (
    defines,
    find_long_form,
    find_zh_long_form,
    read_asked_phrase,
    read_asked_term,
)
from knowledge.answering.engine import AnswerEngine


@pytest.mark.parametrize(
    "before, short, long_form",
    [
        (
            "the EU Policy and Regulation Initiative for Digital Africa ",
            "PRIDA",
            "Policy and Regulation Initiative for Digital Africa",
        ),
        (
            "workshop on the Harmonized Calculation Method for Africa ",
            "HCM4A",
            "Harmonized Calculation Method for Africa",
        ),
        # a long form ends at the bracket before it
        (
            "Electronic Communications (BEREC), the European Union Agency ",
            "EUA",
            "European Union Agency",
        ),
        ("a plan that is not spelled out ", "NETP", None),
    ],
)
def test_long_forms_are_the_words_the_letters_start(
    before: str, short: str, long_form: str | None
) -> None:
    assert find_long_form(short, before) == long_form


def test_chinese_long_forms_leave_out_the_verb_before_them() -> None:
    assert find_zh_long_form("在肯尼亚组织关于非洲统一计算方法") == "非洲统一计算方法"
    assert find_zh_long_form("将《国家应急通信计划》") == "国家应急通信计划"
    assert find_zh_long_form("4月启动了2023年全球网络安全指数") == "全球网络安全指数"


@pytest.mark.parametrize(
    "question, lang, term",
    [
        ("what does netp stand for?", "en", "netp"),
        ("what is the dtc?", "en", "dtc"),
        ("meaning of rbm", "en", "rbm"),
        ("bcg指的是什么?", "zh", "bcg"),
        ("什么是prida", "zh", "prida"),
        ("what is the itu academy?", "en", None),
        ("what is the epr principle?", "en", "epr"),  # the acronym, not "principle"
        ("epr原则是什么?", "zh", "epr"),
        ("what is the idi methodology?", "en", None),  # a methodology is more than its name
        ("how did the 2018 retreat define bdt's core values?", "en", None),  # BDT defined
        ("expand the acronym netp for me", "en", "netp"),
        ("isc-tf中文全称是什么?", "zh", "isc-tf"),  # its name in Chinese or English
        ("iscg的英文全称是什么", "zh", "iscg"),
    ],
)
def test_definition_questions_name_their_term(question: str, lang: str, term: str) -> None:
    assert read_asked_term(question, lang) == term


def test_the_acronym_table_is_built_from_the_facts(answer_engine: AnswerEngine) -> None:
    acronyms = answer_engine.glossary.acronyms
    assert acronyms["netp"].en == "National Emergency Telecommunication Plan"
    assert acronyms["netp"].zh == "国家应急通信计划"
    assert acronyms["hcm4a"].zh == "非洲统一计算方法"
    assert len(acronyms) > 50


@pytest.mark.parametrize(
    "question, shown",
    [
        ("What does NETP stand for?", "NETP stands for National Emergency Telecommunication Plan"),
        ("什么是PRIDA？", "PRIDA是数字非洲政策和监管倡议"),
        ("HCM4A是什么意思", "非洲统一计算方法"),
        ("what is ANSICE?", "Agency for Computer Security and Electronic Certification"),
        # an acronym of capitalised syllables
        ("What does CoCo stand for?", "CoCo stands for Coordination Committee"),
        ("CoCo是什么意思", "协调委员会"),
        # a transposed acronym is read as the one with its letters, and says so
        ("what does NEPT stand for", 'Reading "nept" as NETP'),
    ],
)
def test_an_acronym_is_expanded_from_the_record_that_spells_it_out(
    answer_engine: AnswerEngine, question: str, shown: str
) -> None:
    answer = answer_engine.answer(question)
    assert answer.answered and answer.kind == "definition"
    assert shown in render_answer_text(answer)


@pytest.mark.parametrize(
    ("question", "record", "shown"),
    [
        # spelled out only in a KPI's text, an outcome's, a mitigation's: that record
        (
            "What is WEEE?",
            "kpi:E4-ENV-3",
            "WEEE stands for waste electrical and electronic equipment.\nKPI E4-ENV-3: ",
        ),
        ("WEEE指的是甚麼？", "kpi:E4-ENV-3", "WEEE是廢棄電氣和電子設備"),
        ("What does SIDS stand for?", "outcome:P1-INF#0", "small island developing states"),
        ("LLDC是什么意思", "outcome:P1-INF#0", "LLDC是内陆发展中国家"),
        ("What does UNDSS stand for?", "risk:R3", "UN Department of Safety and Security"),
    ],
)
def test_an_acronym_no_fact_spells_out_is_expanded_from_the_record_that_does(
    answer_engine: AnswerEngine, question: str, record: str, shown: str
) -> None:
    answer = answer_engine.answer(question)
    assert answer.answered and answer.kind == "definition" and answer.record == record
    assert shown in render_answer_text(answer)


def test_a_traditional_question_gets_a_traditional_expansion(answer_engine: AnswerEngine) -> None:
    text = render_answer_text(answer_engine.answer("什麼是PRIDA？"))
    assert "數字非洲政策和監管倡議" in text


@pytest.mark.parametrize(
    "question",
    [
        "What does XYZQ stand for?",  # the facts never spell it out
        "What is now?",  # a word, not the acronym NOW
    ],
)
def test_a_term_that_is_no_acronym_the_facts_spell_out_is_not_defined(
    answer_engine: AnswerEngine, question: str
) -> None:
    assert answer_engine.answer(question).kind != "definition"


def test_a_question_typed_in_lower_case_may_name_an_acronym(answer_engine: AnswerEngine) -> None:
    assert answer_engine.answer("what does netp stand for").kind == "definition"


def test_a_chinese_long_form_is_the_name_after_its_last_modifier() -> None:
    assert find_zh_long_form("相应的可衡量的关键绩效指标") == "关键绩效指标"
    # a name that ends in a short noun keeps its modifier
    assert find_zh_long_form("合作，促进并衡量普遍和有意义的连接") == "普遍和有意义的连接"


def test_a_chinese_long_form_is_one_name_as_the_english_one_tells() -> None:
    # what only leads to the name, or counts or places it, is none of it
    assert find_zh_long_form("协调并为管理协调组", "Management Coordination Group") == "管理协调组"
    assert find_zh_long_form("与会机构出席2023年世界无线电通信大会") == "世界无线电通信大会"
    assert find_zh_long_form("支持若干联合国国家工作队") == "联合国国家工作队"
    # two things joined, where the English name is one thing: the one before the bracket
    assert find_zh_long_form("起草工作和共同国家分析", "Common Country Analyses") == "共同国家分析"
    assert (
        find_zh_long_form("战略远见、开放式技术创新、中小企业", "small and medium-sized enterprise")
        == "中小企业"
    )
    # ... and a name that lists words, as its English name does, whole
    assert (
        find_zh_long_form(
            "和联合国教育、科学及文化组织",
            "United Nations Educational Scientific and Cultural Organization",
        )
        == "联合国教育、科学及文化组织"
    )


def test_an_acronym_that_belongs_to_a_named_subject_is_not_defined(
    answer_engine: AnswerEngine,
) -> None:
    answer = answer_engine.answer("P4能力开发的KPI是什么")
    assert answer.kind == "kpi_list"


@pytest.mark.parametrize(
    "question, opening",
    [
        ("What is meaningful connectivity?", "Meaningful connectivity, the ability to enjoy"),
        ("OP-23里说的“有意义的连接”是什么意思？", "有意义的连接 – 能够享受"),
    ],
)
def test_a_term_is_answered_from_the_fact_that_defines_it(
    answer_engine: AnswerEngine, question: str, opening: str
) -> None:
    answer = answer_engine.answer(question)
    assert answer.kind == "fact"
    fact = answer.parts["fact"]
    assert (fact.text_zh if answer.lang == "zh" else fact.text_en).startswith(opening)


def test_defining_words_are_read_after_the_term_not_inside_quotes() -> None:
    assert (
        defines("Meaningful connectivity, the ability to enjoy", "meaningful connectivity", "en")
        == 0
    )
    assert defines("on 'Meaningful connectivity: key to'", "meaningful connectivity", "en") is None
    assert defines("“有意义的连接：创新与加速”", "有意义的连接", "zh") is None


def test_a_quoted_term_is_defined_when_its_quote_closes_before_the_defining_word() -> None:
    text = "as follows: “‘ITU as One’ is a strategic approach to strengthening coordination"
    assert defines(text, "itu as one", "en") == 1
    assert defines("the “ITU as One” concept is applied", "itu as one", "en") is None
    assert defines("“国际电联是一家”是一种战略方针", "国际电联是一家", "zh") == 0


def test_what_is_a_concept_is_answered_from_its_quoted_definition(
    answer_engine: AnswerEngine,
) -> None:
    answer = answer_engine.answer("What is ITU as One?")
    assert answer.kind == "fact"
    assert "strategic approach" in answer.parts["fact"].text_en


def test_an_acronym_of_a_name_in_another_order_is_expanded(answer_engine: AnswerEngine) -> None:
    # "the Telecommunication Development Bureau (BDT)": French order, as ITU names it
    answer = answer_engine.answer("What exactly does BDT mean?")
    assert answer.answered and "Telecommunication Development Bureau" in render_answer_text(answer)


def test_the_full_form_asked_after_the_acronym(answer_engine: AnswerEngine) -> None:
    answer = answer_engine.answer("CIRT - what's the full form?")
    assert (
        answer.answered and "computer incident response teams" in answer.parts["acronym"].en.lower()
    )


@pytest.mark.parametrize(
    "question",
    ["务虚会报告中对“基于结果的管理”是怎么定义的?", "务虚会报告里是怎样定义“基于结果的管理”的?"],
)
def test_how_a_quoted_term_is_defined_asks_for_its_definition(question: str) -> None:
    assert read_asked_phrase(question, "zh") == "基于结果的管理"


def test_the_facts_that_may_define_a_term_are_those_the_index_finds(
    answer_engine: AnswerEngine,
) -> None:
    # found through the index (a scan of every fact took 0.6 s at 100k entries), in the
    # knowledge's order, and the same facts a scan finds
    glossary = answer_engine.glossary
    found = glossary._facts_naming("meaningful connectivity")
    scanned = [
        f
        for f in glossary.knowledge.facts
        if "meaningful connectivity" in f.text_en.lower() + " " + f.title_en.lower()
    ]
    assert found and {f.key for f in scanned} <= {f.key for f in found}
    order = [f.key for f in glossary.knowledge.facts]
    assert [f.key for f in found] == sorted((f.key for f in found), key=order.index)


@pytest.mark.parametrize(
    "question",
    [
        "what is the definition of itu as one?",
        "define itu as one",
        "how did the online consultation define the 'itu as one' concept?",
        "what is the itu as one concept?",
    ],
)
def test_the_phrase_asked_about_is_read_whole(question: str) -> None:
    assert read_asked_phrase(question, "en") == "itu as one"


@pytest.mark.parametrize(
    "question",
    [
        "What is the definition of ITU as One?",
        "How did the online consultation define the 'ITU as One' concept?",
    ],
)
def test_a_phrase_holding_an_acronym_is_defined_not_the_acronym(
    answer_engine: AnswerEngine, question: str
) -> None:
    # "ITU as One" is defined by a fact; "ITU stands for …" is not what is asked
    answer = answer_engine.answer(question)
    assert answer.answered and answer.record == "fact:itu-as-one-definition"
    assert "stands for" not in render_answer_text(answer)


@pytest.mark.parametrize(
    ("question", "acronym"),
    [
        ("EW4A倡議是什麼？", "EW4A"),  # the thing it names after it: an initiative
        ("What is the EW4A initiative?", "EW4A"),
        ("文件里说的CIRT是指什么？", "CIRT"),  # where it was read, said first
    ],
)
def test_an_acronym_asked_with_what_it_names_or_where_it_was_read_is_expanded(
    answer_engine: AnswerEngine, question: str, acronym: str
) -> None:
    answer = answer_engine.answer(question)
    assert answer.answered and answer.kind == "definition"
    assert answer.parts["acronym"].short == acronym


def test_a_question_asking_which_is_no_definition_asked(answer_engine: AnswerEngine) -> None:
    # "the definition of ITU as One" is what was agreed; the question asks which group
    answer = answer_engine.answer(
        "In which working group's online consultation was the definition of ITU as One agreed?"
    )
    assert answer.kind != "definition"
    assert answer.answered and answer.record == "fact:itu-as-one-online-consultation"


def test_a_chinese_question_asking_which_is_no_definition_asked(
    answer_engine: AnswerEngine,
) -> None:
    answer = answer_engine.answer("「國際電聯是一家」的定義是在哪個工作組的在線磋商中得出的？")
    assert answer.answered and answer.record == "fact:itu-as-one-online-consultation"


@pytest.mark.parametrize("question", ["RBM是哪个？", "NETP是哪个？"])
def test_what_an_acronym_is_asked_with_shi_nage_is_still_a_definition(
    answer_engine: AnswerEngine, question: str
) -> None:
    assert answer_engine.answer(question).kind == "definition"


@pytest.mark.parametrize(
    "question",
    [
        # an acronym of our documents asked in a context they never speak of
        "What does LLDC mean in London?",
        "What does SIDS mean in medicine?",
        "医学上SIDS是什么意思？",
    ],
)
def test_an_acronym_asked_in_another_world_is_declined(
    answer_engine: AnswerEngine, question: str
) -> None:
    assert not answer_engine.answer(question).answered


@pytest.mark.parametrize(
    ("question", "acronym"),
    [
        # a context of the documents' own words, misspelt or not, keeps the expansion
        ("What does UMC mean in the EC project?", "UMC"),
        ("wat does ISCG stnad for in the ITU as One reprot?", "ISCG"),
        ("土耳其地震后用的那个DCM是什么东西？", "DCM"),
    ],
)
def test_an_acronym_asked_in_the_documents_context_is_expanded(
    answer_engine: AnswerEngine, question: str, acronym: str
) -> None:
    answer = answer_engine.answer(question)
    assert answer.answered and answer.kind == "definition"
    assert answer.parts["acronym"].short == acronym


@pytest.mark.parametrize(
    "question",
    [
        # words that place the definition asked are no part of the term
        "What is the definition of ITU as One presented to Council 2024?",
        "What is the definition of ITU as One?",
    ],
)
def test_a_term_is_defined_whatever_places_it(answer_engine: AnswerEngine, question: str) -> None:
    answer = answer_engine.answer(question)
    assert answer.answered and answer.record == "fact:itu-as-one-definition"


def test_a_clause_that_qualifies_a_term_stays_part_of_it(answer_engine: AnswerEngine) -> None:
    answer = answer_engine.answer(
        "What is the ATC programme that replaced the Centres of Excellence?"
    )
    assert answer.answered and "Centres of Excellence" in render_answer_text(answer)


def test_what_is_a_term_takes_a_close_fact_about_it_over_one_that_mentions_it(
    answer_engine: AnswerEngine,
) -> None:
    # the programme's launch (its name in the title), not the list of staff initiatives
    answer = answer_engine.answer("What is the ITU Change-makers programme?")
    assert answer.answered and "Change-makers" in answer.parts["fact"].title_en


def test_an_organisation_named_in_a_term_is_kept_against_another_in_the_title(
    answer_engine: AnswerEngine,
) -> None:
    # "BDT's own core values" are not ITU's
    assert not answer_engine.answer("What are the ITU core values?").answered
    assert answer_engine.answer("What are the BDT core values?").answered


@pytest.mark.parametrize(
    "question", ["Define 'ITU as One'.", "Define “ITU as One”.", "What is 'ITU as One'?"]
)
def test_a_term_asked_in_quotes_or_with_a_full_stop_is_defined(
    answer_engine: AnswerEngine, question: str
) -> None:
    # "Define 'ITU as One'." had been answered with the 2024 senior management commitments
    answer = answer_engine.answer(question)
    assert answer.answered and answer.record == "fact:itu-as-one-definition"
