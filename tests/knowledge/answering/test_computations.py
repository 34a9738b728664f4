"""Computations beyond sums: ratios, averages, shares of a group, percentages of an amount,
and counts inside a fact; each grounded in figures the store identifies, or not given."""

from __future__ import annotations

import re
from decimal import Decimal

import pytest

from bot.text_render import render_answer_text
from knowledge.answering.answer import AnswerKind
from knowledge.answering.answerability import CHANGE, read_operation
from knowledge.answering.computations import (
    DaySpan,
    Money,
    days_spanned,
    names_two_periods,
    read_counts,
    read_money,
    to_rounded,
)
from knowledge.answering.engine import AnswerEngine
from knowledge.answering.text import normalize


def _computed(engine: AnswerEngine, question: str) -> tuple[str, object, list[str]]:
    answer = engine.answer(question)
    assert answer.answered and answer.kind == "compute", (question, answer.kind)
    codes = [f.subject.code for f in answer.parts["figures"]]
    return answer.parts["op"], answer.parts["result"], codes


@pytest.mark.parametrize(
    "question, op, result",
    [
        # 756,000 / 519,000; the larger over the smaller whatever the order asked
        ("How many times as large as P1's budget is P2's?", "ratio", Decimal("1.46")),
        ("E3的预算是E4的几倍", "ratio", Decimal("2.61")),
        ("By how much does P2's budget exceed P1's?", "difference", 237_000),
        # two amounts compared by a factor, a multiple or in percent: 1,111,000 / 519,000
        ("By what factor does P3's budget exceed P1's?", "ratio", Decimal("2.14")),
        ("What multiple of E1's budget is E2's budget?", "ratio", Decimal("18.67")),
        ("Is P3's budget more than double P1's?", "ratio", Decimal("2.14")),
        ("By what percentage is P3's budget larger than P1's?", "ratio", Decimal("2.14")),
        ("P3的预算比P1多百分之几？", "ratio", Decimal("2.14")),
        ("what % more does E3 get vs E4", "ratio", Decimal("2.61")),
        ("P3的预算是不是P1的两倍以上", "ratio", Decimal("2.14")),
        # one figure "twice as much" is a doubling, not a ratio
        ("What is double what E1 gets?", "change", 30_000),
        ("What is twice as much as P1's budget?", "change", 1_038_000),
        ("P2的两倍是多少", "change", 1_512_000),
        # any other multiple of one figure: 480,000 × 3; 756,000 × 3; 15,000 × 10
        ("P4的三倍是多少", "change", 1_440_000),
        ("What would P2's budget be if it tripled?", "change", 2_268_000),
        ("What is ten times E1's budget?", "change", 150_000),
        ("What is three times the P1 budget?", "change", 1_557_000),
        ("What is three times P1?", "change", 1_557_000),
        # halved: a cut of 50% (404,500 / 2)
        ("If E3's budget were halved, how much would it be?", "change", 202_250),
        ("如果E3的预算减半，是多少？", "change", 202_250),
        # two lines and a multiple: a yes or no on how many times one is the other
        ("Is the P4 budget three times the E4 budget?", "ratio", Decimal("3.1")),
        # a fraction of a line named without the word budget: 756,000 / 2
        ("P2的一半是多少", "percent_of", 378_000),
        # an English fraction of the whole budget is no attribute asked of it
        ("What is a quarter of the total budget?", "percent_of", 1_050_000),
        # percentage points compare shares (26.5% − 18.0%), not amounts
        (
            "How many percentage points larger is P3's share than P2's?",
            "share_difference",
            Decimal("8.5"),
        ),
        ("What percentage points more does P3 have than P1?", "share_difference", Decimal("14.1")),
        # (519 + 756 + 1,111) / 3 thousand
        ("average budget of P1, P2 and P3", "average", 795_333.33),
        ("P1两个主题的平均预算", "average", 259_500),
        # P1-INF 392,000 over its 9 KPIs
        ("budget per KPI of the network and digital infrastructure theme", "per_kpi", 43_555.56),
        ("What is 20% of P4's budget in CHF?", "percent_of", 96_000),
        ("How much is 50% of P2's budget?", "percent_of", 378_000),
        ("Quick maths please: what is 10% of P3's 2023 budget?", "percent_of", 111_100),
        ("If P3's budget were cut by a quarter, how much would be left?", "change", 833_250),
        ("如果P3的预算削减四分之一，还剩多少？", "change", 833_250),
        ("What if E2 is increased by a fifth?", "change", 336_000),
        ("总预算的5%相当于多少瑞郎", "percent_of", 210_000),
        # 1,111,000 / (756,000 + 1,111,000)
        ("What share of the P2 and P3 budgets combined does P3 have?", "share", Decimal("59.5")),
        # of its class's budget: 280,000 / 1,214,000 (the enablers), not of the total
        ("E2占推动因素总预算的比例是多少？", "share", Decimal("23.1")),
        ("What share of the enablers' total budget does E2 get?", "share", Decimal("23.1")),
        # 1,111,000 / 2,986,000 (the priorities)
        ("What percentage of the priorities' combined budget is P3?", "share", Decimal("37.2")),
        # (declined before a share of a class was computed): 404,500 / 1,214,000
        ("What percentage of the enablers' budget goes to E3?", "share", Decimal("33.3")),
        # 359,500 × 90 / 100; 392,000 × 110 / 100; 4,200,000 × 105 / 100
        ("If the E5 budget were cut by 10%, how much would remain?", "change", 323_550),
        ("如果网络和数字基础设施主题的预算增加10%，会是多少？", "change", 431_200),
        ("What would the total budget be after a 5% increase?", "change", 4_410_000),
        # 480,000 × 120 / 100; 359,500 × 90 / 100
        ("If P4 got 20% more, what would its budget be?", "change", 576_000),
        ("如果E5少10%，预算是多少？", "change", 323_550),
        ("如果E1的预算翻倍，会是多少？", "change", 30_000),
        ("如果E4的预算翻一倍，会是多少？", "change", 310_000),
        # the largest and smallest of a named priority's themes: 466,000 − 306,500
        ("P3三个主题里预算最多的和最少的相差多少？", "extremes", 159_500),
        ("How much is 10% of the cybersecurity budget?", "percent_of", 40_000),
        ("What is 12% of the total budget?", "percent_of", 504_000),
        # 4,200,000 − (519,000 + 756,000 + 1,111,000 + 480,000); 756,000 − 394,000
        ("How much of the budget is not allocated to P1, P2, P3 and P4?", "remainder", 1_334_000),
        ("What is the budget of P2 other than digital services?", "remainder", 362_000),
        ("除P1以外的预算有多少", "remainder", 3_681_000),
        # shares apart, in points: 83.3% − 16.7% of P4 (named); 18.0% − 12.4% of the total
        ("P4里网络安全占比和能力开发占比相差多少个百分点？", "share_difference", Decimal("66.6")),
        (
            "What is the difference between the shares of cybersecurity and capacity "
            "development in P4?",
            "share_difference",
            Decimal("66.6"),
        ),
        (
            "How many percentage points separate P1 and P2 shares of the total budget?",
            "share_difference",
            Decimal("5.6"),
        ),
        # of two priorities' themes: of the total (9.5% − 8.1%)
        ("网络安全和统计数据的占比相差多少？", "share_difference", Decimal("1.4")),
    ],
)
def test_computes_from_the_budget_lines(
    answer_engine: AnswerEngine, question: str, op: str, result: object
) -> None:
    got_op, got, _ = _computed(answer_engine, question)
    assert got_op == op
    assert Decimal(str(got)) == Decimal(str(result))


