"""Normalisation and tokenisation of English and Chinese questions."""

from __future__ import annotations

import pytest

from bot.text_render import render_answer_text
from knowledge.answering import AnswerEngine
from knowledge.answering.matching import to_query_terms
from knowledge.answering.text import (
    HANS,
    HANT,
    detect_lang,
    detect_script,
    han_bigrams,
    han_lone_words,
    is_function_gram,
    is_manner_adverb,
    latin_tokens,
    normalize,
    stem,
    to_script,
)


def test_normalize_converts_traditional_to_simplified() -> None:
    assert normalize("應急通信預算") == "应急通信预算"
    assert normalize("CIRT是甚麼的縮寫？") == "cirt是什么的缩写?"  # 甚麼: 什么, not 甚么


@pytest.mark.parametrize(
    ("question", "script"),
    [
        # 覆盖 is simplified: OpenCC's phrase table reads it as traditional 覆 (复) + 盖
        ("DCM是啥？土耳其地震后它显示覆盖率降到了多少？", HANS),
        ("土耳其地震后DCM显示覆盖率掉到多少了？", HANS),
        ("土耳其地震後DCM顯示覆蓋率掉到多少了？", HANT),
        ("台灣的預算是多少", HANT),
        ("P2的预算是多少", HANS),
        ("What is P2's budget?", ""),
    ],
)
def test_detect_script_reads_each_character(question: str, script: str) -> None:
    assert detect_script(question) == script


def test_normalize_joins_digit_groups_and_folds_width() -> None:
    assert normalize("ＣＨＦ 1,111,000") == "chf 1111000"


def test_detect_lang_sees_any_chinese_character() -> None:
    assert detect_lang("P3能力开发的预算") == "zh"
    assert detect_lang("P3 budget") == "en"


def test_stem_removes_plurals() -> None:
    assert [stem(w) for w in ("kpis", "statistics", "activities", "analysis", "process")] == [
        "kpi",
        "statistic",
        "activity",
        "analysis",
        "process",
    ]


def test_latin_tokens_drop_stopwords_and_split_hyphens() -> None:
    assert latin_tokens(normalize("What is the GSR-23 theme?")) == ["gsr-23", "gsr", "23", "theme"]


def test_han_bigrams_cover_each_run() -> None:
    assert han_bigrams("网络安全 预算") == ["网络", "络安", "安全", "预算"]
    assert han_bigrams("钱") == ["钱"]


def test_content_words_written_with_a_particle_character_are_kept() -> None:
    grams = han_bigrams(normalize("愿景围绕哪三个问题展开，顾问的目的"))
    kept = [g for g in grams if not is_function_gram(g)]
    assert {"问题", "顾问", "目的"} <= set(kept)
    assert not {"哪三", "的目"} & set(kept)  # glue stays out


def test_the_parts_of_a_hyphenated_word_leave_out_stopwords() -> None:
    tokens = latin_tokens("policy-and-regulation")
    assert tokens == ["policy-and-regulation", "policy", "regulation"]


def test_a_character_between_particles_stands_alone_as_a_word() -> None:
    assert han_lone_words("giga今年拿了个什么奖") == ["奖"]
    # measure words and glue verbs between particles are no words
    assert han_lone_words("iscg是干什么用的") == []
    assert han_lone_words("多少钱") == []


def test_taiwan_words_are_read_as_the_documents_words() -> None:
    # written in traditional characters with Taiwan's words: 數位 is 数字, 網路 is 网络
    assert normalize("數位包容性的網路安全") == "数字包容性的网络安全"
    assert normalize("數位轉型實驗室") == "数字化转型实验室"  # the documents' word
    assert normalize("宣傳資料") == "宣传资料"  # materials, not data
    # "指標" stays an indicator (OpenCC's tw2sp would make it 指针, a pointer)
    assert normalize("E4有哪些關鍵績效指標？") == "e4有哪些关键绩效指标?"
    # simplified text is left as written
    assert normalize("数位") == "数位"


def test_a_taiwan_worded_question_is_answered(answer_engine: AnswerEngine) -> None:
    answer = answer_engine.answer("數位創新生態系統的預算是多少？")
    assert answer.answered and "362,000" in render_answer_text(answer)


def test_normalize_reads_a_spaced_ampersand_as_and() -> None:
    assert normalize("products & services") == "products and services"
    assert normalize("R&D and AT&T") == "r&d and at&t"  # a name keeps its ampersand


