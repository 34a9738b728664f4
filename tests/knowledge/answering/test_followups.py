"""Follow-ups: a short question read in the context of the turn before, and only then."""

from __future__ import annotations

import pytest

from bot.text_render import count_context_lines, render_answer_parts, render_answer_text
from knowledge.answering import Answer, AnswerEngine, AnswerKind, TurnContext, answer_in_context

P3_BUDGET = TurnContext(codes=("P3",), aspect="budget", lang="en", question="What is P3's budget?")


def _text(engine: AnswerEngine, question: str, context: TurnContext | None) -> str:
    return render_answer_text(answer_in_context(engine, question, context)[0])


@pytest.mark.parametrize(
    "question",
    [
        "What is the budget of E1?",
        "How many KPIs are there in total?",
        "Which priority has the largest budget?",
        "What's the weather in Geneva tomorrow?",
        "Who heads P2?",
        "网络安全的关键绩效指标有哪些？",
        "What are the KPIs on digital skills?",
        "Tell me about P2",
        "What is P2?",
        "Describe P1",
        "介绍一下P2",
        "P2是什么？",
        "介紹一下P2",
        "P4是什麼？",
    ],
)
def test_a_question_that_stands_on_its_own_is_answered_as_alone(
    answer_engine: AnswerEngine, question: str
) -> None:
    alone = render_answer_text(answer_engine.answer(question))
    assert _text(answer_engine, question, P3_BUDGET) == alone
    assert _text(answer_engine, question, None) == alone


def test_a_new_subject_takes_the_question_before(answer_engine: AnswerEngine) -> None:
    answer, context = answer_in_context(answer_engine, "and P2?", P3_BUDGET)
    text = render_answer_text(answer)
    assert text.startswith("P2 – Digital transformation: 2023 budget CHF 756,000,")
    assert context.codes == ("P2",) and context.aspect == "budget"


def test_a_new_aspect_takes_the_subject_before(answer_engine: AnswerEngine) -> None:
    text = _text(answer_engine, "its KPIs?", P3_BUDGET)
    assert text.startswith("P3 – Enabling policy and regulatory environment:\n")
    assert "P3-PR-1" in text


def test_a_computation_takes_the_figure_before(answer_engine: AnswerEngine) -> None:
    assert "592,000" in _text(answer_engine, "how much more is that than P1?", P3_BUDGET)


def test_another_year_keeps_the_question(answer_engine: AnswerEngine) -> None:
    answer, context = answer_in_context(answer_engine, "in 2024?", P3_BUDGET)
    assert "2024" in render_answer_text(answer) and context.year == 2024


def test_a_language_switch_asks_again_in_the_other_language(answer_engine: AnswerEngine) -> None:
    answer, context = answer_in_context(answer_engine, "中文呢？", P3_BUDGET)
    assert answer.lang == "zh" and "1,111,000" in render_answer_text(answer)
    answer, _ = answer_in_context(answer_engine, "用繁體中文", P3_BUDGET)
    assert answer.script == "hant" and "預算" in render_answer_text(answer)
    answer, _ = answer_in_context(answer_engine, "in English?", context)
    assert answer.lang == "en" and "Enabling policy" in render_answer_text(answer)


def test_the_other_one_after_an_ambiguous_answer(answer_engine: AnswerEngine) -> None:
    _, context = answer_in_context(
        answer_engine, "What is the budget for capacity development?", None
    )
    assert set(context.candidates) == {"P3-CD", "P4-CD"}
    text = _text(answer_engine, "the other one", context)
    assert "80,000" in text and "306,500" not in text


def test_a_follow_up_without_a_subject_before_stands_alone(answer_engine: AnswerEngine) -> None:
    _, context = answer_in_context(answer_engine, "What is the WSIS Forum?", None)
    assert context.codes == ()
    assert _text(answer_engine, "its KPIs?", context) == render_answer_text(
        answer_engine.answer("its KPIs?")
    )


def test_a_traditional_follow_up_keeps_the_script(answer_engine: AnswerEngine) -> None:
    _, context = answer_in_context(answer_engine, "數字化轉型的預算是多少？", None)
    answer, _ = answer_in_context(answer_engine, "那P4呢？", context)
    assert answer.script == "hant" and "預算" in render_answer_text(answer)


