"""Lists: the number of items a question states, and an answer that gives that many."""

from __future__ import annotations

import pytest

from bot.text_render import render_answer_text
from knowledge.answering.answer import AnswerKind
from knowledge.answering.engine import AnswerEngine
from knowledge.answering.lists import (
    asks_for_list,
    count_listed,
    enumerates,
    gives_stated_count,
    read_list_owner,
    read_stated_count,
    read_stated_noun,
)
from knowledge.answering.text import normalize


@pytest.mark.parametrize(
    "question, count",
    [
        ("what are the four main risks", 4),
        ("the three proposals the council approved", 3),
        ("list the 5 enablers", 5),
        ("op-23列出的四项主要运作风险是哪些", 4),
        ("p1下面有哪两个主题", 2),
        ("what is the budget of p2 in 2023", None),
        ("what is 12% of the total", None),
    ],
)
def test_the_number_of_items_a_question_states(question: str, count: int | None) -> None:
    assert read_stated_count(question) == count


@pytest.mark.parametrize(
    "question",
    [
        "What are the four main risks in the operational plan?",
        "OP-23列出的四項主要運作風險是哪些？",
    ],
)
def test_an_answer_with_as_many_items_as_asked_is_preferred(
    answer_engine: AnswerEngine, question: str
) -> None:
    answer = answer_engine.answer(question)
    assert answer.kind == "risk"
    assert len(answer.parts["items"]) == 4


@pytest.mark.parametrize(
    "question, listed",
    [
        ("How many KPIs does E4 have and what are they?", True),
        ("E4有幾個KPI？分別是什麼？", True),
        ("P5/E6/E7有几个KPI？请举例说明。", True),
        # one theme's few KPIs are listed under their count; several themes' only counted
        ("How many KPIs does E4 have?", True),
        ("How many KPIs does P1 have?", False),
    ],
)
def test_a_count_asked_with_its_items_lists_them(
    answer_engine: AnswerEngine, question: str, listed: bool
) -> None:
    answer = answer_engine.answer(question)
    assert answer.kind == "kpi_list"
    assert answer.parts["only_count"] is not listed


@pytest.mark.parametrize("question", ["What are the risks in OP-23?", "List the risks in OP-23."])
def test_every_item_of_a_class_asked_for_is_listed(
    answer_engine: AnswerEngine, question: str
) -> None:
    # not a fact that speaks of risk management
    answer = answer_engine.answer(question)
    assert answer.answered and answer.kind is AnswerKind.RISK
    assert len(answer.parts["items"]) == 4


def test_a_list_written_out_in_a_text_is_counted() -> None:
    text = "It will prioritize: people and culture; financial management; systems; and oversight."
    assert count_listed(text) == 4
    assert count_listed("No list here.") is None
    assert gives_stated_count(4, [text])
    assert gives_stated_count(3, ["讨论集中在三个支柱上"])
    assert not gives_stated_count(4, ["Council Document C24/35 presents the progress."])


def test_a_fact_that_gives_fewer_items_than_stated_is_not_the_answer(
    answer_engine: AnswerEngine,
) -> None:
    # the close match on "next steps" lists no four priorities
    assert not answer_engine.answer(
        "What are the four internal priorities of the next steps?"
    ).answered


def test_items_asked_for_must_be_written_out() -> None:
    # "what are the three pillars": a record that only says there are three does not say
    # which; one that numbers them or names them after a colon does
    said = ["A plan was developed based on the three pillars of the visioning."]
    assert gives_stated_count(3, said)
    assert not gives_stated_count(3, said, enumerated=True)
    numbered = (
        "Three pillars: Pillar 1: Thought leadership. Pillar 2: Partnerships. Pillar 3: Excellence."
    )
    assert enumerates(3, numbered)
    assert enumerates(3, "The three pillars: thought leadership, partnerships and excellence.")
    assert enumerates(3, "一是加强协作，二是优化流程，三是提升能力。")
    assert not enumerates(3, "Pillar 1 and Pillar 2 are external work.")
    assert not enumerates(4, "The three pillars: thought leadership, partnerships and excellence.")


