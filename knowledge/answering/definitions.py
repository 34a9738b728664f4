"""Acronyms and what they stand for, read from the knowledge's own texts when it is loaded:
"National Emergency Telecommunication Plan (NETP)", "非洲统一计算方法（HCM4A）". A question
asking what an acronym is or stands for is answered with its expansion and the record that
spells it out, not with a neighbouring record that merely mentions it.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from knowledge.answering.answer import Answer, AnswerKind
from knowledge.answering.figures import to_source, to_subject
from knowledge.answering.matching import SearchIndex, to_query_terms
from knowledge.answering.snapshot import Knowledge
from knowledge.answering.text import latin_tokens, normalize
from knowledge.answering.thresholds import (
    DEFINED_CONFIDENCE,
    DEFINED_TYPO_CONFIDENCE,
    TERM_CONFIDENCE,
)
from knowledge.answering.understanding import Question
from knowledge.store import models

# "(NETP)", "(ITU-D)", "(HCM4A)", "(CIRTs)", "(CoCo)": an acronym in brackets after what it
# abbreviates, in capitals or short capitalised syllables, with a plural "s" apart.
_ACRONYM = r"([A-Z][A-Za-z0-9&-]*[A-Z0-9]|[A-Z][a-z]{1,3}[A-Z][a-z]{1,3})(s?)"
_EN_BRACKETED = re.compile(r"\(" + _ACRONYM + r"\)")
_ZH_BRACKETED = re.compile("（" + _ACRONYM + "）")
# An English long form is looked for among at most this many words before the bracket.
EXTRA_WORDS = 4
# A Chinese long form: the run of Chinese characters before the bracket, inside 《》 or “”
# when it is quoted; a leading verb or preposition is not part of the name.
# (a name may list words with 、: "联合国教育、科学及文化组织（UNESCO）")
_ZH_RUN = re.compile(r"(?:[\u4e00-\u9fffA-Za-z0-9]+、)*[\u4e00-\u9fffA-Za-z0-9]*[\u4e00-\u9fff]$")
_ZH_QUOTED = re.compile(r"[《“]([^《》“”]{2,40})[》”]$")
_ZH_LEADING = re.compile(
    r"^.*(?:关于|通过|建设|启动|聘请|制定|确保|包括|开展|参与|支持|加强|推动|利用|根据|作为|发布|成立"
    r"|设立|取代|了|与|向|请|以|在|将|对|依靠|使用|改进|出席|提供|衡量|由|如|为|并|若干|各国|本区域"
    # (ITU beside the body named: "由国际电联和欧洲经济委员会（UNECE）…")
    r"|(?:国际电联|电信发展局)(?:和|与|及|、)|[一二两三四五六七八九十几多]+个)"
)
ZH_NAME_MIN_AFTER_DE = 4
_CAPITALISED = re.compile(r"\b[A-Z]")
# Words before a term that make it something of a subject: "P4的KPI", "P4's KPIs".
# (not "what's": "what is", no owner)
_OWNED = re.compile(
    r"(?:的|(?<!\bwhat)(?<!\bwho)(?<!\bthat)(?<!\bwhere)(?<!\bit)'s|\bof(?: the)?)\s*$"
)
# Characters that join a name to what comes before it, never begin one; a year before it.
_ZH_JOINERS = re.compile(r"^(?:\d+年|[是和及的届])+")
# What may follow an acronym asked about: "the EPR principle", "EPR原则".
_HEAD_EN = r"(?:principle|concept|initiative|programme|program|project)"
_HEAD_ZH = r"(?:原则|概念|倡议|项目|计划)"
# The facts the index offers as those that may define a term: enough for every fact that
# writes all its words in a store the size of the seed many times over.
DEFINING_CANDIDATES = 400
# Who an acronym is: "who is BCG", "BCG?? who is that" (an organisation the documents spell
# out, not a person: checked by its being an acronym).
_WHO_IS_EN = (
    # (where it is written: "who is BCG in the C23/36 vision document?")
    re.compile(
        r"^who(?:'s| is| are) (?:the )?(?P<t>[a-z]{2,})"
        r"(?: (?:in|from|according to|mentioned in) (?:the |this )?[\w/.-]+(?: [\w/.-]+){0,4})?"
        r"\s*\??\s*$"
    ),
    re.compile(
        r"^(?P<t>[a-z]{2,})\s*\?*\s*[-–—:,]?\s*who(?:'s| is| are) (?:it|that|this|they)"
        r"(?: (?:in|from|according to) (?:the |this )?[\w/.-]+(?: [\w/.-]+){0,3})?"
        r"\s*\??\s*$"
    ),
)
# … in Chinese: "BCG是谁？", "BCG係邊個？" (read as 是谁).
_WHO_IS_ZH = re.compile(r"^(?P<t>[a-z]{2,})\s*是谁\s*[?？]?\s*$")
# A question asking what a term is or stands for; `t` is the term.
_EN_ASKS = (
    # "HCM4A - what is it, and how many countries signed it?"
    re.compile(r"^(?P<t>[\w-]+)\s*[-–—:,]\s*what(?:'s| is) (?:it|that|this)\b"),
    re.compile(
        r"\bwhat (?:exactly |actually |really )?(?:does|do) (?:the )?(?:acronym |abbreviation "
        r"|term )?(?!(?:it|that|this|they)\b)(?P<t>[\w-]+) "
        r"(?:stand for|mean|refer to)\b"
    ),
    re.compile(
        r"\bwhat(?: is|'s| are) (?:the |an? )?(?:acronym |abbreviation |term )?(?P<t>[\w-]+)"
        rf"(?: {_HEAD_EN})?"
        r"(?: short for| an abbreviation for| an acronym for| stand for)?"
        # "… in the C23/36 document on turning the vision into action": where it is written
        r"(?: (?:in|from|according to|as used in) (?:the |this )?[\w/.-]+(?: [\w/.-]+){0,3}"
        r" (?:document|doc|report|paper|highlights)\b[^?]*"
        # "… in OP-23", "… in C23/36": a document named by its code
        r"| (?:in|from|according to|as used in) (?:the )?(?:[a-z]+-\d{2}|c\d{2}/\d+))?"
        # "What is DCM, which BDT used after the earthquake?": where it was met, after a comma
        r"(?:,\s*(?:which|that|the one|as)\b[^?]*)?\s*\??\s*$"
    ),
    re.compile(r"\b(?:meaning|definition|full (?:name|form)|expansion) of (?:the )?(?P<t>[\w-]+)"),
    # "define RBM", not "define BDT's core values" (what BDT defined)
    re.compile(
        r"\b(?:define|expand|spell out) (?:the )?(?:acronym )?(?P<t>[\w-]+)"
        r"(?!'s|\w| (?!for\b|please\b|in\b|from\b|as\b|according\b)\w)"
    ),
    re.compile(r"\b(?!(?:it|that|this|they)\b)(?P<t>[\w-]+) stands? for\b"),
    # "CIRT - what's the full form?", "CIRT: full name?"
    re.compile(
        r"^(?P<t>[\w-]+)\s*(?:[-–—:,]\s*)?(?:what(?:'s| is) )?(?:the |its )?"
        r"(?:full (?:form|name)|expansion|meaning|long form)\b"
    ),
    re.compile(r"^(?P<t>[\w-]+)\s*[-–—:,]\s*what does (?:it|that) (?:stand for|mean)\b"),
    # an acronym asked alone: "NETP?", "BCG??"
    # (letters only: not "LDC5?", "G1-G4?", nor "KPIs?", which asks for the KPIs)
    # ("NETP = ?", "NETP是?": the same, with an equals sign or a bare 是)
    re.compile(r"^(?!kpis?\b)(?P<t>[a-z]{2,})\s*(?:=\s*|是\s*|係\s*)?\?+\s*$"),
    *_WHO_IS_EN,
)
# A question that asks which, who, when, where or how many asks something else than what a
# term means, whatever it says of a definition.
# (not in a clause after a comma: "What is DCM, which BDT used …")
_ASKS_SOMETHING_ELSE = re.compile(r"(?<!, )\b(?:which|who|whom|whose|when|where|how many)\b")
_ZH_ASKS_SOMETHING_ELSE = re.compile(
    # (not "RBM是哪个？", which asks what RBM is)
    r"哪(?:个(?!\s*[?？。]?\s*$)|一|些|里|儿|年|天|位)|谁|何时|什么时候|多少|几(?:个|年|月|天|项|次)"
)
_ZH_ASKS = (
    re.compile(
        # (not a term counted: "E1的兩個KPI是什麼" asks for the two KPIs)
        rf"(?<![两二三四五六七八九十几\d][个项条种])(?<!\d)(?P<t>[a-z][a-z0-9-]*)\s*(?:{_HEAD_ZH})?(?:是什么|是指什么|指的是什么|指什么|代表什么|的意思|什么意思"
        # "ISC-TF的全称", "ISC-TF中文全称是什么", "英文全名"
        r"|的?(?:中文|英文)?(?:全称|全名)"
        # "RBM是哪个？"; not "这个KPI是哪个重点工作的" (whose it is)
        r"|是啥|是何|全称是|是哪个(?=\s*[?？。]?\s*$)"
        # "文件里提到的BCG是哪家公司？"
        r"|是(?:哪家|什么|哪个)(?:公司|机构|组织|企业)(?=\s*[?？。]?\s*$))"
    ),
    re.compile(r"什么(?:是|叫)\s*(?P<t>[a-z][a-z0-9-]*)"),
    # "NETP是？", "NETP = ?": a bare 是 or an equals sign, asked alone (letters only, as in
    # English: not "KPI是？")
    re.compile(r"^(?!kpis?\b)(?P<t>[a-z]{2,})\s*(?:是|=)\s*\?+\s*$"),
    _WHO_IS_ZH,
    # "文件里常提到RBM，这是什么意思？"
    # ("文件提到 UNSSC，即係咩機構？": 即是, said in Cantonese)
    re.compile(
        r"(?P<t>[a-z][a-z0-9-]*)\s*[，,]\s*(?:(?:这|它|那)(?:是|指|代表)|即是|也就是|就是)"
        r"(?:什么|啥)"
    ),
)
# A question asking what a term of several words is: "what is meaningful connectivity",
# "“有意义的连接”是什么意思". Terms shorter than this are left to the search.
# What wraps a term asked about: "the 'ITU as One' concept" asks about ITU as One.
_TERM_WRAPPING = re.compile(
    r"^(?:the |an? )?['‘“\"]|['’”\"](?: (?:concept|idea|term|notion|approach))?$"
    r"|^(?:the |an? )(?=.+ (?:concept|idea|notion)$)| (?:concept|idea|notion)$"
)
# A time asked of something, which no term names: "the dates of GSR-23".
_WHEN_OR_WHERE_OF = re.compile(
    r"(?:exact |precise |start |end )?(?:dates?|days?|time|timing|deadline|schedule) (?:of|for)\b"
)
# (a term may be quoted, and the question end with a full stop: "Define 'ITU as One'.")
_OPEN = r"['‘“\"]?"
_TERM = r"(?P<t>[a-z][\w '’”\"-]+?)"
_END = r"\s*[?.!]*$"
_EN_ASKS_TERM = (
    re.compile(rf"\b(?:meaning|definition) of (?:the term )?{_OPEN}{_TERM}{_END}"),
    re.compile(rf"^(?:so |and |but )?what(?: is| are|'s) (?:the |an? )?{_OPEN}{_TERM}{_END}"),
    re.compile(rf"\bwhat does (?:the term )?{_OPEN}{_TERM} mean\b"),
    # "define ITU as One", "how did the consultation define 'ITU as One'?"
    re.compile(rf"\bdefined? (?:the term |the concept )?{_OPEN}{_TERM}{_END}"),
)
_ZH_ASKS_TERM = (
    # "是怎样定义“基于结果的管理”的"
    re.compile(r"(?:怎么|怎样|如何)定义\s*[“\"'「](?P<t>[^”\"'」]{2,20})[”\"'」]"),
    re.compile(
        r"[“\"'「](?P<t>[^”\"'」]{2,20})[”\"'」]\s*(?:到底|究竟|具体)?"
        r"(?:是什么|指什么|是指什么|是什么意思|的意思|的含义|的定义"
        r"|是?(?:怎么|怎样|如何)定义)"
    ),
    re.compile(
        r"^(?:.*?的)?(?P<t>[\u4e00-\u9fff]{3,15})(?:是什么意思|指什么|是指什么|的含义是什么|的定义是什么)"
    ),
    re.compile(r"什么(?:是|叫)(?P<t>[\u4e00-\u9fff]{3,15})[?？]?$"),
)
TERM_MIN_LENGTH = 4
# After a term, the words that define it: "Meaningful connectivity, the ability to …",
# "X is/means/refers to …", "有意义的连接 – 能够…", "X是指…".
_EN_DEFINES = r"\s*(?:–|—|:|,\s+(?:the|a|an|i\.e\.)\s|\s+(?:is|are|means|refers to|denotes)\s)"
_ZH_DEFINES = r"\s*(?:–|—|：|:|是指|指的是|即|意味着|是)"
# A term inside quotes or a title is named, not defined: "“有意义的连接：创新与加速”".
_QUOTE_BEFORE = "“\"'‘《「"
_QUOTE_AFTER = "”\"'’》」"
# A near miss ("NEPT" for "NETP") is taken for an acronym this long or longer with the same
# letters, when exactly one acronym has them.
TYPO_MIN_LENGTH = 4
ACRONYM_MIN_CAPITALS = 2


@dataclass
class Acronym:
    """An acronym, its long forms in English and Chinese, and the facts that spell it out."""

    short: str
    en: str = ""
    zh: str = ""
    fact_keys: list[str] = field(default_factory=list)
    # The other records that spell it out, for one no fact spells out ("waste electrical
    # and electronic equipment (WEEE)" is only in E4-ENV-3's text).
    spelled: list[Spelling] = field(default_factory=list)


@dataclass(frozen=True)
class Spelling:
    """A record other than a fact that spells an acronym out: a KPI, an outcome or a risk's
    mitigation, with a label for it and the text."""

    record: str
    label_en: str
    label_zh: str
    text_en: str
    text_zh: str
    doc: str
    section: str


def _list_spellings(knowledge: Knowledge) -> list[Spelling]:
    """The KPIs, outcomes and mitigations, as records that may spell acronyms out."""
    found = [
        Spelling(f"kpi:{k.code}", f"KPI {k.code}", f"关键绩效指标{k.code}", k.text_en, k.text_zh,
                 k.doc, k.section)
        for k in knowledge.kpis.values()
    ]  # fmt: skip
    found += [
        Spelling(f"outcome:{code}#{o.position}", f"Outcome of {code}", f"{code}的成果",
                 o.text_en, o.text_zh, o.doc, o.section)
        for code, outcomes in knowledge.outcomes.items()
        for o in outcomes
    ]  # fmt: skip
    found += [
        Spelling(f"risk:{code}", f"Mitigation of risk {code}", f"风险{code}的缓解措施",
                 m.text_en, m.text_zh, risk.doc, risk.section)
        for code, risk in knowledge.risks.items()
        for m in knowledge.mitigations.get(code, [])
    ]  # fmt: skip
    return found


def find_long_form(short: str, before: str) -> str | None:
    """The words before a bracketed acronym that it abbreviates: each of its letters in order,
    the first one starting a word (digits may stand for words: "HCM4A"); None if none."""
    # The long form follows the last bracket or clause end: "(BEREC), the European …".
    before = re.split(r"[()（）;:.]", before)[-1]
    words = re.findall(r"[A-Za-z][\w'’-]*", before)
    letters = [c.lower() for c in short if c.isalpha()]
    window = " ".join(words[-(len(letters) + EXTRA_WORDS) :])
    s, i = len(letters) - 1, len(window) - 1
    while s >= 0:
        c = letters[s]
        while i >= 0 and (window[i].lower() != c or (s == 0 and i > 0 and window[i - 1].isalnum())):
            i -= 1
        if i < 0:
            return _find_reordered_long_form(letters, words)
        i -= 1
        s -= 1
    start = window.rfind(" ", 0, i + 2) + 1
    long_form = window[start:].strip()
    if len(long_form.split()) < 2 or short.lower() in long_form.lower():
        return None
    return long_form


def _find_reordered_long_form(letters: list[str], words: list[str]) -> str | None:
    """The capitalised words just before the bracket whose initials are the acronym's letters
    in another order, as in an acronym from a French name: "Telecommunication Development
    Bureau (BDT)"."""
    last = words[-len(letters) :] if len(words) >= len(letters) >= 2 else []
    if not last or not all(w[0].isupper() for w in last):
        return None
    return " ".join(last) if sorted(w[0].lower() for w in last) == sorted(letters) else None