@pytest.mark.parametrize(
    ("question", "said", "unsaid"),
    [
        # (1,111,000 − 519,000) / 519,000 and / 1,111,000: more and less, in percent
        ("By what percentage is P3's budget larger than P1's?", ["2.14", "114.1%", "53.3%"], []),
        ("P3的预算比P1多百分之几？", ["2.14倍", "114.1%", "53.3%"], []),
        # 34.6 times is not also said as "3360% more" unless percent is asked
        ("How many times bigger is P1's budget than E1's?", ["34.6 times"], ["3360%"]),
        ("By what percent is P1's budget bigger than E1's?", ["3360%"], []),
        # percentage points compare shares, not amounts: 18.0% − 12.4%
        ("How many percentage points separate P1 and P2 shares of the total budget?", ["5.6"], []),
    ],
)
def test_a_comparison_is_said_in_percent_when_asked_or_when_small(
    answer_engine: AnswerEngine, question: str, said: list[str], unsaid: list[str]
) -> None:
    text = render_answer_text(answer_engine.answer(question))
    assert all(s in text for s in said), text
    assert not any(s in text for s in unsaid), text


def test_an_average_over_a_class_takes_every_line_of_it(answer_engine: AnswerEngine) -> None:
    _, result, codes = _computed(answer_engine, "average budget of the enablers")
    assert codes == ["E1", "E2", "E3", "E4", "E5"]
    assert result == 242_800


@pytest.mark.parametrize(
    "question",
    [
        "How many times bigger is P9's budget than P2's?",  # no P9
        "What is 10% of the UMC project's budget in CHF?",  # neither a line nor the total
        "average budget of the two enablers",  # five enablers, not two
        "how many times bigger is P2",  # one figure only
        "P2 gets 18% of the budget, how much is that?",  # 18% is P2's share, not of P2
        "What is the average KPI count per priority?",  # KPIs, not budgets
    ],
)
def test_a_computation_without_two_identified_figures_is_not_given(
    answer_engine: AnswerEngine, question: str
) -> None:
    answer = answer_engine.answer(question)
    assert answer.kind != "compute" or answer.parts["op"] in ("sum", "difference")
    assert not (answer.answered and answer.kind == "compute")


def test_a_share_inside_a_fact_is_computed_from_its_two_counts(
    answer_engine: AnswerEngine,
) -> None:
    answer = answer_engine.answer(
        "In 2022, what percentage of ITU Academy participants obtained a certificate?"
    )
    assert answer.parts["op"] == "fact_share"
    assert (answer.parts["part"].value, answer.parts["whole"].value) == (4000, 5200)
    assert answer.parts["result"] == Decimal("76.9")


def test_a_sum_inside_a_fact_adds_the_counts_the_question_names(
    answer_engine: AnswerEngine,
) -> None:
    # (Spelled "Learning Lab", the name is not sure enough to answer: "did you mean".)
    question = "How many ITU staff attended the two LearningLabs events in total?"
    answer = answer_engine.answer(question)
    assert answer.parts["op"] == "fact_sum"
    assert answer.parts["result"] == 370


def test_counts_leave_out_years_dates_and_percentages() -> None:
    counts = read_counts("In 2022, on 3 May, 5 200 participants, 12% of them, 4,000 people")
    assert [c.value for c in counts] == [5200, 4000]


def test_results_are_shown_without_trailing_zeros() -> None:
    assert to_rounded(Decimal("34.600"), Decimal("0.01")) == Decimal("34.6")
    assert to_rounded(Decimal("5.0001"), Decimal("0.01")) == 5


def test_the_outcomes_are_counted_per_priority_and_added_up(answer_engine: AnswerEngine) -> None:
    answer = answer_engine.answer("How many outcomes are there in total?")
    assert answer.parts["op"] == "results_total"
    assert answer.parts["result"] == sum(r["count"] for r in answer.parts["rows"]) == 47
    assert answer.parts["themes"] == 15


def test_the_kinds_of_outputs_are_listed_with_their_counts(answer_engine: AnswerEngine) -> None:
    answer = answer_engine.answer("ITU-D的输出成果（产品和服务）有哪几类？")
    kinds = {r["zh"] for r in answer.parts["rows"]}
    assert {"能力开发", "召集平台", "提供技术援助"} <= kinds
    assert answer.parts["result"] == 53


def test_outputs_of_something_in_particular_are_not_counted_whole(
    answer_engine: AnswerEngine,
) -> None:
    answer = answer_engine.answer(
        "How many outputs are delivered by ITU staff with external contracts?"
    )
    assert answer.parts.get("op") != "results_total"


def test_numbers_inside_codes_are_no_counts() -> None:
    assert [c.value for c in read_counts("OP-23 lists 53 outputs; COP28 and P2 too")] == [53]
    # Chinese characters before a number do not hide it
    assert [c.value for c in read_counts("为5 200多名学员提供培训，其中4 000多人")] == [5200, 4000]


def test_a_share_inside_a_fact_in_traditional_characters(answer_engine: AnswerEngine) -> None:
    answer = answer_engine.answer("2022年國際電聯學院的學員中，獲得成績證書的佔多少比例？")
    assert answer.parts["result"] == Decimal("76.9")


def test_the_largest_and_the_smallest_are_given_together(answer_engine: AnswerEngine) -> None:
    op, gap, codes = _computed(
        answer_engine, "Which enabler gets the most money and which gets the least?"
    )
    assert (op, codes, gap) == ("extremes", ["E3", "E1"], 404_500 - 15_000)


def test_two_amounts_in_two_quoted_facts_are_added_up(answer_engine: AnswerEngine) -> None:
    answer = answer_engine.answer("“UMC”和“VaMoz Digital”两个项目一共多少欧元？")
    assert answer.parts["op"] == "money_sum"
    assert (answer.parts["result"], answer.parts["currency"]) == (5_300_000, "EUR")
    assert len(answer.sources) >= 1


def test_amounts_are_read_with_their_scale_and_currency() -> None:
    assert read_money("230万欧元") == [Money(Decimal(2_300_000), "EUR")]
    assert read_money("EUR 3 million") == [Money(Decimal(3_000_000), "EUR")]
    assert read_money("三年半") == []


@pytest.mark.parametrize(
    "question",
    ["If the Giga budget were cut by 10%, what would be left?", "除了P9以外的预算有多少"],
)
def test_a_change_or_remainder_without_its_figures_is_not_answered_with_others(
    answer_engine: AnswerEngine, question: str
) -> None:
    answer = answer_engine.answer(question)
    assert not answer.answered


@pytest.mark.parametrize(
    "question",
    [
        "What's the combined budget of all the enablers?",
        "所有推动因素的预算加起来是多少？",
        # the number of lines stated, when it is the table's
        "What is the combined budget of the five enablers?",
        "五个推动因素的预算加起来是多少？",
    ],
)
def test_a_sum_over_a_class_adds_every_line_of_it(
    answer_engine: AnswerEngine, question: str
) -> None:
    op, result, codes = _computed(answer_engine, question)
    assert (op, result, codes) == ("sum", 1_214_000, ["E1", "E2", "E3", "E4", "E5"])


@pytest.mark.parametrize(
    "question",
    ["What is the combined budget of the four enablers?", "四个推动因素的预算加起来是多少？"],
)
def test_a_sum_over_a_class_of_another_size_is_not_given(
    answer_engine: AnswerEngine, question: str
) -> None:
    # the table has five lines of enablers: four of them are not known
    assert not answer_engine.answer(question).answered


def test_a_comparison_stated_in_chinese_is_no_change_asked() -> None:
    # "P3比P2多20%吗" compares; only "如果…多20%" supposes a change
    assert read_operation(normalize("P3比P2多20%吗？")) != CHANGE
    assert read_operation(normalize("如果P3多20%，会是多少？")) == CHANGE


@pytest.mark.parametrize(
    "question, code, nth",
    [
        ("Which enabler has the second largest budget?", "E5", 2),
        ("哪個推動因素的預算第二少？", "E4", 2),
        ("在P1至P4中，预算排名第三的是哪个重点工作？", "P1", 3),
        ("P1到P4里预算最少的是哪个？", "P4", 1),
    ],
)
def test_a_place_in_a_ranking_of_the_lines_named(
    answer_engine: AnswerEngine, question: str, code: str, nth: int
) -> None:
    answer = answer_engine.answer(question)
    assert answer.answered and answer.kind == "extreme"
    assert [f.subject.code for f in answer.parts["figures"]] == [code]
    assert answer.parts["nth"] == nth


