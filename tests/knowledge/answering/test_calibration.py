"""Calibrated confidence: search answers are decided by the probability of being right."""

from __future__ import annotations

import pytest

from bot.text_render import render_answer_text
from knowledge.answering.answerability import list_frame_spans
from knowledge.answering.calibration import (
    DEFAULT_CALIBRATION,
    NAMED_MIN_WEIGHT,
    SEARCH,
    STRUCTURED,
    TABLES,
    Calibration,
    to_evidence,
)
from knowledge.answering.engine import AnswerEngine


def test_probability_never_falls_as_evidence_rises() -> None:
    for path in (SEARCH, STRUCTURED):
        steps = TABLES[path]
        assert [b for b, _ in steps] == sorted(b for b, _ in steps)
        assert [p for _, p in steps] == sorted(p for _, p in steps)
        assert all(0.0 <= p <= 1.0 for _, p in steps)


def test_decide_has_three_bands() -> None:
    calibration = Calibration({SEARCH: ((-1.0, 0.05), (0.5, 0.3), (0.8, 0.9))}, 0.6, 0.1)
    assert calibration.decide(calibration.to_probability(SEARCH, 0.9)) == "answer"
    assert calibration.decide(calibration.to_probability(SEARCH, 0.6)) == "suggest"
    assert calibration.decide(calibration.to_probability(SEARCH, 0.2)) == "decline"


def test_a_missing_name_outweighs_a_perfect_score() -> None:
    sure = {"score": 1.0, "lead": 0.5, "missing_name": 0.0}
    named = sure | {"missing_name": NAMED_MIN_WEIGHT}
    assert (
        DEFAULT_CALIBRATION.decide(DEFAULT_CALIBRATION.to_probability(SEARCH, to_evidence(sure)))
        == "answer"
    )
    assert (
        DEFAULT_CALIBRATION.decide(DEFAULT_CALIBRATION.to_probability(SEARCH, to_evidence(named)))
        != "answer"
    )


@pytest.mark.parametrize(
    "question",
    [
        # A name (a place, a body) that the best record does not hold, beside words it does.
        "Which countries signed the HCM4A agreement in Ruritania?",
        "How many schools in Vanuatu joined the Giga platform?",
        "What did UNDP say about the HCM4A agreement?",
    ],
)
def test_a_question_naming_what_no_record_holds_is_not_answered(
    answer_engine: AnswerEngine, question: str
) -> None:
    answer = answer_engine.answer(question)
    assert not answer.answered and answer.sources == []
    assert "Source" not in render_answer_text(answer)


def test_the_record_holding_the_name_asked_about_is_preferred(
    answer_engine: AnswerEngine,
) -> None:
    answer = answer_engine.answer("What does CoCo do?")
    assert answer.answered
    assert "CoCo" in render_answer_text(answer)


def test_did_you_mean_offers_the_closest_records(answer_engine: AnswerEngine) -> None:
    answer = answer_engine.answer("Which countries signed the HCM4A agreement in Ruritania?")
    assert answer.kind == "did_you_mean"
    assert any("HCM4A" in s for s in answer.suggestions)
    assert 0.0 <= answer.confidence < DEFAULT_CALIBRATION.answer_min


@pytest.mark.parametrize(
    "question",
    ["When was the 2018 BDT management retreat held?", "What is P2's budget?", "P3预算是多少？"],
)
def test_answers_carry_a_calibrated_probability(answer_engine: AnswerEngine, question: str) -> None:
    answer = answer_engine.answer(question)
    assert answer.answered
    assert DEFAULT_CALIBRATION.answer_min <= answer.confidence <= 1.0


def test_words_that_only_frame_the_question_are_not_missing_evidence(
    answer_engine: AnswerEngine,
) -> None:
    # "worth" says a figure is wanted; the record gives it without the word.
    answer = answer_engine.answer("What is the policy and regulation line under P3 worth?")
    assert answer.answered
    assert DEFAULT_CALIBRATION.answer_min <= answer.confidence


def test_frame_spans_are_the_wanted_kind_not_the_subject() -> None:
    spans = list_frame_spans("what does coco stand for and how many days is the leave worth")
    assert {"stand for", "how many", "worth"} <= set(spans)
    assert not any("coco" in s or "leave" in s for s in spans)
    assert set(list_frame_spans("2018年务虚会开了几天")) == {"几天"}