def find_zh_long_form(before: str, english: str = "") -> str | None:
    """The Chinese name before a bracketed acronym: quoted if it is, else the run of
    Chinese characters, without a leading verb or preposition; where the English long form
    joins no two words with "and", the last of the things a run joins with 和 or 、
    ("起草工作和共同国家分析（CCA）": the common country analyses)."""
    quoted = _ZH_QUOTED.search(before)
    if quoted:
        return quoted[1]
    run = _ZH_RUN.search(before)
    if run is None:
        return None
    name = run[0]
    if run.start() and before[run.start() - 1] == "-":
        # "2023年ITU-D运作规划（OP-23）": the tail of a code ("D") is no part of the name
        name = re.sub(r"^[A-Za-z0-9]+", "", name)
    name = _ZH_JOINERS.sub("", _ZH_LEADING.sub("", name))
    # (a list of things is no name: "…目标：战略远见、开放式技术创新、中小企业（SME）"; a
    # name that lists words has an English one that joins capitalised words with "and")
    joins = " and " in f" {english.lower()} "
    if "、" in name and (not joins or len(_CAPITALISED.findall(english)) < name.count("、") + 2):
        name = name.rsplit("、", 1)[-1]
    if english and not joins:
        name = re.split("[和及]", name)[-1]
    # "…相应的可衡量的关键绩效指标": the name is what follows the last 的, when that is a name
    # of its own (not "有意义的连接" cut to "连接").
    head, _, tail = name.rpartition("的")
    if head and len(tail) >= ZH_NAME_MIN_AFTER_DE:
        name = tail
    return name if len(name) >= 2 else None