def test_a_context_round_trips_through_json_and_refuses_what_is_not_one() -> None:
    context = TurnContext(codes=("P2", "P1"), aspect="difference", year=2023, candidates=("X",))
    assert TurnContext.from_dict(context.to_dict()) == context
    assert TurnContext.from_dict({"codes": "P2"}) is None
    assert TurnContext.from_dict([]) is None
    assert TurnContext.from_dict({"year": True}) is None
    assert TurnContext.from_dict({"aspect": "weather"}) == TurnContext()


_P2_EN = (
    "P2 – Digital transformation: 2023 budget CHF 756,000, 18.0% of the total budget"
    " (CHF 4,200,000).\n"
)


@pytest.mark.parametrize(
    ("first", "follow_up", "opening"),
    [
        ("What is the 2023 budget for P3?", "and P2?", _P2_EN),
        ("What share of the budget is P3?", "and P2?", _P2_EN),
        (
            "P3的2023年预算是多少？",
            "那P2呢？",
            "P2 – 数字化转型：2023年预算为756,000 瑞郎，占总预算（4,200,000 瑞郎）的18.0%。\n",
        ),
        (
            "P3的2023年預算是多少？",
            "那P2呢？",
            "P2 – 數字化轉型：2023年預算為756,000 瑞郎，佔總預算（4,200,000 瑞郎）的18.0%。\n",
        ),
    ],
)
def test_a_follow_up_whose_answer_names_its_subject_names_it_once(
    answer_engine: AnswerEngine, first: str, follow_up: str, opening: str
) -> None:
    _, context = answer_in_context(answer_engine, first, None)
    answer = answer_in_context(answer_engine, follow_up, context)[0]
    text = render_answer_text(answer)
    assert text[: len(opening)] == opening
    assert render_answer_parts(answer).body == opening.rstrip("\n")
    assert count_context_lines(answer) == 0


def test_a_turn_after_several_questions_follows_on_from_the_last_answered(
    answer_engine: AnswerEngine,
) -> None:
    first, context = answer_in_context(
        answer_engine, "What is P2's budget? Who is the Secretary-General of ITU?", None
    )
    assert first.kind is AnswerKind.MULTI
    answer, _ = answer_in_context(answer_engine, "and P3?", context)
    assert answer.answered and answer.kind is AnswerKind.BUDGET
    assert "1,111,000" in render_answer_text(answer)


def test_a_turn_after_several_answered_questions_follows_on_from_the_last(
    answer_engine: AnswerEngine,
) -> None:
    _, context = answer_in_context(answer_engine, "When is GSR-23? What is the P3 budget?", None)
    answer, _ = answer_in_context(answer_engine, "and its KPIs?", context)
    assert answer.answered and "P3" in render_answer_text(answer)
    assert "82" not in render_answer_text(answer)  # P3's KPIs, not all of them


def _converse(engine: AnswerEngine, turns: list[str]) -> Answer:
    context = None
    answer = None
    for turn in turns:
        answer, context = answer_in_context(engine, turn, context)
    assert answer is not None
    return answer


def test_a_turn_naming_nothing_after_a_fact_is_asked_of_that_fact(
    answer_engine: AnswerEngine,
) -> None:
    # the share said before, turned into francs (a ranking of every line had been given)
    answer = _converse(
        answer_engine,
        ["What share of the OP-23 budget goes to external contracts?", "What's that in CHF?"],
    )
    assert "504,000" in render_answer_text(answer)
    # the countries the applicants came from, in the record before
    answer = _converse(
        answer_engine,
        ["How many institutions applied to the ATC programme?", "and how many countries?"],
    )
    assert answer.answered and "35 countries" in render_answer_text(answer)
    # the Malawi drill's record counts no one: declined, not the Saudi drill's 60
    answer = _converse(answer_engine, ["非洲区域网络演练是什么时候举行的？", "大概多少人参加了？"])
    assert not answer.answered and "60" not in render_answer_text(answer)
    # a turn that names a line of its own still follows on as before
    answer = _converse(answer_engine, ["What is P2's budget?", "and P3?"])
    assert "1,111,000" in render_answer_text(answer)