def test_a_fact_that_only_counts_the_items_asked_is_not_the_answer(
    answer_engine: AnswerEngine,
) -> None:
    question = "What are the three pillars of the ITU vision for the 2024-2027 Strategic Plan?"
    answer = answer_engine.answer(question)
    assert not answer.answered or answer.record == "fact:strategy-three-pillars"
    assert answer_engine.answer("What are the three pillars?").record == (
        "fact:strategy-three-pillars"
    )


def test_a_number_in_a_code_or_before_a_verb_states_no_count() -> None:
    # "the OP-23 document has ten budget lines": ten lines, not 23 documents
    question = "Table 1 of the OP-23 document has ten budget lines. What is the average per line?"
    assert read_stated_count(normalize(question)) == 10
    assert read_stated_count(normalize("the GSR-23 guidelines")) is None


def test_the_average_of_the_lines_a_table_has(answer_engine: AnswerEngine) -> None:
    answer = answer_engine.answer(
        "Table 1 of the OP-23 document has ten budget lines. What's the average allocation "
        "per line?"
    )
    assert (answer.parts["op"], answer.parts["result"]) == ("average", 420000)


def test_a_list_of_other_things_is_no_list_of_those_asked(answer_engine: AnswerEngine) -> None:
    # the observatory's four parts are no four pillars (the vision has three)
    assert not answer_engine.answer("What are the four pillars of the vision?").answered
    answer = answer_engine.answer("What are the four parts of the emerging-trends observatory?")
    assert answer.record == "fact:strategy-emerging-trends-observatory"
    assert not gives_stated_count(
        4, ["comprises four parts: a; b; c; and d"], enumerated=True, noun="pillars"
    )


@pytest.mark.parametrize(
    ("question", "kind"),
    [
        ("What are the five ITU-D priorities?", "priority"),
        ("What are the five enablers?", "enabler"),
    ],
)
def test_the_class_asked_with_its_number(
    answer_engine: AnswerEngine, question: str, kind: str
) -> None:
    # the plan's own priorities, not the Union's five thematic priorities
    answer = answer_engine.answer(question)
    assert answer.answered and answer.kind is AnswerKind.EXTREME
    assert answer.parts["kind"] == kind and len(answer.parts["ranked"]) == 5


def test_a_class_asked_with_another_number_is_declined(answer_engine: AnswerEngine) -> None:
    # "the seven enablers": not the seven workshops a fact lists
    assert not answer_engine.answer("What are the seven enablers of ITU-D?").answered


def test_names_run_inside_a_sentence_are_items() -> None:
    text = (
        "BDT provided technical assistance to Bahrain, Brunei Darussalam, Oman and Zimbabwe"
        " to develop digital innovation profiles."
    )
    assert enumerates(4, text, "countries") and not enumerates(3, text, "countries")
    assert enumerates(4, "电信发展局向巴林、文莱达鲁萨兰国、阿曼和津巴布韦提供了援助", None)
    # "which four countries": four named in a sentence give the count asked
    assert gives_stated_count(4, [text], noun="countries")


def test_which_four_countries_is_answered_by_the_fact_naming_four(
    answer_engine: AnswerEngine,
) -> None:
    answer = answer_engine.answer(
        "Which four countries did BDT help with their digital innovation profiles?"
    )
    assert answer.answered and answer.record == "fact:digital-innovation-profiles"