def build_acronyms(knowledge: Knowledge) -> dict[str, Acronym]:
    """Every acronym the facts spell out, by its lower-case form; the long form written most
    often wins, and the shortest Chinese one."""
    english: dict[str, Counter[str]] = {}
    chinese: dict[str, list[str]] = {}
    found: dict[str, Acronym] = {}
    for fact in knowledge.facts:
        for text in (fact.title_en, fact.text_en):
            for match in _EN_BRACKETED.finditer(text):
                short = match[1]
                long_form = find_long_form(short, text[: match.start()])
                if long_form is None:
                    continue
                english.setdefault(short, Counter())[long_form] += 1
                acronym = found.setdefault(short.lower(), Acronym(short))
                if fact.key not in acronym.fact_keys:
                    acronym.fact_keys.append(fact.key)
        for text in (fact.title_zh, fact.text_zh):
            for match in _ZH_BRACKETED.finditer(text):
                name = find_zh_long_form(text[: match.start()])
                if name:
                    chinese.setdefault(match[1], []).append(text[: match.start()])
                    acronym = found.setdefault(match[1].lower(), Acronym(match[1]))
                    if fact.key not in acronym.fact_keys:
                        acronym.fact_keys.append(fact.key)
    for spelling in _list_spellings(knowledge):
        for text, lang in ((spelling.text_en, "en"), (spelling.text_zh, "zh")):
            for match in (_EN_BRACKETED if lang == "en" else _ZH_BRACKETED).finditer(text):
                short, before = match[1], text[: match.start()]
                if short.lower() in found and found[short.lower()].fact_keys:
                    continue  # a fact spells it out: the fact tells more
                if lang == "en":
                    long_form = find_long_form(short, before)
                    if long_form is not None:
                        english.setdefault(short, Counter())[long_form] += 1
                else:
                    long_form = find_zh_long_form(before)
                    if long_form is not None:
                        chinese.setdefault(short, []).append(before)
                if long_form is None:
                    continue
                acronym = found.setdefault(short.lower(), Acronym(short))
                if spelling not in acronym.spelled:
                    acronym.spelled.append(spelling)
    for acronym in found.values():
        if acronym.short in english:
            acronym.en = english[acronym.short].most_common(1)[0][0]
        # (read again knowing the English long form, which tells one name from two)
        read = (find_zh_long_form(b, acronym.en) for b in chinese.get(acronym.short, []))
        names = [n for n in read if n]
        acronym.zh = min(names, key=len) if names else ""
    return found