@pytest.mark.parametrize(
    "question",
    [
        "By how much did the number of staff in the visioning grow?",
        "愿景规划的工作人员最终比最初多了多少人？",
    ],
)
def test_a_difference_of_two_counts_inside_a_fact(
    answer_engine: AnswerEngine, question: str
) -> None:
    # "initially 40 staff members, eventually growing to 65"
    op, result, _ = _computed(answer_engine, question)
    assert (op, result) == ("fact_difference", 25)


@pytest.mark.parametrize(
    "question",
    [
        "How many participants did not complete their ITU Academy course in 2022?",
        "2022年有多少学员没有获得成绩证书？",
    ],
)
def test_those_a_count_leaves_out_are_computed(answer_engine: AnswerEngine, question: str) -> None:
    # more than 5 200 participants, of whom more than 4 000 completed
    op, result, _ = _computed(answer_engine, question)
    assert (op, result) == ("fact_difference", 1200)


def test_those_left_out_with_were_not_are_computed(answer_engine: AnswerEngine) -> None:
    # more than 50 institutions applied, of which 14 were selected
    question = "How many institutions applied but were not selected for ATC?"
    op, result, _ = _computed(answer_engine, question)
    assert (op, result) == ("fact_difference", 36)


@pytest.mark.parametrize(
    "question",
    [
        # an item's number ("1) whether they approve …") is no count
        "How many countries have not adopted the new IDI methodology?",
        # the fact's counts, not the difference asked: declined, not given whole
        "How many ATC applicants were not selected?",
    ],
)
def test_those_left_out_that_no_two_counts_give_are_declined(
    answer_engine: AnswerEngine, question: str
) -> None:
    assert not answer_engine.answer(question).answered


@pytest.mark.parametrize(
    "question, result",
    [("What is half of P3's budget?", 555_500), ("总预算的四分之一是多少？", 1_050_000)],
)
def test_a_fraction_of_a_line(answer_engine: AnswerEngine, question: str, result: int) -> None:
    op, got, _ = _computed(answer_engine, question)
    assert (op, got) == ("percent_of", result)


@pytest.mark.parametrize(
    "question, op, result",
    [
        ("How many more KPIs does P1 have than P2?", "kpi_difference", 3),  # 15 − 12
        ("P1的KPI是P4的几倍？", "kpi_ratio", Decimal("1.5")),  # 15 / 10
        # counted, not the budgets: 16 / 10
        ("How many times more KPIs does P3 have than P4?", "kpi_ratio", Decimal("1.6")),
        ("What share of all KPIs belong to P3?", "kpi_share", Decimal("19.5")),  # 16 / 82
    ],
)
def test_kpi_counts_are_computed(
    answer_engine: AnswerEngine, question: str, op: str, result: object
) -> None:
    answer = answer_engine.answer(question)
    assert answer.answered and answer.kind == "compute"
    assert (answer.parts["op"], answer.parts["result"]) == (op, result)


def test_a_kpi_about_a_percentage_asks_no_share(answer_engine: AnswerEngine) -> None:
    question = "P4 has a KPI on the percentage of users with digital skills. Which levels?"
    assert answer_engine.answer(question).kind != "compute"


@pytest.mark.parametrize(
    "question, op, codes",
    [
        # an enabler's one theme is figured as the enabler
        ("Which themes have a budget above CHF 400,000?", "above", ["P3-PR", "E3"]),
        ("哪些推动因素的预算低于20万瑞郎？", "below", ["E4", "E1"]),
        ("Which is bigger, E2 or E5?", "max", ["E5"]),
        ("E1和E4哪个预算少？", "min", ["E1"]),
        ("Is cybersecurity the biggest theme in P4?", "max", ["P4-CYB"]),
    ],
)
def test_lines_compared_with_an_amount_or_each_other(
    answer_engine: AnswerEngine, question: str, op: str, codes: list[str]
) -> None:
    answer = answer_engine.answer(question)
    assert answer.answered and answer.kind == "extreme"
    assert answer.parts["op"] == op
    assert [f.subject.code for f in answer.parts["figures"]] == codes


def test_a_number_of_things_is_no_amount_to_compare_with(answer_engine: AnswerEngine) -> None:
    assert answer_engine.answer("Which themes work in over 40 countries?").kind != "extreme"


@pytest.mark.parametrize("question", ["How much is P3 in USD?", "P3的预算折合多少美元？"])
def test_another_currency_is_not_computed(answer_engine: AnswerEngine, question: str) -> None:
    # the documents give no exchange rate: not the CHF figure as if it answered
    answer = answer_engine.answer(question)
    assert not answer.answered and answer.kind == "cannot_compute"
    assert answer.parts["operation"] == "convert"


def test_how_many_times_something_happened_is_no_ratio(answer_engine: AnswerEngine) -> None:
    question = "How many times did the capacity development task force meet in 2022?"
    assert answer_engine.answer(question).kind != "compute"


@pytest.mark.parametrize(
    "question, result",
    [
        ("四分之一的P3预算是多少", 277_750),
        ("what is two thirds of P1's budget", 346_000),
        ("what is a fifth of the total budget", 840_000),
        ("what is 150% of E2's budget", 420_000),
    ],
)
def test_fractions_and_percentages_over_100(
    answer_engine: AnswerEngine, question: str, result: int
) -> None:
    op, got, _ = _computed(answer_engine, question)
    assert (op, got) == ("percent_of", result)


@pytest.mark.parametrize(
    ("question", "op", "result"),
    [
        # a comparison with a verb between 多 and 多少
        ("P3比P2多拿了多少预算？", "difference", 355000),
        ("E3多樣性和包容性比E4環境可持續性多分到多少預算？", "difference", 249500),
        # one line as a percentage of another, whichever way round it is asked
        ("P5/E6/E7的預算相當於P1預算的百分之幾？", "relative", Decimal("23.1")),
        ("What percentage of P1's budget is P5?", "relative", Decimal("23.1")),
        ("P3 as a share of P2", "relative", 147),
        # an opening clause that says how to compute is kept ("Taken" is no "ta", thanks)
        ("Taken together, how much is budgeted for P3 and P4?", "sum", 1591000),
        # both classes named: all ten lines of Table 1
        ("average allocation across the ten priority/enabler lines", "average", 420000),
        # a percentage of the whole, whatever else the question names
        (
            "Taking the 54% share for global and multi-regional outputs, roughly how many CHF "
            "is that out of the 4.2 million total?",
            "percent_of",
            2268000,
        ),
    ],
)
def test_computations_asked_in_other_words(
    answer_engine: AnswerEngine, question: str, op: str, result: Decimal | int
) -> None:
    answer = answer_engine.answer(question)
    assert answer.kind is AnswerKind.COMPUTE
    assert (answer.parts["op"], answer.parts["result"]) == (op, result)


@pytest.mark.parametrize(
    "question",
    [
        "What share of the total budget is P3?",
        "P3占总预算的百分之几？",
        "数字化转型占OP-23预算的百分之多少？",
    ],
)
def test_a_share_of_the_whole_is_no_line_relative_to_another(
    answer_engine: AnswerEngine, question: str
) -> None:
    answer = answer_engine.answer(question)
    assert answer.answered and answer.kind is AnswerKind.BUDGET


@pytest.mark.parametrize(
    ("question", "share"),
    [
        ("What percentage of P2 is digital services and applications?", "52.1%"),
        ("應急通信主題佔P1預算的百分之幾？", "24.5%"),
    ],
)
def test_a_theme_as_a_share_of_its_priority_is_answered(
    answer_engine: AnswerEngine, question: str, share: str
) -> None:
    answer = answer_engine.answer(question)
    assert answer.answered and share in render_answer_text(answer)