def test_latin_tokens_leave_out_suffixes_that_add_nothing() -> None:
    # "money-wise", "EC-backed": no word "wise" or "backed" a record would have to hold
    assert latin_tokens("money-wise") == ["money-wise", "money"]
    assert latin_tokens("ec-backed project") == ["ec-backed", "ec", "project"]
    assert "wise" in latin_tokens("wise")  # a word of its own is kept


@pytest.mark.parametrize(
    ("text", "normalized"),
    [
        ("After the Feb 2023 earthquake", "after the february 2023 earthquake"),
        ("on 5 Feb", "on 5 february"),
        ("in Sept. 2023", "in september 2023"),
        ("a feb thing", "a feb thing"),  # a month only beside a year or a day
        ("Türkiye and Côte d'Ivoire", "turkiye and cote d'ivoire"),
    ],
)
def test_normalize_writes_months_in_full_and_folds_accents(text: str, normalized: str) -> None:
    assert normalize(text) == normalized


@pytest.mark.parametrize(
    "question",
    [
        "After the Feb 2023 earthquake in Türkiye and Syria, to what level did mobile coverage "
        "drop per the connectivity map?",
        "After the earthquake in Turkiye and Syria, how far did network coverage drop?",
    ],
)
def test_answer_reads_short_months_and_names_without_accents(
    answer_engine: AnswerEngine, question: str
) -> None:
    answer = answer_engine.answer(question)
    assert answer.answered and "79%" in render_answer_text(answer)


@pytest.mark.parametrize(
    ("word", "stemmed"),
    [("laid", "lay"), ("lay", "lay"), ("brought", "bring"), ("began", "begin"), ("held", "held")],
)
def test_irregular_past_forms_are_read_as_their_verb(word: str, stemmed: str) -> None:
    assert stem(word) == stemmed


def test_a_record_in_the_past_tense_answers_a_question_in_the_present(
    answer_engine: AnswerEngine,
) -> None:
    # "ITU engaged BCG, which … laid the foundation": "lay the groundwork"
    answer = answer_engine.answer(
        "Which consultancy was brought in to lay the groundwork for ITU's fundraising strategy?"
    )
    assert answer.answered and answer.record == "fact:bcg-engagement-pro-bono"


@pytest.mark.parametrize(
    ("word", "adverb"),
    [("physically", True), ("officially", True), ("approximately", True), ("italy", False),
     ("family", False), ("assembly", False), ("monopoly", False)],
)  # fmt: skip
def test_an_adverb_made_from_an_adjective_is_told_from_a_noun(word: str, adverb: bool) -> None:
    assert is_manner_adverb(word) is adverb


def test_an_adverb_the_documents_never_use_is_no_missing_word(answer_engine: AnswerEngine) -> None:
    # "physically": how the question asks, not what about
    answer = answer_engine.answer("where's the DT Lab physically based?")
    assert answer.answered and answer.record == "fact:digital-transformation-lab"


def test_an_adverb_whose_adjective_the_documents_use_weighs_as_it(
    answer_engine: AnswerEngine,
) -> None:
    # "nationally owned" is about what is national; "physically" (no "physical") weighs nothing
    index = answer_engine.index
    weights = index.weigh(to_query_terms("nationally physically"))
    assert weights["nationally"] == index.token_weight("national") > 0
    assert weights["physically"] == 0


@pytest.mark.parametrize("question", ["list the risks pls", "what's P2's budget plz"])
def test_please_abbreviated_is_no_word_asked(answer_engine: AnswerEngine, question: str) -> None:
    assert answer_engine.answer(question).answered


def test_which_typed_as_that_in_a_chinese_question_is_read_as_which() -> None:
    # 那 and 哪 share their pinyin: "…有那几个？" asks which
    assert normalize("內部轉型要優先考慮那幾個方面？") == "内部转型要优先考虑哪几个方面?"
    assert normalize("有那些风险") == "有哪些风险"
    # a question that asks with another word keeps its 那 ("those few")
    assert normalize("那几个项目完成了吗？") == "那几个项目完成了吗?"
    assert normalize("那几个项目的预算是多少？") == "那几个项目的预算是多少?"


def test_a_list_typed_with_that_for_which_is_listed(answer_engine: AnswerEngine) -> None:
    answer = render_answer_text(answer_engine.answer("推动音素E4环境那块的KPI有那几个？"))
    assert "E4-ENV-1" in answer and "E4-ENV-3" in answer  # the KPIs, not only their number