# The words of a definition question's frame, and the generic words of its context ("in the
# BDT documents", "here"): no context of their own.
_FRAME_WORDS = frozenset(
    """acronym abbreviation term stand stands for mean means meaning meant refer refers
    definition full name form expansion define expand spell short used exactly actually really
    document documents doc docs report paper context here bdt itu itu-d word letter again say said
    sorry hi hello thank thanks quick question wonder wondering
    someone somebody colleague colleagues boss manager people meeting meetings call kept keep
    keeps keeping saying says mention mentions mentioned heard hear hearing talking talk
    talked coming came come comes up referenced reference references brought around""".split()
)
_HAN_RUN = re.compile(r"[\u4e00-\u9fff]+")
_ZH_FRAME = re.compile(
    r"是什么|是指什么|指的是什么|指什么|代表什么|什么意思|的意思|意思|全称|全名|中文|英文|什么|是啥"
    r"|缩写|简称|请问|一下|文件|里面|这里|文中|东西|是|叫|的|啥|何|呢|吗|呀|啊|这|它|那|个|在|里|中"
    # where the term was heard: "同事开会成日讲的NOW", "听说过BCG"
    r"|有人|同事|老板|上司|大家|开会|会上|会议上|成日|经常|常常|老是|总是|一直|提到|听到|听说|听|讲|说"
)