def test_a_relative_percentage_not_computed_is_not_answered_with_the_lines() -> None:
    assert read_operation(normalize("P5的预算相当于P1的百分之几")) == "relative"
    assert read_operation(normalize("what share of the budget is P3")) is None


@pytest.mark.parametrize(
    "question",
    [
        # a difference between figures of two facts, one of which is not found: one fact's
        # figure is no answer (both found: computed, see the test of two periods)
        "國際電聯學院2021年全年的新用戶數，比2023年1至3月新增的註冊用戶多多少？",
        # two lines to add, one found: no sum
        "价格可承受的连接和包容安全的电信/ICT这两项重点工作加起来预算一共多少？",
        # nor without "these two": one line and another thing joined to it
        "价格可承受的连接和包容安全的电信/信息通信技术加起来预算一共多少？",
    ],
)
def test_a_computation_missing_an_operand_is_not_answered(
    answer_engine: AnswerEngine, question: str
) -> None:
    answer = answer_engine.answer(question)
    assert not answer.answered and answer.kind is AnswerKind.CANNOT_COMPUTE


def test_counts_in_a_fact_added_up_when_asked_with_adding(answer_engine: AnswerEngine) -> None:
    answer = answer_engine.answer(
        "Adding external stakeholders and internal ITU colleagues, how many people did BCG "
        "interview at least?"
    )
    assert answer.answered and answer.parts["result"] == 74


def test_a_sum_that_leaves_a_line_out_adds_the_others(answer_engine: AnswerEngine) -> None:
    answer = answer_engine.answer(
        "What is the total 2023 budget of the four priorities P1, P2, P3 and P4 combined "
        "(excluding the P5/E6/E7 line)?"
    )
    assert (answer.parts["op"], answer.parts["result"]) == ("sum", 2866000)


def test_what_remains_once_a_line_is_left_out(answer_engine: AnswerEngine) -> None:
    answer = answer_engine.answer(
        "If we leave out the enabling policy and regulatory environment priority, how much of "
        "the OP-23 money remains for everything else?"
    )
    assert (answer.parts["op"], answer.parts["result"]) == ("remainder", 3089000)


def test_a_priority_named_beside_its_themes_scopes_them(answer_engine: AnswerEngine) -> None:
    answer = answer_engine.answer(
        "Within affordable connectivity, what's the gap between the network & digital "
        "infrastructure budget and the emergency telecom budget?"
    )
    assert (answer.parts["op"], answer.parts["result"]) == ("difference", 265000)


@pytest.mark.parametrize(
    "question",
    [
        # a gap between two lines, one of them found
        "What is the gap between the cybersecurity budget and the zorblax budget?",
    ],
)
def test_sums_and_gaps_of_lines_not_found_are_not_answered(
    answer_engine: AnswerEngine, question: str
) -> None:
    assert not answer_engine.answer(question).answered


@pytest.mark.parametrize(
    "question",
    [
        "願景規劃參與的工作人員從最初的人數增加到最終的人數，增幅是百分之多少？",
        "By what percentage did the number of staff in the visioning exercise grow?",
    ],
)
def test_a_rise_in_percent_inside_a_fact(answer_engine: AnswerEngine, question: str) -> None:
    # "from 40 to 65 staff": 62.5%, with its formula
    answer = answer_engine.answer(question)
    assert (answer.parts["op"], answer.parts["result"]) == ("fact_growth", Decimal("62.5"))
    assert re.search(r"[(（]65 − 40[)）] ?/ 40 = 62\.5%", render_answer_text(answer))


@pytest.mark.parametrize(
    ("question", "op", "result"),
    [
        ("What would 10% of the P1 budget be?", "percent_of", 51900),
        ("總預算扣掉P3之後還剩多少？", "remainder", 3089000),
    ],
)
def test_a_percentage_of_a_line_and_what_is_left_in_other_words(
    answer_engine: AnswerEngine, question: str, op: str, result: int
) -> None:
    answer = answer_engine.answer(question)
    assert (answer.parts["op"], answer.parts["result"]) == (op, result)


@pytest.mark.parametrize(
    ("question", "result"),
    [
        # a class less the lines left out, never the lines left out themselves
        ("Combined budget of all enablers except E1?", 1199000),
        ("Combined budget of the enablers, excluding E2 and E3?", 529500),
        ("所有重点工作的预算加起来是多少，不包括P5？", 2866000),
        ("除了P3以外，其他重点工作一共多少钱？", 1875000),
        ("不算E3，推動因素加起來一共多少？", 809500),
        ("去掉E1和E4，推动因素一共多少？", 1044000),
        # lines named, one of them left out again after
        ("P1, P2 and P3 combined, excluding P2?", 1630000),
        # an aside that leaves a line out
        ("What's the combined 2023 budget of P1-P4 (leave out the P5/E6/E7 line)?", 2866000),
        # a line's code after "not", in the question that points back to the sum
        (
            "Can someone add up the enablers E1 to E5 for me? Just those five, not the"
            " P5/E6/E7 line. What's their combined 2023 budget?",
            1214000,
        ),
    ],
)
def test_a_sum_that_leaves_lines_out(
    answer_engine: AnswerEngine, question: str, result: int
) -> None:
    answer = answer_engine.answer(question)
    assert (answer.parts["op"], answer.parts["result"]) == ("sum", result)


@pytest.mark.parametrize(
    "question",
    ["E2 is what percentage of E3?", "What percentage of E3 is E2?", "E2 as a share of E3"],
)
def test_the_part_and_the_base_of_a_percentage(answer_engine: AnswerEngine, question: str) -> None:
    answer = answer_engine.answer(question)
    assert (answer.parts["op"], answer.parts["result"]) == ("relative", Decimal("69.2"))
    assert answer.parts["figures"][0].subject.code == "E2"


@pytest.mark.parametrize(
    "question",
    [
        "What is the difference between P1, P2 and P3?",  # three lines: no one difference
    ],
)
def test_comparisons_the_engine_does_not_make_are_declined(
    answer_engine: AnswerEngine, question: str
) -> None:
    assert not answer_engine.answer(question).answered


def test_lines_added_up_on_one_side_of_a_comparison(answer_engine: AnswerEngine) -> None:
    # P3 against P1 and P4 together: 1,111,000 − (519,000 + 480,000)
    answer = answer_engine.answer("How much more does P3 get than P1 and P4 together?")
    assert answer.answered
    assert (answer.parts["op"], answer.parts["result"]) == ("group_difference", 112000)


@pytest.mark.parametrize(
    ("question", "result"),
    [
        ("What is the total of all priorities except P4?", 2506000),
        ("What is the total of all enablers except E3?", 809500),
    ],
)
def test_the_total_of_a_class_less_a_line(
    answer_engine: AnswerEngine, question: str, result: int
) -> None:
    # the class less the line, not the whole budget less it
    answer = answer_engine.answer(question)
    assert answer.answered and (answer.parts["op"], answer.parts["result"]) == ("sum", result)


@pytest.mark.parametrize(
    "question",
    [
        # a theme taken out of its priority's line: not added up here
        "What is the total of P3 and P4 excluding cybersecurity?",
        "What is the total of P3 and P4 but not cybersecurity?",
        # something left out that is not told apart by its name
        "除了網絡與數字基礎設施以外，P1和P2的預算合計是多少？",
    ],
)
def test_sums_leaving_out_what_cannot_be_taken_out_are_declined(
    answer_engine: AnswerEngine, question: str
) -> None:
    assert not answer_engine.answer(question).answered


@pytest.mark.parametrize(
    ("question", "shown"),
    [
        ("2018年电信发展局务虚会开了几天", "共5天"),  # 2月5至9日
        ("How many days did GSR-23 last?", "4 days"),  # 5 to 8 June
    ],
)
def test_the_days_a_dated_range_spans_are_counted(
    answer_engine: AnswerEngine, question: str, shown: str
) -> None:
    answer = answer_engine.answer(question)
    assert answer.answered and answer.parts["op"] == "fact_days"
    assert shown in render_answer_text(answer)


