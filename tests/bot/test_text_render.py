"""Every user-visible sentence exists in both languages, and every answer renders."""

from __future__ import annotations

import dataclasses

import pytest

from bot.rendering import get_template, list_template_names, render_sources_line
from bot.text_render import (
    LANGS,
    render_answer_parts,
    render_answer_text,
    render_text,
    to_template_name,
)
from knowledge.answering import AnswerEngine, AnswerKind, SourceRef, to_script

QUESTIONS = [
    "P3 budget",
    "capacity development budget",
    "P1 and P4 budget combined",
    "difference between P3 and P2",
    "Which enabler has the largest budget?",
    "rank the themes by budget",
    "P2",
    "E1",
    "KPIs for P1",
    "How many KPIs does P2 have?",
    "how many kpis in total",
    "P4-CYB-2",
    "outcomes of statistics",
    "outputs of cybersecurity",
    "risks",
    "mitigation for the financial risk",
    "What is the ITU Academy?",
    "help",
    "P9 budget",
    "quantum football",
    "budget " * 120,
    "2025 budget for P1",
    "总预算",
    "How many times bigger is P2's budget than P4's?",
    "average budget of the enablers",
    "budget per KPI of cybersecurity",
    "What is 12% of the total budget in CHF?",
    "P3占P1至P4合计预算的比例",
    "In 2022, what percentage of ITU Academy participants obtained a certificate?",
    "How many ITU staff attended the two Learning Lab events in total?",
    "How many outcomes are there in total?",
    "What kinds of outputs are there?",
    "What does NETP stand for?",
    "what does NEPT stand for",
    "What does ENISA stand for?",
    "Which line in table 1 has the largest budget and which the smallest?",
    "“UMC”和“VaMoz Digital”两个项目一共多少欧元？",
    "If the E5 budget were cut by 10%, how much would remain?",
    "How much of the budget is not allocated to P1, P2, P3 and P4?",
    "How many of the risks have a high impact?",
    "Which risks have a low probability?",
    # several questions in one message, each answered
    "ATC項目的申請程序是什麼時候啟動的？最後有多少家機構申請？",
    "“空间，下一代”那场学习实验室讲座是哪天办的？大概来了多少职员？",
    "If the Giga budget were cut by 10%, what would be left?",
]


def test_both_languages_have_the_same_templates() -> None:
    names = {lang: list_template_names(lang) for lang in LANGS}
    assert names["en"] == names["zh"]
    assert "budget.j2" in names["en"]


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("question", QUESTIONS)
def test_every_answer_renders_in_both_languages(
    answer_engine: AnswerEngine, question: str, lang: str
) -> None:
    answer = answer_engine.answer(question)
    answer.lang = lang
    text = render_answer_text(answer)
    assert text.strip()
    assert "{{" not in text and "{%" not in text


def test_figures_are_written_with_thousands_separators(answer_engine: AnswerEngine) -> None:
    assert "CHF 1,111,000" in render_answer_text(answer_engine.answer("P3 budget"))
    assert "1,111,000 瑞郎" in render_answer_text(answer_engine.answer("P3预算"))


def test_p3_answer_says_the_sources_disagree(answer_engine: AnswerEngine) -> None:
    text = render_answer_text(answer_engine.answer("P3 budget"))
    assert "26.5%" in text and "26.4%" in text


def test_computed_answers_show_the_computation(answer_engine: AnswerEngine) -> None:
    text = render_answer_text(answer_engine.answer("P1和P4的预算一共多少"))
    assert "519,000 瑞郎（P1） + 480,000 瑞郎（P4） = 999,000 瑞郎" in text


def test_answers_name_their_source_document(answer_engine: AnswerEngine) -> None:
    text = render_answer_text(answer_engine.answer("Cybersecurity budget"))
    assert "002_2ec95dfb0164208f.txt" in text and "3.4" in text


@pytest.mark.parametrize("lang", LANGS)
def test_messages_render_in_both_languages(lang: str) -> None:
    for name, parts in [
        ("store_unavailable", {"target": "x"}),
        ("empty_question", {}),
        ("reset_refused", {}),
        ("seed_invalid", {"file": "f", "location": "l", "reason": "r"}),
        ("db_done", {"action": "seed", "target": "t", "count": 3}),
        ("settings_invalid", {"variable": "STAFFBOT_LANG", "reason": "r"}),
        ("reset_confirm", {"target": "t"}),
    ]:
        assert render_text(name, lang, **parts)


def test_an_admin_edit_is_cited_by_its_change_number() -> None:
    sources = [SourceRef("KB", "change #12", "staffbot knowledge base", "staffbot 知识库", 12)]
    assert render_sources_line(sources, "en") == "Source: staffbot knowledge base (KB), change #12"
    assert render_sources_line(sources, "zh") == "来源：staffbot 知识库（KB），更改 #12"


@pytest.mark.parametrize(
    "question", ["網絡安全主題的預算是多少？", "誰負責P1？", "什麼是學習實驗室"]
)
def test_a_question_in_traditional_characters_is_answered_in_them(
    answer_engine: AnswerEngine, question: str
) -> None:
    answer = answer_engine.answer(question)
    text = render_answer_text(answer)
    assert answer.script == "hant"
    assert to_script(text, "hant") == text  # nothing left in simplified characters
    assert all(to_script(s, "hant") == s for s in answer.suggestions)
    if answer.sources:
        assert render_sources_line(answer.sources, answer.lang, answer.script) in text


def test_a_question_in_simplified_characters_is_answered_in_them(
    answer_engine: AnswerEngine,
) -> None:
    answer = answer_engine.answer("网络安全主题的预算是多少？")
    assert answer.script == "hans" and "预算" in render_answer_text(answer)