def test_normalize_reads_colloquial_and_short_forms() -> None:
    assert normalize("都是啥") == "都是什么"
    assert normalize("P2底下那兩個主題") == "p2的那两个主题"
    assert normalize("下面") == "下面"  # under no line
    assert normalize("new sign-ups, w/ a certificate, w/o P5") == (
        "new signups, with a certificate, without p5"
    )
    assert normalize("and/or tcp/ip") == "and/or tcp/ip"


def test_normalize_writes_a_short_year_span_in_full() -> None:
    # "the 2024-27 strategic plan" is the 2024-2027 one
    assert normalize("the 2024-27 strat plan") == "the 2024-2027 strategic plan"
    assert normalize("2024–2027, P1-27, 2024-27-1") == "2024–2027, p1-27, 2024-27-1"
    assert normalize("in 2023-05") == "in 2023-05"  # a month, no span of years


def test_traditional_text_writes_partner_as_taiwan_s_standard_does() -> None:
    assert to_script("战略伙伴关系", HANT) == "戰略夥伴關係"


@pytest.mark.parametrize(
    ("typed", "read"),
    [
        ("whats the OP-23 alloc for cybersec?", "what is the op-23 allocation for cybersecurity?"),
        ("acc. to the vision doc how many ppl", "according to the vision doc how many people"),
        ("what r the main risks? list them pls", "what are the main risks? list them please"),
        (
            "avg budget, diff btwn P2 and P3, # of KPIs",
            "average budget, difference between p2 and p3, number of kpis",
        ),
        ("U.S. u-turn, P2 r", "u.s. u-turn, p2 r"),
    ],
)
def test_chat_shorthand_is_read_as_the_words_it_stands_for(typed: str, read: str) -> None:
    assert normalize(typed) == read


@pytest.mark.parametrize(
    ("typed", "read"),
    [
        ("UNDP同國際電聯嘅機制係邊一年啟動㗎？", "undp和国际电联的机制是哪一年启动?"),
        ("GSR-23幾時同喺邊度舉行？", "gsr-23什么时候和在哪里举行?"),
        ("ATC 入選嗰14間機構係邊幾間？", "atc 入选那14家机构是哪几家?"),
        # Mandarin keeps its 同, 係 and 呢 (no Cantonese word written)
        ("P3和P4的關係呢？同時呢？", "p3和p4的关系呢?同时呢?"),
    ],
)
def test_written_cantonese_is_read_as_mandarin(typed: str, read: str) -> None:
    assert normalize(typed) == read


def test_cantonese_which_one_with_no_noun_after_it_asks_who() -> None:
    assert normalize("秘書長係邊個？") == "秘书长是谁?"
    assert normalize("呢個KPI係屬於邊個重點工作？") == "这个kpi是属于哪个重点工作?"


@pytest.mark.parametrize(
    ("typed", "read"),
    [
        ("佢哋同国际电联共同牵头咩联盟？", "他们和国际电联共同牵头什么联盟?"),
        ("BCG同國際電聯內部幾多個同事？", "bcg和国际电联内部多少个同事?"),
        ("EGTI负责电信指标，而家庭指标专家组呢？", "egti负责电信指标,而家庭指标专家组呢?"),
        ("what R stands for in ITU-R? Annex u", "what r stands for in itu-r? annex u"),
        (
            "list the diff risks, how many yrs, can u",
            "list the different risks, how many years, can you",
        ),
        ("35k+ users", "35k+ users"),
    ],
)
def test_review_findings_read_as_written(typed: str, read: str) -> None:
    assert normalize(typed) == read


@pytest.mark.parametrize(
    ("typed", "read"),
    [
        ("EGTI + EGH - what are they?", "egti + egh - what are they?"),  # no sum asked
        ("diff between the 26.5% and 26.4% for P3?", "diff between the 26.5% and 26.4% for p3?"),
        (
            "diff btwn policy & regulation and stats?",
            "difference between policy and regulation and stats?",
        ),
        ("秘书长系边个？", "秘书长是谁?"),
        ("系统同体系", "系统同体系"),  # no Cantonese word: Mandarin as written
        ("佢哋傾向邊個？", "他们倾向谁?"),  # 傾 "talk" only as a verb done (傾過, 傾咗)
    ],
)
def test_second_review_findings_read_as_written(typed: str, read: str) -> None:
    assert normalize(typed) == read