def test_days_spanned_reads_ranges_in_both_languages() -> None:
    assert days_spanned("held in Geneva from 5 to 9 February 2018") == DaySpan(5, 9, 5)
    assert days_spanned("于2018年2月5至9日在日内瓦举行") == DaySpan(5, 9, 5)
    assert days_spanned("5–8 June 2023") == DaySpan(5, 8, 4)
    assert days_spanned("in February 2018") is None
    # across two months
    assert days_spanned("will be held from 30 May to 1 June 2023") == DaySpan(30, 1, 3, 5, 6)
    assert days_spanned("将于2023年5月30日至6月1日举办") == DaySpan(30, 1, 3, 5, 6)
    assert days_spanned("from 28 February to 1 March 2024") == DaySpan(28, 1, 3, 2, 3)
    assert days_spanned("from 30 June to 1 May") is None  # backwards: no span


@pytest.mark.parametrize(
    ("question", "op", "result"),
    [
        # the two figures the question states are those the rate is of
        (
            "In 2022 the ITU Academy trained over 5,200 people and more than 4,000 of them"
            " earned a certificate. Based on those two figures, what completion rate is that?",
            "fact_share",
            "76.9",
        ),
        # "一共多了几人" is a difference, though 一共 also starts sums
        ("願景規劃工作參與的職員，從最初到最後一共多了幾人？", "fact_difference", "25"),
    ],
)
def test_figures_in_a_fact_computed_as_asked(
    answer_engine: AnswerEngine, question: str, op: str, result: str
) -> None:
    answer = answer_engine.answer(question)
    assert answer.answered and answer.parts["op"] == op
    assert str(answer.parts["result"]) == result


@pytest.mark.parametrize(
    "question",
    [
        # 54% is a share the documents give of the whole budget: taken of the total, not of
        # the line "multi-regional" names (E2), nor declined for naming outputs
        "按54%计算，分配给全球和多区域输出成果的资金大约是多少瑞郎？",
        "Taking the 54% share for global and multi-regional outputs, roughly how many CHF is that?",
    ],
)
def test_a_share_the_documents_give_of_the_budget_is_taken_of_the_total(
    answer_engine: AnswerEngine, question: str
) -> None:
    answer = answer_engine.answer(question)
    assert answer.answered and answer.parts["op"] == "percent_of"
    assert answer.parts["result"] == 2_268_000


@pytest.mark.parametrize(
    ("question", "result"),
    [
        ("What is 12% of the budget for cybersecurity?", 48_000),  # of the line named
        ("What is 12% of the total budget in CHF?", 504_000),
    ],
)
def test_a_percentage_is_taken_of_what_it_names(
    answer_engine: AnswerEngine, question: str, result: int
) -> None:
    answer = answer_engine.answer(question)
    assert answer.parts["op"] == "percent_of" and answer.parts["result"] == result


@pytest.mark.parametrize(
    "question",
    [
        # days until a date are no days a range spans
        "How many days until GSR-23?",
    ],
)
def test_no_figure_is_computed_from_counts_the_question_does_not_pick(
    answer_engine: AnswerEngine, question: str
) -> None:
    answer = answer_engine.answer(question)
    assert answer.kind is not AnswerKind.COMPUTE


@pytest.mark.parametrize(
    "question",
    [
        # people counted: of the 5 200 participants, not of the 200 courses the sentence counts
        "In 2022, roughly what proportion of ITU Academy learners completed their courses and"
        " got certificates?",
        "2022年国际电联学院学员中获得证书的比例是多少？",
        # a completion rate of people named: those who completed of the people counted
        "Roughly what completion rate did ITU Academy have in 2022 - learners who got a"
        " certificate vs learners trained?",
        # "w/" is "with"
        "in 2022 what share of ITU Academy trainees actually finished their course w/ a"
        " certificate?",
    ],
)
def test_a_share_of_people_is_of_the_people_counted(
    answer_engine: AnswerEngine, question: str
) -> None:
    answer = answer_engine.answer(question)
    assert answer.answered and answer.parts["op"] == "fact_share"
    assert str(answer.parts["result"]) == "76.9"


def test_a_share_of_things_is_not_taken_of_the_people_counted(
    answer_engine: AnswerEngine,
) -> None:
    # the courses are what the percentage is of: the people's two counts do not answer it
    answer = answer_engine.answer(
        "What percentage of the courses had more than 5 200 participants?"
    )
    assert answer.kind is not AnswerKind.COMPUTE


def test_a_total_of_two_things_is_of_the_record_holding_both(
    answer_engine: AnswerEngine,
) -> None:
    # "两场…加起来": the record of both sessions, added up; not the one of the second alone
    answer = answer_engine.answer("兩場學習實驗室活動加起來大約有多少名職員參加？")
    assert answer.kind is AnswerKind.COMPUTE and answer.parts["result"] == 370


def test_a_rise_states_the_difference_and_the_rate(answer_engine: AnswerEngine) -> None:
    answer = answer_engine.answer(
        "The internal visioning exercise started with 40 staff and ended with 65. By how many "
        "people, and by what percentage, did the group grow?"
    )
    assert "a rise of 25, or 62.5%" in render_answer_text(answer)


def test_a_difference_of_shares_says_what_they_are_shares_of(answer_engine: AnswerEngine) -> None:
    text = render_answer_text(
        answer_engine.answer("How many percentage points separate P1 and P2 shares of the total?")
    )
    assert "18.0% − 12.4% = 5.6 percentage points" in text and "of the total budget" in text
    zh = render_answer_text(
        answer_engine.answer("P4里网络安全占比和能力开发占比相差多少个百分点？")
    )
    assert "83.3% − 16.7% = 66.6个百分点" in zh
    # amounts apart stay amounts
    assert "237,000" in render_answer_text(answer_engine.answer("P1和P2的预算相差多少？"))


def test_two_counts_of_one_group_at_two_times_are_no_part_and_whole(
    answer_engine: AnswerEngine,
) -> None:
    # "initially 40 staff members, eventually growing to 65": 40 is not 61.5% of 65
    answer = answer_engine.answer("What percentage of ITU staff took part in the visioning?")
    assert not answer.answered
    # a rise is asked of them: the fact's counts supply it (unsure here: its candidates)
    grown = answer_engine.answer("By what percentage did the number of visioning staff grow?")
    assert grown.kind != AnswerKind.CANNOT_ANSWER
    # a part and its whole still are
    share = answer_engine.answer("What percentage of learners completed their course in 2022?")
    assert share.answered and "76.9%" in render_answer_text(share)


def test_by_how_many_is_a_difference(answer_engine: AnswerEngine) -> None:
    # "from 40 to 65 staff": the fact itself gave no 25 before
    answer = answer_engine.answer(
        "By how many did the number of staff in the visioning exercise grow?"
    )
    assert "65 − 40 = 25" in render_answer_text(answer)


def test_counts_of_different_things_are_not_added(answer_engine: AnswerEngine) -> None:
    # "近200个培训课程……5 200多名学员": courses and learners, no sum (5,400 before)
    answer = answer_engine.answer("国际电联学院2022年一共培训了多少学员啊？")
    assert answer.kind is not AnswerKind.COMPUTE
    assert "5 200" in render_answer_text(answer) or "5,200" in render_answer_text(answer)


@pytest.mark.parametrize(
    ("question", "result"),
    [
        # the percentage before its verb: what is left, not the 10% itself (75,600 before)
        ("If 10% of P2's budget were cut, how much would be left?", 680400),
        # "total budget of": a sum that leaves a line out, not "what is left" of the whole
        ("What's the total budget of all enablers except E2?", 934000),
    ],
)
def test_a_cut_stated_first_and_a_total_of_the_rest(
    answer_engine: AnswerEngine, question: str, result: int
) -> None:
    assert answer_engine.answer(question).parts["result"] == result