@pytest.mark.parametrize(
    ("question", "record"),
    [
        # the plan "based on the three pillars" scores first and lists none of them
        (
            "What are the three pillars of the ITU vision for implementing the 2024-2027 "
            "Strategic Plan?",
            "fact:strategy-three-pillars",
        ),
        (
            "What are the three pillars the vision for the 2024-2027 Strategic Plan is built on?",
            "fact:strategy-three-pillars",
        ),
        # "strands" says only that there are items: the observatory's four parts
        (
            "What are the four strands of the Emerging Trends Observatory?",
            "fact:strategy-emerging-trends-observatory",
        ),
    ],
)
def test_the_record_listing_as_many_as_stated_is_found_further_behind(
    answer_engine: AnswerEngine, question: str, record: str
) -> None:
    answer = answer_engine.answer(question)
    assert answer.answered and answer.record == record


def test_a_stated_number_is_not_found_in_another_list_of_the_record() -> None:
    text = (
        "The discussions focused on three pillars: Pillar 1: Thought leadership. Pillar 2: "
        "Strategic partnerships and membership engagement – ensuring the engagement of our "
        "Member States, Sector Members, Associates and Academia, and mobilizing resources. "
        "Pillar 3: Organizational excellence."
    )
    # four names in a run, but the pillars are three
    assert not enumerates(4, text, "pillars") and enumerates(3, text, "pillars")
    # an English noun is checked in the English text: a Chinese run of three names is no
    # three pillars ("remind me of the three pillars" answered with 40 stakeholders before)
    zh = "他们包括成员国、私营部门、联合国机构和政府间组织、民间团体、学术界以及一些知名人士。"
    assert not enumerates(3, zh, "pillars") and enumerates(3, zh, "things")


def test_remind_me_of_is_no_content(answer_engine: AnswerEngine) -> None:
    answer = answer_engine.answer(
        "Remind me of the three pillars that came out of the Secretary-General's visioning "
        "exercise?"
    )
    assert answer.record != "fact:strategy-external-stakeholders-40plus"
    assert answer.answered or answer.suggestions[0] == "What are the three pillars of ITU's vision?"


def test_numbered_items_of_another_noun_are_not_those_counted() -> None:
    text = "The discussions focused on three pillars: Pillar 1: a. Pillar 2: b. Pillar 3: c."
    assert enumerates(3, text, "pillars") and not enumerates(3, text, "sectors")


@pytest.mark.parametrize(
    ("question", "asks"),
    [
        ("list the risks in op-23", True),
        ("can you list the itu-d priorities?", True),
        ("could you please name the three pillars?", True),
        ("what are the three pillars?", True),
        ("can you tell me p2's budget?", False),
        ("what is the list of priorities based on?", False),
    ],
)
def test_asks_for_list_reads_a_polite_request(question: str, asks: bool) -> None:
    assert asks_for_list(question) is asks


def test_a_list_of_the_priorities_is_the_priorities(answer_engine: AnswerEngine) -> None:
    # not the fact that says what "P" stands for
    answer = answer_engine.answer("Can you list the ITU-D priorities (the P codes)?")
    assert answer.answered and answer.kind is AnswerKind.EXTREME
    assert all(code in render_answer_text(answer) for code in ("P1", "P2", "P3", "P4", "P5"))


@pytest.mark.parametrize(
    "question",
    [
        "Can you list the four strategic objectives of the New Delhi Innovation Centre?",
        "What are the four strategic objectives of the New Delhi Innovation Centre?",
    ],
)
def test_items_with_and_inside_them_are_counted_whole(
    answer_engine: AnswerEngine, question: str
) -> None:
    # "…, small and medium-sized enterprise (SME) growth, and entrepreneurship and policy
    # experimentation": four objectives, not six
    answer = answer_engine.answer(question)
    assert answer.answered and answer.record == "fact:new-delhi-innovation-centre-objectives"


def test_objectives_numbered_with_a_dash_are_enumerated() -> None:
    text = "key work areas: … Objective 1 – Coordination … Objective 2 – Infrastructure."
    assert enumerates(2, text, "objectives")
    # "Pillar 2: …" labels an item and starts no list of its own
    assert not enumerates(4, "Pillar 2: members, partners, associates and academia.", "pillars")