# Words after a term that place where it was given, not what it is: "presented to Council".
_PLACING = re.compile(
    r"(?:presented|submitted|reported|given|provided|described|set out|used|adopted|agreed"
    r"|endorsed|approved|published|according|in the|from the|as (?:presented|given|set out))\b"
)


def read_asked_term(normalized: str, lang: str) -> str | None:
    """The term a "what is X / what does X stand for / X是什么" question asks about."""
    for pattern in _ZH_ASKS if lang == "zh" else _EN_ASKS:
        match = pattern.search(normalized)
        if match:
            return match["t"]
    return None


def when_or_where_of(term: str) -> bool:
    """Whether a "term" asked about is a time of something ("the dates of GSR-23")."""
    return _WHEN_OR_WHERE_OF.match(term) is not None


def read_asked_phrase(normalized: str, lang: str) -> str | None:
    """The term of several words a definition question asks about."""
    for pattern in _ZH_ASKS_TERM if lang == "zh" else _EN_ASKS_TERM:
        match = pattern.search(normalized)
        term = _TERM_WRAPPING.sub("", match["t"].strip()).strip() if match else ""
        if when_or_where_of(term):
            return None  # "what are the dates of GSR-23": when, not what a term means
        if len(term) >= TERM_MIN_LENGTH:
            return term
    return None


