"""Arithmetic over budget figures beyond sums and rankings: ratios, averages, a share of a
group of lines, a percentage of an amount, and figures that live inside a fact.

Every result is computed from figures the store holds and identifies (at least two of them,
or one figure and a percentage the question states); the answer shows the formula. A
computation that cannot be grounded so returns None and the engine answers otherwise.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from typing import Any, NamedTuple

from knowledge.answering.answer import Answer, AnswerKind
from knowledge.answering.answerability import (
    DIFFERENCE,
    PART_LEFT_OUT,
    RATIO,
    RATIO_COMPARED,
    RELATIVE,
    STATED_CHANGE,
    ZH_HALF,
    read_counted,
)
from knowledge.answering.answerability import read_operation as read_operation_asked
from knowledge.answering.figures import (
    BudgetFigure,
    get_budget_figure,
    get_complete_year,
    list_subjects,
    to_percentage,
    to_source,
    to_subject,
)
from knowledge.answering.lists import read_stated_count
from knowledge.answering.matching import SearchIndex, to_query_terms
from knowledge.answering.snapshot import Knowledge
from knowledge.answering.text import is_chinese, latin_tokens, normalize, stem
from knowledge.answering.thresholds import (
    COMPUTED_FLOOR,
    LINE_NAMED_MIN_EXPLAINED,
    MONEY_SUM_CONFIDENCE,
    PART_CANDIDATES,
    PART_MIN_COVERAGE,
    RESULTS_TOTAL_CONFIDENCE,
)
from knowledge.answering.understanding import Question
from knowledge.store import TOTAL_CODE, models

# "how many times bigger", "P1的预算是E1的多少倍"
_RATIO = re.compile(
    r"\bhow many times\b(?! (?:did|does|do|has|have|had|was|were|is|are|will|would)\b)"
    r"|\btimes (?:as|bigger|larger|more|higher|greater)\b"
    # ("how many times the P1 budget", not "three times the P1 budget": a multiple of it)
    r"|(?<!three )(?<!four )(?<!five )(?<!ten )(?<!\d )\btimes the\b"
    r"|\bratio (?:of|between)\b|多少倍|几倍|倍数"
    # "how many times is P2 larger than E4" (not "how many times is it mentioned")
    r"|\bhow many times (?:is|are|was|were)\b[^?]{0,40}?\b(?:larger|bigger|greater|higher|more)\b"
    # "how many times is the cybersecurity budget vs the capacity development one"
    r"|\bhow many times (?:is|are|was|were)\b[^?]{0,60}?\b(?:vs|versus|compared (?:to|with))\b"
)
# "average budget", "on average per KPI", "平均预算"
_AVERAGE = re.compile(
    r"\baverage\b|\bthe mean\b|\bmean (?:budget|amount|value|number|figure|share|count)s?\b"
    r"|\bon avg\b|平均"
)
# "per KPI", "每个指标": an average over the subject's KPIs; the budget divided by their
# number ("divided by its number of KPIs", "按KPI平均一下", "除以它的KPI数量"), or each of
# them asked after they are counted ("有几个KPI？每个平均多少？")
_KPI_ZH = r"(?:kpi|关键绩效指标|指标)"
EACH_AFTER_KPIS_COUNTED = re.compile(
    rf"几(?:个|项){_KPI_ZH}[^?？。]{{0,6}}[?？，,]\s*(?:那|那么)?"
    r"(?:平均每(?:个|项)|每(?:个|项)(?:平均|大概|大约))"
)
_PER_KPI = re.compile(
    r"\bper (?:kpi|indicator)s?\b|每(?:个|项|一个)?(?:关键绩效)?指标|每个kpi"
    r"|\bdivided (?:by|between|among|across) (?:its |their |the )?(?:number of |count of )?"
    r"(?:kpis|indicators)\b"
    rf"|(?:按|按照|以)(?:每个|每项)?{_KPI_ZH}(?:数量|个数|数目|数)?(?:来)?平均"
    rf"|除以(?:它的|它|其|该项的|这个)?{_KPI_ZH}(?:的)?(?:数量|个数|数目|数)"
    r"|" + EACH_AFTER_KPIS_COUNTED.pattern
)
# What is left is asked for lines named after it: "how much is left for the enablers E1 to
# E5", "剩下给E1至E5的有多少".
_LEFT_FOR = re.compile(
    r"\b(?:left|remains?|remaining|leftover|available) (?:over )?for\b|(?:剩下|剩余|留)给"
)
_CODE_RANGE = re.compile(
    r"\b(?P<k>[pe])\s*(?P<a>\d)\s*(?:-|–|to|至|到)\s*(?P=k)?\s*(?P<b>\d)(?!\d)"
    r"|(?<![a-z])(?P<k2>[pe])\s*(?P<a2>\d)\s*(?:-|–|至|到)\s*(?P=k2)?\s*(?P<b2>\d)(?!\d)"
)
_LEFT_OUT_IN_TAIL = re.compile(
    r"\b(?:other than|except|excluding|apart from|besides|but|without|not)\b|除|以外|之外|不含"
)
_CODE_SAID = re.compile(r"(?<![a-z0-9/])(?P<k>[pe])(?P<n>\d)(?![\d/])")


def _codes_left_for(text: str) -> set[str]:
    """The codes of lines a question asks what is left for (said, or in a range)."""
    found = _LEFT_FOR.search(text)
    if found is None:
        return set()
    tail = text[found.end() :]
    if _LEFT_OUT_IN_TAIL.search(tail):
        return set()  # ("left for everything other than P3": P3 is what is taken out)
    codes = {f"{m['k']}{m['n']}".upper() for m in _CODE_SAID.finditer(tail)}
    for m in _CODE_RANGE.finditer(tail):
        kind, low, high = m["k"] or m["k2"], int(m["a"] or m["a2"]), int(m["b"] or m["b2"])
        codes |= {f"{kind}{n}".upper() for n in range(low, high + 1)}
    return codes


# A percentage the question states: "12% of the total", "总预算的10%"
_STATED_PERCENT = re.compile(r"(?<![\d.\-])(\d{1,3}(?:\.\d{1,2})?)\s*(?:%|percent\b)")
# A range of percentages stated: "7 to 8%", "7%–8%", "7%至8%".
_PERCENT_RANGE = re.compile(
    r"(?<![\d.\-])(?P<low>\d{1,3}(?:\.\d{1,2})?)\s*(?:%|percent)?\s*(?:to|–|-|至|到|~)\s*"
    r"(?P<high>\d{1,3}(?:\.\d{1,2})?)\s*(?:%|percent\b)"
)
# The percentage is taken of the subject named after it: "20% of P4's budget", "10% of the
# cybersecurity budget", "P4预算的20%" (not "18% of the budget", which is a share).
_PERCENT_OF = re.compile(
    r"\d\s*(?:%|percent) of (?!(?:the |its )?(?:total |overall |whole )?budget\b)"
    r"(?:the |its )?[a-z0-9]"
    r"|\d\s*(?:%|percent) of (?:the |its )?budget (?:for|of) (?!(?:the )?(?:total|op-23|itu-d)\b)"
    r"|的\s*\d{1,3}(?:\.\d{1,2})?\s*%"
)
# A fraction of an amount: "half of P3's budget", "P3预算的一半", "三分之二的P1预算", "a fifth
# of the total": a whole number of parts of a whole number, in words.
_EN_PARTS = {"a": 1, "one": 1, "two": 2, "three": 3, "four": 4}
_EN_WHOLES = {"half": 2, "third": 3, "thirds": 3, "quarter": 4, "quarters": 4, "fifth": 5,
              "fifths": 5, "tenth": 10, "tenths": 10}  # fmt: skip
_ZH_NUMBERS = {"一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "十": 10}
_FRACTION = re.compile(
    r"\b(?:(?P<part>a|one|two|three|four) )?(?P<whole>half|thirds?|quarters?|fifths?|tenths?) of\b"
    r"|(?P<zhalf>" + ZH_HALF + r")|(?P<zwhole>[二三四五十])分之(?P<zpart>[一二两三四])"
)


_EN_TIMES = {"tripl": 3, "trebl": 3, "quadrupl": 4, "three": 3, "four": 4, "five": 5, "ten": 10}


def _times(multiple: str) -> Decimal:
    """The factor a multiple names: "tripled", "four times", "12 times", "三" (of 三倍)."""
    word = multiple.split()[0]
    if word.isdigit():
        return Decimal(word)
    if word in _ZH_NUMBERS or word in "六七八九":
        return Decimal("一二三四五六七八九十".index(word) + 1)
    return Decimal(next(n for stem, n in _EN_TIMES.items() if word.startswith(stem)))


# A share said of the thing asked about, to be checked: "是不是差不多占P1的四分之一", "is that
# about a quarter of P1?" (its share, not that fraction of P1 worked out).
_SHARE_CHECKED = re.compile(
    r"(?:是不是|是否|有没有)[^，。？?,]{0,8}?占[^，。？?,]{0,12}?"
    r"(?:\d+(?:\.\d+)?\s*%|[二三四五十]分之[一二两三四]|一半)"
    r"|占[^，。？?,]{0,12}?(?:\d+(?:\.\d+)?\s*%|[二三四五十]分之[一二两三四]|一半)"
    r"(?:左右|上下)?(?:吗|吧|对吗|对吧|是吗)"
    r"|\b(?:is|was|are|were) (?:it|that|this|they) (?:about |roughly |around |nearly |almost )?"
    r"(?:\d+(?:\.\d+)?\s*%|(?:a |one )?(?:half|third|quarter|fifth))"
)


# A share said with 占 of what the question names or asks for: "占P1的24.5%的应急通信",
# "E5占总预算8.6%", "哪项重点工作占总预算的四分之一以上", "占预算一半的是哪项".
_SHARE_SAID = re.compile(
    r"占[^，。？?,]{0,12}?(?:\d+(?:\.\d+)?\s*%|[二三四五十]分之[一二两三四]|一半)"
)
_WHICH = re.compile(r"哪|\bwhich\b")


def asks_which_by_share(q: Question) -> bool:
    """Whether a share is said of a line the question names, or of the one it asks for (its
    budget or its name asked, not that share of a figure worked out)."""
    return _SHARE_SAID.search(q.normalized) is not None and (
        bool(q.targets) or _WHICH.search(q.normalized) is not None
    )


def checks_a_share(text: str) -> bool:
    """Whether a question says a share of what it asks about, to be checked ("是不是占P1的四
    分之一"), rather than asking that part of a figure."""
    return _SHARE_CHECKED.search(text) is not None


# A fraction an amount is compared with: "more than half of", "超过总预算的一半".
_FRACTION_COMPARED = re.compile(
    r"(?:超过|超出|多于|少于|不到|不足|高于|低于|达到|过)[^，。？?,]{0,12}?"
    r"(?:一半|[二三四五十]分之[一二两三四])"
    r"|\b(?:more|less|bigger|smaller|larger|greater|over|under|exceeds?|exceeding|at least|above"
    r"|below)(?: than)? (?:a |one )?(?:half|third|quarter|fifth|tenth)s? of\b"
)
# … of the whole budget: "超过总预算的一半", "more than half of the total budget".
_FRACTION_OF_TOTAL_COMPARED = re.compile(
    r"(?:超过|超出|多于|少于|不到|不足|高于|低于|达到|过)[^，。？?,]{0,8}?"
    r"(?:总预算|预算总额|总额|整体预算|全部预算)的?(?:一半|[二三四五十]分之[一二两三四])"
    r"|\b(?:more|less|bigger|smaller|larger|greater|over|under|exceeds?|exceeding|at least|above"
    r"|below)(?: than)? (?:a |one )?(?:half|third|quarter|fifth|tenth)s? of (?:the )?"
    r"(?:op-23 |2023 )?(?:total|whole|overall|entire|op-23|budget)\b"
)


def compares_to_a_fraction_of_total(text: str) -> bool:
    """Whether a question compares an amount with a fraction of the whole budget ("P2和P3加
    起来有没有超过总预算的一半"): the amount's share of the total tells."""
    return _FRACTION_OF_TOTAL_COMPARED.search(text) is not None


_FRACTION_OF_A_FRACTION = re.compile(
    r"一半的一半|分之[一二两三四]的[二三四五十]分之|分之[一二两三四]的一半|一半的[二三四五十]分之"
    r"|\b(?:half|thirds?|quarters?) of (?:a |one |the )?(?:half|third|quarter)\b"
)


def read_fraction(text: str) -> Decimal | None:
    """The percentage a fraction written in words stands for ("two thirds" → 66.67)."""
    match = _FRACTION.search(text)
    if match is None or _FRACTION_OF_A_FRACTION.search(text):
        return None  # ("一半的一半", "half of a half": not one fraction)
    if match["zhalf"]:
        return Decimal(50)
    if match["zwhole"]:
        part, whole = _ZH_NUMBERS[match["zpart"]], _ZH_NUMBERS[match["zwhole"]]
    else:
        part, whole = _EN_PARTS.get(match["part"] or "a", 1), _EN_WHOLES[match["whole"]]
    return Decimal(100) * part / whole if part < whole else None


# The question wants an amount, not a share: "how many CHF", "多少瑞郎", "how much is that"
_AMOUNT_WANTED = re.compile(
    r"\bhow many (?:chf|francs?|swiss francs?)\b|\bhow much\b|\bin (?:chf|swiss francs?)\b"
    r"|\bwhat amount\b"
    # (at the start of the question, or of its clause: "quick maths please: what is 10% of")
    r"|(?:^|(?<=[:;!?.,—–-]))\s*what(?:'s| is| would| will) (?:be )?\d{1,3}(?:\.\d{1,2})?\s*"
    r"(?:%|percent) of\b"
    r"|\bhow many\b.*\b(?:chf|francs?)\b|多少瑞郎|多少钱|多少法郎|相当于多少|合多少|是多少"
)
# The question asks for money, of any currency: "how much", "worth", "多少欧元".
_MONEY_ASKED = re.compile(
    r"\bhow much\b|\bworth\b|\bvalues?\b|\bcosts?\b|\bfunding\b|\bbudgets?\b|\bmoney\b"
    r"|\bamounts?\b|\beur\b|\beuros?\b|\bchf\b|\bfrancs?\b|\bdollars?\b|\busd\b|\bfunds?\b"
    r"|\bfinanc|多少钱|金额|价值|欧元|瑞郎|法郎|美元|资金|预算|经费|资助|钱"
)


def asks_for_money(text: str) -> bool:
    """Whether a question (normalised) asks about money: an amount, a value, a budget."""
    return _MONEY_ASKED.search(text) is not None


# The question asks for a share: "what share", "百分之几"
_SHARE_WANTED = re.compile(
    r"\bwhat (?:share|percentage|proportion|fraction|percent)\b|\bwhat % \b"
    r"|百分之几|百分比|多少比例|比例|占多少"
)
_DOWN = frozenset(
    "cut cuts reduce reduced reducing decrease decreased decreasing lowered dropped trimmed "
    "slashed reduction drop less lower smaller removed lost"
    " 减少 削减 降低 缩减 下调 砍掉 砍去 砍 减掉 减去 少".split()
)
# What is left of the whole once the lines named are taken out: "not allocated to P1-P4",
# "除P1至P4以外的预算"
_REMAINDER = re.compile(
    r"\bnot (?:allocated|assigned|going|given|spent|earmarked) (?:to|on|for)\b"
    r"|\b(?:outside|other than|apart from|except|excluding|besides|beyond)\b"
    r"|\b(?:is|are) left\b|\bleft over\b|\bthe rest\b|\bremainder\b"
    r"|\b(?:leave|leaving|left|take|taking|taken) out\b|\bremains? (?:for|after)\b"
    r"|\beverything else\b|\ball the rest\b"
    # ("if we strip cybersecurity out of P4, what remains")
    r"|\b(?:strip|stripping|stripped)\b[^?.;]{0,40}?\b(?:out|off)\b"
    r"|除了?|以外|之外|其余|剩下|剩余|不属于|扣掉|扣除|还剩|去掉|刨去|刨除|减掉"
)
# A line cut, said in words ("砍掉", "减少", "cut", "reduced").
_CUT_SAID = re.compile(r"砍|减少|减半|削减|缩减|\bcut\b|\breduc\w*")
# The whole budget, less what comes after it: "the total budget without P3", "总预算扣掉P3".
_WHOLE_LESS = re.compile(
    r"\b(?:total|overall|whole|entire) (?:op-23 |2023 )?budget\b[^?.;]{0,20}?"
    r"\b(?:without|minus|excluding|less|except)\b"
    r"|(?:总预算|预算总额|总额)[^？?。；]{0,4}?(?:扣掉|扣除|减去|去掉|除去|不算)"
)
# The lines a sum leaves out: those named after "excluding", "not counting", "不含".
_EXCLUDING = re.compile(
    r"\b(?:excluding|except|not counting|without|leaving out|other than|apart from|besides|but not"
    r"|not including)\b"
    # an aside after the lines added: "P1-P4 (leave out the P5/E6/E7 line)" ("if we leave
    # out P3, how much remains" asks what is left of the total)
    r"|(?:\(|,)\s*(?:leave|leaving|set|setting) (?:out|aside)\b"
    # "just those five, not the P5/E6/E7 line": a line's code after "not"
    r"|\bnot (?:the |including |incl\. )?(?=[pe]\d)"
    r"|不含|不包括|除去|除了|不算|不计|去掉|扣掉|扣除|除(?=\s*[pe]\d)"
)
# A line left out by what follows its code: "P3之外，哪个预算最多", "P3以外的".
_LEFT_OUT_AFTER = re.compile(r"(?<![a-z0-9])([pe]\d)(?![0-9])(?:的预算)?\s*(?:之外|以外)")


def leaves_out(q: Question) -> bool:
    """Whether the question says something is left out ("except", "不含")."""
    return _EXCLUDING.search(q.normalized) is not None


def excluded_codes(q: Question, knowledge: Knowledge) -> set[str]:
    """The budget lines a question names after a word that leaves them out, within that
    clause ("P1-P4 combined (excluding the P5/E6/E7 line)" → P5; "P1, P2 and P3, excluding
    P2" → P2)."""
    match = _EXCLUDING.search(q.normalized)
    if match is None:
        after = {m[1] for m in _LEFT_OUT_AFTER.finditer(q.normalized)}
        return {t.code for t in q.targets if t.code.lower() in after}
    end = re.search(r"[),;.?!）。；？，]|以外|之外", q.normalized[match.end() :])
    stop = match.end() + end.start() if end else len(q.normalized)
    clause = q.normalized[match.end() : stop]
    return {t.code for t in q.targets if _mention_position(clause, t.code, knowledge) is not None}


# Where a question turns from what it compares to what with: "P1 and P4 together compared
# with P3", "than P2", "E3和E5加起来跟P2比", "与P2相比".
_COMPARED_TO = re.compile(
    r"\bthan\b|\bcompare[sd]? (?:with|to)\b|\bversus\b|\bvs\b|\bagainst\b"
    # ("E3 + E5 minus P2", "E3和E5加起来减去P2")
    r"|\bminus\b|减去"
    # ("which is bigger: E3 and E5 together, or P2?")
    r"|\b(?:together|combined|added up),? or\b"
    # (和 only where a clause opens with it: "E3和E5加起来，和P2比", not "E3和E5")
    r"|(?:跟|与|同|(?<=[,，;；])\s*和)[^，。？?,]{1,20}?比|比(?!例|重|率|较)"
)


# Each line asked on its own ("P2和P3各自比P1多多少", "each", "respectively", "which of"), or
# a share asked: no sum on one side.
_EACH_SIDE = re.compile(
    r"\b(?:each|respectively|either|which of|which one|individually|both|or)\b"
    r"|各自|分别|分別|哪个|哪一|都"
)
_SHARE_ASKED = re.compile(r"\b(?:share|proportion|fraction)\b|占|比例|比重")
# Which way a comparison goes, asked: "more or less than", "bigger or smaller".
_EITHER_WAY = re.compile(
    r"\b(?:more|higher|bigger|larger|greater) or (?:less|lower|smaller|fewer)\b"
    r"|\b(?:less|lower|smaller) or (?:more|higher|bigger|larger|greater)\b"
    r"|哪个(?:更)?(?:多|大|高|少|小)|谁(?:更)?(?:多|大|少)"
    # (a summed side, or the other: "E3 and E5 together, or P2")
    r"|\b(?:together|combined|added up),? or\b"
)
_SUMMED = re.compile(
    r"\b(?:together|combined|put together|added up|sum of|total of|plus)\b|\+"
    r"|加起来|加起來|合计|合計|加埋|合起来|合起來|加在一起|总和|總和|一共|相加"
    # ("E3加E5，跟P2比")
    r"|(?<=[pe]\d)\s*加\s*(?=[pe]\d)"
)
_FRACTION_WORD = re.compile(
    r"\b(?:half|a third|one third|two thirds|a quarter|one quarter|three quarters|a fifth"
    r"|one fifth)\b|一半|[二三四五六七八九十]分之"
)


def split_compared(q: Question, knowledge: Knowledge) -> list[list[str]] | None:
    """The lines named on each side of a comparison, in the question's order ("E3 and E5
    together compared with P2": E3, E5 | P2), where one side names several; None unless
    every line named stands on one side of where it turns ("跟P2比" turns once)."""
    turns = [m.start() for m in _COMPARED_TO.finditer(q.normalized)]
    codes = list(dict.fromkeys(t.code for t in q.targets))
    if not turns or len(codes) < 3 or TOTAL_CODE in codes:
        return None
    if (
        any(t.ambiguous for t in q.targets)
        or _RATIO.search(q.normalized)
        # ("more or less than P2": which way, not either side)
        or _EACH_SIDE.search(_EITHER_WAY.sub(" ", q.normalized))
        or _PERCENT_COMPARED.search(q.normalized)
        or _SHARE_ASKED.search(q.normalized)
        # (a side summed in so many words: "together", "combined", 加起来; not "P1 and P2 are
        # both bigger than P4", nor "more than half of P1 and P2 combined")
        or not _SUMMED.search(q.normalized)
        or _FRACTION_WORD.search(q.normalized)
    ):
        # ("the capacity development theme under P4": P3's and P4's both found, one meant;
        # "how many times bigger": a ratio, no sum less another)
        return None
    placed = {c: _mention_position(q.normalized, c, knowledge) for c in codes}
    if None in placed.values():
        return None
    splits = {tuple(c for c in codes if (placed[c] or 0) < turn) for turn in turns}
    if len(splits) != 1:
        return None
    before = list(splits.pop())
    after = [c for c in codes if c not in before]
    if not before or not after:
        return None
    return [before, after]


# Phrases that name Table 1's lines as the group
# A comparison asked in percent ("by what percentage is P3 larger", "多百分之几"), and the
# ratio below which a "times" answer also says it in percent.
_PERCENT_COMPARED = re.compile(r"\bpercent|%|\brelative terms\b|百分|几成")
PERCENT_COMPARED_BELOW = 3
_TABLE_LINES = re.compile(r"\btable 1\b|\bbudget lines\b|\blines\b|表1|预算项")
# Each of several percentages asked ("分别是多少", "respectively").
_EACH_ASKED = re.compile(r"\brespectively\b|\beach\b|\bboth\b|分别|分別|各自|各为|各是")
# What is left beside a part asked ("and how much is left", "其余的是多少").
_REST_ASKED = re.compile(
    r"\b(?:is|are|was|would be|will be) left\b|\bleft (?:over|for)\b|\bthe rest\b"
    r"|\bremain(?:s|der|ing)\b|\beverything else\b|剩下|剩余|还剩|其余"
)
_REST_OF_THE_WHOLE = re.compile(
    r"\b(?:remain\w*|left|rest) (?:of|in|from) the (?:total|whole|overall|entire)\b"
    r"|(?:总预算|预算总额|总额)[^，。？?]{0,6}(?:剩|其余)"
)
# A difference asked in so many words, beside another computation ("the difference in CHF
# and how many times bigger", "多多少？是几倍？").
_DIFFERENCE_ASKED = re.compile(
    r"\bdifference\b|\bgap\b|\bby how much\b|\bhow much (?:more|less|bigger|higher|lower)\b"
    r"|多多少|少多少|差多少|相差|差额|差距|多出多少|高出多少"
)
RATIO_PLACES = Decimal("0.01")
AVERAGE_PLACES = Decimal("0.01")


@dataclass(frozen=True)
class Operation:
    """What a question asks to compute: ratio | average | per_kpi | percent_of | share |
    split | change | remainder | …"""

    kind: str
    percent: Decimal | None = None
    # A change named as a multiple ("three times P4", "P4的三倍"): said as one.
    times: Decimal | None = None
    # The low end of a range of percentages stated ("7 to 8%"): both ends taken.
    low: Decimal | None = None
    # A change by a fraction that is no whole percentage ("cut by a third"): its whole.
    parts: int | None = None


# A multiple said of one line against another, to be checked: "P4里网络安全是能力开发的五倍，
# 对吗", "E3是E4的两倍吗" (not "P3的三倍减去P1", a multiple worked with).
_MULTIPLE_CLAIMED = re.compile(
    r"(?<![几多少])[两二三四五六七八九十\d]倍(?=\s*(?:吗|嗎|吧|啊|呢|[?？，,。]|$))"
)


# "What is three times P1?": the multiple of a line's amount, asked as what it is.
_WHAT_IS_A_MULTIPLE = re.compile(
    r"^(?:what(?:'s| is| would be| will be)|how much is) (?:three|four|five|ten|\d{1,2}) times\b"
)
# "P4增加三倍": read as three times by some, four times by others; never guessed.
_ZH_RISE_BY = re.compile(r"(?:增加|增长|提高|上升|扩大)了?$")


def _multiple(q: Question, text: str, change: re.Match[str], multiple: str) -> Operation | None:
    """A multiple of one amount asked ("three times the P1 budget", "P4的三倍是多少"); two
    lines named with a multiple compare them ("Is P4 three times E4?"); a multiple of a
    share, or without an amount asked ("attended three times"), is no computation of ours."""
    if len({t.code for t in q.targets}) >= 2:
        return Operation("ratio")
    amount = _AMOUNT_WANTED.search(text) or _WHAT_IS_A_MULTIPLE.search(text)
    if q.reading.has("share") or not (q.reading.has("budget", "whole") or (q.targets and amount)):
        return None
    if change["zmult"] and _ZH_RISE_BY.search(text[: change.start()]):
        return Operation("change", Decimal(0))  # ambiguous: declined as no change computed
    times = _times(multiple)
    return Operation("change", (times - 1) * 100, times=times)


# The whole of a class of lines, as what a share is taken of: "the enablers' total budget",
# "of the five enablers combined", "推动因素总预算", "各重点工作合计".
_CLASS_WHOLE = re.compile(
    r"\b(?:share|percentage|percent|proportion|fraction|%)\b[^?]{0,40}?\b(?:of|in) (?:the |all )?"
    r"(?:(?:five|5) )?(?:enablers|priorities)(?:'|’)?(?:'s)? ?"
    r"(?:total|combined|overall|budget|together)"
    r"|(?:占|是)(?:全部|所有|五个|5个|各)?(?:推动因素|重点工作)(?:的)?(?:总预算|预算总额|预算总和|总额|合计|总和)"
)


# Fractions of an amount a change may be stated in, as percentages.
_EXACT_FRACTIONS = {
    "quarter": "25",
    "fifth": "20",
    "tenth": "10",
    "四分之一": "25",
    "五分之一": "20",
    "十分之一": "10",
}


# An amount split into equal parts: "平摊到12个月", "平均分给六个区域", "split evenly across the
# six regions", "spread over 12 months", "divided equally among 4 teams".
_NUMERAL = r"\d{1,3}|[两二三四五六七八九十]{1,3}"
_EN_COUNTS = {"two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
              "nine": 9, "ten": 10, "eleven": 11, "twelve": 12}  # fmt: skip
# (equal parts said in so many words: not "P2 is split into two themes", which it is, unevenly)
_SPLIT = re.compile(
    r"(?:平摊|平分|均分|均摊|平均分(?:配|摊)?)(?:给|到|成|为|在)?\s*(?P<zn>" + _NUMERAL + r")"
    r"\s*(?:个|份|等份)?"
    r"|\b(?:split|divided|spread|shared|distributed|allocated|apportioned)"
    r" (?:equally|evenly) (?:among|between|across|over|into|by)(?: (?:the|all))? "
    r"(?P<n>\d{1,3}|" + "|".join(_EN_COUNTS) + r")\b(?! ?%)"
    r"|\b(?:split|divided) into (?P<n2>\d{1,3}|"
    + "|".join(_EN_COUNTS)
    + r") equal (?:parts|shares)\b"
)


def _to_count(word: str) -> int | None:
    """A whole number written in digits, in English words or in Chinese ("十二" → 12)."""
    if word.isdigit():
        return int(word)
    if word in _EN_COUNTS:
        return _EN_COUNTS[word]
    digits = "一二三四五六七八九"
    word = word.replace("两", "二")
    if word == "十":
        return 10
    if "十" in word:
        tens, _, ones = word.partition("十")
        if len(tens) > 1 or len(ones) > 1:
            return None
        return (digits.index(tens) + 1 if tens else 1) * 10 + (
            digits.index(ones) + 1 if ones else 0
        )
    return digits.index(word) + 1 if len(word) == 1 and word in digits else None


# A split supposed, not told of ("P3的预算平分给三个主题": its themes' own budgets differ).
_SUPPOSED = re.compile(
    r"\b(?:if|were|would|suppose|supposing|assuming|hypothetically)\b|如果|假如|假设|假使|若|要是|的话"
)


# A range or a class of lines left out ("other than P1-P4", "除P1至P4以外", "all lines except
# the enablers"): what is left is not read here.
_RANGE_LEFT_OUT = re.compile(
    r"(?:other than|except|excluding|besides|apart from|but|除了?|不含|不包括)\s*(?:the\s+)?"
    r"(?:[pe]\s*\d\s*(?:-|–|to|至|到)\s*[pe]?\s*\d|(?:all\s+)?(?:enablers|priorities|推动因素"
    r"|重点工作))"
)
# What a split of a whole amount does not read: a part of it split ("E2的7%平均分给六个区域"),
# a year or "more than" ("平摊到2024年", "100多个国家"), two counts ("3 themes and 2 years").
_NOT_A_SPLIT = re.compile(
    # (nor what each actually gets: "如果P3平分给三个主题，各主题实际各多少")
    r"实际|\bactual(?:ly)?\b|\d\s*%|(?:平摊|平分|均分|均摊|平均分(?:配|摊)?)(?:给|到|成|为|在)?\s*\d+\s*(?:年|多|余)"
    r"|\b(?:among|between|across|over|into|by) (?:the |all )?\d{1,3} \w+ (?:and|or) \d"
)


def read_split(text: str) -> int | None:
    """Into how many equal parts a question supposes an amount split (two or more)."""
    match = _SPLIT.search(text)
    if match is None or _SUPPOSED.search(text) is None or _NOT_A_SPLIT.search(text):
        return None
    count = _to_count(match["zn"] or match["n"] or match["n2"])
    return count if count is not None and count >= 2 else None


# ... and those that are none, by the parts of the whole they take one of.
_THIRDS = {"third": 3, "三分之一": 3}


def read_operation(q: Question, text: str) -> Operation | None:
    """The computation a question asks for, from its wording (`text`, the whole question
    normalized); None for anything else."""
    extremes = q.reading.has("max") and q.reading.has("min") and q.reading.has("budget")
    if _RATIO.search(text) and extremes and not q.targets:
        # "how many times the smallest line is the largest", "最高的一项是最低一项的多少倍"
        return Operation("extremes_ratio")
    if _RATIO.search(text) or (RATIO_COMPARED.search(text) and len(q.targets) >= 2):
        # (one figure "twice as much" is a doubling: "What is double what E1 gets?")
        return Operation("ratio")
    if len({t.code for t in q.targets}) >= 2 and _MULTIPLE_CLAIMED.search(text):
        return Operation("ratio")  # "网络安全是能力开发的五倍吗": their ratio checks it
    codes = q.reading.codes
    repeated = len(codes) > len(set(codes))  # "the P2 and P3 budgets combined does P3 have"
    if RELATIVE.search(text) and len(q.targets) == 2 and not repeated and not q.reading.has("sum"):
        return Operation("relative")  # "P5的预算相当于P1的百分之几"
    if len({t.code for t in q.targets}) == 1 and _CLASS_WHOLE.search(text):
        return Operation("share_of_class")  # "E2占推动因素总预算的比例"
    if extremes:
        return Operation("extremes")  # "which line has the largest and which the smallest"
    split = read_split(text)
    if split is not None:
        return Operation("split", parts=split)  # "平摊到12个月，每个月多少": an amount / 12
    if _PER_KPI.search(text) and (q.reading.has("budget") or EACH_AFTER_KPIS_COUNTED.search(text)):
        return Operation("per_kpi")
    if _AVERAGE.search(text):
        return Operation("average")
    change = STATED_CHANGE.search(text)
    if change and not _SHARE_WANTED.search(text):
        multiple = change["mult"] or change["zmult"]
        if multiple:
            return _multiple(q, text, change, multiple)
        if change["half"] or change["zhalf"]:
            return Operation("change", Decimal(-50))  # halved
        groups = change.groupdict()
        direction = next(v for k, v in groups.items() if k.startswith(("dir", "zdir")) and v)
        given = [v for k, v in groups.items() if k.startswith(("p", "zp")) and v]
        fraction = change["frac"] or change["zfrac"]
        if fraction:
            # a quarter is 25%; a third is no whole percentage to show the sum with
            if fraction not in _EXACT_FRACTIONS:
                # a third is no whole percentage: worked out as the line times 2/3 (or 4/3)
                whole = _THIRDS.get(fraction)
                if whole is None:
                    return None
                third = Decimal(100) / whole
                return Operation("change", -third if direction in _DOWN else third, parts=whole)
            given = [_EXACT_FRACTIONS[fraction]]
        percent = Decimal(given[0]) if given else Decimal(100)  # doubled: +100%
        return Operation("change", -percent if direction in _DOWN else percent)
    # the whole budget named before a line taken out of it: "總預算扣掉P3之後，其餘各項加起來",
    # "what's left of the total budget without P3"
    whole_less = _WHOLE_LESS.search(text) is not None
    if (
        q.targets
        # "P1-P4 combined (excluding P5)": a sum of the rest
        and (not q.reading.has("sum") or whole_less)
        and (
            (
                _REMAINDER.search(text)
                and q.reading.has("budget", "whole")
                # ("apart from P3, which line gets the most": the others ranked)
                and not q.reading.has("max", "min", "rank")
                # ("如果P3砍掉一半的一半，还剩多少": what is left of the line cut, not of the
                # whole once it is taken out)
                and not _CUT_SAID.search(text)
            )
            or whole_less
            # "P3 without the statistics theme": the line's budget less its theme's (not its
            # KPIs, risks or results)
            or (
                PART_LEFT_OUT.search(text)
                and not q.reading.has("kpi", "outcome", "output", "risk", "count")
                # (a theme of the line named, left out of it: "P2 minus DIE", no theme
                # named, leaves nothing out of P2)
                and any("-" in t.code for t in q.targets)
            )
        )
    ):
        return Operation("remainder")
    stated = _STATED_PERCENT.search(text)
    # (a share that describes a line named, "占P1的24.5%的应急通信预算是多少", or the line asked
    # for by its share, "哪项重点工作占总预算的四分之一以上", is no part of a figure to work out)
    checked = checks_a_share(text) or asks_which_by_share(q)
    ends = _PERCENT_RANGE.search(text)
    wanted = _AMOUNT_WANTED.search(text) and not _SHARE_WANTED.search(text) and not checked
    if wanted and ends is not None and Decimal(ends["low"]) < Decimal(ends["high"]):
        # "about 7 to 8% of the OP-23 money: what's that range in francs": both ends
        return Operation("percent_of", Decimal(ends["high"]), low=Decimal(ends["low"]))
    if stated and wanted:
        return Operation("percent_of", Decimal(stated[1]))
    fraction = read_fraction(text)
    if (
        fraction
        and not checked
        # ("is P3 more than a quarter of the total", "有没有超过总预算的一半": a share checked)
        and not _FRACTION_COMPARED.search(text)
        # "P2的一半是多少": of a budget line, the budget
        and (q.reading.has("budget", "whole") or (q.targets and _AMOUNT_WANTED.search(text)))
        and not _SHARE_WANTED.search(text)
    ):
        return Operation("percent_of", fraction)
    if q.reading.has("share") and len(set(codes)) >= 2 and repeated:
        return Operation("share")
    return None


# The whole budget named in a sentence: "the OP-23 budget", "OP-23预算", "the total budget".
_TOTAL_BUDGET_NAMED = re.compile(
    r"op-23 budget|total (?:approved )?(?:op-23 )?budget|op-23预算|预算总额|总预算", re.IGNORECASE
)
# The percentage is taken of the whole budget, whatever else the question names.
_OF_THE_WHOLE = re.compile(
    r"\b(?:of|out of|from) (?:the )?(?:(?:chf )?[\d.,]+ ?(?:million |m )?(?:chf )?)?"
    r"(?:op-23 |itu-d |bdt )?(?:total|overall|whole|entire)"
    r"(?: budget| envelope| op-23)?\b(?! of\b)|总预算|预算总额|预算总数"
)
# "what percentage of P1's budget is P5's": the base comes first ("P5 is what percentage of
# P1" names the part first).
_WHAT_SHARE_OF = re.compile(
    r"(?<!\bis )(?<!\bare )\bwhat (?:percentage|percent|share|proportion|fraction) of\b"
)
SHARE_PLACES = Decimal("0.1")


def _mention_position(text: str, code: str, knowledge: Knowledge) -> int | None:
    """Where the question (normalised) first names a budget subject: by its code or label
    ("P5/E6/E7"), or by its English or Chinese name."""
    priority = knowledge.priorities.get(code)
    theme = knowledge.themes.get(code)
    record = priority or theme
    if record is None:
        return None
    names = [code, getattr(priority, "label", ""), record.name_en, record.name_zh]
    found = [
        m.start()
        for name in names
        if name
        for m in [re.search(r"(?<![a-z0-9])" + re.escape(normalize(name)), text)]
        if m is not None
    ]
    return min(found) if found else None


def to_rounded(value: Decimal, places: Decimal) -> Decimal | int:
    """A result rounded half-up, shown without trailing zeros (34.60 → 34.6, 5.00 → 5)."""
    rounded = value.quantize(places, rounding=ROUND_HALF_UP)
    if rounded == rounded.to_integral_value():
        return int(rounded)
    return rounded.normalize()


class Calculator:
    """Computes over the budget lines of one revision of the knowledge."""

    def __init__(self, knowledge: Knowledge, index: SearchIndex) -> None:
        self.knowledge = knowledge
        self.index = index
        self._facts = {f.key: f for f in knowledge.facts}
        # The percentages the facts give of the whole budget ("slightly more than half of the
        # OP-23 budget (54%) was allocated to …"): a question taking one of them asks it of
        # the total, whatever it is a share of.
        self._shares_of_total = {
            Decimal(share)
            for f in knowledge.facts
            for sentence in re.split(r"(?<=[.;。；])", f"{f.text_en} {f.text_zh}")
            if _TOTAL_BUDGET_NAMED.search(sentence)
            for share in re.findall(r"(?<![\d.])(\d{1,2}(?:\.\d)?)\s*%", sentence)
        }

    def answer(self, q: Question, text: str) -> Answer | None:
        """The computation the question asks for, when the store holds its figures; None
        when it asks for none, or names a code the store does not have."""
        if _asks_results_total(q):
            return self._results_total(q)
        op = read_operation(q, text)
        # Two named things added up: not budget lines the question names by code, nor by
        # name unless it quotes the two names ("“UMC” and “VaMoz Digital” together").
        quoted = len(_QUOTED_NAME.findall(text)) == QUOTED_NAMES or bool(_bracketed_pairs(text))
        # ("the total value of the two projects (UMC and VaMoz Digital)": their sum)
        # ("the total value of the two new EU-funded projects, the UMC project and …": two)
        # ("UMC + VaMoz Digital projects - total value": the projects' total)
        summed = q.reading.has("sum") or (
            q.reading.has("whole")
            and (
                quoted
                or _TOTAL_OF_TWO.search(text) is not None
                or _TWO_PROJECTS.search(text) is not None
            )
        )
        compared = q.reading.has("difference") or read_operation_asked(text) == DIFFERENCE
        grown = read_fact_operation(text) == GROWTH
        if op is None and (summed or compared or grown) and not q.reading.codes:
            # "new users in 2022 and in January–March 2023 together": a count in each period's
            # fact, added up (or one less the other, or the later's rise on the earlier)
            asked = "count_sum" if summed else "count_growth" if grown else None
            across = self._counts_across_periods(q, text, asked)
            if across is not None:
                return across
        if op is None and summed and not q.reading.codes:
            # (a line's words in a project's name are no line: "the EC universal meaningful
            # connectivity project and the VaMoz Digital project together")
            projects = _TWO_PROJECTS.search(text) is not None or any(
                all(_PROJECT.search(p) for p in parts) for parts in _name_splits(text)
            )
            return self._sum_across_facts(q, text) if quoted or projects or not q.targets else None
        named_projects = (
            quoted
            or _TWO_PROJECTS.search(text) is not None
            or any(all(_PROJECT.search(p) for p in parts) for parts in _name_splits(text))
        )
        if op is None and compared and not q.reading.codes and named_projects:
            # "“促进并衡量…”项目的预算比“为VaMoz Digital奠基！”项目多多少欧元": two projects'
            # values, one less the other
            return self._difference_across_facts(q, text)
        if op is None or q.reading.kpi_codes:
            return None
        if op.kind == "remainder":
            excluded = excluded_codes(q, self.knowledge)
            named_class = q.reading.has("class_priority", "class_enabler", "class_theme")
            if excluded and (named_class or {t.code for t in q.targets} - excluded):
                # "all enablers except E3", "P3 and P4 excluding cybersecurity": a sum of the
                # rest (or declined), not the whole budget less a line
                return None
        if any(self.knowledge.resolve_priority_code(c) is None for c in q.reading.codes):
            return None
        return self.compute(q, op)

    def compute(self, q: Question, op: Operation) -> Answer | None:
        of_the_whole = op.kind == "percent_of" and (
            _OF_THE_WHOLE.search(q.normalized) is not None or op.percent in self._shares_of_total
        )
        if q.reading.has("kpi", "outcome", "output", "risk") and not (
            op.kind == "per_kpi" or of_the_whole
        ):
            return None  # "how many times more KPIs": not a budget figure
        if op.kind == "ratio":
            return self._ratio(q)
        if op.kind == "relative":
            return self._relative(q)
        if op.kind == "split":
            return self._split(q, op.parts or 0)
        if op.kind == "per_kpi":
            return self._per_kpi(q)
        if op.kind == "average":
            return self._average(q)
        if op.kind == "percent_of":
            return self._percent_of(q, op.percent or Decimal(0), op.low)
        if op.kind == "share":
            return self._share(q)
        if op.kind == "share_of_class":
            return self._share_of_class(q)
        if op.kind == "change":
            return self._change(q, op.percent or Decimal(0), op.times, op.parts)
        if op.kind == "remainder":
            return self._remainder(q)
        if op.kind in ("extremes", "extremes_ratio"):
            return self._extremes(q, ratio=op.kind == "extremes_ratio")
        return None

    # -- figures ------------------------------------------------------------------------

    def _budget_code(self, code: str) -> str:
        """A theme that is its priority's only one shares the priority's lines."""
        if self.knowledge.get_subject_years(code):
            return code
        parent = self.knowledge.get_theme_priority(code)
        if parent and len(self.knowledge.themes_by_priority[parent]) == 1:
            return parent
        return code

    def _year(self, codes: Sequence[str], asked: int | None) -> int | None:
        budget_codes = [self._budget_code(c) for c in codes]
        if asked is not None and all(
            asked in self.knowledge.get_subject_years(c) for c in budget_codes
        ):
            return asked
        return get_complete_year(self.knowledge, budget_codes)

    def _figures(self, codes: Sequence[str], asked: int | None) -> list[BudgetFigure] | None:
        """One figure per subject, all of one year; None unless every subject has one."""
        year = self._year(codes, asked)
        if year is None:
            return None
        figures: list[BudgetFigure] = []
        for code in dict.fromkeys(codes):
            figure = get_budget_figure(self.knowledge, self._budget_code(code), year)
            if figure is None:
                return None
            if all(f.subject.code != figure.subject.code for f in figures):
                figures.append(figure)
        return figures

    def _answer(
        self, q: Question, parts: dict[str, Any], figures: Sequence[BudgetFigure]
    ) -> Answer:
        asked = q.reading.year
        year = figures[0].year if figures else None
        parts = {
            "year": year,
            "missing_year": asked if asked is not None and asked != year else None,
            "newer": [],
            "figures": list(figures),
            **parts,
        }
        sources = list(dict.fromkeys(s for f in figures for s in f.sources))
        confidence = max(COMPUTED_FLOOR, q.confidence)
        return Answer(
            kind=AnswerKind.COMPUTE,
            lang=q.lang,
            answered=True,
            confidence=confidence,
            parts=parts,
            sources=sources,
        )

    # -- operations ---------------------------------------------------------------------

    def _ratio(self, q: Question) -> Answer | None:
        codes = [t.code for t in q.targets]
        if len(codes) != 2:
            return None
        figures = self._figures(codes, q.reading.year)
        if not figures or len(figures) != 2 or min(f.amount for f in figures) <= 0:
            return None
        figures.sort(key=lambda f: -f.amount)
        large, small = Decimal(figures[0].amount), Decimal(figures[1].amount)
        result = to_rounded(large / small, RATIO_PLACES)
        parts: dict[str, Any] = {"op": "ratio", "result": result}
        if result < PERCENT_COMPARED_BELOW or _PERCENT_COMPARED.search(q.normalized):
            # the same comparison in percent, both ways: "114.1% more", "53.3% less" (not
            # "3360% more" for 34.6 times, unless percent is asked)
            parts["more"] = to_rounded((large - small) / small * 100, SHARE_PLACES)
            parts["less"] = to_rounded((large - small) / large * 100, SHARE_PLACES)
            # and in CHF ("P2比P4多多少預算？是P4的幾倍？")
            parts["gap"] = large - small
        elif _DIFFERENCE_ASKED.search(q.normalized):
            # the difference asked beside the ratio: "what's the difference in CHF and how
            # many times bigger", "多多少？是几倍？"
            parts["gap"] = large - small
        return self._answer(q, parts, figures)

    def _relative(self, q: Question) -> Answer | None:
        """One line as a percentage of another: the base is the line the question takes the
        percentage of ("相当于P1的百分之几", "as a share of P1", "what percentage of P1's
        budget is P5's"); not computed when the two cannot be told apart by where they
        stand."""
        positions = [_mention_position(q.normalized, t.code, self.knowledge) for t in q.targets]
        if None in positions or positions[0] == positions[1]:
            return None
        first, second = (t.code for _, t in sorted(zip(positions, q.targets, strict=True)))
        base_first = _WHAT_SHARE_OF.search(q.normalized) is not None
        part, base = (second, first) if base_first else (first, second)
        figures = self._figures([part, base], q.reading.year)
        if not figures or len(figures) != 2 or figures[1].amount <= 0:
            return None
        result = to_rounded(Decimal(100) * figures[0].amount / figures[1].amount, SHARE_PLACES)
        return self._answer(q, {"op": "relative", "result": result}, figures)

    def _group(self, q: Question) -> list[str] | None:
        """The subjects an average runs over: those named, the themes of a named priority,
        or a class (priorities, enablers, themes, Table 1's lines)."""
        reading = q.reading
        codes = [t.code for t in q.targets]
        if len(codes) >= 2:
            return codes
        if len(codes) == 1:
            themes = self.knowledge.themes_by_priority.get(codes[0], [])
            if reading.has("class_theme") and len(themes) >= 2:
                return [t.code for t in themes]
            return None
        if reading.has("class_theme"):
            return [s.code for s in list_subjects(self.knowledge, "theme")]
        # "the priority/enabler lines", "priorities and enablers": both classes
        classes = [
            kind
            for concept, kind in (("class_priority", "priority"), ("class_enabler", "enabler"))
            if reading.has(concept)
        ]
        if classes and not (reading.has("line_asked") and not reading.has("budget", "share")):
            # ("工作人员平均绩效水平属于哪个E": which enabler, not their average budget)
            return [s.code for kind in classes for s in list_subjects(self.knowledge, kind)]
        if _TABLE_LINES.search(q.normalized):
            return [s.code for s in list_subjects(self.knowledge, None)]
        return None

    def _average(self, q: Question) -> Answer | None:
        left_out = excluded_codes(q, self.knowledge)
        if left_out & set(self.knowledge.themes):
            return None  # a theme taken out of its priority's line: no line to average
        # "E1至E5（不含P5/E6/E7）平均每项", "the enablers excluding E1": the lines named (or
        # of the class named) but those left out
        kept = [t for t in q.targets if t.code not in left_out]
        whole = set(self._group(replace(q, targets=[])) or ()) if left_out and not kept else set()
        if (left_out and not kept and not left_out < whole) or _RANGE_LEFT_OUT.search(q.normalized):
            # ("the lines other than P1-P4", "all but the enablers", "E lines except E1 and
            # E5": what is left is read only of a class named, some of its lines left out —
            # "the enablers excluding E1")
            return None
        codes = self._group(replace(q, targets=kept) if left_out else q)
        codes = [c for c in codes or () if c not in left_out]
        if not codes:
            return None
        figures = self._figures(codes, q.reading.year)
        if not figures or len(figures) < 2:
            return None
        stated = read_stated_count(q.normalized)
        if stated is not None and stated != len(figures):
            return None  # "the four priorities" but five lines: not what was asked
        total = sum(f.amount for f in figures)
        result = to_rounded(Decimal(total) / len(figures), AVERAGE_PLACES)
        parts = {"op": "average", "result": result, "sum": total, "count": len(figures)}
        return self._answer(q, parts, figures)

    def _sum_across_facts(self, q: Question, text: str) -> Answer | None:
        """Two amounts that live in two facts, each named by its own part of the question
        ("the “UMC” project and the “VaMoz Digital” project together"), added up when each
        fact states exactly one amount, in the same currency."""
        if not asks_for_money(text):
            return None  # "how long do UMC and VaMoz run in total": no amount asked
        # (the first way of cutting the question in two whose parts each name a priced fact:
        # "the universal and meaningful connectivity one and VaMoz Digital" has two "and")
        for named in _name_splits(text):
            found = self._priced_facts(q, named)
            if found is not None:
                return self._money_sum(q, found)
        return None

    def _priced_facts(
        self, q: Question, named: Sequence[str]
    ) -> list[tuple[models.Fact, Money]] | None:
        """For each part, the best fact it names that states one amount; None unless every
        part names one, each another fact, all in one currency."""
        found: list[tuple[models.Fact, Money]] = []
        for part in named:
            terms = to_query_terms(part, drop=q.reading.consumed_tokens)
            # the best fact the part names that states one amount ("the VaMoz Digital project
            # value": the project's EUR 2.3 million, not the fact on what it aims at)
            priced = [
                (fact, amounts)
                for hit in self.index.search(terms, kinds=("fact",), limit=PART_CANDIDATES)
                if hit.coverage >= PART_MIN_COVERAGE
                for fact in [self._facts[hit.entry.ref]]
                for amounts in [{m for f in fact.figures for m in read_money(f)}]
                if amounts
            ]
            if not priced:
                return None
            fact, amounts = priced[0]
            if len(amounts) != 1 or any(fact.key == f.key for f, _ in found):
                return None
            found.append((fact, amounts.pop()))
        if len({m.currency for _, m in found}) != 1:
            return None
        return found

    def _difference_across_facts(self, q: Question, text: str) -> Answer | None:
        """Two amounts that live in two facts, one named on each side of "than" / 比 (or of
        "and"), the larger less the smaller, when each fact states one amount, in one
        currency."""
        if not asks_for_money(text):
            return None
        for named in _name_splits(text):
            found = self._priced_facts(q, named)
            if found is not None and len(found) == 2:
                found.sort(key=lambda item: -item[1].value)
                return self._money_sum(q, found, op="money_difference")
        return None

    def _counts_across_periods(self, q: Question, text: str, op: str | None) -> Answer | None:
        """Two counts of one thing, each in the fact of one of two periods the question names
        ("new users in 2022 and in January–March 2023 together": 8,000 + 3,600), added up or
        one less the other; None unless each period has its own fact, of its year, stating
        one count of what is asked."""
        if not names_two_periods(text, ends=op == "count_growth"):
            return None
        if op == "count_growth" and not _TOTAL_BEFORE.search(text):
            return None  # new users of two periods make no rise
        periods = read_periods(text)
        counted = _words(" ".join(read_counted_words(text)))
        if not counted:
            return None
        if op != "count_sum":
            # (and their synonyms: "users" counted, "the platform's total number of
            # learners" compared; never added, two totals make no count)
            counted |= {
                next(iter(other))
                for word in list(counted)
                for other in self.index.synonyms_of(word)
                if len(other) == 1
            }
        if _NEW_ASKED.search(text):
            counted.add(_NEW)
        rest = text
        for span, _ in periods:
            rest = rest.replace(span, " ")
        terms = to_query_terms(rest, drop=q.reading.consumed_tokens | _PERIOD_OPERATION_WORDS)
        if not terms.tokens:
            return None
        found: list[tuple[models.Fact, Count, str]] = []
        for span, year in periods:
            fact = next(
                (
                    fact
                    for hit in self.index.search(terms, kinds=("fact",), limit=PERIOD_CANDIDATES)
                    if hit.coverage >= PERIOD_MIN_COVERAGE
                    for fact in [self._facts[hit.entry.ref]]
                    if fact.year == year and _states_period(fact, span)
                ),
                None,
            )
            if fact is None or any(fact.key == f.key for f, _, _ in found):
                return None
            written = fact.text_zh if q.lang == "zh" else fact.text_en
            count = _count_of(written, counted)
            if count is None:
                return None
            if op == "count_growth" and not _TOTAL_BEFORE.search(
                written[
                    max(0, written.find(count.text) - TOTAL_BEFORE_CHARS) : written.find(count.text)
                ]
            ):
                return None  # a rise of totals only: "total number of … users" in each
            found.append((fact, count, _as_written(q.text, span)))
        if op is None:
            op = "count_difference"
            found.sort(key=lambda item: -item[1].value)
        values = [c.value for _, c, _ in found]
        if op == "count_growth":
            # the earlier period's count first: (later − earlier) / earlier
            order = sorted(range(len(found)), key=lambda n: periods[n][1])
            found = [found[n] for n in order]
            earlier, later = (c.value for _, c, _ in found)
            if earlier <= 0:
                return None
            result: Any = to_rounded((later - earlier) * Decimal(100) / earlier, Decimal("0.1"))
        else:
            result = values[0] - values[1] if op == "count_difference" else sum(values)
        items = [{"fact": f, "count": c, "period": span} for f, c, span in found]
        return self._across_facts(q, {"op": op, "items": items, "result": result})

    def _money_sum(
        self, q: Question, found: list[tuple[models.Fact, Money]], op: str = "money_sum"
    ) -> Answer:
        values = [m.value for _, m in found]
        result = values[0] - values[1] if op == "money_difference" else sum(values, Decimal(0))
        parts: dict[str, Any] = {
            "op": op,
            "items": [{"fact": f, "money": m} for f, m in found],
            "currency": found[0][1].currency,
            "result": to_rounded(result, Decimal(1)),
        }
        return self._across_facts(q, parts)

    def _across_facts(self, q: Question, parts: dict[str, Any]) -> Answer:
        """A figure computed from figures of several facts (`parts["items"]`, each with its
        "fact"), sourced to each fact's document and section."""
        facts = [item["fact"] for item in parts["items"]]
        sources = list(dict.fromkeys(to_source(self.knowledge, f.doc, f.section) for f in facts))
        return Answer(
            kind=AnswerKind.COMPUTE,
            lang=q.lang,
            answered=True,
            confidence=MONEY_SUM_CONFIDENCE,
            parts={**parts, "year": None, "missing_year": None, "newer": [], "figures": []},
            sources=sources,
        )

    def _extremes(self, q: Question, ratio: bool = False) -> Answer | None:
        """The largest and the smallest budget of a group, each named with its figure, and
        how many times the one is the other when asked (`ratio`)."""
        codes = self._group(q)
        if not codes and len(q.targets) == 1:
            # "P3三个主题里预算最多的和最少的": the named priority's themes, not every line
            themes = self.knowledge.themes_by_priority.get(q.targets[0].code, [])
            codes = [t.code for t in themes] if len(themes) >= 2 else None
            if not codes:
                return None
        if not codes:
            codes = [s.code for s in list_subjects(self.knowledge, None)]
        figures = self._figures(codes, q.reading.year)
        if not figures or len(figures) < 2:
            return None
        figures.sort(key=lambda f: (-f.amount, f.subject.code))
        chosen = [figures[0], figures[-1]]
        if chosen[0].amount == chosen[1].amount:
            return None
        parts: dict[str, Any] = {"op": "extremes", "result": chosen[0].amount - chosen[1].amount}
        if ratio:
            times = Decimal(chosen[0].amount) / Decimal(chosen[1].amount)
            parts["times"] = to_rounded(times, RATIO_PLACES)
        return self._answer(q, parts | {"count": len(figures)}, chosen)

    def _split(self, q: Question, count: int) -> Answer | None:
        """One amount (a line's, or the total) split into `count` equal parts."""
        codes = list(dict.fromkeys(t.code for t in q.targets))
        if not codes and q.reading.has("whole"):
            codes = [TOTAL_CODE]
        if len(codes) != 1 or count < 2:
            return None  # (several lines split: their sum, or each of them? not told)
        figures = self._figures(codes, q.reading.year)
        if not figures:
            return None
        result = to_rounded(Decimal(figures[0].amount) / count, AVERAGE_PLACES)
        return self._answer(q, {"op": "split", "result": result, "count": count}, figures)

    def _per_kpi(self, q: Question) -> Answer | None:
        """A line's (or a theme's) budget over its KPIs; the total's over all of them."""
        if not q.targets and q.reading.has("whole"):
            kpis = sum(len(k) for k in self.knowledge.kpis_by_theme.values())
            code = TOTAL_CODE
        elif len(q.targets) == 1:
            code = q.targets[0].code
            theme_codes = (
                [code]
                if code in self.knowledge.themes
                else [t.code for t in self.knowledge.themes_by_priority.get(code, [])]
            )
            kpis = sum(len(self.knowledge.kpis_by_theme.get(c, [])) for c in theme_codes)
        else:
            return None
        figures = self._figures([code], q.reading.year)
        if not figures or kpis == 0:
            return None
        result = to_rounded(Decimal(figures[0].amount) / kpis, AVERAGE_PLACES)
        return self._answer(q, {"op": "per_kpi", "result": result, "count": kpis}, figures)

    def _percent_of(
        self, q: Question, percent: Decimal, low: Decimal | None = None
    ) -> Answer | None:
        """A percentage of one amount (of the total, unless taken of a line named); of both
        ends of a range stated (`low` to `percent`)."""
        codes = [t.code for t in q.targets]
        taken_of = _PERCENT_OF.search(q.normalized) or _FRACTION.search(q.normalized)
        named_well = bool(codes) and q.explained >= LINE_NAMED_MIN_EXPLAINED
        if percent in self._shares_of_total and not taken_of and not named_well:
            # "按54%计算，分配给全球和多区域输出成果的资金": a share the documents give of the
            # whole budget, whatever line its words touch ("12% of the budget for
            # cybersecurity" names its line well: taken of it, as below)
            codes = [TOTAL_CODE]
        elif codes and not taken_of:
            if not _OF_THE_WHOLE.search(q.normalized):
                return None  # "P2 gets 18% of the budget, how much is that": not 18% of P2
            codes = [TOTAL_CODE]  # "the 54% share for multi-regional outputs, out of the total"
        if not codes and q.reading.has("whole"):
            codes = [TOTAL_CODE]  # "12% of the total"
        if len(codes) != 1 or percent <= 0:
            return None
        figures = self._figures(codes, q.reading.year)
        if not figures:
            return None
        result = to_rounded(Decimal(figures[0].amount) * percent / 100, AVERAGE_PLACES)
        parts: dict[str, Any] = {
            "op": "percent_of",
            "result": result,
            "percent": to_rounded(percent, RATIO_PLACES),
        }
        amount = Decimal(figures[0].amount)
        if low is not None and low > 0:
            parts["low"] = to_rounded(low, RATIO_PLACES)
            parts["low_result"] = to_rounded(amount * low / 100, AVERAGE_PLACES)
            return self._answer(q, parts, figures)
        stated = list(dict.fromkeys(Decimal(p) for p in _STATED_PERCENT.findall(q.normalized)))
        if len(stated) >= 2 and stated[0] == percent and _EACH_ASKED.search(q.normalized):
            # "约60%…约30%…分别是多少瑞郎": each percentage stated, of the same amount (each
            # worked out, though together they come to more than the whole: "P2的60%和50%")
            parts["also"] = [
                {
                    "percent": to_rounded(p, RATIO_PLACES),
                    "result": to_rounded(amount * p / 100, AVERAGE_PLACES),
                }
                for p in stated[1:]
            ]
        elif (
            len(stated) == 1
            and percent < 100
            and _REST_ASKED.search(q.normalized)
            # (not what remains of another whole: "10% of P3, and what remains of the total")
            and not (
                _REST_OF_THE_WHOLE.search(q.normalized) and figures[0].subject.code != TOTAL_CODE
            )
        ):
            # "54% of OP-23 …: what is that in francs, and how much is left": the rest too
            parts["rest"] = amount - amount * percent / 100
            parts["rest"] = to_rounded(parts["rest"], AVERAGE_PLACES)
            parts["rest_percent"] = to_rounded(100 - percent, RATIO_PLACES)
        return self._answer(q, parts, figures)

    def _change(
        self, q: Question, percent: Decimal, times: Decimal | None, whole: int | None = None
    ) -> Answer | None:
        """One line's amount changed by a stated percentage (negative for a cut), or by one
        `whole`-th of it ("cut by a third")."""
        codes = [t.code for t in q.targets]
        if not codes and q.reading.has("whole"):
            codes = [TOTAL_CODE]
        if len(codes) != 1 or percent == 0 or percent <= -100:  # a rise may double a line
            return None
        figures = self._figures(codes, q.reading.year)
        if not figures:
            return None
        factor = 100 + percent
        result = to_rounded(Decimal(figures[0].amount) * factor / 100, AVERAGE_PLACES)
        parts = {
            "op": "change",
            "result": result,
            "percent": to_rounded(abs(percent), RATIO_PLACES),
            "down": percent < 0,
            "factor": to_rounded(factor, RATIO_PLACES),
            "times": times,
        }
        if whole is not None:
            # (worked out exactly, not by a rounded percentage: 359,500 / 3 = 119,833.33)
            delta = Decimal(figures[0].amount) / whole
            changed = figures[0].amount - delta if percent < 0 else figures[0].amount + delta
            parts |= {
                "fraction_whole": whole,
                "delta": to_rounded(delta, AVERAGE_PLACES),
                "result": to_rounded(changed, AVERAGE_PLACES),
            }
        return self._answer(q, parts, figures)

    def _remainder(self, q: Question) -> Answer | None:
        """The whole budget less the lines the question names ("not allocated to P1-P4"),
        not those it asks what is left for ("… how much is left for E1 to E5")."""
        left_for = _codes_left_for(q.normalized)
        codes = list(
            dict.fromkeys(
                t.code for t in q.targets if t.code != TOTAL_CODE and t.code not in left_for
            )
        )
        if not codes:
            return None
        # Themes of a priority the question names are taken out of that priority ("P2 other
        # than digital services"); anything else out of the whole budget.
        parents = {self.knowledge.get_theme_priority(c) for c in codes}
        whole_code = TOTAL_CODE
        if len(parents) == 1 and None not in parents:
            parent = parents.pop()
            if parent is not None and parent in q.reading.codes:
                whole_code = parent
        figures = self._figures([whole_code, *codes], q.reading.year)
        if not figures or len(figures) != len(codes) + 1:
            return None
        whole, *named = figures
        if any(f.subject.code in (TOTAL_CODE, whole_code) for f in named):
            return None
        taken = sum(f.amount for f in named)
        parts = {
            "op": "remainder",
            "whole": whole,
            "named": named,
            "taken": taken,
            "result": whole.amount - taken,
            "share": to_percentage(whole.amount - taken, whole.amount),
        }
        return self._answer(q, parts, figures)

    def _share_of_class(self, q: Question) -> Answer | None:
        """One line's share of the budget of its class (the enablers, the priorities)."""
        code = q.targets[0].code
        line = self.knowledge.priorities.get(code)
        if line is None:
            return None  # a theme: its share of its priority is in its own answer
        group = [s.code for s in list_subjects(self.knowledge, line.kind)]
        figures = self._figures(group, q.reading.year)
        if not figures or len(figures) != len(group):
            return None
        part = next(f for f in figures if f.subject.code == code)
        whole = sum(f.amount for f in figures)
        parts = {
            "op": "share",
            "part": part,
            "sum": whole,
            "result": to_percentage(part.amount, whole),
        }
        return self._answer(q, parts, figures)

    def _share(self, q: Question) -> Answer | None:
        codes = q.reading.codes
        repeated = [c for c in dict.fromkeys(codes) if codes.count(c) > 1]
        if len(repeated) != 1:
            return None
        group = list(dict.fromkeys(codes))
        figures = self._figures(group, q.reading.year)
        if not figures or len(figures) != len(group):
            return None
        part = next(f for f in figures if f.subject.code == repeated[0])
        whole = sum(f.amount for f in figures)
        parts = {
            "op": "share",
            "part": part,
            "sum": whole,
            "result": to_percentage(part.amount, whole),
        }
        return self._answer(q, parts, figures)

    def _results_total(self, q: Question) -> Answer | None:
        """How many outcomes or outputs the plan lists, per priority or by kind, added up."""
        which = "outputs" if q.reading.has("output") else "outcomes"
        store = self.knowledge.outputs if which == "outputs" else self.knowledge.outcomes
        themes = [t for t in self.knowledge.themes.values() if store.get(t.code)]
        if not themes:
            return None
        parts: dict[str, Any] = {"op": "results_total", "which": which, "themes": len(themes)}
        if which == "outputs":
            kinds: dict[tuple[str, str], int] = {}
            for theme in themes:
                for entry in store[theme.code]:
                    key = (entry.text_en, entry.text_zh)
                    kinds[key] = kinds.get(key, 0) + 1
            rows: list[dict[str, Any]] = [
                {"en": en, "zh": zh, "count": n} for (en, zh), n in kinds.items()
            ]
            rows.sort(key=lambda r: -int(r["count"]))
        else:
            rows = []  # per priority
            for code in self.knowledge.priorities:
                count = sum(
                    len(store.get(t.code, []))
                    for t in self.knowledge.themes_by_priority.get(code, [])
                )
                if count:
                    subject = to_subject(self.knowledge, code)
                    rows.append({"subject": subject, "count": count})
            parts["distinct"] = len({e.text_en for t in themes for e in store[t.code]})
        parts |= {"rows": rows, "result": sum(int(r["count"]) for r in rows)}
        parts |= {"year": None, "missing_year": None, "newer": [], "figures": []}
        sources = list(dict.fromkeys(to_source(self.knowledge, t.doc, t.section) for t in themes))
        return Answer(
            kind=AnswerKind.COMPUTE,
            lang=q.lang,
            answered=True,
            confidence=RESULTS_TOTAL_CONFIDENCE,
            parts=parts,
            sources=sources,
        )


# Words a question about every outcome or output may have beyond intent words: "what kinds
# of outputs does ITU-D deliver", "输出成果有哪几类".
_RESULTS_GENERIC = frozenset(
    {
        "kind", "type", "category", "sort", "deliver", "provide", "offer", "produce", "main",
        "different", "list", "几类", "哪几类", "类", "种类", "类别", "哪些", "几种", "哪几种",
    }
)  # fmt: skip


def _asks_results_total(q: Question) -> bool:
    """ "How many outcomes are there in total", "输出成果有哪几类": every theme's, no subject."""
    reading = q.reading
    if not reading.has("output", "outcome") or reading.has("budget", "share", "kpi"):
        return False
    if q.targets or reading.codes or reading.theme_codes or reading.kpi_codes:
        return False
    return all(word in _RESULTS_GENERIC for word in q.content)


# -- amounts in two facts ----------------------------------------------------------------

# "300万欧元", "230万欧元", "EUR 2.3 million", "CHF 120,000": an amount and its currency.
_ZH_MONEY = re.compile(r"(\d+(?:\.\d+)?)\s*(万|亿)?\s*(欧元|美元|瑞郎|瑞士法郎)")
_EN_MONEY = re.compile(r"\b(eur|usd|chf)\s*(\d+(?:\.\d+)?)\s*(million|billion)?", re.IGNORECASE)
_CURRENCIES = {"欧元": "EUR", "美元": "USD", "瑞郎": "CHF", "瑞士法郎": "CHF"}
_SCALES = {"万": 10_000, "亿": 100_000_000, "million": 1_000_000, "billion": 1_000_000_000}
# Names the question quotes, or the two sides of its one "and".
_QUOTED_NAME = re.compile(r"[“\"'‘「]([^”\"'’」]{3,60})[”\"'’」]")


@dataclass(frozen=True)
class Money:
    value: Decimal
    currency: str


def read_money(text: str) -> list[Money]:
    """The amounts of money a figure states, in units of their currency."""
    found = [
        Money(Decimal(m[1]) * _SCALES.get(m[2] or "", 1), _CURRENCIES[m[3]])
        for m in _ZH_MONEY.finditer(text)
    ]
    found += [
        Money(Decimal(m[2]) * _SCALES.get((m[3] or "").lower(), 1), m[1].upper())
        for m in _EN_MONEY.finditer(text)
    ]
    return found


# What a name added up may name that no budget line is.
_PROJECT = re.compile(r"\b(?:projects?|programmes?|programs?|initiatives?)\b|项目|计划|倡议")
# What joins two names added up: "UMC and VaMoz Digital", "UMC和VaMoz Digital".
# (in Chinese, between Latin names, or after a name's 项目: "UMC项目和VaMoz Digital项目")
_AND = re.compile(
    r" and |(?:(?<=[a-z0-9\s])|(?<=项目)|(?<=項目))(?:和|与|與|及|跟)(?=[a-z0-9\s“「『《\"])"
)


def _bracketed_pairs(text: str) -> list[str]:
    """Brackets holding two names joined by one "and" ("(UMC and VaMoz Digital)", "（UMC和
    VaMoz Digital）")."""
    return [b for b in re.findall(r"[(（]([^()（）]+)[)）]", text) if len(_AND.findall(b)) == 1]


# "the two new EU-funded projects", "这两个项目": projects added up, whatever their names.
_TWO_PROJECTS = re.compile(r"\b(?:projects|initiatives|programmes)\b|两个项目|两项项目|这些项目")


def _name_splits(text: str) -> list[list[str]]:
    """The ways a question names two things to add up: as `_name_parts` reads it, or, with
    several "and"s outside quoted names, cut at each of them (one of them may be inside a
    name: "the universal and meaningful connectivity one and VaMoz Digital")."""
    parts = _name_parts(text)
    if parts is not None:
        return [parts]
    than = list(_THAN.finditer(text))
    if len(than) == 1:
        # "how much more is the UMC project worth than VaMoz Digital", "X比Y多多少"
        cut = [_after_lead(text[: than[0].start()]), _ASKED_AFTER.split(text[than[0].end() :])[0]]
        return [[_AMOUNT_WANTED.sub(" ", _FACT_SUM.sub(" ", p)) for p in cut]]
    quotes = [m.span() for m in _QUOTED_NAME.finditer(text)]
    joins = [m for m in _AND.finditer(text) if not any(a < m.start() < b for a, b in quotes)]
    if len(joins) < 2 or len(joins) > MAX_JOINS_TRIED:
        return []
    splits = []
    for join in reversed(joins):  # the last "and" first: names are asked for at the end
        cut = [_after_lead(text[: join.start()]), _ASKED_AFTER.split(text[join.end() :])[0]]
        splits.append([_AMOUNT_WANTED.sub(" ", _FACT_SUM.sub(" ", p)) for p in cut])
    return splits


MAX_JOINS_TRIED = 3
# "the total value of the two projects", "both projects' total": a total of two named things
_TOTAL_OF_TWO = re.compile(
    r"\btotal\b[^?.]{0,30}\b(?:of|for) (?:the |these |those )?(?:two|both)\b|两个项目|兩個項目"
)
_THAN = re.compile(r"\bthan\b|比")
# Where a question's lead-in ends before the first name: "… in OP-23, the universal …",
# "… the two new EC projects: the universal …".
_LEAD_END = re.compile(r"[,:;，：；]\s*|\s[-–—]\s")
LEAD_MIN_WORDS = 2


def _after_lead(part: str) -> str:
    """The first of two things added up without the question's lead-in before it."""
    rest = _LEAD_END.split(part)[-1]
    return rest if len(re.findall(r"[a-z0-9]+|[\u4e00-\u9fff]", rest)) >= LEAD_MIN_WORDS else part


def _name_parts(text: str) -> list[str] | None:
    """The two things a question adds up: the two names it quotes, or the two sides of
    its only "and" (between two Latin names in Chinese: "UMC和VaMoz Digital"), the words
    that ask for the sum set aside; None otherwise."""
    quoted = _QUOTED_NAME.findall(text)
    if len(quoted) == QUOTED_NAMES:
        return quoted
    bracketed = _bracketed_pairs(text)
    quotes = [m.span() for m in _QUOTED_NAME.finditer(text)]
    joins = [m for m in _AND.finditer(text) if not any(a < m.start() < b for a, b in quotes)]
    if len(quoted) == 0 and len(bracketed) == 1:
        parts = _AND.split(bracketed[0])  # "the two EU projects (UMC and VaMoz Digital)"
    elif len(joins) == 1:  # (an "and" inside a quoted name joins nothing added up)
        parts = [_after_lead(text[: joins[0].start()]), text[joins[0].end() :]]
    else:
        return None
    # (what the sum is asked in, after the last name: ", what's the total in euros?")
    parts[-1] = _ASKED_AFTER.split(parts[-1])[0]
    return [_AMOUNT_WANTED.sub(" ", _FACT_SUM.sub(" ", p)) for p in parts]


# The question that follows the names added up: ", what's the total …", "，合计多少".
_ASKED_AFTER = re.compile(
    r"[,.;:?]\s*(?:what|how|and what|and how)\b|[，。？]\s*(?:合计|一共|总共|共|加起来)"
    # the currency it is asked in: "UMC and VaMoz Digital, in euros?"
    r"|,?\s+in (?:euros?|eur|chf|swiss francs?|francs?|dollars?|usd)\b"
)
QUOTED_NAMES = 2


# -- figures inside a fact ------------------------------------------------------------------

# A number as the sources write it: "5 200", "4,000", "250", "1.5".
_NUMBER = re.compile(
    r"(?<![A-Za-z0-9_.,\-])(\d{1,3}(?:[ ,\u00a0\u202f]\d{3})+|\d+(?:\.\d+)?)(?![\d.,]*\d)"
)
# What follows a number that makes it no count: a date, a share, a section, a year.
_NOT_A_COUNT = re.compile(
    # ("1) whether they approve …": an item's number)
    r"\s*(?:%|年|月|日|号|percent|per cent|\d|\)|）"
    r"|(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\b"
    # ("made landfall on 1 and 3 March": the first of two days)
    r"|(?:and|to|or|[–-])\s*\d{1,2}\s+(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\b)",
    re.IGNORECASE,
)
# Where the phrase that a number counts ends.
_PHRASE_END = re.compile(r"[。；;.!?！？\n]")
# ("the mean", not "what does X mean")
_FACT_AVERAGE = re.compile(
    r"\baverage\b|\bavg\b|\b(?:the|a) mean\b"
    r"|\bmean (?:[a-z]+ )?(?:number|value|attendance|turnout|size|count)\b|平均"
)
_FACT_SUM = re.compile(
    r"\bin total\b|\baltogether\b|\bcombined\b|\badding\b|\badd(?:ed)? (?:up|together)\b"
    r"|\bsum of\b|\btogether\b|一共|总共|合计|共计|加起来|总计|加在一起"
    # "the two sessions — total how many staff attended?"
    r"|\b(?:two|three|both|all)\b[^?]{0,60}\btotal,? how (?:many|much)\b"
    # "the total attendance of the two sessions": a total over the things it counts
    r"|\btotal\b"
    r"(?=[^?.]{0,40}\b(?:of|at|for|across|in) (?:the |all |both )?(?:two|three|four|both)\b)"
    # "… the ChatGPT session vs the 'Space' talk - total?": the counts compared, added up
    r"|[-–—:,]\s*(?:and )?(?:the |in )?total\s*\??\s*$"
)
# Chinese pairs said in one word: "内外部" (internal and external), "国内外".
_CONTRACTED_PAIRS = {
    "内外部": ("内部", "外部"),
    "国内外": ("国内", "国外"),
}
_FACT_SHARE = re.compile(
    r"\bwhat (?:share|percentage|proportion|fraction|percent)\b|\bwhat % \b|\bin %|\bpercent"
    r"|百分之几|百分之多少|百分之幾|百分比|多少比例|比例|占多少|占几成"
    # ("新增用户大约占平台用户总数的多少？": 占 … 的多少, at the end)
    r"|占[^，,。？?]{1,20}?的多少\s*[?？]?$"
)
# A rate of those who did out of all ("what completion rate is that", "结业率"): computed only
# from the two figures the question states (a fact's other counts are easily the wrong two).
_FACT_RATE = re.compile(
    r"\b(?:completion|success|pass|certification|response|participation|what) rate\b"
    r"|完成率|结业率|通过率|成功率|参与率|合格率"
)
# "一共多了几人", "多出多少": by how much one count exceeds the other (before "一共": a sum).
_FACT_MORE_ZH = re.compile(r"(?:多了|多出|增加了|少了|减少了)(?:几|多少)")
# Those a count leaves out: "how many did not complete", "有多少人没有获得证书".
_COUNTED_NOT = re.compile(
    r"\bhow many\b.*\b(?:did not|didn't|do not|don't|have not|haven't|has not|failed to|never"
    r"|were not|weren't|was not|wasn't|are not|aren't)\b"
    r"|(?:多少|几)[^，。？?]{0,12}(?:没有|未能|未)"
)
# The verb of what a count leaves out: "did not complete" → complete.
_NOT_DONE = re.compile(
    r"\b(?:did not|didn't|do not|don't|have not|haven't|has not|failed to|never|were not"
    r"|weren't|was not|wasn't|are not|aren't) ([a-z]+)"
)
# ... in Chinese: "没有完成课程" → 完成.
_NOT_DONE_ZH = re.compile(r"(?:没有|未能|未曾|没能|未)([\u4e00-\u9fff]{2})")
# A count's phrase shares at least this much with the question to be the one asked about.
FACT_PHRASE_MIN_OVERLAP = 1
# Where what a count counts ends and an aside about it begins: a bracket, a colon, a semicolon.
_COUNT_ASIDE = re.compile(r"[(（:：;；]")


@dataclass(frozen=True)
class Count:
    """A count a fact states, and the words that say what it counts."""

    value: int
    text: str
    phrase: str


# The words a number names something by: "Category 4", "Study Group 1", "Resolution 73",
# "第4类", "附件2".
_DESIGNATED = re.compile(
    r"\b(?:category|level|phase|tier|grade|question|resolution|group|annex|pillar|objective"
    r"|priority|enabler|step|stage|version|edition|no\.|number)\s*$|(?:第|附件|类别)\s*$",
    re.IGNORECASE,
)


def read_counts(text: str) -> list[Count]:
    """The counts a text states (not years, dates or percentages), each with its phrase: the
    words after it up to the next number or the end of the sentence."""
    found = list(_NUMBER.finditer(text))
    counts: list[Count] = []
    for i, match in enumerate(found):
        raw = match[1]
        digits = re.sub(r"[ ,\u00a0\u202f]", "", raw)
        after = text[match.end() :]
        if _NOT_A_COUNT.match(after) or "." in digits:
            continue
        value = int(digits)
        if len(raw) == 4 and 1900 <= value <= 2100:
            continue  # a year
        if _DESIGNATED.search(text[: match.start()]):
            continue  # a name's number, no count: "Category 4 cyclones", "Study Group 1"
        end = found[i + 1].start() if i + 1 < len(found) else len(text)
        stop = _PHRASE_END.search(text, match.end(), end)
        phrase = text[match.end() : stop.start() if stop else end]
        counts.append(Count(value, raw, phrase))
    return counts


def _words(text: str) -> set[str]:
    """Latin word stems and Chinese character pairs, to compare a phrase with a question."""
    words = {stem(w) for w in latin_tokens(text)}
    chinese = "".join(ch if "\u4e00" <= ch <= "\u9fff" else " " for ch in text)
    for run in chinese.split():
        words |= {run[i : i + 2] for i in range(len(run) - 1)}
    return words


# A total, said before a count ("the total number of platform users to more than 35 000").
_TOTAL_BEFORE = re.compile(r"\btotal\b|总数|总计|总共")
TOTAL_BEFORE_CHARS = 80
# A rise in percent: "增幅是百分之多少", "by what percentage did it grow".
# "what's the increase", "how big was the jump": by how much, in the units counted.
_RISE_ASKED = re.compile(
    r"\b(?:what(?:'s| is| was) the|how (?:big|large) (?:is|was) the|how (?:big|large) an"
    r"|how much of an) (?:increase|rise|jump|growth|gain)\b"
    r"(?!\s+(?:in|as a) (?:percent|percentage|%))"
    # "how much did that grow", "how much did it go up by"
    r"|\bhow (?:much|many) (?:did|has|have) (?:it|that|this|they|those|the number)"
    # (not "how many did it grow to": the count it came to)
    r" (?:grow|grown|increase|increased|rise|risen|go up|gone up)\b(?! by what| to\b)"
    # "it started with 40 staff, how many by the end, so how many were added?"
    r"|\bhow many (?:more )?(?:[a-z]+ )?(?:were|was|got|have been|had been) added\b"
)
_FACT_GROWTH = re.compile(
    r"增幅|涨幅|增长率|增长了?百分之|增加了?百分之|增长了?多少%|增加了?多少%"
    r"|\bby what (?:percentage|percent)\b|\b(?:percentage|percent) (?:increase|growth|rise)\b"
    r"|\bgrowth rate\b|\b(?:grew|grow|increased?|rose) by what\b"
    r"|增长了?百分之几|增加了?百分之几|涨了?百分之几|增幅百分之几"
    # "by how much, in %?", "how much did it grow in percent"
    r"|\bby how much\b[^?.;]{0,6}?\bin (?:%|percent|percentage(?: terms)?)"
    # (a verb: not "the increase in percent of …", where no rise is told)
    r"|\b(?:grow|grew|grown|rose|risen|increased|went up|go up)\b[^?.;]{0,30}?"
    r"\bin (?:%|percent|percentage(?: terms)?)"
)
# "what's that increase in percent", after the rise is told ("grew to 65"): a rise asked.
_INCREASE_IN_PERCENT = re.compile(
    r"\b(?:increase|growth|rise|jump)\s+(?:in|as a)\s+(?:percent(?:age)?|%)"
)
_RISE_TOLD = re.compile(r"\b(?:grew|grown|rose|risen|increased|went up|climbed|jumped)\b")


GROWTH = "growth"


def asks_those_not_done(normalized: str) -> bool:
    """Whether a question counts those that did not do something ("how many applicants were
    not selected"): the whole less those who did, computed or not answered."""
    return _COUNTED_NOT.search(normalized) is not None


# "whats that as a % increase": a growth, unless two lines are compared ("what % increase is
# P3 over P2": one line against the other, not a rise over time)
_PERCENT_SIGN_GROWTH = re.compile(r"(?<![\w.])% (?:increase|growth|rise)\b")
_LINE_CODES = re.compile(r"\b[pe][1-7]\b")


def read_fact_operation(normalized: str) -> str | None:
    if _PERCENT_SIGN_GROWTH.search(normalized) and len(set(_LINE_CODES.findall(normalized))) < 2:
        return GROWTH
    if _FACT_GROWTH.search(normalized) or (
        _INCREASE_IN_PERCENT.search(normalized) and _RISE_TOLD.search(normalized)
    ):
        return GROWTH
    if _FACT_SHARE.search(normalized) or _FACT_RATE.search(normalized):
        return "share"
    if _FACT_MORE_ZH.search(normalized) or _RISE_ASKED.search(normalized):
        return DIFFERENCE
    if _FACT_AVERAGE.search(normalized):
        return "average"  # "the average attendance of the two LearningLabs sessions"
    if _FACT_SUM.search(normalized):
        return "sum"
    operation = read_operation_asked(normalized)  # "how many times", "by how much"
    if operation in (RATIO, DIFFERENCE):
        return operation
    # "how many participants did not complete their course": the whole less those who did
    return DIFFERENCE if _COUNTED_NOT.search(normalized) else None


# People counted ("learners", "participants", "学员") and things counted right after a number
# ("200 training courses", "170 countries", "200个培训课程").
_PERSONS = re.compile(
    r"\b(?:learners?|participants?|people|trainees?|students?|users?|staff|attendees?)\b"
    r"|学员|学习者|参与者|人员|职员|用户|人"
)
# An amount spread over the years a fact gives it for: "per year", "a year on average", "每年".
_PER_YEAR_ASKED = re.compile(
    r"\bper (?:year|annum)\b|\ba year\b|\beach year\b|\bannually\b|\byearly\b"
    r"|每年|平均一年|一年(?:多少|平均)"
)
_EN_YEARS = re.compile(
    r"\b(?:runs? for|over|for|lasts?|lasting)\s+(?:the next\s+|a period of\s+)?"
    r"(?P<n>\d+(?:\.\d+)?|one|two|three|four|five|six|seven|eight|nine|ten)"
    r"(?P<half> and a half)?[ -]years?\b"
)
_ZH_YEARS = re.compile(r"(?:为期|未来)(?P<n>\d+(?:\.\d+)?|[一二两三四五六七八九十])年(?P<half>半)?")
_EN_NUMBER_WORDS = {
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
}


def asks_per_year(normalized: str) -> bool:
    """Whether a question asks an amount per year ("平均每年多少钱", "per year")."""
    return _PER_YEAR_ASKED.search(normalized) is not None


def _per_year(fact: models.Fact) -> tuple[Money, Decimal] | None:
    """The one amount a fact states and the years it is for ("runs for three and a half
    years and is worth EUR 2.3 million"); None unless it states exactly one of each."""
    amounts = {m for f in fact.figures for m in read_money(f)}
    found = list(_EN_YEARS.finditer(fact.text_en))
    spans = [m for m in _ZH_YEARS.finditer(fact.text_zh)]
    if len(amounts) != 1 or (len(found) != 1 and len(spans) != 1):
        return None
    match = found[0] if len(found) == 1 else spans[0]
    n = match["n"]
    value = _EN_NUMBER_WORDS.get(n) or _ZH_NUMBERS.get(n) or n
    years = Decimal(str(value)) + (Decimal("0.5") if match["half"] else 0)
    return (amounts.pop(), years) if years > 0 else None


# "by how many percentage points did it drop", "下降了多少个百分点": a fall from the normal
# level (100%) to the level a fact states "of normal" ("to 79% of normal cellular coverage",
# "降至正常蜂窝覆盖率的79%").
_POINTS_DROPPED = re.compile(
    r"\bpercentage points?\b[^?]{0,40}\b(?:drop|dropped|fall|fell|decline|declined|lose|lost)"
    r"|\b(?:drop|dropped|fall|fell|decline|declined)\b[^?]{0,40}\bpercentage points?\b"
    r"|(?:下降|降低|减少|跌|少)了?(?:多少|几)个?百分点"
    # a fall in percent of the normal level, the same figure: "下降了百分之多少", "by what
    # percentage did coverage drop"
    r"|(?:下降|降低|减少|缩小|跌)了?(?:百分之(?:多少|几)|(?:多少|几)\s*%)|降幅(?:是|为|有)?(?:多少|几)"
    r"|\bby (?:what|how much|how many) (?:percent|percentage|%)[^?]{0,30}"
    r"\b(?:drop|dropped|fall|fell|decline|declined|shrink|shrank|decrease|decreased)\b"
    r"|\b(?:drop|dropped|fall|fell|decline|declined|shrink|shrank|decrease|decreased)\b[^?]{0,30}"
    r"\bby (?:what|how much) (?:percent|percentage|%)"
    r"|\bwhat (?:percent|percentage) (?:drop|fall|decline|decrease)\b"
    # the part of the normal level lost: "what % of the normal coverage area was lost",
    # "覆盖面积损失了百分之几"
    r"|\bwhat (?:%|percent|percentage|share|proportion|fraction) of\b[^?]{0,60}"
    r"\b(?:was|were|had been|got) lost\b"
    r"|(?:损失|失去|丢失)了?(?:百分之(?:多少|几)|(?:多少|几)\s*%)"
)
# The share of the whole that is left once a share is taken: "what share is left for
# everything else", "剩下的占百分之几".
_SHARE_LEFT = re.compile(
    r"\b(?:what|which) (?:share|percentage|proportion|percent|fraction)\b[^?]{0,30}?"
    r"\b(?:(?:is|are) left|left over|remains?|remaining) for (?:everything|all) else\b"
    r"|\b(?:what|which) (?:share|percentage|proportion|percent|fraction)\b[^?]{0,30}?"
    r"\b(?:goes to |is left for |remains for |for )?(?:the rest|everything else|all the rest)\b"
    r"|\b(?:the rest|the remainder|everything else)\b[^?]{0,20}?\bwhat (?:share|percentage|%)"
    # ("…, what share is left?")
    r"|\b(?:what|which) (?:share|percentage|proportion|percent|fraction) (?:is|are) "
    r"(?:left|remaining)\s*(?:\?|$)"
    r"|(?:剩下|剩余|其余)的?(?:部分)?(?:合计|一共|总共)?(?:占|是)?(?:百分之几|百分之多少|多少比例|比例是多少"
    r"|多少(?=[?？]|$))"
)
# A percentage written as a figure, exactly: "54%", "7.5%" (not "over 90%", nor a range's
# "7%–8%" or "7% to 8%").
_PERCENT_FIGURE = re.compile(r"(?<![\d.])(\d{1,2}(?:\.\d+)?)\s*%")
# A share is read as the fact states it within this many characters either side.
SHARE_CONTEXT_CHARS = 15
_INEXACT_PERCENT = re.compile(
    r"\b(?:over|more than|less than|under|nearly|almost|about|around|some|up to)\s+\d"
    r"|\d\s*%?\s*(?:–|-|to|至)\s*\d+(?:\.\d+)?\s*%|超过\s*\d|近\s*\d|约\s*\d",
    re.IGNORECASE,
)
_LEVEL_OF_NORMAL = re.compile(
    r"\b(?:to|at) (?:only |just )?(?P<en>\d{1,2}(?:\.\d)?)% of (?:the )?normal\b"
    r"|降至正常[^，。；]{0,10}?的(?P<zh>\d{1,2}(?:\.\d)?)%"
)
# "attendance", "出席人数": a count of the people who came, by whatever noun the fact uses.
_ATTENDANCE = re.compile(
    r"\battend[ae]nce\b|\bturnout\b|出席人数|参会人数|到场人数"
    # "how many more people attended", "多了多少人": people counted, of whatever kind
    r"|\bhow many (?:more |fewer )?(?:people|persons|attendees|participants)\b|(?:多少|几)个?[人名]"
)
_PEOPLE_WORDS = frozenset(
    {"staff", "people", "participant", "attendee", "person", "职员", "人员", "参与", "与者"}
)
_THINGS_COUNTED = re.compile(
    r"(?:[a-z\-]+ )?(?:courses?|countries|sessions?|events?|workshops?|programmes?|projects?"
    r"|contributions?|institutions?|schools?|documents?)\b"
    r"|(?:多)?(?:个|门|场|项|所|家)?(?:培训)?(?:课程|国家|会议|活动|项目|机构|学校|文件)"
)
_MONTHS = (
    "january february march april may june july august september october november december"
).split()
# "How many days did the retreat last", "开了几天", "持续多少天": the days a dated range spans.
_DAYS_ASKED = re.compile(
    r"\bhow many days\b(?!\s+(?:until|till|before|left|remain|to go|are left))"
    r"|\bhow long did\b|\bfor how long\b"
    # (not "哪几天", which days)
    r"|(?<!还有)(?<!还剩)(?<!距离)(?<!离)(?<!哪)(?:几天|多少天)(?!后|以后)|持续多久"
    r"|(?:开|举行|举办|进行)了?多久"
    # (Cantonese counts days as 日: "開咗幾多日"; not the date "几月几日")
    r"|(?:开|举行|举办|进行)了?(?:多少|(?<!月)几)日(?!期)"
)
# "from 5 to 9 February 2018", "5–9 February", "2月5至9日", "2月5日至9日"
_EN_DAY_RANGE = re.compile(
    rf"\b(\d{{1,2}})\s*(?:–|-|to)\s*(\d{{1,2}})\s+({'|'.join(_MONTHS)})\b", re.IGNORECASE
)
_ZH_DAY_RANGE = re.compile(r"(\d{1,2})月(\d{1,2})日?\s*(?:至|到|-|–|~)\s*(\d{1,2})日")
# Across two months: "from 30 May to 1 June 2023", "2023年5月30日至6月1日".
_EN_MONTHS_RANGE = re.compile(
    rf"\b(?P<d1>\d{{1,2}})\s+(?P<m1>{'|'.join(_MONTHS)})(?:\s+(?P<y1>(?:19|20)\d\d))?"
    rf"\s*(?:–|-|to|until|through)\s*(?P<d2>\d{{1,2}})\s+(?P<m2>{'|'.join(_MONTHS)})\b"
    r"(?:\s+(?P<y2>(?:19|20)\d\d))?",
    re.IGNORECASE,
)
_ZH_MONTHS_RANGE = re.compile(
    r"(?:(?P<y>(?:19|20)\d\d)年)?(?P<m1>\d{1,2})月(?P<d1>\d{1,2})日\s*(?:至|到|-|–|~)\s*"
    r"(?P<m2>\d{1,2})月(?P<d2>\d{1,2})日"
)
NO_LEAP_YEAR = 2023
MAX_SPAN_DAYS = 62


# A rate only people have: those who completed, passed or were certified, of those who took
# part ("the completion rate of the 2022 courses" is of its learners, not of the courses).
_PEOPLE_RATE = re.compile(
    r"\b(?:completion|certification|pass|graduation|dropout|drop-out) rates?\b"
    r"|完成率|结业率|通过率|合格率|毕业率|辍学率"
)
# Said before a count of some of those counted just before: "from among them", "of which".
_OF_THEM = re.compile(r"从中|其中|当中|\bof (?:which|whom|them|these)\b|\bamong them\b")
# What those counted in a share did, asked ("of learners who completed", "获得证书的比例"): a
# fact that never says it counts no one who did it (the Academy's users, for a completion).
_DOING_ASKED = {
    "complet": ("complet", "完成"),
    "finish": ("complet", "完成", "finish"),  # (finished, as the synonyms read it)
    "certif": ("certif", "证书"),
    "select": ("select", "选"),
    "graduat": ("graduat", "毕业"),
    "pass": ("pass", "通过"),
    "完成": ("complet", "完成"),
    "证书": ("certif", "证书"),
    "选出": ("select", "选"),
    "入选": ("select", "选"),
    "通过": ("pass", "通过"),
}


def _doings_asked(normalized: str) -> list[tuple[str, ...]]:
    """The stems, in either language, of each doing a share asks of those counted."""
    return [stems for asked, stems in _DOING_ASKED.items() if asked in normalized]


def _says_the_doing(normalized: str, fact: models.Fact) -> bool:
    """Whether a fact says what those a share asks of did (any, if the share asks no doing)."""
    texts = (fact.text_en.lower(), fact.text_zh)
    return all(
        any(stem in t for stem in stems for t in texts) for stems in _doings_asked(normalized)
    )


def _did(q: Question, count: Count) -> bool:
    """Whether a count's phrase says those counted did what a share asks ("were selected")."""
    phrase = count.phrase.lower()
    return any(any(stem in phrase for stem in stems) for stems in _doings_asked(q.normalized))


def _head_noun(count: Count) -> str | None:
    """The word a count counts, right after it ("14 institutions were selected": institution)."""
    words = count.phrase.strip().lower().split()
    return stem(words[0]) if words and words[0].isalpha() else None


def _asks_share_of_people(normalized: str) -> bool:
    """Whether a share asked is of people: the first thing counted after "percentage /
    proportion of" is people ("of ITU Academy learners"), not things ("of the courses"); in
    Chinese, people named at all (学员)."""
    if _PEOPLE_RATE.search(normalized):
        return True  # "2022年学院课程的完成率": of the people who took the courses
    after = re.search(
        r"\b(?:percentage|proportion|share|fraction|rate|percent) of\b(.*)", normalized
    )
    if after is None:
        return _PERSONS.search(normalized) is not None
    people, things = _PERSONS.search(after[1]), _THINGS_COUNTED.search(after[1])
    return people is not None and (things is None or people.start() < things.start())


def asks_for_days(normalized: str) -> bool:
    """Whether a question asks how many days something lasted."""
    return _DAYS_ASKED.search(normalized) is not None


class DaySpan(NamedTuple):
    """A range of days a text writes: its first and last day, how many days it spans, and,
    for a range across two months, their numbers (0 within one month)."""

    first: int
    last: int
    days: int
    first_month: int = 0
    last_month: int = 0


def days_spanned(text: str) -> DaySpan | None:
    """The range of days a text writes, in one month ("from 5 to 9 February": 5, 9, 5 days)
    or across two ("from 30 May to 1 June 2023", "5月30日至6月1日": 3 days); None when it
    writes none."""
    english = _EN_DAY_RANGE.search(text)
    chinese = _ZH_DAY_RANGE.search(text)
    if english is not None:
        first, last = int(english[1]), int(english[2])
    elif chinese is not None:
        first, last = int(chinese[2]), int(chinese[3])
    else:
        return _days_across_months(text)
    if not 1 <= first < last <= 31:
        return None
    return DaySpan(first, last, last - first + 1)


def _days_across_months(text: str) -> DaySpan | None:
    english = _EN_MONTHS_RANGE.search(text)
    chinese = _ZH_MONTHS_RANGE.search(text)
    if english is not None:
        first, last = int(english["d1"]), int(english["d2"])
        months = (
            _MONTHS.index(english["m1"].lower()) + 1,
            _MONTHS.index(english["m2"].lower()) + 1,
        )
        year = english["y1"] or english["y2"]
    elif chinese is not None:
        first, last = int(chinese["d1"]), int(chinese["d2"])
        months = (int(chinese["m1"]), int(chinese["m2"]))
        year = chinese["y"]
    else:
        return None
    try:
        # (a year the text does not give: one with no 29 February)
        start = date(int(year or NO_LEAP_YEAR), months[0], first)
        end = date(int(year or NO_LEAP_YEAR), months[1], last)
    except ValueError:
        return None
    days = (end - start).days + 1
    if months[0] >= months[1] or not 1 < days <= MAX_SPAN_DAYS:
        return None
    return DaySpan(first, last, days, *months)


# Two counts of one thing at two times: "40 …, eventually growing to 65", "from 40 to 65",
# "从40名增加到65名".
_BECOMES = re.compile(
    r"\b(?:grew|grow(?:s|ing)?|increas(?:e|es|ed|ing)|rose|rising|reach(?:es|ed|ing)?"
    r"|expand(?:s|ed|ing)?|climb(?:s|ed|ing)?)\b(?:\s+\w+)?\s+to\b|\bfrom\s*$"
    r"|增加到|增长到|增至|升至|扩大到|上升到|达到"
)


# A count of what was added, not of a level: "8 000 new users", "新增8000名用户".
_INCREMENT = re.compile(
    r"\W*(?:名|个|位|多名|多个)?\s*(?:more |additional |extra |further |new |新增|新的?|增加了?)"
)


def _one_becomes_the_other(text: str, counts: Sequence[Count]) -> bool:
    """Whether the text says the first of two counts grew into the second (or was "from" it):
    a before and an after, not a part and its whole."""
    first, second = sorted(counts, key=lambda c: text.find(c.text))
    start = text.find(first.text)
    if start < 0:
        return False
    end = text.find(second.text, start + len(first.text))
    between = text[start + len(first.text) : end] if end >= 0 else ""
    before = text[max(0, start - 6) : start]
    return _BECOMES.search(between) is not None or re.search(r"\bfrom\s*$|从$", before) is not None


def states_its_rise(q: Question, fact: models.Fact) -> bool:
    """Whether a fact states a rise itself ("8,000 new users … 35,000 in total"): a
    difference asked of it is answered by the fact, not computed from its counts."""
    text = fact.text_zh if q.lang == "zh" else fact.text_en
    return any(_INCREMENT.match(c.phrase.lower()) for c in read_counts(text))


def computed_in_fact(
    q: Question,
    fact: models.Fact,
    knowledge: Knowledge,
    confidence: float,
    parts: dict[str, Any],
) -> Answer:
    """A computation read out of one fact (`parts`: its op and result), sourced to it."""
    return Answer(
        kind=AnswerKind.COMPUTE,
        lang=q.lang,
        answered=True,
        confidence=confidence,
        parts={
            "fact": fact,
            **parts,
            "year": fact.year,
            "missing_year": None,
            "newer": [],
            "figures": [],
        },
        sources=[to_source(knowledge, fact.doc, fact.section)],
    )


# One count for each of another ("how many trainees per course", "average number of learners
# per course", "平均每门课有多少名学员"): the first divided by the second, both named.
_PER_THING = re.compile(
    r"\b(?:how )?many (?P<of>[a-z]+) (?:(?:were|are|was|is|did|do) )?(?:there |trained |enrolled )?"
    r"(?:on average )?(?:per|for each|for every|in each|on average per) (?P<per>[a-z]+)\b"
    r"|\b(?:average|avg|mean) (?:number of )?(?P<of2>[a-z]+) (?:per|for each|in each)"
    r" (?P<per2>[a-z]+)\b"
    # ("平均每个培训课程大约有多少学员", "平均每个国家有几家机构申请")
    # ("per contribution, how many participants", "for each course, how many learners")
    r"|\b(?:per|for each|for every) (?P<per3>[a-z]+)\b[^?.;]{0,60}?,? (?:roughly |about "
    r"|approximately )?how many (?P<of3>[a-z]+)\b"
    r"|平均每(?P<m>[个门项场次名位家所份篇])?(?P<per_zh>[\u4e00-\u9fff]{1,4}?)(?:平均)?"
    # ("平均每份文稿对应几位与会者": the verb that ties one to the other)
    r"(?:大概|大约|约)?(?:有|能有|约有|对应|对应着|对应有|配有|分到|摊到)?(?:大概|大约|约)?"
    r"(?:多少|几)(?:[个名位人门项家])?"
    r"(?P<of_zh>[\u4e00-\u9fff]{1,4}?)(?:申请|参加|参与|报名)?(?=[?？，,。]|$)"
    r"|每(?P<m2>[个门项场次名位家所份篇])(?P<per_zh2>[\u4e00-\u9fff]{1,4}?)平均(?:大概|大约|约)?"
    r"(?:有|能有|约有|对应|对应着|对应有|配有|分到|摊到)?(?:多少|几)(?:[个名位人门项家])?(?P<of_zh2>[\u4e00-\u9fff]{1,4}?)"
    r"(?:申请|参加|参与|报名)?(?=[?？，,。]|$)"
)
PER_HEAD_CHARS = 6
PER_TENTHS_FROM = 10
# A growth worked out in a fact is of one thing counted twice: never more than so many times.
GROWTH_MAX_TIMES = 50
PER_TENTHS = Decimal("0.1")
# (a Chinese count's noun may follow what describes it: "125份供讨论的文稿")
PER_DESCRIBED_CHARS = 8


def _names_count(word: str, count: Count, *, head_only: bool = False) -> bool:
    """Whether a count counts what a word names: people by any word for them ("trainees" are
    the "participants" counted), else the word (a Chinese one, in the count's phrase); with
    `head_only`, in the words right after it only ("200 training courses", "3,600名注册学员";
    not "4,000 … completed their courses")."""
    phrase = _COUNT_ASIDE.split(count.phrase.lower())[0].strip()
    head = phrase[:PER_HEAD_CHARS] if is_chinese(phrase) else " ".join(phrase.split()[:2])
    if not head_only:
        head = phrase
    if _PERSONS.fullmatch(word) or word in _PEOPLE_WORDS:
        return _PERSONS.search(head) is not None and not _THINGS_COUNTED.match(phrase)
    if is_chinese(word):
        described = rf"[^，。；,;]{{0,{PER_DESCRIBED_CHARS}}}的{re.escape(word)}"
        return word in head or re.match(described, phrase) is not None
    return bool(_words(word) & _words(head))


# The measure word a Chinese count opens its phrase with ("369名与会者", "125份文稿").
_ZH_MEASURE = re.compile(r"^(?:[个门项场次名位家所份篇人]|多)+")


def _counted_head(count: Count) -> set[str]:
    """The words of what a count counts, right after it (after a Chinese measure word)."""
    phrase = _COUNT_ASIDE.split(count.phrase.lower())[0].strip()
    if is_chinese(phrase):
        return _words(_ZH_MEASURE.sub("", phrase)[:PER_HEAD_CHARS])
    return _words(" ".join(phrase.split()[:2]))


def _count_the_same_thing(counts: Sequence[Count]) -> bool:
    """Whether counts count one kind of thing, to be averaged: people all of them, or the
    same word right after each ("250 ITU staff", "120 ITU staff"); not participants and
    contributions."""
    people = [
        _PERSONS.search(" ".join(sorted(_counted_head(c)))) is not None
        or bool(_counted_head(c) & _PEOPLE_WORDS)
        for c in counts
    ]
    if all(people):
        return True
    heads = [_counted_head(c) for c in counts]
    return not any(people) and all(heads[0] & h for h in heads[1:])


def _per_thing(
    q: Question, fact: models.Fact, knowledge: Knowledge, confidence: float, per: re.Match[str]
) -> Answer | None:
    """One count a fact states for each of another: the first divided by the second, each the
    one count of what the question names (the largest, of several of the first: all the
    learners, not those of them who completed)."""
    of = per["of"] or per["of2"] or per["of3"] or per["of_zh"] or per["of_zh2"]
    each = per["per"] or per["per2"] or per["per3"] or per["per_zh"] or per["per_zh2"]
    counts = read_counts(fact.text_zh if q.lang == "zh" else fact.text_en)
    bottoms = [c for c in counts if _names_count(each, c, head_only=True)]
    # (what follows a count names it; deeper in its phrase only where none does: "4 000 …
    # received certificates")
    tops = [c for c in counts if _names_count(of, c, head_only=True) and c not in bottoms] or [
        c for c in counts if _names_count(of, c) and c not in bottoms
    ]
    if not tops or len(bottoms) != 1 or bottoms[0].value == 0:
        return None
    top, bottom = max(tops, key=lambda c: c.value), bottoms[0]
    ratio = Decimal(top.value) / Decimal(bottom.value)
    # (rounded as any ratio: 369 participants for 125 contributions is 2.95 each, not 3;
    # fewer than one for each, "200 courses for 5,200 learners", 0.04 per learner; ten or
    # more to a tenth, as the documents' rounded counts allow: 1,000 visits from 42
    # countries, 23.8 each)
    result = to_rounded(ratio, RATIO_PLACES if ratio < PER_TENTHS_FROM else PER_TENTHS)
    parts = {
        "op": "fact_per",
        "top": top,
        "bottom": bottom,
        "result": result,
        # what is counted, for each of what, in the question's words
        "of": of,
        "each": each,
        "measure": per["m"] or per["m2"] or "个",
    }
    return computed_in_fact(q, fact, knowledge, confidence, parts)


def compute_in_fact(
    q: Question, fact: models.Fact, knowledge: Knowledge, confidence: float
) -> Answer | None:
    """A share or a sum of counts a fact states ("5 200 participants, 4 000 of them
    certified": 76.9%), when the question names what the counts count, or the days a dated
    range spans ("开了几天": 5至9日, 5 days); else None."""
    if asks_for_days(q.normalized):
        span = days_spanned(fact.text_zh if q.lang == "zh" else fact.text_en)
        if span is None:
            return None
        days_parts = {
            "op": "fact_days",
            "first": span.first,
            "last": span.last,
            "result": span.days,
            "first_month": span.first_month,
            "last_month": span.last_month,
            "month_names": [m.capitalize() for m in _MONTHS],
        }
        return computed_in_fact(q, fact, knowledge, confidence, days_parts)
    if asks_per_year(q.normalized):
        # "VaMoz Digital is worth EUR 2.3 million over three and a half years: per year?"
        per_year = _per_year(fact)
        if per_year is not None:
            money, years = per_year
            yearly = money.value / years
            yearly_parts = {
                "op": "fact_per_year",
                "money": money,
                "years": years,
                "result": to_rounded(yearly, Decimal(1)),
                # the same in the units the documents write amounts in
                "millions": to_rounded(yearly / 1_000_000, Decimal("0.01")),
                "wan": to_rounded(yearly / 10_000, Decimal("0.1")),
            }
            return computed_in_fact(q, fact, knowledge, confidence, yearly_parts)
    per = _PER_THING.search(q.normalized)
    each = _per_thing(q, fact, knowledge, confidence, per) if per is not None else None
    if each is not None:
        # "200 courses for 5,200 trainees: how many trainees per course?": 26 (else an
        # average of the counts asked, as below: "average attendance per session")
        return each
    if per is not None:
        of = per["of"] or per["of2"] or per["of3"] or per["of_zh"] or per["of_zh2"] or ""
        text = fact.text_zh if q.lang == "zh" else fact.text_en
        if (
            of
            and not _ATTENDANCE.search(q.normalized)  # "average attendance per session"
            and not any(_names_count(of, c) for c in read_counts(text))
        ):
            return None  # ("平均每家机构有多少学员": no count of learners to average)
    if _POINTS_DROPPED.search(q.normalized):
        # "coverage fell to 79% of normal: by how many percentage points": 100 − 79
        level = _LEVEL_OF_NORMAL.search(fact.text_en) or _LEVEL_OF_NORMAL.search(fact.text_zh)
        if level is None:
            return None
        value = Decimal(level["en"] or level["zh"])
        drop_parts = {"op": "fact_points_drop", "level": value, "result": Decimal(100) - value}
        return computed_in_fact(q, fact, knowledge, confidence, drop_parts)
    if _SHARE_LEFT.search(q.normalized):
        # "if 54% goes to global outputs, what share is left for everything else": 100 − 54,
        # of the one share the question states, as the fact states it, exactly (none of a
        # level "of normal", which is itself what is left, nor of a range "7%–8%")
        shares = {Decimal(m[1]) for m in _PERCENT_FIGURE.finditer(fact.text_en)}
        said = {Decimal(m[1]) for m in _PERCENT_FIGURE.finditer(q.normalized)}
        taken = shares & said
        # (exact where the fact states it: its "54%" beside a range "7% to 8%" of others)
        stated_at = [
            fact.text_en[max(0, m.start() - SHARE_CONTEXT_CHARS) : m.end() + SHARE_CONTEXT_CHARS]
            for m in _PERCENT_FIGURE.finditer(fact.text_en)
            if Decimal(m[1]) in taken
        ]
        exact = not _INEXACT_PERCENT.search(q.normalized) and not any(
            _INEXACT_PERCENT.search(t) for t in stated_at
        )
        if (
            exact
            and len(said) == 1
            and len(taken) == 1
            and not _LEVEL_OF_NORMAL.search(fact.text_en)
            and 0 < (share := next(iter(taken))) < 100
        ):
            left_parts = {"op": "fact_share_left", "share": share, "result": Decimal(100) - share}
            return computed_in_fact(q, fact, knowledge, confidence, left_parts)
    op = read_fact_operation(q.normalized)
    if op is None:
        return None
    text = fact.text_zh if q.lang == "zh" else fact.text_en
    asked = _words(q.normalized)
    # (a contracted pair asks of both: 内外部 is 内部 and 外部)
    asked |= {w for short, pair in _CONTRACTED_PAIRS.items() if short in q.normalized for w in pair}
    if _ATTENDANCE.search(q.normalized):
        asked |= _PEOPLE_WORDS  # "the combined attendance": the people counted
    every = read_counts(text)
    # (what a count counts is said before any aside: "44个外部利益攸关方（包括成员国和部门成员）"
    # counts stakeholders, not sector members)
    counts = [
        c
        for c in every
        if len(_words(_COUNT_ASIDE.split(c.phrase.lower())[0]) & asked) >= FACT_PHRASE_MIN_OVERLAP
    ]
    stated = {int(n) for n in re.findall(r"(?<![\d.])\d+(?![\d.])", q.normalized)}
    if op == "share" and len(counts) > 2:
        # ("For the new ATC programme call, what percentage of the applicant institutions
        # were selected": the words of the call match the 35 countries that applied to the
        # new programme too; the counts of the noun asked are those asked of)
        of_noun = [c for c in counts if _head_noun(c) in asked]
        counts = of_noun if len(of_noun) == 2 else counts
    if op == "share" and not _says_the_doing(q.normalized, fact):
        return None  # "percent of Q1 2023 learners who completed": the users' record
    if op == "share" and _asks_share_of_people(q.normalized):
        # "what proportion of learners completed …": counts of people, not of the courses or
        # countries the same sentence counts ("200 courses", "170 countries")
        counts = [c for c in counts if not _THINGS_COUNTED.match(c.phrase.strip().lower())]
        people = [c for c in every if not _THINGS_COUNTED.match(c.phrase.strip().lower())]
        if len(counts) == 1:
            # "of whom more than 4 000 completed": of the one larger count of people
            larger = [c for c in people if c.value > counts[0].value]
            counts = [counts[0], larger[0]] if len(larger) == 1 else counts
            if len(counts) == 1:
                # "what percentage of participants were certified": those of them who did
                # what is asked, the one smaller count that says it ("4 000 … received
                # certificates")
                did = [c for c in people if c.value < counts[0].value and _did(q, c)]
                counts = [did[0], counts[0]] if len(did) == 1 else counts
    if op == "share" and len(counts) == 1 and _did(q, counts[0]):
        # "what percentage of ATC applicants were selected": 14 institutions selected, of the
        # one larger count of the same thing (50 institutions)
        noun = _head_noun(counts[0])
        same = [c for c in every if c.value > counts[0].value and _head_noun(c) == noun]
        counts = [counts[0], same[0]] if noun and len(same) == 1 else counts
    named = [c for c in every if c.value in stated]
    if (
        len(named) == 2
        and named[0].value != named[1].value
        # (not a count of things the question restates beside one of people: "of the
        # ~3,600 learners in the 38 courses, what percentage had finished")
        and len({bool(_THINGS_COUNTED.match(c.phrase.strip().lower())) for c in named}) == 1
    ):
        counts = named  # "5,200 trained and 4,000 certified: what rate is that": those two
    elif (
        _FACT_RATE.search(q.normalized)
        and not _FACT_SHARE.search(q.normalized)
        and not (
            op == "share" and (_PERSONS.search(q.normalized) or _PEOPLE_RATE.search(q.normalized))
        )
        # ("what rate of applicants were selected": those selected, of the same thing)
        and not (op == "share" and len(counts) == 2 and any(_did(q, c) for c in counts))
    ):
        # "the completion rate for courses": which two counts, the fact leaves open ("the
        # completion rate of learners": those who completed of the people counted)
        return None
    if op in (RATIO, DIFFERENCE, "growth") and len(counts) == 1 and len(every) == 2:
        counts = every  # "initially 40 staff, eventually growing to 65": one noun, two counts
    negated = _NOT_DONE.search(q.normalized) or _NOT_DONE_ZH.search(q.normalized)
    if op == DIFFERENCE and asks_those_not_done(q.normalized) and negated is None:
        return None  # those who did not do what the record never says anyone did
    if op == DIFFERENCE and negated and asks_those_not_done(q.normalized):
        # "how many participants did not complete": the participants, and those who completed
        done = negated[1][:4]
        did = [c for c in counts if any(w.startswith(done) for w in _words(c.phrase.lower()))]
        of = [c for c in counts if c not in did and _words(c.phrase.lower()) & asked]
        counts = [did[0], max(of, key=lambda c: c.value)] if len(did) == 1 and of else []
    if len(counts) != 2 or any(c.value == 0 for c in counts):
        return None
    if len({bool(_THINGS_COUNTED.match(c.phrase.strip().lower())) for c in counts}) > 1:
        # "学院2022年一共培训了多少学员": 200 courses and 5,200 learners are no two counts of
        # one thing to add, compare or divide (5,400 before)
        return None
    if op == "sum" and any(
        n and _OF_THEM.search(every[n - 1].phrase.lower())
        for n, c in enumerate(every)
        if c in counts
    ):
        # "ATC项目…一共有多少家机构申请": 14 chosen from among the 50 who applied are some of
        # them, no count to add to theirs (64 before)
        return None
    parts: dict[str, Any] = {"op": "fact_" + op, "counts": counts}
    if op == "share":
        part, whole = sorted(counts, key=lambda c: c.value)
        if part.value == 0 or part.value == whole.value:
            return None
        if _one_becomes_the_other(text, counts):
            return None  # "initially 40 staff, eventually growing to 65": no part of a whole
        parts |= {"part": part, "whole": whole, "result": to_percentage(part.value, whole.value)}
    elif op == "growth":
        # "from 40 to 65 staff": a rise of 62.5% on the smaller
        small, large = sorted(counts, key=lambda c: c.value)
        if small.value == large.value:
            return None
        if any(_INCREMENT.match(c.phrase.lower()) for c in counts):
            return None  # "8,000 new users … 35,000 users": an increase, not the level before
        if large.value > small.value * GROWTH_MAX_TIMES:
            return None  # (no one thing's two counts: "4 … 250,000 people")
        rise = to_percentage(large.value - small.value, small.value)
        parts |= {"small": small, "large": large, "result": rise}
    elif op in (RATIO, DIFFERENCE):
        # "from 40 to 65 staff": how many times, or by how much, the larger is the smaller
        small, large = sorted(counts, key=lambda c: c.value)
        if small.value == large.value:
            return None
        if any(_INCREMENT.match(c.phrase.lower()) for c in counts):
            return None  # "8,000 new users … 35,000 in total": the rise is stated, no level
        result = (
            to_rounded(Decimal(large.value) / Decimal(small.value), RATIO_PLACES)
            if op == RATIO
            else large.value - small.value
        )
        parts |= {"small": small, "large": large, "result": result}
    else:
        if _one_becomes_the_other(text, counts):
            return None  # "initially 40 staff, eventually 65": one group, counted twice
        if op == "average" and not _count_the_same_thing(counts):
            # "平均每份文稿对应几位与会者": 369 participants and 125 contributions make no
            # average (247 of what?)
            return None
        total = sum(c.value for c in counts)
        parts |= {"result": total}
        if op == "average":
            parts |= {
                "sum": total,
                "result": to_rounded(Decimal(total) / len(counts), AVERAGE_PLACES),
            }
    if op in ("sum", DIFFERENCE) and _RATIO.search(q.normalized):
        # "how many in total, and how many times as many came to the one as to the other":
        # the ratio asked beside the sum (or the difference)
        small, large = sorted(counts, key=lambda c: c.value)
        if small.value != large.value:
            ratio = Decimal(large.value) / Decimal(small.value)
            parts |= {"small": small, "large": large, "times": to_rounded(ratio, RATIO_PLACES)}
    return computed_in_fact(q, fact, knowledge, confidence, parts)


# -- counts of two periods ------------------------------------------------------------------

_MONTH_NAMES = r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?"
# A period of one year a question names: "2022", "January–March 2023", "Q1 2023", "early
# 2023", "the first quarter of 2023"; "2022年", "2023年1-3月", "2023年第一季度", "2023年初".
_PERIOD = re.compile(
    r"(?:\b(?:in|during|for|over|of)\s+)?(?:the\s+)?"
    r"(?:(?:(?:first|second|third|fourth|1st|2nd|3rd|4th)\s+(?:quarter|half)|q[1-4]|h[12]"
    r"|early|late|mid|the\s+start|the\s+end|the\s+beginning)[\s-]+(?:of\s+)?"
    rf"|{_MONTH_NAMES}(?:\s*(?:[–—-]|to|through|until)\s*{_MONTH_NAMES})?\s+(?:of\s+)?)?"
    r"\b(?P<en>(?:19|20)\d\d)\b(?![–-]\d)"
    r"|(?P<zh>(?:19|20)\d\d)年(?:\d{1,2}月?\s*(?:至|到|-|–|~)\s*\d{1,2}月|\d{1,2}月"
    r"|第?[一二三四1-4]季度|[上下]半年|年?初|年?底|年?末)?"
)
# Words of the operation, not of what is counted or where: "together", "combined", "合计".
_PERIOD_OPERATION_WORDS = frozenset(
    "together combined total altogether sum add adding added more fewer less than difference"
    " between both".split()
)
# The facts a part of it may name, best first, and how much of the question (both periods'
# words) each must explain: its year, its part of the year and a count of what is asked
# check it besides.
PERIOD_CANDIDATES = 5
PERIOD_MIN_COVERAGE = 0.5
_PERIOD_LEAD = re.compile(r"^(?:(?:in|during|for|over|of)\s+)?(?:the\s+)?")
_ZH_CLAUSE_BREAK = re.compile(r"[，。；：、,;:]")
# What was added, asked or counted: "how many new users", "新增了多少用户", "新增注册用户3,600名".
_NEW_ASKED = re.compile(r"\b(?:new|newly|additional)\b|新增|新加入|新注册|新用户")
_ZH_NEW = re.compile(r"新增|新加入|新注册")
_NEW = "@new"


def read_periods(text: str) -> list[tuple[str, int]]:
    """The periods a question names, each as written and with its year."""
    return [(match.group(), int(match["en"] or match["zh"])) for match in _PERIOD.finditer(text)]


# Two periods joined as two ("in 2022 and in Q1 2023", "2022年和2023年1-3月", "in 2022 than in
# Q1 2023"), not as the ends of one ("from March 2022 to March 2023", "between 2022 and 2023",
# "2022年3月至2023年3月").
# (what is counted may stand between them: "2022年全年的新用户数，比2023年1至3月…多多少")
_TWO_PERIODS_JOINED = re.compile(
    r"\b(?:and|plus|as well as|than|compared (?:with|to)|versus|vs)\b|和|与|及|、|跟|比|相比|对比"
)
_ONE_SPAN = re.compile(r"\b(?:to|until|till|through|thru)\b|至|到|[-–~]")
BETWEEN_PERIODS_MAX = 6  # words, or characters counted in pairs
_SPAN_OPENED = re.compile(r"\b(?:between|from)\s+(?:the\s+)?$|从$|自$")


def names_two_periods(text: str, *, ends: bool = False) -> bool:
    """Whether a question names two periods of different years ("in 2022 and in Q1 2023");
    with `ends`, also as the two ends of a span ("grow from 2022 to March 2023": a rise)."""
    found = list(_PERIOD.finditer(text))
    if len(found) != 2:
        return False
    first, second = found
    between = text[first.end() : second.start()]
    size = len(between.split()) + len(re.findall(r"[\u4e00-\u9fff]", between)) // 2
    return (
        int(first["en"] or first["zh"]) != int(second["en"] or second["zh"])
        and (ends or _TWO_PERIODS_JOINED.search(between) is not None)
        and (ends or _ONE_SPAN.search(between) is None)
        and size <= BETWEEN_PERIODS_MAX
        and (ends or _SPAN_OPENED.search(text[: first.start()]) is None)
    )


def spans_the_periods(text: str, texts: Sequence[str]) -> bool:
    """Whether a record's texts name every year of the periods a question names ("from March
    2022 to March 2023" for "in 2022 and 2023 together")."""
    years = {str(year) for _, year in read_periods(text)}
    return all(any(year in t for t in texts) for year in years)


def read_counted_words(text: str) -> tuple[str, ...]:
    """The words of what a "how many" question counts ("how many new users joined" → new,
    users, joined; "多少新用户" → 新用户)."""
    counted = read_counted(text)
    return () if counted and counted[0].startswith("@") else counted


def _as_written(text: str, span: str) -> str:
    """A period as the question writes it ("January–March 2023"), without the word that
    places it ("in", "during the")."""
    bare = _PERIOD_LEAD.sub("", span.strip())
    written = re.search(re.escape(bare), text, re.IGNORECASE)
    return written.group() if written else bare


def _states_period(fact: models.Fact, span: str) -> bool:
    """Whether a fact is of the part of the year a period names: one that names months or a
    quarter needs a fact that names a month ("From January to March"); a bare year any."""
    if not re.search(rf"{_MONTH_NAMES}|q[1-4]|quarter|月|季度", span):
        return not re.search(rf"\b{_MONTH_NAMES}\b|\d月", fact.text_en.lower() + fact.text_zh)
    return bool(re.search(rf"\b{_MONTH_NAMES}\b|\d月|季度", fact.text_en.lower() + fact.text_zh))


def _count_of(text: str, counted: set[str]) -> Count | None:
    """The one count a text states of what is counted: the count whose phrase shares most
    words with it (in Chinese, with the clause before it too: "新增注册用户3,600名"); None
    when none does, or two share as many."""

    def said_of(count: Count) -> set[str]:
        # the words after it in its clause, and before it ("新增注册用户3,600名", "the total
        # number of platform users to more than 35 000")
        before = _ZH_CLAUSE_BREAK.split(text[: max(text.find(count.text), 0)])[-1]
        words = _words(_ZH_CLAUSE_BREAK.split(count.phrase)[0].lower()) | _words(before.lower())
        new = _INCREMENT.match(count.phrase.lower()) or _ZH_NEW.search(before)
        return words | ({_NEW} if new else set())

    # a count of what was added is no count of what there is, unless asked ("how many more
    # users in March 2023 than at the end of 2022": not the new users of each)
    scored = sorted(
        (
            (len(said_of(c) & counted), c)
            for c in read_counts(text)
            if _NEW in counted or _NEW not in said_of(c)
        ),
        key=lambda item: -item[0],
    )
    if not scored or scored[0][0] == 0 or (len(scored) > 1 and scored[1][0] == scored[0][0]):
        return None
    return scored[0][1]
