"""The answer engine: a question in, an `Answer` out; routes it to the budget answers, the
record answers or the search over everything, and checks the answer can answer it."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import replace
from decimal import Decimal
from difflib import SequenceMatcher
from functools import cached_property, partial
from typing import Any

from knowledge.answering._budget_answers import POINTS_APART, BudgetAnswers
from knowledge.answering._record_answers import (
    RecordAnswers,
    asks_only_the_number,
    asks_whose_kpi,
    names_only_the_risk_table,
)
from knowledge.answering.answer import Answer, AnswerKind
from knowledge.answering.answerability import (
    ACTOR,
    AMOUNT,
    AVERAGE,
    CHANGE,
    CONVERT,
    COUNT,
    DATE,
    DATE_OR_PLACE,
    DAY,
    DEFINITION,
    DIFFERENCE,
    FEE_ASKED,
    FIRST_SAID,
    FREE_OF_CHARGE,
    FREQUENCY,
    FUTURE,
    HAPPENED,
    HOUR,
    KPI,
    MONTH,
    NEXT_DATE,
    OWN,
    PEOPLE,
    PERCENT,
    PERSON,
    PLACE,
    POPULATION,
    PROCEDURE,
    PROGRESS,
    RATIO,
    RATIO_COMPARED,
    RELATIVE_TO,
    REMAINDER,
    SCALED,
    TRANSLITERATION_MIN_CHARACTERS,
    YEAR,
    ZH_TIME_WORDS,
    asks_a_price,
    asks_about_future,
    asks_about_the_asker,
    asks_done_only_planned,
    asks_for_a_day,
    asks_for_an_hour,
    asks_the_first_one,
    asks_whether_done,
    gives_an_hour,
    gives_new_count,
    holds_title,
    is_computed,
    is_supplied,
    list_frame_spans,
    list_named_words,
    list_text_months,
    list_transliterated_names,
    names_a_multiple,
    read_action,
    read_actor_verb,
    read_asked_attribute,
    read_asked_class,
    read_asked_doing,
    read_asked_months,
    read_asked_thing,
    read_cost_kind,
    read_counted,
    read_days,
    read_event_verb,
    read_names,
    read_operation,
    read_part_asked,
    read_pay_word,
    read_title,
    read_wanted,
    synonym_key,
)
from knowledge.answering.antecedents import Antecedents, read_which_noun
from knowledge.answering.calibration import (
    DEFAULT_CALIBRATION,
    DISTINCTIVE_MIN_WEIGHT,
    NAMED_MIN_WEIGHT,
    SEARCH,
    STRUCTURED,
    Calibration,
    to_evidence,
)
from knowledge.answering.computations import (
    EACH_AFTER_KPIS_COUNTED,
    GROWTH,
    Calculator,
    Operation,
    asks_for_days,
    asks_for_money,
    asks_per_year,
    asks_those_not_done,
    asks_which_by_share,
    checks_a_share,
    compares_to_a_fraction_of_total,
    compute_in_fact,
    computed_in_fact,
    days_spanned,
    excluded_codes,
    leaves_out,
    names_two_periods,
    read_counts,
    read_fact_operation,
    read_periods,
    spans_the_periods,
    split_compared,
    states_its_rise,
)
from knowledge.answering.definitions import Glossary, defines, when_or_where_of
from knowledge.answering.entries import ENTITY_KINDS, build_entries
from knowledge.answering.figures import (
    dedupe_sources,
    list_subjects,
    to_source,
    to_subject,
)
from knowledge.answering.filler import is_only_small_talk, strip_filler
from knowledge.answering.founding import names_the_founded, read_founded, read_founded_asked
from knowledge.answering.intents import (
    LEXICON,
    Reading,
    read_question_form,
    read_threshold,
)
from knowledge.answering.lists import (
    asks_for_items,
    asks_for_list,
    asks_for_several,
    count_items,
    count_listed,
    gives_count_asked,
    gives_stated_count,
    list_runs,
    list_stated_numbers,
    read_list_owner,
    read_stated_count,
    read_stated_noun,
)
from knowledge.answering.matching import (
    DATED_FORM_BONUS,
    ENUMERATED_FORM_BONUS,
    FORM_BONUS,
    YEAR_MISMATCH_PENALTY,
    Entry,
    Hit,
    QueryTerms,
    SearchIndex,
    to_query_terms,
)
from knowledge.answering.snapshot import Knowledge
from knowledge.answering.sources import (
    SourceNamed,
    read_source_named,
    source_tokens,
    to_doc_tokens,
)
from knowledge.answering.text import (
    EN_STOPWORDS,
    LONE_GLUE,
    detect_lang,
    detect_script,
    is_chinese,
    latin_tokens,
    normalize,
    stem,
    to_script,
    with_codes_hyphenated,
)
from knowledge.answering.thresholds import (
    ANSWER_MIN_SCORE,
    CANNOT_ANSWER_CONFIDENCE,
    CERTAIN,
    LIST_SUPPLIED_MARGIN,
    NAMED_ONLY_EXPLAINED,
    NOTHING_FOUND,
    ONE_UNKNOWN_WORD_MIN_COVERAGE,
    OTHER_SUBJECT_COVERAGE,
    OTHER_SUBJECT_HITS,
    OTHER_SUBJECT_MIN_WEIGHT,
    REASON_DEPTH,
    REASON_MAY_LACK,
    REASON_SHARE,
    RELATED_BELOW,
    SAME_COUNT_MIN,
    SEARCH_HIT_BASE,
    STRUCTURED_FIRST_EXPLAINED,
    SUBJECT_HELD_MIN_WEIGHT,
    SUBJECT_NAME_MIN_WEIGHT,
    SUBJECT_SIBLINGS_MAX,
    SUGGEST_MIN_SCORE,
    SUPPLIED_MARGIN,
    TERM_CONFIDENCE,
    TERM_FACT_CANDIDATES,
    TERM_FACT_MIN_COVERAGE,
    THEME_GUESS_MAX_EXPLAINED,
    TIE_MARGIN,
    TITLE_HELD_TIE,
    TITLE_OPENING_SLACK,
    UNKNOWN_WORD_MIN_COVERAGE,
    WHOLE_STORE_CONFIDENCE,
)
from knowledge.answering.understanding import (
    Question,
    QuestionReader,
    Target,
    with_counts_in_words,
)
from knowledge.store import TOTAL_CODE, models
from knowledge.store.record_refs import to_record

MAX_QUESTION_LENGTH = 500
SUGGESTION_LIMIT = 3

# The store's present is the latest year holding at least this share of its dated facts.
PRESENT_YEAR_MIN_SHARE = 0.05

# A figure that is a date finer than a year: "2022年11月", "5 May 2023".
# A period a question names ("the 2024-2027 Strategic Plan", "2024至2027年"): both years.
_YEAR_SPAN = re.compile(r"(?<!\d)(20\d\d)\s*(?:-|–|—|~|to|至|到)\s*(20\d\d)(?!\d)")
_DATE = re.compile(
    r"\d{1,2}月|\d{1,2}日|(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\b",
    re.IGNORECASE,
)
# The two ends a growth is measured between: "from its initial size to its final size" (in
# Chinese the records write 最初 and 最后 themselves).
_GROWTH_ENDS = re.compile(
    r"\b(?:initial|original|starting|start|final|end|ending|eventual)\s+"
    r"(?:size|number|count|figure|headcount|level|total)\b|\bsize\b"
)
# The two ends of a count's growth, said as it grew ("started with 40 … grew to how many")
_GROWTH_SAID = re.compile(
    r"\b(?:started|starting|began|begun)(?: out)? (?:with|at)\b|\bat first\b|\binitially\b"
    r"|\b(?:grew|grown|rose|increased|expanded|went up|ended up|ended)(?: to| with)\b"
    r"|\bin the end\b|一开始|开始时|起初|最初|后来|最后|最终|(?:扩大|增加|增长|扩充|增至)到?"
)
_HOW_MANY = re.compile(r"\bhow many\b|多少|几")
_COUNT_STATED = re.compile(r"(?<![\d.])(?!(?:19|20)\d\d(?!\d))\d+(?![\d.%])")
# "KPI 4.7.3", "output 7.2", "指标4.7.3": an item asked for by its number.
_NUMBERED = re.compile(
    r"(?P<kind>kpi|indicator|output|outcome|objective|target|指标|输出成果|成果|目标)\s*"
    r"(?:no\.?|number|#|编号|第)?\s*(?P<number>\d{1,2}(?:\.\d{1,2}){1,3})(?![\d.])"
)
# Numbered bodies and texts: study groups and resolutions, in English and Chinese.
_NUMBERED_BODY = re.compile(
    r"\b(?:study group|sg)\s*(?P<sg>\d{1,2})\b|第\s*(?P<sgzh>\d{1,2}|[一二三四五六七八九])\s*研究组"
    r"|\bresolution\s*(?:no\.?\s*)?(?P<res>\d{1,4})\b|第\s*(?P<reszh>\d{1,4})\s*号决议"
)


def _read_numbered_bodies(normalized: str) -> set[tuple[str, int]]:
    """The study groups and resolutions a text names by number: {("sg", 1), ("res", 73)}."""
    found: set[tuple[str, int]] = set()
    for match in _NUMBERED_BODY.finditer(normalized):
        if match["sg"] or match["sgzh"]:
            number = match["sg"] or match["sgzh"]
            # ("第二研究组": Study Group 2)
            found.add(
                ("sg", int(number) if number.isdigit() else "一二三四五六七八九".index(number) + 1)
            )
        else:
            found.add(("res", int(match["res"] or match["reszh"])))
    return found


def _pairs(word: str) -> list[str]:
    """The index tokens a missing word stands for: a Chinese word's character pairs, or the
    word itself."""
    if len(word) > 2 and is_chinese(word):
        return [word[i : i + 2] for i in range(len(word) - 1)]
    return [word]


def _bodies_named(hit: Hit) -> set[tuple[str, int]]:
    """The study groups and resolutions a candidate record names by number."""
    texts = [*hit.entry.key_texts, *hit.entry.body_texts]
    return {b for t in texts for b in _read_numbered_bodies(normalize(t))}


_DOTTED = re.compile(r"(?<![\d.])\d{1,2}(?:\.\d{1,2}){1,3}(?![\d.])")
# A figure that is an amount of money or a share: what a budget question may be answered with.
_MONEY = re.compile(r"瑞郎|欧元|美元|法郎|chf|eur|usd|€|\$|%|million|billion", re.IGNORECASE)
# An amount in a currency (not a share: the DCM's 79% is no budget of it).
_CURRENCY_AMOUNT = re.compile(r"瑞郎|欧元|美元|法郎|chf|eur|usd|€|\$", re.IGNORECASE)
# Two things joined, whose counts a total adds ("the internal and external ones", "内外部",
# "两场加起来"): not the one count of a "how many in total".
_TWO_THINGS_JOINED = re.compile(r"\band\b|\bplus\b|\bboth\b|和|与|及|加|跟|两|二者|内外")
# What a risk's answer does with its mitigations: "how do we mitigate / reduce / 缓解 …".
_MITIGATING = (
    "mitigate reduce address manage handle tackle lower prevent avoid deal "
    "缓解 应对 降低 减少 处理 管理 防范 避免 解决"
).split()
# Answers whose parts say which operation they computed.
_COMPUTED_KINDS = frozenset({AnswerKind.COMPUTE, AnswerKind.EXTREME})
_SEARCHED_KINDS = frozenset({AnswerKind.FACT, AnswerKind.FAQ})
# Things a question adds up or compares that are no budget lines of the plan.
_OTHER_THINGS = re.compile(r"\b(?:projects?|initiatives?|grants?|contracts?)\b|项目|倡议|合同|赠款")
# Computations between figures that no fact states as such.
_COMPARISONS = frozenset({DIFFERENCE, RATIO, RELATIVE_TO, AVERAGE})
_KPI_KINDS = frozenset({AnswerKind.KPI_DETAIL, AnswerKind.KPI_LIST, AnswerKind.KPI_TOTAL})
# Answers that give amounts of the budget.
_BUDGET_KINDS = frozenset(
    {AnswerKind.BUDGET, AnswerKind.COMPUTE, AnswerKind.EXTREME, AnswerKind.OVERVIEW}
)


# "Which enabler tracks …", "哪个重点工作衡量…": the line whose KPI measures something.
_TRACKED_BY_A_LINE = re.compile(
    r"\b(?:which|what) (?:itu-d |bdt |op-23 )?(?P<line>priority|theme|enabler)\b (?:\w+ )?"
    r"(?:tracks?|tracked|monitors?|monitored|measures?|measured|counts?|counted)\b"
    r"|哪个(?P<line_zh>重点工作|主题|推动因素)[^，。？?]{0,4}(?:衡量|跟踪|追踪|监测)"
)
_LINE_CLASS_TOKENS = frozenset({"priority", "theme", "enabler"})
# Verbs that relate a budget line to what it is about ("covers", "includes", "deals with").
_RELATION_VERBS = frozenset(
    to_query_terms(
        "cover covers covered include includes included deal deals concern concerns handle "
        "handles relate relates focus focuses address addresses belong belongs fall falls sit "
        "sits"
    ).tokens
)
# A text that says something was not done ("have not yet", "尚未").
_NEGATED = re.compile(r"\bnot\b|n't\b|\bnever\b|未|没有|尚未")
# A part or a multiple of a figure, asked as what is asked of it.
_PART_OR_MULTIPLE = re.compile(
    r"倍|一半|分之|\b(?:half|thirds?|quarters?|fifths?|tenths?|times|double|twice|triple)\b"
)
# The present year said in words: the year of a budget asked, never something described.
_PRESENT_WORDS = frozenset(to_query_terms("今年 本年 本年度 当年 this year").tokens)
# A staff grade written like a line's code: "P5职位", "P4级", "a P4 post", "D1 level".
_GRADE = re.compile(r"(?<![a-z0-9])([pdg]\d{1,2})(?=\s*(?:级|职|level|grade|staff|post))")
# What something stands for or means asked: no amount, though the budget be named.
_ASKS_MEANING = re.compile(r"\bstands? for\b|\bmeans?\b|代表什么|什么意思|含义|是指")
# The words of a rise or a difference asked of one fact's two counts ("by what percentage did
# it grow", "增长了百分之多少"): worked out, not looked for in the records.
_OPERATION_TOKENS = frozenset(
    to_query_terms(
        "percentage percent grow grew grown growth increase increased rise rose risen expand "
        "expanded start started began end ended "
        "增幅 涨幅 增长率 增长 增加 百分之 开始 最初 最后 最终 "
        # an amount per year: "平均每年多少钱", "on average per year"
        "average year annually yearly 平均 每年 一年"
    ).tokens
)


class AnswerEngine:
    """Answers questions from one revision of the knowledge; build a new one to refresh."""

    def __init__(
        self, knowledge: Knowledge, calibration: Calibration = DEFAULT_CALIBRATION
    ) -> None:
        self.knowledge = knowledge
        self.calibration = calibration
        self.index = SearchIndex(build_entries(knowledge), knowledge.synonyms)
        self.reader = QuestionReader(knowledge, self.index)
        self.calculator = Calculator(knowledge, self.index)
        self._synonym_key = synonym_key(knowledge.synonyms)
        self.glossary = Glossary(knowledge, self.index)
        self.budgets = BudgetAnswers(knowledge)
        self.records = RecordAnswers(knowledge, self.index, self.budgets)
        self.present_year = _present_year(knowledge)
        self._facts = {f.key: f for f in knowledge.facts}
        self._antecedents = Antecedents(knowledge.facts)
        self._faqs = {q.key: q for q in knowledge.faqs}
        # Every dotted number the knowledge writes ("3.3", "1.2.1"): a numbered item asked for
        # by a number not among them is not in the store.
        self._numbers = {
            n
            for entry in self.index.entries
            for t in (*entry.key_texts, *entry.body_texts)
            for n in _DOTTED.findall(t)
        }
        # The names a document goes by: its symbol and titles; the budget's document also
        # by the plan's label ("OP-23").
        budget_docs = {line.doc for lines in knowledge.budget.values() for line in lines}
        plan = to_subject(knowledge, TOTAL_CODE)
        self._document_names = {
            code: (
                d.symbol,
                d.title_en,
                d.title_zh,
                *((plan.label,) if plan is not None and code in budget_docs else ()),
            )
            for code, d in knowledge.documents.items()
        }
        self._doc_tokens = to_doc_tokens(self._document_names)
        self._all_doc_tokens = frozenset(t for tokens in self._doc_tokens.values() for t in tokens)
        self._document_words = self._all_doc_tokens | frozenset(
            to_query_terms("document documents report paper").tokens
        )
        # the last question's source, read once (the year check asks it of every candidate);
        # one plain tuple, so that the engine pickles and threads only ever recompute it
        self._last_source: tuple[str, SourceNamed | None] = ("", None)
        # The words of the names of the documents the KPIs come from (and "document").
        kpi_docs = {k.doc for k in knowledge.kpis.values()}
        self._kpi_document_tokens = frozenset(
            t
            for code in kpi_docs
            for name in (*self._document_names.get(code, ()), "document report")
            for t in to_query_terms(normalize(name)).tokens
        )
        # Every numbered body the knowledge writes ("Study Group 1", "第73号决议"), as (kind,
        # number): one asked for by another number ("第3研究组") is not in the store.
        self._bodies = {
            found
            for entry in self.index.entries
            for t in (*entry.key_texts, *entry.body_texts)
            for found in _read_numbered_bodies(normalize(t))
        }

    # -- entry point ---------------------------------------------------------------------

    def answer(self, question: str) -> Answer:
        answer = self._answer_each(question)
        if answer.kind is AnswerKind.KPI_LIST and any(
            asks_only_the_number(normalize(said)) for said in (question, strip_filler(question))
        ):
            # ("Just the number: how many KPIs does E3 have?", "…？只要数字就好", "只要告诉我数
            # 字：…": said before or after the question, as the message is read, the count
            # alone; decided here once, for every way the message was asked again)
            answer.parts["only_count"] = True
        script = detect_script(question)
        for one in (answer, *answer.parts.get("answers", ())):
            if one.answered and one.record is None:
                one.record = _to_answer_record(one)
            one.script = script
            one.suggestions = [to_script(s, script) for s in one.suggestions]
        return answer

    def _answer_each(self, question: str) -> Answer:
        """`_answer_parts`, with what a name the message opens by asking about stands for
        when its answer does not say it ("What's DCM, and how many visits did it get …":
        DCM stands for Disaster Connectivity Map, then the visits)."""
        unframed = without_context_clause(
            question,
            lambda rest: not self._names_its_own_subject(rest),
            lambda head: _names_a_line(self._read_alone(head)),
        )
        if unframed != question:
            # ("Prepping a risk review: what are the main operational risks …": why it is
            # asked, set aside; the message whole where the question alone is not answered)
            first = self._answer_each(unframed)
            if first.answered:
                return first
        heard = _HEARD_ZH.match(question.strip())
        if heard is not None:
            # "有人提到“学习实验室”，这是个啥？": what the name heard is, where that is answered
            # (else the message as written: "有人提到“互联网校校通”，这是什么？" finds Giga)
            named = self._answer_parts(heard["name"] + heard["asked"])
            if named.answered:
                return named
        answer = self._answer_parts(question)
        told = (
            question
            if answer.answered
            else without_leading_statements(question, self._names_no_subject)
        )
        if told != question:
            # "我哋部門想搞個類似嘅退修營，上司叫我參考下ITU嘅做法。聽講…有幾多個高管參加？": what
            # the asker only tells first, set aside where the message is not answered with it
            again = self._answer_parts(told)
            answer = again if again.answered else answer
        unmentioned = question if answer.answered else without_kpi_mentioned(question)
        if unmentioned != question:
            # "On the ITU Academy users KPI: how many learners did the platform have …": a
            # KPI only says what the question is about, where no KPI answers it
            again = self._answer_parts(unmentioned)
            answer = again if again.answered else answer
        asked = _ASKS_WHAT_A_NAME_IS.match(question.strip())
        if (
            asked is None
            or not answer.answered
            or answer.kind is AnswerKind.DEFINITION
            or any(a.kind is AnswerKind.DEFINITION for a in answer.parts.get("answers", ()))
        ):
            return answer
        name = asked["name"]
        term = f"what is {name}?"
        defined = self.glossary.answer(self._read_alone(term), normalize(term))
        if defined is None or defined.parts.get("typo"):
            return answer
        expansion = defined.parts["acronym"].en
        if not expansion or self._holds_topic(expansion, answer):
            return answer  # said already, or nothing to say
        # (the expansion alone: the record that spells it out may be about something else)
        defined.parts["expansion_only"] = True
        answers = [*answer.parts.get("answers", [answer])]
        questions = [*answer.parts.get("questions", [question])]
        return Answer(
            kind=AnswerKind.MULTI,
            lang=answer.lang,
            answered=answer.answered,
            confidence=min(answer.confidence, defined.confidence),
            parts={"answers": [defined, *answers], "questions": [term, *questions]},
            sources=dedupe_sources([*defined.sources, *answer.sources]),
        )

    def _with_its_budget_too(self, question: str, whole: Answer) -> Answer | None:
        """A message that asks the KPIs of lines and their budget too ("E5 KPIs? and its
        budget", "E3 的budget 多少，它下面有几个KPI"), answered by its KPIs alone: each line's
        budget beside them, in the order asked."""
        if whole.kind is not AnswerKind.KPI_LIST or not whole.answered:
            return None
        normalized = normalize(question)
        if (
            not _BUDGET_ASKED_TOO.search(normalized)
            or _BUDGET_OF_KPIS.search(normalized)
            or _NOT_ITS_BUDGET.search(normalized)
        ):
            return None
        q = self._read_alone(question)
        if q.reading.has("max", "min", "rank", "difference", "sum", "average", "risk"):
            return None  # ("which theme has the bigger budget, and how many KPIs")
        kpi_parts = [
            p
            for p in split_questions(question, short=True)
            if _KPIS_SAID.search(normalize(p)) and not _BUDGET_ASKED_TOO.search(normalize(p))
        ]
        if kpi_parts and kpi_parts[0] != question:
            # ("P2的KPI是什么？预算多少？": the KPIs as their own question asks them, listed —
            # not counted for the 多少 of the budget)
            alone = self._answer(kpi_parts[0])
            if alone.answered and alone.kind is AnswerKind.KPI_LIST:
                whole = alone
        codes = [t.code for t in q.targets if not t.ambiguous]
        if not codes or len(codes) > BUDGETS_ASKED_MAX:
            return None
        of = _BUDGET_OF.search(normalized)
        if (
            of is not None
            and not re.match(r"(?:it|its|them|their|this|that|these|those|each)\b", of["what"])
            and not any(code.lower() in of["what"] for code in codes)
        ):
            return None  # ("cybersecurity KPIs? + the budget of P4?": another's budget)
        asked = [
            f"{code}的预算是多少？" if q.lang == "zh" else f"What is the budget of {code}?"
            for code in codes
        ]
        budgets = [self._answer(a) for a in asked]
        if not all(b.answered and b.kind in _BUDGET_KINDS for b in budgets):
            return None
        answers: list[Answer] = [*budgets, whole]
        questions = [*asked, question]
        kpis_asked = _KPIS_SAID.search(normalized)
        budget_asked = _BUDGET_ASKED_TOO.search(normalized)
        if (
            kpis_asked is not None
            and budget_asked is not None
            and kpis_asked.start() < budget_asked.start()
        ):
            # (in the order asked: "E5 KPIs? and its budget")
            answers, questions = [whole, *budgets], [question, *asked]
        return Answer(
            kind=AnswerKind.MULTI,
            lang=whole.lang,
            answered=True,
            confidence=min(whole.confidence, *(b.confidence for b in budgets)),
            parts={"answers": answers, "questions": questions},
            sources=dedupe_sources([s for a in answers for s in a.sources]),
        )

    def _told_of_the_subject(
        self,
        terms: QueryTerms,
        best: Hit,
        rivals: Sequence[Hit],
        missing: list[tuple[str, float]],
        named: set[str],
    ) -> set[str]:
        """The words the record found lacks that another record of the same named subject
        holds (one of the next few found, which holds every name the record found holds):
        what the question says of its subject beside what it asks."""
        names = {t for w in named for t in to_query_terms(w).tokens}
        # (a name asked of is never told elsewhere: "ITU-D運作規劃中提到的NETP是什麼？"; nor are
        # Chinese character pairs, which may straddle two words: 联日, 瓦总)
        lacking = {t for t, _ in missing if t.isascii()} - names
        # (a rare name: not BDT or ITU, which every other record holds)
        subject = {
            t
            for t in names - {t for t, _ in missing}
            if self.index.token_weight(t) >= SUBJECT_NAME_MIN_WEIGHT
        }
        if not subject or not lacking:
            return set()
        told: set[str] = set()
        for hit in rivals[:SUBJECT_SIBLINGS_MAX]:
            lacks = {t for t, _ in self.index.list_missing_words(terms, self._record_texts(hit))}
            if not subject & lacks:
                told |= lacking - lacks
        return told

    def _worked_out_in_first(self, part: str, first: str, before: Answer) -> Answer | None:
        """A computation a subjectless question asks (`part`), in the record that answered
        the first question (`first`, answered by `before`), read beside that record's title
        or the first question: None unless that is where it is worked out."""
        held = before.parts.get("fact")
        if held is None:
            return None
        operation = read_fact_operation(normalize(part))
        if operation == "sum" and not _SEVERAL_ADDED.search(normalize(part)):
            # ("…, and how many in total?": the total the record states, no sum of its figures)
            return None
        if operation == DIFFERENCE and not any(
            _RISE_IN_RECORD.search(t) for t in (held.text_en, held.text_zh)
        ):
            # ("…and how many the Space talk? so how many were added?": two sessions' counts
            # are no rise)
            return None
        title = held.title_zh if is_chinese(part) else held.title_en
        for beside in (title, first):
            worked = self._answer(f"{part} ({beside})")
            fact = worked.parts.get("fact")
            if (
                worked.answered
                and worked.kind is AnswerKind.COMPUTE
                and fact is not None
                and fact.key == held.key
            ):
                return worked
        return None

    def _with_its_budget_per_kpi(self, question: str, whole: Answer) -> Answer | None:
        """A message that counts a line's KPIs and asks what each gets ("E1有几个KPI？每个平均
        多少？"), answered by its KPIs alone: the line's budget per KPI after them."""
        if whole.kind is not AnswerKind.KPI_LIST or not whole.answered:
            return None
        if not EACH_AFTER_KPIS_COUNTED.search(normalize(question)):
            return None
        q = self._read_alone(question)
        codes = list(dict.fromkeys(t.code for t in q.targets if not t.ambiguous))
        if len(codes) != 1:
            return None
        asked = (
            f"{codes[0]}的预算平均每个KPI是多少？"
            if q.lang == "zh"
            else f"What is the budget per KPI of {codes[0]}?"
        )
        each = self._answer(asked)
        if not each.answered or each.kind is not AnswerKind.COMPUTE:
            return None
        return _with_worked_out(whole, each, [question, asked])

    def _answer_parts(self, question: str, yes_no: bool = False) -> Answer:
        """The answer to a message that asks one question, or to each of the questions it
        asks ("When did the ATC call open? How many institutions applied?"): each answered
        alone, but one that points back or names nothing of its own ("增长了百分之多少？",
        "and which gets the least?") by the answer to the whole message, when that holds
        what it asks."""
        # (what follows the last question and asks nothing says why it is asked: "… P2预算的
        # 10%是多少瑞郎？我们处打算按这个比例做个小计划" asks no share)
        said = question
        # ("giga milestone in jan? + how many countries signed HCM4A": a second question)
        question = _PLUS_AFTER_A_QUESTION.sub(r"\1 and ", question)
        question = with_codes_hyphenated(question)  # "OP23" as OP-23, for every reader
        # (a question mark in a bracketed aside ends no question: "那个能力发展任务组（英文是不是
        # 叫capacity development task force？）是谁牵头的？开过几次会？")
        question = _ASKED_ASIDE.sub(_without_its_question_mark, question)
        question = with_share_joined(
            with_correction_folded_in(
                without_trailing_statements(with_name_told_before(with_what_is(question)))
            )
        )
        whole = self._answer(question)
        gap = self._gap_to_runner_up(question, whole)
        if gap is not None:
            return gap
        # (as said: "E5 KPIs? and its budget" asks its budget after the last question mark)
        both = self._with_its_budget_too(said, whole) or self._with_its_budget_per_kpi(said, whole)
        if both is not None:
            return both
        # (a short question of a line's budget is asked on its own only where the whole
        # message's answer gives none: "網絡安全這個主題有幾個KPI？預算多少？" — not "应急通信
        # 归哪个？预算多少？", whose answer is the theme with its budget)
        short = not (whole.answered and whole.kind in _BUDGET_KINDS)
        # (a yes-or-no clause after ", and" is a question of its own where the whole message
        # finds nothing, or where asked alone it is answered too: "how many stakeholders did
        # BCG interview, and did ITU pay them" — not "What is the budget for E3, and does it
        # include digital inclusion?", whose budget stands)
        cut = yes_no or not whole.answered
        if not cut and len(split_questions(question, yes_no=True, short=short)) > len(
            split_questions(question, short=short)
        ):
            each = self._answer_parts(question, yes_no=True)
            if each.answered:
                return each
        # (where the whole message finds nothing, a short Chinese question of who, where or
        # when is one of its own: "…聯盟是什麼時候發起的？由誰領導？")
        asked = split_questions(question, yes_no=cut, short=short)
        if len(asked) > 1:
            # (between two questions asked apart, a short one of who, where or when is a
            # third: "能力发展任务组是什么时候成立的？谁牵头？到2023年3月开了几次会？")
            tersely = split_questions(question, yes_no=cut, short=short, terse=True)
            asked = tersely if len(tersely) > len(asked) else asked
        elif not whole.answered:
            tersely = split_questions(question, yes_no=cut, short=short, terse=True)
            # (… of what the first question finds: "…联盟是什么时候发起的？由谁领导？", not
            # "X是什么时候举办的？由谁夺冠？" where the first finds nothing)
            if len(tersely) > len(asked):
                leading = self._answer(tersely[0])
                if leading.answered and any(
                    self._holds_topic(t, leading) for t in _read_topics(tersely[0])
                ):
                    asked = tersely
        pair = (
            _TWO_TERMS.match(normalize(question))
            or _TERMS_COMPARED.match(normalize(strip_filler(question)))
            or _two_acronyms_asked(question)
        )
        if pair is not None and len(asked) < 2:
            # "what are ISCG and ISC-TF?", "ISCG和ISC-TF分别是啥": what each one is (as
            # written: "What is cirt?" would be no acronym)
            ask = "{}是什么？" if is_chinese(question) else "What is {}?"
            asked = [
                ask.format(_as_written(pair["a"] or pair["za"], question)),
                ask.format(_as_written(pair["b"] or pair["zb"], question)),
            ]
        of_each = _OF_EACH.match(question.strip())
        if of_each is not None and len(asked) < 2 and not whole.answered:
            # "What are the budgets of the EC-funded UMC project and of the VaMoz Digital
            # project?": the same asked of each, where the two together find nothing sure
            asked = [
                f"{of_each['head']} of {of_each['a']}?",
                f"{of_each['head']} of {of_each['b']}?",
            ]
        second_amount = _AND_ANOTHERS_AMOUNT.match(asked[0].strip()) if len(asked) == 1 else None
        if (
            second_amount is not None
            and not whole.answered
            and read_names(second_amount["b"])
            # (nothing asked after it: "…, and VaMoz Digital's value? both together?" asks
            # their sum too, which two amounts alone would leave unsaid)
            and question.rstrip(" ?？").endswith(asked[0].rstrip(" ?？"))
        ):
            # "How much is the UMC project worth, and the VaMoz Digital one?": the same amount
            # asked of the second thing named, where the two together find nothing sure
            second_name = _ITS_AMOUNT_SAID.sub("", second_amount["b"]).strip()
            asked = [f"{second_amount['first']}?", f"How much is {second_name} worth?"]
        if (
            len(asked) == 1
            and not whole.answered
            and asked[0].strip() != question.strip()
            and _ASKS_TWO_OF_ONE.match(asked[0])
            # (which names what it asks of, by name or year: not "when and where was the
            # workshop?", which workshop being left to what was left out)
            and (
                _NAME_TOLD.search(asked[0]) or read_names(asked[0]) or _YEAR_ASKED.search(asked[0])
            )
        ):
            # the one question asked, without what only said who asks ("A regulator contact
            # in Taipei asked me: when and where is GSR-23?"), unless what was left out named
            # something the documents know that its answer does not hold ("The Morocco team
            # asked me: when and where was the workshop?")
            only = self._answer(asked[0])
            said = question[: question.find(asked[0])] if asked[0] in question else ""
            known = [w for w in list_named_words(said) - _WHO_ASKS if self.index.has_token(w)]
            if only.answered and all(self._holds_topic(w, only) for w in known):
                return only
        if len(asked) < 2 or not self._names_its_own_subject(asked[0]):
            # one question, or a cut that leaves the first without its subject ("Which
            # ITU-D priority, and which theme within it, carries a KPI on …")
            return self._with_antecedent(normalize(question), whole) or whole
        answers: list[Answer] = []
        questions: list[str] = []
        first = self._read_alone(asked[0])
        topics = _read_topics(asked[0])  # what a later question may point back to
        codes = [t.code for t in first.targets if not t.ambiguous]
        for n, part in enumerate(asked):
            part = _with_both_named(part, asked[0]) if n else part
            stands_alone = n == 0 or (
                not _POINTS_BACK.search(part) and self._names_its_own_subject(part)
            )
            alone = self._answer(part) if stands_alone else None
            if (
                n == 0
                and whole.answered
                and _THAT_ONE_TOLD.search(part)
                and alone is not None
                and not _same_record(alone, whole)
                and self._holds_what_is_asked(part, whole)
            ):
                # "We want to report on member states opening IPv6 labs. Which priority is
                # that KPI under, and …": the first question points back to what was told
                # before it, which the whole message's answer holds (not every KPI counted)
                alone = whole
            if n and alone is not None and alone.answered and alone.kind in _SEARCHED_KINDS:
                # "Vanuatu cyclones: how many people were affected, and what did cellular
                # coverage drop to?": the coverage of the first question's place, not
                # another's found alone (Türkiye's 79%)
                alone = self._in_first_context(part, asked[0], alone)
            # "How many employees does it have?" is checked as asked of the first question's
            # topic (BCG's employees, not the ITU colleagues its record counts)
            resolved = self._with_topic(part, asked[0], answers) if n else part
            if (alone is None or not alone.answered) and whole.answered:
                # (asked of the first question's topic, by a record that says more of it
                # than the whole message's answer: "what does ATC stand for, and what was the
                # programme called before?" — the CoE, not the ATC's definition again)
                of_topic = (
                    self._of_a_topic_saying_more(part, topics, whole)
                    if n
                    and (_THE_THING.search(normalize(part)) or _POINTS_BACK.search(part))
                    and not self._says_what_is_asked(resolved, whole)
                    else None
                )
                if of_topic is not None:
                    alone = of_topic
                else:
                    alone = whole if self._holds_what_is_asked(resolved, whole) else alone
            elif (
                alone is not None
                and not alone.answered
                and answers
                and answers[0].answered
                and (
                    (
                        self.names_nothing_of_its_own(part)
                        and self._holds_what_is_asked(resolved, answers[0])
                    )
                    or self._says_what_is_asked(resolved, answers[0])
                )
            ):
                # "EW4All 呢個倡議嘅目標係咩？要幾時做到？": a question with no subject of its
                # own, found nowhere alone, asked of the first question's record (by 2027);
                # so is one whose every word the first record holds ("CoE项目后来改名叫什么
                # 了？是根据第几号决议？": 73)
                alone = answers[0]
            elif alone is None and answers and answers[0].answered:
                # "…, and how many did it start with?": asked of the first question's record
                alone = answers[0] if self._holds_what_is_asked(resolved, answers[0]) else None
                names = read_names(asked[0])
                if alone is None and names:
                    # "When was the Digital Innovation and Entrepreneurship Alliance
                    # launched, and how many applications had it received?": asked of what
                    # the first question names, when its record does not hold it
                    named = self._answer(f"{part} ({'; '.join(' '.join(n) for n in names)})")
                    alone = named if named.answered else None
            if (
                n
                and _POINTS_BACK.search(part)
                and (
                    alone is None
                    or (
                        (alone is whole or (answers and alone is answers[0]))
                        and not self._says_what_is_asked(part, alone)
                    )
                )
            ):
                # "学习实验室是哪年哪月启动的？它属于哪个更大的项目？": "it" is the first
                # question's topic, asked anew when the answer before does not say it
                about = [
                    t
                    for t in topics
                    if answers and answers[0].answered and self._is_about(t, answers[0])
                ]
                tried = [self._answer(_POINTS_BACK.sub(t, part, count=1)) for t in about]
                if not about and alone is None and answers and answers[0].answered:
                    # (no topic the first answer holds whole: "What are the three pillars
                    # that came out of the visioning process? and how many staff ended up
                    # involved in it?" — a topic asked of, answered from the first answer's
                    # document by a record that holds it)
                    first_docs = {s.doc for s in answers[0].sources}
                    for t in topics:
                        of_topic = self._answer(_POINTS_BACK.sub(t, part, count=1))
                        if (
                            of_topic.answered
                            and {s.doc for s in of_topic.sources} <= first_docs
                            and self._holds_a_rare_word_of(t, of_topic)
                        ):
                            tried = [of_topic]
                            break
                reasked_of = next((a for a in tried if a.answered), tried[0] if tried else None)
                if reasked_of is not None and (reasked_of.answered or alone is None):
                    # (each topic the first answer is about, in turn: "the CWG-FHR
                    # consultation on ITU as One … report to on it" is ITU as One's; not
                    # answered either: said so beside the first answer, never the first
                    # answer alone as if it answered both — "What is the ITU Academy? What
                    # does it cost?")
                    alone = reasked_of
                    if not alone.answered and answers and answers[0].answered:
                        # "Who did the pro bono groundwork …, and how many external
                        # stakeholders did they interview?": "they" is who the first answer
                        # names (BCG), not a topic the first question writes
                        again = self._answer(part)
                        if again.answered and self._names_whom_it_names(answers[0], again):
                            alone = again
                elif alone is not None:
                    # no topic to ask it of ("… ITU as One? and what are the financial
                    # implications of that report?"): asked as it is, when an answer from the
                    # first answer's document says every word of weight it asks with
                    again = self._answer(part)
                    held = (
                        again.answered
                        and {s.doc for s in again.sources} <= {s.doc for s in alone.sources}
                        and (
                            self._says_what_is_asked(part, again)
                            # ("When did CWG-FHR run its consultation on ITU as One, and which
                            # Plenipotentiary is Council meant to report to on it?": the record
                            # of the report to PP-26 says more of it than the consultation's)
                            or self._says_more_of(part, again, alone)
                            # "… ITU Academy in 2022 …? also how many learners did it train
                            # that year": another record of the first question's topic
                            or (
                                not _same_record(again, alone)
                                and any(self._holds_topic(t, again) for t in topics if len(t) > 3)
                            )
                        )
                    )
                    alone = again if held else alone
            subjectless = (
                n
                and is_chinese(part)
                and not _POINTS_BACK.search(part)
                and answers
                and answers[0].answered
            )
            # (a question of which, who or when: "由哪个局牵头"; not "分别是什么",
            # what the whole message's list already says)
            unsaid = (
                alone is whole
                # (read as Mandarin: "佢屬於邊個項目嘅一部分" asks which)
                and _ASKS_WHICH_ZH.search(normalize(part)) is not None
                and not self._says_what_is_asked(part, whole)
            )
            # (or found alone in a record of none of the first question's topics, where it
            # names nothing of its own: "能力发展任务组是什么时候成立的？…到2023年3月开了几次
            # 会？" is the task force's meetings, not the Kigali Action Plan's start)
            elsewhere = (
                subjectless
                and alone is not None
                and alone.answered
                and alone is not whole
                and alone.kind is not AnswerKind.COMPUTE
                and not self._read_alone(part).targets
                and not read_names(part)
                and not any(self._holds_topic(t, alone) for t in topics)
                # (in another document: not "瓦努阿图…降到正常水平的百分之几？大约多少人受
                # 影响？", whose people are counted beside the coverage)
                and not {s.doc for s in alone.sources} & {s.doc for s in answers[0].sources}
            )
            if subjectless and (alone is None or not alone.answered or unsaid or elsewhere):
                # "能力发展任务组…开了几次会？由哪个局牵头？": a Chinese question with no subject
                # of its own is asked of the first one's ("能力发展任务组由哪个局牵头"); where
                # the whole message's answer stood for it, only by another record that says it
                opening = next((t for t in reversed(topics) if is_chinese(t)), None)
                # (or a name in Latin letters the first answer holds, where the first question
                # has no Chinese topic or that finds nothing: "Giga现在有多少学校加入了？拿了
                # 什么奖？", "C23/36要理事會做乜？財務影響點寫？"; or asked after the same event,
                # not of the visits the first question asks: "土耳其地震后DCM前两周访问量多少？
                # 网络覆盖率最低跌到正常的多少")
                latin_name: str | None = next(
                    (
                        w
                        for w in re.findall(r"[A-Za-z][A-Za-z0-9/-]{2,}", asked[0])
                        if w not in part and self._holds_topic(w, answers[0])
                    ),
                    None,
                )
                when = _CIRCUMSTANCE_ZH.match(opening) if opening else None
                for asked_of, by_name in (
                    (opening + part if opening and opening not in part else None, False),
                    (latin_name + part if latin_name is not None else None, True),
                    (when.group() + part if when is not None else None, False),
                ):
                    reasked = self._answer(asked_of) if asked_of else None
                    if (
                        reasked is not None
                        and reasked.answered
                        # (not the whole message's answer, where it stood for this part or
                        # this part found another alone — unless asked of the name the first
                        # question writes: "C23/36要理事會做乜？財務影響點寫？" is the whole
                        # message's financial implications, C23/36's)
                        and not (
                            (unsaid or (elsewhere and not by_name)) and _same_record(reasked, whole)
                        )
                        # (found elsewhere, kept unless the first topic's record found is
                        # another than the first answer's: "「變革推動者」計劃是什麼時候啟動
                        # 的？到目前實施了幾項變革？" — its ten changes are the Transformers
                        # programme's)
                        and not (elsewhere and _same_record(reasked, answers[0]))
                    ):
                        alone = reasked
                        break
            if (
                n
                and answers
                and answers[0].answered
                and (
                    alone is None
                    or not alone.answered
                    or alone is whole
                    or _same_record(alone, answers[0])
                )
                and read_fact_operation(normalize(part)) is not None
                and not self._read_alone(part).targets
                # (not "…, and how many users did the platform have in total?": a count of
                # its own, no sum of the first answer's figures)
                and (_asks_only_a_computation(part) or self._writes_no_subject(part))
            ):
                # "…, how many staff were involved at first vs at the end? so how many were
                # added along the way?": worked out in the first answer's record
                alone = self._worked_out_in_first(part, asked[0], answers[0]) or alone
            line = (
                self._line_of(
                    answers[0],
                    # (a theme the first question named is what "it" is: "统计数据有什么KPI？
                    # 它的预算是多少？" asks the theme's budget, not its priority's)
                    theme=_THEME_WORD.search(normalize(part)) is not None
                    or any("-" in code for code in codes),
                )
                if answers and answers[0].answered
                else None
            )
            if (
                n
                and line
                and (
                    _POINTS_BACK.search(part) or _LINE_SOMETHING_BELONGS_TO.search(normalize(part))
                )
                and (
                    alone is None
                    or not alone.answered
                    or alone is whole
                    or _same_record(alone, answers[0])
                )
                and not self._fits_intent(part, answers[0])
            ):
                # "哪个推动因素有关于UNCT的KPI？这个推动因素2023年预算多少": the line the first
                # answer found (E2), asked of
                again = self._answer(f"{part} ({line})")
                alone = again if again.answered else alone
            if (
                (
                    alone is whole
                    or (answers and alone is answers[0])
                    # "P1的预算是多少、KPI有哪些？": P1's KPIs, not a record on KPIs found alone
                    or (n and alone is not None and self._writes_no_subject(part))
                )
                and codes
                and (
                    not self._fits_intent(part, alone)
                    # ("P3的预算是多少、KPI有几个？": P3's count, not the framework's 82)
                    or (alone is not None and alone.kind is AnswerKind.KPI_TOTAL)
                )
            ):
                # "How many KPIs does P3 have and what is its budget?": the whole message's
                # KPI list is no budget; "its" is what the first question named
                alone = self._answer(f"{part} ({' '.join(codes)})")
            elif n and codes and _UNDER_IT.match(normalize(part)):
                # "P3多少钱？下面有啥主题？": what stands under the line the first named; among
                # the KPIs the first question asks of, a KPI ("E3總共有幾個KPI？裡面有沒有關於
                # 女性的？": E3-DI-7)
                kpis = (
                    _KPI_WORDS.search(normalize(asked[0]))
                    and not _KPI_WORDS.search(normalize(part))
                    and _ABOUT_ZH.search(normalize(part))
                )
                asked_of = part.rstrip("?？ ") + "KPI？" if kpis else part
                again = self._answer(f"{' '.join(codes)}{asked_of}")
                alone = again if again.answered else None
            elif (
                n
                and codes
                and answers
                and answers[0].answered
                and (alone is None or not alone.answered)
                and not self._read_alone(part).targets
            ):
                # "P5/E6/E7有幾個KPI？占總預算多少？": a share of no line of its own is the
                # share of the line the first question named
                again = self._answer(f"{part} ({' '.join(codes)})")
                alone = again if again.answered else alone
            fact = answers[0].parts.get("fact") if answers and answers[0].answered else None
            days = asks_for_days(normalize(part))
            works_out = (
                fact is not None
                and read_fact_operation(normalize(part)) is not None
                and alone is not None
                # ("…, and how big an increase is that?": worked out in what was just said)
                and (alone is whole or _same_record(alone, answers[0]) or _POINTS_BACK.search(part))
            )
            if (
                n
                and (alone is None or not alone.answered or days or works_out)
                and fact is not None
            ):
                # "Where was the retreat held, and how many days did it last?": worked out in
                # the first answer's record (5 to 9 February: 5 days)
                computed = compute_in_fact(
                    self._read_alone(part), fact, self.knowledge, answers[0].confidence
                )
                if computed is None and (
                    not self._names_its_own_subject(part) or _POINTS_BACK.search(part)
                ):
                    # "how many staff came to each? how many in total?": the first
                    # question says what is counted, the part only what is worked out
                    computed = self._computed_after(part, asked[:n], fact, answers[0])
                if computed is not None and computed.answered:
                    alone = computed
                elif days and alone is not None and not _same_record(alone, answers[0]):
                    # how long the first question's event lasted, not another's ("When did
                    # the task force meet, and how long did that period last?": no five-day
                    # retreat)
                    alone = None
            if n and fact is not None and _AS_AN_AMOUNT.search(normalize(part)):
                # "… about what share of the approved OP-23 budget, and what's that in CHF?":
                # the share the first answer's record gives, of the budget it names
                amount = self._share_as_amount(fact.text_en, whole.lang)
                alone = amount if amount is not None else alone
            if (
                n
                and answers
                and answers[0].answered
                and self._writes_no_subject(part)
                and (
                    alone is None
                    or not alone.answered
                    # "網絡安全這個主題有幾個KPI？預算多少？": the whole message's KPI count is
                    # no budget
                    or (alone is whole and not self._fits_a_line(part, whole))
                    # (found alone, in a record of something else; the whole message's answer
                    # stands: "…增加到多少人？一共增加了几人？" is worked out in it)
                    or (
                        alone is not whole
                        and alone.kind is not AnswerKind.COMPUTE
                        and not any(self._holds_topic(t, alone) for t in topics)
                    )
                )
            ):
                # "BCG采访了多少人？收钱了吗？", "學習實驗室是什麼？什麼時候啟動的？": a Chinese
                # question with no subject written is of the first question's: its record,
                # when that says what is asked, or its topic asked anew (never another
                # record's launch date found alone)
                if self._says_what_is_asked(part, answers[0]) and self._fits_a_line(
                    part, answers[0]
                ):
                    alone = answers[0]
                else:
                    for topic in topics:
                        if self._is_about(topic, answers[0]):
                            again = self._answer(f"{topic}{part}")
                            if again.answered and self._fits_a_line(part, again):
                                alone = again
                                break
            elided = self._elided_count(part)
            if n and answers and answers[0].answered and elided is not None:
                if self._counts_elided(part, elided, answers[0]):
                    # "how many external stakeholders did they interview, and how many
                    # internal ITU colleagues?": the count of the same doing, in the first
                    # answer's record (before another record's count of the noun: "…applied,
                    # and how many countries?" asks the countries they came from)
                    alone = answers[0]
                else:
                    # "What is Project Connect, and how many countries?": of its topic, or
                    # not answered (never another record's count of countries)
                    # (the first topic its record holds: "the ITU Academy", a name too common
                    # for `_is_about`, before "ITU")
                    held_topic = next(
                        (t for t in topics if self._holds_topic(t, answers[0])),
                        None,
                    )
                    asked_again = self._answer(f"{part} ({held_topic})") if held_topic else None
                    # (no topic named to tell: "What is the task force, and how many
                    # meetings?" keeps what was found for the count)
                    alone = (
                        alone
                        if held_topic is None
                        else next(
                            (
                                found
                                for found in (asked_again, alone)
                                if found is not None
                                and found.answered
                                and self._holds_topic(held_topic, found)
                            ),
                            None,
                        )
                    )
            if alone is None and answers and answers[0].answered:
                # "What is the ITU Academy? What does it cost?": the first answer, and this
                # question said not answered beside it (never the first dropped with it)
                names = read_names(asked[0])
                topic = "; ".join(" ".join(n) for n in names)
                alone = self._not_held(part, topic, whole.lang)
            alone = self._pointed_back_to(part, alone, answers[0] if answers else None) or alone
            if alone is None:
                return whole  # asked of what came before, and no answer holds it
            same = next((i for i, a in enumerate(answers) if _same_record(alone, a)), None)
            if same is None and answers and _spells_out_nothing(alone):
                same = len(answers) - 1  # (a name with no long form in the answer's language)
            if same is None:
                if any(
                    alone.kind is AnswerKind.DEFINITION is a.kind
                    and a.parts["fact"] is not None
                    and alone.parts["fact"] is a.parts["fact"]
                    for a in answers
                ):
                    # (the record shown once, after the first name spelled out)
                    alone.parts = {**alone.parts, "expansion_only": True}
                answers.append(alone)
                questions.append(part)
            elif (
                alone.kind is AnswerKind.COMPUTE is answers[same].kind
                and alone.parts.get("figures")
                and (alone.parts.get("op"), alone.parts.get("result"))
                != (answers[same].parts.get("op"), answers[same].parts.get("result"))
            ):
                # "E3和E5加起来多少？哪个多，多多少？": two computations of the same budget lines,
                # each asked
                answers.append(alone)
                questions.append(part)
            elif alone.kind is AnswerKind.COMPUTE:
                answers[same] = alone  # a figure computed from the record says more
        # A question the search was unsure of, whose first candidate is the record that
        # answers another question of the message, is answered by it ("academy Q1 2023 - how
        # many courses were delivered Jan-Mar and how many learners had completed by
        # March?": one record gives both)
        found = {a.record or _to_answer_record(a) for a in answers if a.answered}
        kept = [
            (a, p)
            for a, p in zip(answers, questions, strict=True)
            if a.answered
            or a.kind is not AnswerKind.DID_YOU_MEAN
            or not a.suggestion_records
            or a.suggestion_records[0] not in found
        ]
        if len(kept) < len(answers):
            answers, questions = [a for a, _ in kept], [p for _, p in kept]
        if len(answers) == 1:
            return answers[0]
        if (
            any(a is whole for a in answers)
            and not whole.signals
            and whole.parts.get("fact") is None  # a fact's figure answers one thing
            and all(a is whole or _covers(whole, a) for a in answers)
            and all(self._holds_what_is_asked(p, whole) for p in asked)
            # (not one computation beside another it does not say: "E3和E5加起来多少？哪个多，
            # 多多少？" asks the sum and the difference; a ratio says the gap too: "P2比P4多
            # 多少預算？是P4的幾倍？")
            and not any(
                a is not whole
                and a.kind is AnswerKind.COMPUTE is whole.kind
                and a.parts.get("op") != whole.parts.get("op")
                and a.parts.get("result") not in (whole.parts.get("result"), whole.parts.get("gap"))
                for a in answers
            )
        ):
            # a structured answer made for the whole message, needed by one of its
            # questions ("which enabler gets the most money and which the least": one
            # ranking's two ends): it, not a part of it beside it
            return whole
        every = all(a.answered for a in answers)
        if not any(a.answered for a in answers):
            return whole
        # Each question's answer; one not answered makes the message not answered, though
        # the answers given are shown (never half an answer presented as the whole).
        return Answer(
            kind=AnswerKind.MULTI,
            lang=whole.lang,
            answered=every,
            confidence=min(a.confidence for a in answers),
            # each answer's question, for the turn after it (a follow-up follows on from the
            # last question answered)
            parts={"answers": answers, "questions": questions},
            sources=dedupe_sources([s for a in answers for s in a.sources]),
        )

    def _gap_to_runner_up(self, question: str, whole: Answer) -> Answer | None:
        """A ranking's first, and how far it is ahead of the second, where the message asks
        both ("Which priority has the biggest budget, and how much more does it get than the
        runner-up?", "哪个重点工作预算最多？比第二名多多少？"): the ranking and the
        difference worked out as any difference of two lines is; None otherwise."""
        normalized = normalize(question)
        # ("how many times more than the runner-up", "是第二名的几倍": a ratio, not a difference)
        times = _TIMES_ASKED.search(normalized) is not None
        if (
            not (_RUNNER_UP.search(normalized) or _WHICH_AND_BY_HOW_MUCH.search(normalized))
            or (_NOT_A_DIFFERENCE.search(normalized) and not times)
            or not _MONEY_ASKED.search(normalized)
        ):
            # ("what share more than the runner-up": no difference asked; "the most themes,
            # and how many more than the runner-up": no money)
            return None
        asked = split_questions(question)
        if whole.kind is not AnswerKind.EXTREME and len(asked) > 1:
            whole = self._answer(asked[0])  # the ranking asked first, the gap after it
        elif whole.kind is not AnswerKind.EXTREME and _WHICH_AND_BY_HOW_MUCH.search(normalized):
            # ("which P2 theme gets the bigger budget and by how much": one question)
            asked = [
                _BY_HOW_MUCH_TAIL.sub("", question).strip()
                + ("？" if is_chinese(question) else "?")
            ]
            whole = self._answer(asked[0])
        ranked = whole.parts.get("ranked") or []
        if (
            whole.kind is not AnswerKind.EXTREME
            or not whole.answered
            or len(ranked) < 2
            or whole.parts.get("nth", 1) != 1
        ):
            return None
        # (the ranking runs from the largest down: the least is its last)
        pair = ranked[:2] if whole.parts.get("op") == "max" else ranked[-2:]
        more, less = (r.subject.code for r in pair)
        if times:
            ask = (
                "{}是{}的几倍？" if is_chinese(question) else "How many times bigger is {} than {}?"
            )
        else:
            ask = "{}比{}多多少？" if is_chinese(question) else "How much more does {} get than {}?"
        gap = self._answer(ask.format(more, less))
        if not gap.answered or gap.kind is not AnswerKind.COMPUTE:
            return None
        return _with_worked_out(whole, gap, [asked[0], ask.format(more, less)])

    def names_nothing_of_its_own(self, question: str) -> bool:
        """Whether a question is one of those asked of the question before it: a Chinese one
        with no subject written, or a count with no verb or noun of its own ("and how many
        countries?", "how many came?")."""
        if self._writes_no_subject(question):
            return True
        normalized = normalize(question)
        return (
            self._elided_count(question) is not None or _AS_AN_AMOUNT.search(normalized) is not None
        ) and not (self._read_alone(question).targets or read_names(question))

    def _writes_no_subject(self, part: str) -> bool:
        """Whether a Chinese question writes no subject of its own ("收钱了吗？", "什么时候
        启动的？"): no pointing word, line or name, and no more than a few characters left
        once its question words are set aside (启动, 收钱, 人参加)."""
        if not is_chinese(part) or _POINTS_BACK_ALONE.search(part) or read_names(part):
            return False  # ("那是多少瑞郎": that, said before, points back)
        q = self._read_alone(part)
        content = _ZH_ASKING_WORDS.sub("", q.normalized)
        return (
            not q.targets
            and not q.reading.codes
            and len(re.findall(r"[\u4e00-\u9fff]", content)) <= ZH_NO_SUBJECT_MAX_CHARS
        )

    def _in_first_context(self, part: str, first: str, alone: Answer) -> Answer:
        """A later question's answer found alone, or, where its records hold none of the
        names the first question places it with (capitalised words: Vanuatu, Türkiye) and the
        question asked with them is answered from records holding one, that answer."""
        names = [
            w
            # (letters of a Latin name only: "DCM有幾多次瀏覽" names DCM)
            for w in re.findall(r"[A-Z][^\W\u3400-\u9fff]*(?:[-–][A-Z][^\W\u3400-\u9fff]*)*", first)
            if w.lower() not in _QUESTION_OPENERS and w.lower() not in part.lower()
        ]
        words = [p for name in names for p in re.split(r"[-–]", name) if len(p) >= 3]
        if not words or any(self._holds_topic(w, alone) for w in words):
            return alone
        again = self._answer(f"{part} ({' '.join(names)})")
        if (
            again.answered
            and any(self._holds_topic(w, again) for w in words)
            # (not where a document is asked and only the answer found alone cites one:
            # "BCG那个工作收费吗？资源筹措战略具体见哪份文件" asks the strategy's, C23/62, of
            # no record of BCG's)
            and not (
                _DOCUMENT_ASKED.search(normalize(part))
                and self._cites_a_document(part, alone)
                and not self._cites_a_document(part, again)
            )
        ):
            return again
        return alone

    def _cites_a_document(self, question: str, answer: Answer) -> bool:
        """Whether an answer's records cite a document by its symbol ("C23/62")."""
        texts = self._answer_texts(self._read_alone(question), answer)
        return any(_DOCUMENT_CITED.search(t) for t in texts)

    def _computed_after(
        self, part: str, before: Sequence[str], fact: models.Fact, found: Answer
    ) -> Answer | None:
        """What a later question of a message that names nothing of its own works out in the
        first answer's record, with the words of the questions before it for what is counted
        ("…, and how many staff came to each? how many in total?"); None unless both read
        the same operation."""
        operation = read_fact_operation(normalize(part))
        both = f"{part} ({'; '.join(before)})"
        if operation is None or read_fact_operation(normalize(both)) != operation:
            return None
        return compute_in_fact(self._read_alone(both), fact, self.knowledge, found.confidence)

    def _share_as_amount(self, text: str, lang: str) -> Answer | None:
        """The amount a share written in a record comes to ("about 12% of the total approved
        OP-23 budget": 12% of CHF 4,200,000), computed as asked outright; None when the
        record gives no one share of a budget."""
        shares = {
            (m["percent"] or m["percent2"], (m["base"] or m["base2"]).upper())
            for m in _SHARE_OF_BUDGET.finditer(text)
        }
        if len(shares) != 1:
            return None
        percent, base = shares.pop()
        asked = (
            f"{base}预算的{percent}%是多少？"
            if lang == "zh"
            else f"What is {percent}% of the {base} budget?"
        )
        computed = self._answer(asked)
        return computed if computed.answered and computed.kind is AnswerKind.COMPUTE else None

    @staticmethod
    def _elided_count(part: str) -> tuple[str, ...] | None:
        """What a question of a count with no verb of its own counts ("and how many internal
        ITU colleagues?", the verb left to the question before); None for any other."""
        normalized = normalize(part)
        elided = _ELIDED_COUNT.fullmatch(normalized)
        counted = read_counted(normalized)
        if elided is None or not counted or counted == POPULATION:
            return None
        if counted != PEOPLE and len(counted) != len(elided["noun"].split()):
            return None  # a verb of its own ("how many bids were rejected")
        if len(counted) >= 2 and counted[-1] in _PERSON_WORDS and "and" not in counted:
            # "…, and how many internal people?": the internal ones of the same doing, as the
            # record before calls them ("30 internal ITU colleagues")
            return counted[:-1]
        return counted

    def _counts_elided(self, part: str, counted: tuple[str, ...], answer: Answer) -> bool:
        """Whether the record of `answer` writes a count of what an elided count question
        counts, by its own word (trainees asked after users are others than the users)."""
        q = self._read_alone(part)
        texts = self._answer_texts(q, answer)
        return gives_new_count(part, texts) and is_supplied(
            COUNT, texts, counted=counted, question=q.text
        )

    def _line_of(self, answer: Answer, theme: bool = False) -> str | None:
        """The budget line (priority or enabler; with `theme`, the theme) a KPI answer's KPIs
        all belong to."""
        if answer.kind is AnswerKind.KPI_DETAIL:
            kpis = [answer.parts["kpi"]]
        elif answer.kind is AnswerKind.KPI_LIST:
            kpis = [k for group in answer.parts.get("groups", []) for k in group["kpis"]]
        else:
            return None
        if theme:
            # "P1-INF-9": P1-INF ("what's that theme's budget")
            themes = {str(k.code).rsplit("-", 1)[0] for k in kpis if str(k.code).count("-") >= 2}
            if len(themes) == 1 and all(str(k.code).count("-") >= 2 for k in kpis):
                return themes.pop()
        lines = {self.knowledge.resolve_priority_code(k.code.split("-")[0]) for k in kpis}
        return lines.pop() if len(lines) == 1 else None

    def _with_topic(self, part: str, first: str, answers: Sequence[Answer]) -> str:
        """A question that points back ("does it") asked of the first question's topic, when
        the first question was answered; else the question as it is."""
        if not _POINTS_BACK.search(part) or not answers or not answers[0].answered:
            return part
        topic = next(iter(_read_topics(first)), None)
        return _POINTS_BACK.sub(topic, part, count=1) if topic else part

    def _not_held(self, question: str, topic: str, lang: str) -> Answer:
        """A decline of a question asked of what came before (`topic`, the names of the
        question before it) that no answer holds, saying which question it declines."""
        nothing = Answer(kind=AnswerKind.DECLINE, lang=lang, answered=False, confidence=0.0)
        asked = f"{question} ({topic})" if topic else question
        declined = self._cannot_answer(replace(self._read_alone(asked), lang=lang), nothing, None)
        if not topic:
            declined.suggestions = []  # "what does it cost", of nothing named: none close
        declined.parts["asked"] = question
        return declined

    def _fits_intent(self, question: str, answer: Answer) -> bool:
        """Whether an answer is of the kind a question's intent words ask for: a budget for
        "its budget", KPIs for "its KPIs", risks for "its risks" (any, without such words)."""
        reading = self._read_alone(question).reading
        if reading.has("kpi"):
            return answer.kind in _KPI_KINDS
        if reading.has("risk", "mitigation"):
            return answer.kind is AnswerKind.RISK
        if reading.has("budget", "share"):
            return answer.kind in _BUDGET_KINDS
        return True

    def _fits_a_line(self, question: str, answer: Answer) -> bool:
        """Whether an answer of a line's budget or KPIs is of the kind a question asks for
        (any other answer is weighed by what it says)."""
        return answer.kind not in _KPI_KINDS | _BUDGET_KINDS or self._fits_intent(question, answer)

    @staticmethod
    def _names_nothing_but_pointing(q: Question) -> bool:
        """Whether a question names nothing but points back ("what is that", "what does it
        stand for", "它是什么意思"): no code, subject, intent or word of its own."""
        reading = q.reading
        # ("who sponsors it?", "who is running it?": the doing asked of it names nothing)
        verb = read_actor_verb(q.normalized) if read_wanted(q.normalized) == ACTOR else None
        doing = set(to_query_terms(verb).tokens) if verb else set()
        return (
            (_POINTS_BACK_ALONE.search(q.normalized) is not None or bool(doing))
            and not _names_a_line(q)
            and not reading.concepts
            and all(
                t in _DEFINING_WORDS or any(t.startswith(d) or d.startswith(t) for d in doing)
                for t in q.content
            )
        )

    def _names_no_subject(self, question: str) -> bool:
        """Whether a question names nothing of its own but what it asks ("What's the budget?",
        "How far did coverage drop?", "主題係咩？"): no line, code or name."""
        q = self._read_alone(question)
        return not (
            _names_a_line(q)
            # ("What's the total budget?": the plan's total)
            or (q.reading.has("whole") and q.reading.has("budget"))
            or read_names(question)
            or any(not _too_common(n) for n in _NAME_TOLD.findall(question))
            # (a Chinese question names its subject in words: "高级管理层务虚会有几多个高管参加")
            or (is_chinese(question) and len(q.content) >= ZH_SUBJECT_MIN_GRAMS)
        )

    def _names_its_own_subject(self, question: str) -> bool:
        """Whether a question names what it asks about: a code, a subject, words of its own
        or a kind of record ("what are the risks"); "and which gets the least?", "主题是什么？"
        name nothing but what they ask of something said before."""
        q = self._read_alone(question)
        reading = q.reading
        return bool(
            _names_a_line(q)
            # "最后有多少？", "and at the end?": a time of what came before, no subject; nor
            # are people coming ("大概多少人参加了", "how many people came?")
            or to_query_terms(
                _SEQUENCE.sub(" ", reading.residue),
                drop=reading.consumed_tokens | _ATTENDING_WORDS,
            ).tokens
            or reading.has("kpi", "risk", "mitigation", "outcome", "output")
            # "what is the total budget?" (not "占总额多少？": a share of what came before)
            or (reading.has("whole") and reading.has("budget") and not reading.has("share"))
            # "and which line is the biggest?": the lines, ranked (not "which gets the least",
            # nor "the most themes", a count)
            or (
                reading.has("max", "min", "rank")
                and not _CLASS_COUNTED.search(q.normalized)
                # (not "which theme is smaller?" after a line: its themes)
                and (
                    reading.has("class_priority", "class_enabler")
                    or _LINES_NAMED.search(q.normalized) is not None
                )
            )
        )

    def _asks_an_unknown_attribute(self, q: Question) -> bool:
        """Whether the attribute a question asks of something is a word the store never
        uses in any spelling, synonym or inflection (a Chinese one: none of its pairs)."""
        # "which hotel is recommended for GSR-23": the class of thing asked for, likewise (an
        # English one: a Chinese class is as often an everyday word, 哪些事情, 哪些办法)
        attribute = read_asked_attribute(q.normalized)
        if attribute is None and not is_chinese(q.normalized):
            attribute = read_asked_class(q.normalized)
        if (
            attribute is None
            or RATIO_COMPARED.search(q.normalized)
            or _PART_OR_MULTIPLE.search(attribute)
        ):
            # "what multiple of E1's budget is E2's", "P2的两倍", "a quarter of the total
            # budget": computed
            return False
        terms = to_query_terms(attribute)
        if not terms.tokens:
            return False
        if is_chinese(attribute):
            if any(phrase in attribute for concept in LEXICON.values() for phrase in concept[2]):
                return False  # "P2的经费在哪里查": the budget, read as what is asked
            if _misspells_a_lexicon_phrase(attribute, self.index):
                return False  # "P2的预箅是多少": the budget, misspelt
            return not any(self.index.has_token(t) for t in terms.tokens)
        head = terms.tokens[-1]
        if head in q.reading.consumed_tokens or any(
            # (concepts the reader adds of its own, "range", have no words in the lexicon)
            head in LEXICON[concept][1]
            for concept in q.reading.concepts
            if concept in LEXICON
        ):
            return False  # "the overall envelope": the budget, read as what is asked
        return head in self.index.list_unknown_words(replace(terms, tokens=(head,)))

    def _read_alone(self, question: str) -> Question:
        """A question of a message read on its own, as `_answer` reads a message."""
        return self.reader.read(strip_filler(question), detect_lang(question))

    def _founds_another(self, q: Question, answer: Answer) -> bool:
        """Whether a question asks when something was founded and the fact found says
        something else was (most of the question's words of weight not in what it founded)."""
        asked = read_founded_asked(q.normalized)
        if asked is None:
            return False
        fact = answer.parts["fact"]
        founded = (
            read_founded(fact.title_zh, fact.text_zh)
            if q.lang == "zh"
            else read_founded(fact.title_en, fact.text_en)
        )
        if founded is None:
            # a record that says nothing was founded dates no founding of the organisation
            # ("In what year was ITU founded?" is not the UMC project's date)
            named = set(to_query_terms(normalize(asked)).tokens)
            return bool(named) and named <= _BODIES_TOKENS

        terms = to_query_terms(asked)
        weighed = [t for t, w in self.index.weigh(terms).items() if w > 0]
        missing = self.index.list_missing_words(terms, [normalize(founded)])
        # (most of them, or not its head: "电信发展局" shares 发展 with "能力发展任务组", "国际
        # 电联" qualifies "国际电联培训学院")
        return bool(weighed) and (
            2 * len(missing) >= len(weighed) or not names_the_founded(asked, founded)
        )

    def _holds_what_is_asked(self, question: str, answer: Answer) -> bool:
        """Whether an answer holds the kind of answer a question asks (any, if it asks for
        none in particular)."""
        q = self._read_alone(question)
        # (a line left out, "not the P5/E6/E7 line", is not asked for)
        named = {t.code for t in q.targets if not t.ambiguous} - excluded_codes(q, self.knowledge)
        given = _items(answer)
        # (a theme's answer gives its priority too: its share of it)
        given |= {p for code in given if (p := self.knowledge.get_theme_priority(code))}
        if named and answer.kind in _BUDGET_KINDS and given and not named <= given:
            # "… what's the total of E1 to E5? And is that more than P3?": the enablers' sum
            # gives no P3
            return False
        return self._is_supplied(q, answer, self._wanted(q))

    def _names_whom_it_names(self, first: Answer, other: Answer) -> bool:
        """Whether a record found for a later question, of the first answer's document,
        names in its title an acronym the first answer's title names (BCG, not ITU)."""
        if first.kind is not AnswerKind.FACT or other.kind is not AnswerKind.FACT:
            return False
        if {s.doc for s in other.sources} - {s.doc for s in first.sources}:
            return False
        said = set(_ACRONYM.findall(first.parts["fact"].title_en)) - _COMMON_ACRONYMS
        return bool(said & set(_ACRONYM.findall(other.parts["fact"].title_en)))

    def _is_about(self, topic: str, answer: Answer) -> bool:
        """Whether an answer's records hold every word of a topic, and one of them is a word
        few records hold (not "ITU")."""
        weights = self.index.weigh(self._read_alone(topic).terms)
        floor = CONTEXT_SHARED_MIN_WEIGHT * self.index.unknown_token_weight
        return any(w >= floor for w in weights.values()) and self._holds_topic(topic, answer)

    def _holds_a_rare_word_of(self, topic: str, answer: Answer) -> bool:
        """Whether an answer's records hold a word of a topic that few records hold
        ("visioning" of "the visioning process")."""
        q = self._read_alone(topic)
        floor = CONTEXT_SHARED_MIN_WEIGHT * self.index.unknown_token_weight
        missing = {
            w for w, _ in self.index.list_missing_words(q.terms, self._answer_texts(q, answer))
        }
        weights = self.index.weigh(q.terms)
        return any(w >= floor for t, w in weights.items() if t not in missing)

    def _holds_topic(self, topic: str | None, answer: Answer) -> bool:
        """Whether an answer's records hold every word of a topic."""
        if not topic:
            return False
        q = self._read_alone(topic)
        return bool(q.terms.tokens) and not self.index.list_missing_words(
            q.terms, self._answer_texts(q, answer)
        )

    def _says_what_is_asked(self, question: str, answer: Answer) -> bool:
        """Whether an answer holds every word of some weight a question asks with, beside
        the kind of answer it wants ("它属于哪个更大的项目": 属于, 更大)."""
        q = self._read_alone(question)
        missing = self.index.list_missing_words(q.terms, self._answer_texts(q, answer))
        # (a Chinese pair that holds a question word, 第几 of "第几号决议", asks, says nothing)
        return self._holds_what_is_asked(question, answer) and not any(
            w >= CONTEXT_SHARED_MIN_WEIGHT and not _ASKING_PAIR.search(t) for t, w in missing
        )

    def _of_a_topic_saying_more(
        self, part: str, topics: Sequence[str], other: Answer
    ) -> Answer | None:
        """A question asked of each topic in turn ("… (ATC)"), answered by another record
        than `other` that says more of what it asks; None if none is."""
        for topic in topics:
            again = self._answer(f"{part} ({topic})")
            if (
                again.answered
                and not _same_record(again, other)
                and self._says_more_of(part, again, other)
            ):
                return again
        return None

    def _says_more_of(self, question: str, answer: Answer, other: Answer) -> bool:
        """Whether one answer holds the kind of answer a question asks and more of the words
        of some weight it asks with than another answer does (by the weight of those
        missing)."""
        q = self._read_alone(question)

        def unsaid(found: Answer) -> float:
            texts = self._answer_texts(q, found)
            missing = self.index.list_missing_words(q.terms, texts)
            # (a year asked of is a word of weight too: "which 1984 report does it cite")
            years = [y for y in _YEAR_ASKED.findall(q.normalized) if not any(y in t for t in texts)]
            return sum(w for _, w in missing if w >= CONTEXT_SHARED_MIN_WEIGHT) + len(years)

        return self._holds_what_is_asked(question, answer) and unsaid(answer) < unsaid(other)

    def _answer(self, question: str) -> Answer:
        answer = self._answer_read(question)
        if answer.kind is AnswerKind.CANNOT_ANSWER and answer.parts.get("wanted") == COUNT:
            # "「婦女網絡足跡」倡議涵蓋幾個國家？": no number written, but the record lists them
            return self._counted_in_a_list(question) or answer
        if (
            answer.answered
            and _DOCUMENT_ASKED.search(normalize(question))
            and not self._cites_a_document(question, answer)
        ):
            # "which document describes the resource mobilization strategy?": a record that
            # cites one (C23/62), not the P5/E6/E7 line named alike
            found = self._lookup(self._read_alone(question))
            if (
                found.answered
                and found.kind in _SEARCHED_KINDS
                and self._cites_a_document(question, found)
            ):
                return found
        if answer.answered and _REGION_SIZE.search(normalize(strip_filler(question))):
            # "非洲有多少个国家？": how many countries a region has, which no record counts (42
            # signed HCM4A; 35 applied for the ATC programme)
            nothing = Answer(
                kind=AnswerKind.DECLINE, lang=answer.lang, answered=False, confidence=0.0
            )
            return self._cannot_answer(self._read_alone(question), nothing, COUNT)
        if answer.kind is AnswerKind.COMPUTE and answer.parts.get("fact") is not None:
            q = self._read_alone(question)
            # (of the organisation: not "两次学习实验室活动一共有多少职员", 250 + 120)
            if _HEADCOUNT.search(q.normalized) and set(q.terms.tokens) & _BODIES_TOKENS:
                # "電信發展局總共有多少職員": the organisation's headcount, which no record
                # gives; no sum of the staff two LearningLabs sessions drew (250 + 120)
                return self._cannot_answer(q, answer, COUNT)
        return answer

    def _counted_in_a_list(self, question: str) -> Answer | None:
        """How many things a "how many" question asks of, where no record writes their number
        but the one found for "which …" lists them, one run of names in its text (English:
        "Georgia, Moldova, …, North Macedonia and Serbia"; "will prioritize: people and
        culture; financial management and planning; …"); None where it lists none, or runs
        of different lengths."""
        normalized = normalize(question)
        operation = read_fact_operation(normalized)
        if (
            operation is not None
            # ("一共作出了几项承诺", "how many in total": the count of one thing, no sum)
            and not (operation == "sum" and not _TWO_THINGS_JOINED.search(normalized))
        ) or asks_those_not_done(normalized):
            return None
        listing = _HOW_MANY_EN.sub("which ", normalized, count=1)
        listing = _HOW_MANY_ZH.sub("哪些", listing, count=1)
        if listing == normalized:
            return None
        found = self._answer_read(listing)
        if not found.answered or found.kind is not AnswerKind.FACT or found.parts.get("also"):
            return None
        counted = read_counted(normalized)
        if not counted or counted in (PEOPLE, POPULATION) or set(counted) & _PERSONS:
            return None  # ("how many staff work in the Africa office": no names of people)
        if set(counted) & _TIME_UNITS:
            return None  # ("how many years between the Academy and Giga": no names of years)
        if _counts_the_whole_organisation(self._read_alone(question), counted):
            return None  # ("how many cyclones does ITU have": none of its own are listed)
        # what is counted: the noun or a synonym of it ("国家": countries, 国)
        nouns = {stem(w) for w in counted} | {
            stem(t) for w in counted for group in self.index.synonyms_of(w) for t in group
        }
        # the question's own words of some weight ("优先考虑", "启动了国家频率分配表"), beside
        # which a run is of what is asked
        asked = set(to_query_terms(normalized).tokens) - _BODIES_TOKENS - set(counted)
        asked = {t for t in asked if self.index.token_weight(t) >= DISTINCTIVE_MIN_WEIGHT}
        fact = found.parts["fact"]
        chinese = is_chinese(question)
        text, title = (fact.text_zh, fact.title_zh) if chinese else (fact.text_en, fact.title_en)
        reach = RUN_CONTEXT_CHARS if chinese else RUN_CONTEXT_CHARS * 6

        def is_of_the_asked(start: int, end: int) -> bool:
            # (its noun just before it: "in sectors … in the following areas: …", not in a
            # title the record is about, "Smart Villages initiative …")
            before = normalize(text[max(0, start - reach) : start])
            beside = normalize(text[max(0, start - reach) : start] + " " + text[end : end + reach])
            # (in English, in the plural: "countries (…)", not "the first Smart Village, …")
            held = (
                {stem(t) for t in to_query_terms(before).tokens}
                if chinese
                else {stem(w) for w in re.findall(r"[a-z][a-z\-]*s\b", before)}
            )
            # (words asked beside it that name no more than the record's subject, its title's
            # words, do not make a run the one asked of: "how many Smart Villages in Pakistan"
            # is no count of the partners named beside "Pakistan")
            topic = set(to_query_terms(normalize(title)).tokens)
            # (two of them at least: "cyclone" beside a ministry's eight words is no count of
            # cyclones)
            shared = (asked - topic) & set(to_query_terms(beside).tokens)
            return bool(nouns & held) or len(shared) >= 2

        # (a run of the thing counted: its noun in the title or before the run, "8 countries
        # (…)", or the words asked beside it; not the countries an office works in, for its
        # staff)
        counts = {
            len(items) for start, end, items in list_runs(text) if is_of_the_asked(start, end)
        }
        if len(counts) != 1:
            return None
        q = self._read_alone(question)
        parts = {"op": "fact_items", "result": counts.pop()}
        return replace(
            computed_in_fact(q, fact, self.knowledge, found.confidence, parts),
            signals=found.signals,
        )

    def _years_between(self, question: str, match: re.Match[str]) -> Answer | None:
        """How many years lie between two things a question names ("How many years passed
        between the Maitland report and PP-22?", "LDC5和上次会议相隔几年"), each dated by the
        record found for when it was, or by the year its name carries (PP-22: 2022) where a
        record speaks of it (`match`: the two things, read by `_YEARS_BETWEEN`); None unless
        both are."""
        sides = [match["a"].strip(" ,，"), match["b"].strip(" ,，")]
        dated: list[tuple[int, Answer]] = []
        for n, side in enumerate(sides):
            other = _years_named(sides[1 - n])
            # (a thing named by its year is looked up by its name: "When was PP-26?" asks the
            # future, which the documents do not date)
            found = self._answer(
                side
                if _years_named(side)
                else f"{side}是什么时候？"
                if is_chinese(side)
                else f"When was {side}?"
            )
            if not found.answered or found.kind is not AnswerKind.FACT:
                return None
            fact = found.parts["fact"]
            held = _years_named(normalize(" ".join((fact.title_en, fact.text_en))))
            named = _years_named(side)
            if not named:
                # a thing named without its year: one record of it, which holds it
                texts = self._answer_texts(self._read_alone(side), found)
                missing = self.index.list_missing_words(to_query_terms(normalize(side)), texts)
                if any(w >= DISTINCTIVE_MIN_WEIGHT for _, w in missing):
                    return None  # ("梅特兰报告与世界大战": no record of the war)
            # the year the side's name carries, where the record holds it too; else the one
            # year its record holds beside the other side's ("report to PP-26 … as PP-22
            # instructed": 2026)
            years = (named & held) if named else _year_beside(held, other)
            if len(years) != 1:
                return None
            if not named and self._dated_alike(side, fact, other, years):
                return None  # ("the BDT retreat": the 2018 one, or the 2023 one)
            dated.append((years.pop(), found))
        (first, first_found), (last, last_found) = sorted(dated, key=lambda d: d[0])
        if first == last:
            return None
        lang = detect_lang(question)
        return Answer(
            kind=AnswerKind.COMPUTE,
            lang=lang,
            answered=True,
            confidence=min(first_found.confidence, last_found.confidence),
            parts={
                "op": "years_between",
                "result": last - first,
                "first": first,
                "last": last,
                "fact": last_found.parts["fact"],
                "facts": [first_found.parts["fact"], last_found.parts["fact"]],
                "year": None,
                "missing_year": None,
                "newer": [],
                "figures": [],
            },
            sources=dedupe_sources([*first_found.sources, *last_found.sources]),
        )

    def _dated_alike(self, side: str, fact: Any, other: set[int], years: set[int]) -> bool:
        """Whether another record, found nearly as well for a thing named, holds every weighty
        word of it and dates it otherwise than `years` (beside the `other` side's years): the
        name is of more than one thing ("the BDT retreat": 2018's, or 2023's)."""
        terms = to_query_terms(normalize(side))
        hits = self.index.search(terms, kinds=("fact",), limit=SUGGESTION_LIMIT + 3)
        for hit in hits:
            alike = self._facts.get(hit.entry.ref)
            if alike is None or alike is fact or hits[0].score - hit.score > DATED_MARGIN:
                continue
            texts = self._record_texts(hit)
            if any(
                w >= DISTINCTIVE_MIN_WEIGHT for _, w in self.index.list_missing_words(terms, texts)
            ):
                continue
            held = _years_named(normalize(f"{alike.title_en} {alike.text_en}"))
            dated = _year_beside(held, other)
            if dated and dated != years:
                return True
        return False

    def _answer_read(self, question: str) -> Answer:
        text = " ".join(question.split())
        lang = detect_lang(text)
        if not text or not re.search(r"\w", text):
            return self._help(lang)  # nothing asked ("", "%%%", "?"): what the bot can answer
        if len(text) > MAX_QUESTION_LENGTH:
            return Answer(
                kind=AnswerKind.TOO_LONG,
                lang=lang,
                answered=False,
                confidence=NOTHING_FOUND,
                parts={"limit": MAX_QUESTION_LENGTH},
            )
        stripped = strip_filler(text)
        stripped_normalized = normalize(stripped)
        between_asked = next(
            (m for m in (p.search(stripped_normalized) for p in _YEARS_BETWEEN) if m), None
        )
        if between_asked is not None:
            # "how many years between the Maitland report and PP-22": worked out, or said
            # missing — never a record of one side alone
            between = self._years_between(text, between_asked)
            if between is not None:
                return between
            nothing = Answer(kind=AnswerKind.DECLINE, lang=lang, answered=False, confidence=0.0)
            return self._cannot_answer(self._read_alone(text), nothing, COUNT)
        q = self.reader.read(stripped, lang)
        if q.reading.has("help") and not q.content:
            return self._help(lang)
        if is_only_small_talk(text):
            # "hello", "thanks!": what the bot can answer, but no answer to a question (a
            # thread's "thanks!" to the people there is left alone)
            greeting = self._help(lang)
            greeting.answered = False
            greeting.confidence = NOTHING_FOUND  # no question, so no answer to be right
            return greeting
        if self._names_nothing_but_pointing(q):
            # "What is that?", "What does it stand for?", "它是什么意思？" with nothing before
            # it: what can be asked, not a record that happens to share a word
            pointing = self._help(lang)
            pointing.answered = False
            pointing.confidence = NOTHING_FOUND
            return pointing
        pay = read_pay_word(q.normalized)
        if pay is not None and not any(self.index.has_token(t) for t in to_query_terms(pay).tokens):
            # "P4职级的工资一个月多少钱": the documents never speak of anyone's pay (P4 here
            # is a grade, not the priority's budget)
            unpaid = Answer(kind=AnswerKind.DECLINE, lang=lang, answered=False, confidence=0.0)
            return self._cannot_answer(replace(q, targets=[]), unpaid, AMOUNT)
        if self._asks_an_unknown_attribute(q):
            # "what's the weather in Sharm el-Sheikh during GSR-23": the store speaks of GSR-23
            # but never of weather; the records about GSR-23 are offered, not answered
            about = self._lookup(q)
            return Answer(
                kind=AnswerKind.DECLINE,
                lang=lang,
                answered=False,
                confidence=NOTHING_FOUND,
                suggestions=about.suggestions,
                suggestion_records=about.suggestion_records,
            )
        if asks_about_the_asker(q.normalized) and not q.targets:
            # "what is my budget": whose is unknown here; say so, and what can be asked
            unknown = Answer(kind=AnswerKind.DECLINE, lang=lang, answered=False, confidence=0.0)
            return self._cannot_answer(q, unknown, OWN)
        if q.reading.has("other_plan") and not q.reading.has("budget", "share"):
            # "how many KPIs does OP-22 have": another year's plan; the documents hold OP-23
            # (a budget asked of it says which year's figures it holds instead)
            other = Answer(kind=AnswerKind.DECLINE, lang=lang, answered=False, confidence=0.0)
            return self._cannot_answer(q, other, YEAR)
        # Ratios, averages, shares of a group, percentages: read on the whole question, as
        # filler stripping may drop the clause that states the percentage.
        whole = self.reader.correct_typos(normalize(text))  # "wat does ISCG stnad for"
        # What a term is, read without the words that only say how to answer ("What is NETP,
        # in plain words?", "what is ITU as One, in a sentence?")
        # (and with its names' typos corrected: "what's the ITU Acadmey")
        asked = q.normalized
        # "which enabler monitors average staff performance": a KPI's owner, no average
        tracked = _TRACKED_BY_A_LINE.search(whole) is not None
        lines = self._lines_of_the_figure(q) if not q.targets else []
        if lines:
            # "占总预算2.9%的是哪一项？", "which line gets CHF 120,000?": the line of that figure
            ask = "{}的预算是多少？" if q.lang == "zh" else "What is the budget of {}?"
            return self._answer(
                ask.format(" ".join(lines) if q.lang == "zh" else " and ".join(lines))
            )
        answer = (
            (None if tracked else self.calculator.answer(q, whole))
            or self.glossary.answer(q, asked)  # "what does NETP stand for"
            or self._route(q)
        )
        # "what is meaningful connectivity": the fact that defines it, not one naming it
        answer = self.glossary.define(asked, lang, answer) or answer
        if self._only_mentions(asked, lang, answer):
            # "what is 5G" answered with a fact that lists 5G among other things; another
            # close fact about the term (its words in its title) is the answer ("the ITU
            # Change-makers programme": its launch, not the list of staff initiatives)
            term_fact = self._fact_about_the_term(q, asked, lang)
            if term_fact is None:
                return self._cannot_answer(q, answer, DEFINITION)
            answer = term_fact
        if not answer.answered and (
            read_fact_operation(whole) in (GROWTH, DIFFERENCE, RATIO) or asks_per_year(whole)
        ):
            # "by what percentage did the visioning staff grow": the words of the operation
            # are worked out, not looked for; the fact found without them must hold the two
            # counts compared ("initially 40 …, eventually 65")
            bare = self._lookup(q, drop=_OPERATION_TOKENS)
            if not bare.answered and bare.suggestion_records:
                # ("… in the post-PP-22 visioning exercise grow": the time is context)
                bare = self._without_context(q, whole, bare, _OPERATION_TOKENS) or bare
            if bare.answered and bare.kind is AnswerKind.FACT:
                fact = bare.parts["fact"]
                answer = (
                    compute_in_fact(q, fact, self.knowledge, bare.confidence)
                    or self._computed_in_a_tie(q, bare)
                    or answer
                )
        if not answer.answered and answer.suggestion_records:
            # "the three pillars that came out of the Secretary-General's visioning exercise":
            # words that place the record, held by the record beside it in its document
            answer = self._without_context(q, whole, answer) or answer
        if (
            answer.answered
            and answer.kind is AnswerKind.FACT
            and not q.targets
            and asks_for_list(q.normalized)
            and q.reading.has("class_priority", "class_enabler")
            and not any(count_listed(t) for t in self._answer_texts(q, answer))
            # the fact is not itself about what is asked ("the five ITU thematic priorities")
            and self.index.list_missing_words(q.terms, self._answer_texts(q, answer))
        ):
            # "Can you list the ITU-D priorities (the P codes)": the lines themselves, not the
            # fact saying what P stands for
            listed = self._structured(replace(q, terms=replace(q.terms, tokens=())))
            if listed is not None and listed.answered and (count_items(listed) or 0) >= 2:
                answer = listed
        if (
            answer.answered
            and answer.kind is AnswerKind.FACT
            and not self._fits_year(answer.parts["fact"], q.reading.year, q.normalized)
        ):
            # "2018年务虚会开了几天": the annual retreat's record speaks of no 2018; a fact of
            # that year found further behind that holds what is asked (the 2018 retreat's
            # dates), if any (else the year is said missing below)
            answer = self._further_behind(q, answer) or answer
        if answer.kind is AnswerKind.FACT:  # a share or a sum of counts the fact states
            fact = answer.parts["fact"]
            days_of = _DAYS_OF.search(q.normalized)
            if days_of is not None and self.index.list_missing_words(
                to_query_terms(days_of["thing"] or days_of["thing_en"] or days_of["thing_bare"]),
                self._answer_texts(q, answer),
            ):
                # "员工每年有多少天年假": days of a thing the record never speaks of, not the
                # days its dates span (the 2018 retreat's five)
                return self._cannot_answer(q, answer, COUNT)
            if asks_for_days(q.normalized) and not any(
                _DAYS_GIVEN.search(t) or days_spanned(t) for t in self._answer_texts(q, answer)
            ):
                # "2018年务虚会开了多久": a record with no days in it (the retreat's purpose);
                # one found close behind that says how long, if any
                days = self._of_the_date(
                    q, answer, margin=YEAR_MARGIN, holds=partial(self._gives_a_duration, q)
                )
                if days is None:
                    return self._cannot_answer(q, answer, COUNT)
                answer = days
                fact = answer.parts["fact"]
            if (
                _HOW_LONG.search(q.normalized)
                and not asks_for_days(q.normalized)
                and not any(
                    _DURATION_STATED.search(t)
                    or _SPAN_GIVEN.search(t)
                    or _DAYS_GIVEN.search(t)
                    or _ANY_YEAR.search(t)
                    or days_spanned(t)
                    for t in self._answer_texts(q, answer)
                )
            ):
                # "新入职同事的试用期是多久": a record with no time in it at all (the core
                # values) answers no "how long"
                return self._cannot_answer(q, answer, None)
            computed = compute_in_fact(q, fact, self.knowledge, answer.confidence)
            in_fact = read_fact_operation(q.normalized)
            if (
                computed is None
                and answer.answered
                and in_fact is not None
                and not _states_result(fact, in_fact)
            ):
                # "2023年1至3月学院平台交付的课程，完成率是多少？": a rate the fact's counts do
                # not tell (of which two?), and the fact states none: not its counts as if
                # they were the rate asked; the fact is offered beside others
                # (an average is said not worked out: "the average budget per region")
                if in_fact == "average":
                    return self._cannot_compute(q, in_fact)
                wanted = self._wanted(q)
                return self._cannot_answer(q, answer, wanted if wanted in _FIGURES else None)
            answer = computed or answer
            if (
                answer.kind is AnswerKind.FACT
                and asks_those_not_done(q.normalized)
                and not any(_NEGATED.search(t) for t in (fact.text_en, fact.text_zh))
            ):
                # "how many ATC applicants were not selected": the fact's two counts are not
                # the difference asked (a fact that says who did not may state it)
                return self._cannot_compute(q, DIFFERENCE)
        wanted = self._wanted(q)
        if answer.kind is AnswerKind.KPI_DETAIL and asks_whose_kpi(q.normalized):
            wanted = None  # "which theme has a KPI on the number of …" asks whose, not how many
        if (
            answer.answered
            and answer.kind is AnswerKind.FACT
            and _KPI_WORDS.search(q.normalized)  # not "measure": "… measuring connectivity"
            and not any(_KPI_WORDS.search(t) for t in self._answer_texts(q, answer))
        ):
            # "2024年的KPI目标是多少": a record that never speaks of an indicator (2024's
            # management commitments) answers nothing about one
            return self._cannot_answer(q, answer, KPI)
        thing = read_asked_thing(q.normalized)
        doing = read_asked_doing(q.normalized)
        if thing is None and doing is not None and not self.index.has_token(doing):
            # "证书弄丢了，可以补发吗": a doing no record speaks of (one some record speaks of,
            # in words of its own, is left to the search: "可以调动吗", "重新部署")
            thing = doing
        if (
            answer.answered
            and answer.kind in (AnswerKind.FACT, AnswerKind.FAQ)
            and thing is not None
            and self.index.list_missing_words(to_query_terms(thing), self._answer_texts(q, answer))
        ):
            # "is lunch provided at the BDT retreat": a record of the retreat that never
            # speaks of lunch says nothing of it
            return self._cannot_answer(q, answer, None)
        if answer.answered and answer.kind is AnswerKind.FACT and _grows_past_nothing(q, answer):
            # "用户一开始35000，后来增加到多少": a record whose counts are none above the one
            # stated (35 000 at the end of 2022) gives no later count
            return self._cannot_answer(q, answer, COUNT)
        if (
            answer.answered
            and answer.kind in _SEARCHED_KINDS
            and asks_done_only_planned(q.normalized, self._said_texts(answer))
        ):
            # "Did Member States approve the new IDI methodology?": a record that says it will
            # be adopted if 70% approve says nothing of whether they did
            return self._cannot_answer(replace(q, targets=[]), answer, None)
        if (
            answer.answered
            and (answer.kind in _SEARCHED_KINDS or answer.kind is AnswerKind.KPI_DETAIL)
            and asks_the_first_one(q.normalized)
            and not any(FIRST_SAID.search(t) for t in self._answer_texts(q, answer))
        ):
            # "第一个签署HCM4A协议的非洲国家是哪个？": a record that counts the 42 that signed
            # says nothing of which came first
            return self._cannot_answer(replace(q, targets=[]), answer, None)
        if (
            answer.answered
            and answer.kind is AnswerKind.KPI_DETAIL
            and asks_whether_done(q.normalized)
            and not _KPI_WORDS.search(q.normalized)
        ):
            # "Did the Member States end up approving the new IDI methodology?": the KPI that
            # measures the share approving says nothing of whether they did
            return self._cannot_answer(replace(q, targets=[]), answer, None)
        if (
            answer.answered
            and answer.kind is AnswerKind.KPI_DETAIL
            and answer.parts.get("progress") is None
            and _VALUE_ASKED.search(q.normalized)
            and not _KPI_WORDS.search(q.normalized)
            # (what a KPI measures, asked: "which percentage is measured by E3-DI-7")
            and not _MEASURED.search(q.normalized)
            and not q.reading.kpi_codes
        ):
            # "what % of participants at ITU-D statutory meetings were women in 2023?": the
            # KPI that measures it gives no value, and none is recorded
            wanted = COUNT if q.normalized.startswith("how many") else PERCENT
            return self._cannot_answer(replace(q, targets=[]), answer, wanted)
        if answer.answered and answer.kind is AnswerKind.FACT and self._founds_another(q, answer):
            # "When was BDT set up?": the task force set up under BDT's leadership is no
            # founding of BDT
            return self._cannot_answer(q, answer, DATE)
        if (
            answer.answered
            and answer.kind in _SEARCHED_KINDS
            and (
                not self._holds_the_names(q, answer)
                or self._misses_a_region(q, answer)
                or _misses_a_sector(q, answer)
                or self._misses_the_body_asked_of(q, answer)
            )
        ):
            # "What is the budget of the United Nations": a record of national and regional
            # entities speaks of no United Nations
            return self._cannot_answer(q, answer, None)
        if (
            answer.answered
            # "who is BCG": an acronym the documents spell out is who it is
            and not (answer.kind is AnswerKind.DEFINITION and wanted in (PERSON, ACTOR))
            and not self._is_supplied(q, answer, wanted)
        ):
            # "OP-23风险的风险所有者由谁指定": the risks do not say who; a fact found may
            found = None if answer.kind in _SEARCHED_KINDS else self._lookup(q)
            if not (
                found is not None
                and found.answered
                and found.kind in _SEARCHED_KINDS
                and self._is_supplied(q, found, wanted)
            ):
                if found is not None and found.kind is AnswerKind.DID_YOU_MEAN:
                    return found  # the search is unsure: its candidates, not "I have none"
                # "how many staff were in the visioning exercise after PP-22": the record of
                # the time ("after PP-22 … launched the visioning") holds no count; the one
                # of the exercise without it does
                found = self._without_time_context(q, whole, wanted)
                if found is None:
                    return self._cannot_answer(q, answer, wanted)
            answer = found
        if (
            answer.answered
            and answer.kind is AnswerKind.FACT
            and not self._fits_year(answer.parts["fact"], q.reading.year, q.normalized)
        ):
            # "the 2024 edition" answered from the 2023 one: a year the record never speaks of
            # (a fact of that year found further behind that holds what is asked, if any)
            dated = self._further_behind(q, answer)
            if dated is None:
                return self._cannot_answer(q, answer, YEAR)
            answer = dated
        if (
            answer.answered
            and answer.kind is AnswerKind.FACT
            # (a date asked, or a yes-or-no question of one, is answered by the date held: "was
            # GSR-23 held in May": no, 5–8 June)
            and wanted not in (DATE, NEXT_DATE)
            and not _YES_NO_ASKED.search(q.normalized)
            and not _fits_month(answer.parts["fact"], q.normalized)
        ):
            # "the LearningLabs session in June 2023" answered by May's: a month the record
            # speaks of, but not the one asked; a close candidate of that date, else none
            dated = self._of_the_date(q, answer)
            if dated is None:
                return self._cannot_answer(q, answer, MONTH)
            answer = dated
        if (
            answer.answered
            and answer.kind is AnswerKind.FACT
            and asks_for_a_day(q.normalized)
            and not self._gives_a_day(answer)
        ):
            # "2023年2月的务虚会具体是哪一天开的": the record gives the month only (a record of
            # the same thing further behind that gives the day, if any: "the exact day the
            # 2018 retreat began")
            dated = self._of_the_date(q, answer, margin=YEAR_MARGIN, holds=self._gives_a_day)
            if dated is None:
                # (saying what the record does give: "BDT senior management retreat (February
                # 2023)", its title)
                declined = self._cannot_answer(q, answer, DAY)
                fact = answer.parts["fact"]
                declined.parts["held"] = fact.title_zh if q.lang == "zh" else fact.title_en
                return declined
            answer = dated
        if (
            answer.answered
            and answer.kind in (AnswerKind.FACT, AnswerKind.FAQ)
            and asks_for_an_hour(q.normalized)
            and not gives_an_hour(self._answer_texts(q, answer))
        ):
            # "日内瓦总部办公时间是几点到几点": a time of day, which the records never give (the
            # retreat's days are no office hours), saying what the record gives
            declined = self._cannot_answer(q, answer, HOUR)
            fact = answer.parts.get("fact")
            if fact is not None:
                declined.parts["held"] = fact.title_zh if q.lang == "zh" else fact.title_en
            return declined
        operation = read_operation(q.normalized)
        if operation == RELATIVE_TO and self._names_a_theme_and_its_priority(q):
            operation = None  # "cybersecurity as a share of P4": a theme's answer gives it
        if operation == SCALED and (checks_a_share(q.normalized) or asks_which_by_share(q)):
            operation = None  # "是不是差不多占P1的四分之一": a share to check, given by a share
        if operation in (CHANGE, SCALED) and answer.parts.get("op") == "ratio":
            # "cybersecurity gets five times what capacity development gets", "E3是E4的两倍
            # 吗": a multiple said of one line against another, checked by their ratio
            operation = RATIO
        if (
            operation == SCALED
            and compares_to_a_fraction_of_total(q.normalized)
            and (answer.parts.get("share_of_total") is not None or answer.kind is AnswerKind.BUDGET)
        ):
            # "P2和P3加起来有没有超过总预算的一半", "is P3 more than a quarter of the total":
            # the share of the total the answer gives tells, no part of a figure worked out
            operation = None
        if operation == CONVERT and not answer.parts.get("figures"):
            operation = None  # amounts read out of facts keep the currency they are written in
        if (
            answer.answered
            and answer.kind is AnswerKind.FACT
            and _IN_FRANCS_ASKED.search(q.normalized)
            and not any(_FRANCS_GIVEN.search(t) for t in self._answer_texts(q, answer))
            and any(_OTHER_MONEY_GIVEN.search(t) for t in self._answer_texts(q, answer))
        ):
            # "VaMoz项目230万欧元折合多少瑞郎": the documents give no exchange rate; the euros
            # are no francs
            return self._cannot_compute(q, CONVERT)
        if answer.answered and answer.kind in self._FIGURE_KINDS | {AnswerKind.OVERVIEW}:
            done = answer.parts.get("op", "") if answer.kind in _COMPUTED_KINDS else ""
            if operation == REMAINDER and answer.parts.get("rest") is not None:
                done = REMAINDER  # "54% of OP-23 …, and how much is left": a part and its rest
            if not is_computed(operation, str(done)):
                return self._cannot_compute(q, str(operation))
        if (
            answer.answered
            and answer.kind in self._FIGURE_KINDS - {AnswerKind.COMPUTE}
            and read_fact_operation(whole) == GROWTH
        ):
            # "by what percentage did P2's budget grow": one year's figure is no rise
            return self._cannot_compute(q, GROWTH)
        if answer.answered and self._misses_lines_asked(q, answer):
            # "这两项重点工作加起来": one line found of the two to add is no sum
            return self._cannot_compute(q, "sum")
        if (
            answer.answered
            and answer.kind in _SEARCHED_KINDS
            and q.reading.has("sum")
            and names_two_periods(whole)
            # (not a record that spans both: "March 2022 to March 2023", eight meetings)
            and not spans_the_periods(whole, self._answer_texts(q, answer))
        ):
            # "users in 2022 and 2023 combined": one period's record is no sum of the two
            return self._cannot_compute(q, "sum")
        if (
            answer.answered
            and answer.kind is AnswerKind.FACT
            and operation in _COMPARISONS
            and not (
                operation == DIFFERENCE
                and (
                    # "用户增加了多少": the rise the fact states, unless compared with another
                    # ("how many more in 2022 than in Q1 2023": two figures, no difference)
                    (
                        states_its_rise(q, answer.parts["fact"])
                        and not _COMPARED_WITH.search(q.normalized)
                    )
                    # "by how many did coverage fall": a fact's own figures, when its counts
                    # give no difference (percentages, a level); a fact with no figure but a
                    # year gives none ("after PP-22 … three questions … by 2030")
                    or (
                        _BY_HOW_MANY.search(q.normalized)
                        and any(_FIGURE.search(t) for t in self._answer_texts(q, answer))
                    )
                )
            )
        ):
            # "the 2022 new users, how many more than in early 2023": a fact that states one
            # of the figures is no difference (one computed in the fact is a COMPUTE answer)
            return self._cannot_compute(q, str(operation))
        if (
            answer.answered
            and answer.kind in _SEARCHED_KINDS
            and (operation == SCALED or (operation == CHANGE and names_a_multiple(q.normalized)))
        ):
            # "VaMoz Digital的一半是多少钱", "did the P4 staff attend three times": a fact's
            # figure whole is no part or multiple of it
            return self._cannot_compute(q, SCALED)
        if answer.answered and not answer.signals:
            # A search answer is calibrated as it is decided; a structured one here.
            answer.confidence = self.calibration.to_probability(STRUCTURED, answer.confidence)
        if (
            answer.answered
            and answer.kind in _SEARCHED_KINDS
            and asks_a_price(q.normalized)
            and not self._is_supplied(q, answer, AMOUNT)
        ):
            # "机构申请ATC项目要交多少申请费": the applications record gives no fee
            return self._cannot_answer(q, answer, AMOUNT)
        if answer.answered and answer.kind in _FIGURE_KINDS and asks_a_price(q.normalized):
            # "how much does it cost to join the alliance": E1's budget is no fee (nor what
            # Microsoft gave the mentorship programme, P4's cybersecurity theme); said of no
            # line, whose budget the documents do give
            return self._cannot_answer(replace(q, targets=[]), answer, AMOUNT)
        if answer.answered and answer.kind in _FIGURE_KINDS:
            kind = read_cost_kind(q.normalized) or self._part_not_broken_out(q.normalized)
            if kind is not None:
                # "P2's travel budget": the documents give each line's budget whole, never by
                # kind of cost; that is said, with the line's figures as context
                answer.parts["missing_kind"] = kind
        if answer.answered and (
            answer.parts.get("missing_year") or answer.parts.get("missing_kind")
        ):
            # "I have no figures for 2025; those I hold are for 2023": the question asked is
            # declined (the figures held are context, not its answer), with the confidence
            # of a decline: `confidence` is the probability that an answer is right.
            answer.answered = False
            answer.confidence = min(answer.confidence, CANNOT_ANSWER_CONFIDENCE)
        return answer

    def _route(self, q: Question) -> Answer:
        lang = q.lang
        if q.reading.kpi_codes:
            return self._kpi_detail(q)
        if any(body not in self._bodies for body in _read_numbered_bodies(q.normalized)):
            # "ITU-D第3研究组在研究哪些课题": a study group or resolution the documents never
            # number so; not the workshops of Study Group 1 that share its words
            unknown_body = Answer(
                kind=AnswerKind.DECLINE, lang=q.lang, answered=False, confidence=NOTHING_FOUND
            )
            return self._cannot_answer(replace(q, targets=[]), unknown_body, None)
        unknown = [c for c in q.reading.codes if self.knowledge.resolve_priority_code(c) is None]
        unknown += self._unknown_numbers(q)
        if unknown:
            return self._unknown_code(lang, unknown[0])
        structured = self._structured(q)
        if structured is not None and structured.kind in (
            AnswerKind.DID_YOU_MEAN,
            AnswerKind.CANNOT_COMPUTE,
            AnswerKind.CANNOT_ANSWER,
        ):
            # its candidates, or a deliberate decline ("all enablers except E1" that cannot
            # be added up): never a fact the search finds instead
            return structured
        if structured is not None and (
            structured.kind is AnswerKind.KPI_TOTAL
            or structured.parts.get("counted")
            or _names_only_a_class(q)  # "risks", "风险": all of them, not a fact on risk
        ):
            # every KPI, or every theme, asked for: no one fact that mentions them answers it
            return structured
        if (
            structured is not None
            and not _bare_content(q)
            and asks_for_list(q.normalized)
            and (count_items(structured) or 0) >= 2
        ):
            return structured  # "what are the risks in OP-23": all of them, not a fact on risk
        if (
            structured is not None
            and structured.kind is AnswerKind.RISK
            and asks_for_list(q.normalized)
            and (count_items(structured) or 0) >= 2
            and names_only_the_risk_table(
                q.normalized, self._read_alone(q.text.split(":")[-1]).content
            )
        ):
            # "what are the operational risks in OP-23", "OP-23里列了哪几类主要运作风险": the
            # table's risks, not the record of how risks are managed
            return structured
        if (
            structured is not None
            and structured.kind is AnswerKind.BUDGET
            and self._names_a_holder_of_its_own(q)
        ):
            # "UNDP's budget for its digital capacity programmes", "欧盟在数字化转型上花多少钱":
            # another's money, which the documents do not give (nor a project it funds)
            no_line = Answer(kind=AnswerKind.DECLINE, lang=q.lang, answered=False, confidence=0.0)
            return self._cannot_answer(replace(q, targets=[]), no_line, AMOUNT)
        if (
            structured is not None
            and structured.kind is AnswerKind.BUDGET
            and (
                self._names_another_subject(q)
                or self._names_an_unknown_thing(q)
                or self._names_an_owner_of_its_own(q)
                or self._names_a_part_under_a_line(q)
                or self._names_a_doer_of_its_own(q)
            )
        ):
            # "新德里创新中心2023年的预算", "the budget of the regional office for the Americas":
            # a subject of the documents' facts, not a budget line: the fact's amount if it
            # states one ("what is the VaMoz Digital project worth"), never its theme's budget
            lookup = self._lookup(replace(q, targets=[]))
            if lookup.answered or lookup.kind is AnswerKind.DID_YOU_MEAN:
                return lookup
            no_line = Answer(kind=AnswerKind.DECLINE, lang=q.lang, answered=False, confidence=0.0)
            return self._cannot_answer(replace(q, targets=[]), no_line, AMOUNT)
        if structured is not None and structured.answered and self._asks_whose_theme(q):
            # "which priority covers emergency telecommunications", "… fall under": the verb
            # left unexplained is no subject of its own
            return structured
        if structured is not None and structured.confidence >= ANSWER_MIN_SCORE:
            # Intent words and a budget subject that is most of the question: it stands; so
            # does a subject that is all of it ("What is digital transformation?": P2, not a
            # fact that writes the words)
            if q.targets and q.explained >= (
                STRUCTURED_FIRST_EXPLAINED if q.has_intent else NAMED_ONLY_EXPLAINED
            ):
                return structured
            if structured.answered and not q.targets and not _bare_content(q):
                # "How much is the OP-23 budget?": every word read, nothing left for a fact to
                # match but the frame ("how much … of the OP-23 budget is procured services")
                return structured
            lookup = self._lookup(q)
            # Raw scores on both sides: a search answer's confidence is already calibrated.
            lookup_score = lookup.signals.get("score", lookup.confidence)
            if (
                lookup.answered
                and lookup.kind is not AnswerKind.OVERVIEW
                and (
                    lookup_score > structured.confidence + TIE_MARGIN
                    # a line's words inside the name of something else ("who leads the
                    # capacity development task force": the task force, not the overview of
                    # P3's theme, which names no one)
                    or (
                        structured.kind is AnswerKind.OVERVIEW
                        and lookup_score >= structured.confidence - TIE_MARGIN
                        and self._names_another_subject(q)
                    )
                )
                and not gives_count_asked(q.normalized, structured)  # "the four main risks"
            ):
                return lookup
            return structured
        return self._lookup(q)

    def _names_another_subject(self, q: Question) -> bool:
        """Whether a question whose budget subjects were found by name describes something
        else in full: the records that hold all its words are facts, none of them a budget
        subject it names ("the New Delhi innovation centre" is no line of the budget, though
        "innovation" names a theme)."""
        if not q.targets or q.explained >= 1.0:
            return False
        hits = self.index.search(q.terms, limit=OTHER_SUBJECT_HITS)
        if not hits or hits[0].coverage < OTHER_SUBJECT_COVERAGE or hits[0].entry.kind != "fact":
            return False
        named = {t.code for t in q.targets}
        if any(h.entry.ref in named and h.score >= hits[0].score - TIE_MARGIN for h in hits):
            return False
        if any(
            h.entry.kind == "theme"
            and self.knowledge.get_theme_priority(h.entry.ref) in named
            and h.coverage >= hits[0].coverage
            for h in hits
        ):
            return False  # "the green / climate enabler": E4's theme holds every word too
        # The words the subjects' names leave unexplained that weigh, held by that fact
        names: list[str] = []
        for code in named:
            subject = to_subject(self.knowledge, code)
            if subject is not None:
                names += [subject.code, subject.name_en, subject.name_zh]
            names += [a.alias for a in self.knowledge.aliases if a.target_code == code]
        unexplained = {
            t
            for t, w in self.index.list_missing_words(q.terms, names)
            if w >= OTHER_SUBJECT_MIN_WEIGHT
        }
        held_by_fact = self._record_texts(hits[0])
        lacking = {t for t, _ in self.index.list_missing_words(q.terms, held_by_fact)}
        # "which enabler covers environmental sustainability": the verb relating the line to
        # what it is about describes nothing else
        # ("网络安全主题今年的预算": this year is the year the budget is for, no subject)
        # (nor the document it is asked of: "the P4 budget in the TDAG-23 document")
        described = unexplained - lacking - _RELATION_VERBS - _PRESENT_WORDS - self._document_words
        if q.reading.codes:
            # a line named by its code ("P2", "enabler 2") and something named beside it
            # ("the Smart Villages initiative in Pakistan under P2"), not its verbs
            described &= list_named_words(q.text)
        return bool(described)

    def _is_of_class(self, kpi: Any, line: str) -> bool:
        """Whether a KPI (an answer's "kpi" part, if any) stands under a line of the class a
        question names (an enabler, a priority; a theme is either)."""
        theme = getattr(kpi, "theme_code", None)
        if theme is None:
            return False
        parent = self.knowledge.get_theme_priority(theme) or ""
        if line in ("enabler", "推动因素"):
            return parent.startswith("E")
        if line in ("priority", "重点工作"):
            return parent.startswith("P")
        return True

    def _names_an_owner_of_its_own(self, q: Question) -> bool:
        """Whether a budget question names, beside the lines it finds, a name of its own that
        none of them is called by ("the cybersecurity budget of Kenya": Kenya's, not the
        theme's): not a code, the organisation, a document, a month or a line's name."""
        named = (
            {word.lower() for found in _OWNER_NAMED.finditer(q.text) for word in found[1].split()}
            - q.reading.consumed_tokens
            - _ORGANISATION_TOKENS
            - _CALENDAR_TOKENS
        )
        return bool(named) and bool(
            {stem(w) for w in named} - self._line_name_tokens(q) - set(self._all_doc_tokens)
        )

    def _foreign_names(self, q: Question) -> set[str]:
        """A Chinese question's foreign names as the character pairs the index holds them by
        ("Giga在肯尼亚…": 肯尼, 尼亚): the longest part of each run of name characters that the
        documents write, three characters or more ("实施基加利行动计划": 基加利, not 施基加利;
        a spelling the documents never use, "夏姆錫克", is no name of theirs)."""
        if q.lang != "zh":
            return set()
        pairs: set[str] = set()
        for run in list_transliterated_names(q.normalized):
            known = [self.index.has_token(run[i : i + 2]) for i in range(len(run) - 1)]
            best = (0, 0)  # the longest stretch of known pairs: (start, pairs)
            start = 0
            for i, held in enumerate([*known, False]):
                if not held:
                    if i - start > best[1]:
                        best = (start, i - start)
                    start = i + 1
            first, count = best
            if count + 1 >= TRANSLITERATION_MIN_CHARACTERS:
                pairs |= {run[i : i + 2] for i in range(first, first + count)}
        return pairs

    def _names_a_doer_of_its_own(self, q: Question) -> bool:
        """Whether a Chinese budget question names, by a Latin name no line is called by,
        someone the documents speak of ("BCG帮国际电联做资源筹措策略，收了多少钱": BCG's fee,
        not P5's budget)."""
        if q.lang != "zh":
            return False
        # (an acronym, as written, doing something for someone: not a line's English word,
        # "cybersecurity预算多少", nor a name given as context, "WTDC-22以后P4的预算")
        acronyms = {m.lower() for m in _ACRONYM_WRITTEN.findall(q.text)}
        named = (
            acronyms
            - q.reading.consumed_tokens
            - _ORGANISATION_TOKENS
            - _UNION_TOKENS
            - self._every_line_token
            - set(self._all_doc_tokens)
        )
        return any(self.index.has_token(t) for t in named)

    @cached_property
    def _every_line_token(self) -> frozenset[str]:
        """The search tokens of every budget line's names, codes and aliases (ICT, for one, is
        in P4's)."""
        tokens: set[str] = set()
        for code in [*self.knowledge.priorities, *self.knowledge.themes]:
            subject = to_subject(self.knowledge, code)
            if subject is not None:
                names = f"{subject.code} {subject.name_en} {subject.name_zh}"
                tokens |= set(to_query_terms(normalize(names)).tokens)
        for alias in self.knowledge.aliases:
            tokens |= set(to_query_terms(normalize(alias.alias)).tokens)
        return frozenset(tokens)

    def _names_a_holder_of_its_own(self, q: Question) -> bool:
        """Whether a budget question says whose money it asks about, someone none of its
        lines is called by, though the documents may name them elsewhere: "UNDP's budget",
        "What does UNDP spend on …", "欧盟在数字化转型上花多少钱"."""
        owners = (
            {
                owner.lower()
                for pattern in (_OWNER_POSSESSIVE, _OWNER_SPENDING)
                for found in pattern.finditer(q.text)
                for owner in found.groups()
                if owner
            }
            - q.reading.consumed_tokens
            - _ORGANISATION_TOKENS
            - _UNION_TOKENS
        )
        if owners and {stem(w) for w in owners} - self._line_name_tokens(q):
            return True
        if _ANOTHER_SECTOR.search(q.normalized):
            return True  # "ITU-T's budget for cybersecurity": the plan's lines are ITU-D's
        return self._names_a_chinese_spender(q)

    def _line_name_tokens(self, q: Question) -> set[str]:
        """The search tokens of the names, codes and aliases of the lines a question found."""
        known: set[str] = set()
        for target in q.targets:
            subject = to_subject(self.knowledge, target.code)
            if subject is not None:
                known |= set(to_query_terms(f"{subject.name_en} {subject.code}").tokens)
            known |= {
                t
                for a in self.knowledge.aliases
                if a.target_code == target.code
                for t in to_query_terms(a.alias).tokens
            }
        return known

    def _names_a_chinese_spender(self, q: Question) -> bool:
        """Whether a Chinese budget question names who spends as someone none of its lines
        is called by ("欧盟在数字化转型上花多少钱": the EU's money, not P2's)."""
        found = _ZH_SPENDER.search(q.normalized)
        if found is None or any(own in found["who"] for own in _ZH_OWN_SPENDERS):
            return False  # ("电信发展局2023年在网络安全上花了多少": the Bureau's own)
        names = [
            text
            for t in q.targets
            if (subject := to_subject(self.knowledge, t.code)) is not None
            for text in (subject.name_zh, subject.code.lower())
        ] + [
            a.alias for a in self.knowledge.aliases if a.target_code in {t.code for t in q.targets}
        ]
        who = found["who"]
        pairs = {who[i : i + 2] for i in range(len(who) - 1)} or {who}
        return not any(pair in normalize(name) for name in names for pair in pairs)

    def _misses_the_body_asked_of(self, q: Question, answer: Answer) -> bool:
        """Whether a question asks what company or body a name is ("苹果是哪家公司？", "蘋果係邊
        間公司？") and the record found does not hold that name."""
        asked = _WHICH_COMPANY_IS.match(q.normalized)
        if asked is None or re.search(r"[a-z]", asked["name"]):
            return False  # (a Latin name is checked as the names are: "BCG是哪家公司")
        name = asked["name"].strip("“”\"'「」 ")
        held = normalize(" ".join(self._answer_texts(q, answer)))
        pairs = [name[i : i + 2] for i in range(len(name) - 1)] or [name]
        # (a name written otherwise than the record does is held in most of its pairs:
        # "波士顿咨询公司" in "波士顿咨询集团"; or is an acronym's long form, the record
        # holding the acronym: "波士顿咨询公司" in "BCG的工作包括…")
        if sum(p in held for p in pairs) * 2 >= len(pairs):
            return False
        return not any(
            acronym.short.lower() in held
            for acronym in self.glossary.acronyms.values()
            if acronym.zh and sum(p in normalize(acronym.zh) for p in pairs) * 2 >= len(pairs)
        )

    def _names_a_part_under_a_line(self, q: Question) -> bool:
        """Whether a budget question asks of a piece of work it describes as under a line
        ("the disaster-response comms work that sits under the connectivity priority"), the
        line found being only where that work sits, not one of its themes."""
        return (
            _PART_UNDER.search(q.normalized) is not None
            and bool(q.targets)
            and all(t.code in self.knowledge.priorities for t in q.targets)
        )

    def _names_an_unknown_thing(self, q: Question) -> bool:
        """Whether the question writes a name the documents never use, not even misspelt
        ("the Smart Ocean Connect programme under P1"): its budget is not the line's."""
        if read_operation(q.normalized) == CONVERT:
            return False  # "P3 in USD": a currency, checked as a conversion
        named = list_named_words(q.text) - q.reading.consumed_tokens
        unknown = [
            t
            for t in named
            if t.isalpha() and not self.index.has_token(stem(t)) and self.index.resolve(t) is None
        ]
        # a name of a thing that could have a budget: "the Smart Ocean Connect programme",
        # not "Sir", "from Nairobi" or "staffbot"
        text = q.text.lower()
        return any(
            re.search(rf"\b{re.escape(t)}\w*(?:\s+[\w'-]+){{0,3}}?\s+{_THING}", text)
            for t in unknown
        )

    def budget_overview(self, lang: str) -> Answer:
        """Every priority and enabler ranked by budget: the overview a home page shows."""
        return self.budgets.extreme(Question("", "", lang, Reading(concepts={"rank", "budget"})))

    # -- routing ------------------------------------------------------------------------

    def _structured(self, q: Question) -> Answer | None:
        reading = q.reading
        if reading.has("mitigation") or (
            reading.has("risk") and not _asks_of_risk_management_only(q.normalized)
        ):
            return self.records.risk(q)
        targets = q.targets
        if reading.has("kpi"):
            left_out = excluded_codes(q, self.knowledge) if reading.has("max", "min") else set()
            named = [t.code for t in targets if t.code not in left_out]
            owner = None if left_out and not named else self.records.kpi_owner(q)
            if owner is not None:
                return owner
            computed = self._kpi_operation(q)
            if targets and computed is not None:
                return self.records.kpi_compute(q, computed) or self._cannot_compute(q, computed)
            if reading.has("max", "min") and (len(named) >= 2 or (left_out and not named)):
                # "of the four priorities P1-P4, which has the fewest KPIs": of those named;
                # "except E1, which enabler has the fewest KPIs": of the others
                ranked = self.records.kpi_extreme(
                    q, "max" if reading.has("max") else "min", named, excluded=left_out
                )
                if ranked is not None:
                    return ranked
            if targets:
                return self.records.kpi_list(q)
            # ("which line has the most KPIs": a line is any priority or enabler)
            if reading.has("max", "min") and not targets and not set(q.content) - _ROW_WORDS:
                return self.records.kpi_extreme(q, "max" if reading.has("max") else "min")
            if _asks_of_the_whole(q, self._kpi_document_tokens, self.index):
                return self.records.kpi_total(q.lang)
            return None
        tracked = _TRACKED_BY_A_LINE.search(q.normalized)
        if tracked is not None:
            # "which enabler tracks how many women take part in statutory meetings": a KPI's
            # owner asked without the word KPI. Every word but the line's class is what the
            # KPI must measure ("the ITU share price": its share too), and the KPI found must
            # be of the class asked (an enabler's, not a priority's)
            line = tracked["line"] or tracked["line_zh"]
            kept = {t for t in reading.consumed_tokens if t in _LINE_CLASS_TOKENS}
            owner = self.records.kpi_owner(
                replace(q, reading=replace(reading, consumed_tokens=kept))
            )
            if (
                owner is not None
                and owner.confidence >= SEARCH_HIT_BASE + ANSWER_MIN_SCORE  # as sure as a search
                and self._is_of_class(owner.parts.get("kpi"), line)
            ):
                return owner
        elif self._asks_whose_kpi_text(q):
            # ("「已确定的保护上网儿童支援系统数量」属于哪个P", "早期預警系統技術援助係P幾"): a
            # KPI's own words, asked which line they are under without the word KPI; only a
            # KPI that fits them alone and stands under a line of the class asked
            line = "priority" if reading.has("class_priority") else "enabler"
            owner = self.records.kpi_owner(q)
            if (
                owner is not None
                and owner.confidence >= SEARCH_HIT_BASE + ANSWER_MIN_SCORE
                and self._is_of_class(owner.parts.get("kpi"), line)
            ):
                return owner
            if not targets:
                # ("工作人员平均绩效水平属于哪个E": which line, never the enablers' average
                # budget its words would compute)
                return None
        if self._names_an_unknown_theme(q):
            return self._theme_choice(q)
        measured = reading.has("budget", "share", "class_priority", "class_enabler", "class_theme")
        measured = measured or len(targets) >= 2  # "which is bigger, E2 or E5": their budgets
        over_a_class = not targets or len(targets) > 1 or reading.has("class_theme")
        # "above CHF 400,000": an amount of money ("over 40 countries" is none)
        threshold = read_threshold(q.normalized)
        compared = reading.has("max", "min", "rank") or (
            threshold is not None and reading.has("budget")
        )
        # ("add up the two largest priorities, P3 and P2": the lines named, added up; their
        # rank only describes them)
        added_up = (
            reading.has("sum")
            and len(targets) >= 2
            and not reading.has("min", "rank")
            # ("which is bigger, P3 or E1 to E5 combined": the two compared)
            and not _WHICH_OF.search(q.normalized)
        )
        # ("which is bigger, P1 or P2, and by how much": one less the other, which shows both)
        apart = reading.has("difference") and len(targets) == 2 and not reading.has("rank")
        left_out = excluded_codes(q, self.knowledge) if targets and compared else set()
        if left_out and measured:
            # "apart from P3, which priority has the highest budget", "excluding P3, is P2
            # the largest?", "apart from policy and regulation, which P3 theme …": the others
            # ranked (those named that are not left out, or all of the class)
            others = [t for t in targets if t.code not in left_out]
            return self.budgets.extreme(replace(q, targets=others), excluded=left_out)
        sides = split_compared(q, self.knowledge) if compared and len(targets) >= 3 else None
        if sides is not None:
            # "E3加E5，跟P2比，哪个多？": one side added up against the other, not the lines
            # ranked one by one
            return self.budgets.group_difference(q, sides) or self._cannot_compute(q, "difference")
        if compared and measured and over_a_class and not added_up and not apart:
            return self.budgets.extreme(q)
        if (
            not targets
            and not _bare_content(q)
            and len(self._classes(q)) == 1
            and not reading.has("max", "min", "rank", "kpi")
            and (
                (reading.has("count") and not reading.has("budget", "share"))
                or asks_for_list(q.normalized)  # "list the enablers": with their budgets
                or _names_only_a_class(q)
            )
        ):
            # "how many themes are there", "list all the themes with their budgets"
            count = read_stated_count(q.normalized)
            kind = self._classes(q)[0]
            if count is not None and count != len(list_subjects(self.knowledge, kind)):
                # "the seven enablers": the plan's table has five lines of enablers
                unknown = Answer(
                    kind=AnswerKind.DECLINE, lang=q.lang, answered=False, confidence=NOTHING_FOUND
                )
                return self._cannot_answer(q, unknown, None)
            return self.budgets.extreme(q, counted=reading.has("count"))
        classes = [c for c in ("priority", "enabler") if reading.has(f"class_{c}")]
        excluded = excluded_codes(q, self.knowledge) if targets else set()
        if excluded and reading.has("sum", "whole") and not reading.has("difference"):
            return self._sum_excluding(q, classes, excluded)
        if targets and leaves_out(q) and reading.has("sum") and not excluded:
            # something is left out, but not a line told apart by its name ("除了网络与数字
            # 基础设施以外": a theme written otherwise): not added up blindly
            return self._cannot_compute(q, "sum")
        if (
            not targets
            and len(classes) == 1
            and not _bare_content(q)
            and reading.has("budget", "share")
            and reading.has("sum", "whole")
            and not reading.has("class_theme", "max", "min", "rank")
        ):
            # "the combined budget of all the enablers": the sum of the class, not the total
            every = [Target(s.code) for s in list_subjects(self.knowledge, classes[0])]
            stated = read_stated_count(q.normalized)
            if stated is not None and stated != len(every):
                # "the four enablers": the plan's table has five lines of enablers
                unknown = Answer(
                    kind=AnswerKind.DECLINE, lang=q.lang, answered=False, confidence=NOTHING_FOUND
                )
                return self._cannot_answer(q, unknown, None)
            return self.budgets.combine(replace(q, targets=every), "sum", WHOLE_STORE_CONFIDENCE)
        points = POINTS_APART.search(q.normalized) is not None
        if (
            len(targets) == 1
            and (reading.has("difference") or points)
            and _BY_THEME.search(q.normalized)
        ):
            # "P2底下那两个主题预算差多少", "the difference between P2's two themes": its
            # themes, one less the other
            themes = [Target(c) for c in self.records.theme_codes(targets[0].code)]
            themes = [t for t in themes if t.code != targets[0].code]
            if len(themes) == 2:
                targets = themes
                q = replace(q, targets=themes)
        if (
            len(targets) >= 2
            and (reading.has("sum", "difference", "whole") or points)
            and not (not reading.codes and _OTHER_THINGS.search(q.normalized))
            # "how many outcomes do P1 and P2 have together", "the outputs of P1 and P2":
            # things counted or listed, not budgets
            and not (reading.has("output", "outcome") and not asks_for_money(q.normalized))
        ):
            # (two projects named by words that also name priorities are not those lines:
            # "the universal and meaningful connectivity project and VaMoz Digital"; the
            # lines found are then declined as no sum, in _misses_lines_asked)
            # "how many percentage points separate P1 and P2": shares apart
            # ("do P2 and P3 together get more than half of the total": their sum, whose
            # share of the total tells, not one line less the other)
            differs = reading.has("difference") and not compares_to_a_fraction_of_total(
                q.normalized
            )
            op = "difference" if differs or points else "sum"
            sides = split_compared(q, self.knowledge) if not points else None
            if sides is not None:
                # "E3 and E5 together compared with P2", "P3比P1和P4加起来多多少": each side
                # added up, one sum less the other (not the three lines added up)
                grouped = self.budgets.group_difference(q, sides)
                return grouped or self._cannot_compute(q, "difference")
            if op == "difference" and len(targets) != 2:
                # "the difference between P1, P2 and P3": not one line less another
                return self._cannot_compute(q, op)
            if op == "difference" and _MINUS.search(q.normalized) and self._smaller_first(targets):
                # "P1 minus P2": less than nothing, not the larger less the smaller
                return self._cannot_compute(q, op)
            return self.budgets.combine(q, op) or self.records.overview(q, q.targets)
        money = asks_for_money(q.normalized)  # "how much is for infrastructure-linked outputs"
        if reading.has("output", "outcome") and targets and not money:
            return self.records.results(q, "outputs" if reading.has("output") else "outcomes")
        if reading.has("output", "outcome") and not money:
            # "which theme's outcomes deal with e-commerce", "哪个主题的成果涉及电子商务"
            owner = self.records.result_owner(q, "output" if reading.has("output") else "outcome")
            if owner is not None:
                return owner
        if reading.has("budget", "share"):
            if targets and _BY_THEME.search(q.normalized):
                # "how is P2's money split between its two themes", "P2各主题的预算": the
                # budgets of the themes of the lines named
                themes = [
                    Target(code)
                    for t in targets
                    for code in self.records.theme_codes(t.code)
                    if code != t.code
                ]
                if themes and reading.has("sum", "whole"):
                    # "P3三个主题的预算加起来是多少": the themes' sum
                    summed = self.budgets.combine(replace(q, targets=themes), "sum")
                    if summed is not None:
                        return summed
                if themes:
                    # (the line first: what is split, then its parts — "What's P1's 2023
                    # budget and how is it split between its themes?")
                    targets = [
                        *(t for t in targets if t.code not in self.knowledge.themes),
                        *themes,
                    ]
            if targets:
                return self.budgets.budget(q, targets) or self.records.overview(q, targets)
            content = q.content
            if reading.has("whole") and _TOTAL_DESCRIBED.search(q.normalized):
                # "the total OP-23 budget available for operational activities and external
                # services": the words the plan describes its total with
                content = [t for t in content if t not in _TOTAL_DESCRIPTION_TOKENS]
            if reading.has("whole") and _BDT_NAMED.search(q.normalized):
                # "BDT's total budget", "电信发展局总预算": the plan is BDT's (not "ITU's
                # total budget", the Union's, which the documents do not give)
                content = [t for t in content if t not in _BDT_TOKENS]
            if not [t for t in content if t not in _AMOUNT_QUALIFIERS]:
                if reading.has("whole"):
                    whole = [Target(TOTAL_CODE)]
                    return self.budgets.budget(q, whole, CERTAIN) or self.records.overview(q, whole)
                return self.budgets.extreme(q)
            return None
        if targets:
            return self.records.overview(q, targets)
        return None

    @staticmethod
    def _kpi_operation(q: Question) -> str | None:
        """What a KPI question asks computed of counts: a difference, a ratio, or a share of
        all KPIs ("what share of all KPIs belong to P3")."""
        operation = read_operation(q.normalized)
        if operation in (DIFFERENCE, RATIO):
            return operation
        asks_share = q.reading.has("share") or read_wanted(q.normalized) == PERCENT
        if asks_share and _OF_ALL_KPIS.search(q.normalized):
            return "share"  # not "a KPI on the percentage of users with digital skills"
        return None

    def _fact_about_the_term(self, q: Question, normalized: str, lang: str) -> Answer | None:
        """Of the facts a "what is <term>" question finds, the best one that is about the term
        (all its words in the fact's title), as the answer; None when there is none."""
        for hit in self.index.search(q.terms, kinds=("fact",), limit=TERM_FACT_CANDIDATES):
            if hit.coverage < TERM_FACT_MIN_COVERAGE:
                continue
            fact = self._facts[hit.entry.ref]
            candidate = Answer(
                kind=AnswerKind.FACT,
                lang=lang,
                answered=True,
                confidence=TERM_CONFIDENCE,
                parts={"fact": fact, "priority": self._fact_priority(fact)},
                sources=[to_source(self.knowledge, fact.doc, fact.section)],
                signals={"score": hit.score, "coverage": hit.coverage},
            )
            if not self._only_mentions(normalized, lang, candidate) and self._titled_by(
                normalized, fact
            ):
                return candidate
        return None

    @staticmethod
    def _titled_by(normalized: str, fact: Any) -> bool:
        """Whether a fact's title opens with the term a "what is <term>" question asks about
        ("Change-makers programme launched in May 2023"; not "BDT-led … meetings at WSIS
        Forum 2023", which is about meetings)."""
        asked = _WHAT_IS.search(normalized)
        term = None if asked is None else next((t for t in asked.groups() if t), None)
        if term is None:
            return False
        if is_chinese(term):
            # "“变革推动者”是什么": a title that names it ("2023年5月启动“变革推动者”计划")
            named = normalize(term).strip("“”\"'「」 ")
            return len(named) >= ZH_TITLED_TERM_MIN_CHARS and named in normalize(fact.title_zh)
        words = set(to_query_terms(normalize(term)).tokens) - _ORGANISATION_TOKENS
        title = to_query_terms(normalize(fact.title_en)).tokens
        joined = _SPACING.sub("", normalize(term))
        return bool(words) and (
            words <= set(title[: len(words) + TITLE_OPENING_SLACK])
            # ("learning labs": the title's LearningLabs, opening it)
            or (
                len(joined) >= JOINED_TERM_MIN_CHARS
                and _SPACING.sub("", normalize(fact.title_en)).startswith(joined)
            )
        )

    def _fact_priority(self, fact: Any) -> Any:
        return to_subject(self.knowledge, fact.priority_code) if fact.priority_code else None

    def _only_mentions(self, normalized: str, lang: str, answer: Answer) -> bool:
        """Whether a fact found by search for "what is <term>" only mentions the term: it
        neither defines it, nor is about it (the term in its title), nor is a definition."""
        if not answer.answered or answer.kind is not AnswerKind.FACT or not answer.signals:
            return False
        asked = _WHAT_IS.search(normalized)
        term = None if asked is None else next(t for t in asked.groups() if t)
        if term is None or len(term.split()) > DEFINED_TERM_MAX_WORDS or when_or_where_of(term):
            return False  # ("what are the dates of GSR-23": when, not what a term means)
        fact = answer.parts["fact"]
        # the term's words, as index tokens: "our core values" is about "BDT core values"
        # (a word misspelt as the index knows it: "the ITU Acadmey")
        words = {
            self._spelt_as_indexed(w)
            for w in to_query_terms(with_counts_in_words(normalize(term))).tokens
        }
        # (a pair of characters that straddles two known words is no word of the term:
        # 心四 in "创新中心四个战略目标")
        known = {w for w in words if self.index.has_token(w)}
        words = {w for w in words if w in known or not self.index.is_seam(w, known)}
        title = f"{fact.title_en} {fact.title_zh}"
        if len(words) == 1:
            # a word of a quoted name in the title is that name's, not the record's subject
            # ("what is life": the theme 'Digital Skills for Life'; "space": the talk "Space,
            # the next generation")
            title = _QUOTED_NAME.sub(" ", title)
        titles = set(to_query_terms(normalize(title)).tokens)
        if not titles & _ORGANISATION_TOKENS:
            # ("the ITU Change-makers programme": the organisation's name is no word of the
            # term, unless the title names another: "BDT's own core values" are not ITU's)
            words = words - _ORGANISATION_TOKENS or words
        texts = (fact.text_zh, fact.title_zh) if lang == "zh" else (fact.text_en, fact.title_en)
        opening = normalize(texts[0][:DEFINED_OPENING])
        # (a title naming the term as what an event was on — "LearningLabs session on ChatGPT",
        # "关于ChatGPT…的学习实验室" — is about the event, not the term)
        topic_of = re.search(
            rf"\b(?:sessions?|talks?|training|workshops?|webinars?|seminars?|courses?|lectures?"
            rf"|presentations?|discussions?|events?|labs?|panels?)\s+(?:on|about|regarding|covering)"
            rf"\s+(?:the\s+)?{re.escape(term)}\b",
            normalize(fact.title_en),
        ) or re.search(rf"关于{re.escape(term)}", normalize(fact.title_zh))
        # ("learning labs" is the LearningLabs its title writes as one word)
        joined = _SPACING.sub("", normalize(term))
        titled = words <= titles or (
            len(joined) >= JOINED_TERM_MIN_CHARS
            and joined in _SPACING.sub("", normalize(f"{fact.title_en} {fact.title_zh}"))
        )
        return bool(words) and not (
            (titled and (topic_of is None or fact.kind == "definition"))
            or (fact.kind == "definition" and normalize(term) in opening)
            or any(defines(text, term, lang) is not None for text in texts)
        )

    def _spelt_as_indexed(self, word: str) -> str:
        """A word as the index holds it: itself, or the indexed word it misspells."""
        if self.index.has_token(word) or is_chinese(word):
            return word
        found = self.index.correct_typo(word)
        return found[0] if found is not None else word

    @staticmethod
    def _classes(q: Question) -> list[str]:
        return [c for c in ("theme", "priority", "enabler") if q.reading.has(f"class_{c}")]

    def _asks_whose_kpi_text(self, q: Question) -> bool:
        """Whether a question asks which priority or enabler something is under, and nothing
        of its money, rank or risks: the words of one of its KPIs, perhaps."""
        reading = q.reading
        return (
            reading.has("class_priority", "class_enabler")
            and not {"class_priority", "class_enabler"} <= reading.concepts
            and not reading.has("budget", "share", "max", "min", "rank", "kpi", "risk", "sum")
            and asks_whose_kpi(q.normalized)
            # ("which enabler covers climate change": the line whose scope it is, its theme)
            and not _RELATION_VERBS & set(q.content)
        )

    def _asks_whose_theme(self, q: Question) -> bool:
        """Whether a question asks which priority or enabler the themes it names are under."""
        reading = q.reading
        return (
            reading.has("class_priority", "class_enabler")
            and not reading.has("budget", "share", "max", "min", "rank", "kpi", "risk")
            and bool(q.targets)
            and all(t.code in self.knowledge.themes for t in q.targets)
        )

    def _names_an_unknown_theme(self, q: Question) -> bool:
        """A question about a theme's budget ("能力开法主题在P3下") that names only its
        priority, with words left that the knowledge has never seen (a misspelt theme):
        answering for the priority would answer a question not asked."""
        return (
            q.reading.has("class_theme")
            and q.reading.has("budget", "share")
            and bool(q.targets)
            and q.explained < THEME_GUESS_MAX_EXPLAINED
            and any(not self.index.has_token(t) for t in q.content)
            and all(len(self.records.theme_codes(t.code)) > 1 for t in q.targets)
            # (each of them asked for: "P1底下兩個主題各分到多少預算")
            and not _BY_THEME.search(q.normalized)
        )

    def _theme_choice(self, q: Question) -> Answer:
        """The themes of the priority named, closest first, as "did you mean"."""
        codes = [c for t in q.targets for c in self.records.theme_codes(t.code)]
        hits = self.index.search(q.terms, kinds=("theme",), limit=len(self.knowledge.themes))
        rank = {h.entry.ref: n for n, h in enumerate(hits)}
        codes.sort(key=lambda c: rank.get(c, len(rank)))
        zh = q.lang == "zh"
        shown = codes[: SUGGESTION_LIMIT + 1]
        labels = [
            f"{c} {self.knowledge.themes[c].name_zh if zh else self.knowledge.themes[c].name_en}"
            for c in shown
        ]
        return Answer(
            kind=AnswerKind.DID_YOU_MEAN,
            lang=q.lang,
            answered=False,
            confidence=q.explained,
            suggestions=labels,
            suggestion_records=[to_record("theme", c) for c in shown],
        )

    def _kpi_detail(self, q: Question) -> Answer:
        code = q.reading.kpi_codes[0]
        if code not in self.knowledge.kpis:
            return self._unknown_code(q.lang, code)
        return self.records.kpi_answer(q.lang, code, CERTAIN)

    # -- search over everything ---------------------------------------------------------

    def _without_context(
        self, q: Question, whole: str, declined: Answer, ignore: frozenset[str] = frozenset()
    ) -> Answer | None:
        """The answer of the first record a declined question suggested (of the first two),
        when every question word that record lacks, but those to `ignore`, is context: in a
        clause of the question (`whole`) that places
        what is asked ("that came out of …", "presented to …") and held by another record of
        the same document together with a distinctive word the question and the first record
        share ("the three pillars that came out of the Secretary-General's visioning exercise": the
        pillars are the visioning exercise's, whose record names the Secretary-General)."""
        # (the words that ask, and those that open the clause, "listed in", are no context)
        placing = [*_CONTEXT_CLAUSE.finditer(whole), *_TIME_CONTEXT.finditer(whole)]
        if not placing:
            return None
        for record in declined.suggestion_records[:CONTEXT_SUGGESTIONS_TRIED]:
            found = self._without_context_in(q, whole, record or "", placing, ignore)
            if found is not None:
                return found
        return None

    def _computed_in_a_tie(self, q: Question, bare: Answer) -> Answer | None:
        """The computation read out of a fact as good a match as the one found (`bare`,
        searched without the operation's words) when that one holds no two counts to compute
        with ("the visioning staff group grow": the staff consultation's fact and the staff
        count's, tied on "visioning staff")."""
        if not bare.signals or bare.signals.get("lead", 1.0) > TIE_MARGIN:
            return None
        terms = self.index.join_compounds(to_query_terms(q.normalized, drop=_OPERATION_TOKENS))
        hits = self.index.search(terms, kinds=("fact",), limit=TIE_CANDIDATES)
        for hit in hits:
            if hits[0].score - hit.score > TIE_MARGIN:
                break
            fact = self._facts[hit.entry.ref]
            if fact.key == bare.parts["fact"].key:
                continue
            computed = compute_in_fact(q, fact, self.knowledge, bare.confidence)
            if computed is not None:
                return computed
        return None

    def _without_time_context(self, q: Question, whole: str, wanted: str | None) -> Answer | None:
        """The answer found without the time a question places itself in ("after PP-22"),
        when it gives what is asked and the time is context: held by another record of its
        document beside a word the question and it share (see `_without_context_in`)."""
        placing = list(_TIME_CONTEXT.finditer(whole))
        if not placing:
            return None
        drop = frozenset(t for m in placing for t in to_query_terms(m.group()).tokens)
        found = self._lookup(q, drop=drop)
        if not (
            found.answered
            and found.kind in _SEARCHED_KINDS
            and found.record
            and self._is_supplied(q, found, wanted)
        ):
            return None
        return self._without_context_in(q, whole, found.record, placing)

    def _without_context_in(
        self,
        q: Question,
        whole: str,
        record: str,
        placing: list[re.Match[str]],
        ignore: frozenset[str] = frozenset(),
    ) -> Answer | None:
        """`_without_context` for one record suggested."""
        kind, _, key = record.partition(":")
        fact = self._facts.get(key) if kind == "fact" else None
        entries = self._fact_entries
        if fact is None or key not in entries:
            return None
        lacking = self.index.list_missing_words(
            q.terms, self._record_texts(Hit(entries[key], 0, 0))
        )
        spans = [*list_frame_spans(whole), *(m["marker"] for m in placing)]
        frame = {t for span in spans for t in to_query_terms(span).tokens}
        missing = {
            t
            for t, w in lacking
            if w > 0 and t not in frame and t not in ignore and t not in _ACTIVITY_NOUNS
        }
        # ("post-PP-22": the marker and the event, written as one word)
        clauses = {t for m in placing for t in to_query_terms(m.group()).tokens}
        times = {
            t for m in placing if m.re is _TIME_CONTEXT for t in to_query_terms(m.group()).tokens
        }
        if ignore and missing - clauses and missing & times:
            # a computation's time set aside ("the post-PP-22 visioning exercise grow from its
            # initial size"): the other words the record lacks are the search's to weigh, and
            # the computation must then be read out of the record
            missing &= times
        # (a number inside a code, "PP-22", is part of the code's name)
        coded = {part for t in missing if "-" in t for part in t.split("-")}
        if not missing <= clauses or any(t[:1].isdigit() and t not in coded for t in missing):
            return None  # "who signed on behalf of Kenya": what is asked, no context
        weights = self.index.weigh(q.terms)
        shared = {
            t
            for t in q.terms.tokens
            if t not in missing
            and weights.get(t, 0) >= CONTEXT_SHARED_MIN_WEIGHT * self.index.unknown_token_weight
        }
        if not missing or not shared or len(missing) > CONTEXT_MAX_WORDS:
            return None
        siblings = [
            self._record_texts(Hit(entries[other.key], 0, 0))
            for other in self.knowledge.facts
            if other.doc == fact.doc and other.key != key and other.key in entries
        ]

        def holds(token: str, texts: list[str]) -> bool:
            return not self.index.list_missing_words(QueryTerms((token,), token), texts)

        # ("post-pp-22": its parts, the marker aside, are what another record must hold)
        held = {t for t in missing if "-" not in t} | {
            part for t in missing if "-" in t for part in t.split("-") if part not in frame
        }
        if not all(
            any(holds(t, texts) and any(holds(u, texts) for u in shared) for texts in siblings)
            for t in held
        ):
            return None
        # ("post", "after": a time's marker is no word to look for either)
        markers = {
            t for m in placing if m.re is _TIME_CONTEXT for t in to_query_terms(m["marker"]).tokens
        }
        found = self._lookup(q, drop=frozenset(missing | markers) | ignore)
        return found if found.answered and found.record == f"fact:{key}" else None

    @cached_property
    def _fact_entries(self) -> dict[str, Entry]:
        return {e.ref: e for e in self.index.entries if e.kind == "fact"}

    def _lookup(self, q: Question, drop: frozenset[str] = frozenset()) -> Answer:
        # "according to the Council 2023 vision document": where to look, not what for
        # (its words that name no document, "according", "report", are set aside; those that
        # name it are held by every record of it)
        source = self._read_source(q.normalized)
        said = source_tokens(source)
        naming = said & self._all_doc_tokens
        # "P5职位", "a P4 post": a staff grade, no priority's code to look for
        grades = {m.lower() for m in _GRADE.findall(q.normalized)}
        # ("when did the consultation take place": when it happened, not a place)
        happened = {
            t for m in HAPPENED.finditer(q.normalized) for t in to_query_terms(m.group()).tokens
        }
        # ("grew from its initial size to its final size, by what percentage": the ends of a
        # growth, not words its record must hold)
        growth = (
            {
                t
                for m in _GROWTH_ENDS.finditer(q.normalized)
                for t in to_query_terms(m.group()).tokens
            }
            if read_fact_operation(q.normalized) in (GROWTH, DIFFERENCE)
            else set()
        )
        if _HOW_MANY.search(q.normalized) and _COUNT_STATED.search(q.normalized):
            # ("the visioning team started with 40 staff and grew to how many", "一开始40人，
            # 后来扩大到多少"): how a count stated grew, said in words the record need not
            # write ("initially 40 …, eventually growing to 65")
            growth |= {
                t
                for m in _GROWTH_SAID.finditer(q.normalized)
                for t in to_query_terms(m.group()).tokens
            }
        dropped = (said - naming) | drop | grades | happened | growth
        # ("ITU's 2 strategic goals": the records write "two strategic goals")
        searched = _STATED_DIGIT.sub(lambda m: _DIGIT_WORDS[m[1]], q.normalized)
        if any(_COUNCIL_SHORT.fullmatch(t) for t in naming):
            # "the C24 report": Council 2024's document, as its name says it (every record of
            # it holds those words, which name it; not only those citing a C24/… symbol)
            searched = _COUNCIL_SHORT.sub(r"council 20\1", searched)
            naming = naming | {
                t
                for m in _COUNCIL_SHORT.finditer(q.normalized)
                for t in to_query_terms(f"council 20{m[1]}").tokens
            }
        if is_chinese(searched) and FEE_ASKED.search(searched):
            # "BCG收了多少钱": a fee, read as the word the synonyms know it by (收费: 无偿)
            searched += " 收费"
        terms = self.index.join_compounds(to_query_terms(searched, drop=dropped))
        acronyms = [a for a in q.acronyms if a not in terms.tokens and a not in dropped]
        terms = replace(terms, tokens=(*terms.tokens, *acronyms))
        hits = self.index.search(terms, limit=SUGGESTION_LIMIT + 3, source=naming)
        if source is not None:
            hits = self._in_documents(hits, source.docs)
        hits = self._prefer_form(q, hits)
        if not _WHAT_A_TERM_IS.search(q.normalized):
            # (what a term is: the record that defines it, which need not say the rest)
            hits = self._prefer_holding(terms, hits)
        hits = self._prefer_titled(terms, hits)
        hits, digest = self._prefer_whole_item(q, terms, hits)
        hits = self._prefer_title_phrase(q, hits)
        hits = self._prefer_listing(q, hits)
        hits = self._prefer_latest(q, hits)
        named = list_named_words(q.text) - q.reading.consumed_tokens - said
        # ("the three pillars from the SG's visioning exercise": whose exercise, not what is
        # asked — a name written as its owner is not required of the record)
        named -= {m.lower() for m in _OWNER_WRITTEN.findall(q.text)}
        hits = self._prefer_named(terms, named, hits)
        named |= self._foreign_names(q)
        hits = self._prefer_bodies(q, hits)
        hits = self._prefer_region(q, hits)
        hits = self._prefer_reason(q, terms, hits, naming)
        hits = self._prefer_asked_noun(q, hits)
        if hits and self._names_other_bodies(q, hits[0]):
            # "Study Group 2's rapporteur meetings": the record found is Study Group 1's
            other = Answer(kind=AnswerKind.DECLINE, lang=q.lang, answered=False, confidence=0.0)
            return self._cannot_answer(replace(q, targets=[]), other, None)
        hits, passed_over = self._prefer_supplied(q, terms, hits)
        if not passed_over:
            hits, passed_over = self._prefer_asked_class(q, hits)
        if digest is not None:
            passed_over = [*passed_over, digest]  # (it quotes what is found: no rival of it)
        suggestions, records = self._suggestions(q.lang, hits)
        best = hits[0] if hits else None
        # A budget question found by search must be answered with an amount, unless it asks
        # yes or no ("are the budget figures final", "预算数字是最终的吗"), or counts things
        # ("how many SDG Fund projects": a count, checked as such).
        money_question = (
            q.reading.has("budget")
            and (not _YES_NO.search(q.normalized) or read_question_form(q.normalized) == "number")
            and not _ASKS_FOR_THINGS.search(q.normalized)
            and not (read_wanted(q.normalized) == COUNT and not _CURRENCY.search(q.normalized))
            # "when was the final 2023 budget approved": a date of the budget, not an amount
            # ("who funded the Efficiency Toolkit": who, not how much)
            and read_wanted(q.normalized)
            not in (DATE, NEXT_DATE, PLACE, DATE_OR_PLACE, ACTOR, PERSON)
            # "in the budget table, what do the letters P and E stand for": a meaning asked
            and not _ASKS_MEANING.search(q.normalized)
        )
        if money_question and best is not None and not self._gives_money(best):
            # "What is the budget of the VaMoz Digital project?": of the records tied for
            # first (what it supports; the project, worth EUR 2.3 million), the one that
            # gives an amount, where it holds every word of the question the first holds
            priced = next(
                (
                    h
                    for h in hits[1:]
                    if best.score - h.score <= TIE_MARGIN
                    and self._gives_money(h, currency=True)
                    and self._lacking(terms, h) <= self._lacking(terms, best)
                ),
                None,
            )
            if priced is not None:
                hits = [priced, *(h for h in hits if h is not priced)]
                suggestions, records = self._suggestions(q.lang, hits)
                best = priced
        acceptable = (
            best is not None
            and best.score >= ANSWER_MIN_SCORE
            and best.coverage >= self._min_coverage(terms)
            and not (
                money_question
                and not self._gives_money(best)
                # ("how much did BCG charge": pro bono is what it cost)
                and not (
                    best.entry.kind == "fact"
                    and FEE_ASKED.search(q.normalized)
                    and any(FREE_OF_CHARGE.search(t) for t in self._record_texts(best))
                )
            )
        )
        frame = {t for span in list_frame_spans(q.normalized) for t in to_query_terms(span).tokens}
        # the question's words the record found lacks, worked out once for the checks below
        missing = (
            self.index.list_missing_words(terms, self._record_texts(best))
            if acceptable and best
            else []
        )
        if missing and best is not None:
            # ("How many people did BCG interview for the partnership & resource mobilisation
            # strategy?": what BCG's interviews were for is said by another record of BCG's)
            told = self._told_of_the_subject(terms, best, hits[1:], missing, named)
            missing = [(t, w) for t, w in missing if t not in told]
        if acceptable and not self._holds_a_subject_word(q, terms, missing, frame):
            # "What is the budget of the ITU Academy": a record that shares only "budget" and
            # "ITU" with the question says nothing of the Academy (the regions' 7–8% before)
            wanted = KPI if _KPI_WORDS.search(q.normalized) else self._wanted(q)
            if wanted is not None:  # says what kind of answer is missing
                none = Answer(kind=AnswerKind.DECLINE, lang=q.lang, answered=False, confidence=0.0)
                return self._cannot_answer(q, none, wanted)
            acceptable = False
        if best is None or not acceptable:
            score = best.score if best else 0.0
            shown = suggestions if score >= SUGGEST_MIN_SCORE else []
            return Answer(
                kind=AnswerKind.DECLINE,
                lang=q.lang,
                answered=False,
                confidence=round(score, 3),
                suggestions=shown,
                suggestion_records=records if shown else [],
            )
        # a candidate passed over as holding no answer of the kind asked is no rival
        rivals = [best, *(h for h in hits[1:] if h.entry not in passed_over)]
        signals = self._signals(named, best, rivals, missing, frame)
        probability = self.calibration.to_probability(SEARCH, to_evidence(signals))
        decision = self.calibration.decide(probability)
        answer = self._answer_entry(q, best, probability)
        answer.signals = signals
        worked_out = (
            self._worked_out_in(q, [best, *rivals[1:]], probability)
            if decision == "suggest"
            # (never those who did not, whose whole the record may not count: "有多少外部利益
            # 攸关方没有接受访谈" is no 44 − 30)
            and read_fact_operation(q.normalized) is not None
            and not asks_those_not_done(q.normalized)
            else None
        )
        if worked_out is not None:
            # "What fraction of the people trained through the ITU Academy in 2022 got a
            # certificate": the record whose own counts work out what is asked, where the
            # search was unsure between it and a neighbour (the courses it gave)
            return worked_out
        if decision != "answer":
            wanted = self._wanted(q)
            if not self._is_supplied(q, answer, wanted):
                return self._cannot_answer(q, answer, wanted)  # says what is missing
            kind = (
                AnswerKind.DID_YOU_MEAN
                if decision == "suggest" and suggestions
                else AnswerKind.DECLINE
            )
            shown = suggestions if best.score >= SUGGEST_MIN_SCORE else []
            unsure = Answer(
                kind=kind,
                lang=q.lang,
                answered=False,
                confidence=probability,
                suggestions=shown,
                suggestion_records=records if shown else [],
            )
            unsure.signals = signals
            return unsure
        if (
            answer.kind is AnswerKind.KPI_DETAIL
            and answer.parts.get("progress") is None
            and _KPI_VALUE_ASKED.search(q.normalized)
            # (a target, a percentage, a count or the future asked: checked as such after)
            and self._wanted(q) is None
        ):
            # "2023年成员国对电信发展局工作的平均满意度是多少？": a KPI's words, found by
            # search, say what is measured; its value only once one is recorded — or by a
            # record found close behind that counts it ("国际电联学院的用户数量是多少": the
            # Academy's users, not KPI P3-CD-1's wording)
            counting = next(
                (
                    h
                    for h in rivals[1:]
                    if h.entry.kind == "fact"
                    and best.score - h.score <= DATED_MARGIN
                    and any(_COUNT_STATED.search(t) for t in self._record_texts(h))
                    # (of what the KPI measures: "实施水平" is no start date's record)
                    and not any(
                        w >= DISTINCTIVE_MIN_WEIGHT
                        for _, w in self.index.list_missing_words(terms, self._record_texts(h))
                    )
                ),
                None,
            )
            if counting is not None:
                return self._answer_entry(q, counting, probability)
            return self._cannot_answer(q, answer, PROGRESS)
        if answer.confidence < RELATED_BELOW:
            answer.suggestions = suggestions[1:]
            answer.suggestion_records = records[1:]
        if (
            answer.kind is AnswerKind.FACT
            and asks_for_several(q.normalized)
            # (a number of them asked: the record that lists that many, alone)
            and read_stated_count(q.normalized) is None
        ):
            alike = self._listed_alike(q, terms, best, rivals[1:], missing)
            if alike:
                # "哪些国家在制定NETP": Tonga's record beside Paraguay's and Saint Kitts and
                # Nevis's, each one of the things asked for
                answer.parts["also"] = [self._facts[h.entry.ref] for h in alike]
                answer.sources = dedupe_sources(
                    [*answer.sources, *(self._answer_entry(q, h, 0.0).sources[0] for h in alike)]
                )
                listed = {to_record("fact", h.entry.ref) for h in alike}
                kept = [
                    (s, r)
                    for s, r in zip(answer.suggestions, answer.suggestion_records, strict=True)
                    if r not in listed
                ]
                answer.suggestions = [s for s, _ in kept]
                answer.suggestion_records = [r for _, r in kept]
        return answer

    @staticmethod
    def _regions(q: Question) -> set[str]:
        """The ITU regions a question names (not the European Commission or Union)."""
        return _regions_in(_NOT_A_REGION.sub(" ", q.normalized))

    def _prefer_region(self, q: Question, hits: list[Hit]) -> list[Hit]:
        """The first record found that is of the ITU region a question names, where the one
        found first is not and it is found nearly as well ("獨聯體國家區域代表處與哪幾個國家的
        UNCT密切合作": the CIS office's record, before the Europe office's). Asia is no region
        to prefer a record by (a country of it need not be said to be in it)."""
        asked = self._regions(q) - {"asia"}
        if not asked or not hits or hits[0].entry.kind != "fact":
            return hits

        def of_region(hit: Hit) -> bool:
            if hit.entry.kind != "fact":
                return False
            fact = self._facts[hit.entry.ref]
            held = normalize(" ".join([fact.title_en, fact.title_zh, fact.text_en, fact.text_zh]))
            return asked <= _regions_in(held)

        if of_region(hits[0]):
            return hits
        found = next(
            (h for h in hits[1:] if h.score >= hits[0].score - REGION_MARGIN and of_region(h)),
            None,
        )
        return hits if found is None else [found, *(h for h in hits if h is not found)]

    def _worked_out_in(self, q: Question, hits: Sequence[Hit], probability: float) -> Answer | None:
        """The answer by the one record, of those found as well as the first, whose own
        counts work out the computation a question asks; None unless exactly one does."""
        tied = [
            h
            for h in hits
            if h.score >= hits[0].score - TIE_MARGIN
            and h.entry.kind == "fact"
            # (of the period asked: "今年一到三月" is no 2022 record's)
            and all(
                str(year) in self._facts[h.entry.ref].text_en
                for _, year in read_periods(q.normalized)
            )
        ]
        # (the counts a question states are those worked with: "from 35,000 to 38,000, by
        # what percentage": not a record's 3,600 new users and 38,000 in all)
        stated = {
            int(n) for n in _COUNT_STATED.findall(q.normalized.replace(",", "")) if len(n) > 1
        }
        working: dict[Any, Hit] = {}
        for hit in tied:
            computed = compute_in_fact(q, self._facts[hit.entry.ref], self.knowledge, probability)
            used = {c.value for c in computed.parts.get("counts", [])} if computed else set()
            if computed is not None and stated <= used | {computed.parts.get("result")}:
                working.setdefault(computed.parts.get("result"), hit)
        if len(working) != 1:
            return None  # none, or records that work out different figures
        found = self._answer_entry(q, next(iter(working.values())), probability)
        return found if found.answered else None

    def _listed_alike(
        self,
        q: Question,
        terms: QueryTerms,
        best: Hit,
        rivals: Sequence[Hit],
        missing: list[tuple[str, float]],
    ) -> list[Hit]:
        """The other records of the document the answer comes from that a question asking
        for several things finds nearly as well and that hold nearly every word of weight the
        answer's record holds: more of the things asked for, each in a record of its own."""
        first = self._facts[best.entry.ref]
        lacking = {t for t, w in missing if w >= CONTEXT_SHARED_MIN_WEIGHT}
        # (the question's words of weight: each is missing from no text at all)
        weighty = {
            t for t, w in self.index.list_missing_words(terms, []) if w >= CONTEXT_SHARED_MIN_WEIGHT
        }

        def titled(fact: Any) -> set[str]:
            # (with what its acronyms stand for: "DCM activated for …" is titled by the
            # Disaster Connectivity Map)
            spelled = [
                self.glossary.acronyms[a.lower()].en
                for a in re.findall(r"\b[A-Z][A-Za-z0-9-]*[A-Z]\b", fact.title_en)
                if a.lower() in self.glossary.acronyms
            ]
            title = " ".join([fact.title_en, *spelled])
            held = {t for t, _ in self.index.list_missing_words(terms, [title])}
            held &= {t for t, _ in self.index.list_missing_words(terms, [fact.title_zh])}
            return weighty - held  # the question's words of weight its title holds

        alike = []
        for hit in rivals[:ALIKE_CANDIDATES]:
            if (
                hit.entry.kind != "fact"
                or hit.score < best.score - ALIKE_MARGIN
                or hit.coverage < best.coverage - ALIKE_COVERAGE_MARGIN
                or self._facts[hit.entry.ref].doc != first.doc
            ):
                break  # (in the order found: none after one that falls short)
            other = self._facts[hit.entry.ref]
            theirs = self.index.list_missing_words(terms, self._record_texts(hit))
            extra = sum(w for t, w in theirs if w >= CONTEXT_SHARED_MIN_WEIGHT and t not in lacking)
            if (
                extra > ALIKE_MAX_EXTRA_MISSING
                # a part of the record found, which says it already ("部门目标1" of the four)
                or other.text_en[:ALIKE_SAID_CHARS] in first.text_en
                # another kind of thing: titled by none of the words of weight the record
                # found is titled by ("the core values" beside "members and staff"), but a
                # region ("Africa": the cyberdrill and the Africa office's UN work)
                or not {t for t in titled(first) & titled(other) if not _REGION.fullmatch(t)}
                # another numbered body or role than asked ("Study Group 2" beside Study
                # Group 1, "Annex 5" beside Annex 2, the Deputy beside the Secretary-General)
                or _another_numbered(other, _numbered(q.normalized))
                or _names_a_deputy(other) != _names_a_deputy(first)
                # of another region, by what it is titled (the CIS office beside Europe's)
                or not _titled_regions(other) <= _titled_regions(first) | self._regions(q)
                # of another region than the one asked of (Tonga's NETP, asked of the
                # Americas')
                or _fact_misses_a_region(q, other)
            ):
                break
            alike.append(hit)
        return alike

    def _pointed_back_to(
        self, part: str, alone: Answer | None, first: Answer | None
    ) -> Answer | None:
        """The answer to a "which …" question of a message by the record its answer, or the
        first question's, points back to ("What's the definition of ITU as One, and which
        consultation produced it?"; "… after the cyclones? which cyclones were they?");
        None when there is none."""
        found = alone if alone is not None and alone.answered else None
        if first is not None and first.answered and (found is None or _same_record(found, first)):
            found = first
        pointed = self._with_antecedent(normalize(part), found) if found is not None else None
        if pointed is not None and found is first:
            del pointed.parts["pointed_from"]  # the first question's answer says it
        return pointed

    def _with_antecedent(self, asked: str, answer: Answer) -> Answer | None:
        """The answer by the record `answer`'s record points back to, when the question
        asks which one it is ("which consultation did the definition come out of": the
        CWG-FHR consultation, the definition beside it); None when there is none."""
        noun = read_which_noun(asked)
        fact = answer.parts.get("fact") if answer.answered else None
        if noun is None or fact is None:
            return None
        named = self._antecedents.find(noun, fact, asked)
        if named is None:
            return None
        under = to_subject(self.knowledge, named.priority_code) if named.priority_code else None
        found = Answer(
            kind=AnswerKind.FACT,
            lang=answer.lang,
            answered=True,
            confidence=answer.confidence,
            parts={"fact": named, "priority": under, "pointed_from": fact},
            sources=dedupe_sources(
                [to_source(self.knowledge, named.doc, named.section), *answer.sources]
            ),
        )
        found.record = to_record("fact", named.key)
        return found

    def __getstate__(self) -> dict[str, Any]:
        """Pickled (the engine cache) without the last question asked."""
        state = self.__dict__.copy()
        state["_last_source"] = ("", None)
        return state

    def _of_the_document_named(self, q: Question, docs: set[str]) -> bool:
        """Whether records of these documents are of the one the question names, if any."""
        named = self._read_source(q.normalized)
        return named is None or bool(named.docs & docs)

    def _read_source(self, normalized: str) -> SourceNamed | None:
        """The document a question names as where its answer stands."""
        text, source = self._last_source
        if text != normalized:
            source = read_source_named(normalized, self._doc_tokens)
            self._last_source = (normalized, source)
        return source

    def _in_documents(self, hits: list[Hit], docs: frozenset[str]) -> list[Hit]:
        """The hits that stand in the documents named (records of no one document, FAQs,
        kept); all of them when none of those is left worth suggesting."""
        kept = [h for h in hits if h.entry.kind != "fact" or self._facts[h.entry.ref].doc in docs]
        return kept if kept and kept[0].score >= SUGGEST_MIN_SCORE else hits

    def _prefer_latest(self, q: Question, hits: list[Hit]) -> list[Hit]:
        """Of facts tied for first, the latest (by its year), when the question asks how
        things stand now ("现在有多少用户", "so far": the 2023 total, not 2022's) and names no
        year of its own."""
        if len(hits) < 2 or q.reading.year is not None or not _PRESENT.search(q.text):
            return hits
        tied = [h for h in hits if hits[0].score - h.score <= EXACT_TIE and h.entry.kind == "fact"]
        if len(tied) < 2 or tied[0] is not hits[0]:
            return hits

        def year(hit: Hit) -> int:
            fact = self._facts.get(hit.entry.ref)
            return fact.year if fact is not None and fact.year is not None else 0

        latest = max(tied, key=year)  # (the first of the latest: the search's order)
        if year(latest) <= year(hits[0]):
            return hits
        return [latest, *(h for h in hits if h is not latest)]

    def _of_the_date(
        self,
        q: Question,
        answer: Answer,
        margin: float | None = None,
        holds: Callable[[Answer], bool] | None = None,
    ) -> Answer | None:
        """The answer from a fact found close behind the one given that speaks of the month
        or day the question names ("what did coverage drop to on 3 March": Vanuatu's 3
        March, not Türkiye's February), or, of a year it names, of that year ("2018年那次务虚
        会开了几天": the 2018 retreat's dates, not the annual retreat's two to three days);
        None when no such fact is close."""
        hits = self.index.search(q.terms, kinds=("fact",), limit=TIE_CANDIDATES)
        if not hits:
            return None
        given = answer.parts["fact"]
        # (and holding every name the question writes: "what happened in Kinshasa in June" is
        # not the June meetings held elsewhere)
        named = list_named_words(q.text) - q.reading.consumed_tokens
        if is_chinese(q.normalized) and margin is None:
            # (in Chinese, the words of the question the record given holds: "2023年4月新德里
            # 开了什么" is not April's alliance applications, which never name New Delhi)
            given_texts = normalize(" ".join(self._record_texts(hits[0])))
            named |= {
                gram
                for gram in q.terms.tokens
                if is_chinese(gram) and not re.search(r"[年月日号]", gram) and gram in given_texts
            }
        # (further behind, of the year asked: one that holds what the question is about too,
        # "the 2023 retreat" — not VaMoz Digital's 3.5 years for "how long was the 2023 retreat")
        topics = _read_topics(q.text)[:1] if margin is not None else []
        if margin is not None and not topics:
            return None
        for hit in hits:
            if hits[0].score - hit.score > (DATED_MARGIN if margin is None else margin):
                break
            texts = normalize(" ".join(self._record_texts(hit)))
            if any(normalize(word) not in texts for word in named):
                continue
            fact = self._facts.get(hit.entry.ref)
            if (
                fact is None
                or fact is given
                # (of that date itself, not one that names none; of the year asked; of the
                # kind of answer asked)
                or not _fits_month(fact, q.normalized, strict=True)
                or not self._fits_year(fact, q.reading.year, q.normalized)
            ):
                continue
            dated = self._answer_entry(q, hit, answer.confidence)
            if (
                dated.answered
                and self._is_supplied(q, dated, self._wanted(q))
                and (holds is None or holds(dated))
                and all(self._holds_topic(t, dated) for t in topics)
            ):
                return dated
        return None

    def _further_behind(self, q: Question, answer: Answer) -> Answer | None:
        """The answer from a fact found further behind the one given (of another year than the
        one the question names) that is of that year and holds what the question is about and
        the kind asked, a length for "how long"."""
        how_long = asks_for_days(q.normalized) or _HOW_LONG.search(q.normalized)
        if not how_long and self._wanted(q) in (COUNT, AMOUNT, PERCENT):
            return None  # (a figure further behind may count something else: "2022年有多少
            # 机构申请ATC" is not answered by the ATC programme's resolution number)
        lasted = partial(self._gives_a_duration, q) if how_long else None
        return self._of_the_date(q, answer, margin=YEAR_MARGIN, holds=lasted)

    def _lines_of_the_figure(self, q: Question) -> list[str]:
        """The budget lines (priorities, enablers, themes) whose amount or share of the total
        is the figure a question asks which line has ("占总预算2.9%的是哪一项", "which line
        gets CHF 120,000"); none when it asks no such thing or no line has it."""
        asked = _WHICH_LINE.search(q.normalized)
        if (
            asked is None
            # (not "which themes have a budget above CHF 400,000", "which priority grew by
            # 18%", "哪一项股票涨了9.5%", "…, and why 26.4%?")
            or _COMPARED_TO_A_FIGURE.search(q.normalized)
            or not _OF_A_BUDGET.search(q.normalized)
            or _ASKS_MORE.search(q.normalized)
            or _SOMEONE_ELSES.search(q.normalized)
            or (q.reading.year is not None and q.reading.year not in self.knowledge.years)
        ):
            return []
        percents = {Decimal(m[1]) for m in _STATED_PERCENT.finditer(q.normalized)}
        amounts = {
            int(Decimal((m["a"] or m["b"]).replace(",", "")) * _SCALE.get(m["ak"] or m["bk"], 1))
            for m in _STATED_AMOUNT.finditer(q.normalized)
        }
        amounts = {a for a in amounts if a >= AMOUNT_ASKED_MIN}
        if not percents and not amounts:
            return []
        found: list[str] = []
        for code in [*self.knowledge.priorities, *self.knowledge.themes]:
            figure = self.budgets.figure(code, self.budgets.subject_year(code, q.reading.year))
            if figure is None or figure.subject.code != code:
                continue  # (a theme that shares its priority's line is the priority)
            shares = {
                Decimal(str(r.value)).quantize(Decimal("0.1")) for r in figure.shares_of_total
            }
            if figure.total_amount:
                shares.add(
                    (Decimal(figure.amount) * 100 / figure.total_amount).quantize(Decimal("0.1"))
                )
            if figure.amount in amounts or percents & shares:
                found.append(figure.subject.label if figure.subject.kind != "theme" else code)
        return found if 0 < len(found) <= LINES_OF_A_FIGURE_MAX else []

    def _gives_a_day(self, answer: Answer) -> bool:
        """Whether a fact answer's record names a day: a date ("5 to 9 February", "4月27日") or
        a day known by its name ("World Environment Day", "世界环境日")."""
        fact = answer.parts.get("fact")
        if fact is None:
            return False
        texts = (fact.title_en, fact.text_en, fact.title_zh, fact.text_zh)
        return any(read_days(t) or _NAMED_DAY.search(t) for t in texts)

    def _gives_a_duration(self, q: Question, answer: Answer) -> bool:
        """Whether an answer's records say how long something lasted: a span of days ("5 to 9
        February") or a length ("five-day", "为期五天", "3.5 years"), not only a month."""
        texts = self._answer_texts(q, answer)
        return any(_DURATION_STATED.search(t) or days_spanned(t) for t in texts)

    def _part_not_broken_out(self, normalized: str) -> str | None:
        """The part of a budget line a question asks for, when it names no theme of the line
        nor another line ("P3里分给美洲区域的", "E2那28万里，非洲区域代表处分到多少": the
        documents break no line down by region, office or activity); None otherwise ("how
        much of P3 goes to statistics", "how much of E3 goes to digital inclusion", its only
        theme, "how much of the total goes to the enablers")."""
        asked = read_part_asked(normalized)
        if asked is None or _LINE_GROUP.search(asked[1]):
            return None
        whole, part = ({t.code for t in self._read_alone(text).targets} for text in asked)
        if not part:
            return asked[1]
        lines = {self._budget_line_of(c) for c in whole}
        if {self._budget_line_of(c) for c in part} - lines:
            return None  # a theme of the line with figures of its own, or another line
        # the line itself, or its one theme: unless a region or an activity is asked of it
        return asked[1] if _PART_QUALIFIER.search(asked[1]) else None

    def _smaller_first(self, targets: Sequence[Target]) -> bool:
        """Whether the first of two lines named has the smaller budget."""
        amounts = []
        for target in targets:
            figure = self.budgets.figure(target.code, self.budgets.subject_year(target.code, None))
            if figure is None:
                return False
            amounts.append(figure.amount)
        return amounts[0] < amounts[1]

    def _budget_line_of(self, code: str) -> str:
        """A theme that is its priority's only one stands for the priority's line."""
        parent = self.knowledge.get_theme_priority(code)
        if parent and len(self.knowledge.themes_by_priority[parent]) == 1:
            return parent
        return code

    def _prefer_listing(self, q: Question, hits: list[Hit]) -> list[Hit]:
        """Put first a fact close behind the first that quotes several of the things a list
        question asks for, when the first quotes one of them ("务虚会建议的箴言有哪几个": the
        annex that proposes three mottos, not the one that names one motto in passing)."""
        match = _LISTED_NOUN.search(q.normalized)
        if match is None or len(hits) < 2 or read_stated_count(q.normalized) is not None:
            return hits
        noun = match["zh"] or stem(match["en"])

        def quoted(hit: Hit) -> int:
            fact = self._facts.get(hit.entry.ref) if hit.entry.kind == "fact" else None
            if fact is None:
                return 0
            text = normalize(fact.text_zh if match["zh"] else fact.text_en)
            at = text.find(noun)
            return -1 if at < 0 else len(_QUOTED_ITEM.findall(text[at : at + LISTED_SPAN]))

        if quoted(hits[0]) != 1:
            return hits  # (one named in passing: not none, nor a list already)
        for hit in hits[1:]:
            if hits[0].score - hit.score > SUPPLIED_MARGIN:
                break
            if quoted(hit) >= 2:
                return [hit, *(h for h in hits if h is not hit)]
        return hits

    def _prefer_title_phrase(self, q: Question, hits: list[Hit]) -> list[Hit]:
        """Of facts tied for first, the one whose title shares the longest run of the
        question's own words with it ("這份報告有甚麼財務影響": the section titled "…报告的财务
        影响", not the other report's "…及财务影响"), when that run is longer than the first's."""
        # (Chinese only: English titles share runs of common words, "of the", "the Council")
        if len(hits) < 2 or hits[0].entry.kind != "fact" or not is_chinese(q.normalized):
            return hits
        tied = [h for h in hits if hits[0].score - h.score <= EXACT_TIE and h.entry.kind == "fact"]
        if len(tied) < 2:
            return hits

        def run(hit: Hit) -> int:
            fact = self._facts.get(hit.entry.ref)
            if fact is None:
                return 0
            return _longest_common_run(q.normalized, normalize(fact.title_zh))

        first = run(hits[0])
        best = max(tied, key=run)  # (the first of the longest: the search's order)
        if run(best) <= max(first, TITLE_RUN_MIN - 1):
            return hits
        return [best, *(h for h in hits if h is not best)]

    def _prefer_titled(self, terms: QueryTerms, hits: list[Hit]) -> list[Hit]:
        """Put first a fact found close behind the best whose title the question says in full
        (two words or more), when the best one's title it does not."""
        if len(hits) < 2 or hits[0].entry.kind != "fact":
            return hits

        def said_in_full(hit: Hit) -> bool:
            fact = self._facts.get(hit.entry.ref)
            if fact is None:
                return False
            title = fact.title_zh if is_chinese(terms.text) else fact.title_en
            words = set(to_query_terms(normalize(title)).tokens) - _ORGANISATION_TOKENS
            return len(words) >= 2 and words <= set(terms.tokens)

        if said_in_full(hits[0]):
            return hits
        best_lacking: float | None = None
        for hit in hits[1:]:
            if hits[0].score - hit.score > TITLE_HELD_TIE:
                break
            if hit.entry.kind != "fact" or not said_in_full(hit):
                continue
            if best_lacking is None:
                best_lacking = self._lacking_weight(terms, hits[0])
            # (and holding the question's words as well, its document's name included: not
            # the definition of ITU as One for the consultation it came out of)
            if self._lacking_weight(terms, hit) <= best_lacking:
                return [hit, *(h for h in hits if h is not hit)]
        return hits

    def _prefer_whole_item(
        self, q: Question, terms: QueryTerms, hits: list[Hit]
    ) -> tuple[list[Hit], Entry | None]:
        """Put first a fact found close behind the best, when the best is a digest of excerpts
        (joined by " … ") one of which the other gives whole, and it holds the question's
        words as well: one thing asked of ("what is the Change-makers programme for"), its own
        record, not the list that quotes its first sentence. Not where things are listed.
        With the digest passed over, if any."""
        if (
            len(hits) < 2
            or asks_for_list(q.normalized)
            or asks_for_items(q.normalized)
            or asks_for_several(q.normalized)
        ):
            return hits, None
        digest = self._facts.get(hits[0].entry.ref)
        if digest is None:
            return hits, None
        excerpts = [
            part.strip(" .。；;，,")
            for text in (digest.text_en, digest.text_zh)
            if _EXCERPT_JOIN in text
            for part in text.split(_EXCERPT_JOIN)
        ]
        text = digest.text_zh if q.lang == "zh" else digest.text_en
        if text.count(_EXCERPT_JOIN) < DIGEST_MIN_JOINS or _WHAT_A_TERM_IS.search(q.normalized):
            # (a record of one thing that skips a passage is no digest: "what is the DCM",
            # its launch, not the cyclone it was activated for)
            return hits, None
        excerpts = [e for e in excerpts if len(e) >= EXCERPT_MIN_CHARS]
        best_lacking = self._lacking_weight(terms, hits[0])
        for hit in hits[1:]:
            if hits[0].score - hit.score > WHOLE_ITEM_TIE:
                break
            fact = self._facts.get(hit.entry.ref)
            if fact is None or fact.doc != digest.doc:
                continue
            whole = (fact.text_en, fact.text_zh)
            own = fact.text_zh if q.lang == "zh" else fact.text_en
            if (
                own.count(_EXCERPT_JOIN) < DIGEST_MIN_JOINS  # (not another digest)
                and any(e in t and len(t) > len(e) for e in excerpts for t in whole)
                and self._lacking_weight(terms, hit) <= best_lacking
                # its title names what is asked, the digest's does not ("the Change-makers
                # programme"; not "what internal training does ITU offer", the digest's
                # subject, nor "how is ITU as One member-driven")
                and self._titled_apart(q, terms, fact, digest)
            ):
                return [hit, *(h for h in hits if h is not hit)], hits[0].entry
        return hits, None

    def _titled_apart(self, q: Question, terms: QueryTerms, fact: Any, other: Any) -> bool:
        """Whether a fact's title holds a distinctive word of the question that another's
        title does not ("Change-makers", not "programme")."""

        def titled(one: Any) -> set[str]:
            title = one.title_zh if q.lang == "zh" else one.title_en
            return set(to_query_terms(normalize(title)).tokens)

        weights = self.index.weigh(terms)
        # (a word asked in the plural asks for several: "what training programmes")
        plural = {stem(w) for w in re.findall(r"\b[a-z]{3,}s\b", q.normalized)}
        return any(
            weights.get(t, 0.0) >= DISTINCTIVE_MIN_WEIGHT
            for t in (titled(fact) - titled(other)) & set(terms.tokens) - plural
        )

    def _prefer_named(self, terms: QueryTerms, named: set[str], hits: list[Hit]) -> list[Hit]:
        """Put first the best candidate that holds every name the question writes (an
        acronym, a code, a proper name), when the best one lacks one of them."""
        if not named or not hits:
            return hits

        def lacks_name(hit: Hit) -> bool:
            missing = self.index.list_missing_words(terms, self._record_texts(hit))
            return any(t in named and w >= NAMED_MIN_WEIGHT for t, w in missing)

        if not lacks_name(hits[0]):
            return hits
        for hit in hits[1:]:
            if hit.score >= ANSWER_MIN_SCORE and not lacks_name(hit):
                return [hit, *(h for h in hits if h is not hit)]
        return hits

    def _prefer_bodies(self, q: Question, hits: list[Hit]) -> list[Hit]:
        """Put first the best candidate that names the study groups or resolutions the
        question numbers ("第1研究组的讲习班": Study Group 1's, not Study Group 2's), when the
        best one does not."""
        asked = _read_numbered_bodies(q.normalized)
        if not asked or not hits:
            return hits

        def names_them(hit: Hit) -> bool:
            return asked <= _bodies_named(hit)

        if names_them(hits[0]):
            return hits
        for hit in hits[1:]:
            if hit.score >= ANSWER_MIN_SCORE and names_them(hit):
                return [hit, *(h for h in hits if h is not hit)]
        return hits

    def _prefer_holding(self, terms: QueryTerms, hits: list[Hit]) -> list[Hit]:
        """Of the records tied for first, the one whose own texts hold most of the weight of
        the question's words ("What core values did the 2018 retreat define": the core values
        the retreat defined, not an annex that only lists "core values" among its topics and
        is credited "retreat" by its own words)."""
        if len(hits) < 2:
            return hits
        tied = [h for h in hits if hits[0].score - h.score <= EXACT_TIE]
        if len(tied) < 2:
            return hits

        # stable: the search's order among equals
        ranked = sorted(tied, key=lambda hit: self._lacking_weight(terms, hit))
        return ranked + hits[len(tied) :]

    def _prefer_reason(
        self, q: Question, terms: QueryTerms, hits: list[Hit], naming: frozenset[str]
    ) -> list[Hit]:
        """Put first, where a question asks why (or what for, to what benefit), a record titled
        as the reason for something that holds the words of the question the best holds, but
        for a verb:
        "why bring all capacity development under one framework in the ITU Academy" is
        answered by the benefits of the unified framework, not by the proposal that names it.
        Searched deeper than the candidates kept, since the reason's record seldom repeats
        the question's verbs."""
        if not hits or not _REASON_ASKED.search(q.normalized) or self._gives_reason(hits[0]):
            return hits
        best = hits[0]
        lacking = self._lacking(terms, best)
        named = list_named_words(q.text)
        for hit in self.index.search(terms, limit=REASON_DEPTH, source=naming):
            if hit.score < best.score * REASON_SHARE:
                break
            if not self._gives_reason(hit):
                continue
            missing = self.index.list_missing_words(terms, self._record_texts(hit))
            # (it may lack a verb the best holds, not what the question is about: the OPS,
            # the accessibility policy)
            extra = [(t, w) for t, w in missing if t not in lacking]
            # (never a name the question writes: "the purpose of the IDI review" is not the
            # purpose of another report)
            if sum(w for _, w in extra) <= REASON_MAY_LACK and not any(
                t in named for t, _ in extra
            ):
                return [hit, *(h for h in hits if h.entry != hit.entry)]
        return hits

    def _gives_reason(self, hit: Hit) -> bool:
        """Whether a record is titled as the reason, purpose or benefit of something."""
        fact = self._facts.get(hit.entry.ref) if hit.entry.kind == "fact" else None
        return fact is not None and bool(
            _REASON_TITLE_EN.search(fact.title_en) or _REASON_TITLE_ZH.search(fact.title_zh)
        )

    def _lacking(self, terms: QueryTerms, hit: Hit) -> set[str]:
        """The question's words a record's texts do not hold."""
        return {t for t, _ in self.index.list_missing_words(terms, self._record_texts(hit))}

    def _gives_money(self, hit: Hit, currency: bool = False) -> bool:
        """Whether a record found is a fact with an amount of money (or a share; with
        `currency`, an amount in a currency only) among its figures."""
        money = _CURRENCY_AMOUNT if currency else _MONEY
        return hit.entry.kind == "fact" and any(
            money.search(f) for f in self._facts[hit.entry.ref].figures
        )

    def _prefer_asked_noun(self, q: Question, hits: list[Hit]) -> list[Hit]:
        """Of the records found nearly as well as the first, the first that holds the noun a
        "which …" question asks for, where the first does not ("To which conference does the
        Council report …": the record of PP-26, the Plenipotentiary Conference, not the
        enablers' overview)."""
        match = _WHICH_NOUN.search(q.normalized)
        if match is None or len(hits) < 2:
            return hits
        terms = to_query_terms(match["noun"] or match["zh"])
        if not terms.tokens:
            return hits

        def holds(hit: Hit) -> bool:
            return not self.index.list_missing_words(terms, self._record_texts(hit))

        if holds(hits[0]):
            return hits
        found = next(
            (h for h in hits[1:] if hits[0].score - h.score <= TIE_MARGIN and holds(h)), None
        )
        return hits if found is None else [found, *(h for h in hits if h is not found)]

    def _lacking_weight(self, terms: QueryTerms, hit: Hit) -> float:
        """The weight of the question's words a record's texts (its subject and document
        names included) do not hold."""
        return sum(w for _, w in self.index.list_missing_words(terms, self._record_texts(hit)))

    @staticmethod
    def _names_other_bodies(q: Question, hit: Hit) -> bool:
        """Whether a record names study groups or resolutions of the kind the question
        numbers, but not those it numbers."""
        asked = _read_numbered_bodies(q.normalized)
        if not asked:
            return False
        named = _bodies_named(hit)
        kinds = {kind for kind, _ in asked}
        return not asked <= named and any(kind in kinds for kind, _ in named - asked)

    def _record_texts(self, hit: Hit) -> list[str]:
        """The texts of a candidate record and the names of the subject it is filed under."""
        texts = [*hit.entry.key_texts, *hit.entry.body_texts]
        fact = self._facts.get(hit.entry.ref) if hit.entry.kind == "fact" else None
        if fact is not None and fact.priority_code:
            subject = to_subject(self.knowledge, fact.priority_code)
            if subject is not None:
                texts += [subject.code, subject.name_en, subject.name_zh]
        if fact is not None:
            # The document it comes from and its section are named by questions that cite
            # them ("C23/36號文件中…", "务虚会6.3节", "OP-23风险表"): names the record holds.
            texts += [fact.section, *self._document_names.get(fact.doc, ())]
        return texts

    @staticmethod
    def _signals(
        named: set[str],
        best: Hit,
        hits: Sequence[Hit],
        lacking: Sequence[tuple[str, float]],
        frame: set[str] | frozenset[str] = frozenset(),
    ) -> dict[str, float]:
        """What the choice of `best` rests on: its score and coverage, its lead over the next
        candidate, and the distinctive question words neither it nor its subject holds
        (`lacking`; the words that only frame the question, `frame`, aside)."""
        missing = [(t, w) for t, w in lacking if t not in frame]
        second = hits[1].score if len(hits) > 1 else 0.0
        return {
            "score": best.score,
            "coverage": best.coverage,
            "lead": round(best.score - second, 4),
            "distinctive_missing": sum(1 for _, w in missing if w >= DISTINCTIVE_MIN_WEIGHT),
            "missing_name": max((w for t, w in missing if t in named), default=0.0),
        }

    def _holds_a_subject_word(
        self,
        q: Question,
        terms: QueryTerms,
        lacking: Sequence[tuple[str, float]],
        frame: set[str],
    ) -> bool:
        """Whether the record found (lacking the question's words `lacking`) holds a word of
        what the question is about, beyond the kind of thing it asks (budget, share, count:
        read as intent), the words that frame it and the words nearly every record holds (ITU,
        BDT): at least one of some weight."""
        asked = q.reading.consumed_tokens | frame | self._intent_tokens(q)
        subject = [t for t in terms.tokens if t not in asked]
        if not subject:
            return True  # nothing but intent words: the subject is elsewhere (a code, a year)
        missing = {t for t, _ in lacking}
        top = self.index.unknown_token_weight
        return any(
            self.index.token_weight(t) / top >= SUBJECT_HELD_MIN_WEIGHT
            for t in subject
            if t not in missing
        ) or not any(t in missing for t in subject)

    def _intent_tokens(self, q: Question) -> set[str]:
        """The query tokens of the Chinese intent phrases a question uses ("预算", "多少"):
        what it asks for, not what about (English intent words are read as consumed)."""
        if q.lang != "zh":
            return set()
        found: set[str] = set()
        for concept in q.reading.concepts:
            for phrase in LEXICON[concept][2] if concept in LEXICON else ():
                if phrase in q.normalized:
                    found |= set(to_query_terms(phrase).tokens)
        return found

    def _min_coverage(self, terms: QueryTerms) -> float:
        """How much of the question a record found must explain, by the words the documents
        never use in it: one may be an everyday word ("name", "check", "outside"), two are
        more likely a subject the store lacks ("annual leave", "architecture firm"). Only
        Latin words count: Chinese is indexed by character pairs, and an unseen pair is mostly
        two words side by side or an everyday word (一共, 适合, 季度), not a subject the store
        lacks; the calibrated check on distinctive words weighs Chinese instead."""
        unknown = sum(1 for t in self.index.list_unknown_words(terms) if t.isascii())
        if not unknown:
            return 0.0
        return ONE_UNKNOWN_WORD_MIN_COVERAGE if unknown == 1 else UNKNOWN_WORD_MIN_COVERAGE

    def _subject_check(self, terms: QueryTerms, first: Hit) -> Callable[[Hit], bool]:
        """Whether a candidate lacks a distinctive word of the question (a Chinese one whole:
        "变革者计划") that `first` holds: it is about something else than the question. What
        the question and `first` give is worked out once, for every candidate."""
        frame = {t for span in list_frame_spans(terms.text) for t in to_query_terms(span).tokens}
        kept = replace(terms, tokens=tuple(t for t in terms.tokens if t not in frame))
        first_texts = self._record_texts(first)
        first_lacks = {t for t, _ in self.index.list_missing_words(terms, first_texts)}

        def drops_subject(other: Hit) -> bool:
            lacking = self.index.list_missing_phrases(kept, self._record_texts(other))
            return any(
                weight >= DISTINCTIVE_MIN_WEIGHT and not any(p in first_lacks for p in _pairs(word))
                for word, weight in lacking
            )

        return drops_subject

    def _gives_the_same_counts(self, one: Hit, other: Hit) -> bool:
        """Whether two records state the same numbers (and some)."""

        def numbers(hit: Hit) -> set[str]:
            said = {
                n.replace(",", "").replace(" ", "")
                for text in self._record_texts(hit)
                for n in _NUMBER_SAID.findall(text)
            }
            # (counts, not years or days: two records of one retreat date it alike)
            return {n for n in said if not _A_YEAR.fullmatch(n) and float(n) >= SAME_COUNT_MIN}

        mine = numbers(one)
        return bool(mine) and mine == numbers(other)

    def _prefer_supplied(
        self, q: Question, terms: QueryTerms, hits: list[Hit]
    ) -> tuple[list[Hit], list[Entry]]:
        """Put first the best fact or FAQ close behind the first that holds the kind of answer
        asked, when the first does not ("who approved the proposals": the fact that says the
        Council did, not the one that lists them); with the entries passed over for it. Scores
        are kept: the answer is decided on the score of the record it comes from."""
        wanted = self._wanted(q)
        stated = read_stated_count(q.normalized)
        lists_asked = stated is not None and stated >= STATED_LIST_MIN
        if (
            (wanted not in _PREFER_SUPPLIED and not lists_asked)
            or len(hits) < 2
            # ("is the ITU Academy certificate free": paying asked yes or no, which a record of
            # free courses close behind does not answer of the certificate)
            or (wanted == AMOUNT and _YES_NO.search(q.normalized) is not None)
        ):
            # "what are the three pillars …": a record that gives three of them is an answer
            # of the kind asked, as a count is of "how many"
            return hits, []

        def supplies(hit: Hit) -> bool:
            if hit.entry.kind not in ("fact", "faq"):
                return True  # judged once answered, as before
            if self._names_other_bodies(q, hit):
                return False  # Study Group 1's count is none of Study Group 2's
            answer = self._answer_entry(q, hit, hit.score)
            return answer.kind in (AnswerKind.FACT, AnswerKind.FAQ) and self._is_supplied(
                q, answer, wanted
            )

        if supplies(hits[0]):
            return hits, []
        passed_over = [hits[0].entry]
        drops_subject = self._subject_check(terms, hits[0])
        # a list of as many items as stated, of the noun stated, is a narrower kind than a
        # person or a date: it may be found further behind
        margin = SUPPLIED_MARGIN if wanted in _PREFER_SUPPLIED else LIST_SUPPLIED_MARGIN
        for n, hit in enumerate(hits[1:], start=1):
            close = hit.score >= hits[0].score - margin
            if close and drops_subject(hit):
                # "区域代表处有多少名工作人员": the visioning exercise's staff count is no count
                # of the regional offices' staff, however near it scores
                continue
            if close and hit.entry.kind in ("fact", "faq") and supplies(hit):
                if (
                    wanted == COUNT
                    and any(
                        other.score >= hit.score - SUPPLIED_MARGIN
                        and other.entry.kind in ("fact", "faq")
                        and supplies(other)
                        # (one that gives the same counts is no rival: "what BCG delivered" and
                        # "BCG interviewed 44 …" both count its interviews)
                        and not self._gives_the_same_counts(hit, other)
                        for other in hits[n + 1 :]
                    )
                ):
                    # "how many countries are in the Africa region": several records count
                    # countries there, each of something else; none is the count asked
                    return hits, []
                return [hit, *hits[:n], *hits[n + 1 :]], passed_over
            if close and hit.entry.kind in ("fact", "faq"):
                passed_over.append(hit.entry)
        return hits, []

    def _prefer_asked_class(self, q: Question, hits: list[Hit]) -> tuple[list[Hit], list[Entry]]:
        """Put first the best fact close behind the first that names the kind of thing a
        "which X" question asks for, when the first does not ("电信发展局主任召集了哪个新委员
        会": the record of the committee, not the retreat the question starts from)."""
        asked = read_asked_class(q.normalized)
        if asked is None or len(hits) < 2:
            return hits, []

        def names_it(hit: Hit) -> bool:
            return any(asked in normalize(t) for t in self._record_texts(hit))

        if names_it(hits[0]):
            return hits, []
        for n, hit in enumerate(hits[1:], start=1):
            if hit.score < hits[0].score - SUPPLIED_MARGIN:
                break
            if hit.entry.kind in ("fact", "faq") and names_it(hit):
                return [hit, *hits[:n], *hits[n + 1 :]], [h.entry for h in hits[:n]]
        return hits, []

    def _prefer_form(self, q: Question, hits: list[Hit]) -> list[Hit]:
        """Lift facts of the kind the question's form asks for, then sort again."""
        form = read_question_form(q.normalized)
        stated = read_stated_count(q.normalized)
        days = asks_for_days(q.normalized)
        sums = q.reading.has("sum")
        if form is None and stated is None and not days and q.reading.year is None:
            return hits
        lifted = []
        for hit in hits:
            fact = self._facts.get(hit.entry.ref) if hit.entry.kind == "fact" else None
            bonus = 0.0
            if fact is not None and not self._fits_year(fact, q.reading.year, q.normalized):
                bonus = -YEAR_MISMATCH_PENALTY  # "2026 WSIS Forum" is not the 2023 one
            elif fact is not None and days and days_spanned(fact.text_en) is not None:
                bonus = FORM_BONUS  # "开了几天": a fact dating a range of days
            elif (
                fact is not None
                and stated is not None
                and gives_stated_count(
                    stated, [fact.text_en], enumerated=True, noun=self._stated_noun(q)
                )
            ):
                # "the four internal priorities": a fact that lists four; more, where the
                # items are asked for and it calls them as the question does ("the three
                # pillars": "three pillars: Pillar 1 …", before a plan built on them)
                noun = self._stated_noun(q)
                called = noun is not None and stem(noun) in {
                    stem(t) for t in latin_tokens(normalize(f"{fact.title_en} {fact.text_en}"))
                }
                bonus = (
                    ENUMERATED_FORM_BONUS if called and asks_for_list(q.normalized) else FORM_BONUS
                )
            elif fact is not None and stated is not None and stated >= 2 and sums:
                # "两场…加起来多少人": a fact about one of the two is no total of both
                bonus = -2 * FORM_BONUS
            elif fact is not None:
                if form == "when" and any(_DATE.search(f) for f in fact.figures):
                    bonus = DATED_FORM_BONUS  # a "when" question wants a date above all
                elif (
                    (form == "definition" and fact.kind in ("definition", "list"))
                    or (form in ("when", "where") and fact.kind in ("event", "date"))
                    or (form == "number" and bool(fact.figures))
                ):
                    bonus = FORM_BONUS
            changed = replace(hit, score=round(max(hit.score + bonus, 0.0), 4))
            lifted.append(changed if bonus else hit)
        return sorted(lifted, key=lambda h: (-h.score, -h.closeness))

    def _fits_year(self, fact: Any, year: int | None, normalized: str = "") -> bool:
        """Whether a fact can answer for the year a question names (any fact, if none)."""
        if year is not None and _asks_the_years_end(normalized, year) and _gives_a_part_of(fact):
            return False  # "at the end of 2023": not what Jan–Mar 2023 came to
        if year is None or fact.year == year:
            return True
        document = self.knowledge.documents.get(fact.doc)
        if document is not None and any(
            all(y in f"{document.title_en} {document.title_zh}" for y in span)
            for span in _YEAR_SPAN.findall(normalized)
        ):
            return True  # "the 2024-2027 Strategic Plan": the period its document is about
        if document is not None and any(
            named in normalized
            for name in (document.symbol, document.title_en, document.title_zh)
            for named in _NAMED_WITH_A_YEAR.findall(normalize(name))
            if str(year) in named and named.split()[0] not in EN_STOPWORDS  # not "the 2024"
        ):
            # "the Council 2024 report", "presented to Council 2023" (C23/36's title), "理事会
            # 2023年会议": its document, named with its year
            return True
        source = self._read_source(normalized)
        if source is not None and fact.doc in source.docs and str(year) in source.tokens:
            return True  # "according to the Council 2023 vision document"
        # "Since 2019, users have grown": a start, not a figure for 2019
        pattern = re.compile(
            rf"(?<!since )(?<!from )(?<!自)(?<!从)(?<!\d){year}(?!\d)(?!\s*年?(?:以来|起))",
            re.IGNORECASE,
        )
        return any(pattern.search(text) for text in (fact.text_zh, fact.text_en, fact.title_en))

    def _answer_entry(self, q: Question, hit: Hit, confidence: float) -> Answer:
        answer = self._answer_hit(q, hit, confidence)
        answer.record = to_record(hit.entry.kind, hit.entry.ref)
        return answer

    def _answer_hit(self, q: Question, hit: Hit, confidence: float) -> Answer:
        kind, ref = hit.entry.kind, hit.entry.ref
        if kind in ENTITY_KINDS:
            return self.records.overview(q, [Target(ref)], confidence)
        if kind == "kpi":
            return self.records.kpi_answer(q.lang, ref, confidence)
        if kind in ("outcome", "output"):
            found = Question(
                q.text, q.normalized, q.lang, q.reading, targets=[Target(ref.split("#")[0])]
            )
            return self.records.results(found, kind + "s", confidence)
        if kind == "risk":
            return self.records.risk_answer(q.lang, [self.knowledge.risks[ref]], confidence)
        if kind == "faq":
            faq = self._faqs[ref]
            source = to_source(self.knowledge, faq.doc, faq.section)
            return Answer(
                kind=AnswerKind.FAQ,
                lang=q.lang,
                answered=True,
                confidence=confidence,
                parts={"faq": faq},
                sources=[source],
            )
        fact = self._facts[ref]
        source = to_source(self.knowledge, fact.doc, fact.section)
        under = to_subject(self.knowledge, fact.priority_code) if fact.priority_code else None
        parts: dict[str, Any] = {"fact": fact, "priority": under}
        return Answer(
            kind=AnswerKind.FACT,
            lang=q.lang,
            answered=True,
            confidence=confidence,
            parts=parts,
            sources=[source],
        )

    def _suggestions(self, lang: str, hits: Sequence[Hit]) -> tuple[list[str], list[str | None]]:
        """The suggestions the hits make, and the record each stands for (the same order)."""
        labels: list[str] = []
        records: list[str | None] = []
        for hit in hits:
            label = self._label(lang, hit)
            if label and label not in labels:
                labels.append(label)
                records.append(to_record(hit.entry.kind, hit.entry.ref))
        return labels[: SUGGESTION_LIMIT + 1], records[: SUGGESTION_LIMIT + 1]

    def _label(self, lang: str, hit: Hit) -> str:
        """A suggestion: something the user can ask next, in their language."""
        kind, ref = hit.entry.kind, hit.entry.ref
        zh = lang == "zh"
        if kind in ENTITY_KINDS:
            subject = to_subject(self.knowledge, ref)
            return f"{ref} {subject.name_zh if zh else subject.name_en}" if subject else ""
        if kind == "kpi":
            return ref
        if kind == "fact":
            fact = self._facts[ref]
            questions = fact.questions_zh if zh else fact.questions_en
            return questions[0] if questions else (fact.title_zh if zh else fact.title_en)
        if kind == "faq":
            faq = self._faqs[ref]
            return faq.question_zh if zh else faq.question_en
        if kind == "risk":
            risk = self.knowledge.risks[ref]
            return f"{risk.category_zh}风险" if zh else f"{risk.category_en} risk"
        return ""

    # -- answerability -----------------------------------------------------------------

    # Templates that say figures (amounts, shares, counts of KPIs) and nothing else.
    _FIGURE_KINDS = frozenset(
        {
            AnswerKind.BUDGET,
            AnswerKind.COMPUTE,
            AnswerKind.EXTREME,
            AnswerKind.KPI_LIST,
            AnswerKind.KPI_TOTAL,
            AnswerKind.OUTCOMES,
            AnswerKind.OUTPUTS,
        }
    )
    _SHARE_KINDS = frozenset({AnswerKind.BUDGET, AnswerKind.COMPUTE, AnswerKind.EXTREME})

    def _wanted(self, q: Question) -> str | None:
        """The kind of answer the question wants; anything about a time after the
        documents' own wants a record that speaks of it."""
        wanted = read_wanted(self._without_line_names(q))
        if wanted != NEXT_DATE and asks_about_future(q.normalized, self.present_year):
            return FUTURE
        if wanted is None and read_action(q.normalized) is not None:
            return PROCEDURE
        return wanted

    def _stated_noun(self, q: Question) -> str | None:
        """The noun a question counts its items by, when the documents use it: "the four
        strands of the observatory" counts in a word they never write (its "four parts"), so
        any list of four will do."""
        noun = read_stated_noun(q.normalized)
        if noun is None or not self.index.has_token(stem(noun)):
            return None
        return noun

    def _without_line_names(self, q: Question) -> str:
        """The question without the names of the lines it names: "价格可承受的连接" (affordable
        connectivity) asks for no price."""
        text = q.normalized
        for target in q.targets:
            subject = to_subject(self.knowledge, target.code)
            if subject is not None:
                for name in (subject.name_zh, subject.name_en.lower()):
                    if name:
                        text = text.replace(normalize(name), " ")
        return text

    def _sum_excluding(self, q: Question, classes: list[str], excluded: set[str]) -> Answer:
        """A sum that leaves lines out: of the class named ("all enablers except E1", "不算E3，
        推动因素加起来"), of the lines named ("P1, P2 and P3, excluding P2"), or of every line
        where only those left out are named ("除了P3之外，其余各项加起来": the total less them),
        less those; not computed when fewer than two lines are left (never the lines left out
        themselves)."""
        themes_out = {code for code in excluded if code in self.knowledge.themes}
        named = [t.code for t in q.targets if t.code not in excluded]
        of_lines = {self.knowledge.get_theme_priority(c) for c in themes_out}
        line = next(iter(of_lines)) if len(of_lines) == 1 else None
        if (
            themes_out
            and not classes
            and line is not None
            and (named == [line] or (not named and q.reading.has("class_theme")))
        ):
            # "P3扣除统计数据之后，剩下的两个主题加起来多少钱": the line's other themes
            rest = [c for c in self.records.theme_codes(line) if c not in themes_out]
            kept = replace(q, targets=[Target(code) for code in rest])
            summed = (
                self.budgets.combine(kept, "sum", WHOLE_STORE_CONFIDENCE)
                if len(rest) >= 2
                else None
            )
            return summed or self._cannot_compute(q, "sum")
        if themes_out:
            # "P3 and P4 excluding cybersecurity": a theme taken out of two priorities' lines
            # is not added up here
            return self._cannot_compute(q, "sum")
        if classes:
            group = [s.code for c in classes for s in list_subjects(self.knowledge, c)]
        elif {t.code for t in q.targets} <= excluded:
            # "除了P3之外，其余各项加起来", "all lines except P3 added up": every line but
            # those, which is the total less them
            rest_of_total = self.calculator.compute(q, Operation("remainder"))
            return rest_of_total or self._cannot_compute(q, "sum")
        else:
            group = [t.code for t in q.targets]
        rest = [code for code in dict.fromkeys(group) if code not in excluded]
        if len(rest) < 2:
            return self._cannot_compute(q, "sum")
        kept = replace(q, targets=[Target(code) for code in rest])
        # as sure as any sum of lines read by code: the exclusion's own words ("except",
        # "all") explain nothing else
        summed = self.budgets.combine(kept, "sum", WHOLE_STORE_CONFIDENCE)
        return summed or self._cannot_compute(q, "sum")

    def _misses_lines_asked(self, q: Question, answer: Answer) -> bool:
        """A sum or a comparison of a stated number of lines ("these two", "the three
        themes") answered with fewer budget lines than that, a difference with one, a sum of
        one line and something else the question joins to it ("价格可承受的连接和包容安全的
        电信/ICT加起来": P4's name not read), or one of things that are no budget lines
        (projects) answered with the lines their words name."""
        if answer.kind is not AnswerKind.BUDGET or not q.reading.has("sum", "difference"):
            return False
        figures = answer.parts.get("figures", [])
        if (
            len(figures) == 1
            and q.reading.has("sum")
            and len(q.targets) == 1
            and _JOINED.search(self._without_line_names(q))
        ):
            return True
        if not q.reading.codes and _OTHER_THINGS.search(q.normalized):
            return True  # "the two projects combined": not the priorities their words name
        figures = len(answer.parts.get("figures", []))
        if (
            q.reading.has("difference")
            and figures < 2
            # ("is P3 more than a quarter of the total": its share of the total tells)
            and not compares_to_a_fraction_of_total(q.normalized)
        ):
            return True  # "the gap between X and Y" with one of them found
        stated = read_stated_count(q.normalized)
        return stated is not None and figures < stated

    def _names_a_theme_and_its_priority(self, q: Question) -> bool:
        codes = {t.code for t in q.targets} | set(q.reading.codes)
        return any(self.knowledge.get_theme_priority(code) in codes for code in codes)

    def _is_supplied(self, q: Question, answer: Answer, wanted: str | None) -> bool:
        """Whether the answer holds the kind of answer wanted; a count found by search must
        count what the question counts (44 stakeholders is no count of member states); a
        question about the future must also get the kind it asks ("where will PP-26 be held":
        a place, as well as a later year)."""
        asked = read_wanted(q.normalized)
        if wanted == FREQUENCY and answer.kind is AnswerKind.RISK:
            return False  # the table says how to mitigate ("continuously update"), not how often
        if (
            wanted == PERCENT
            and answer.kind is AnswerKind.FACT
            and compute_in_fact(q, answer.parts["fact"], self.knowledge, answer.confidence)
            is not None
        ):
            return True  # "by what percentage did it grow": computed from the fact's counts
        title = read_title(q.normalized) if wanted == PERSON else None
        if title is not None and not holds_title(title, self._answer_texts(q, answer)):
            return False  # "the Director" is not answered with the Deputy Director
        if answer.kind in _SEARCHED_KINDS and _only_a_deputy(
            q.normalized, self._answer_texts(q, answer)
        ):
            return False  # "what did the SG talk about": not what the Deputy SG said
        if (
            wanted == DATE
            and answer.kind in _SEARCHED_KINDS
            and _PERIOD_ASKED.search(q.normalized)
            and not any(_PERIOD_GIVEN.search(t) for t in self._answer_texts(q, answer))
        ):
            return False  # "what period did the review cover": from when to when, no one year
        also = wanted == FUTURE and asked not in (None, FUTURE, NEXT_DATE, DATE, YEAR)
        if also and not self._is_supplied(q, answer, asked):
            return False
        stated = read_stated_count(q.normalized)
        if (
            stated is not None
            and stated >= STATED_LIST_MIN  # two items are written "X and Y", not listed
            and answer.kind in _SEARCHED_KINDS
            and not gives_stated_count(
                stated,
                self._answer_texts(q, answer),
                enumerated=asks_for_list(q.normalized) or asks_for_items(q.normalized),
                noun=self._stated_noun(q),
            )
        ):
            return False  # "the four internal priorities": a record that gives four of them
        owner = read_list_owner(q.normalized) if stated is not None else None
        if owner is not None and answer.kind in _SEARCHED_KINDS:
            # "the three pillars of cybersecurity": the vision's are not those (a record that
            # holds none of the words of what the items belong to)
            terms = to_query_terms(owner)
            weighed = [t for t, w in self.index.weigh(terms).items() if w > 0]
            held = self._answer_texts(q, answer)
            if answer.kind is AnswerKind.FACT:
                # (the document it is written in owns them too: "务虚会讲的四项部门目标",
                # the retreat report's)
                fact = answer.parts["fact"]
                held = [*held, fact.section, *self._document_names.get(fact.doc, ())]
            missing = self.index.list_missing_words(terms, held)
            if weighed and len(missing) == len(weighed):
                return False
        if wanted == PROGRESS and answer.kind is AnswerKind.KPI_DETAIL:
            # "the current value of KPI X": the value recorded for it, not its definition
            return answer.parts.get("progress") is not None
        if wanted == PROGRESS and answer.kind in (AnswerKind.BUDGET, AnswerKind.OVERVIEW):
            # "E3参加法定会议的女性比例2023年实际做到多少%": what was achieved, not the line's
            # share of the budget
            return False
        if wanted == PROGRESS and answer.kind in _KPI_KINDS:
            # "网络安全相关的KPI目前完成了多少": a list of KPIs is no progress unless recorded
            kpis = [k for group in answer.parts.get("groups", []) for k in group["kpis"]]
            return any(self.knowledge.get_latest_progress(k.code) for k in kpis)
        if wanted in (PERCENT, COUNT) and answer.kind is AnswerKind.KPI_DETAIL and answer.signals:
            # "what percentage of countries have completed the switch to DTT", found in a
            # KPI's words: the KPI says what is measured, a value only once recorded
            return answer.parts.get("progress") is not None
        if wanted == KPI and (
            answer.kind in _KPI_KINDS
            or (answer.kind is AnswerKind.OVERVIEW and q.reading.has("kpi"))
        ):
            return True  # a KPI answer gives KPIs; any other must name one by its code
        searched = answer.kind in (AnswerKind.FACT, AnswerKind.FAQ)
        counted = read_counted(q.normalized) if searched else ()
        if (
            wanted == COUNT
            and searched
            and (_counts_the_whole_organisation(q, counted) or _HEADCOUNT.search(q.normalized))
            and not _states_the_whole_set(counted, self._answer_texts(q, answer))
        ):
            # "how many staff does ITU have": a fact counts some of them (the 65 staff of
            # the visioning exercise, the 35 countries that applied), never all — unless it
            # names them all by their number ("each of the six ITU regions")
            return False
        texts = self._answer_texts(q, answer)
        if wanted == ACTOR and answer.kind is AnswerKind.FACT:
            # who did it is said in the text of the question's language, if at all: a title
            # is a headline, its passive cut short ("14 selected for 2023", "DT Lab
            # launched"), but for a doer joined to the verb ("EC-funded"); the other
            # language's text is read with its own words for things (机构, the institutions
            # selected, is no doer of an English "who selected")
            # (the whole record is still read for who does it to whom: "BCG interviewed 44
            # stakeholders" answers no "who interviewed BCG")
            fact = answer.parts["fact"]
            title, text = (
                (fact.title_zh, fact.text_zh) if q.lang == "zh" else (fact.title_en, fact.text_en)
            )
            said = [text, *([title] if _DOER_JOINED.search(title) else [])]
            # (what it is done to may be named in the title only: "LearningLabs session on
            # ChatGPT … by Microsoft", whose text says "Microsoft delivered hands-on training")
            if not self._supplies(q, said, wanted, (), about=[title]):
                return False
        if (
            wanted == AMOUNT
            and searched
            and _YES_NO.search(q.normalized)
            and any(_PAYMENT.search(t) for t in texts)
        ):
            return True  # "BCG…有收费吗": yes or no, and the record says pro bono
        if wanted == COUNT and searched and not gives_new_count(q.text, texts):
            return False  # its only counts are those the question states itself
        return self._supplies(q, texts, wanted, counted)

    def _supplies(
        self,
        q: Question,
        texts: list[str],
        wanted: str | None,
        counted: tuple[str, ...],
        about: Sequence[str] = (),
    ) -> bool:
        """`is_supplied` of the texts, with the store's present year, synonyms and the action
        the question asks of."""
        return is_supplied(
            wanted,
            texts,
            present=self.present_year,
            counted=counted,
            synonyms=self._synonym_key,
            action=self._spelt(_read_action(q.normalized, wanted)),
            question=q.text,
            about=about,
        )

    def _spelt(self, word: str | None) -> str | None:
        """A Latin word the documents never write, as the indexed word it misspells ("who
        apoints the risk owners": appoint); else the word itself, also one of a synonym group
        ("assigns", read as designate, is no misspelt "design")."""
        if word is None or not word.isascii() or self.index.has_token(stem(word)):
            return word
        if any(word in group or stem(word) in group for group in self._synonym_key):
            return word
        found = self.index.correct_typo(stem(word))
        return word if found is None else found[0]

    def _holds_the_names(self, q: Question, answer: Answer) -> bool:
        """Whether a record found by search holds each name of two or more capitalised words
        the question uses by at least one of its words as written, when it holds others only
        loosely (its title, text, tags or FAQ question): "national" or 国家 alone is no word
        of "the United Nations"."""
        names = read_names(q.text)
        if not names:
            return True
        texts = self._answer_texts(q, answer)
        if answer.kind is AnswerKind.FACT:
            texts += list(answer.parts["fact"].tags)
        else:
            faq = answer.parts["faq"]
            texts += [faq.question_en, faq.question_zh]
        return not any(
            self.index.misses_name(to_query_terms(" ".join(name)).tokens, texts) for name in names
        )

    @staticmethod
    def _misses_a_region(q: Question, answer: Answer) -> bool:
        """Whether a question names an ITU region ("非洲区域网络演练", "the Americas office")
        that the fact found never names (the drill with Saudi Arabia is no African one)."""
        if answer.kind is not AnswerKind.FACT:
            return False
        return _fact_misses_a_region(q, answer.parts["fact"])

    @staticmethod
    def _said_texts(answer: Answer) -> list[str]:
        """The texts a record found by search says things in (its titles are headlines)."""
        if answer.kind is AnswerKind.FACT:
            return [answer.parts["fact"].text_en, answer.parts["fact"].text_zh]
        return [answer.parts["faq"].answer_en, answer.parts["faq"].answer_zh]

    def _answer_texts(self, q: Question, answer: Answer) -> list[str]:
        """What an answer says, as the texts of its records, to check what kind of answer
        they hold; a figure answer holds counts, an overview nothing in particular."""
        parts = answer.parts
        if answer.kind is AnswerKind.FACT:
            fact = parts["fact"]
            return [fact.title_en, fact.text_en, fact.title_zh, fact.text_zh, *fact.figures]
        if answer.kind is AnswerKind.FAQ:
            return [parts["faq"].answer_en, parts["faq"].answer_zh]
        if answer.kind is AnswerKind.KPI_DETAIL:
            progress = parts.get("progress")
            target = [] if progress is None or progress.target is None else [progress.target]
            return [parts["kpi"].text_en, parts["kpi"].text_zh, *(f"target {t}" for t in target)]
        if answer.kind is AnswerKind.RISK:
            return [
                "0",  # the answer counts the risks it lists
                *_MITIGATING,  # and says how each is mitigated
                # (and the period they are the main risks of, said over several or a rating;
                # not of another document named: "the main risks in the retreat report")
                *(
                    [parts["period"]]
                    if (len(parts["items"]) > 1 or parts.get("rated"))
                    and self._of_the_document_named(q, {i["risk"].doc for i in parts["items"]})
                    else []
                ),
                *(
                    text
                    for item in parts["items"]
                    for text in (
                        item["risk"].description_en,
                        item["risk"].description_zh,
                        *(m.text_en for m in item["mitigations"]),
                    )
                ),
            ]
        if answer.kind is AnswerKind.KPI_LIST:
            kpis = [k for group in parts["groups"] for k in group["kpis"]]
            return ["0", *(t for k in kpis for t in (k.text_en, k.text_zh))]
        if answer.kind in self._SHARE_KINDS or (
            answer.kind is AnswerKind.OVERVIEW and q.reading.has("budget", "share")
        ):
            return ["CHF 0", "0 %"]  # budgets are said with their shares
        if answer.kind in self._FIGURE_KINDS or (
            answer.kind is AnswerKind.OVERVIEW
            and q.reading.has("class_theme", "kpi", "outcome", "output")
        ):
            return ["0"]
        return []

    def _cannot_answer(self, q: Question, answer: Answer, wanted: str | None) -> Answer:
        """A decline that says what kind of answer is missing and what the store does hold
        about the subject; never a source line."""
        zh = q.lang == "zh"
        subject = ""
        holds: list[str] = []
        codes = [t.code for t in q.targets] or [
            item["subject"].code for item in answer.parts.get("items", []) if "subject" in item
        ]
        named = to_subject(self.knowledge, codes[0]) if codes else None
        if named is not None:
            subject = f"{named.label} – {named.name_zh if zh else named.name_en}"
            if named.kind == "theme":
                subject = f"{named.code} – {named.name_zh if zh else named.name_en}"
            themes = self.records.theme_codes(named.code)
            holds = ["budget"]
            if len(themes) > 1:
                holds.append("themes")
            if any(self.knowledge.kpis_by_theme.get(c) for c in themes):
                holds.append("kpis")
            if any(self.knowledge.outcomes.get(c) for c in themes):
                holds.append("outcomes")
            if any(self.knowledge.outputs.get(c) for c in themes):
                holds.append("outputs")
        terms = to_query_terms(q.normalized)
        hits = self.index.search(terms, limit=SUGGESTION_LIMIT + 3)
        if wanted == KPI:  # the KPIs nearest the question first
            hits = [*self.index.search(terms, kinds=("kpi",), limit=SUGGESTION_LIMIT), *hits]
        suggestions, records = self._suggestions(q.lang, hits)
        # The code of the subject named (a theme's priority): where a question for a person
        # goes (knowledge.editing.expert_questions.to_answer_scope); not rendered.
        subject_code = "" if named is None else named.parent_code or named.code
        if named is not None and named.kind in ("priority", "enabler"):
            subject_code = named.code
        parts: dict[str, Any] = {
            "wanted": wanted,
            "year": q.reading.year,
            "subject": subject,
            "holds": holds,
            "subject_code": subject_code,
        }
        return Answer(
            kind=AnswerKind.CANNOT_ANSWER,
            lang=q.lang,
            answered=False,
            confidence=CANNOT_ANSWER_CONFIDENCE,
            parts=parts,
            suggestions=suggestions[:SUGGESTION_LIMIT],
            suggestion_records=records[:SUGGESTION_LIMIT],
        )

    def _cannot_compute(self, q: Question, operation: str) -> Answer:
        """A computation the engine does not do: say so, and offer the figures it needs."""
        zh = q.lang == "zh"
        suggestions = [
            f"{t.code}的预算是多少？" if zh else f"What is the budget of {t.code}?"
            for t in q.targets
        ][:SUGGESTION_LIMIT]
        parts: dict[str, Any] = {"operation": operation}
        return Answer(
            kind=AnswerKind.CANNOT_COMPUTE,
            lang=q.lang,
            answered=False,
            confidence=NOTHING_FOUND,
            parts=parts,
            suggestions=suggestions,
        )

    # -- help and refusals --------------------------------------------------------------

    def _help(self, lang: str) -> Answer:
        parts: dict[str, Any] = {
            "priorities": list(self.knowledge.priorities.values()),
            "years": self.knowledge.years,
        }
        return Answer(
            kind=AnswerKind.HELP, lang=lang, answered=True, confidence=CERTAIN, parts=parts
        )

    def _unknown_numbers(self, q: Question) -> list[str]:
        """Numbered KPIs, outputs or outcomes ("KPI 4.7.3", "output 7.2") the store does not
        number that way: none of its codes or texts carries the number."""
        found: list[str] = []
        for match in _NUMBERED.finditer(q.normalized):
            number = match["number"]
            if number not in self._numbers:
                kind = "KPI" if match["kind"] == "kpi" else match["kind"]
                found.append(f"{kind} {number}" if kind.isascii() else f"{kind}{number}")
        return found

    def _unknown_code(self, lang: str, code: str) -> Answer:
        priorities = list(self.knowledge.priorities.values())
        parts: dict[str, Any] = {"code": code, "known": [p.label for p in priorities]}
        suggestions = [p.code for p in priorities][:SUGGESTION_LIMIT]
        return Answer(
            kind=AnswerKind.UNKNOWN_CODE,
            lang=lang,
            answered=False,
            confidence=NOTHING_FOUND,
            parts=parts,
            suggestions=suggestions,
        )


# A question that states this many items ("the four priorities") wants a record that gives
# that many.
STATED_LIST_MIN = 3

# "What is 5G?", "什么是人工智能", "WSIS论坛是什么": nothing asked but what a term is.
_WHAT_IS = re.compile(
    r"^(?:what(?: is| are|'s)|what's (?:is|are)) (?:the |an? )?(?!(?:two|three|four|five|six|\d)\b)"
    r"([a-z0-9][\w\-/ ]{1,40}?)\s*\??$"
    r"|^什么是([^，。？?的]{2,12})[?？]?$|^([^，。？?的]{2,12})是什么[?？]?$"
    # "how does blockchain work", "区块链技术的工作原理是什么": what a thing is, too
    r"|^how (?:does|do) (?:the |an? )?([a-z0-9][\w\-/ ]{1,40}?) work\s*\??$"
    r"|^([^，。？?的]{2,12})的?(?:工作)?原理是什么[?？]?$"
)
DEFINED_TERM_MAX_WORDS = 3
# A definition fact is about a term it names this early in its text.
DEFINED_OPENING = 80

# Kinds of answer whose check is strict enough to choose a record by: a record merely holding
# a number or a year near the words asked is no better a candidate than the best found.
_PREFER_SUPPLIED = frozenset({ACTOR, PERSON, DATE, COUNT, PLACE, DATE_OR_PLACE, AMOUNT})

# "What mottos did the retreat suggest for attracting funding": things asked for, the money
# only their topic.
_ASKS_FOR_THINGS = re.compile(
    r"^(?:what|which) (?!(?:is|are|was|were|does|do|did|will|would|can|could|has|have|had"
    r"|amount|sum|budget|funding|funds?|share|percentage|proportion|part|portion|cost|money"
    r"|figure|total)\b)[a-z\-]+s\b"
    # "哪几句箴言", "哪些建议", "什么口号": things named, not an amount ("吸引资金" is their topic)
    r"|哪几(?:句|条|个|项|种)(?!钱|预算|资金|经费)|哪些(?!钱|预算|资金|经费)[\u4e00-\u9fff]"
    # "吸引资金的箴言有哪些": the things named before it (not "资金有哪些")
    r"|[\u4e00-\u9fff)）a-z](?<!资金)(?<!预算)(?<!经费)(?<!钱)(?:有|是|包括)哪些\s*[?？]?\s*$"
    # "用什么箴言来吸引资金": a thing asked before the money it is about (not "为什么", nor
    # what money: "什么资金", "什么规模"; nor "预算用于什么产出", what the money is for)
    r"|(?<!为)什么(?!钱|预算|资金|经费|费用|金额|额度|数|比例|水平|规模|时候|样|意思)"
    r"[\u4e00-\u9fff][^？?，,。]*(?:资金|经费|预算|钱)"
)

# All the KPIs, as the whole a share is taken of: "what share of all KPIs", "占全部KPI".
_OF_ALL_KPIS = re.compile(
    r"\b(?:of|among) (?:all|the total|every)\b|\b(?:in all|in total|overall)\b"
    r"|全部|所有|总数|总共|一共"
)

# A currency named: "how many CHF", "多少瑞郎".
_CURRENCY = re.compile(r"\b(?:chf|francs?|eur|euros?|usd|dollars?)\b|瑞郎|法郎|欧元|美元")

# A line's budget asked theme by theme: "split between its themes", "by theme", "各主题".
_BY_THEME = re.compile(
    r"\b(?:split|divided|broken down|breakdown|allocated|distributed|shared)\b[^?]{0,30}"
    r"\bthemes?\b|\bby theme\b|(?:\b(?:its|their|each|every|the) |'s )(?:two |three )?themes'?\b"
    r"|\b(?:each|every|all) themes?\b"
    # "the P1 themes", "P1 theme budgets", "the themes under P3"
    r"|\b[pe][1-7] themes?\b|\bthemes?\b[^?]{0,20}\b(?:of|in|under|within|for) [pe][1-7]\b"
    r"|各(?:个)?主题|每个主题|(?:两|三)个主题|主题之间|按主题"
    # "P1的主题预算", "P1下面的主题", "P1有哪些主题，预算各多少"
    r"|\b[pe][1-7](?:的|下面的?|底下的?|下的|之下的?|里面?的?|有哪些)?主题|主题[^?？]{0,8}各"
)
# Whether something is paid for: what a yes-or-no question about a fee is answered by.
_PAYMENT = re.compile(
    r"\bpro bono\b|\bfree of charge\b|\b(?:fees?|charged?|paid|unpaid)\b"
    r"|无偿|免费|收费|付费|有偿|無償|免費|收費",
    re.IGNORECASE,
)
# A question asked for yes or no.
_YES_NO = re.compile(
    r"^(?:are|is|was|were|do|does|did|has|have|had|will|can|could|should)\b|吗[?？]?$|是否"
)

# Words that qualify an amount without naming whose it is: "the total budget available",
# "总共有多少资金可用", "the approved envelope".
# What the plan's total is: the funds for operational activities and external services.
_TOTAL_DESCRIBED = re.compile(
    r"\boperational activities and external services\b|运作活动和外部服务|业务活动和外部服务"
)
_TOTAL_DESCRIPTION_TOKENS = frozenset(
    to_query_terms("operational activities and external services 运作活动和外部服务").tokens
)
_AMOUNT_QUALIFIERS = frozenset(
    {
        "available",
        "approved",
        "planned",
        "foreseen",
        "grand",
        "overall",
        "entire",
        "可用",
        "可供",
        "批准",
        "已批",
    }
)

# The organisation whose documents these are: a question that names only it ("how many KPIs
# does BDT have", "电信发展局一共有多少个KPI") asks about the whole store.
_ORGANISATION = ("bdt", "itu-d", "itud", "电信发展局", "电信发展部门")
_ORGANISATION_TOKENS = frozenset(to_query_terms(" ".join(_ORGANISATION)).tokens)
# The Bureau itself, named: whose plan the documents' budget is.
_BDT_NAMED = re.compile(r"\bbdt\b|电信发展局")
_BDT_TOKENS = frozenset(to_query_terms("bdt 电信发展局").tokens)
# What an organisation does with all of them: "how many countries does BDT work with".
_SERVING_TOKENS = frozenset(
    to_query_terms("work works serve serves cover covers support supports employ employs").tokens
)
# The organisation and the Union it belongs to: what a count of "all of them" is of.
_BODIES_TOKENS = _ORGANISATION_TOKENS | frozenset(to_query_terms("itu 国际电联").tokens)
# Verbs of holding that name nothing: "how many KPIs does the framework contain".
_HOLDING_TOKENS = frozenset(
    to_query_terms(
        "contain contains include includes comprise comprises exist exists hold holds "
        "listed defined set tracked propose proposes proposed across included including counted "
        "counting doc docs "
        "包含 包括 设有 设定 提出"
    ).tokens
)
# The characters of those words in Chinese, of a document's own words (文件, 规划) and of glue
# (里, 中, 面 of 里面): a character pair made of them only says where the things counted are.
_HOLDING_CHARS = LONE_GLUE | frozenset("包含括设定提出列文件规划面")
# "what KPIs are there", "BDT有哪些KPI": the kinds asked of every record of a class.
_EVERY = re.compile(
    r"^(?:what|which) (?:kpi|indicator|key performance indicator)s (?:are there|do|does|has|have)\b"
    r"|^(?:what|which) are (?:the |all )?(?:(?:bdt|itu-d)'?s? )?(?:kpi|indicator)s\b"
    r"|^(?:list|show|give)(?: me)? (?:all |every )?(?:the )?(?:kpi|indicator)s\b"
    r"|有哪些(?:kpi|指标|关键绩效指标)"
)


def _bare_content(q: Question) -> list[str]:
    """The question's words left to name records, less a number it states of the items and
    the organisation's name ("what are the five ITU-D priorities": none)."""
    stated = set(list_stated_numbers(q.normalized))
    return [
        t
        for t in q.content
        if t not in stated
        and t not in _ORGANISATION_TOKENS
        # "五个推动因素": the number and its measure word
        and not (len(t) == 2 and t[0] in stated and t[1] in _MEASURE_WORDS)
    ]


# Chinese measure words a stated number of items takes ("五个", "四项", "三大").
_MEASURE_WORDS = frozenset("个项条大类")


# "How many employees does Microsoft have", "微软有多少员工": the whole of a body's staff,
# which no record that counts some of them (a session's attendance) gives.
_HEADCOUNT = re.compile(
    r"^how many (?:staff|employees|people|personnel|workers)(?: members)? (?:does|do|did)"
    r" [^?]{1,40}? (?:have|employ)\??$"
    r"|^how many (?:staff|employees|people|personnel|workers)(?: members)? (?:work|are employed)"
    r" (?:at|for|in|by) [^?]{1,40}?\??$"
    r"|^[^，,。？?]{1,12}?(?:一共|总共|共)?有多少(?:名|位|个)?(?:员工|职员|工作人员|雇员)[?？]?$"
    # "国际电联的员工有多少人" (not "参与愿景工作的员工有多少人": some of them)
    r"|^(?:国际电联|国际电信联盟|电信发展局|itu-d|itu|bdt)(?:总部)?的?(?:员工|职员|工作人员|雇员)"
    r"(?:一共|总共|共)?有多少(?:人|名|位)?[?？]?$"
)


_GROWN_TO = re.compile(
    r"\b(?:grew|grown|rose|increased|expanded|went up) to (?:how many|what)\b"
    r"|(?:扩大|增加|增长|扩充|增至|涨)到?(?:了)?(?:多少|几)"
)


def _grows_past_nothing(q: Question, answer: Answer) -> bool:
    """Whether a question states a count and asks what it grew to, and the fact found states
    no count above it."""
    if not _GROWN_TO.search(q.normalized):
        return False
    stated = [int(n) for n in _COUNT_STATED.findall(q.normalized)]  # ("35 000" joined)
    if not stated:
        return False
    fact = answer.parts["fact"]
    counts = [c.value for text in (fact.text_en, fact.text_zh) for c in read_counts(text)]
    return not any(c > max(stated) for c in counts)


def _states_the_whole_set(counted: tuple[str, ...], texts: Sequence[str]) -> bool:
    """Whether a text names every one of what is counted by their number, as a set: "each of
    the six ITU regions", "all 193 Member States" (not "65 staff", some of them)."""
    if not counted:
        return False
    head = re.escape(counted[-1])
    whole = re.compile(
        rf"\b(?:all|all the|each of the|all of the|itu's) (?:\d+|{'|'.join(_NUMBER_WORDS)}) "
        rf"(?:itu )?{head}\b"
        # "国际电联六个区域", "所有六个区域"
        rf"|(?:国际电联|國際電聯|所有|全部)的?(?:\d+|[两二三四五六七八九十])个{head}",
        re.IGNORECASE,
    )
    return any(whole.search(t) for t in texts)


# Numbers written as words, as the records write small counts.
_NUMBER_WORDS = ("two", "three", "four", "five", "six", "seven", "eight", "nine", "ten")


def _year_beside(held: set[int], other: set[int]) -> set[int]:
    """The years a record holds, less the other side's where it holds more than one."""
    return held - other if len(held) > 1 else held


def _years_named(text: str) -> set[int]:
    """The years a text names: written out (1984) or carried by a meeting's name (PP-22)."""
    # (not a decade: "the 1980s")
    years = {int(y) for y in _YEAR_NOT_DECADE.findall(text)}
    return years | {2000 + int(m[1]) for m in _EVENT_YEAR_NAMED.finditer(text.lower())}


_YEAR_NOT_DECADE = re.compile(r"(?<!\d)((?:19|20)\d\d)(?!\d|s\b|年代)")
_EVENT_YEAR_NAMED = re.compile(
    r"(?<![a-z])(?:tdag|wtdc|wtsa|wrc|rag|gsr|pp|wsis|cwg|tsag|ldc)-?(\d\d)(?!\d)"
)


def _counts_the_whole_organisation(q: Question, counted: tuple[str, ...]) -> bool:
    """Whether a "how many" question counts the organisation's own, with nothing to narrow
    it: "how many staff does ITU have", "how many countries are in ITU", "BDT有多少员工"."""
    if not counted or counted in (PEOPLE, POPULATION):
        return False
    words = set(to_query_terms(" ".join(counted)).tokens)
    content = set(q.content)
    allowed = words | _BODIES_TOKENS | _HOLDING_TOKENS | _SERVING_TOKENS
    return bool(content & _BODIES_TOKENS) and content <= allowed


def _names_a_line(q: Question) -> bool:
    """Whether a question names a budget line, theme or KPI, by name or by code."""
    reading = q.reading
    return bool(q.targets or reading.codes or reading.theme_codes or reading.kpi_codes)


def _spelt_as(token: str, index: SearchIndex | None) -> str | None:
    """The indexed word a token the documents never write misspells ("framwork"), if any."""
    if index is None or index.has_token(token):
        return None
    found = index.correct_typo(token)
    return None if found is None else found[0]


def _asks_of_the_whole(
    q: Question, holder: frozenset[str] = frozenset(), index: SearchIndex | None = None
) -> bool:
    """Whether a KPI question asks about every KPI: no subject named but the organisation or
    the document that holds them (`holder`: the words of its names, "the Kigali Action Plan
    impact framework in the OP-23 document"), and a count, a total or every one asked for."""
    if q.reading.has("class_theme") or (
        q.reading.has("class_priority") != q.reading.has("class_enabler")
    ):
        return False  # ("推动因素里有多少个KPI", "the enablers' KPIs": of a class of lines only)
    allowed = _ORGANISATION_TOKENS | _HOLDING_TOKENS | holder
    # (Chinese pairs of glue and of words that say the document holds them are no subject:
    # "影响框架里有多少个KPI", "文件里面提到了", "规划文件中设了")
    content = [t for t in q.content if not all(c in _HOLDING_CHARS for c in t)]
    if q.targets or any(t not in allowed and _spelt_as(t, index) not in allowed for t in content):
        return False
    return (
        q.reading.has("whole", "count", "sum")
        or bool(_EVERY.search(q.normalized))
        or _names_only_a_class(q)
    )


# A name written after "of", "in", "for" in an English question: "the budget of Kenya".
_OWNER_NAMED = re.compile(
    r"\b(?:of|in|for|from|at)\s+(?:the\s+)?([A-Z][a-z]{2,}(?:\s+[A-Z][a-z]+)*)"
)
# Another sector of the Union or its bureau, whose money the ITU-D plan does not give.
# (as the one whose money it is: not "ITU-D's, not ITU-T's", "通过无线电通信部门的参与")
_ANOTHER_SECTOR = re.compile(
    r"(?<!not )(?<!with )(?<!不是)(?<!通过)(?<!经由)(?<!部门和)(?<!部门与)"
    r"(?:\bitu-[tr]\b|\btsb\b|\b(?:radiocommunication|standardi[sz]ation) (?:bureau|sector)\b"
    r"|电信标准化局|无线电通信局|电信标准化部门|无线电通信部门)"
)
# The two things the question before named, pointed back to: "两者加起来占多少", "both of
# them together", "the two combined".
_BOTH = re.compile(
    r"两者|二者|兩者|这两项|這兩項|这两条线|這兩條線"
    r"|\b(?:both of them|the two of them|the two lines|both lines|of both|of the two)\b"
    # (not "both internal and external", "the two cyclones": their own nouns)
    r"|\b(?:both|the two)\b(?= (?:together|combined|added|put together|make up|account|get"
    r"|receive|represent|come to|add up)\b)",
    re.IGNORECASE,
)


def _with_both_named(part: str, first: str) -> str:
    """A later question that points back to the two lines the first named, with them named
    ("另外，两者加起来占总预算的百分之几" after "E3和E5的预算相差多少")."""
    codes = list(dict.fromkeys(c.upper() for c in _LINE_CODE.findall(first)))
    if len(codes) != 2 or _LINE_CODE.search(part) or not _BOTH.search(part):
        return part
    if not _OF_LINES.search(normalize(part)):
        return part  # ("这两个热带气旋", "what share uses both"): not of the lines' money or KPIs
    joined = "和".join(codes) if is_chinese(part) else " and ".join(codes)
    return _BOTH.sub(joined, part, count=1)


# "European" that names no ITU region.
_NOT_A_REGION = re.compile(
    r"\beuropean (?:commission|union|parliament|council)\b|欧盟|欧洲联盟|欧洲委员会"
)
# A numbered part of a document or body a title names: a study group, an annex, an objective,
# a resolution, a pillar.
_NUMBERED_PART = re.compile(
    r"\b(?:study group|sg)\s*(?P<sg>\d+)\b|\bannex\s*(?P<annex>\d+)\b"
    r"|\bobjective\s*(?P<objective>\d+)\b|\bresolution\s*(?P<resolution>\d+)\b"
    r"|\bpillar\s*(?P<pillar>\d+)\b"
    r"|第\s*(?P<sg_z>\d+)\s*研究组|附件\s*(?P<annex_z>\d+)|目标\s*(?P<objective_z>\d+)"
    r"|第\s*(?P<resolution_z>\d+)\s*号决议|支柱\s*(?P<pillar_z>\d+)"
)
_DEPUTY = re.compile(r"\bdeputy\b|副秘书长|副主任|副局长")
# What is asked of lines: their money, shares, KPIs or themes.
_OF_LINES = re.compile(
    r"\b(?:budgets?|share|percent|percentage|%|total|sum|chf|money|funds?|allocation|kpis?"
    r"|themes?|together|combined)\b|预算|占|百分|比例|合计|加起来|一共|总共|瑞郎|kpi|指标|主题",
    re.IGNORECASE,
)
# A KPI or line pointed back to by a demonstrative ("that KPI", "这个指标"): something told
# before the question.
_THAT_ONE_TOLD = re.compile(
    r"\b(?:that|this|these|those) (?:kpi|indicator|metric|priority|enabler|theme|line)s?\b"
    r"|(?:这|那|這|嗰|呢)(?:个|個|项|項|条|條)?(?:kpi|指标|指標|重点工作|重點工作|推动因素|推動因素"
    r"|主题|主題)",
    re.IGNORECASE,
)
# A line described by what belongs to it: "the budget of the theme it belongs to", "… the
# theme IPv6 falls under", "它所属主题的预算".
_LINE_SOMETHING_BELONGS_TO = re.compile(
    r"\b(?:theme|priority|line|enabler|area)s? (?:that |which )?[\w\- ]{1,30}? (?:belongs?|falls?"
    r"|sits?|comes?) (?:to|under|in|within)\b|所属(?:的)?(?:主题|重点工作|推动因素)"
)
# Another ITU sector named, and where a record names it (its conferences too: a WRC is the
# radiocommunication sector's).
_SECTOR_NAMED = re.compile(
    r"\bitu-[tr]\b|\btsb\b|\b(?:radiocommunication|standardi[sz]ation) (?:bureau|sector)\b"
    r"|电信标准化局|无线电通信局|电信标准化部门|无线电通信部门"
)
_SECTOR_HELD = re.compile(
    r"\bitu-[tr]\b|\btsb\b|\bbr\b|\bradiocommunication\b|\bstandardi[sz]ation\b|\bwrc\b"
    r"|\bwtsa\b|电信标准化|无线电通信"
)
_SECTOR_KEY = {
    **dict.fromkeys(["itu-t", "tsb", "wtsa", "standardization", "standardisation"], "t"),
    **dict.fromkeys(["standardization bureau", "standardisation bureau"], "t"),
    **dict.fromkeys(["standardization sector", "standardisation sector"], "t"),
    **dict.fromkeys(["电信标准化", "电信标准化局", "电信标准化部门"], "t"),
    **dict.fromkeys(["itu-r", "br", "wrc", "radiocommunication"], "r"),
    **dict.fromkeys(["radiocommunication bureau", "radiocommunication sector"], "r"),
    **dict.fromkeys(["无线电通信", "无线电通信局", "无线电通信部门"], "r"),
}
# An owner named with a possessive: "UNDP's", "the EU's", "Kenya's" (not "P2's", "OP-23's").
_OWNER_POSSESSIVE = re.compile(
    r"\b(?!(?:What|Who|Where|When|How|That|This|There|Here|It|Let|Today|Year)['’])"
    r"([A-Z][A-Za-z]*[A-Z]|[A-Z][a-z]{2,})['’]s\b"
)
# ... or as the one who spends it: "What does UNDP spend each year on …"
_OWNER_SPENDING = re.compile(
    r"\b(?:does|do|did|will|would)\s+(?:the\s+)?([A-Z][A-Za-z]*[A-Z])\s+"
    r"(?:spend|allocate|invest|budget|put|set aside|earmark|give|devote|pay|contribute)\b"
    # "How much is UNDP spending on …", "how much has the EU invested"
    r"|\b(?:is|are|was|were|has|have|had)\s+(?:the\s+)?([A-Z][A-Za-z]*[A-Z])\s+"
    r"(?:spending|spent|allocating|allocated|investing|invested|putting|devoting|devoted)\b"
)
_UNION_TOKENS = frozenset({"itu", "union"})
# An acronym as a question writes it: "BCG帮国际电联…" (three capitals or more).
_ACRONYM_WRITTEN = re.compile(
    r"(?<![A-Za-z])[A-Z]{3,}(?=\s*(?:(?:帮|幫|为|為|给|給|替)[^，。？?]{0,6}?(?:做|提供|制定)"
    # ("BCG建议的资源筹措杠杆里，哪一个带来最多资金": BCG's levers, not P5's budget)
    r"|建议|建議|提出|推荐|推薦|估计|估計))"
)
# "What is an ATC …", "what does NETP stand for", "什么是…": what a term is, asked.
_WHAT_A_TERM_IS = re.compile(
    r"^(?:what(?:'s| is| are| does| do)\b|define\b|meaning of\b)"
    r"|什么是|什麼是|是什么意思|是什麼意思"
)
# Search scores this close are a tie to break by what the records hold.
EXACT_TIE = 0.0005

# A question that asks why, what for or to what benefit (normalised: 點解 reads 为什么).
_REASON_ASKED = re.compile(
    r"\bwhy\b|\bwhat (?:is|was|are|were) (?:the )?(?:purpose|point|rationale|benefits?|reasons?)"
    r"|\bwhat for\b|\bfor what purpose\b|\breasons? (?:for|behind)\b"
    r"|为什么|为何|何以|(?<!项)目的(?:是|为)|有(?:什么|何|哪些)(?:好处|益处)|(?:好处|益处|原因|理由)是"
)
# A record's title that names the reason, purpose or benefit of something ("Purpose of …",
# "Benefits of …", "Why …", "为何…", "…的益处"); not 项目的, a project's.
_REASON_TITLE_EN = re.compile(
    r"^(?:purpose|benefits?|why|importance|rationale|reasons?)\b|\b(?:why|reasons?) (?:and|for)\b",
    re.IGNORECASE,
)
_REASON_TITLE_ZH = re.compile(r"(?<!项)目的|益处|好处|原因|为何|为什么|重要性")
# Facts tied with the first are put first when their Chinese title shares a run of the
# question at least this long, and longer than the first's ("這份報告有甚麼財務影響": the
# report's "财务影响" section). (Facts 0.05 behind as well: as many right answers lost as won.)
TITLE_RUN_MIN = 3
# Who spends, in Chinese: "欧盟在数字化转型上花多少钱", "开发署为网络安全投入了多少".
_ZH_SPENDER = re.compile(
    r"^(?:请问|請問)?(?P<who>[\u4e00-\u9fffa-z]{2,8}?)(?:在|为|為|对|對)[^，。？?]{1,20}?"
    r"(?:花|投入|拨|撥|支出|出资|出資)"
)
_ZH_OWN_SPENDERS = frozenset(
    "电信发展局 電信發展局 国际电联 國際電聯 我们 我們 bdt itu 电发局 op-23 今年 2023年 "
    "2023 预算 預算".split()
)
# A piece of work described as under a line: "the … work that sits under the … priority".
_PART_UNDER = re.compile(
    r"\b(?:work|activities|activity|projects?|programmes?|programs?|bit|side|part|stuff"
    r"|efforts?|initiatives?)\s+(?:that\s+|which\s+)?(?:sits?|falls?|is|are|comes?|lives?)"
    r"\s+(?:under|within|in)\b"
)
_CALENDAR_TOKENS = frozenset(
    "january february march april may june july august september october november december"
    " monday tuesday wednesday thursday friday saturday sunday".split()
)
# A message of at most this many words that names a class and nothing else ("risks", "KPIs",
# "themes", "风险") asks for the whole class.
BARE_CLASS_MAX_WORDS = 2
BARE_CLASS_MAX_CHARACTERS = 6  # "关键绩效指标"


def _names_only_a_class(q: Question) -> bool:
    words = re.findall(r"[a-z]+", q.normalized)
    han = len(re.findall(r"[\u4e00-\u9fff]", q.normalized))
    short = (len(words) <= BARE_CLASS_MAX_WORDS and not han) or (
        not words and 0 < han <= BARE_CLASS_MAX_CHARACTERS
    )
    return (
        short
        and not q.content
        and not q.targets
        and q.reading.has("risk", "kpi", "class_theme", "class_priority", "class_enabler")
    )


def _read_action(normalized: str, wanted: str | None) -> str | None:
    """The action a record must speak of: the one asked how to do, or who does."""
    if wanted == PROCEDURE:
        return read_action(normalized)
    if wanted == ACTOR:
        return read_actor_verb(normalized)
    if wanted == DATE:
        return read_event_verb(normalized)
    return None


def _fits_month(fact: Any, normalized: str, strict: bool = False) -> bool:
    """Whether a fact can answer for the day or month a question names in the clause that
    asks (not one that tells of something else: "since LearningLabs launched in April 2023,
    how many attended the ChatGPT session"): any fact when it names none; else a fact that
    speaks of that day or month, or (unless `strict`) of none."""
    normalized = _ASKING_CLAUSE.split(normalized.strip())[-1]
    texts = (fact.text_en, fact.text_zh, fact.title_en, fact.title_zh)
    days = read_days(normalized)
    if days:
        # "5月4日的讲座": a record of other days is of another event
        held = {day for text in texts for day in read_days(text)}
        if (held or strict) and not days & held:
            return False
        if held:
            return True
    asked = read_asked_months(normalized)
    if not asked:
        return True
    spoken: set[int] = set()
    for text in texts:
        spoken |= list_text_months(text) or set()
    return bool(asked & spoken) if (spoken or strict) else True


def _longest_common_run(a: Sequence[str], b: Sequence[str]) -> int:
    """The length of the longest run of items (characters, words) two sequences share."""
    return SequenceMatcher(None, a, b, autojunk=False).find_longest_match().size


def _present_year(knowledge: Knowledge) -> int | None:
    """The year the store's documents speak from: the latest year that a fair share of its
    dated facts belong to (a few facts look ahead to a planned event)."""
    years = Counter(f.year for f in knowledge.facts if f.year is not None)
    dated = sum(years.values())
    common = [y for y, n in years.items() if n >= PRESENT_YEAR_MIN_SHARE * dated]
    return max(common) if common else None


# What a name of something with a budget of its own ends with.
_THING = (
    r"(?:programmes?|programs?|projects?|initiatives?|centres?|centers?|offices?|funds?|labs?"
    r"|networks?|platforms?|campaigns?|schemes?|alliances?|academy|facility|hub|项目|计划|中心)"
)
# Where a message asking several questions is cut: after a question mark with more to come,
# or before ", and when / how many …" that starts a question of its own.
_QUESTION_END = re.compile(r"(?<=[?？])\s*(?=\S)")
_AND_ASKS = re.compile(
    r",?\s+and\s+(?:(?:if so|also|then|roughly|approximately|about|around),?\s+)?"
    # (a place asked with its preposition: ", and in which countries were …"; not "and for
    # how long", "and by what percentage", which ask more of the same)
    # (and a time asked with its preposition: ", and from when do they plan to train")
    r"(?=(?:(?:in|on|at|under) (?=which\b)|(?:from|since|until|till) (?=when\b))?"
    r"(?:when|where|who(?:'s|s)?|how (?:many|much|far|long|often|big|large|high|low)"
    r"|what|which)\b"
    r"(?!\s+(?:is|are)\s+(?:the\s+)?(?:bigger|larger|smaller|higher|lower|more|less)\b))",
    re.IGNORECASE,
)
# A yes-or-no question of its own after a comma: ", and did ITU have to pay for it?" (cut
# only where the message as a whole finds no answer: "What is E3's budget, and does it
# include digital inclusion?" is answered by the line whose name says so).
_AND_ASKS_YES_NO = re.compile(
    r",\s+and\s+(?=(?:did|does|do|is|are|was|were|has|have|had|can|could|will|would)\s)",
    re.IGNORECASE,
)

# A year, among the numbers a record states.
_A_YEAR = re.compile(r"(?:19|20)\d\d")
# A number a record states ("44", "1,000", "3 600").
_NUMBER_SAID = re.compile(r"\d+(?:[, ]\d{3})*(?:\.\d+)?")

# The lexicon's Chinese phrases, for telling a misspelt one.
_LEXICON_PHRASES_ZH = frozenset(
    p for concept in LEXICON.values() for p in concept[2] if len(p) >= 2
)


def _misspells_a_lexicon_phrase(attribute: str, index: SearchIndex) -> bool:
    """Whether a Chinese attribute holds one of the lexicon's phrases that the documents use
    with one character wrong, a character they never use ("预箅", "顶算" for 预算): a word of
    everyday characters is a word of its own (资产 is no misspelt 资金, 股价 no 造价, which
    the documents never say). ("预苏", "经废", misspelt with characters the documents use, are
    declined: let through, "P4的经废" was searched as written and found the P4 staff grade.)"""
    for phrase in _LEXICON_PHRASES_ZH:
        if not index.has_token(phrase):
            continue
        n = len(phrase)
        for start in range(len(attribute) - n + 1):
            window = attribute[start : start + n]
            wrong = [a for a, b in zip(window, phrase, strict=True) if a != b]
            if len(wrong) == 1 and not index.has_character(wrong[0]):
                return True
    return False


# A question asking for a span of time, and a text that gives one: two dates joined ("from
# September 2021 to January 2022", "2021年9月至2022年1月", "2024–2027") or a length ("for
# three and a half years", "为期五天").
# Answers given as budget figures: a kind of cost asked of them is not in the documents.
_FIGURE_KINDS = frozenset(
    {AnswerKind.BUDGET, AnswerKind.OVERVIEW, AnswerKind.COMPUTE, AnswerKind.EXTREME}
)
_PERIOD_ASKED = re.compile(
    r"\b(?:what|which|over what|during what) (?:time )?(?:period|timeframe|time frame|time span"
    r"|span)\b|(?:哪个|哪一个|什么)(?:时期|期间|时间段|时段)"
)
_PERIOD_GIVEN = re.compile(
    r"(?:19|20)\d\d\s*(?:[-–—/]|to|until|till|through)\s*(?:[a-z]+\s+)?(?:19|20)?\d\d"
    r"|\b(?:from|between)\b[^.;]{0,30}?\b(?:to|and|until)\b[^.;]{0,20}?(?:19|20)\d\d"
    r"|\b(?:for|over)\s+(?:\w+\s+){0,4}(?:years?|months?|weeks?|days?)\b"
    r"|\d{4}年(?:\d{1,2}月)?(?:\d{1,2}日)?\s*(?:至|到|—|–|-)\s*(?:\d{4}年)?\d{1,2}"
    r"|为期|期间"
)


# A name with a year in a document's symbol or title: "council 2023", "理事会2023年", "tdag-23".
_NAMED_WITH_A_YEAR = re.compile(r"[a-z][a-z\-]+ (?:19|20)\d\d\b|[\u4e00-\u9fff]{2,}(?:19|20)\d\d年")


# A question's words that only place the record it asks about ("that came out of the
# Secretary-General's visioning exercise"): at most this many, each held by another record of
# the record's document beside a word the question and the record share, of at least this
# weight (a share of the highest idf: no word nearly every record holds).
# Nouns that only say a named thing is an activity ("the visioning process", "the review
# exercise"): the record that names the thing need not say them too.
_ACTIVITY_NOUNS = frozenset("process exercise effort initiative activity work".split())
CONTEXT_MAX_WORDS = 4
_CONTEXT_CLAUSE = re.compile(
    r"(?P<marker>\b(?:that|which|who) (?:came|come|emerged?|emerging|resulted|arose|grew)"
    r" (?:out of|from)\b|\b(?:coming|came) out of\b"
    r"|\b(?:presented|mentioned|described|discussed|listed|outlined|proposed|set out|laid out"
    r"|reported|agreed|adopted|put forward|submitted|launched|identified) (?:to|in|at|by|during"
    r"|under|for)\b)(?P<clause>[^,;:?!.]*)"
)
# A time placed after an event named with its year or number: "after PP-22", "post-PP-22",
# "following WTDC-22", "since Council 2023" (not "before PP-22": what the records of such an
# event tell came after it).
_TIME_CONTEXT = re.compile(
    r"(?P<marker>\b(?:after|following|since|post)[\s-]+)"
    r"(?P<clause>(?:the\s+)?[a-z]+(?:-|\s)?\d{2,4})\b"
)
CONTEXT_SHARED_MIN_WEIGHT = 0.5
# A question asking for several things lists, beside the record found, up to this many of
# the next ones found nearly as well (by these margins of score and coverage).
ALIKE_CANDIDATES = 2
# A record of the region a question names is preferred to one found up to this much better.
REGION_MARGIN = 0.2
ALIKE_MARGIN = 0.15
ALIKE_COVERAGE_MARGIN = 0.25
# ... that lacks, of the question's words of weight the record found holds, no more than
# this weight (two characters' pairs of a Chinese question may be all it lacks)
ALIKE_MAX_EXTRA_MISSING = 1.6
ALIKE_SAID_CHARS = 40
# The facts tied with the best that a computation is tried in.
TIE_CANDIDATES = 3
# What two terms are, asked together: "what are ISCG and ISC-TF?", "ISCG和ISC-TF分别是什么".
_TWO_TERMS = re.compile(
    r"^(?:what (?:are|is|do)) (?:the )?(?P<a>[a-z][a-z0-9\-]{1,12}) and (?:the )?"
    r"(?P<b>[a-z][a-z0-9\-]{1,12})(?: (?:stand for|mean))?\s*\??$"
    r"|^(?P<za>[a-z][a-z0-9\-]{1,12})\s*(?:和|与|跟|及|、)\s*(?P<zb>[a-z][a-z0-9\-]{1,12})\s*"
    r"(?:分别|各自)?(?:是什么|指什么|是什么意思|代表什么)\s*[?？]?$"
)
# ... after what only places them: "In the E4 section of OP-23, what do WEEE and EPR stand
# for?", "IDI方法磋商中提到的EGTI和EGH分別是什麼？" (two names written as acronyms)
_TWO_ACRONYMS_ASKED = re.compile(
    r"(?:^|[,，:：;；.。]\s*|的)(?:so |and )?(?:what (?:are|is|do|does)) (?:the )?"
    r"(?P<a>[a-z][a-z0-9\-]{1,12}) and (?:the )?(?P<b>[a-z][a-z0-9\-]{1,12})"
    r"(?:(?: (?:actually|exactly|really|each|both|respectively))? (?:stand for|mean|refer to))?"
    r"\s*\??$"
    r"|(?:^|[,，:：;；.。]\s*|的)(?P<za>[a-z][a-z0-9\-]{1,12})\s*(?:和|与|跟|及|、)\s*"
    r"(?P<zb>[a-z][a-z0-9\-]{1,12})\s*(?:分别|各自)?"
    r"(?:是什么|指什么|是什么意思|代表什么|是啥|的全称是什么|的全称)\s*[?？]?$"
)
_CAPITALS = re.compile(r"[A-Z]")


def _as_written(term: str, question: str) -> str:
    """A term read in lower case, as the question writes it ("cirt" as CIRT)."""
    found = re.search(rf"(?<![A-Za-z0-9]){re.escape(term)}(?![A-Za-z0-9])", question, re.I)
    return found[0] if found else term


def _two_acronyms_asked(question: str) -> re.Match[str] | None:
    """Two names written as acronyms, each asked what it is, after words that place them."""
    found = _TWO_ACRONYMS_ASKED.search(normalize(question))
    if found is None:
        return None
    names = [found["a"] or found["za"], found["b"] or found["zb"]]
    if all(len(_CAPITALS.findall(_as_written(n, question))) >= 2 for n in names):
        return found
    return None


# Two terms compared, asked as what each one is ("what's the difference between the ISC-TF
# and the ISCG?", "ISC-TF和ISCG有什么区别"; not two lines, whose budgets differ by an amount).
_TERMS_COMPARED = re.compile(
    r"^(?:(?:so |and )?what(?:'s| is) )?(?:the )?difference between (?:the )?"
    r"(?P<a>(?![pe][1-7]\b)[a-z][a-z0-9\-]{1,12}) and (?:the )?"
    r"(?P<b>(?![pe][1-7]\b)[a-z][a-z0-9\-]{1,12})\s*\??$"
    r"|^(?P<za>(?![pe][1-7]\b)[a-z][a-z0-9\-]{1,12})\s*(?:和|与|跟)\s*"
    r"(?P<zb>(?![pe][1-7]\b)[a-z][a-z0-9\-]{1,12})\s*(?:之间)?(?:有)?(?:什么|啥|哪些)(?:区别|不同|差别)"
    r"\s*[?？]?$"
)
# Where a clause that tells something ends before the one that asks ("The IDI review started
# in February — what's the threshold?", "In May 2023, how many …").
_ASKING_CLAUSE = re.compile(
    r"[,，;；:：](?=[^,，;；:：]*$)|\s[—–-]\s|[。？！](?=\S)|[.!?]\s+(?=\S)"
)
# A question asked yes or no: "was GSR-23 held in May?", "GSR-23是5月举行的吗？".
_YES_NO_ASKED = re.compile(
    r"^(?:is|are|was|were|did|does|do|has|have|had|will|can)\b|吗\s*[?？]?\s*$|是不是|有没有"
)
# Lines taken together as the part asked ("how much of the total goes to the enablers",
# "both its themes"): a sum, not a part the documents do not give.
_LINE_GROUP = re.compile(
    r"\b(?:enablers|priorities|themes|lines|both)\b|推动因素|重点工作|主题|各项|两个|两项"
)
# What a part of a line is asked by, beyond the line's own name: a region or an activity.
_PART_QUALIFIER = re.compile(
    r"\b(?:africa|americas?|asia|pacific|europe|arab|cis|region|regional office|activities"
    r"|events?|projects?|campaigns?)\b|非洲|美洲|亚太|亚洲|欧洲|阿拉伯|独联体|活动|项目|会议"
)
# A choice asked between things: "which is bigger, …", "哪个多".
_WHICH_OF = re.compile(r"\bwhich\b|哪个|哪一|哪项|边个|哪些")
# One line less another, asked in that order: "P1 minus P2", "P1减去P2".
_MINUS = re.compile(r"\bminus\b|减去|減去")
# Words for a line of the budget table, of whatever class.
_ROW_WORDS = frozenset({"line", "lines", "row", "rows"})
# A list asked of a noun ("建议的箴言有哪些", "which mottos did … propose"), and the items a
# record quotes after that noun within this many characters.
_LISTED_NOUN = re.compile(
    r"(?P<zh>[\u4e00-\u9fff]{2})(?:\([a-z ]+\))?(?:有哪些|有哪几个|是哪些|都有哪些|分别是什么)"
    r"(?=\s*[?？。]?\s*$)"
    r"|\b(?:what|which) (?P<en>[a-z]{3,}s) (?:did|does|do|were|are|have|has)\b"
)
_QUOTED_ITEM = re.compile(r"[“\"'‘][^”\"'’]{2,60}[”\"'’]")
LISTED_SPAN = 160
# How far behind the first a fact of the month or day asked may be found to answer instead
# (the date asked is strong evidence: "on 3 March" is Vanuatu's record, 0.11 behind).
DATED_MARGIN = 0.15
# How far behind the first a fact of the year a question names may be found (the first
# speaks of another year, so would be declined).
YEAR_MARGIN = 0.5
# The records a declined question suggested, first first, that are tried without context.
CONTEXT_SUGGESTIONS_TRIED = 2


# Words by which a later question points back to what the message named before.
# The value of what a KPI measures, asked ("平均满意度是多少", "what was the average
# satisfaction rate"), not its target or what it measures.
_KPI_VALUE_ASKED = re.compile(
    r"(?<!目标)(?<!指标)(?:是|有|达到|为|达)多少|多高|几成"
    r"|\bhow (?:much|many|high|satisfied|well)\b"
    r"|\bwhat (?:is|was|were|are) (?:the |its )?(?:current |latest |actual |average |overall )?"
    r"(?:level|rate|score|value|percentage|share|figure|result|satisfaction)\b"
)
# Years between two things: "how many years passed between A and B", "how many years after A
# was B", "A到B相隔几年", "从A到B有多少年".
_YEARS_BETWEEN = (
    re.compile(
        r"\bhow many years (?:passed |elapsed |went by |are there |were there |lie |lay |is it "
        r"|was it )?(?:between|from) (?P<a>.+?) (?:and|to|until|till) (?P<b>.+?)\s*[?.!]*$"
    ),
    re.compile(
        r"\bhow many years (?:after|before) (?P<a>.+?) (?:was|is|were|did|came|took place"
        r"|happened) (?P<b>.+?)\s*[?.!]*$"
    ),
    re.compile(
        r"^(?:从)?(?P<a>[^？?，,。]+?)(?:到|和|与|跟|至)(?P<b>[^？?，,。]+?)(?:之间)?(?:相隔|隔了|相差"
        r"|差了|过了|经过了|间隔|有)(?:多少|几)年[?？]?$"
    ),
)
# How far (in characters; four times as far in English) around a run of names the words of
# a "how many" question are looked for.
RUN_CONTEXT_CHARS = 12
# The noun a "which …" question asks for: "to which conference", "哪个会议", "哪届大会".
_WHICH_NOUN = re.compile(
    # (not a kind of answer: "what percentage", "which year", "what kind")
    r"\b(?:which|what) (?!(?:is|are|was|were|does|do|did|has|have|will|can|of|the|a|percentage"
    r"|percent|share|proportion|fraction|number|amount|figure|rate|year|years|month|months|date"
    r"|dates|time|times|kind|kinds|type|types|sort|part|parts|level|role|else|exactly)\b)"
    r"(?P<noun>[a-z]{4,})\b"
    r"|哪(?:个|個|一个|一個|届|屆|次|份|家|项|項)(?P<zh>[\u4e00-\u9fff]{2})"
)
# How many countries a region or union has ("how many countries are in Africa", "欧盟有多少个
# 国家"): no record counts them.
_REGIONS_NAMED = (
    r"(?:the )?(?:africa|african union|au|european union|eu|europe|asia|asia-pacific|asia and "
    r"the pacific|americas|latin america|arab states|arab world|arab region|cis|middle east)"
)
_REGION_SIZE = re.compile(
    rf"^how many (?:countries|nations|member states|states) (?:are|is) (?:there )?in "
    rf"{_REGIONS_NAMED}(?: region)?\s*[?？]?$"
    rf"|^how many (?:countries|nations|member states) (?:does|do) {_REGIONS_NAMED}(?: region)? "
    rf"(?:have|include|comprise)\s*[?？]?$"
    r"|^(?:非洲|欧洲|欧盟|亚洲|亚太|美洲|拉美|阿拉伯|独联体|非洲联盟|非盟|中东)(?:地区|区域|大陆)?"
    r"(?:一共|总共|共)?有(?:多少|几多|几)个?(?:国家|成员国)[?？]?$"
    # ("非洲國家有幾多個？")
    r"|^(?:非洲|欧洲|欧盟|亚洲|亚太|美洲|拉美|阿拉伯|独联体|非洲联盟|非盟|中东)(?:地区|区域|大陆)?的?"
    r"(?:国家|成员国)(?:一共|总共|共)?有(?:多少|几多|几)个?[?？]?$"
)
# Counted units of time, which no run of names counts.
_TIME_UNITS = frozenset("years months weeks days hours 年 月 周 天 小时 个月".split())
# Counted nouns of people, whom no run of names counts.
_PERSONS = frozenset(
    "staff employees people women men members participants persons colleagues officials "
    "experts 职员 员工 工作人员 人员 女性 妇女 成员 专家 同事".split()
)
# "How many" and its Chinese forms, asked as "which" to find the record that lists them.
_HOW_MANY_EN = re.compile(r"\bhow many\s+")
_HOW_MANY_ZH = re.compile(r"(?:多少|几|幾多|幾)(?:个|個|项|項|家|所|位|条|條|种|種|大)")
# A document asked for ("which document", "见哪份文件") and one cited by its symbol ("C23/62").
_DOCUMENT_ASKED = re.compile(
    r"\b(?:which|what) (?:document|doc|paper)\b|\bdocument (?:number|symbol)\b"
    r"|(?:哪|什么|啥)(?:份|个|一份)?文件|文件(?:号|编号)"
)
_DOCUMENT_CITED = re.compile(r"(?<![A-Za-z0-9])[A-Z]{1,5}\d{2}/\d{1,3}(?!\d)")
_POINTS_BACK = re.compile(
    # not "that" / "this" alone: "the KPIs that track cybersecurity" points nowhere; before
    # a thing the documents speak of, they do ("that enabler's budget", "that consultation")
    r"\b(?:it|its|they|them|their)\b|它们|它們|它|其|该|該|这些|那些|這些|佢哋|佢嘅|佢"
    # (Cantonese too: "嗰條線預算幾多", "呢個項目", "佢嗰四個戰略目標"; not before a name of
    # its own: "呢個GCI係咩", "这个“连通的一代”是什么")
    r"|(?:这|那|這|嗰|呢)[一二三四五六七八九十两兩]?(?:个|個|条|條|项|項|一项|一項)"
    r"(?!\s*[A-Za-z0-9“「\"《])|嗰啲|呢啲"
    r"|\b(?:that|this|these|those) (?=(?:enabler|priority|priorities|theme|programme|program"
    r"|project|initiative|consultation|exercise|retreat|report|kpi|indicator|line|plan|document"
    r"|fund|centre|center|lab|alliance|platform|committee|group|risk|task force|one)s?\b)"
    # "which joint initiative is that part of", "that falls under which priority": that, as
    # the subject of what is asked
    r"|\b(?:is|was|are|were) (?:that|this)(?= (?:part|under|in|from|for|about|of|within"
    r"|linked|connected|related)\b|\s*[?？]?$)"
    r"|\b(?:that|this) (?=(?:is|was|belongs?|falls?|sits?|comes?|relates?) (?:part|under|to"
    r"|in|within|from)\b)"
    # "how much does each one get": each of the things the question before named
    r"|\beach(?: one)?(?= (?:gets?|got|receives?|received|has|have|had|costs?|of them)\b"
    r"|\s*[?？]?$)",
    re.IGNORECASE,
)
# An amount asked of a share said before: "what's that in CHF", "how much is that in francs",
# "那是多少瑞郎".
_AS_AN_AMOUNT = re.compile(
    r"\b(?:that|this|it)(?:'s| is| comes? to| amounts? to| works? out to| makes?)? in (?:chf"
    r"|swiss francs"
    r"|francs)\b|\bhow much (?:is|would) (?:that|this|it)\b(?: be)?(?: in (?:chf|francs))?"
    r"|(?:那|这|它)(?:是|相当于|合|折合)?多少(?:瑞郎|瑞士法郎|法郎|钱)"
)
# A share of a budget written in a record: "(about 12%) of the total approved OP-23 budget".
_SHARE_OF_BUDGET = re.compile(
    r"(?P<percent>\d+(?:\.\d+)?)\s*%\)?(?: of)? (?:the )?(?:total )?(?:approved )?"
    r"(?P<base>op-23|p\d|e\d)(?: total)? budget|"
    r"(?:the )?(?:total )?(?:approved )?(?P<base2>op-23) budget \(about (?P<percent2>\d+)%\)",
    re.IGNORECASE,
)
# People and their being there, which name no subject of a question of their own.
_ATTENDING_WORDS = frozenset(
    "people person persons participants participant attendees attendee came come attended "
    "attend showed turned 人参 参加 出席 与会 到场 参会 人次".split()
)
# A title asked of, and the same title of a deputy ("the SG", "the Deputy Secretary-General").
_TITLE_ASKED = re.compile(
    r"(?<!deputy )\b(?:the )?(sg|secretary-general|secretary general|director)\b(?!-general)"
    r"|(?<!副)(秘书长|主任|局长)"
)
_DEPUTY_TITLE = re.compile(
    r"\bdeputy (?:sg|secretary-general|secretary general|director)\b|副秘书长|副主任|副局长",
    re.IGNORECASE,
)
_ANY_TITLE = re.compile(
    r"\b(?:sg|secretary-general|secretary general|director)\b|秘书长|主任|局长", re.IGNORECASE
)


def _only_a_deputy(question: str, texts: Sequence[str]) -> bool:
    """Whether a question asks of a title (the SG, the Director) and the texts hold that
    title only as a deputy's."""
    if _TITLE_ASKED.search(question) is None or _DEPUTY_TITLE.search(question):
        return False
    titles = sum(len(_ANY_TITLE.findall(t)) for t in texts)
    deputies = sum(len(_DEPUTY_TITLE.findall(t)) for t in texts)
    return titles > 0 and titles == deputies


# The words a Chinese question asks with, and the most characters left that still name no
# subject ("什么时候启动的" → 启动; "大概多少人参加了" → 人参加).
_ZH_ASKING_WORDS = re.compile(
    r"什么时候|什么时间|何时|哪一?年|几月|多少|几个|几|什么|哪些|哪里|谁|大概|大约|一共|总共"
    r"|[吗呢吧啊了的是有个位名项]"
)
ZH_NO_SUBJECT_MAX_CHARS = 3
# A name in capitals written as the owner of what follows it, before more words: "the SG's
# visioning exercise" (not "BCG's role?", the question's end; nor "Morocco's score", a place
# whose figure is asked).
_OWNER_WRITTEN = re.compile(r"\b([A-Z]{2,}[0-9]*)['’]s\s+(?=[a-z]+\s+[a-z])")
# A Council session written short, "C24" (not a document's symbol, "C24/52").
_COUNCIL_SHORT = re.compile(r"(?<![\w/.-])c(2\d)(?![\w/.-])")
# The same asked of two things, "of" written before each: "what are the budgets of the UMC
# project and of the VaMoz Digital project?" (not "the budget of P1 and P2", a sum or a pair).
_OF_EACH = re.compile(
    r"^(?P<head>(?:what|how much|how many|when|where|who)\b[^?]*?) of "
    r"(?P<a>(?:(?! of )[^?])+?),? and of (?P<b>[^?]+?)\s*\??$",
    re.IGNORECASE,
)
# An amount asked of one thing, then of another named after ", and" with no verb of its own:
# "How much is the UMC project worth, and the VaMoz Digital one in Mozambique?", "what's the
# budget of the UMC project, and VaMoz Digital's value?".
_AND_ANOTHERS_AMOUNT = re.compile(
    r"^(?P<first>(?:[^:?]*:\s*)?(?:how much|what(?:'s| is| was))\b[^?]*?"
    r"\b(?:worth|budget|value|cost|funding)\b[^?,]*?),\s*and\s+(?:the\s+|what about\s+)?"
    r"(?P<b>(?!(?:how|what|when|where|who|which|why|is|are|was|were|did|does|do)\b)[^,?]+?)"
    r"\s*\??$",
    re.IGNORECASE,
)
# What the second thing's amount is called, said after its name ("VaMoz Digital's value").
_ITS_AMOUNT_SAID = re.compile(r"(?:'s|’s)?\s+(?:value|budget|worth|cost|funding)\s*$", re.I)
# An acronym in a record's title, and those every record may name (not whom it is about).
_ACRONYM = re.compile(r"\b[A-Z][A-Z0-9]{1,}(?:-[A-Z0-9]+)?\b")
_COMMON_ACRONYMS = frozenset({"ITU", "BDT", "ITU-D", "OP-23", "UN", "TDAG", "SG"})
# A Chinese pair of characters that holds a question word: "第几", "几号", "多少".
_ASKING_PAIR = re.compile(r"^(?:[\u4e00-\u9fff]?[几哪谁啥][\u4e00-\u9fff]?|多少|什么)$")
# A count asked with no verb of its own: "and how many internal ITU colleagues?".
_ELIDED_COUNT = re.compile(
    r"(?:and |but |also |plus )?(?:roughly |about |approximately |around |exactly )?how many "
    r"(?P<noun>[a-z][a-z\-]*(?: [a-z][a-z\-]*){0,3}?)"
    # (a verb that only says they were there: "and about how many people came?")
    r"(?: (?:came|showed up|turned up|attended|took part|participated|were there))?\s*\??"
)
# Pointing words, "that" and "this" among them (a question of a few words: "What is that?").
_POINTS_BACK_ALONE = re.compile(r"\b(?:it|its|they|them|that|this|these|those)\b|它|这|那|该|佢")
# A doer joined to the verb in a title: "EC-funded".
_DOER_JOINED = re.compile(r"\b[A-Z][A-Za-z]*-[a-z]+ed\b")
# A small number of things stated in figures, as the documents write it in words.
_STATED_DIGIT = re.compile(r"(?<![\w\-./,])(10|[2-9])(?=\s+(?:[a-z-]+\s+){0,2}[a-z-]+s\b)")
_DIGIT_WORDS = dict(
    zip(
        "2 3 4 5 6 7 8 9 10".split(),
        "two three four five six seven eight nine ten".split(),
        strict=True,
    )
)
# "By how many did it grow": a difference the record's own figures may give.
_BY_HOW_MANY = re.compile(r"\bby how many\b")
# Two things joined, to be added: "X和Y加起来", "X and Y combined", "X plus Y".
_JOINED = re.compile(r"\b(?:and|plus)\b|(?<!总)和|与|及|、|跟|加上")
# A figure a record states: a number that is no year, nor a section or an item's number.
_FIGURE = re.compile(r"(?<![\w.\-])(?!(?:19|20)\d\d(?!\d))\d[\d,.  ]*(?:%|\b)(?![.)\d])")
_COMPARED_WITH = re.compile(r"\bthan\b|比|相比|与.{1,20}?相差|和.{1,20}?相差")
# A record that speaks of indicators.
_KPI_WORDS = re.compile(
    r"(?<![a-z])kpis?(?![a-z])|\bindicators?\b|\bmetrics?\b|指标|绩效", re.IGNORECASE
)
# Words that place what came before in time, naming nothing of their own.
_SEQUENCE = re.compile(
    r"\b(?:at )?(?:the )?(?:end|start|beginning|first|finally|eventually|initially|later|then"
    r"|now|afterwards)\b|" + ZH_TIME_WORDS
)
_DEFINING_WORDS = frozenset("stand mean meaning refer 意思 含义 指的".split())
# A part of a message that asks a question of its own: this many words, or Chinese characters.
QUESTION_MIN_WORDS = 3
QUESTION_MIN_CHARS = 5


# Where the topic that opens a Chinese question ends: its verb or question word ("学习实验室
# （LearningLabs）是哪年…": 学习实验室（LearningLabs）).
# "which line has 2.9%", "哪一项占总预算2.9%", "是哪个重点工作": a budget line asked by its figure
_WHICH_LINE = re.compile(
    r"\b(?:which|what)\s+(?:budget\s+)?(?:lines?|priority|priorities|enablers?|themes?)\b|哪(?:一|个|個|条|條)?(?:项|項|条|條|行|个重点|個重點|个推动|個推動|个主题|個主題"
    r"|条预算|條預算)"
)
_COMPARED_TO_A_FIGURE = re.compile(
    r"\b(?:above|below|over|under|more|less|at least|at most|up to|minimum|maximum|greater"
    r"|exceed\w*|higher|lower|bigger|smaller|between|around|about|roughly|approximately|grew"
    r"|grow\w*|increas\w*|decreas\w*|rise|rose|risen|fall|fell|fallen|drop\w*|cut\w*"
    r"|reduc\w*|need\w*|chang\w*|if|would|could|raise|hike|boost|bump|jump\w*)\b"
    r"|\d\s*(?:k|万|萬)?\s*(?:to|-|–|~|到)\s*(?:chf\s*)?\d"
    r"|超过|超過|以上|以下|高于|高於|低于|低於|多于|多於|少于|少於|不到|不足|大于|大於|小于|小於"
    r"|之间|之間|左右|大约|大約|大概|至少|最多|最少|最低|超出|或更|以内|以內|比|[多高大低少细細]過"
    r"|[多高大低少细]过|至|增加|减少|減少|削减"
    r"|削減|增长|增長|涨|漲|跌|下降|上升|需要|变化|變化|如果|假如"
)
# A budget line's figure, as asked of one: its budget, allocation or share
_OF_A_BUDGET = re.compile(
    r"\b(?:budget|allocation|allocated|share|gets?|receives?|funding)\b"
    r"|预算|預算|占|佔|分到|分配|拨|撥|经费|經費"
)
# A budget of the asker's own or of something else: "我家预算里", "my household budget"
_SOMEONE_ELSES = re.compile(
    r"\b(?:my|our|your|household|family|home|personal)\b|我家|我们家|我的|我们|你的|家庭|个人"
)
# More asked than which line: a second question, or why
_ASKS_MORE = re.compile(
    r"\b(?:and|also|why|plus)\b|以及|还有|還有|另外|顺便|順便|为什么|為什麼|点解|點解|和|同埋|[?？].+[?？]"
)
_STATED_PERCENT = re.compile(r"(?<![\d.])(\d{1,2}(?:\.\d)?)\s*%")
# An amount stated in CHF: "CHF 120,000", "120k CHF", "12万瑞郎"
_STATED_AMOUNT = re.compile(
    r"(?:chf|fr\.)\s*(?P<a>\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?)\s*(?P<ak>k\b|万|萬)?"
    r"|(?<![\d.])(?P<b>\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?)\s*(?P<bk>k\b|万|萬)?\s*"
    r"(?:chf|瑞郎|瑞士法郎|francs?)"
)
_SCALE = {"k": 1000, "万": 10_000, "萬": 10_000}
# An amount asked of a line is at least this much (not a count, a year is excluded by CHF)
AMOUNT_ASKED_MIN = 1000
# A figure shared by more lines than this names none in particular
LINES_OF_A_FIGURE_MAX = 2
# A day known by its name: "World Environment Day", "Girls in ICT Day", "世界环境日"
_NAMED_DAY = re.compile(
    r"\b[A-Z][a-z]+ Day\b|[\u4e00-\u9fff]{2}日(?!内瓦|內瓦|期|程|本|常|益|后|後|前)"
)
# "how long", "多久": a length asked (of days, or months, or years)
_HOW_LONG = re.compile(r"\bhow long\b|多久|多长时间|多长的时间")
# A length a record states: "five-day", "two to three days", "为期五天", "3.5 years", "三年半".
_DURATION_STATED = re.compile(
    r"\b(?:\d+(?:\.\d+)?|one|two|three|four|five|six|seven|eight|nine|ten)[- ](?:days?|weeks?"
    r"|months?|years?)\b|(?<![\d.])(?:\d{1,2}(?:\.\d)?|[一二两三四五六七八九十]+)(?:天|周|个月|年半|年)",
    re.IGNORECASE,
)
_ANY_YEAR = re.compile(r"(?<!\d)(?:19|20)\d\d(?!\d)")
# A span of time a record gives: "from September 2021 to January 2022", "2022-2025", "over
# three and a half years", "2021年9月至2022年1月".
_SPAN_GIVEN = re.compile(
    r"\bfrom\b[^.;]{1,30}?\b(?:19|20)\d\d\b[^.;]{0,10}?\b(?:to|until|through)\b"
    r"|\b(?:19|20)\d\d\s*[-–]\s*(?:19|20)?\d\d\b|\bhalf years?\b|\bdecades?\b"
    r"|(?:19|20)\d\d年[^，。；]{0,8}?(?:至|到|-|–)[^，。；]{0,8}?(?:年|月)|半年|多年",
    re.IGNORECASE,
)
# Time a record gives, for "how long": days ("five-day", "两至三天", "5至9日"), months or years
# ("from September 2021 to January 2022", "3.5 years", "三年半")
_DAYS_GIVEN = re.compile(
    r"\b(?:\d+|one|two|three|four|five|six|seven|eight|nine|ten)[- ]days?\b|\bdays?\b"
    r"|[\d一二两三四五六七八九十]+天|\d+日|\d+月|\byears?\b|\bmonths?\b|年半|[一二两三四五六七八九十]年"
    r"|\b(?:january|february|march|april|may|june|july|august|september|october|november"
    r"|december)\b",
    re.IGNORECASE,
)
# Words for people, after the words that say which: "internal people".
_PERSON_WORDS = frozenset({"people", "ppl", "persons", "folks"})
# The second of a ranking, compared with its first: "than the runner-up", "than the second
# largest", "than the next one", "比第二名多多少".
_RUNNER_UP = re.compile(
    r"\b(?:than|over|ahead of|behind|vs\.?|versus) (?:the )?(?:runner-?up|number two|no\.? ?2"
    r"|second(?:[- ](?:largest|biggest|highest|lowest|smallest|place|one|most|least|best))?"
    r"|next(?:[- ](?:largest|biggest|highest|lowest|smallest|one|line|priority|enabler|up))?)\b"
    r"|第二(?:名|位|多|大|高|少|小|低)|亚军"
)
# Which of several gets more, then by how much: the first's gap to the second ("Within P2,
# which theme gets the bigger slice, and by how much?", "哪个主题预算更多？多多少？").
_WHICH_AND_BY_HOW_MUCH = re.compile(
    r"\bwhich\b[^?]*\b(?:bigger|larger|higher|more|most|biggest|largest|highest)\b[^?]*"
    r"(?:\?\s*|,?\s*)(?:and\s+)?by how much\b"
    r"|哪[个一][^？?]*(?:更多|最多|更大|最大|更高|最高)[^？?]*[？?，,]\s*(?:多多少|多出多少|高出多少)"
)
# Money asked of: a budget ranking's gap is in CHF.
_MONEY_ASKED = re.compile(r"\b(?:budget|funding|money|chf|allocation|slice)\b|预算|资金|经费|钱")
# What asks by how much at the end of a "which gets more" question: left out to ask the first.
_BY_HOW_MUCH_TAIL = re.compile(
    r"\s*[,?]?\s*(?:and\s+)?by how much\b.*$|[？?，,]\s*(?:多多少|多出多少|高出多少).*$"
)
# A comparison asked as a multiple: "how many times more", "几倍".
_TIMES_ASKED = re.compile(r"\bhow many times\b|几倍|多少倍")
# A comparison asked as a ratio or a share, not as a difference in money.
_NOT_A_DIFFERENCE = re.compile(
    r"\btimes\b|\bpercent|%|\bpercentage|\bratio\b|\bshare\b|倍|百分|比例|占"
)
# What is counted in days ("多少天年假", "how many days of annual leave")
# (not the time itself: "多少天时间", "多少天左右", "多少天会期", "how many days of sessions")
_DAYS_OF = re.compile(
    r"(?<!哪)(?:多少|几)天(?!时间|左右|上下|会期|时长|会|的时间)(?P<thing>[\u4e00-\u9fff]{2,4}?)(?=[？?，,。]|$)"
    r"|\bdays of (?!(?:sessions?|meetings?|talks|discussions?|events?)\b)"
    r"(?P<thing_en>[a-z]+(?: [a-z]+)?)"
    # "of" left out, as typed in a chat: "how many days annual leave do P-staff get"
    r"|\bhow many days (?!(?:of|in|for|per|a|each|every|did|do|does|was|were|is|are|will"
    r"|would|has|have|had|it|they|the|this|that)\b)"
    r"(?P<thing_bare>[a-z]+(?: [a-z]+)?) (?=(?:do|does|did|can|will|per|a|each)\b)"
)
_QUOTED = re.compile(r"[“「『\"]([^”」』\"]{2,60})[”」』\"]")
# (a time said after the topic ends it too: "能力发展任务组2022年3月到2023年3月开了几次会")
_COMMON_NAMES = frozenset({"itu", "bdt", "itu-d"})
# A question asking how things stand now.
_PRESENT = re.compile(
    r"\b(?:now|currently|so far|to date|these days|latest|at present|at the moment|today)\b"
    r"|现在|現在|目前|当前|當前|如今|至今|迄今|最新|而家|眼下|截至目前",
    re.IGNORECASE,
)
# The ITU regions, as questions and records name them (normalised: simplified, lower case),
# each read as one key.
_REGION = re.compile(
    r"\b(?:africa|african|americas|european?|europe|asia-pacific|asia and the pacific"
    r"|arab states|arab region|cis|(?<!central )(?<!western )(?<!south )(?<!east )asia)\b"
    r"|非洲|美洲|欧洲|亚太|(?<![东西南中])亚洲|阿拉伯国家|阿拉伯区域|独联体"
)
_REGION_KEY = {
    "african": "africa",
    "非洲": "africa",
    "美洲": "americas",
    "european": "europe",
    "欧洲": "europe",
    "asia and the pacific": "asia-pacific",
    "亚太": "asia-pacific",
    # (Asia, asked: of the ITU region it is in, or of no region named)
    "亚洲": "asia",
    "arab region": "arab states",
    "阿拉伯国家": "arab states",
    "阿拉伯区域": "arab states",
    "独联体": "cis",
}
# How a record's text joins excerpts of its source ("… ").
_EXCERPT_JOIN = " \u2026 "
# An excerpt this long, found whole in another record's text, is that record's.
EXCERPT_MIN_CHARS = 12
# A digest of several things joins this many excerpts or more.
DIGEST_MIN_JOINS = 2
# How far behind a digest its item's own record may be found and still come first.
WHOLE_ITEM_TIE = 0.1
# A line's budget asked beside its KPIs: "and its budget", "its budget & its KPIs", "budget
# 多少", "预算呢" (not the budget per KPI, nor KPIs about budgets).
_BUDGET_ASKED_TOO = re.compile(
    r"\b(?:its|their|the|and|&)\s+(?:2023\s+)?budgets?\b|\bbudgets?\s*(?:[?&,]|and\b|$)"
    r"|(?:预算|budget)\s*(?:是)?(?:多少|几多|呢)|多少(?:预算|钱)"
    # ("预算同KPI数量是几多", "budget and number of KPIs")
    r"|(?:预算|budget)\s*(?:同|和|与|及|跟|、|and\b|&)\s*(?:the )?(?:kpi|关键绩效指标|指标|number)"
)
_BUDGET_OF_KPIS = re.compile(
    r"\bper kpi\b|每(?:个|项)?\s*kpi|平均|\baverage\b|\bkpis? (?:on|about|for|of) (?:the )?budget"
    r"|(?:预算|budget)(?:相关|有关|方面)?的\s*(?:kpi|指标)"
    r"|\b(?:relat|track|measur|concern|cover|mention|monitor)\w* (?:to |on )?(?:the )?budget"
)
# The budget set aside ("not the budget", "skip the budget", "I already know the budget"), or
# judged ("is the budget enough").
_NOT_ITS_BUDGET = re.compile(
    r"\b(?:not|no|without|skip|ignore|except|already know)\b[^.?!,;]{0,16}\bbudget"
    r"|不用预算|不要预算|不需要预算|预算不用|预算不需要"
    r"|\bbudget (?:is |be )?(?:enough|sufficient|adequate)\b|预算够"
)
# The budget of something named ("the budget of P4", "the budget for external contracts"):
# another's, unless it names the lines whose KPIs are asked.
_BUDGET_OF = re.compile(r"\bbudgets? (?:of|for) (?:the )?(?P<what>[^?？,，.;]{1,40})")
_KPIS_SAID = re.compile(r"(?<![a-z])kpis?(?![a-z])|\bindicators?\b|\bmeasured\b|关键绩效指标|指标")
# A question after another, joined by a plus sign.
_PLUS_AFTER_A_QUESTION = re.compile(r"([?？])\s*\+\s*")
# The lines whose budgets are given beside their KPIs, at most.
BUDGETS_ASKED_MAX = 3
# Spaces and hyphens between the words of a name ("learning labs", "Learning-Labs").
_SPACING = re.compile(r"[\s-]+")
# A term of at least this many letters is the name its title writes as one word.
JOINED_TERM_MIN_CHARS = 8
# A year a question asks of ("which 1984 report"; not part of a code: "C23/36").
_YEAR_ASKED = re.compile(r"(?<![\w/.-])(?:19|20)\d\d(?![\w/])")
# (or what thing something got or did: "拿了什么奖", not "是什么")
_ASKS_WHICH_ZH = re.compile(
    r"哪(?!些)|谁|誰|何时|什么时候|什麼時候|(?<=了)(?:什么|什麼)(?=[\u4e00-\u9fff])"
)
_ZH_TOPIC_END = re.compile(
    r"是|在|有|于|由|为|将|会|把|被|能|可|什么|哪|几|多少|如何|怎么|何时"
    r"|(?:从|自)?(?:19|20)\d\d年|(?:去年|今年|明年|前年)"
    # a pointing word after the name: "波士顿咨询那个活儿…" is about 波士顿咨询
    r"|(?<=[\u4e00-\u9fff])(?:那|这)(?:个|次|场|项|些)"
)
# (a topic cut inside a word, 务虚"会", is no topic the answer before holds: not asked anew)


def _asks_the_years_end(normalized: str, year: int) -> bool:
    """Whether a question asks what something was at a year's end ("at the end of 2023",
    "by end-2023", "2023年底")."""
    return (
        re.search(rf"\b(?:end|close)(?:\s+of|-)\s*(?:the\s+year\s+)?{year}\b", normalized)
        is not None
        or re.search(rf"{year}\s*年?\s*(?:底|末|年底|年末)", normalized) is not None
    )


# A part of a year, ending before it does: "Jan–Mar 2023", "from January to March", "Q1".
_PART_OF_A_YEAR = re.compile(
    r"\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov)[a-z]*\.?\s*(?:[–-]|to)\s*"
    r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov)[a-z]*\b"
    r"|\b(?:q[1-3]|first (?:quarter|half)|second quarter|third quarter)\b",
    re.IGNORECASE,
)


def _gives_a_part_of(fact: Any) -> bool:
    """Whether a fact's figure is for a part of its year that ends before the year does."""
    text = f"{fact.title_en} {fact.text_en}"
    return _PART_OF_A_YEAR.search(text) is not None and not re.search(
        r"\bdecember\b|\bend of\b|\byear-end\b", text, re.IGNORECASE
    )


_CAPITALISED_RUN = re.compile(r"\b[A-Z][\w'-]*(?:\s+[A-Z][\w'-]*)+")
_RUN_OPENERS = frozenset("what which who when where why how is are does do did can could".split())
# What an English question names with "the", up to its verb or the end of its clause: "who
# leads the ITU capacity development task force", "when was the task force set up".
_THE_PHRASE = re.compile(
    r"\bthe ((?:[\w'-]+ ){0,6}?[\w'-]+?)(?= (?:set up|was|were|is|are|has|have|had|did|does|do"
    r"|will|launched|started|began|held|created|established|founded|approved|adopted|signed"
    r"|published|released|opened|located|based|in|on|at|for|of|by|with|from|and|or)\b|[,?.;!]|$)",
    re.IGNORECASE,
)


def _read_topics(question: str) -> list[str]:
    """What a question may be about, for a later question that points back to it: its names
    of capitalised words ("When was the Digital Innovation Alliance launched": Digital
    Innovation Alliance), its acronyms ("BCG — did ITU pay them?": BCG, ITU), or the words a
    Chinese question opens with before its verb or question word; then capitalised words
    with an acronym among them ("What is the ITU Academy": ITU Academy, when ITU alone is
    too common a word to tell what the first answer is about)."""
    topics = [" ".join(name) for name in read_names(question)]
    topics += re.findall(r"(?<![A-Za-z0-9])[A-Z][A-Z0-9]+(?:-[A-Z0-9]+)?(?![A-Za-z0-9])", question)
    for run in _CAPITALISED_RUN.findall(question):
        words = run.split()
        if words[0].lower() in _RUN_OPENERS or not any(w.isupper() for w in words):
            continue
        # before the acronym it holds ("ITU Academy" before "ITU"), after any other
        inside = next((n for n, t in enumerate(topics) if t in words), len(topics))
        topics.insert(inside, run)
    if not is_chinese(question):
        # then what it names with "the" ("…, and how many times has it met?": the task force
        # the first question names, not ITU)
        for found in _THE_PHRASE.finditer(question):
            phrase = found[1]
            words = phrase.split()
            if len(words) < 2 or phrase in topics:
                continue
            # (before the organisation's name it holds, too common to tell what the first
            # answer is about; after any other name: "Why did the ITU engage BCG": BCG first)
            held = [n for n, t in enumerate(topics) if t in words]
            common = all(topics[n].lower() in _COMMON_NAMES for n in held)
            topics.insert(held[0] if held and common else len(topics), phrase)
    if is_chinese(question):
        # (read in simplified Mandarin: "學習實驗室（LearningLabs）係幾時啟動嘅" ends its topic at
        # 係, read as 是)
        text = normalize(strip_filler(question)).strip()
        # (a name it opens with in quotes is read whole: "“国际电联是一家”的定义来自哪次磋商",
        # not the words before the 是 inside it)
        opening = _QUOTED.match(text)
        end = _ZH_TOPIC_END.search(text, opening.end() if opening else 2)
        topic = text[: end.start()] if end else ""
        if len(re.findall(r"[\u4e00-\u9fff]", topic)) >= 2:
            topics.append(topic)
    return topics


def split_questions(
    text: str, yes_no: bool = False, short: bool = False, terse: bool = False
) -> list[str]:
    """The questions a message asks, in order: one, unless it asks several in sentences or
    clauses of their own (with `yes_no`, also a yes-or-no clause after ", and"; with `short`,
    also a short Chinese question of a line's budget or KPIs, "預算呢？"; with `terse`, also
    a short Chinese question of who, where or when, "由誰領導？"); small talk ("Hi! Quick
    one?") is no question."""
    parts: list[str] = []
    # (questions listed with 、 after one that names what they ask of: "国际电联学院2022年的成绩
    # 怎么样？新用户多少、有多少人完成课程拿到证书？"; not "P1的预算是多少、KPI有哪些？")
    pieces = (
        c
        for n, piece in enumerate(_QUESTION_END.split(text))
        for c in _split_at_list_commas(piece, _ZH_QUESTION_WORD if n else _WHICH_ITEM)
    )
    for chunk in (c for piece in pieces for c in _split_at_spaces(piece)):
        clauses = [c.strip() for c in _AND_ASKS.split(chunk)]
        if yes_no:
            clauses = [c.strip() for clause in clauses for c in _AND_ASKS_YES_NO.split(clause)]
        for n, clause in enumerate(clauses):
            bare = _ENDS_ON_A_QUESTION_WORD.search(clauses[n - 1]) if n and parts else None
            if bare is not None:
                # "… asked me: when and where is GSR-23?": both asked of one thing, which the
                # next clause names (what comes before the question word only says who asks,
                # and is left out); "GSR-23: when and where?" names it before
                word = bare.group().lstrip(":;,.!?—– ")
                named = _QUESTION_FRAME_WORDS.sub(" ", clause).strip(" ?？.!")
                parts[-1] = f"{word} and {clause}" if named else f"{parts[-1]} and {clause}"
            elif n and parts and _ENDS_ON_ITS_NOUN.search(clauses[n - 1]):
                # "which priority and which sub-area does it belong to": one verb for both
                parts[-1] = f"{parts[-1]} and {clause}"
            else:
                parts.append(clause)
    return [p for p in parts if _asks_something(p, short, terse, yes_no)]


# A part asking only whether what the asker says is right: "I heard 40, is that right?",
# "是40人吧，对吗？".
_CONFIRMS_WHAT_IT_SAYS = re.compile(
    r"^(?:(?:and |but |so )?(?:i (?:heard|think|thought|believe|remember|was told)"
    r"|someone (?:said|told me)|(?:i'm|i am) told)\b[^?]*?[,;]?\s*)?"
    r"(?:is|was|isn't|wasn't) (?:that|this|it) (?:right|correct|true|accurate)\s*[?!.]*\s*$"
    r"|^(?:(?:我|我们)?(?:听说|聽說|记得|記得|以为|以為)[^?？]*?[,，]?\s*)?"
    r"(?:对吗|對嗎|对不对|對不對|是吗|是嗎|没错吧|沒錯吧|係咪|啱唔啱)\s*[?？!！。]*\s*$",
    re.IGNORECASE,
)


# What places a Chinese question in time, before what it asks of: "土耳其地震后", "疫情期间".
_CIRCUMSTANCE_ZH = re.compile(r"^[\u4e00-\u9fff]{2,10}?(?:之后|以后|后|期间|以来)(?=\S)")


# A Chinese question word, by which a run typed without punctuation asks something.
_ZH_QUESTION_WORD = re.compile(
    r"什么|甚么|什麼|甚麼|啥|多少|幾多|几|幾|哪|谁|誰|吗|嗎|如何|怎么|怎樣|怎样|怎麼|是否|有没有"
    r"|有沒有|乜|边个|邊個|点样|點樣|几时|幾時"
)
# A space after a Chinese character, where a message typed without punctuation may start its
# next question ("IDI 啥意思 新方法要多少比例的成员国批准才通过").
_ZH_GAP = re.compile(r"(?<=[\u4e00-\u9fff])\s+(?=\S)")
# What follows such a space is a question of its own when it is this long, or names something
# in Latin letters ("ChatGPT那次培训多少人参加"); a shorter one points back ("什么时候定义的").
SPACED_QUESTION_MIN_CHARS = 10


def _split_at_list_commas(chunk: str, each: re.Pattern[str]) -> list[str]:
    """A Chinese message's questions listed with an enumeration comma between them ("新用户
    多少、有多少人完成课程拿到证书？"): cut where every item asks something (`each` finds it in
    each; not "P1、P2各多少", a list of what one question asks of). For a first question,
    `each` is `_WHICH_ITEM`: only "which" items ("是哪個決議、在哪次大會通過的？") are cut."""
    items = chunk.split("、")
    if len(items) > 1 and all(each.search(i) for i in items):
        return items
    if (
        each is _WHICH_ITEM
        and len(items) == 2
        and all(_ZH_QUESTION_WORD.search(i) for i in items)
        and _ATTRIBUTE_ITEM.match(items[1])
    ):
        # "E4那條線有幾個KPI、預算多少？": another of the line's figures asked after it
        return items
    return [chunk]


# "哪个决议", "哪次大会", "哪一年" (not "有哪些", which lists)
_WHICH_ITEM = re.compile(r"(?<!有)(?:哪|邊)(?!些)")
# A later item that opens on one of a line's figures: "預算多少", "KPI有哪些", "佔比多少".
_ATTRIBUTE_ITEM = re.compile(r"\s*(?:預算|预算|kpi|KPI|關鍵績效指標|关键绩效指标|佔比|占比)")


def _split_at_spaces(chunk: str) -> list[str]:
    """A Chinese message's questions typed one after another with only a space between them:
    cut where what comes before the space asks something and what follows it does too."""
    if not is_chinese(chunk):
        return [chunk]
    pieces: list[str] = []
    start = 0
    for gap in _ZH_GAP.finditer(chunk):
        before, after = chunk[start : gap.start()], chunk[gap.end() :]
        # (and what follows names something of its own: not "… 什么时候定义的", which
        # points back to what the first asks about)
        own = len(after) >= SPACED_QUESTION_MIN_CHARS or re.search(r"[A-Za-z]", after)
        if own and _ZH_QUESTION_WORD.search(before) and _ZH_QUESTION_WORD.search(after):
            pieces.append(before)
            start = gap.end()
    return [*pieces, chunk[start:]]


# The words of a question that only frame it ("where is it held?"): what is left names what
# it asks about.
_QUESTION_FRAME_WORDS = re.compile(
    r"\b(?:when|where|who|what|how|why|is|are|was|were|will|be|been|it|they|held|take|takes"
    r"|took|place|the|did|does|do|happen|happens|happened|located|hosted)\b",
    re.IGNORECASE,
)
# Who asks, written as names before the question ("The DG's office asked me: …").
_WHO_ASKS = frozenset(
    "secretary-general secretary general sg dg ddg director deputy council chair office delegate "
    "delegation colleague colleagues team unit manager boss secretariat member".split()
)
# A thing named by its kind alone, as what was asked of before ("what was the programme
# called before?").
_THE_THING = re.compile(
    r"\bthe (?:programme|program|project|initiative|report|document|group|committee"
    r"|task force|centre|center|lab|platform|alliance|fund|plan|strategy|consultation"
    r"|exercise|retreat|session|workshop|scheme|mechanism|body)s?\b"
)
# Two question words asked of one thing, as `split_questions` joins them: "when and where …".
_ASKS_TWO_OF_ONE = re.compile(r"(?:when|where|who|what|how|why) and ", re.IGNORECASE)
# A clause that ends on a question word alone ("… asked me: when"): it asks of what the
# clause after it names ("… and where is GSR-23?").
_ENDS_ON_A_QUESTION_WORD = re.compile(
    r"(?:^|[:;,.!?—–]\s*)(?:when|where|who|what|how|why)$", re.IGNORECASE
)
# A clause that ends on what its question word asks for, without a verb of its own ("…, which
# priority"): it shares the verb of the one after it.
_ENDS_ON_ITS_NOUN = re.compile(r"(?:^|[\s,;:—–-])(?:which|what)\s+[\w-]+$", re.IGNORECASE)


# What a part of a message that asks something has: a question mark, a question word or a
# request ("list", "tell me") opening it or one of its clauses ("ITU Academy in Q1 2023 — how
# many new users"), or a Chinese question word; "Need it for a comms piece.", "I count six but
# want to be sure", "我们处打算按这个比例做个小计划" say why the asker asks.
_ASKS = re.compile(
    # (a word or two before it: "and", "pls", "about how many"; before a request, a polite
    # word only: "trying to explain to a colleague" asks nothing)
    r"[?？]|(?:^|[.!—–:;,(]\s*|\s-\s)"
    # (not after a subject: "i only have the 2023 numbers" says what the asker has)
    r"(?:(?!(?:i|we|they|he|she|my|our|their)\s)[a-z']+\s+){0,2}"
    r"(?:what|which|who|whom|whose|when|where|why|how|is|are|was|were|does|do|did|can|could"
    r"|would|will|should|has|have|had|any|wat|wht|hw|whats|wats|whos|wheres|hows)\b"
    r"|(?:^|[.!—–:;,(]\s*|\s-\s)(?:(?:and|also|so|pls|plz|please|kindly)\s+)?"
    r"(?:list|tell|give|show|define|explain|name|describe|compare|please)\b"
    # asked where the answer would stand: "External contracts are about what share of the
    # budget" (not "explain how much goes to priorities": a statement of why it is asked)
    r"|\b(?:are|is|was|were|get|gets|got|take|takes|make|makes|cost|costs) (?:about |roughly )?"
    r"(?:what|which) (?:share|percentage|proportion|fraction|portion|amount|number)\b"
    r"|什么|甚么|多少|哪|谁|几|吗|呢|如何|怎么|怎样|是否|有没有|请|列出|列举|介绍|说说|讲讲"
    r"|列一下|列一列|列出来"
    r"|什麼|甚麼|誰|幾|嗎|請|說說|講講|介紹|有沒有"
    # (in chat and in Cantonese: "创新中心四个战略目标是啥", "係咩", "邊個負責")
    r"|啥|咩|边个|邊個|边度|邊度|边间|邊間|点样|點樣"
    # (a computation asked for: "内外部加起来算一下", "add them up")
    # (not 算算 or 算下, which "预算算…", "预算下…" write)
    r"|(?<!预)算一下|计算一下|計算一下|加一下|\bwork (?:it|that|this) out\b"
    r"|\badd (?:them|those|these|it) up\b|\bcalculate\b"
    # asked where the answer would stand, in chat, after "and": "and BCG interviewed how many
    # stakeholders" (not "trying to explain to a colleague how much goes to priorities")
    # ("plus E5 gets how much" would be read as a sum: left to the message)
    r"|^(?:and|also)\s+[^.?!]{0,60}?\bhow (?:many|much)\b"
    # a request said as a statement: "I'd also like to know P4's budget", "我还想知道P4的预算"
    # (not of the asker's own plans: "want to check if i can go" says why it is asked)
    r"|\b(?:like|love|want|need|wish) to (?:know|see|find out|check|confirm)\b"
    r"(?! (?:if|whether) (?:i|we|i'm|we're)\b)|\bwonder"
    r"|\bcurious (?:about|to|whether|if)\b|想知道|想了解|想问|想確認|想确认|告诉我|告訴我",
    re.IGNORECASE,
)
STATEMENT_MIN_WORDS = 3
# A correction of the question before ("What is P3's budget? I mean the statistics theme.",
# "No wait, P1.", "不对，我是说P5。"): part of what is asked, never set aside.
_CORRECTS = re.compile(
    r"(?P<int>(?:(?:no|nope|sorry|oops|wait|actually|not that one)\b[,!.]?\s*"
    r"|(?:不对|不對|对不起|對不起|抱歉|不是|等等)[，,！!。.]?\s*)*)"
    r"(?P<mark>(?:i mean|i meant|that is|i\.e\.|specifically|to be precise|more precisely)\b"
    r"|我是说|我是說|我指的是|我的意思是|准确地说|準確地說|确切地说|確切地說)?",
    re.IGNORECASE,
)


def _read_correction(text: str) -> tuple[str, bool] | None:
    """What a sentence corrects the question before with, and whether it names the line
    meant instead; None when it is no correction."""
    found = _CORRECTS.match(text.strip())
    if found is None or not (found["int"] or found["mark"]):
        return None
    said = text.strip()[found.end() :].strip(" ,，:：.。!！")
    only_a_line = _LINE_CODE.fullmatch(said) is not None
    if not said or (not found["mark"] and not only_a_line):
        return None  # "Sorry, thanks!", "No worries": no correction
    return said, only_a_line


# The words of an English question that only ask a computation of figures said before:
# "total across both?", "so how many were added along the way?".
_COMPUTATION_ONLY_WORDS = frozenset(
    "how many much total in across both all together combined altogether so and then the a "
    "were was is are did does do added add increase increased grew grow rise rose along way "
    "difference sum what whats s by percent percentage of them it they that those these two "
    "over more less roughly about approximately overall plus up".split()
)


# A sum asked of several things said before ("total across both?", "两场加起来").
_SEVERAL_ADDED = re.compile(
    r"\b(?:both|together|combined|altogether|sum|plus|added up|add up)\b"
    r"|加起来|加起來|合计|加埋|两者|兩者"
)
# A record that tells of a rise ("initially 40 …, eventually growing to 65", "从40人增加到65人").
_RISE_IN_RECORD = re.compile(
    r"\b(?:initially|eventually|grew|growing|grown|rose|risen|increased|up from)\b"
    r"|\bfrom [\d,.]+ to [\d,.]+"
    r"|从[\d,.]+[^，。；]{0,8}(?:增加|增长|上升|提高)到|增至|增长到|增加到"
)


def _asks_only_a_computation(part: str) -> bool:
    """Whether an English question names nothing but a computation ("total across both?")."""
    words = re.findall(r"[a-z]+", normalize(part))
    return bool(words) and not is_chinese(part) and set(words) <= _COMPUTATION_ONLY_WORDS


# What is asked, named as what something has, without a question word: "deadline for the
# second round of comments", "IDI: date of the final consultation".
_ATTRIBUTE_OF = re.compile(
    r"(?:^|[:：]\s*)(?:the\s+)?(?:deadline|date|budget|cost|venue|number|name|purpose|value"
    r"|amount|share|percentage)s?\s+(?:for|of)\b",
    re.IGNORECASE,
)


def _is_statement(part: str) -> bool:
    """Whether a part of a message only says something ("I count six but want to be sure"),
    not asks it; a bracketed note ("(financial risk mitigations)") or a word or two are
    neither."""
    text = part.strip()
    if not text or text.startswith(("(", "（")) or _ASKS.search(text):
        return False
    if _read_correction(text) is not None:
        return False
    if text.endswith(("?", "？")) and read_fact_operation(normalize(text)) is not None:
        return False  # ("… and to the 'Space' talk? total across both?": a sum asked)
    if _ATTRIBUTE_OF.search(text):
        return False  # ("IDI methodology: deadline for the 2nd round of comments, and …")
    if is_chinese(text):
        return len(re.findall(r"[\u4e00-\u9fff]", text)) >= QUESTION_MIN_CHARS
    return len(re.findall(r"[\w'-]+", text)) >= STATEMENT_MIN_WORDS


def without_context_clause(
    text: str, names_no_subject: Callable[[str], bool], names_a_subject: Callable[[str], bool]
) -> str:
    """A message without a short clause before a colon that only says why it is asked
    ("Prepping a risk review: what are the main operational risks …", "For a briefing note:
    …"), where the question after it names its own subject; else as written. A clause with a
    figure, a code or a name in it may qualify the question ("For 2024: …", "P3: …") and
    stays."""
    head, colon, rest = text.partition(":")
    if not colon:
        head, colon, rest = text.partition("：")
    if (
        colon
        and rest.strip()
        and is_chinese(head)
        and _WHY_IT_IS_ASKED_ZH.search(head)
        and len(re.findall(r"[\u4e00-\u9fff]", head)) <= CONTEXT_CLAUSE_MAX_CHARS
        and not re.search(r"\d", head)
        and not _ASKS.search(head)
        and not names_a_subject(head)
        and not _POINTS_BACK.search(rest)
        and not names_no_subject(rest)
    ):
        # "早安！DG的開場白想用一個醒目的數字：2022年全球有多少人無法上網？": what the answer
        # is for, in Chinese
        return rest.strip()
    if (
        not colon
        or not rest.strip()
        # (only a clause that says why or how it is asked: "for enablers:", "next year:" and
        # "by region:" say what is asked)
        or not _WHY_IT_IS_ASKED.search(head)
        or len(re.findall(r"[\w'-]+", head)) > CONTEXT_CLAUSE_MAX_WORDS
        or is_chinese(head)
        or _ASKS.search(head)
        or re.search(r"\d", head)
        or any(not _too_common(n) for n in _NAME_TOLD.findall(head))
        # ("The Morocco team asked me: when and where was the workshop?": Morocco's; who
        # asks is read where the question is split)
        or re.search(r"(?<=\s)[A-Z][a-z]", head)
        or re.search(r"\b(?:asked|asks|ask|asking|wants? to know|wondering|told)\b", head)
        or names_a_subject(head)  # "Digital services and applications: what is its budget"
        or _POINTS_BACK.search(rest)
        or names_no_subject(rest)
    ):
        return text
    return rest.strip()


# Things counted per line, most or fewest: "the most themes", "主题最多".
_CLASS_COUNTED = re.compile(
    r"\b(?:most|fewest|least|more|fewer) (?:themes|enablers|priorities|kpis|outputs|outcomes)\b"
    r"|(?:主题|推动因素|重点工作|kpi|指标|输出成果|成果)(?:数量|的数量)?最(?:多|少)"
)
# Budget lines named as such: "which line".
_LINES_NAMED = re.compile(r"\b(?:budget )?lines?\b")
# What a clause says of why or how a question is asked: "prepping a risk review", "for my
# briefing note", "quick one", "sorry, acronyms again", "random trivia".
_WHY_IT_IS_ASKED = re.compile(
    r"\b(?:prep|prepping|preparing|drafting|writing|updating|putting together|working on"
    r"|quick|sorry|hi|hello|hey|fyi|btw|random|trivia|context|background|question|asking"
    r"|need (?:this|it))\b"
    r"|\bfor (?:a|an|my|our|the|this|tomorrow'?s?|today'?s?) (?:[a-z'-]+ ){0,2}(?:briefing|note"
    r"|notes|report|review|meeting|slides?|deck|presentation|email|memo|one-pager|summary"
    r"|newsletter|call)\b",
    re.IGNORECASE,
)
# A context clause before a colon has at most this many words (Chinese: characters).
CONTEXT_CLAUSE_MAX_WORDS = 6
CONTEXT_CLAUSE_MAX_CHARS = 24
# … in Chinese: "DG的開場白想用", "为明天的简报准备", "汇报要用".
_WHY_IT_IS_ASKED_ZH = re.compile(
    r"开场白|開場白|简报|簡報|汇报|匯報|说明里|說明裡|讲话|講話|发言|發言|要用|想用|准备|準備|ppt"
    r"|slides?|deck",
    re.IGNORECASE,
)


def without_leading_statements(
    text: str, names_no_subject: Callable[[str], bool] | None = None
) -> str:
    """A message without the sentences it opens with that only tell something ("我哋部門想搞
    個退修營。"), before the sentence that asks; else as written. The sentence just before is
    kept where the question points back to it or (`names_no_subject`) names nothing of its
    own ("We track cybersecurity. What's the budget?")."""
    sentences = [s for s in _TOLD_SENTENCE_END.split(text.strip()) if s.strip()]
    kept = list(sentences)
    while len(kept) > 1 and _is_statement(kept[0]):
        kept.pop(0)
    # (what the question asks, without what it only tells after: "… budget again? My manager
    # said it in the meeting" points back to nothing before)
    rest = without_trailing_statements(" ".join(kept))
    if len(kept) < len(sentences) and (
        _POINTS_BACK.search(rest) or (names_no_subject is not None and names_no_subject(rest))
    ):
        # (the question points back to what the sentence before it tells: "… BCG helped lay
        # the groundwork. How many stakeholders did they interview?" keeps BCG)
        kept.insert(0, sentences[len(sentences) - len(kept) - 1])
    return " ".join(kept) if len(kept) < len(sentences) else text


# Where a sentence that tells ends: a Chinese full stop or exclamation mark, or an English one
# before the next sentence (a question mark ends a question).
# (or an acronym: "Hi, first week at BDT. What's the total budget?")
_TOLD_SENTENCE_END = re.compile(
    r"(?<=[。！!])|(?:(?<=[a-z0-9)'\"”’][.!])|(?<=[A-Z][A-Z][.!]))\s+(?=[A-Za-z])"
)


def without_kpi_mentioned(text: str) -> str:
    """A message whose first clause names a KPI only to say what the question after it is
    about ("For the NETP-related KPIs, which two countries …", "跟GCI那个KPI相关，数据收集是几
    月启动的？"), with that clause's KPI words left out; else as written."""
    end = _CLAUSE_END.search(text)
    if end is None:
        return text
    head, rest = text[: end.start()], text[end.end() :]
    if not _KPI_MENTIONED.search(head) or _KPI_MENTIONED.search(rest) or not rest.strip():
        return text
    about = _KPI_MENTIONED.sub(" ", head)
    if not _NAMES_SOMETHING.search(_CONNECTING.sub(" ", about)):
        return text  # "For the KPIs, what's the 2024 target?": the KPIs are what it is about
    return f"{about.strip()}{end.group()} {rest.strip()}"


# A KPI named in a clause ("the ITU Academy users KPI", "那个KPI", "呢個指標"), and where a
# clause ends.
_KPI_MENTIONED = re.compile(
    r"(?:那个|那個|这个|這個|呢个|呢個)?\s*(?:关键绩效指标|關鍵績效指標|指标|指標)"
    r"|(?<![a-z])kpis?(?![a-z])|\bindicators?\b",
    re.IGNORECASE,
)
_CLAUSE_END = re.compile(r"[:：，,。;；—–]|\.(?=\s)")
# The words that only lead to what a clause is about ("for the", "跟…相关"), and a word that
# names something.
_CONNECTING = re.compile(
    r"\b(?:on|for|about|the|re|regarding|related|with|of|a|an|there's|there|is|are|all|our"
    r"|these|those|this|that)\b|-related|跟|和|与|关于|關於|相关|相關|有关|有關|方面|的",
    re.IGNORECASE,
)
_NAMES_SOMETHING = re.compile(r"[A-Za-z0-9][A-Za-z0-9-]+|[\u4e00-\u9fff]{2,}")


def without_trailing_statements(text: str) -> str:
    """The message without what follows its last question when that only says something
    ("Need it for a comms piece.", "I count six but want to be sure") or asks whether what it
    says is right ("I heard E1, is that right?")."""
    chunks = _QUESTION_END.split(text)
    kept = list(chunks)
    # (or asks only whether what the asker says is right: "Which line has the smallest
    # budget? I heard E1, is that right?" — the answer says; the figure heard would find its
    # own record: "How many staff took part in the retreat? I heard 40" is no visioning)
    while len(kept) > 1 and (
        _is_statement(kept[-1]) or _CONFIRMS_WHAT_IT_SAYS.match(kept[-1].strip())
    ):
        kept.pop()
    return " ".join(kept) if len(kept) < len(chunks) else text


# An amount asked in Swiss francs of something, and amounts given in francs or in another
# currency.
_IN_FRANCS_ASKED = re.compile(
    r"(?:换算成|折合|合|等于)(?:多少)?(?:瑞郎|瑞士法郎)"
    r"|\b(?:converted|convert it|worth) (?:in|into|to) (?:chf|swiss francs)\b"
    r"|\bin (?:chf|swiss francs)\b"
)
_FRANCS_GIVEN = re.compile(r"\bchf\b|瑞郎|瑞士法郎|swiss francs?", re.IGNORECASE)
_OTHER_MONEY_GIVEN = re.compile(
    r"\b(?:eur|usd|euros?|dollars?)\b|[€$]|欧元|歐元|美元", re.IGNORECASE
)
# A bracketed aside that asks ("那个务虚会（2018年的？）"): kept, as the asker's words of what is
# meant, without its question mark, which ends no question.
_ASKED_ASIDE = re.compile(r"(?P<open>[（(])(?P<aside>[^（）()]{1,80}?)[?？]+\s*(?P<close>[）)])")
# An English name guessed in a Chinese aside ("英文是不是叫capacity development task force"):
# the asker's doubt, whose words would name another thing (P3's capacity development theme).
_NAME_GUESSED = re.compile(r"(?:英文|叫)[^（）()]*[A-Za-z]{3,}")


def _without_its_question_mark(aside: re.Match[str]) -> str:
    if _NAME_GUESSED.search(aside["aside"]):
        return ""
    return f"{aside['open']}{aside['aside']}{aside['close']}"


# A sentence that only tells, then the question: "My manager mentioned the MEC in a meeting.
# What is it, and what did it replace?"
_SENTENCE_TOLD = re.compile(r"^(?P<told>[^?？.。!！]+[.。!！])\s*(?P<asked>\S.*)$", re.DOTALL)
# … or told in sentences ended by a dash before "what does that stand for" ("Colleagues keep
# talking about 'ATCs' - what does that stand for?")
_TOLD_BEFORE_THAT = re.compile(
    r"^(?P<told>[^?？]+?)\s[-–—]\s*(?P<asked>what(?: does|'s| is) (?:that|it)\b.*)$",
    re.DOTALL | re.IGNORECASE,
)
# A name a Chinese message says was heard, then asked of with "this": "有人提到“学习实验室”，这是
# 个啥？", "開會成日聽到RBM，那是什麼意思？"
_HEARD_ZH = re.compile(
    r"^[^，,。？?]{0,20}?(?:提到|提起|说起|說起|讲到|講到|说到|說到|听到|聽到|听说|聽說|看到|讲|講|说|說)"
    r"(?:过|過|了)?(?:的)?\s*(?P<name>[“\"「『][^”\"」』]{2,20}[”\"」』]|[A-Za-z][A-Za-z0-9-]+)"
    r"\s*[，,。]\s*(?:这|這|那|它)(?:个|個)?(?P<asked>(?:到底|究竟)?(?:是|係)[^，,。？?]{0,8}[？?].*)$",
    re.DOTALL,
)
# Where the asker comes from: "I joined BDT last week from UNDP", "coming from UNICEF".
_ASKER_FROM = re.compile(
    r"\b(?:joined|came|coming|moved|moving|transferred|seconded)\b(?:\s+[\w-]+){0,4}?\s+from"
    r" (?:the )?[A-Z][A-Za-z-]+\b"
)
# A name told: an acronym or a name of two capitals run together ("MEC", "LearningLabs",
# "ISC-TF"; not ITU or BDT, named by every record).
_NAME_TOLD = re.compile(
    r"(?<![A-Za-z0-9/-])(?:[A-Z]+/)?[A-Z][A-Za-z0-9]*[A-Z][A-Za-z0-9]*(?:-[A-Z0-9]+)?"
    r"(?![A-Za-z0-9/-])"
    # (with the capitalised words it runs on into: "the DT Lab", "the MEC Secretariat")
    r"(?:\s+[A-Z][a-z]+)*"
)
# What company or body a name is, asked: "苹果是哪家公司？" (normalised: 蘋果係邊間 is 苹果是哪家).
_WHICH_COMPANY_IS = re.compile(
    r"^(?P<name>[^，,。？?\s]{1,16}?)\s*(?:到底|究竟)?(?:指的|所指的)?是(?:哪家|哪个|什么)"
    r"(?:公司|机构|组织|企业|单位)[呢啊呀]?\s*[?？]?\s*$"
)
# A Chinese question with this many words of content names a subject of its own.
ZH_SUBJECT_MIN_GRAMS = 3
# A Chinese term this long named in a record's title makes the record about it.
ZH_TITLED_TERM_MIN_CHARS = 3
# Risk management, the practice ("what was done on risk management", "风险管理政策"), or a
# venture fund ("独联体区域风险基金"): no risk of the table is asked for.
_RISK_MANAGEMENT = re.compile(r"\brisk management\b|风险管理|风险(?:基金|投资|资本)")
# ... unless the question asks of the table too: its risks, ratings or measures ("风险管理表里有哪
# 些风险", "the risk management plan for lack of funding").
_OF_THE_RISK_TABLE = re.compile(
    r"\brisks?\b|风险|\b(?:table|matrix|rated|ratings?|probability|impact|highest|measures?|plans?"
    r"|response|actions?|section|strategy)\b|表|概率|影响|措施|应对|最高"
)
# ... or of one risk: "risk management for lack of funding", "资金不足的风险管理"
_MANAGING_A_RISK = re.compile(r"\brisk management (?:for|of|against)\b|的风险管理")


def _asks_of_risk_management_only(normalized: str) -> bool:
    """Whether a question names risk management, the practice, and nothing of the risk table."""
    if not _RISK_MANAGEMENT.search(normalized) or _MANAGING_A_RISK.search(normalized):
        return False
    return _OF_THE_RISK_TABLE.search(_RISK_MANAGEMENT.sub(" ", normalized)) is None


# What is told of a name that opens the message: "RBM keeps coming up in meetings - what is it?"
_TOLD_OF = re.compile(
    r"['\"’”]?\s+(?:keeps|kept|comes|came|pops|popped|appears|appeared|is|was|has been)\b"
)
_NAMES_TOO_COMMON = frozenset({"ITU", "BDT", "UN", "ITU-D", "OK", "FYI", "KPI", "KPIs"})
_IT_EN = re.compile(
    r"\b(?:it|its)\b|(?<=\bwhat does )that\b(?= (?:stand|mean|refer))"
    r"|(?<=\bwhat is )that\b|(?<=\bwhat's )that\b"
    # "Someone talked about 'the three pillars' of the vision. What are they?"
    r"|(?<=\b[Ww]hat are )they\b|(?<=\b[Ww]hat were )they\b"
)
_IT_ZH = re.compile(r"它")
# An amount asked of "it": "what is it in Swiss francs", "它折合多少瑞郎".
_AMOUNT_OF_IT = re.compile(
    r"\bin (?:chf|swiss francs?|francs|euros?|eur|usd|dollars)\b|\bhow much\b|\bworth\b"
    r"|瑞郎|法郎|折合|多少钱|多少錢",
    re.IGNORECASE,
)
# A share or an amount told: what "that" asked of after it stands for.
_SHARE_OR_AMOUNT_TOLD = re.compile(
    r"\d+(?:\.\d+)?\s*(?:%|percent\b|per cent\b)|\b(?:chf|eur|usd)\s*\d", re.IGNORECASE
)


# A name quoted in a title: "'Digital Skills for Life'", "“Space, the next generation”".
_QUOTED_NAME = re.compile(r"[\"“‘'][^\"“”‘’']{2,60}[\"”’']")
# A definition asked by its noun alone: "definition of blockchain", "def of RBM pls", "the
# meaning of ITU as One?" (asked as "what is …", so that a record titled "Definition of …"
# of something else is no answer).
_DEFINITION_OF = re.compile(
    r"^\s*(?:(?:so|and|ok|okay),?\s+)?(?:the\s+)?(?:definition|def|defn|meaning)\s+of\s+"
    r"(?:the\s+term\s+)?(?P<term>[^?,;？]+?)"
    r"(?P<rest>\s*(?:\?|,?\s*(?:pls|please|thanks))?\s*|\s*(?P<zh>是什[么麼]|是啥|什[么麼]意思)\s*[?？]?\s*)$",
    re.IGNORECASE,
)


def with_what_is(text: str) -> str:
    """A message that asks a definition by its noun alone, as "What is …?"."""
    asked = _DEFINITION_OF.match(text)
    if asked is None:
        return text
    term = asked["term"].strip()
    return f"{term}是什么？" if asked["zh"] else f"What is {term}?"


def with_name_told_before(text: str) -> str:
    """A message that tells a name in a sentence of its own, then asks of "it": the question,
    with the name for "it" ("What is MEC, and what did MEC replace?"); else as written. What
    is told may run over several sentences, or end in a dash ("Colleagues keep talking about
    'ATCs' - what does that stand for?"); an agency the asker comes from is no name told."""
    dashed = _TOLD_BEFORE_THAT.match(text.strip())
    told = dashed or _SENTENCE_TOLD.match(text.strip())
    if told is None or not _is_statement(told["told"]):
        return text
    names = {_singular(n) for n in _NAME_TOLD.findall(told["told"]) if not _too_common(n)}
    if len(names) > 1:
        # (the agency the asker comes from is not the name asked of, beside another)
        said = _ASKER_FROM.sub(" ", told["told"])
        names = {_singular(n) for n in _NAME_TOLD.findall(said) if not _too_common(n)}
    in_quotes = not names
    if not names:
        # a name told in quotes: "Someone referenced 'the Maitland Report' - what is that?"
        quoted = [q.strip("\"“”‘’' ") for q in _QUOTED_NAME.findall(told["told"])]
        names = {re.sub(r"^the ", "", quoted[0])} if len(quoted) == 1 else set()
    ending = told["told"].rstrip(" '\"’”")
    opening = told["told"].lstrip(" '\"‘“")
    if dashed is not None and not any(
        ending.endswith((n, n + "s"))
        or (opening.startswith(n) and _TOLD_OF.match(opening, len(n)) is not None)
        for n in names
    ):
        # ("the GSR-23 guidelines - what is that about?": that is the guidelines, not GSR-23)
        return text
    asked = told["asked"]
    if (
        len(names) != 1
        or any(not _too_common(n) for n in _NAME_TOLD.findall(asked))
        or _LINE_CODE.search(asked)
    ):
        # several names told, or the question names its own ("What is the E5 budget and what
        # share of the total is it?")
        return text
    name = names.pop()
    pointing = _IT_ZH if is_chinese(asked) else _IT_EN
    found = pointing.search(asked)
    if (
        found is not None
        and (found.group() == "that" or _AMOUNT_OF_IT.search(asked))
        and _SHARE_OR_AMOUNT_TOLD.search(told["told"])
    ):
        # ("About 12% of the OP-23 budget is procured externally. Roughly what is that in
        # Swiss francs?": that is the share told, not OP-23; "it" is still the name)
        return text
    if found is None or (found.group() == "they" and not in_quotes):
        # ("I heard about the four sector objectives from WTDC-17. What are they?": they are
        # the objectives, not the acronym; only a name told in quotes is what "they" are)
        return text
    return pointing.sub(lambda m: f"{name}'s" if m.group() == "its" else name, asked)


def _too_common(name: str) -> bool:
    """Whether a name told is one every record names ("ITU", "ITU/BDT")."""
    return all(part in _NAMES_TOO_COMMON for part in name.split("/"))


def _singular(name: str) -> str:
    """An acronym told in the plural as the acronym ("ATCs": ATC)."""
    return name[:-1] if re.fullmatch(r"[A-Z]{2,}s", name) else name


def with_correction_folded_in(text: str) -> str:
    """A message whose last sentence corrects the question before it ("What is the budget of
    P3? I mean the statistics theme.") as one question, the correction in brackets after it
    ("What is the budget of P3 (the statistics theme)?")."""
    chunks = _QUESTION_END.split(text)
    last = chunks[-1].strip() if len(chunks) > 1 else ""
    correction = _read_correction(last) if last else None
    if correction is None:
        return text
    said, only_a_line = correction
    if _ASKS.search(said):
        return text
    before = " ".join(chunks[:-1]).rstrip()
    mark = before[-1] if before.endswith(("?", "？")) else ""
    body = before.rstrip("?？ ")
    named, meant = _LINE_CODE.findall(body), _LINE_CODE.findall(said)
    if len(named) == 1 and len(meant) == 1 and only_a_line:
        # "What is P2's budget? Sorry, I mean P4.": the line meant instead
        return _LINE_CODE.sub(meant[0].upper(), body, count=1) + mark
    return f"{body}（{said}）{mark}" if is_chinese(said) else f"{body} ({said}){mark}"


_LINE_CODE = re.compile(r"(?<![A-Za-z0-9])[PpEe][1-7](?![0-9])")
# A Chinese share asked with no subject after a sum of several things ("政策和监管加上统计数据
# 一共多少钱？占P3的比例是多少？"): the share of that sum, one question ("…一共多少钱，占P3的
# 比例是多少？"), not the share of what the second names alone (P3's of the total); not a share
# asked of the line itself ("P2的预算是多少钱？占总预算的百分之几？", answered as asked), nor
# a question of its own ("占比最大的是哪个").
_SHARE_AFTER_A_SUM = re.compile(
    r"^(?P<sum>[^?？]*(?:加上|加起来|加起來|加在一起|合计|合計|合共|共计|共計|相加)[^?？]*"
    r"(?:多少钱|多少錢|几多钱|幾多錢|多少瑞郎|多少))[?？]\s*"
    r"(?P<share>[占佔](?!比)[^?？]*?(?:比例|百分之[几幾多少]+|[几幾]成|多少)[^?？哪]*[?？]?)\s*$"
)


def with_share_joined(text: str) -> str:
    """A message asking a sum, then its share with no subject, as one question."""
    joined = _SHARE_AFTER_A_SUM.match(text.strip())
    if joined is None or "的是" in joined["share"]:
        return text
    return f"{joined['sum']}，{joined['share']}"


def _asks_something(
    part: str, short: bool = False, terse: bool = False, yes_no: bool = False
) -> bool:
    content = strip_filler(part)
    if is_only_small_talk(part) or not content.strip():
        return False
    if _is_statement(part) and _is_statement(content):
        return False  # a statement: why it is asked, or what the asker knows
    if _NAME_DEFINED_ZH.fullmatch(content.strip()):
        return True  # "DCM是啥？", "PRIDA 係咩？": what a name is, however short
    if is_chinese(content):
        # "ATC是什么？": a Latin word counts as two characters
        latin = len(re.findall(r"[A-Za-z0-9][\w'-]*", content))
        # (a yes-or-no question may be shorter: "收钱了吗？"; with `short`, so may one asking a
        # line's budget or KPIs: "預算多少？", "預算呢？" — not "在哪裡開？", "为期几年？", asked
        # of what came before and answered by the message as a whole)
        of_a_line = re.search(
            r"预算|預算|经费|經費|资金|資金|kpi|指标|指標", content, re.IGNORECASE
        )
        if short and of_a_line and re.search(r"多少|几|幾|什么|什麼|哪|[呢吗嗎][?？]?\s*$", part):
            least = 2
        elif (
            re.search(r"[吗嗎][?？]?$", content)
            # (with `yes_no`, a yes or no asked in Cantonese: "有冇收錢㗎？")
            or (
                yes_no
                and re.match(r"(?:有冇|有没有|有沒有|係咪|係唔係|是不是|會唔會|会不会)", content)
            )
            or (terse and _WHO_WHERE_WHEN_ZH.search(content))
        ):
            least = QUESTION_MIN_CHARS - 1
        else:
            least = QUESTION_MIN_CHARS
        return len(re.findall(r"[\u4e00-\u9fff]", content)) + 2 * latin >= least
    return len(re.findall(r"[\w'-]+", content)) >= QUESTION_MIN_WORDS


# A Chinese question of what a name in Latin letters is: "DCM是啥？", "PRIDA 係咩？".
_NAME_DEFINED_ZH = re.compile(
    r"[A-Za-z][\w'/-]*\s*(?:是|係|系)\s*(?:啥|咩|乜嘢|乜|什么|什麼|甚麼|甚么)"
    r"(?:东西|東西|嚟㗎|嚟|来的|來的|意思)?\s*[?？]?"
)
# A Chinese question of who, where or when.
_WHO_WHERE_WHEN_ZH = re.compile(r"谁|誰|哪[里裡儿兒天年]|什[么麼]时候|什[么麼]時候|几时|幾時")


# A message that opens by asking what a name written in capitals is, and asks more: "What's
# DCM, and how many visits …", "what is IDI, and what level of approval …".
_ASKS_WHAT_A_NAME_IS = re.compile(
    r"^(?:what|wat)(?:'s| is| was| were)\s+"
    # ("what was the old CoE programme and what happened to it?")
    r"(?:the\s+(?:old\s+|former\s+|new\s+)?(?=\S+\s+(?:programme|program|project|initiative"
    r"|network|platform|tool|index|centre|center)\b))?"
    r"(?P<name>(?-i:[A-Z][A-Za-z0-9-]*[A-Z0-9][A-Za-z0-9-]*))"
    r"(?:\s+(?:programme|program|project|initiative|network|platform|tool|index|centre|center))?"
    r"\s*(?:,\s*and\b|\?\s*(?:and\s+)?\S|\s+and\s+(?:what|when|who|how|why|where|which)\b)",
    re.IGNORECASE,
)
# A topic asked of ("里面有没有关于女性的"): among the KPIs the question before counted.
_ABOUT_ZH = re.compile(r"关于|有关|涉及|相关")
# A value asked of what happened ("what % … were women in 2023", "how many … opened"), not
# what a KPI measures ("which percentage is measured by E3-DI-7").
_MEASURED = re.compile(r"\b(?:measur|track|monitor|gaug)\w*|衡量|测量|计量|跟踪")
_VALUE_ASKED = re.compile(
    r"^(?:what|which) (?:%|percent(?:age)?|share|proportion|fraction) (?:of )?[^?]*\b(?:were|was"
    r"|are|is)\b|^how many\b[^?]*\b(?:were|was|did|have|has)\b"
)
# A question of what stands under something said before: "下面有啥主题", "其中哪个最大".
_UNDER_IT = re.compile(r"^(?:那|它|它的)?(?:下面|底下|下边|其中|里面)")
# A theme named as such: "that theme's budget", "这个主题".
_THEME_WORD = re.compile(r"\bthemes?\b|主题")
# Words that open a question, capitalised only for being first.
_QUESTION_OPENERS = frozenset(
    "what which who whom whose when where why how is are was were do does did can could"
    " would will should has have had hi hey hello please pls quick i".split()
)


def _covers(whole: Answer, part: Answer) -> bool:
    """Whether an answer gives the budget lines or KPIs another gives (E3 among the largest
    and the smallest enabler; E4's KPIs, counted, among E4's KPIs listed)."""
    mine, theirs = _items(whole), _items(part)
    return bool(theirs) and theirs <= mine


def _items(answer: Answer) -> set[str]:
    """The budget lines and KPIs an answer gives."""
    lines = {f.subject.code for f in answer.parts.get("figures", [])}
    kpis = {k.code for group in answer.parts.get("groups", []) for k in group.get("kpis", [])}
    return lines | kpis


# The kinds of figure a decline of a computation may say it has none of.
_FIGURES = frozenset({PERCENT, AMOUNT, COUNT})
# What a fact must state to answer an operation it cannot be worked out in: a share or a
# growth in percent, an average, a multiple.
_RESULT_STATED = {
    "share": re.compile(r"\d\s*%|percent|百分|\bhalf\b|\bthirds?\b|\bquarters?\b|分之|一半"),
    GROWTH: re.compile(r"\d\s*%|percent|百分|倍|\bdoubl|\btripl"),
    "average": re.compile(r"\baverage|\bon average\b|\bmean\b|平均"),
    RATIO: re.compile(r"\btimes\b|倍|\bdoubl|\btripl|\bhalf\b|一半"),
}


def _states_result(fact: Any, operation: str) -> bool:
    """Whether a fact states a figure of the kind an operation asked of it gives (any, for an
    operation with no kind of its own: a sum, a difference)."""
    stated = _RESULT_STATED.get(operation)
    return stated is None or any(
        stated.search(t) for t in (fact.text_en.lower(), fact.text_zh, fact.title_en.lower())
    )


def _numbered(text: Any) -> set[tuple[str, str]]:
    """The numbered bodies a text (or a fact's titles) names: ("sg", "1") for Study Group 1
    or 第1研究组, ("annex", "5") for Annex 5 or 附件5."""
    if not isinstance(text, str):
        text = normalize(f"{text.title_en} {text.title_zh}")
    found = set()
    for m in _NUMBERED_PART.finditer(text):
        kind = next(k for k, v in m.groupdict().items() if v is not None)
        found.add((kind.rstrip("_z"), m[kind]))
    return found


def _another_numbered(fact: Any, asked: set[tuple[str, str]]) -> bool:
    """Whether a fact is titled by a numbered part of a kind the question names by number,
    another than asked ("Annex 2" where Annex 5 is asked; any annex where none is)."""
    kinds = {kind for kind, _ in asked}
    return any(kind in kinds and (kind, n) not in asked for kind, n in _numbered(fact))


def _names_a_deputy(fact: Any) -> bool:
    return _DEPUTY.search(normalize(f"{fact.title_en} {fact.title_zh}")) is not None


def _regions_in(normalized: str) -> set[str]:
    """The ITU regions a normalised text names, each by one name ("African" as Africa)."""
    return {_REGION_KEY.get(m.lower(), m.lower()) for m in _REGION.findall(normalized)}


def _titled_regions(fact: Any) -> set[str]:
    return _regions_in(normalize(f"{fact.title_en} {fact.title_zh}"))


def _fact_misses_a_region(q: Question, fact: Any) -> bool:
    """Whether a question names an ITU region that a fact never names, in its titles, texts,
    tags or keywords."""
    asked = _regions_in(q.normalized)
    if not asked:
        return False
    texts = " ".join(
        [fact.title_en, fact.title_zh, fact.text_en, fact.text_zh, *fact.tags, *fact.keywords_zh]
    )
    named = _regions_in(normalize(texts))
    missing = asked - named
    if "asia" in missing and (not named or "asia-pacific" in named):
        # ("亚洲的电子农业战略": Papua New Guinea's, whose record names no region; never
        # Africa's)
        missing.discard("asia")
    return bool(missing)


def _spells_out_nothing(answer: Answer) -> bool:
    """Whether a definition of an acronym shown beside another's record has no long form to
    give in its language: "UNSCDF" spelled out only in a Chinese text."""
    if answer.kind is not AnswerKind.DEFINITION or not answer.parts.get("fact"):
        return False
    acronym = answer.parts["acronym"]
    return not (acronym.en or (answer.lang == "zh" and acronym.zh))


def _misses_a_sector(q: Question, answer: Answer) -> bool:
    """Whether a question asks of another ITU sector ("List the ITU-T study groups",
    "ITU-R的研究组") that the fact found never names: the plan's records are ITU-D's."""
    asked = {_SECTOR_KEY[m[0]] for m in _SECTOR_NAMED.finditer(q.normalized)}
    if not asked or answer.kind is not AnswerKind.FACT:
        return False
    fact = answer.parts["fact"]
    texts = normalize(" ".join([fact.title_en, fact.title_zh, fact.text_en, fact.text_zh]))
    held = {_SECTOR_KEY[m[0]] for m in _SECTOR_HELD.finditer(texts)}
    return not asked <= held


def _with_worked_out(whole: Answer, worked: Answer, questions: list[str]) -> Answer:
    """The message's answer and a figure worked out beside it, as one answer of two parts
    (each asked as `questions` says)."""
    return Answer(
        kind=AnswerKind.MULTI,
        lang=whole.lang,
        answered=True,
        confidence=min(whole.confidence, worked.confidence),
        parts={"answers": [whole, worked], "questions": questions},
        sources=dedupe_sources([*whole.sources, *worked.sources]),
    )


def _same_record(one: Answer, other: Answer) -> bool:
    """Whether two answers say the same: one record, or the same kind and text parts."""
    if one is other:
        return True
    mine_fact, their_fact = one.parts.get("fact"), other.parts.get("fact")
    if (
        one.kind is AnswerKind.DEFINITION is other.kind
        and one.parts["acronym"].short != other.parts["acronym"].short
    ):
        return False  # "EGTI和EGH分别是什么": one record may spell out two names asked
    if mine_fact is not None and their_fact is not None and mine_fact.key == their_fact.key:
        # a fact, and a figure computed in it; two figures computed in it are two answers
        return one.parts.get("op") == other.parts.get("op") or AnswerKind.COMPUTE not in (
            one.kind,
            other.kind,
        )
    mine = one.record or _to_answer_record(one)
    theirs = other.record or _to_answer_record(other)
    if mine is not None or theirs is not None:
        return mine == theirs
    return one.kind is other.kind and one.parts == other.parts


def _to_answer_record(answer: Answer) -> str | None:
    """The one record an answer made by a route other than the search comes from (a KPI, a
    fact that defines a term, one priority's overview, one risk); None for several or none."""
    parts = answer.parts
    if answer.kind in (AnswerKind.FACT, AnswerKind.DEFINITION) and parts.get("fact") is not None:
        return to_record("fact", parts["fact"].key)
    if answer.kind is AnswerKind.FAQ:
        return to_record("faq", parts["faq"].key)
    if answer.kind is AnswerKind.DEFINITION and parts.get("spelled") is not None:
        return str(parts["spelled"].record)
    if answer.kind is AnswerKind.KPI_DETAIL:
        return to_record("kpi", parts["kpi"].code)
    items = parts.get("items", [])
    if answer.kind is AnswerKind.RISK and len(items) == 1:
        return to_record("risk", items[0]["risk"].code)
    if answer.kind is AnswerKind.OVERVIEW and len(items) == 1:
        subject = items[0]["subject"]
        kind = "priority" if items[0]["priority"] is not None else "theme"
        return to_record(kind, subject.code) if subject.code != TOTAL_CODE else None
    return None