@pytest.mark.parametrize(
    ("question", "record"),
    [
        # three questions written out, each ending with "?"
        (
            "What are the three questions of the visioning exercise?",
            "fact:strategy-visioning-three-questions",
        ),
        # the ITU thematic priorities are the fact's own subject, not the ITU-D lines
        ("Name the five ITU thematic priorities.", "fact:itu-thematic-priorities"),
    ],
)
def test_lists_of_questions_and_of_another_class(
    answer_engine: AnswerEngine, question: str, record: str
) -> None:
    answer = answer_engine.answer(question)
    assert answer.answered and answer.record == record


@pytest.mark.parametrize(
    ("question", "owner"),
    [
        ("What are the three pillars of cybersecurity?", "cybersecurity"),
        ("What are the 3 pillars of the vision for ITU?", "vision"),
        ("网络安全的三大支柱是什么？", "网络安全"),
        # no owner said: "that came out of …" places them; "of them" points back
        ("What are the three pillars that came out of the retreat?", None),
        ("Which two of them matter most?", None),
    ],
)
def test_what_the_items_belong_to_is_read(question: str, owner: str | None) -> None:
    assert read_list_owner(normalize(question)) == owner


@pytest.mark.parametrize(
    "question", ["What are the three pillars of cybersecurity?", "网络安全的三大支柱是什么？"]
)
def test_items_of_something_no_record_of_them_speaks_of_are_declined(
    answer_engine: AnswerEngine, question: str
) -> None:
    # the vision's three pillars are no pillars of cybersecurity
    assert not answer_engine.answer(question).answered


def test_items_of_what_the_record_speaks_of_are_answered(answer_engine: AnswerEngine) -> None:
    answer = answer_engine.answer("What are the three pillars of the ITU visioning exercise?")
    assert answer.answered and answer.record == "fact:strategy-three-pillars"


@pytest.mark.parametrize(
    ("question", "noun"),
    [
        ("what are the four focus areas of internal transformation?", "areas"),
        ("the three pillars of the vision", "pillars"),
        ("the four process steps", "steps"),
        ("the 3 analysis tools", "tools"),
    ],
)
def test_the_noun_a_number_counts_is_a_plural_not_a_word_ending_in_s(
    question: str, noun: str
) -> None:
    assert read_stated_noun(question) == noun


def test_a_list_of_four_focus_areas_is_any_list_of_four(answer_engine: AnswerEngine) -> None:
    # "focus" read as the noun had asked for a list led by "focus"
    answer = answer_engine.answer(
        "What are the four focus areas of internal transformation in C23/36?"
    )
    assert answer.answered and answer.record == "fact:strategy-internal-priorities-c23-52"


def test_a_number_of_things_in_figures_finds_the_record_that_writes_it_in_words(
    answer_engine: AnswerEngine,
) -> None:
    # "2 strategic goals": the record says "two bold strategic goals" (the February 2023
    # retreat's record had been found by the "2" of its date)
    answer = answer_engine.answer("What are ITU's 2 strategic goals?")
    assert answer.answered and answer.record == "fact:strategy-two-strategic-goals"


def test_a_length_of_time_is_no_stated_number_of_items(answer_engine: AnswerEngine) -> None:
    assert read_stated_count("in the first two weeks of february") is None
    assert read_list_owner("how many visits in the first two weeks of february?") is None
    assert read_stated_count("what are the two sub-areas of p2?") == 2
    answer = answer_engine.answer(
        "How many times was the DCM accessed in the first two weeks of Feb, and from how many"
        " countries?"
    )
    assert answer.answered and "42" in render_answer_text(answer)


def test_a_short_year_span_names_the_plan_of_those_years(answer_engine: AnswerEngine) -> None:
    answer = answer_engine.answer(
        "what are the three pillars that came out of the visioning for the 2024-27 strategic plan?"
    )
    assert answer.answered and "Thought leadership" in render_answer_text(answer)