@pytest.mark.parametrize(
    ("question", "op", "result"),
    [
        # the words of the operation sank the fact below the answer threshold before
        ("By what percentage did the visioning staff grow?", "fact_growth", Decimal("62.5")),
        (
            "The visioning group started with 40 staff and ended up with 65. "
            "By what percentage did it grow?",
            "fact_growth",
            Decimal("62.5"),
        ),
        (
            "The visioning exercise started with 40 staff. By how many did the group grow by "
            "the end?",
            "fact_difference",
            25,
        ),
        ("愿景规划的工作人员增长了百分之多少？", "fact_growth", Decimal("62.5")),
    ],
)
def test_a_rise_asked_of_a_fact_is_found_without_the_operation_words(
    answer_engine: AnswerEngine, question: str, op: str, result: object
) -> None:
    answer = answer_engine.answer(question)
    assert answer.answered and (answer.parts["op"], answer.parts["result"]) == (op, result)


def test_a_rise_asked_of_a_fact_without_two_counts_is_not_computed(
    answer_engine: AnswerEngine,
) -> None:
    # the operation words set aside find a fact, but one count is no rise
    answer = answer_engine.answer("By what percentage did the ITU Academy's budget grow?")
    assert answer.kind is not AnswerKind.COMPUTE


@pytest.mark.parametrize(
    ("question", "said"),
    [
        ("By what percentage did P2's budget grow?", "that rise in percent"),
        ("By what percentage did ITU membership grow?", "that rise in percent"),
        ("P2的预算增长了百分之多少？", "增幅"),
    ],
)
def test_a_rise_of_a_figure_stated_once_is_not_computed(
    answer_engine: AnswerEngine, question: str, said: str
) -> None:
    # one year's budget is no rise: it was answered with the budget itself
    answer = answer_engine.answer(question)
    assert not answer.answered and answer.kind is AnswerKind.CANNOT_COMPUTE
    assert said in render_answer_text(answer)


def test_a_combined_attendance_adds_the_people_a_fact_counts(answer_engine: AnswerEngine) -> None:
    # 250 staff at the ChatGPT session and 120 at "Space, the next generation"
    answer = answer_engine.answer(
        "What was the combined attendance of the two LearningLabs sessions in May 2023?"
    )
    assert answer.answered and answer.parts["op"] == "fact_sum"
    assert answer.parts["result"] == 370


@pytest.mark.parametrize(
    "question",
    [
        "What's the total value of the two new EU projects that have a budget stated (UMC and "
        "VaMoz Digital)?",
        "If you add the two new EU projects together (the UMC one and VaMoz Digital), how many "
        "euros is that?",
        # joined by 和, in brackets or not ("VaMoz Digital" a name, no P2)
        "欧盟委员会那两个新项目（UMC和VaMoz Digital）合计多少欧元？",
        "UMC和VaMoz Digital合计多少欧元？",
        "What is the combined value of UMC and VaMoz Digital?",
        # two projects named, one quoted with an "and" of its own words aside
        "If you add the EC universal meaningful connectivity project and the 'Laying the "
        "foundations for VaMoz Digital' project together, how many euros is that?",
    ],
)
def test_two_named_in_brackets_are_added_up(answer_engine: AnswerEngine, question: str) -> None:
    # EUR 3 million (UMC) + EUR 2.3 million (VaMoz Digital), said in millions too
    answer = answer_engine.answer(question)
    assert answer.answered and answer.parts["op"] == "money_sum"
    english = answer.lang == "en"
    said = "EUR 5,300,000 (EUR 5.3 million)" if english else "5,300,000欧元（530万欧元）"
    assert said in render_answer_text(answer)


@pytest.mark.parametrize(
    ("question", "result"),
    [
        # "to 79% of normal cellular coverage": 100 − 79
        (
            "After the Türkiye/Syria earthquake, coverage fell to 79% of normal. By how many "
            "percentage points did it drop?",
            21,
        ),
        ("DCM數據顯示土耳其地震後網絡覆蓋率降到正常蜂窩覆蓋率的79%，即下降了多少個百分點？", 21),
        # "standing at only 36% of the normal level"
        (
            "By how many percentage points did cellular coverage in Vanuatu drop after the "
            "cyclones?",
            64,
        ),
    ],
)
def test_a_drop_in_points_is_taken_from_the_normal_level(
    answer_engine: AnswerEngine, question: str, result: int
) -> None:
    answer = answer_engine.answer(question)
    assert answer.answered and answer.parts["op"] == "fact_points_drop"
    assert answer.parts["result"] == result


@pytest.mark.parametrize(
    ("question", "result"),
    [
        # EUR 2.3 million over three and a half years; EUR 3 million over the next three
        (
            "VaMoz Digital is worth EUR 2.3 million over three and a half years. What's that "
            "per year on average?",
            657_143,
        ),
        ("How much is the UMC project per year?", 1_000_000),
        # the words of the operation found in no record: looked up without them
        ("UMC项目平均每年多少钱？", 1_000_000),
    ],
)
def test_an_amount_over_years_is_divided_per_year(
    answer_engine: AnswerEngine, question: str, result: int
) -> None:
    answer = answer_engine.answer(question)
    assert answer.answered and answer.parts["op"] == "fact_per_year"
    assert answer.parts["result"] == result


def test_an_amount_per_year_is_said_in_the_units_the_documents_use(
    answer_engine: AnswerEngine,
) -> None:
    text = render_answer_text(answer_engine.answer("UMC项目每年多少钱？"))
    assert "平均每年1,000,000欧元（约100万欧元）" in text
    text = render_answer_text(answer_engine.answer("How much is the UMC project per year?"))
    assert "EUR 1,000,000 a year on average (about EUR 1 million)" in text


@pytest.mark.parametrize(
    ("question", "said"),
    [
        ("P4的三倍是多少", ["（480,000 瑞郎）的3倍为1,440,000 瑞郎", "480,000 × 3 = 1,440,000"]),
        ("What is three times the P1 budget?", ["3 times P1", "519,000 × 3 = CHF 1,557,000"]),
    ],
)
def test_a_multiple_is_said_as_one(
    answer_engine: AnswerEngine, question: str, said: list[str]
) -> None:
    text = render_answer_text(answer_engine.answer(question))
    assert all(s in text for s in said), text


@pytest.mark.parametrize(
    "question",
    [
        # a multiple with no amount asked, of a share, or read two ways ("增加三倍": ×3 or ×4)
        "Did the P4 staff attend the retreat three times?",
        "If P3's share tripled, what would it be?",
        "P4增加三倍是多少？",
        # a multiple the computation would drop, a half of a fact's amount not computed
        "P3的三倍减去P1是多少？",
        "VaMoz Digital的一半是多少钱",
        # two projects joined by "and" with no money asked: no sum of their values
        "How long do UMC and VaMoz run in total?",
        "Which countries do UMC and VaMoz cover together?",
    ],
)
def test_a_part_multiple_or_sum_never_asked_as_such_is_declined(
    answer_engine: AnswerEngine, question: str
) -> None:
    answer = answer_engine.answer(question)
    assert not answer.answered, (answer.kind, render_answer_text(answer))


def test_things_counted_of_two_lines_are_no_budget_sum(answer_engine: AnswerEngine) -> None:
    answer = answer_engine.answer("How many outcomes do P1 and P2 have together?")
    assert answer.kind != AnswerKind.COMPUTE
    # money asked of a theme's outputs: its budget, not the list of outputs
    answer = answer_engine.answer("How much is for infrastructure-linked outputs?")
    assert answer.kind == AnswerKind.BUDGET
    # more than half is no half: not 50% of the budget computed
    answer = answer_engine.answer("OP-23预算的一半略多分配给了什么？")
    assert answer.kind != AnswerKind.COMPUTE


