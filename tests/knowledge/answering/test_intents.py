"""Reading questions: codes written many ways, years, intent words with typos."""

from __future__ import annotations

import pytest

from knowledge.answering.intents import read_question, read_question_form
from knowledge.answering.text import normalize


@pytest.mark.parametrize(
    "question, code",
    [
        ("P-3 money", "P3"),
        ("p 3 budget", "P3"),
        ("priority 2 budget?", "P2"),
        ("E5", "E5"),
        ("重点工作3的预算", "P3"),
        ("推动因素2", "E2"),
        ("enabler 4 budget", "E4"),
        ("P1和P4", "P1"),
    ],
)
def test_read_question_finds_codes(question: str, code: str) -> None:
    assert read_question(normalize(question)).codes[0] == code


def test_read_question_finds_theme_and_kpi_codes() -> None:
    reading = read_question(normalize("Show P4-CYB-3 and P2-DIE"))
    assert reading.kpi_codes == ["P4-CYB-3"]
    assert reading.theme_codes == ["P2-DIE"]


def test_read_question_finds_year() -> None:
    assert read_question(normalize("2024 budget for P1")).year == 2024


@pytest.mark.parametrize(
    "question, concept",
    [
        ("cybersecuirty budjet", "budget"),
        ("how much for stats", "budget"),
        ("网安预算", "budget"),
        ("share of E2", "share"),
        ("网络安全占P4的比例", "share"),
        ("KPIz for P1", "kpi"),
        ("关键绩效指标", "kpi"),
        ("Which enabler has the largest budget?", "max"),
        ("P1和P4的预算一共多少", "sum"),
        ("mitigation for the financial risk", "mitigation"),
        ("what's the total OP-23 pot?", "budget"),
    ],
)
def test_read_question_finds_intent_words(question: str, concept: str) -> None:
    assert concept in read_question(normalize(question)).concepts


def test_read_question_leaves_names_in_the_residue() -> None:
    reading = read_question(normalize("统计数据的预算是多少"))
    assert "统计数据" in reading.residue
    assert "预算" not in reading.residue


@pytest.mark.parametrize("question", ["P2级职员的月薪是多少", "salary of a P4 staff member"])
def test_read_question_does_not_read_a_staff_grade_as_a_priority(question: str) -> None:
    assert read_question(normalize(question)).codes == []


@pytest.mark.parametrize(
    "question",
    [
        "between which months was the review done",
        "in what year was it adopted",
        "which dates were set for the forum",
        "审查是在哪几个月进行的",
        "会议在哪个月举行",
    ],
)
def test_question_form_reads_months_and_dates_asked_as_when(question: str) -> None:
    assert read_question_form(normalize(question)) == "when"


def test_envelope_is_a_budget_word_but_developed_is_no_typo_of_it() -> None:
    assert read_question(normalize("What's the overall OP-23 envelope?")).has("budget")
    developed = read_question(normalize("a strategy developed with BDT help"))
    assert not developed.has("budget")


def test_a_stopword_is_no_misspelt_intent_word() -> None:
    assert not read_question(normalize("How many enablers are there?")).has("class_theme")


@pytest.mark.parametrize(
    ("question", "not_read"),
    [
        ("How does the retreat report describe the Radio Regulations?", "share"),  # no "ratio"
        ("Where is the ITU headquarters located?", "budget"),  # no "allocated"
        ("What are the main operational risks?", "min"),  # "main" is no "min"
    ],
)
def test_a_word_the_documents_use_is_no_misspelt_intent_word(question: str, not_read: str) -> None:
    known = {"radio", "located", "main", "regulation"}.__contains__
    assert not_read not in read_question(normalize(question), known).concepts
    # a misspelling the documents do not use, or an inflection, still is one
    assert "budget" in read_question(normalize("P4 budgt plz"), known).concepts
    assert "budget" in read_question("budgeted", lambda w: True).concepts


def test_another_years_plan_is_its_year() -> None:
    assert read_question(normalize("the cybersecurity budget in OP-22")).year == 2022
    assert read_question(normalize("the OP-23 budget")).year is None
