"""A record answers only if it holds the kind of answer the question wants."""

from __future__ import annotations

import pytest

from bot.text_render import render_answer_text
from knowledge.answering.answerability import COUNT, DATE, PERSON, is_supplied, read_wanted
from knowledge.answering.engine import AnswerEngine
from knowledge.answering.text import normalize


@pytest.mark.parametrize(
    "question, wanted",
    [
        ("Who is the Deputy Secretary-General?", PERSON),
        ("Who heads the Telecommunication Standardization Bureau?", PERSON),
        ("谁负责P1？", PERSON),
        ("P2的主管是誰？", PERSON),
        ("Who is included in MCG+?", None),
        ("Who designates the risk owners?", None),
        ("务虚会上对“我们是谁”这一问题最多的答复是什么？", None),
        ("When is the next WTDC?", DATE),
        ("How many staff work at BDT?", COUNT),
        ("无线电通信局有多少人？", COUNT),
        ("What is P2's budget?", None),
    ],
)
def test_read_wanted_names_the_kind_of_answer(question: str, wanted: str | None) -> None:
    assert read_wanted(normalize(question)) == wanted


def test_is_supplied_looks_for_the_kind_in_the_record() -> None:
    assert is_supplied(PERSON, ["… Mr Yushi Torigoe, Deputy Director, BDT …"])
    assert not is_supplied(PERSON, ["The Deputy Secretary-General presented the project."])
    assert is_supplied(COUNT, ["于2018年2月5至9日在日内瓦举行"])
    assert not is_supplied(COUNT, ["The strategy revolves around PP-22 and 2023."])
    assert is_supplied(DATE, ["held in February 2018"])


@pytest.mark.parametrize(
    "question", ["谁负责P1？", "Who is in charge of P1?", "Who is the Deputy Secretary-General?"]
)
def test_answer_declines_a_record_without_the_kind_asked(
    answer_engine: AnswerEngine, question: str
) -> None:
    answer = answer_engine.answer(question)
    assert not answer.answered
    assert answer.template == "cannot_answer" and answer.sources == []
    text = render_answer_text(answer)
    assert "Source" not in text and "来源" not in text


def test_answer_says_what_it_holds_about_the_subject(answer_engine: AnswerEngine) -> None:
    answer = answer_engine.answer("谁负责P1？")
    assert answer.parts["subject"].startswith("P1")
    assert {"budget", "kpis"} <= set(answer.parts["holds"])
    assert "预算" in render_answer_text(answer)


@pytest.mark.parametrize(
    "question",
    ["Who is the contact person for the 2018 retreat report?", "How many KPIs does P1 have?"],
)
def test_answer_keeps_records_that_hold_the_kind_asked(
    answer_engine: AnswerEngine, question: str
) -> None:
    assert answer_engine.answer(question).answered


@pytest.mark.parametrize(
    "question", ["What does KPI 4.7.3 measure in OP-23?", "What is output 7.2?", "指标4.7.3是什么"]
)
def test_answer_declines_a_number_the_store_does_not_have(
    answer_engine: AnswerEngine, question: str
) -> None:
    answer = answer_engine.answer(question)
    assert not answer.answered and answer.template == "unknown_code"
    assert "4.7.3" in answer.parts["code"] or "7.2" in answer.parts["code"]


@pytest.mark.parametrize(
    "question",
    [
        "2022年国际电联学院举办了多少培训课程",
        "When was the 2018 retreat held?",
        "What is the ITU Academy?",
    ],
)
def test_answer_confidence_stays_within_0_and_1(answer_engine: AnswerEngine, question: str) -> None:
    assert 0.0 <= answer_engine.answer(question).confidence <= 1.0
