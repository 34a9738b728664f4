"""Answers name the record they come from, and suggestions the record each stands for."""

from __future__ import annotations

import pytest

from knowledge.answering import AnswerEngine, AnswerKind


@pytest.mark.parametrize(
    ("question", "kind", "record"),
    [
        ("What are BDT's core values?", AnswerKind.FACT, "fact:retreat-bdt-core-values"),
        ("What does KPI P1-EMT-1 measure?", AnswerKind.KPI_DETAIL, "kpi:P1-EMT-1"),
        ("Tell me about P3", AnswerKind.OVERVIEW, "priority:P3"),
        ("What does NETP stand for?", AnswerKind.DEFINITION, None),
    ],
)
def test_an_answer_names_its_record(
    answer_engine: AnswerEngine, question: str, kind: AnswerKind, record: str | None
) -> None:
    answer = answer_engine.answer(question)
    assert answer.answered and answer.kind is kind
    if record is None:
        assert answer.record is not None and answer.record.startswith("fact:")
    else:
        assert answer.record == record


def test_answers_of_several_records_or_none_name_none(answer_engine: AnswerEngine) -> None:
    assert answer_engine.answer("What is the total budget of P1 and P2?").record is None
    declined = answer_engine.answer("What is the weather in Geneva?")
    assert not declined.answered and declined.record is None


def test_each_suggestion_names_its_record(answer_engine: AnswerEngine) -> None:
    answer = answer_engine.answer("the values of the bureau")
    assert answer.kind is AnswerKind.DID_YOU_MEAN
    assert len(answer.suggestion_records) == len(answer.suggestions) >= 2
    assert answer.suggestion_records[0] == "fact:retreat-bdt-core-values"
    assert answer.get_suggestion_record(len(answer.suggestions)) is None