def defines(text: str, term: str, lang: str) -> int | None:
    """Whether a text defines a term (the term followed by a defining word; a quoted term
    only when its quote closes before that word: "‘ITU as One’ is a strategic approach"):
    0 when it opens a sentence, 1 inside one; None when the text does not define it."""
    connector = _ZH_DEFINES if lang == "zh" else _EN_DEFINES
    pattern = re.compile(re.escape(term) + f"(?P<close>[{_QUOTE_AFTER}]?)" + connector, re.I)
    best: int | None = None
    for match in pattern.finditer(text):
        start = match.start()
        before = text[:start].rstrip()
        quoted = bool(before) and before[-1] in _QUOTE_BEFORE
        if quoted != bool(match["close"]):
            continue  # named inside a quote or a title ("“有意义的连接：创新与加速”")
        if quoted:
            before = before[:-1].rstrip()
        if lang != "zh" and start > 0 and text[start - 1].isalnum():
            continue
        rank = 0 if not before or before[-1] in ".。!?！？…:：;；" else 1
        best = rank if best is None else min(best, rank)
    return best


def _written_as_acronym(term: str, text: str) -> bool:
    """Whether the question writes the term as an acronym ("NETP", "HCM4A", "IoT"), or is
    typed all in lower case and so cannot tell ("what does netp stand for")."""
    match = re.search(re.escape(term), text, re.IGNORECASE)
    if match is None:
        return False
    if sum(ch.isupper() for ch in match[0]) >= ACRONYM_MIN_CAPITALS:
        return True
    return not any(ch.isupper() for ch in text)


# Answers a definition may replace: a fact that only mentions the term, or a decline.
_REPLACEABLE_KINDS = frozenset({AnswerKind.FACT, AnswerKind.DECLINE, AnswerKind.CANNOT_ANSWER})