@pytest.mark.parametrize(
    "question",
    [*QUESTIONS, "Did BCG charge ITU for its work?", "網絡安全主題的預算是多少？"],
)
def test_a_closing_source_line_is_rendered_apart_from_the_same_text(
    answer_engine: AnswerEngine, question: str
) -> None:
    answer = answer_engine.answer(question)
    text = render_answer_text(answer)
    parts = render_answer_parts(answer)
    if not parts.source:  # no source, or text follows it: the text as it is
        assert parts.body == text
        return
    assert parts.source == render_sources_line(answer.sources, answer.lang, answer.script)
    assert parts.source not in parts.body
    assert text.startswith(parts.body) and text.endswith("\n" + parts.source)


def test_a_source_line_followed_by_text_stays_in_it(answer_engine: AnswerEngine) -> None:
    answered = answer_engine.answer("Did BCG charge ITU for its work?")
    assert answered.kind == "fact" and answered.sources
    # A fact answered with related questions after its source line.
    answer = dataclasses.replace(answered, suggestions=["What is BCG?"])
    parts = render_answer_parts(answer)
    assert parts.source == ""
    assert render_sources_line(answer.sources, "en") + "\nRelated: " in parts.body


@pytest.mark.parametrize(
    "question, shown",
    [
        ("How many times bigger is P2's budget than P4's?", "CHF 756,000 / CHF 480,000 = 1.58"),
        ("P3三个主题的平均预算", "= 1,111,000 / 3 = 370,333.33 瑞郎"),
        ("What is 12% of the total budget in CHF?", "4,200,000 × 12 / 100 = CHF 504,000"),
        ("P3占P1至P4合计预算的比例", "1,111,000 / 2,866,000 = 38.8%"),
        ("If the E5 budget were cut by 10%, how much would remain?", "359,500 × 90 / 100"),
        ("如果网络和数字基础设施主题的预算增加10%，会是多少？", "392,000 × 110 / 100 = 431,200"),
        (
            "How much of the budget is not allocated to P1, P2, P3 and P4?",
            "4,200,000 − (519,000 + 756,000 + 1,111,000 + 480,000) = 4,200,000 − 2,866,000",
        ),
        ("What is the budget of P2 other than digital services?", "756,000 − 394,000"),
        ("How many of the risks have a high impact?", "3 of the 4 main risks"),
        ("有几项风险的影响程度为高", "影响程度为“高”的有3项"),
        ("how many KPIs does P4 have, and what are they", "In all: 10 KPIs."),
        ("mitigation for the financial risk", "Mitigations (4):"),
    ],
)
def test_new_computations_show_their_formula(
    answer_engine: AnswerEngine, question: str, shown: str
) -> None:
    assert shown in render_answer_text(answer_engine.answer(question))


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("kind", list(AnswerKind))
def test_every_kind_of_answer_has_its_template(kind: AnswerKind, lang: str) -> None:
    name = to_template_name(kind)
    assert get_template("text", name, lang) is not None


def test_templates_render_without_a_bytecode_cache(monkeypatch: pytest.MonkeyPatch) -> None:
    # a machine whose temporary folder cannot hold Jinja's cache only compiles each time
    import jinja2

    from bot import rendering

    def refuse(*_: object) -> None:
        raise RuntimeError("no private cache folder")

    monkeypatch.setattr(rendering, "FileSystemBytecodeCache", refuse)
    assert rendering._bytecode_cache() is None
    environment = jinja2.Environment(bytecode_cache=rendering._bytecode_cache())
    assert environment.from_string("{{ 1 + 1 }}").render() == "2"


@pytest.mark.parametrize(
    "section, cited",
    [
        ("3.4", "第3.4节"),
        ("2.1, Table 1 (note)", "第2.1节，表1（注）"),
        ("3.3 (2023 highlights)", "第3.3节（2023年实施亮点）"),
        ("Update, f)", "“最新实施情况”部分，f)"),
        ("Summary; 1.1", "“概要”部分；第1.1节"),
        ("Annex 3", "附件3"),
        ("Lessons learnt", "“Lessons learnt”部分"),  # a heading not known keeps its words
    ],
)
def test_a_chinese_source_line_cites_sections_in_chinese(section: str, cited: str) -> None:
    sources = [SourceRef("000_a.txt", section, "Report", "报告")]
    assert render_sources_line(sources, "zh") == f"来源：报告（000_a.txt），{cited}"
    assert section in render_sources_line(sources, "en")


def test_a_chinese_answer_never_wraps_an_english_heading_in_a_section_number(
    answer_engine: AnswerEngine,
) -> None:
    text = render_answer_text(answer_engine.answer("变革推动者计划是什么时候启动的？"))
    assert "“最新实施情况”部分，f)" in text and "第Update" not in text


@pytest.mark.parametrize(
    ("question", "counts"),
    [
        # "how many outcomes does P1 have": each theme's count and, for several, the total
        (
            "How many outcomes does P1 have?",
            ["(P1-EMT) (1):", "(P1-INF) (6):", "In all: 7 outcomes."],
        ),
        ("P3有多少项成果？", ["（P3-CD）的成果（3项）：", "合计：8项成果。"]),
        ("What outputs are planned for E2?", ["(E2-X) (4):"]),
    ],
)
def test_outcomes_and_outputs_are_counted(
    answer_engine: AnswerEngine, question: str, counts: list[str]
) -> None:
    text = render_answer_text(answer_engine.answer(question))
    assert all(c in text for c in counts)
    assert ("In all" in text or "合计" in text) == (len(counts) > 1)
