"""Record answers: a subject's overview, its KPIs, outcomes and outputs, and risks."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence, Set
from dataclasses import dataclass, replace
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from rapidfuzz import fuzz

from knowledge.answering._budget_answers import BudgetAnswers
from knowledge.answering.answer import Answer, AnswerKind, SourceRef
from knowledge.answering.answerability import (
    COUNT,
    DIFFERENCE,
    RATIO,
    list_named_words,
    read_wanted,
)
from knowledge.answering.calibration import DISTINCTIVE_MIN_WEIGHT, NAMED_MIN_WEIGHT
from knowledge.answering.computations import RATIO_PLACES, to_rounded
from knowledge.answering.figures import (
    BudgetFigure,
    dedupe_sources,
    get_budget_figure,
    list_subjects,
    to_percentage,
    to_source,
    to_subject,
)
from knowledge.answering.lists import asks_for_items
from knowledge.answering.matching import Entry, Hit, QueryTerms, SearchIndex, to_query_terms
from knowledge.answering.snapshot import Knowledge
from knowledge.answering.text import EN_STOPWORDS, is_chinese, normalize, stem
from knowledge.answering.thresholds import (
    ALL_RISKS_CONFIDENCE,
    CERTAIN,
    KPI_LIST_NAMED_EXPLAINED,
    KPI_OWNER_MIN_COVERAGE,
    KPI_TOPIC_COVERED,
    KPI_TOPIC_MIN_COVERAGE,
    NOTHING_FOUND,
    RISK_MIN_COVERAGE,
    SEARCH_HIT_BASE,
    SOME_RISKS_CONFIDENCE,
    TIE_MARGIN,
    WHOLE_STORE_CONFIDENCE,
)
from knowledge.answering.understanding import Question, Target, list_glosses
from knowledge.store import models
from knowledge.store.record_refs import to_record

# "Which priority has a KPI on …", "这个KPI属于哪个主题": the question asks whose a KPI is;
# "which KPI tracks women at meetings", "is there a KPI on IPv6", "哪个指标与女性有关": it asks
# which KPI speaks of something. Either way one KPI's text has to explain it.
KPI_OWNER_QUESTION = re.compile(
    r"\b(?:which|what) (?:itu-d |bdt |op-23 |budget )?(?:priority|priorities|theme|themes"
    r"|enabler|enablers)\b|\bunder which\b"
    # "which line of the framework has a KPI on …", "which KPI area covers …"
    r"|\b(?:which|what) (?:kpi |op-23 |budget )?(?:line|lines|area|areas)\b"
    # "do we track X anywhere in the KPIs": whether a KPI speaks of it, and whose
    r"|\b(?:do|does) (?:we|they|bdt|itu|itu-d) (?:\w+ )?(?:track|measure|monitor|count)\b"
    # "衡量新成员数量的指标放在哪一项下面", "归在哪个重点工作底下"
    r"|(?:放|归|列)在哪|哪(?:一)?项(?:下面|底下|之下)"
    r"|\bbelongs? to\b|\bsits? under\b|\bfalls? under\b"
    r"|\bwhere (?:does|do|would) [^?]{1,60}\b(?:belong|sit|fall|go)\b"
    r"|哪(?:个|项|一项|一个)?(?:重点工作|主题|推动因素|优先事项)"
    # "係邊個 E 嘅 KPI", "which E is it under": a line named by its letter
    r"|哪(?:个|一个)?\s*[pe]\s*(?:的|之)\s*(?:kpi|指标|关键绩效指标)(?!\s*(?:最|比较|较|更))"
    r"|\b(?:which|what) [pe] (?:is|are|was) (?:it|that|this|they) (?:under|in|from|part of)\b"
    # "係P幾", "係邊度嘅KPI" (whose KPI is it), "is that a priority or an enabler"
    r"|是\s*[pe]\s*几(?![个项条])|是哪里的\s*(?:kpi|指标|关键绩效指标)"
    r"|\b(?:an? )?priority or (?:an? )?enabler\b|\ban? enabler or (?:an? )?priority\b"
    r"|属于(?:itu-d|bdt|op-23|国际电联|电信发展局)?\s*哪|归属|归哪"
    r"|\b(?:which|what) (?:kpi|indicator|metric)s? (?!(?:do|does|are|is|has|have)\b)"
    r"|\b(?:is|are) there (?:a|an|any) (?:kpi|indicator|metric)s? (?:on|about|for|that|which)\b"
    r"|哪(?:个|些|项|一项|一个)(?:kpi|指标|关键绩效指标)|有没有[^，。？?]{0,12}(?:kpi|指标)"
    # "what does the P3 KPI on regulatory generations count": a KPI named by its topic, asked
    # what it measures (not a value of it: "the 2024 target of the KPI on …")
    r"|\bwhat (?:does|do) (?:the |its |their )?[^?]{0,60}\b(?:kpi|indicator|metric)s? (?:on|about"
    r"|concerning|regarding|for|mentioning|naming|citing|referring to|that mentions|with)\b"
    r"[^?]{1,60}\b(?:count|measure|track|cover|monitor)\b"
)

# A line described by what belongs to it ("the budget of the theme it belongs to"): named,
# not asked.
_LINE_IT_BELONGS_TO = re.compile(
    r"\b(?:theme|priority|line|enabler|area)s? (?:that |which )?(?:it|this|that|they"
    r"|this kpi|that kpi|the kpi) (?:belongs?|falls?|sits?|comes?) (?:to|under|in|within)\b"
)


def asks_whose_kpi(normalized: str) -> bool:
    """Whether a question asks which line, theme or KPI something belongs to."""
    return KPI_OWNER_QUESTION.search(_LINE_IT_BELONGS_TO.sub(" ", normalized)) is not None


# The verbs and particles of "which KPI measures / tracks / is about X", "与X有关的指标".
# "Which KPIs …", "what indicators …", "哪些指标": several KPIs asked for.
_KPIS_ASKED = re.compile(
    r"\b(?:which|what|any|all|list(?: all)?(?: the)?) (?:kpis|indicators|metrics)\b"
    r"|哪些(?:kpi|指标|关键绩效指标)|(?:kpi|指标)有哪些"
)
# "Which priority has a KPI on …": the line is asked, not named.
_ASKS_WHICH_LINE = re.compile(
    r"\b(?:which|what)\b[^?]{0,20}\b(?:priority|priorities|theme|themes|enabler|enablers"
    r"|line|lines)\b|\b(?:which|what) [pe]\b(?![\-\d.])"
    r"|哪个|哪一|哪些(?:重点工作|主题|推动因素)|属于哪|归属|归哪|(?:放|归|列)在哪"
)
# "just the number", "count only", "no need to list them", "只要数字": the count alone.
_ONLY_THE_NUMBER = re.compile(
    r"\b(?:just|only) (?:the )?(?:number|count|figure|total)\b"
    r"|\b(?:number|count|figure) only\b|\bno need to list(?: them| it| the kpis)?\s*[.!?]*$"
    r"|\bno list\b|\bdon'?t (?:need to )?list(?: them| it)?\s*[.!?]*$"
    r"|只(?:要|说|给)(?:个)?(?:数字|个数|数量|数目)|不(?:用|需要|必)列(?:出来|了)?(?=[，。！!？?]|$)"
)


def asks_only_the_number(normalized: str) -> bool:
    """Whether a message asks for a count alone ("just the number", "只要数字就好"; not "not
    just the number", "不要只给数字"), of a line's KPIs (not of the KPIs on a topic, "how many
    KPIs mention youth? just the number", whose list says which they are)."""
    return (
        _ONLY_THE_NUMBER.search(normalized) is not None
        and not _NOT_ONLY.search(normalized)
        and not _ON_A_TOPIC.search(normalized)
    )


# KPIs asked of by what they are about: "mention youth", "提到青年", "on women".
_ON_A_TOPIC = re.compile(r"\bmention|\babout\b|\bon\b|\bregarding\b|提到|关于|有关|相关|涉及")


# "not just the number", "don't want only the count", "不要只给数字", "不只要数字".
_NOT_ONLY = re.compile(
    r"\bnot (?:just|only)\b|\b(?:don'?t|do not) want\b|\bwon'?t do\b|\b(?:is not|isn'?t) enough\b"
    r"|不要只|不只"
)


# The words that ask where a KPI stands, not what it measures: "which line of the OP-23
# framework", "in the KPIs anywhere", "放在哪一项下面", "归在哪个重点工作底下".
_WHERE_A_KPI_STANDS = re.compile(
    r"\b(?:which|what) (?:kpi |op-23 |budget )?(?:line|lines|area|areas)\b"
    r"(?: of (?:the )?(?:op-23 )?(?:framework|plan|table))?|\banywhere\b"
    r"|(?:放|归|列)在哪(?:个|一)?(?:项|个)?(?:下面|底下|之下|下)?|哪(?:一)?项(?:下面|底下|之下)"
    # "这个KPI是归哪个推动因素管的" (the line's class read already)
    r"|归(?:在)?哪(?:个|一)?[^，。？?]{0,8}?管(?:的)?"
)
# "the statistics and the environment themes": what the lines are, not a topic.
_LINE_CLASS_WORDS = re.compile(
    r"\b(?:themes?|priorit(?:y|ies)|enablers?|lines?|sub-?(?:themes?|areas?)|workstreams?)\b"
    r"|主题|重点工作|推动因素"
)
# Topics asked side by side: "women and youth", "妇女和青年", "青年、妇女".
_TOPIC_SEPARATOR = re.compile(r"\s(?:and|or|as well as)\s|以及|和|与|及|或|、|,|，")

_KPI_SEARCH_FORM = re.compile(
    r"\b(?:measures?|measuring|tracks?|tracking|targets?|targeting|covers?|covering"
    r"|concerns?|concerning|monitors?|monitoring|relates? to|related to|deals? with|about"
    r"|(?:tied|linked|connected|pegged) to|looks? at|focus(?:es)? on|is there|are there"
    r"|counts?|counting|carr(?:y|ies)"
    r"|includes?|including|contains?|holds?|within(?: it)?|belongs?|belonging|falls?|sits?"
    # "which enabler is it filed / listed / grouped under"
    r"|(?:filed|listed|grouped|placed|classed|classified|housed|put|found) under"
    r"|appl(?:y|ies|ying) to|exist for|are (?:there )?for|mentioning|naming|citing|referring to"
    r"|mentions?|mentioned|refers? to|talks? about|speaks? (?:of|about)|aims? (?:at|to))\b"
    r"|有关|相关|关于|衡量|跟踪|追踪|监测|涉及|针对|有没有|属于"
)

# "how many of the risks have a high impact", "有几项风险的影响程度被评为“高”", "which risks have
# a low probability": the risks with one rating, counted.
_RATED_EN = re.compile(
    r"\b(?P<l1>high|medium|low)\b[^.?]{0,20}?\b(?P<d1>impact|probability|likelihood)\b"
    r"|\b(?P<d2>impact|probability|likelihood)\b[^.?]{0,25}?\b(?P<l2>high|medium|low)\b"
)
_RATED_ZH = re.compile(
    r"(?P<d1>影响|概率|可能性)[^，。？?]{0,10}?[“\"「]?(?P<l1>高|中|低)"
    r"|(?P<l2>高|中|低)(?P<d2>影响|概率|可能性)"
)
# "rated high for both probability and impact", "两者都高": one level for both dimensions
_RATED_BOTH_EN = re.compile(
    r"\b(?P<l>high|medium|low)\b[^.?]{0,15}?\b(?:both|for)\s+(?:its\s+|the\s+)?"
    r"(?:probability|likelihood|impact)\s+and\s+(?:its\s+|the\s+)?(?:probability|likelihood|impact)"
    r"|\bboth\s+(?:its\s+|the\s+)?(?:probability|likelihood|impact)\s+and\s+(?:its\s+|the\s+)?"
    r"(?:probability|likelihood|impact)\s+(?:are\s+|is\s+|were\s+)?(?:rated\s+)?(?P<l2>high|medium|low)\b"
)
_RATED_BOTH_ZH = re.compile(
    r"(?:概率|可能性)[和与及、](?:影响|影响程度)[^，。？?]{0,6}?(?:都|均)[是为被评]{0,3}[“\"「]?(?P<l>高|中|低)"
)
_COUNT_ASKED = re.compile(
    r"\bhow many\b|\bnumber of\b|\b(?:which|what) (?:of the |one of the )?risks?\b"
    r"|\b(?:which|what)\b[^.?]{0,40}?\brisks?\b"
    r"|\b(?:what|which) (?:are|is) the\b|\blist\b"
    r"|\bwhich ones?\b|多少|几项|几个|几条|几种|哪些|哪几|哪项|哪个|哪一"
)
_DIMENSIONS = {
    "impact": "impact",
    "probability": "probability",
    "likelihood": "probability",
    "影响": "impact",
    "概率": "probability",
    "可能性": "probability",
}
_LEVELS = {
    "high": "high",
    "medium": "medium",
    "low": "low",
    "高": "high",
    "中": "medium",
    "低": "low",
}


def read_rating_counted(normalized: str) -> list[tuple[str, str]]:
    """Each (dimension, level) a question picks out the risks by, when it counts or picks
    them out by rating: [("impact", "high")]; "high impact and high probability" gives
    both. Empty when it asks no such thing."""
    if not _COUNT_ASKED.search(normalized):
        return []
    found: dict[str, str] = {}
    for pattern in (_RATED_BOTH_ZH, _RATED_BOTH_EN):
        for match in pattern.finditer(normalized):
            level = _LEVELS[match["l"] or match.groupdict().get("l2") or ""]
            found.setdefault("probability", level)
            found.setdefault("impact", level)
    for pattern in (_RATED_ZH, _RATED_EN):
        for match in pattern.finditer(normalized):
            dimension = _DIMENSIONS[match["d1"] or match["d2"]]
            found.setdefault(dimension, _LEVELS[match["l1"] or match["l2"]])
    return list(found.items())


# How many KPIs a search by topic looks through for those of the lines named.
KPI_CANDIDATES = 20


def _is_named(token: str, named: frozenset[str]) -> bool:
    """Whether a query token is one of the words that named a line, or joins only such words
    ("policy-and-regulation")."""
    if token in named:
        return True
    parts = [p for p in token.split("-") if p not in EN_STOPWORDS] if "-" in token else []
    return bool(parts) and all(stem(p) in named for p in parts)


class RecordAnswers:
    """Answers from the priorities, themes, KPIs, results and risks of one revision."""

    def __init__(self, knowledge: Knowledge, index: SearchIndex, budgets: BudgetAnswers) -> None:
        self.knowledge = knowledge
        self.index = index
        self.budgets = budgets

    def theme_codes(self, code: str) -> list[str]:
        if code in self.knowledge.themes:
            return [code]
        return [t.code for t in self.knowledge.themes_by_priority.get(code, [])]

    def overview(
        self, q: Question, targets: Sequence[Target], confidence: float | None = None
    ) -> Answer:
        asked = q.reading.year
        items: list[dict[str, Any]] = []
        sources: list[SourceRef] = []
        figures: list[BudgetFigure] = []
        for target in targets:
            subject = to_subject(self.knowledge, target.code)
            if subject is None:
                continue
            year = self.budgets.subject_year(target.code, asked)
            figure = get_budget_figure(self.knowledge, target.code, year) if year else None
            if figure:
                sources += figure.sources
                figures.append(figure)
            themes: list[dict[str, Any]] = []
            for code in self.theme_codes(target.code):
                theme = self.knowledge.themes[code]
                # The theme's figure of its priority's year, else its own latest one.
                theme_figure = get_budget_figure(self.knowledge, code, year) if year else None
                if theme_figure is None and self.knowledge.get_subject_years(code):
                    theme_figure = self.budgets.figure(code, self.budgets.subject_year(code, asked))
                themes.append(
                    {
                        "theme": theme,
                        "figure": theme_figure,
                        "kpis": len(self.knowledge.kpis_by_theme.get(code, [])),
                        "outcomes": len(self.knowledge.outcomes.get(code, [])),
                    }
                )
                sources.append(to_source(self.knowledge, theme.doc, theme.section))
            items.append(
                {
                    "subject": subject,
                    "priority": self.knowledge.priorities.get(target.code),
                    "figure": figure,
                    "themes": themes,
                    "kpi_count": sum(t["kpis"] for t in themes),
                }
            )
        parts: dict[str, Any] = {"items": items, **self.budgets.year_parts(figures, asked)}
        sure = q.confidence if confidence is None else confidence
        return Answer(
            kind=AnswerKind.OVERVIEW,
            lang=q.lang,
            answered=True,
            confidence=sure,
            parts=parts,
            sources=dedupe_sources(sources),
        )

    def kpi_list(self, q: Question) -> Answer:
        groups: list[dict[str, Any]] = []
        sources: list[SourceRef] = []
        for target in q.targets:
            for code in self.theme_codes(target.code):
                theme = self.knowledge.themes[code]
                groups.append(
                    {
                        "theme": theme,
                        "subject": to_subject(self.knowledge, code),
                        "kpis": self.knowledge.kpis_by_theme.get(code, []),
                    }
                )
                sources.append(to_source(self.knowledge, theme.doc, theme.section))
        parts: dict[str, Any] = {
            "groups": groups,
            "count": sum(len(g["kpis"]) for g in groups),
            # (one theme's KPIs are few: counted, then listed, as its count's header says;
            # several themes' are only counted unless the items are asked for)
            "only_count": q.reading.has("count")
            and not asks_for_items(q.normalized)
            and len(groups) > 1,
        }
        return Answer(
            kind=AnswerKind.KPI_LIST,
            lang=q.lang,
            answered=True,
            confidence=q.confidence,
            parts=parts,
            sources=dedupe_sources(sources),
        )

    def kpi_compute(self, q: Question, operation: str) -> Answer | None:
        """KPI counts computed: how many more one subject has than another, how many times
        as many, or one subject's share of all KPIs; None when the subjects do not fit."""
        rows: list[dict[str, Any]] = []
        for target in q.targets:
            subject = to_subject(self.knowledge, target.code)
            codes = self.theme_codes(target.code)
            count = sum(len(self.knowledge.kpis_by_theme.get(c, [])) for c in codes)
            if subject is not None and count > 0:
                rows.append({"subject": subject, "count": count})
        total = len(self.knowledge.kpis)
        parts: dict[str, Any] = {"rows": rows, "total": total}
        if operation in (DIFFERENCE, RATIO) and len(rows) == 2:
            large, small = sorted(rows, key=lambda r: -r["count"])
            if operation == DIFFERENCE:
                result: Decimal | int = large["count"] - small["count"]
            else:
                result = to_rounded(Decimal(large["count"]) / Decimal(small["count"]), RATIO_PLACES)
            parts |= {"op": f"kpi_{operation}", "large": large, "small": small, "result": result}
        elif operation == "share" and len(rows) == 1 and total:
            parts |= {"op": "kpi_share", "result": to_percentage(rows[0]["count"], total)}
        else:
            return None
        kpis = [
            k
            for t in q.targets
            for c in self.theme_codes(t.code)
            for k in self.knowledge.kpis_by_theme.get(c, [])
        ]
        sections = sorted({k.section for k in kpis})
        sources = [to_source(self.knowledge, kpis[0].doc, ", ".join(sections))] if kpis else []
        parts |= {"year": None, "missing_year": None, "newer": [], "figures": []}
        return Answer(
            kind=AnswerKind.COMPUTE,
            lang=q.lang,
            answered=True,
            confidence=q.confidence,
            parts=parts,
            sources=sources,
        )

    def _names(self, q: Question) -> dict[str, tuple[str, str]]:
        """The English and Chinese names of the lines a question names, by code."""
        names: dict[str, tuple[str, str]] = {}
        for target in q.targets:
            subject = to_subject(self.knowledge, target.code)
            if subject is not None:
                names[target.code] = (normalize(subject.name_en), normalize(subject.name_zh))
        return names

    def kpi_owner(self, q: Question) -> Answer | None:
        """The KPI a "which priority has a KPI on X" question is about, with its theme and
        priority, when the question asks whose it is and a KPI's text explains it."""
        if not asks_whose_kpi(q.normalized):
            return None
        if q.targets and q.explained >= KPI_LIST_NAMED_EXPLAINED:
            return None  # the KPIs of the line it names, listed
        # The words of the form ("measures", "与…有关") are not what the KPI is about, nor a
        # line's name glossed in brackets after its code ("E5 (HR and organizational
        # innovation)": E5's KPIs, not KPIs on HR).
        residue = _KPI_SEARCH_FORM.sub(" ", _without_glosses(q, q.reading.residue, self._names(q)))
        residue = _WHERE_A_KPI_STANDS.sub(" ", residue)
        terms = to_query_terms(residue, drop=q.reading.consumed_tokens)
        found = self._kpi_by_words(terms, KPI_OWNER_MIN_COVERAGE)
        listed = self._kpis_on_topics(q, residue, found is not None)
        if listed is not None:
            return listed
        if found is None and _ASKS_WHICH_LINE.search(q.normalized):
            # "有没有指标量度儿童上网保护？归在哪个重点工作？": two KPIs of one theme fit as
            # well, and the line asked is theirs: both, under it
            tied = self._kpis_of_one_theme(terms, KPI_OWNER_MIN_COVERAGE)
            if tied:
                return self._kpis_listed(q, {h.entry.ref: h for h in tied})
        if (
            found is not None
            and q.reading.has("class_theme", "class_priority", "class_enabler")
            and not _ASKS_WHICH_LINE.search(q.normalized)
        ):
            lines = {c for t in q.targets for c in self.theme_codes(t.code)}
            if lines and self.knowledge.kpis[found.entry.ref].theme_code not in lines:
                # "which KPIs belong to the statistics and the environment themes": a KPI of
                # another line that shares a word ("environments") is none of theirs
                return None
        topic = tuple(t for t in terms.tokens if not _is_named(t, q.named_tokens))
        if found is None and topic and q.targets:
            # "the P3 policy-and-regulation KPI on regulatory generations": the line's name
            # says where the KPI is, the rest what it is about, and all of it
            codes = {c for t in q.targets for c in self.theme_codes(t.code)}
            found = self._kpi_by_words(
                replace(terms, tokens=topic), KPI_TOPIC_MIN_COVERAGE, themes=codes
            )
        if found is None:
            return None
        # The form itself says a KPI is wanted: the search only has to tell which one.
        return self.kpi_answer(q.lang, found.entry.ref, min(CERTAIN, SEARCH_HIT_BASE + found.score))

    def result_owner(self, q: Question, kind: str) -> Answer | None:
        """The outcomes (or outputs) of the theme whose own outcome a question names by its
        words ("which outcomes mention SIDS", "哪个主题的成果涉及电子商务"): every theme with
        one as close as the best; None when no outcome's text explains what is asked."""
        residue = _KPI_SEARCH_FORM.sub(" ", q.reading.residue)
        terms = to_query_terms(residue, drop=q.reading.consumed_tokens)
        if not terms.tokens:
            return None
        hits = self.index.search(terms, kinds=(kind,), limit=KPI_CANDIDATES)
        if not hits or hits[0].coverage < KPI_OWNER_MIN_COVERAGE:
            return None
        texts = [*hits[0].entry.key_texts, *hits[0].entry.body_texts]
        missing = self.index.list_missing_words(terms, texts)
        if any(t.isascii() and w >= DISTINCTIVE_MIN_WEIGHT for t, w in missing):
            return None  # "which outcomes mention bitcoin"
        close = [h for h in hits if h.score >= hits[0].score - TIE_MARGIN]
        themes = list(dict.fromkeys(h.entry.ref.split("#")[0] for h in close))
        found = replace(q, targets=[Target(code) for code in themes])
        confidence = min(CERTAIN, SEARCH_HIT_BASE + hits[0].score)
        answer = self.results(found, kind + "s", confidence)
        if len(themes) == 1:
            answer.record = to_record(kind, hits[0].entry.ref)
        else:
            # an output many themes share ("convening platforms"): in each, the ones asked
            positions = {h.entry.ref for h in close}
            for group in answer.parts["groups"]:
                code = group["theme"].code
                group["entries"] = [
                    e for e in group["entries"] if f"{code}#{e.position}" in positions
                ]
            answer.parts["matching"] = True
        return answer

    def _kpis_on_topics(self, q: Question, residue: str, one_found: bool) -> Answer | None:
        """Every KPI on the topics a question asks for several KPIs on ("which KPIs deal with
        women and youth": E3-DI-7, E3-DI-8, E3-DI-9), each topic's KPIs those whose text
        explains it, within the lines the question names if it names any; a decline when a
        topic has none; None for a question asking one KPI ("what KPI tracks X and Y"). One
        topic is listed so only when the search found a KPI on it (`one_found`): else the
        question is the KPIs of a line it names ("数字包容性有哪些KPI"), listed whole elsewhere."""
        plural = _KPIS_ASKED.search(q.normalized) is not None
        for target in q.targets:
            # (a line written by its name, which may hold 和 itself: "E3多样性和包容性有哪些KPI
            # 是关于女性和青年的" asks of two topics, not of 多样性 and 包容性)
            # (or by its priority's name, where a theme stands for it: E3-DI for E3)
            subject = to_subject(self.knowledge, target.code)
            written = [subject]
            if subject is not None and subject.parent_code:
                written.append(to_subject(self.knowledge, subject.parent_code))
            # (in Chinese only: "which KPIs of the network and digital infrastructure theme
            # deal with broadcasting and with IPv6" keeps the theme's words, whose KPIs are
            # listed whole, as the topic search alone misses DTT's; a one-word name is a
            # topic itself)
            for line in (n for n in written if n is not None):
                name = normalize(line.name_zh)
                if _TOPIC_SEPARATOR.search(name):
                    residue = residue.replace(name, " ")
        topics = [
            terms
            for part in _TOPIC_SEPARATOR.split(_LINE_CLASS_WORDS.sub(" ", residue))
            if (terms := to_query_terms(part, drop=q.reading.consumed_tokens)).tokens
        ]
        if not plural or (len(topics) < 2 and not one_found):
            return None  # "what KPI tracks X and Y": one KPI, on one topic
        lines = {c for t in q.targets for c in self.theme_codes(t.code)}
        chosen: dict[str, Hit] = {}
        for terms in topics:
            named = self._line_named(q, terms)
            if named is not None:
                # "which KPIs track cybersecurity": a topic that is a line's name is that
                # line, every KPI of it
                for code in self.theme_codes(named):
                    for kpi in self.knowledge.kpis_by_theme.get(code, []):
                        chosen.setdefault(kpi.code, Hit(Entry("kpi", kpi.code, ()), 1.0, 1.0))
                continue
            hits = self.index.search(terms, kinds=("kpi",), limit=KPI_CANDIDATES)
            if lines:
                hits = [h for h in hits if self.knowledge.kpis[h.entry.ref].theme_code in lines]
            fitting = [
                h
                for h in hits
                if h.coverage >= KPI_OWNER_MIN_COVERAGE
                and (h.score >= hits[0].score - TIE_MARGIN or h.coverage >= KPI_TOPIC_COVERED)
                and not any(
                    t.isascii() and w >= DISTINCTIVE_MIN_WEIGHT
                    for t, w in self.index.list_missing_words(
                        terms, [*h.entry.key_texts, *h.entry.body_texts]
                    )
                )
            ]
            if not fitting:
                # a topic no KPI speaks of ("women and blockchain"), or none of the lines
                # named does ("youth in P4"): no KPI is that answer, not half of it
                return Answer(
                    kind=AnswerKind.DECLINE,
                    lang=q.lang,
                    answered=False,
                    confidence=NOTHING_FOUND,
                )
            for hit in fitting:
                chosen.setdefault(hit.entry.ref, hit)
        if len(chosen) < 2:
            return None
        return self._kpis_listed(q, chosen)

    def _kpis_listed(self, q: Question, chosen: Mapping[str, Hit]) -> Answer:
        """The KPIs found, grouped by theme in the framework's order."""
        order = {code: n for n, code in enumerate(self.knowledge.kpis)}
        kpis = sorted((self.knowledge.kpis[c] for c in chosen), key=lambda k: order[k.code])
        groups: list[dict[str, Any]] = []
        sources: list[SourceRef] = []
        for kpi in kpis:
            if not groups or groups[-1]["theme"].code != kpi.theme_code:
                theme = self.knowledge.themes[kpi.theme_code]
                groups.append(
                    {"theme": theme, "subject": to_subject(self.knowledge, theme.code), "kpis": []}
                )
                sources.append(to_source(self.knowledge, kpi.doc, kpi.section))
            groups[-1]["kpis"].append(kpi)
        for group in groups:  # a whole theme is named as such
            every = self.knowledge.kpis_by_theme.get(group["theme"].code, [])
            group["whole"] = len(group["kpis"]) == len(every)
        score = min(h.score for h in chosen.values())
        return Answer(
            kind=AnswerKind.KPI_LIST,
            lang=q.lang,
            answered=True,
            confidence=min(CERTAIN, SEARCH_HIT_BASE + score),
            parts={"groups": groups, "count": len(kpis), "only_count": False, "matching": True},
            sources=dedupe_sources(sources),
        )

    def _line_named(self, q: Question, topic: QueryTerms) -> str | None:
        """The code of the line a question names whose name is the whole topic."""
        for target in q.targets:
            if target.ambiguous:
                continue
            # the line, or one of its themes ("the environment theme" of enabler E4)
            for code in dict.fromkeys([target.code, *self.theme_codes(target.code)]):
                subject = to_subject(self.knowledge, code)
                if subject is None:
                    continue
                name = f"{subject.name_en} {subject.name_zh} {subject.code}"
                if set(topic.tokens) <= set(to_query_terms(normalize(name)).tokens):
                    return subject.code
        return None

    def _kpi_by_words(
        self, terms: QueryTerms, min_coverage: float, themes: set[str] | None = None
    ) -> Hit | None:
        """The one KPI (of `themes`, if given) whose text explains the words, or None."""
        hits = self.index.search(terms, kinds=("kpi",), limit=KPI_CANDIDATES if themes else 2)
        if themes is not None:
            hits = [h for h in hits if self.knowledge.kpis[h.entry.ref].theme_code in themes]
        if not hits or hits[0].coverage < min_coverage:
            return None
        texts = [*hits[0].entry.key_texts, *hits[0].entry.body_texts]
        # "which KPI tracks the price of bitcoin": no KPI speaks of bitcoin (Latin words only:
        # a Chinese question's character pairs straddle words and miss as a matter of course)
        missing = self.index.list_missing_words(terms, texts)
        if any(t.isascii() and w >= DISTINCTIVE_MIN_WEIGHT for t, w in missing):
            return None
        if themes is not None and any(
            not self.index.list_missing_words(replace(terms, tokens=(t,)), other_texts)
            for t, _ in missing
            for other_texts in ([*h.entry.key_texts, *h.entry.body_texts] for h in hits[1:])
        ):
            return None  # "which KPIs deal with broadcasting and with IPv6": more than one
        hits = hits[:2]
        if len(hits) > 1 and hits[0].score - hits[1].score <= TIE_MARGIN:
            return None  # two KPIs fit as well: the usual search offers both
        return hits[0]

    def _kpis_of_one_theme(self, terms: QueryTerms, min_coverage: float) -> list[Hit]:
        """The KPIs that fit the words as well as the best, when there are several and all
        of them stand under one theme; else none."""
        hits = self.index.search(terms, kinds=("kpi",), limit=KPI_CANDIDATES)
        if not hits or hits[0].coverage < min_coverage:
            return []
        tied = [h for h in hits if h.score >= hits[0].score - TIE_MARGIN]
        themes = {self.knowledge.kpis[h.entry.ref].theme_code for h in tied}
        if len(tied) < 2 or len(themes) > 1:
            return []
        for hit in tied:
            missing = self.index.list_missing_words(
                terms, [*hit.entry.key_texts, *hit.entry.body_texts]
            )
            if any(t.isascii() and w >= DISTINCTIVE_MIN_WEIGHT for t, w in missing):
                return []
        return tied

    def kpi_total(self, lang: str) -> Answer:
        rows: list[dict[str, Any]] = []
        for priority in self.knowledge.priorities.values():
            codes = self.theme_codes(priority.code)
            count = sum(len(self.knowledge.kpis_by_theme.get(c, [])) for c in codes)
            rows.append({"subject": to_subject(self.knowledge, priority.code), "count": count})
        kpis = list(self.knowledge.kpis.values())
        sections = sorted({k.section for k in kpis})
        sources = [to_source(self.knowledge, kpis[0].doc, ", ".join(sections))] if kpis else []
        parts: dict[str, Any] = {"rows": rows, "total": sum(r["count"] for r in rows), "op": None}
        return Answer(
            kind=AnswerKind.KPI_TOTAL,
            lang=lang,
            answered=True,
            confidence=WHOLE_STORE_CONFIDENCE,
            parts=parts,
            sources=sources,
        )

    def kpi_extreme(
        self, q: Question, op: str, among: Sequence[str] = (), excluded: Set[str] = frozenset()
    ) -> Answer | None:
        """The themes, priorities or enablers with the most (or fewest) KPIs, and every one
        ranked by its count: "which theme has the most KPIs", "哪个主题的KPI最少"; of the lines
        `among` (and their themes) where given ("of the four priorities P1-P4, which has the
        fewest KPIs"), or but those `excluded` ("except E1, which enabler has the fewest"); None
        where fewer than two are left of the kind asked."""
        reading = q.reading
        kind = next(
            (k for k in ("theme", "enabler", "priority") if reading.has(f"class_{k}")), None
        )
        if kind != "theme" and reading.has("class_priority") and reading.has("class_enabler"):
            kind = None  # "which priority or enabler has the most KPIs": every line
        if kind is None and among and len({c[0] for c in among}) == 1:
            kind = "priority" if among[0].startswith("P") else "enabler"  # "P1, P2 and P3"
        rows: list[dict[str, Any]] = []
        for subject in list_subjects(self.knowledge, kind):
            codes = [subject.code] if kind == "theme" else self.theme_codes(subject.code)
            count = sum(len(self.knowledge.kpis_by_theme.get(c, [])) for c in codes)
            rows.append({"subject": subject, "count": count})
        if among:
            rows = [
                r
                for r in rows
                if r["subject"].code in among
                or self.knowledge.get_theme_priority(r["subject"].code) in among
            ]
            if len(rows) < 2:
                return None
        if excluded:
            rows = [
                r
                for r in rows
                if r["subject"].code not in excluded
                and self.knowledge.get_theme_priority(r["subject"].code) not in excluded
            ]
            if len(rows) < 2:
                return None
        rows.sort(key=lambda r: (-r["count"], r["subject"].code))
        best = rows[0]["count"] if op == "max" else rows[-1]["count"]
        answer = self.kpi_total(q.lang)
        answer.parts = {
            "rows": rows,
            "total": sum(r["count"] for r in rows) if among or excluded else answer.parts["total"],
            "op": op,
            "kind": kind or "row",
            "chosen": [r for r in rows if r["count"] == best],
            # (said of the lines named, or of the others: "except E1, …")
            "among": "others" if excluded else "asked" if among else "",
        }
        return answer

    def kpi_answer(self, lang: str, code: str, confidence: float) -> Answer:
        kpi = self.knowledge.kpis[code]
        theme = self.knowledge.themes[kpi.theme_code]
        parts: dict[str, Any] = {
            "kpi": kpi,
            "theme": theme,
            "subject": to_subject(self.knowledge, theme.priority_code),
            "progress": to_progress(self.knowledge.get_latest_progress(code)),
        }
        source = to_source(self.knowledge, kpi.doc, kpi.section)
        return Answer(
            kind=AnswerKind.KPI_DETAIL,
            lang=lang,
            answered=True,
            confidence=confidence,
            parts=parts,
            sources=[source],
        )

    def results(self, q: Question, which: str, confidence: float | None = None) -> Answer:
        store = self.knowledge.outputs if which == "outputs" else self.knowledge.outcomes
        groups: list[dict[str, Any]] = []
        sources: list[SourceRef] = []
        for target in q.targets:
            for code in self.theme_codes(target.code):
                theme = self.knowledge.themes[code]
                groups.append({"theme": theme, "entries": store.get(code, [])})
                sources.append(to_source(self.knowledge, theme.doc, theme.section))
        parts: dict[str, Any] = {"which": which, "groups": groups}
        sure = q.confidence if confidence is None else confidence
        return Answer(
            kind=AnswerKind.OUTCOMES if which == "outcomes" else AnswerKind.OUTPUTS,
            lang=q.lang,
            answered=True,
            confidence=sure,
            parts=parts,
            sources=dedupe_sources(sources),
        )

    # -- risks --------------------------------------------------------------------------

    def risk(self, q: Question) -> Answer:
        chosen = list(self.knowledge.risks.values())
        rated = read_rating_counted(q.normalized)
        if rated:
            return self._risks_rated(q, chosen, rated)
        confidence = ALL_RISKS_CONFIDENCE if not q.content else SOME_RISKS_CONFIDENCE
        if q.content:
            # (what the question's form says, "mention", "is about", the words that describe
            # the table, "OP-23", "operational", and those of its ratings, "probability",
            # "impact", are no words of a risk's own)
            residue = _KPI_SEARCH_FORM.sub(" ", q.reading.residue)
            terms = to_query_terms(
                residue, drop=q.reading.consumed_tokens | _RISK_TABLE_WORDS | _RATING_WORDS
            )
            if not terms.tokens:
                terms = to_query_terms(q.reading.residue, drop=q.reading.consumed_tokens)
            hits = [
                h
                for h in self.index.search(terms, kinds=("risk",), limit=4)
                if h.coverage >= RISK_MIN_COVERAGE
            ]
            if hits and self._names_a_risk_not_held(q, terms, names_only=True):
                # "the financial risk of the VaMoz Digital project": a risk the table's words
                # touch ("financial") of something it does not hold (a name)
                return self._no_such_risk(q, chosen, AnswerKind.DID_YOU_MEAN)
            if hits:
                best = hits[0].score
                chosen = [
                    self.knowledge.risks[h.entry.ref] for h in hits if best - h.score <= TIE_MARGIN
                ]
                confidence = min(CERTAIN, SEARCH_HIT_BASE + hits[0].score)
            elif set(q.content) <= _RISK_TABLE_WORDS:
                # "the main operational risks": words that describe the whole table
                confidence = ALL_RISKS_CONFIDENCE
            elif self._names_a_risk_not_held(q, terms):
                # "what probability does the table give a cyberattack": no such risk; the
                # table's own are offered, not answered; as a "did you mean" when it names
                # a risk of the table's too ("the financial risk of the VaMoz project")
                named_category = bool(self._risks_named_by_category(q))
                kind = AnswerKind.DID_YOU_MEAN if named_category else AnswerKind.DECLINE
                return self._no_such_risk(q, chosen, kind)
            elif named := self._risks_named_by_category(q):
                # "the financial risk of not having enough funding": its words are the
                # risk's own, not the table's (coverage too low for the search)
                chosen = named
        answer = self.risk_answer(q.lang, chosen, confidence)
        if len(chosen) > 1 and q.reading.has("mitigation") and read_wanted(q.normalized) == COUNT:
            # "how many mitigation measures in the whole table": their number, in all
            answer.parts["mitigations_total"] = sum(
                len(i["mitigations"]) for i in answer.parts["items"]
            )
        return answer

    def _risks_named_by_category(self, q: Question) -> list[Any]:
        """The risks whose category the question names before "risk" or 风险 ("the financial
        risk", "環境風險"), when it names exactly one."""
        named = [
            risk
            for risk in self.knowledge.risks.values()
            if any(
                re.search(rf"\b{re.escape(word[:RISK_CATEGORY_STEM])}\w*\s+risk", q.normalized)
                for word in risk.category_en.lower().replace("/", " ").split()
                if len(word) >= RISK_CATEGORY_STEM
            )
            or any(
                f"{name}风险" in q.normalized or f"{name}的风险" in q.normalized
                for name in risk.category_zh.split("/")
                if name
            )
        ]
        return named if len(named) == 1 else []

    def _names_a_risk_not_held(
        self, q: Question, terms: QueryTerms, *, names_only: bool = False
    ) -> bool:
        """Whether the question names something no risk speaks of: a distinctive English
        word, or a quoted name ("「网络攻击」风险"), that no risk's texts hold."""
        texts = [
            text
            for risk in self.knowledge.risks.values()
            for text in (
                risk.category_en,
                risk.category_zh,
                risk.description_en,
                risk.description_zh,
                risk.probability_en,
                risk.probability_zh,
                risk.impact_en,
                risk.impact_zh,
                *(m.text_en for m in self.knowledge.mitigations.get(risk.code, [])),
                *(m.text_zh for m in self.knowledge.mitigations.get(risk.code, [])),
            )
        ]
        # A distinctive word no risk holds ("cyberattack"), or a name ("the VaMoz Digital
        # project"); words that ask how a risk is rated ("likely", "assign", "medium") name
        # no risk.
        missing = self.index.list_missing_words(terms, texts)
        named = list_named_words(q.text)
        if any(
            t.isascii()
            and not _is_rating_word(t)
            and (
                (t in named and w >= NAMED_MIN_WEIGHT)
                or (not names_only and w >= DISTINCTIVE_MIN_WEIGHT)
            )
            for t, w in missing
        ):
            return True
        held = normalize(" ".join(texts))
        if any(
            not _quote_held(normalize(name), held, texts)
            for name in _QUOTED_TERM.findall(q.text)
            if name.strip()
        ):
            return True
        # A Chinese name written before 风险 ("网络攻击的风险", "汇率风险") that the table holds
        # no character pair of, one of them distinctive; a frame ("主要风险", "哪些风险") or a
        # word common in the documents ("运作风险") names none.
        return any(self._names_no_risk_held(name, held) for name in _zh_risk_names(q.normalized))

    def _names_no_risk_held(self, name: str, held: str) -> bool:
        while len(name) > 2 and name[-2:] in _ZH_RISK_FRAMES:  # "角度列出": 角度
            name = name[:-2]
        if len(name) < 2 or name in _ZH_RISK_FRAMES or name[-2:] in _ZH_RISK_FRAMES:
            return False
        if any(name[i : i + 2] in held for i in range(len(name) - 1)):
            return False
        highest = self.index.unknown_token_weight
        weights = self.index.weigh(to_query_terms(name)).values()
        return any(w / highest >= DISTINCTIVE_MIN_WEIGHT for w in weights)

    def _no_such_risk(
        self, q: Question, risks: Sequence[Any], kind: AnswerKind = AnswerKind.DECLINE
    ) -> Answer:
        """The table's own risks offered for one it does not hold; as a "did you mean" (no
        fact the search finds replaces it) when the question names a risk of the table's."""
        zh = q.lang == "zh"
        return Answer(
            kind=kind,
            lang=q.lang,
            answered=False,
            confidence=NOTHING_FOUND,
            suggestions=[
                f"{r.category_zh}风险的概率和影响程度是什么？"
                if zh
                else f"What are the probability and impact of the {r.category_en.lower()} risk?"
                for r in risks
            ][:RISK_SUGGESTIONS],
        )

    def _risks_rated(
        self, q: Question, risks: Sequence[Any], ratings: Sequence[tuple[str, str]]
    ) -> Answer:
        """The risks of one rating (or of each of several: "high impact and high
        probability"), counted out of all of them."""

        def has(risk: Any, dimension: str, level: str) -> bool:
            field = "impact_en" if dimension == "impact" else "probability_en"
            return str(getattr(risk, field)).strip().lower() == level

        chosen = [r for r in risks if all(has(r, d, level) for d, level in ratings)]
        answer = self.risk_answer(q.lang, chosen, ALL_RISKS_CONFIDENCE)
        # The table read is the source, whether or not a risk has the rating.
        answer.sources = self.risk_answer(q.lang, risks, ALL_RISKS_CONFIDENCE).sources
        answer.parts["rated"] = {
            "dimension": ratings[0][0],
            "level": ratings[0][1],
            "ratings": [{"dimension": d, "level": level} for d, level in ratings],
            "count": len(chosen),
            "total": len(risks),
        }
        return answer

    def risk_answer(self, lang: str, risks: Sequence[Any], confidence: float) -> Answer:
        items = [
            {"risk": r, "mitigations": self.knowledge.mitigations.get(r.code, [])} for r in risks
        ]
        sources = dedupe_sources([to_source(self.knowledge, r.doc, r.section) for r in risks])
        return Answer(
            kind=AnswerKind.RISK,
            lang=lang,
            answered=True,
            confidence=confidence,
            parts={
                "items": items,
                "rated": None,
                "total": len(self.knowledge.risks),
                "period": RISKS_PERIOD,
            },
            sources=sources,
        )


# The years the operational plan's main risks are of (its section 2.6: "下表确定了2023-2026年的
# 主要运作风险"), said with any list of them.
RISKS_PERIOD = "2023-2026"


# Words that ask how a risk is rated, never which risk it is.
# Words that describe the risk table as a whole ("the main operational risks", "key risks
# identified in OP-23"), not one of its risks.
def names_only_the_risk_table(normalized: str, content: Sequence[str]) -> bool:
    """Whether a question's words (`content`, its normalised text for Chinese) are only
    those that describe the risk table ("the main operational risks the plan identifies",
    "OP-23里列了哪几类主要运作风险"), a context clause before a colon set aside."""
    if is_chinese(normalized):
        rest = _RISK_TABLE_ZH.sub("", normalized.split(":")[-1])
        return not re.search(r"[a-z\u4e00-\u9fff]", rest)  # not "itu as one有哪些风险"
    return set(content) <= _RISK_TABLE_WORDS


# The Chinese words that describe the risk table, and what asks for its risks.
_RISK_TABLE_ZH = re.compile(
    r"op-23|itu-d|运作规划|规划|计划|里面|里|中|内|上|列(?:了|出)?|确定(?:了)?|识别(?:了)?|提到(?:了)?"
    r"|指出(?:了)?|有|哪几类|哪几项|哪几个|哪些|几类|几项|几个|哪|些|主要|运作|的|是|什么|都|风险"
    r"|请问|一下|吗|呢|[0-9\-–年至到]|\W"
)
_RISK_TABLE_WORDS = frozenset(
    "main key major principal top biggest greatest primary operational operation identified "
    "listed table op-23 op 23 itu-d bdt plan analysis assessment matrix register named "
    "mentioned described outlined given identify identifies identifying flagged flags names "
    "lists mentions describes outlines".split()
)
_RATING_WORDS = frozenset(
    "likely likelihood probable probability impact impacts rated rating ratings rate assign "
    "assigned assigns register severity severe chance chances odds medium high low only "
    "table tables level levels score scored considered classed classified".split()
)
# The letters of a risk category's word that name it ("financ" in "financial", "environ" in
# "environmental").
RISK_CATEGORY_STEM = 6
# A misspelt rating word ("probabilty", "likelyhood"): this similar to one this long.
RATING_TYPO_MIN_SIMILARITY = 85
RATING_TYPO_MIN_LENGTH = 6
# How many of the table's risks a question about another risk is offered.
RISK_SUGGESTIONS = 4
# A name quoted in a question: 「网络攻击」, “cyberattack”, "cyber attack".
# Characters that end the words naming a risk before 风险: they ask, count or join
# ("哪些", "几项", "是什么", "中的").
_ZH_RISK_NAME_STOPS = re.compile(r"[^\u4e00-\u9fff]|[的是有哪些项个么几中在和与及对]")
_ZH_RISK_FRAMES = frozenset(
    "主要 重大 最大 最高 最低 较高 较低 潜在 所列 各项 "
    "所有 全部 四项 四大 四个 这些 那些 其他 相关 面临 "
    "存在 已知 关键 哪类 什么 那类 这类 这个 高的 低的 "
    "中等 概率 影响 程度 评级 等级 最大的 四种 四类 "
    "各类 各种 项目 主要的 列出 列明 列举 所列 提到 "
    "提及 提出 确定 识别 指出 写明 评估 说明 描述 发现 "
    "考虑 涉及 包括 包含 认定 规划 文件 报告 计划 今年 "
    "明年 本年 当前 目前 现在 一般 角度 方面 类别 类型 "
    "种类 领域 方向 层面 维度".split()
)
_QUOTED_TERM = re.compile(r"[「『“\"]([^」』”\"]{1,30})[」』”\"]")


def _is_rating_word(word: str) -> bool:
    """Whether a word asks how a risk is rated, as written or misspelt ("probabilty")."""
    return word in _RATING_WORDS or any(
        fuzz.ratio(word, rating) >= RATING_TYPO_MIN_SIMILARITY
        for rating in _RATING_WORDS
        if len(rating) >= RATING_TYPO_MIN_LENGTH
    )


# A quoted Chinese name is a risk's, reworded, when this share of its character pairs stand in
# one of the risk's texts ("缺乏合作伙伴和国家支持" for 缺乏合作伙伴和国家的支持/承诺).
QUOTE_PAIRS_HELD = 0.8


def _quote_held(name: str, held: str, texts: Sequence[str]) -> bool:
    if name in held:
        return True
    pairs = [name[i : i + 2] for i in range(len(name) - 1)]
    if not is_chinese(name) or len(pairs) < 2:
        return False
    return any(
        sum(p in normalize(text) for p in pairs) >= QUOTE_PAIRS_HELD * len(pairs) for text in texts
    )


def _zh_risk_names(text: str) -> list[str]:
    """The Chinese words just before each 风险 of `text` (one 的 between them allowed):
    "网络攻击的风险" → 网络攻击; at most four characters, cut at a word that asks or counts."""
    names = []
    for found in re.finditer("风险", text):
        before = text[: found.start()]
        before = before[:-1] if before.endswith("的") else before
        stops = list(_ZH_RISK_NAME_STOPS.finditer(before))
        start = stops[-1].end() if stops else 0
        names.append(before[start:][-4:])
    return names


@dataclass(frozen=True)
class ProgressReading:
    """A KPI's latest recorded value, as an answer shows it."""

    value: Decimal
    target: Decimal | None
    as_of: date
    note: str
    recorded_at: datetime


def to_plain_decimal(value: Decimal) -> Decimal:
    """42.0000 → 42, 12.5000 → 12.5 (the store keeps four decimals)."""
    if value == value.to_integral_value():
        return value.quantize(Decimal(1))
    return value.normalize()


def to_progress(record: models.KpiProgress | None) -> ProgressReading | None:
    if record is None:
        return None
    target = to_plain_decimal(record.target) if record.target is not None else None
    return ProgressReading(
        to_plain_decimal(record.value), target, record.as_of, record.note, record.recorded_at
    )


# A line's Chinese name, glossed after its code, is at least this long ("人力资源").
GLOSS_MIN_CHARACTERS = 4


def _without_glosses(q: Question, residue: str, names: Mapping[str, tuple[str, str]]) -> str:
    """A question's residue without what it says right after a code it names ("E5 (HR and
    organizational innovation)", "E5 - HR …", "P2（数字化转型）", "E5人力资源和组织创新卓越性
    下面有哪些KPI", where half its character pairs or more are in the line's Chinese name): the
    line's name, glossed."""
    for gloss in list_glosses(q.normalized, [t.code for t in q.targets]):
        residue = residue.replace(gloss.strip(), " ")
    for code, (name_en, name) in names.items():
        # "What KPIs sit under E5, excellence in HR and organizational innovation?": after a
        # comma, to the end, when half its words or more are the line's name's (not "P3,
        # cybersecurity budget?", another subject)
        tail = re.search(
            rf"(?<![a-z0-9-]){re.escape(code.lower())},\s*([^?,;]+)\??\s*$", q.normalized
        )
        if tail is not None:
            words = [w for w in re.findall(r"[a-z]{3,}", tail[1]) if w not in EN_STOPWORDS]
            said = [w for w in words if any(n.startswith(w[:5]) for n in name_en.split())]
            if words and len(said) * 2 >= len(words):
                residue = residue.replace(tail[1].strip(), " ")
        after = re.search(
            rf"(?<![a-z0-9-]){re.escape(code.lower())}([\u4e00-\u9fff]{{4,}})", q.normalized
        )
        if after is None:
            continue
        # (the longest run of its character pairs in the name, one pair amiss at most)
        text, end, missed = after[1], 0, 0
        while end + 2 <= len(text):
            if text[end : end + 2] in name:
                end += 1
            elif not missed and text[end + 1 : end + 3] in name:
                missed, end = 1, end + 1
            else:
                break
        run = text[: end + 1] if end else ""
        if len(run) >= GLOSS_MIN_CHARACTERS:
            residue = residue.replace(run, " ", 1)
    return residue
