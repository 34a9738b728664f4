"""Answers name the record they come from, and suggestions the record each stands for."""

from __future__ import annotations

import pytest

from bot.text_render import render_answer_text
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
    # (the SG's exercise is answered now: whose it was is not asked; a place it never was in
    # leaves the search unsure)
    answer = answer_engine.answer(
        "What three pillars came out of the visioning exercise in Kigali?"
    )
    # (a decline of the kind asked, or a "did you mean": suggestions either way)
    assert answer.kind in (AnswerKind.DID_YOU_MEAN, AnswerKind.CANNOT_ANSWER)
    assert len(answer.suggestion_records) == len(answer.suggestions) >= 2
    assert "fact:strategy-three-pillars" in answer.suggestion_records
    assert answer.get_suggestion_record(len(answer.suggestions)) is None


@pytest.mark.parametrize(
    "question, dimension, level, count",
    [
        ("How many of the four risks are rated as having a high impact?", "impact", "high", 3),
        ("OP-23的风险表中，有几项风险的影响程度被评为“高”？", "impact", "high", 3),
        ("Which risks have a low probability?", "probability", "low", 0),
        ("哪些风险的概率为中", "probability", "medium", 3),
    ],
)
def test_risks_of_one_rating_are_counted_out_of_all(
    answer_engine: AnswerEngine, question: str, dimension: str, level: str, count: int
) -> None:
    answer = answer_engine.answer(question)
    assert answer.answered and answer.kind == AnswerKind.RISK
    rated = answer.parts["rated"]
    assert (rated["dimension"], rated["level"], rated["count"], rated["total"]) == (
        dimension,
        level,
        count,
        4,
    )
    field = "impact_en" if dimension == "impact" else "probability_en"
    assert all(getattr(i["risk"], field) == level for i in answer.parts["items"])
    assert answer.sources  # the risk table, even when no risk has the rating


def test_a_question_about_one_risk_is_not_read_as_a_rating(answer_engine: AnswerEngine) -> None:
    answer = answer_engine.answer("What is the impact of the financial risk?")
    assert answer.parts["rated"] is None
    assert len(answer.parts["items"]) == 1


@pytest.mark.parametrize(
    "question, category",
    [
        (
            "In the OP-23 risk table, the one about not having enough qualified experts in our"
            " areas of work: what are its probability and impact ratings?",
            "Human resources",
        ),
        (
            "Which OP-23 risk concerns delays to national activities, and how are its"
            " probability and impact rated?",
            "Environment",
        ),
    ],
)
def test_the_words_of_the_ratings_asked_do_not_find_a_risk(
    answer_engine: AnswerEngine, question: str, category: str
) -> None:
    # "probability", "impact", "ratings": what is asked of the risk, not words of its own
    # (they had diluted the match until all four risks were given)
    answer = answer_engine.answer(question)
    assert [i["risk"].category_en for i in answer.parts["items"]] == [category]


@pytest.mark.parametrize(
    "question, op, codes, count",
    [
        ("Which theme has the most KPIs?", "max", ["E3-DI", "P1-INF"], 9),
        ("哪个推动因素的KPI最少？", "min", ["E1"], 2),
    ],
)
def test_the_most_or_fewest_kpis_of_a_class(
    answer_engine: AnswerEngine, question: str, op: str, codes: list[str], count: int
) -> None:
    answer = answer_engine.answer(question)
    assert answer.answered and answer.kind is AnswerKind.KPI_TOTAL
    assert answer.parts["op"] == op
    assert sorted(r["subject"].code for r in answer.parts["chosen"]) == codes
    assert {r["count"] for r in answer.parts["chosen"]} == {count}
    assert answer.parts["total"] == 82  # every KPI, beside the ranking of the class asked


@pytest.mark.parametrize(
    "question, theme",
    [
        ("Which priority covers emergency telecommunications?", "P1-EMT"),
        ("哪个重点工作包括应急通信？", "P1-EMT"),
    ],
)
def test_which_priority_a_theme_is_under(
    answer_engine: AnswerEngine, question: str, theme: str
) -> None:
    # not a fact that mentions emergency telecommunications
    answer = answer_engine.answer(question)
    assert answer.answered and answer.kind is AnswerKind.OVERVIEW
    assert answer.record == f"theme:{theme}"