class Glossary:
    """The acronyms of one revision of the knowledge, and the answers they give."""

    def __init__(self, knowledge: Knowledge, index: SearchIndex | None = None) -> None:
        self.knowledge = knowledge
        self.index = index
        self.acronyms = build_acronyms(knowledge)
        self._facts = {f.key: f for f in knowledge.facts}
        self._order = {f.key: n for n, f in enumerate(knowledge.facts)}

    def lookup(self, term: str) -> tuple[Acronym, bool] | None:
        """The acronym a term names, and whether it was taken for a near miss."""
        key = term.lower()
        if key in self.acronyms:
            return self.acronyms[key], False
        if key.endswith("s") and key[:-1] in self.acronyms:
            return self.acronyms[key[:-1]], False
        if len(key) < TYPO_MIN_LENGTH:
            return None
        alike = [a for k, a in self.acronyms.items() if sorted(k) == sorted(key)]
        return (alike[0], True) if len(alike) == 1 else None

    def _defining_fact(self, acronym: Acronym) -> models.Fact:
        """The fact that spells the acronym out best: a definition, or one that names it in
        its title, before one that mentions it in passing."""
        facts = [self._facts[k] for k in acronym.fact_keys]

        def rank(fact: models.Fact) -> tuple[int, int, int]:
            return (
                fact.kind != "definition",
                acronym.short not in fact.title_en,
                not fact.text_en.startswith(acronym.en),
            )

        return min(facts, key=rank)

    def define(self, normalized: str, lang: str, given: Answer) -> Answer | None:
        """For "what is <term>", the fact that defines the term when the answer given does
        not: "Meaningful connectivity, the ability to …" over a fact that only names it.
        None when the answer given defines it, or no single fact does."""
        if _ASKS_SOMETHING_ELSE.search(normalized) or _ZH_ASKS_SOMETHING_ELSE.search(normalized):
            return None  # "「国际电联是一家」的定义是在哪个工作组的磋商中得出的": which group
        term = read_asked_phrase(normalized, lang)
        if term is None or given.kind not in _REPLACEABLE_KINDS:
            return None
        ranked = []
        words = term.split()
        # the term, or its first words ("ITU as One" of "ITU as One presented to Council
        # 2024": what places it is no part of it)
        for size in range(len(words), 1 if len(words) > 1 else 0, -1):
            if size < len(words) and not _PLACING.match(" ".join(words[size:])):
                continue  # "the ATC programme that replaced the CoE": part of what is asked
            term = " ".join(words[:size])
            for fact in self._facts_naming(term):
                rank = self._defines(fact, term, lang)
                if rank is not None:
                    ranked.append(((rank, fact.kind != "definition"), fact))
            if ranked:
                break
        if not ranked:
            return None
        ranked.sort(key=lambda r: r[0])
        if len(ranked) > 1 and ranked[1][0] == ranked[0][0]:
            return None  # several facts define it alike: not one to pick
        best, fact = ranked[0]
        if given.kind is AnswerKind.FACT:
            given_rank = self._defines(given.parts["fact"], term, lang)
            if (
                given_rank is not None
                and (given_rank, given.parts["fact"].kind != "definition") <= best
            ):
                return None  # the answer given defines it as well as any
        under = to_subject(self.knowledge, fact.priority_code) if fact.priority_code else None
        parts: dict[str, Any] = {"fact": fact, "priority": under}
        source = to_source(self.knowledge, fact.doc, fact.section)
        return Answer(
            kind=AnswerKind.FACT,
            lang=lang,
            answered=True,
            confidence=TERM_CONFIDENCE,
            parts=parts,
            sources=[source],
        )

    def _facts_naming(self, term: str) -> list[models.Fact]:
        """The facts that may define a term: those the index finds with its words, best
        first (a fact that defines it writes them all), in the knowledge's order; every fact
        when there is no index. A scan of every fact took 0.6 s at 100k entries."""
        if self.index is None:
            return list(self.knowledge.facts)
        terms = to_query_terms(normalize(term))
        if not terms.tokens:
            return list(self.knowledge.facts)
        hits = self.index.search(terms, kinds=("fact",), limit=DEFINING_CANDIDATES)
        keys = {h.entry.ref for h in hits}
        return sorted((self._facts[k] for k in keys), key=lambda f: self._order[f.key])

    @staticmethod
    def _defines(fact: models.Fact, term: str, lang: str) -> int | None:
        texts = (fact.text_zh, fact.title_zh) if lang == "zh" else (fact.text_en, fact.title_en)
        ranks = [r for r in (defines(t, term, lang) for t in texts) if r is not None]
        return min(ranks) if ranks else None

    def _defines_a_start(self, phrase: str, lang: str) -> bool:
        """Whether a fact defines the phrase, or the phrase's first words (at least two) before
        words that only place it: "ITU as One" of "ITU as One presented to Council 2024"."""
        words = phrase.split()
        for size in range(len(words), 1, -1):
            if size < len(words) and not _PLACING.match(" ".join(words[size:])):
                continue
            start = " ".join(words[:size])
            if any(self._defines(f, start, lang) is not None for f in self._facts_naming(start)):
                return True
        return False

    def _fits_context(self, normalized: str, term: str) -> bool:
        """Whether the words a definition question adds to its frame ("in the emergency
        telecom highlights", "在文件里") are words of our documents: "what does LLDC mean in
        London", "医学上SIDS是什么意思" ask about an acronym of another world. A misspelt
        word of the documents ("reprot") is one of theirs."""
        if self.index is None:
            return True
        rest = normalized.replace(term, " ")
        for word in latin_tokens(rest):
            if word in _FRAME_WORDS or word.isdigit() or self.index.has_token(word):
                continue
            if self.index.has_synonym(word):
                continue  # a word of the staff's for one of the documents' ("quake")
            if self.index.correct_typo(word) is None:
                return False
        for run in _HAN_RUN.findall(_ZH_FRAME.sub(" ", rest)):
            grams = [run[n : n + 2] for n in range(len(run) - 1)]
            # (a two-character leftover, "成日" (often), is no other world)
            if len(run) > 2 and not any(self.index.has_token(g) for g in grams):
                return False
        return True

    def answer(self, q: Question, normalized: str) -> Answer | None:
        """ "What does X stand for": X's expansion and the fact that spells it out; None when
        X is no acronym the facts spell out, or X belongs to a budget subject the question
        names ("P4能力开发的KPI是什么" asks for P4's KPIs, not what KPI means)."""
        lang = q.lang
        who_is = (lang == "en" and any(p.search(normalized) for p in _WHO_IS_EN)) or (
            lang == "zh" and _WHO_IS_ZH.search(normalized) is not None
        )
        if not who_is and (
            _ASKS_SOMETHING_ELSE.search(normalized) or _ZH_ASKS_SOMETHING_ELSE.search(normalized)
        ):
            return None  # "in which working group's consultation was the definition of …"
        term = read_asked_term(normalized, lang)
        reading = q.reading
        named = q.targets or reading.codes or reading.theme_codes or reading.kpi_codes
        # (read without filler: "文件里说的CIRT" is no CIRT of something)
        if term and named and _OWNED.search(q.normalized.split(term)[0]):
            return None
        if term in ("kpi", "kpis") and named:
            return None  # "regarding P4, what are the KPIs": P4's, not what KPI stands for
        if term and not _written_as_acronym(term, q.text):
            return None  # "What is now?" asks about no Network of Women (NOW)
        phrase = read_asked_phrase(normalized, lang)
        if (
            term
            and phrase
            and phrase != term
            and term in phrase.split()
            # (not the acronym with what it names: "the ATC programme" asks what ATC is)
            and not re.fullmatch(rf"{re.escape(term)} {_HEAD_EN}", phrase)
            and self._defines_a_start(phrase, lang)
        ):
            # "the definition of ITU as One (presented to Council 2024)": the phrase a fact
            # defines, not "ITU"
            return None
        if not term:
            return None
        found = self.lookup(term)
        if found is None:
            return None
        acronym, typo = found
        if not self._fits_context(normalized, term):
            return None  # "what does LLDC mean in London": another LLDC, perhaps
        parts: dict[str, Any] = {
            "acronym": acronym,
            "asked": term,
            "typo": typo,
            "fact": None,
            "spelled": None,
        }
        if acronym.fact_keys:
            fact = self._defining_fact(acronym)
            parts["fact"] = fact
            source = to_source(self.knowledge, fact.doc, fact.section)
        else:
            spelled = acronym.spelled[0]
            parts["spelled"] = spelled  # "WEEE": the KPI whose text spells it out
            source = to_source(self.knowledge, spelled.doc, spelled.section)
        confidence = DEFINED_TYPO_CONFIDENCE if typo else DEFINED_CONFIDENCE
        return Answer(
            kind=AnswerKind.DEFINITION,
            lang=lang,
            answered=True,
            confidence=confidence,
            parts=parts,
            sources=[source],
        )
