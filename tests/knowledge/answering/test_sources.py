"""The document a question names as where its answer stands."""

from __future__ import annotations

import pytest

from knowledge.answering import AnswerEngine
from knowledge.answering.sources import read_source_named, to_doc_tokens
from knowledge.answering.text import normalize

DOCS = to_doc_tokens(
    {
        "000": ("Council 2023", "Council 2023: progress on ITU capacity development and training"),
        "001": (
            "C23/36",
            "Council 2023 (C23/36): turning the vision into action for the 2024-2027 "
            "Strategic Plan",
            "将愿景转化为行动：国际电联2024-2027年《战略规划》（理事会2023年会议，C23/36号文件）",
        ),
        "004": (
            "Council 2024",
            'Council 2024: implementing the "ITU as One" concept',
            "有关落实“国际电联是一家”概念的报告（理事会2024年会议）",
        ),
    }
)


@pytest.mark.parametrize(
    ("question", "docs", "tokens"),
    [
        (
            "How many people were offline worldwide in 2022 according to the Council 2023 "
            "vision document?",
            {"001"},
            {"according", "council", "2023", "vision", "document"},
        ),
        (
            "What is BCG in the C23/36 document on turning the vision into action?",
            {"001"},
            {"c23", "36", "document", "turning", "vision", "action"},
        ),
        # the verb that says so ends the name: "ITU" after it is the question's
        (
            "Which events does the C23/36 paper say ITU will continue?",
            {"001"},
            {"c23", "36", "paper", "say"},
        ),
        ("「國際電聯是一家」報告裡提到的CoCo和MCG分別是什麼？", {"004"}, {"一家", "报告", "提到"}),
        # a period in a title ("for the 2024-2027 Strategic Plan") is no year that names it
        (
            "What are the three pillars in the Council 2024 report?",
            {"004"},
            {"council", "2024", "report"},
        ),
    ],
)
def test_a_named_source(question: str, docs: set[str], tokens: set[str]) -> None:
    found = read_source_named(normalize(question), DOCS)
    assert found is not None and found.docs == docs and tokens <= found.tokens


@pytest.mark.parametrize(
    "question",
    [
        "How many people were offline in 2022?",
        # the document is what is asked, or whose contact: no source of an answer
        "Which Council 2024 document showcases the ITU as One way of working?",
        "2018年务虚会报告的联络人是谁？",
        # a document named by no words of its own
        "文件里说的CIRT是指什么？",
        "What does the report on LDC5 say?",
        # "reports" is a verb here
        "Which team reports progress on the vision?",
    ],
)
def test_no_source_named(question: str) -> None:
    assert read_source_named(normalize(question), DOCS) is None


@pytest.mark.parametrize(
    ("question", "record"),
    [
        (
            "How many people were offline worldwide in 2022 according to the Council 2023 "
            "vision document?",
            "fact:strategy-offline-2022",
        ),
        (
            "Which flagship initiatives and events does the C23/36 paper say ITU will keep "
            "running to strengthen its strategic position? Please list them.",
            "fact:strategy-flagship-initiatives",
        ),
    ],
)
def test_the_source_named_is_where_the_answer_is_looked_for(
    answer_engine: AnswerEngine, question: str, record: str
) -> None:
    answer = answer_engine.answer(question)
    assert answer.answered and answer.record == record


def test_an_acronym_asked_in_a_document_is_expanded(answer_engine: AnswerEngine) -> None:
    answer = answer_engine.answer(
        "What is BCG in the C23/36 document on turning the vision into action?"
    )
    assert answer.answered and "Boston Consulting Group" in str(answer.parts)


def test_a_record_of_another_document_does_not_answer_for_the_one_named(
    answer_engine: AnswerEngine,
) -> None:
    # the pillars are C23/36's (Council 2023), not the Council 2024 report's
    answer = answer_engine.answer("What are the three pillars in the Council 2024 report?")
    assert answer.record != "fact:strategy-three-pillars"