@pytest.mark.parametrize(
    "question, count",
    [
        ("How many themes are there in total?", 15),
        ("How many enablers are there?", 5),
        ("一共有多少个主题？", 15),
    ],
)
def test_a_class_counted(answer_engine: AnswerEngine, question: str, count: int) -> None:
    answer = answer_engine.answer(question)
    assert answer.answered and answer.kind is AnswerKind.EXTREME and answer.parts["counted"]
    assert len(answer.parts["ranked"]) + len(answer.parts["lacking"]) == count


def test_a_class_listed_with_its_budgets(answer_engine: AnswerEngine) -> None:
    answer = answer_engine.answer("List all the themes with their budgets.")
    assert answer.answered and answer.kind is AnswerKind.EXTREME
    assert answer.parts["op"] == "rank" and answer.parts["kind"] == "theme"


@pytest.mark.parametrize(
    "message, kind",
    [
        ("risks", AnswerKind.RISK),
        ("风险", AnswerKind.RISK),
        ("KPIs", AnswerKind.KPI_TOTAL),
        ("themes", AnswerKind.EXTREME),
    ],
)
def test_a_class_named_alone_is_the_whole_class(
    answer_engine: AnswerEngine, message: str, kind: AnswerKind
) -> None:
    # not a fact that mentions risks or KPIs
    answer = answer_engine.answer(message)
    assert answer.answered and answer.kind is kind


@pytest.mark.parametrize("question", ["list the enablers", "list the priorities"])
def test_a_class_listed_without_budget_words(answer_engine: AnswerEngine, question: str) -> None:
    answer = answer_engine.answer(question)
    assert answer.answered and answer.kind is AnswerKind.EXTREME and answer.parts["op"] == "rank"


def test_punctuation_alone_asks_nothing(answer_engine: AnswerEngine) -> None:
    assert answer_engine.answer("%%%%%%").kind is AnswerKind.HELP


def test_which_priority_has_a_kpi_with_a_qualified_class(answer_engine: AnswerEngine) -> None:
    # "which ITU-D priority has a KPI on …": the KPI on it, not the enabler E1 that the
    # words "member states" name
    answer = answer_engine.answer(
        "Which ITU-D priority has a KPI on the number of member states opening IPv6 labs?"
    )
    assert answer.answered and answer.record == "kpi:P1-INF-9"


@pytest.mark.parametrize(
    "question",
    [
        "How many key performance indicators does the Kigali Action Plan impact framework "
        "contain altogether?",
        "影响框架一共包含多少个关键绩效指标？",
    ],
)
def test_the_kpis_the_framework_contains_are_all_of_them(
    answer_engine: AnswerEngine, question: str
) -> None:
    answer = answer_engine.answer(question)
    assert answer.answered and answer.kind is AnswerKind.KPI_TOTAL and answer.parts["total"] == 82


@pytest.mark.parametrize(
    "question",
    [
        "What probability does the OP-23 risk table assign to a cyberattack on BDT's IT systems?",
        "OP-23風險表中「網絡攻擊」風險的影響程度是什麼？",
        "网络攻击的风险是什么？",  # unquoted: no character pair of it is in the table
        "匯率風險有多大？",
    ],
)
def test_a_risk_the_table_does_not_hold_is_declined(
    answer_engine: AnswerEngine, question: str
) -> None:
    # not the four risks the table does hold, as if one of them were the one asked
    answer = answer_engine.answer(question)
    assert not answer.answered and answer.kind is not AnswerKind.RISK