def test_two_projects_added_up_take_the_fact_of_each_that_states_an_amount(
    answer_engine: AnswerEngine,
) -> None:
    # the VaMoz Digital project's value (EUR 2.3 million), not the fact on what it aims at;
    # "what's the total in euros" after the names asks the sum, in the currency it is in
    question = (
        "If you add up the EU-funded meaningful connectivity project budget and the VaMoz "
        "Digital project value, what's the total in euros?"
    )
    answer = answer_engine.answer(question)
    assert answer.answered and answer.parts["op"] == "money_sum"
    assert answer.parts["result"] == 5_300_000


@pytest.mark.parametrize(
    "question",
    [
        # a lead-in before the names, an "and" inside one of them
        "What's the combined value of the two new EU-funded projects mentioned in OP-23, the "
        "universal and meaningful connectivity one and VaMoz Digital?",
        "What's the combined value in euros of the two new EC projects: the universal meaningful "
        "connectivity one and 'Laying the foundations for VaMoz Digital'?",
    ],
)
def test_two_projects_are_added_up_however_they_are_introduced(
    answer_engine: AnswerEngine, question: str
) -> None:
    answer = answer_engine.answer(question)
    assert answer.answered and answer.parts["op"] == "money_sum"
    assert answer.parts["result"] == 5_300_000


@pytest.mark.parametrize(
    "question",
    [
        "How many more people attended the ChatGPT session than the space session?",
        "LearningLabs两场活动里，ChatGPT那场比“空间，下一代”那场多了多少人？",
    ],
)
def test_people_asked_are_the_staff_a_fact_counts(
    answer_engine: AnswerEngine, question: str
) -> None:
    # some 250 and some 120 ITU staff: "people" counts them
    op, result, _ = _computed(answer_engine, question)
    assert (op, result) == ("fact_difference", 130)


def test_two_projects_named_in_a_sentence_before_the_question_are_added_up(
    answer_engine: AnswerEngine,
) -> None:
    question = (
        "BDT signed some new projects with the European Commission in 2023 - the universal and "
        "meaningful connectivity one and the VaMoz Digital one. What are their budgets added "
        "together, in euros?"
    )
    answer = answer_engine.answer(question)
    assert answer.answered and answer.parts["result"] == 5_300_000


@pytest.mark.parametrize(
    "question",
    [
        "“促进并衡量普遍和有意义的数字连接”项目的预算比“为VaMoz Digital奠基！”项目多多少欧元？",
        "How much more is the UMC project worth than the VaMoz Digital project?",
    ],
)
def test_one_project_less_another_is_computed(answer_engine: AnswerEngine, question: str) -> None:
    # EUR 3 million − EUR 2.3 million
    answer = answer_engine.answer(question)
    assert answer.answered and answer.parts["op"] == "money_difference"
    assert answer.parts["result"] == 700_000
    assert "700,000" in render_answer_text(answer)


def test_those_left_out_are_not_declined_when_the_fact_says_who_did_not(
    answer_engine: AnswerEngine,
) -> None:
    # a fact that speaks of those who did not may state their number: not declined as an
    # uncomputed difference
    from knowledge.answering.engine import _NEGATED

    assert _NEGATED.search("12 countries have not yet completed the switch")
    assert _NEGATED.search("尚未完成过渡的国家")
    assert not _NEGATED.search("More than 50 institutions applied, of which 14 were selected")


@pytest.mark.parametrize(
    ("question", "shown"),
    [
        (
            "How many new users joined the ITU Academy in 2022 and in January–March 2023 together?",
            "Together 11,600.\nComputed: 8,000 (2022: ",
        ),
        ("国际电联学院2022年和2023年1-3月一共新增了多少用户？", "合计11,600。"),
        ("國際電聯學院2022年和2023年1至3月合計新增多少用戶？", "合計11,600。"),
        # what is counted between the two periods
        ("國際電聯學院2022年全年的新用戶數，比2023年1至3月新增的註冊用戶多多少？", "兩者相差4,400"),
        (
            "How many more new users did the ITU Academy get in 2022 than in the first quarter "
            "of 2023?",
            "The difference is 4,400: 8,000 (2022) against 3,600 (first quarter of 2023).",
        ),
    ],
)
def test_counts_of_two_periods_in_two_facts_are_added_or_compared(
    answer_engine: AnswerEngine, question: str, shown: str
) -> None:
    answer = answer_engine.answer(question)
    assert answer.answered and answer.kind is AnswerKind.COMPUTE
    text = render_answer_text(answer)
    assert shown in text
    assert len(answer.sources) == 2  # each figure's own document


def test_a_sum_of_two_periods_not_worked_out_is_declined(answer_engine: AnswerEngine) -> None:
    # 2023's record is of January to March only: no year's count to add to 2022's
    answer = answer_engine.answer(
        "How many users did the ITU Academy have in 2022 and 2023 combined?"
    )
    assert not answer.answered


@pytest.mark.parametrize(
    ("text", "two"),
    [
        ("how many in 2022 and in january–march 2023 together", True),
        ("2022年和2023年1-3月一共", True),
        ("users in 2022 and q1 2023 combined", True),
        ("between 2022 and 2023, how many", False),  # one span
        ("from march 2022 to march 2023", False),
        ("能力发展任务组在2022年3月到2023年3月之间一共开了几次会？", False),
        ("in 2023 and in march 2023", False),  # one year
    ],
)
def test_two_periods_are_two_only_when_joined_as_two(text: str, two: bool) -> None:
    assert names_two_periods(text) is two


@pytest.mark.parametrize(
    ("question", "shown"),
    [
        (
            "How many times bigger is the largest budget line than the smallest?",
            "The largest is 74.07 times the smallest: 1,111,000 / 15,000 = 74.07.",
        ),
        ("OP-23预算表里金额最高的一项是最低一项的多少倍？", "最多的是最少的74.07倍"),
    ],
)
def test_how_many_times_the_largest_line_is_the_smallest(
    answer_engine: AnswerEngine, question: str, shown: str
) -> None:
    answer = answer_engine.answer(question)
    assert answer.answered and answer.parts["op"] == "extremes"
    assert shown in render_answer_text(answer)
    # asked only which: no ratio said
    answer = answer_engine.answer("Which line has the largest budget and which the smallest?")
    assert "times the smallest" not in render_answer_text(answer)


def test_a_change_by_a_third_is_worked_out_exactly(answer_engine: AnswerEngine) -> None:
    # no whole percentage to show it with: shown as a third of the line, never the line
    # unchanged nor a rounded 33.33%
    answer = answer_engine.answer("If P3's budget were cut by a third, how much would be left?")
    text = render_answer_text(answer)
    assert answer.answered and "740,666.67" in text and "1,111,000 / 3" in text, text


@pytest.mark.parametrize(
    "question",
    [
        # users there were, not the new ones of each period (8,000 − 3,600 had been given)
        "How many more users did the ITU Academy have in March 2023 than at the end of 2022?",
        "What was the total number of ITU Academy users at the end of 2022 and in March 2023 "
        "combined?",
    ],
)
def test_counts_of_what_was_added_are_no_counts_of_what_there_is(
    answer_engine: AnswerEngine, question: str
) -> None:
    answer = answer_engine.answer(question)
    if answer.answered and answer.parts.get("op") == "count_difference":
        # the users there were, the later record calling them learners: 38,000 − 35,000
        assert [i["count"].value for i in answer.parts["items"]] == [38000, 35000]
        assert answer.parts["result"] == 3000
    else:
        assert not (answer.answered and answer.parts.get("op") == "count_sum")


def test_a_record_that_spans_both_periods_answers_their_sum(answer_engine: AnswerEngine) -> None:
    # "March 2022 to March 2023": eight meetings in both years together
    answer = answer_engine.answer(
        "How many times did the task force meet in 2022 and 2023 together?"
    )
    assert answer.answered and "eight" in render_answer_text(answer)


def test_how_many_times_is_one_line_larger_than_another_is_a_ratio(
    answer_engine: AnswerEngine,
) -> None:
    # (the second reviewer: it had been the difference, CHF 601,000)
    answer = answer_engine.answer("How many times is P2 larger than E4?")
    assert answer.answered and "4.88 times" in render_answer_text(answer)