@pytest.mark.parametrize(
    "question",
    [
        "Which OP-23 risk is rated medium probability and medium impact?",
        "What probability and impact does OP-23 assign to the financial risk?",
        "mitigation for the fundng shortfall risk",  # "shortfall": a synonym of "lack"
        "ITU-D面臨哪些主要風險？",  # a frame before 风险 names no risk
        "OP-23列出的风险有几个？",
        "How many main operational risks are listed in the OP-23 risk analysis?",  # the table
        "運作風險表裡「環境」角度的風險是什麼？",  # 运作 and 角度 name no risk either
    ],
)
def test_risks_asked_by_their_rating_or_in_other_words_are_answered(
    answer_engine: AnswerEngine, question: str
) -> None:
    answer = answer_engine.answer(question)
    assert answer.answered and answer.kind is AnswerKind.RISK


def test_a_rating_quoted_is_held_by_the_risks(answer_engine: AnswerEngine) -> None:
    # 「中」 is a rating the table gives, not a risk it lacks
    answer = answer_engine.answer("OP-23風險表裡，概率和影響程度都評為「中」的是哪一項風險？")
    assert answer.answered and answer.kind is AnswerKind.RISK


def test_some_risks_found_are_not_called_all_of_them(answer_engine: AnswerEngine) -> None:
    # three risks of "lack" fit "shortfall": three of the four, not "the plan names 3 risks"
    answer = answer_engine.answer("What is the impact of the funding shortfall risk?")
    text = render_answer_text(answer)
    assert answer.kind is AnswerKind.RISK
    found = len(answer.parts["items"])
    assert found < 4 and "names 3" not in text
    assert found == 1 or f"{found} of the 4 main risks" in text


@pytest.mark.parametrize(
    ("question", "code"),
    [
        # its words are mostly the risk's own, too few of them the table's for the search
        ("How do we plan to mitigate the financial risk of not having enough funding?", "R1"),
        ("What are the mitigation measures for the environmental risk?", "R4"),
    ],
)
def test_a_risk_named_by_its_category_is_that_risk(
    answer_engine: AnswerEngine, question: str, code: str
) -> None:
    answer = answer_engine.answer(question)
    assert answer.answered and answer.kind is AnswerKind.RISK
    assert answer.record == f"risk:{code}"


@pytest.mark.parametrize(
    ("question", "level"),
    [
        ("Which risk in the OP-23 risk table is rated as having a high probability?", "high"),
        ("哪一项风险的概率是高？", "high"),
    ],
)
def test_which_risk_has_a_rating_picks_the_risks_so_rated(
    answer_engine: AnswerEngine, question: str, level: str
) -> None:
    answer = answer_engine.answer(question)
    assert answer.kind is AnswerKind.RISK and answer.parts["rated"]["level"] == level
    assert answer.record == "risk:R2"  # the only risk rated high for probability


@pytest.mark.parametrize(
    "question",
    [
        "What are the main operational risks?",
        "What are the key risks identified in OP-23?",
        "List the operational risks in OP-23",
    ],
)
def test_words_describing_the_risk_table_ask_for_all_its_risks(
    answer_engine: AnswerEngine, question: str
) -> None:
    answer = answer_engine.answer(question)
    assert answer.answered and answer.kind is AnswerKind.RISK and len(answer.parts["items"]) == 4


def test_which_priority_a_theme_falls_under_is_its_overview(answer_engine: AnswerEngine) -> None:
    # "fall" is left unexplained; the question is still whose theme it is
    answer = answer_engine.answer("Which priority does emergency telecommunications fall under?")
    assert answer.answered and answer.record == "theme:P1-EMT"


@pytest.mark.parametrize(
    "question",
    [
        # a risk of the table's named, of something the table does not hold
        "What is the financial risk of the VaMoz Digital project?",
        "What financial risk does a startup face?",
    ],
)
def test_a_category_of_risk_asked_of_something_else_is_not_that_risk(
    answer_engine: AnswerEngine, question: str
) -> None:
    answer = answer_engine.answer(question)
    assert not answer.answered and answer.kind is AnswerKind.DID_YOU_MEAN
    assert "financial risk" in answer.suggestions[0]  # the table's own, offered


def test_a_misspelt_rating_word_names_no_risk(answer_engine: AnswerEngine) -> None:
    answer = answer_engine.answer("financal risk probabilty")
    assert answer.answered and answer.record == "risk:R1"


@pytest.mark.parametrize(
    "question, text",
    [
        (
            "Which risks have high impact and high probability?",
            "1 of the 4 main risks for 2023-2026 is rated high for impact and high for probability",
        ),
        ("哪些风险影响高且可能性高？", "影响程度为“高”且概率为“高”的有1项"),
        ("What are the high-probability risks?", "is rated high for probability"),
    ],
)
def test_risks_are_picked_out_by_every_rating_asked(
    answer_engine: AnswerEngine, question: str, text: str
) -> None:
    assert text in render_answer_text(answer_engine.answer(question))


@pytest.mark.parametrize(
    ("question", "themes"),
    [
        ("Which outcomes mention SIDS?", ["P1-INF"]),
        ("哪个主题的成果涉及电子商务？", ["P1-INF"]),
        ("Which theme's outcomes talk about e-commerce?", ["P1-INF"]),
        # an output several themes share: each of them
        ("Which outputs include convening platforms?", ["E1-X", "E2-X"]),
    ],
)
def test_the_theme_whose_outcome_a_question_names(
    answer_engine: AnswerEngine, question: str, themes: list[str]
) -> None:
    answer = answer_engine.answer(question)
    assert answer.answered and answer.kind in (AnswerKind.OUTCOMES, AnswerKind.OUTPUTS)
    assert [g["theme"].code for g in answer.parts["groups"]][: len(themes)] == themes


@pytest.mark.parametrize(
    "question",
    [
        "What does P5 aim to achieve in terms of resource mobilization?",
        "What results are expected for the infrastructure theme?",
    ],
)
def test_what_a_line_aims_to_achieve_is_its_outcomes(
    answer_engine: AnswerEngine, question: str
) -> None:
    assert answer_engine.answer(question).kind is AnswerKind.OUTCOMES


@pytest.mark.parametrize(
    ("question", "code"),
    [
        # the owner of a KPI asked without the word KPI: the line that tracks or measures it
        ("Which enabler tracks how many women take part in ITU-D statutory meetings?", "E3-DI-7"),
        ("哪个推动因素衡量参加法定会议的女性比例？", "E3-DI-7"),
        ("Which priority measures how many IPv6 labs were set up?", "P1-INF-9"),
        (
            "Which priority counts the number of child online protection support systems "
            "identified?",
            "P4-CYB-3",
        ),
        # "TV" is television, "move" transition (synonyms), as the KPI writes them
        (
            "The KPI on the share of countries that have completed the move to digital "
            "terrestrial TV sits under which priority?",
            "P1-INF-8",
        ),
        (
            "Which priority has a KPI on the percentage of countries that completed the "
            "transition to digital terrestrial TV?",
            "P1-INF-8",
        ),
    ],
)
def test_the_line_that_tracks_something_is_a_kpi_owner(
    answer_engine: AnswerEngine, question: str, code: str
) -> None:
    answer = answer_engine.answer(question)
    assert answer.answered and answer.record == f"kpi:{code}"


def test_outside_is_read_as_external(answer_engine: AnswerEngine) -> None:
    answer = answer_engine.answer(
        "How many outside stakeholders did the consulting firm interview for the fundraising work?"
    )
    assert answer.answered and "44" in render_answer_text(answer)


def test_funding_running_short_is_the_financial_risk(answer_engine: AnswerEngine) -> None:
    answer = answer_engine.answer("what mitigations are planned if funding runs short?")
    assert answer.answered and "Prepare appropriate budget forecasts" in render_answer_text(answer)


def test_a_risk_quoted_in_other_words_is_that_risk(answer_engine: AnswerEngine) -> None:
    # "缺乏合作伙伴和国家支持" rewords R3's 缺乏合作伙伴和国家的支持/承诺
    answer = answer_engine.answer("针对“缺乏合作伙伴和国家支持”这个风险，有哪些缓解措施？")
    assert answer.answered and answer.record == "risk:R3"
    # a quoted risk the table does not hold is still none of its risks
    assert not answer_engine.answer("「网络攻击」风险有哪些缓解措施？").answered