@pytest.mark.parametrize(
    "question",
    [
        # "UMC项目和VaMoz Digital项目": joined after a name's 项目
        "UMC项目和VaMoz Digital项目合计多少欧元？",
        # "the total value of the two … projects": their sum, one name quoted
        "What is the total value of the two new EU-funded projects, the UMC project and "
        "'Laying the foundations for VaMoz Digital'?",
    ],
)
def test_two_projects_named_so_are_added_up(answer_engine: AnswerEngine, question: str) -> None:
    answer = answer_engine.answer(question)
    assert answer.answered and "5,300,000" in render_answer_text(answer)


def test_bai_fen_zhi_duo_shao_asks_a_share_in_a_fact(answer_engine: AnswerEngine) -> None:
    # "百分之多少" asks a percentage, as 百分之几 does (declined: no percentage written)
    answer = answer_engine.answer("2022年国际电联学院的学员中有百分之多少拿到了证书？")
    assert answer.answered and "76.9%" in render_answer_text(answer)


def test_the_ends_of_a_growth_are_no_words_its_record_must_hold(
    answer_engine: AnswerEngine,
) -> None:
    # "from its initial size to its final size" says where the growth is measured (declined:
    # the record writes "initially 40 … eventually growing to 65")
    answer = answer_engine.answer(
        "By what percentage did the visioning staff group grow from its initial size to its "
        "final size?"
    )
    assert answer.answered and "62.5%" in render_answer_text(answer)


@pytest.mark.parametrize(
    "question",
    [
        "What share of P3 do the policy and regulation and statistics themes take together?",
        "政策和监管加上统计数据占P3的百分之几？",
        "P3三個主題裏，政策和監管加上統計數據一共多少錢？佔整個P3的百分之幾？",
    ],
)
def test_themes_added_up_as_a_share_of_their_priority(
    answer_engine: AnswerEngine, question: str
) -> None:
    # of P3, as asked (the total's share alone had been given; 加上 had been read as a
    # ratio of the two themes: 137.7%)
    answer = answer_engine.answer(question)
    assert answer.parts["op"] == "sum" and answer.parts["result"] == 804500
    assert answer.parts["share_of_parent"] == Decimal("72.4")
    text = render_answer_text(answer)
    assert "804,500 / 1,111,000 = 72.4%" in text and "19.2%" in text
    # no priority named: the share of the total only
    plain = answer_engine.answer(
        "What share of the total do the policy and statistics themes take?"
    )
    assert "share_of_parent" not in plain.parts


@pytest.mark.parametrize(
    ("question", "result"),
    [
        ("How much of P3's budget is not for statistics?", 772500),
        ("P4's budget, not the cybersecurity theme?", 80000),
        ("P1's budget, not the emergency telecom part?", 392000),
        # the line's code, then the theme left out of it (the second review)
        ("P3's budget without capacity development?", 804500),
        ("P1, not counting emergency telecommunications?", 392000),
    ],
)
def test_a_line_less_a_theme_left_out(
    answer_engine: AnswerEngine, question: str, result: int
) -> None:
    # (the review: the theme left out had been given as the answer)
    answer = answer_engine.answer(question)
    assert (answer.parts["op"], answer.parts["result"]) == ("remainder", result)
    # "less" in a comparison leaves nothing out
    answer = answer_engine.answer(
        "How much less does the Statistics theme of P3 get than its Policy and regulation theme?"
    )
    assert answer.parts["op"] != "remainder"


def test_nothing_named_left_out_of_a_line_is_no_remainder(answer_engine: AnswerEngine) -> None:
    # "DIE" alone names no theme: P2 less nothing known, not the total less P2 (3,444,000)
    answer = answer_engine.answer("P2 minus DIE?")
    assert not answer.answered


def test_shares_apart_also_give_the_amounts_apart(answer_engine: AnswerEngine) -> None:
    # "E3的預算佔總額幾%？比E1多多少？": the gap in points, and in CHF (404,500 − 15,000)
    answer = answer_engine.answer("E3的預算佔總額幾%？比E1多多少？")
    assert answer.answered and "389,500" in render_answer_text(answer)
    answer = answer_engine.answer("How many percentage points apart are P2 and P3's shares?")
    assert answer.parts["amount_gap"] == 355_000
    assert "CHF 355,000 more" in render_answer_text(answer)


@pytest.mark.parametrize(
    "question",
    [
        "總預算扣掉P3之後，其餘各項加起來還剩多少？",
        "What's left of the total budget without P3?",
        "What is the total budget without P3?",
    ],
)
def test_the_whole_budget_less_a_line_is_what_is_left(
    answer_engine: AnswerEngine, question: str
) -> None:
    answer = answer_engine.answer(question)
    assert answer.kind is AnswerKind.COMPUTE and answer.parts["op"] == "remainder"
    assert answer.parts["result"] == 3_089_000


def test_a_total_of_lines_less_one_is_still_their_sum(answer_engine: AnswerEngine) -> None:
    answer = answer_engine.answer("What is the total of P1 to P4, excluding P5?")
    assert answer.parts["op"] == "sum" and answer.parts["result"] == 2_866_000


def test_plus_its_share_asks_the_share_too(answer_engine: AnswerEngine) -> None:
    # "plus its share of the overall budget": also asked, nothing added
    answer = answer_engine.answer(
        "I need the 2023 budget for the statistics theme under P3, plus its share of the"
        " overall OP-23 budget."
    )
    text = render_answer_text(answer)
    assert answer.answered and "338,500" in text and "8.1%" in text


def test_times_as_much_also_says_how_much_more(answer_engine: AnswerEngine) -> None:
    # "P2比P4多多少預算？是P4的幾倍？": 1.58 times, and CHF 276,000 more
    answer = answer_engine.answer("P2比P4多多少預算？是P4的幾倍？")
    assert answer.parts["op"] == "ratio" and answer.parts["gap"] == 276_000
    assert "276,000" in render_answer_text(answer)
    answer = answer_engine.answer("How many times bigger is P3 than P1?")
    assert "CHF 592,000 more" in render_answer_text(answer)


def test_shares_tied_once_rounded_put_the_larger_amount_first(
    answer_engine: AnswerEngine,
) -> None:
    # 8.6% and 8.6%: digital innovation ecosystems has CHF 2,500 more, never "-2,500"
    answer = answer_engine.answer(
        "By how many percentage points does E5's share exceed digital innovation ecosystem's?"
    )
    assert answer.parts["amount_gap"] == 2_500
    assert "-2,500" not in render_answer_text(answer)


def test_counts_compared_then_a_total_asked_are_added_up(answer_engine: AnswerEngine) -> None:
    # "… the ChatGPT session vs the 'Space' talk - total?": 250 + 120
    answer = answer_engine.answer(
        "how many staff went to the ChatGPT session vs the 'Space, the next generation' talk"
        " - total?"
    )
    assert answer.kind is AnswerKind.COMPUTE and answer.parts["result"] == 370


def test_thru_joins_a_range_of_lines(answer_engine: AnswerEngine) -> None:
    # (the sealed set AR: "E1 thru E5" had been E1 + E5, CHF 374,500: wrong)
    answer = answer_engine.answer(
        "if u add up all the enablers E1 thru E5 what's the total + % of overall budget?"
    )
    assert answer.parts["op"] == "sum" and answer.parts["result"] == 1_214_000


def test_a_completion_rate_is_of_the_people_who_took_part(answer_engine: AnswerEngine) -> None:
    # "more than 5 200 participants …, of whom more than 4 000 completed": those who
    # completed, of those who took part (not of the 200 courses or 170 countries)
    answer = answer_engine.answer("What's the completion rate for ITU Academy courses in 2022?")
    assert answer.kind is AnswerKind.COMPUTE
    assert "76.9%" in render_answer_text(answer)
