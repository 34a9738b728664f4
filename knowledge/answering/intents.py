"""Reading a question: what it asks for (intent words), which codes and year it names."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

from rapidfuzz import fuzz

from knowledge.answering.text import EN_STOPWORDS, latin_tokens, stem


def _placed(ends: str) -> tuple[str, ...]:
    """A place in a ranking ("第二多", "第三低"), ordered as its last character says."""
    return tuple(f"第{n}{end}" for n in "二三四五" for end in ends)


# The places in a ranking a question may ask by their ordinal word.
_PLACES = ("second", "third", "fourth", "fifth", "2nd", "3rd", "4th", "5th")


# Concept → (English words, English phrases, Chinese phrases). English words are matched
# per token, tolerating typos; phrases and Chinese are matched as substrings.
LEXICON: dict[str, tuple[frozenset[str], tuple[str, ...], tuple[str, ...]]] = {
    "help": (
        frozenset({"help", "usage", "command", "commands"}),
        (
            "what can you do",
            "what can i ask",
            "what do you know",
            "how do i use",
            "how to use",
            # a greeting, thanks or "who are you" alone is answered with what the bot does
            "who are you",
            "what are you",
        ),
        (
            "你是谁",
            "帮助",
            "你能做什么",
            "能做什么",
            "可以问什么",
            "能问什么",
            "怎么用",
            "如何使用",
            "使用说明",
        ),
    ),
    "budget": (
        frozenset(
            {
                "budget",
                "money",
                "fund",
                "funding",
                "funded",
                "allocation",
                "allocated",
                "distributed",
                "earmarked",
                "spend",
                "spending",
                "spent",
                "cost",
                "chf",
                "franc",
                "swiss",  # "Swiss francs": the currency, as CHF
                "financing",
                "amount",
                "worth",
                "pot",  # "the total OP-23 pot"
            }
        ),
        # A phrase is matched exactly: typo tolerance would read "developed" as "envelope".
        ("how much", "envelope"),
        (
            "预算",
            "资金",
            "经费",
            "多少钱",
            "拨款",
            "瑞郎",
            "金额",
            "钱",
            "造价",
            "费用",
            "花费",
            "成本",
            # "微软为这个计划出资多少": money given (not "谁出资", who gave it)
            "出资多少",
            "出资了多少",
        ),
    ),
    "share": (
        frozenset({"share", "percentage", "percent", "proportion", "fraction", "ratio"}),
        ("%", "slice of", "piece of the pie"),  # "what slice of the whole pie is that"
        ("比例", "百分比", "百分之", "占", "份额", "比重"),
    ),
    "kpi": (
        frozenset({"kpi", "indicator", "metric", "measure", "measured", "measuring"}),
        # ("what targets do we track for E1": what is tracked is its KPIs)
        ("key performance", "do we track", "we track", "are tracked", "is tracked"),
        ("关键绩效指标", "绩效指标", "指标", "衡量", "考核"),
    ),
    "count": (
        frozenset({"count", "number"}),
        ("how many",),
        ("多少个", "多少项", "多少条", "几个", "几项", "几条", "数量", "多少"),
    ),
    "output": (
        frozenset({"output", "deliverable"}),
        ("products and services", "product and service"),
        ("输出成果", "产品和服务", "产出"),
    ),
    "outcome": (
        frozenset({"outcome"}),
        (
            "expected result",
            "results expected",
            "results are expected",
            "intended result",
            "aim to achieve",
            "aims to achieve",
            "expect to achieve",
            "expects to achieve",
            "expected to achieve",
            "supposed to achieve",
            "meant to achieve",
        ),
        ("预期成果", "成果", "预期结果"),
    ),
    "risk": (frozenset({"risk"}), (), ("风险",)),
    "mitigation": (
        frozenset({"mitigation", "mitigate", "mitigating"}),
        (),
        ("缓解", "应对措施", "减缓措施"),
    ),
    "overview": (
        frozenset({"overview", "summary", "summarise", "summarize", "describe"}),
        ("tell me about", "what about"),
        ("概况", "介绍", "概述", "总览"),
    ),
    "sum": (
        frozenset({"sum", "combined", "together", "altogether", "plus"}),
        ("in total", "add up"),
        ("一共", "合计", "总共", "加起来", "总和", "共计", "之和", "加在一起", "加上", "合起来"),
    ),
    "difference": (
        frozenset(
            {
                "difference",
                "differ",
                "compare",
                "comparison",
                "versus",
                "gap",
                "minus",
                "subtract",
                "exceed",
                "exceeds",
                "exceeding",
            }
        ),
        (
            "by how much",
            "more than",
            "less than",
            "bigger than",
            "larger than",
            "smaller than",
            "vs",
            "how much more",
            "how much less",
        ),
        (
            "相差",
            "差额",
            "差多少",
            "多多少",
            "多多少钱",
            "少多少钱",
            "差多少钱",  # (before 多少钱 takes 多少 away from 差)
            "少多少",
            "比较",
            "对比",
            "差距",
            "差异",
            "减去",
            "高出",
            "多出",
            "超出",
        ),
    ),
    "max": (
        frozenset({"largest", "biggest", "highest", "most", "greatest", "maximum", "max", "top"}),
        # "which is bigger, E2 or E5": the larger of the lines named
        (
            "which is bigger",
            "which is larger",
            "which is higher",
            "which gets more",
            "which has more",
            # "which theme of P2 has the larger budget": the larger of two, the largest
            "has the larger",
            "has the bigger",
            "has the higher",
            "gets the larger",
            "gets the bigger",
            "receives the larger",
        ),
        (
            "最多",
            "最大",
            "最高",
            "更高",
            "更多",
            "较高",
            "较多",
            "较大",
            "較大",
            *_placed("多大高"),
            *(f"哪个{w}{end}" for w in ("", "预算", "的预算", "更") for end in "多高大"),
        ),
    ),
    "min": (
        frozenset({"smallest", "lowest", "least", "fewest", "minimum", "min"}),
        (
            "which is smaller",
            "which is lower",
            "which gets less",
            "has the smaller",
            "has the lower",
            "gets the smaller",
            "receives the smaller",
        ),
        (
            "最少",
            "最小",
            "最低",
            "更低",
            "更少",
            "较低",
            "较少",
            "较小",
            "較小",
            *_placed("少小低"),
            *(f"哪个{w}{end}" for w in ("", "预算", "的预算", "更") for end in "少低小"),
        ),
    ),
    "rank": (
        frozenset({"rank", "ranking", "ranked", "order", "sorted", "sort"}),
        # a place asked in a ranking: "which one comes third", "in second place"
        (
            *(
                f"{verb} {n}"
                for verb in ("comes", "come", "came", "coming", "ranks", "sits", "lands")
                for n in _PLACES
            ),
            *(
                f"{at}{n} {place}"
                for at in ("in ", "")
                for n in _PLACES
                for place in ("place", "position", "spot")
            ),
        ),
        (
            "排名",
            "排序",
            "排列",
            "从高到低",
            "从大到小",
            # "排第三", "第三名"
            *(f"{w}{n}" for w in ("排在第", "排第") for n in "二三四五"),
            *(f"第{n}{end}" for n in "二三四五" for end in "名位"),
        ),
    ),
    "whole": (
        frozenset({"total", "overall", "entire", "whole", "altogether", "all"}),
        (
            "impact framework",
            "operational plan",
            "operational activities",
            "op-23",
            "op23",
            "kigali action plan",
            "itu-d",
            # "…, all lines included": every line, as "in total" says
            "all lines included",
            "all lines combined",
            "all lines together",
            "including all lines",
        ),
        (
            "总额",
            "全部",
            "整体",
            "总计",
            "所有",
            "整个",
            "总体",
            "影响框架",
            "运作规划",
            "基加利行动计划",
            "总",
        ),
    ),
    "class_priority": (frozenset({"priority", "priorities"}), (), ("重点工作", "优先事项")),
    "class_enabler": (frozenset({"enabler"}), (), ("推动因素",)),
    # (what staff call a priority's themes too: "which sub-area does that KPI belong to")
    "class_theme": (
        # ("the capacity building piece", "two buckets underneath": a line's parts)
        frozenset(
            {
                "theme",
                "topic",
                "subtheme",
                "sub-theme",
                "subarea",
                "sub-area",
                "workstream",
                "piece",
                "bucket",
            }
        ),
        (),
        ("主题",),
    ),
}

# Typo tolerance for English intent words: words this long, at least this similar
# (short words need to be more alike: "kpiz" is a KPI, "most" is not "cost").
INTENT_TYPO_MIN_LENGTH = 4
INTENT_TYPO_MIN_SIMILARITY = 80
INTENT_TYPO_MIN_SIMILARITY_SHORT = 85
INTENT_TYPO_SHORT_LENGTH = 5

# Chinese characters count as word characters for \b, so codes are bounded explicitly;
# "P2级" or "P4 staff" is a staff grade, not a priority.
_START = r"(?<![a-z0-9])"
_END = r"(?![a-z0-9])"
# (a dash between spaces joins a code only to a code's letters standing alone: "P3 - CD:
# budget?"; "E5 - HR and organisational innovation" glosses E5)
_CODE_HYPHEN = (
    r"(?:\s*-(?!\s)|-\s*|\s+-\s+(?=[a-z]{1,4}(?:\s*[-:：?？,.;)）]|\s*$"
    r"|\s+(?:get|gets|got|have|has|had|receive|receives|budget|kpis?)\b)))"
)
_KPI_CODE = re.compile(
    _START + r"([pe])\s*(\d)" + _CODE_HYPHEN + r"([a-z]{1,4})\s*-\s*(\d{1,2})" + _END
)
_THEME_CODE = re.compile(_START + r"([pe])\s*(\d)" + _CODE_HYPHEN + r"([a-z]{1,4})" + _END)
_CODE = re.compile(
    r"(?:" + _START + r"(?:(priority|enabler)\s*(?:no\.?|number|#)?\s*|([pe])\s*[-_.#]?\s*)"
    r"(\d{1,2})(?!\d)(?!\s*(?:级|职|level|grade|staff|post)))"
    # ("推动因素2023年预算": a year, not enabler 20)
    r"|(?:(重点工作|推动因素)\s*(\d{1,2})(?!\d))"
)
# A priority or an enabler asked by its letter alone: "属于哪个P", "係P幾", "which E is it".
_LINE_BY_LETTER = re.compile(
    r"哪(?:一)?个\s*(?P<zh>[pe])(?![a-z\d\-])|(?:是|系)\s*(?P<n>[pe])\s*几(?![个项条])"
    r"|\b(?:which|what) (?P<en>[pe])\b(?![\-\d.])"
)
_LINES_BY_LETTER = re.compile(r"\b(?P<l>[pe])[- ]lines?\b|\bthe (?P<l2>[pe])s\b")
# Another year's operational plan ("OP-22", "op24"): that year (OP-23 is the plan held, read
# with the words for the whole budget).
_OTHER_PLAN = re.compile(r"\bop-?\s?(?!23(?![0-9a-z]))(\d\d)(?![0-9a-z])")
_YEAR = re.compile(r"(?<!\d)(19[5-9]\d|20\d\d)(?!\d)(?:\s*年度?)?")
# "E1 to E5", "P1至P4", "E1–E5": every code in between.
_CODE_RANGE = re.compile(
    _START + r"([pe])\s*(\d)\s*(?:-|–|—|~|to|through|thru|till|until|至|到)\s*(?:\1\s*)?(\d)" + _END
)


@dataclass
class Reading:
    """What the question asks for, independent of which records it names."""

    concepts: set[str] = field(default_factory=set)
    codes: list[str] = field(default_factory=list)
    theme_codes: list[str] = field(default_factory=list)
    kpi_codes: list[str] = field(default_factory=list)
    year: int | None = None
    years: list[int] = field(default_factory=list)  # every year named, in order
    consumed_tokens: set[str] = field(default_factory=set)
    residue: str = ""
    residue_content: bool = False

    def has(self, *concepts: str) -> bool:
        return any(c in self.concepts for c in concepts)


# Words that begin with an intent word without being a form of it.
# ("are counted as a KPI": what is measured, no count asked)
# (nor "countries", "counterparts": no count either)
_NOT_INFLECTIONS = frozenset(
    {
        "different",
        "differently",
        "differential",
        "counted",
        "country",
        "countries",
        "counterpart",
        "counterparts",
    }
)


# Intent words too short to tell a misspelling from another word ("post" is no "pot").
_EXACT_ONLY = frozenset({"pot"})


def _match_word(
    token: str, words: frozenset[str], known: Callable[[str], bool] | None = None
) -> bool:
    """Whether a token is one of `words`, or a misspelling of one; a word the documents use
    (`known`) is a misspelling only of a word it begins with ("radio" is no "ratio", though
    "budgeted" is a "budget")."""
    if token in words:
        return True
    if len(token) < INTENT_TYPO_MIN_LENGTH or token in EN_STOPWORDS:
        return False  # "there" is no misspelt "theme"
    if token in _NOT_INFLECTIONS:
        return False  # "two different percentages": no difference asked
    used = known is not None and known(stem(token))
    for word in words:
        if (used and not token.startswith(word)) or word in _EXACT_ONLY:
            continue
        short = min(len(token), len(word)) < INTENT_TYPO_SHORT_LENGTH
        needed = INTENT_TYPO_MIN_SIMILARITY_SHORT if short else INTENT_TYPO_MIN_SIMILARITY
        if len(word) >= 3 and fuzz.ratio(token, word) >= needed:
            return True
    return False


_GLUABLE = frozenset(w for words, _, _ in LEXICON.values() for w in words if len(w) >= 3)


def _unglue(text: str) -> str:
    """Split two intent words run together ("totalbudget" → "total budget")."""

    def split(match: re.Match[str]) -> str:
        token = match.group()
        for cut in range(3, len(token) - 2):
            if token[:cut] in _GLUABLE and token[cut:].rstrip("s") in _GLUABLE:
                return f"{token[:cut]} {token[cut:]}"
        return token

    return re.sub(r"[a-z]{6,}", split, text)


_PHRASES = sorted(
    ((phrase, concept) for concept, (_, en, zh) in LEXICON.items() for phrase in en + zh),
    key=lambda item: -len(item[0]),
)


# "P3比P2多拿了多少", "E3比E4多分到多少预算": a comparison with a verb between 多 and 多少.
ZH_COMPARED = re.compile(r"比[^，。？?]{1,30}?(?:多|少)[\u4e00-\u9fff]{1,3}?多少")


def is_intent_word(word: str) -> bool:
    """Whether a word is one of the intent words, or a misspelling of one ("mony")."""
    return any(_match_word(word, words) for words, _, _ in LEXICON.values())


# "哪几项", "哪几个": which ones (a list asked, not a count).
_WHICH_FEW = re.compile(r"哪几(?:项|个|条)")


def read_question(normalized: str, known: Callable[[str], bool] | None = None) -> Reading:
    """Find intent words, codes and a year; `residue` is what is left to name records.
    `known` tells the words the documents use (they are not read as misspelt intent words)."""
    reading = Reading()
    text = _unglue(normalized)
    if _CODES_ADDED.search(text):
        reading.concepts.add("sum")  # ("P1加P4是多少": the two lines' budgets added)
    if _CODES_SUBTRACTED.search(text):
        reading.concepts.add("difference")  # ("P1减P4是多少")

    def consume(pattern: re.Pattern[str], handler: Callable[[re.Match[str]], None]) -> None:
        nonlocal text

        def replace(match: re.Match[str]) -> str:
            handler(match)
            return " "

        text = pattern.sub(replace, text)

    def on_range(m: re.Match[str]) -> None:
        low, high = sorted((int(m[2]), int(m[3])))
        reading.codes.extend(f"{m[1].upper()}{n}" for n in range(low, high + 1))
        reading.concepts.add("range")

    def on_kpi(m: re.Match[str]) -> None:
        reading.kpi_codes.append(f"{m[1].upper()}{m[2]}-{m[3].upper()}-{m[4]}")

    def on_theme(m: re.Match[str]) -> None:
        reading.theme_codes.append(f"{m[1].upper()}{m[2]}-{m[3].upper()}")

    def on_code(m: re.Match[str]) -> None:
        if m[4]:
            letter = "P" if m[4] == "重点工作" else "E"
            number = m[5]
        else:
            letter = (m[2] or ("p" if m[1] == "priority" else "e")).upper()
            number = m[3]
        reading.codes.append(f"{letter}{int(number)}")

    def on_year(m: re.Match[str]) -> None:
        reading.year = int(m[1])
        reading.years.append(reading.year)

    consume(_CODE_RANGE, on_range)
    consume(_KPI_CODE, on_kpi)
    consume(_THEME_CODE, on_theme)
    consume(_CODE, on_code)
    consume(_YEAR, on_year)

    def on_other_plan(m: re.Match[str]) -> None:
        reading.concepts.add("other_plan")
        if reading.year is None:
            reading.year = 2000 + int(m[1])

    consume(_OTHER_PLAN, on_other_plan)

    def on_line_letter(m: re.Match[str]) -> None:
        letter = m["zh"] or m["en"] or m["n"]
        reading.concepts.add("class_priority" if letter == "p" else "class_enabler")
        reading.concepts.add("line_asked")  # (which one is asked, not the lines together)

    # ("属于哪个P", "係P幾", "which E is it under": a priority or an enabler, asked)
    consume(_LINE_BY_LETTER, on_line_letter)

    def on_lines_by_letter(m: re.Match[str]) -> None:
        letter = m["l"] or m["l2"]
        reading.concepts.add("class_priority" if letter == "p" else "class_enabler")

    # ("the E lines except E1 and E5", "the Ps": the enablers, the priorities)
    consume(_LINES_BY_LETTER, on_lines_by_letter)

    if ZH_COMPARED.search(text):
        reading.concepts.add("difference")
    text = _WHICH_FEW.sub("哪些", text)  # "和青年有关的是哪几项": which ones, not how many
    for phrase, concept in _PHRASES:
        if phrase in text:
            reading.concepts.add(concept)
            text = text.replace(phrase, " ")
    tokens = latin_tokens(text, keep_stopwords=True)
    for concept, (words, _, _) in LEXICON.items():
        for token in tokens:
            if _match_word(token, words, known):
                reading.concepts.add(concept)
                reading.consumed_tokens.add(token)
                if "-" in token:
                    # ("sub-area": its parts are read as the whole word, not searched)
                    reading.consumed_tokens.update(stem(p) for p in token.split("-") if p)
    if {"more", "less", "bigger", "larger", "smaller"} & set(tokens) and "than" in tokens:
        reading.concepts.add("difference")
    reading.residue = text
    return reading


# Two lines' codes joined by 加 ("P1加P4", "e3 加 e5"): a sum.
_CODES_ADDED = re.compile(
    # (asked as a figure: not "P1加P4在围棋里是什么意思")
    r"(?<![a-z0-9])[pe]\d\s*(?:加|\+)\s*[pe]\d(?!\d)(?=\s*(?:的预算)?\s*(?:又|总共|一共|合计)?\s*"
    r"(?:是|係|系|等于|有)?\s*(?:多少|几多|幾多|几何)|\s*[?？]?\s*$)"
    # ("应急通信预算加网络和数字基础设施预算", "add the budgets of P2 and P3")
    r"|预算\s*加上?\s*\S+?预算|^(?:please |pls |can you |could you )?add (?:up )?the budgets?\b"
)
# Two lines' codes joined by 减 ("P1减P4"): a difference.
_CODES_SUBTRACTED = re.compile(r"(?<![a-z0-9])[pe]\d\s*(?:减去?|minus)\s*[pe]\d(?!\d)")


# What kind of answer a question wants, from how it is asked: it breaks near-ties between
# facts (a definition for "what is", a dated event for "when", a figure for "how many").
_FORMS: tuple[tuple[str, re.Pattern[str]], ...] = (
    (
        "when",
        re.compile(
            r"\bwhen\b|\b(?:what|which) (?:dates?|days?|months?|years?)\b"
            r"|何时|什么时候|哪一?年|几月|哪(?:一|几)?个?月|哪天|日期|时间"
        ),
    ),
    ("where", re.compile(r"\bwhere\b|在哪|哪里|何地|地点")),
    ("number", re.compile(r"\bhow (?:many|much)\b|\bnumber of\b|多少|几个|几项|几名|几次")),
    (
        "definition",
        re.compile(
            r"^(?:what|who) (?:is|are|was|were)\b|\bdefin|\bmeaning of\b|\bwhat does .* mean\b"
            r"|什么是|是什么|是指|指什么|定义|含义|哪些"
        ),
    ),
)


# "the second largest", "排名第三", "第二多": the place asked for in a ranking.
_ORDINAL = re.compile(
    r"\b(?P<en>second|third|fourth|fifth|2nd|3rd|4th|5th)\b"
    r"|第(?P<zh>[二三四五2-5])(?:大|多|高|少|小|低|位|名)?"
)
_ORDINALS = {
    "second": 2, "third": 3, "fourth": 4, "fifth": 5, "2nd": 2, "3rd": 3, "4th": 4, "5th": 5,
    "二": 2, "三": 3, "四": 4, "五": 5, "2": 2, "3": 3, "4": 4, "5": 5,
}  # fmt: skip
# The ordinal words as query tokens: they place a line in a ranking, they name no record.
ORDINAL_TOKENS = frozenset(
    {
        "second",
        "third",
        "fourth",
        "fifth",
        "2nd",
        "3rd",
        "4th",
        "5th",
        "第二",
        "第三",
        "第四",
        "第五",
    }
)


# How many lines are asked from the top or the bottom of a ranking: "the three lowest", "top
# 3", "the largest two", "最低的三项", "三个最大的", "前三名".
_EN_COUNTS = {"two": 2, "three": 3, "four": 4, "five": 5}
_TOP_COUNT = re.compile(
    r"\b(?:the|top|bottom)\s+(?P<en>two|three|four|five|[2-5])\s+(?:[a-z\-]+\s+)?"
    r"(?:largest|biggest|highest|smallest|lowest|least|best-funded|most|top)\b"
    r"|\b(?:top|bottom)\s+(?P<en2>two|three|four|five|[2-5])\b"
    r"|\b(?:largest|biggest|highest|smallest|lowest)\s+(?P<en3>two|three|four|five|[2-5])\b"
    # "which two enablers have the smallest budgets"
    r"|\bwhich\s+(?P<en4>two|three|four|five|[2-5])\s+(?:[a-z\-]+\s+){0,3}?"
    r"(?:have|get|receive|are)\s+the\s+(?:largest|biggest|highest|smallest|lowest|most|least)\b"
    r"|最(?:高|多|大|低|少|小)的(?P<zh>[两二三四五2-5])(?:个|项|条)"
    r"|(?P<zh2>[两二三四五2-5])(?:个|项|条)(?:预算)?最(?:高|多|大|低|少|小)"
    r"|(?:前|后)(?P<zh3>[两二三四五2-5])(?:名|位|个|项)"
    r"|哪(?P<zh4>[两二三四五2-5])(?:个|项|条)[^，。？?,]{0,12}?最(?:高|多|大|低|少|小)"
)


@dataclass(frozen=True)
class TopCount:
    """How many lines a question asks from an end of a ranking, and the words that say it."""

    count: int
    words: str


def read_top_count(normalized: str) -> TopCount | None:
    """How many lines a question asks from the top or the bottom of a ranking ("the three
    lowest": 3), if it asks for more than one."""
    match = _TOP_COUNT.search(normalized)
    if match is None:
        return None
    word = next(w for w in match.groupdict().values() if w)
    count = _EN_COUNTS.get(word) or _ORDINALS.get(word) or (2 if word == "两" else None)
    return None if count is None else TopCount(count, match.group())


# A stated amount lines are compared with: "above CHF 400,000", "less than 200k", "超过40万瑞郎"
# (digit groups are already joined by normalising).
_THRESHOLD = re.compile(
    r"\b(?P<en>above|over|more than|greater than|higher than|exceeding|below|under|less than"
    # (an amount: "above 20%" compares shares)
    r"|lower than|smaller than)\s+(?:chf\s*)?(?P<n>\d+(?:\.\d+)?)(?![\d.]|\s*(?:%|percent))\s*"
    r"(?P<unit>k|thousand|million|m)?\b"
    r"|(?P<zh>超过|高于|大于|多于|低于|少于|小于|不到|不足)\s*(?P<zn>\d+(?:\.\d+)?)(?![\d.]|\s*%)\s*(?P<zunit>万|千)?"
)
_ABOVE = frozenset("above over more greater higher exceeding 超过 高于 大于 多于".split())
_UNITS = {
    "k": 1_000,
    "thousand": 1_000,
    "million": 1_000_000,
    "m": 1_000_000,
    "万": 10_000,
    "千": 1_000,
}


@dataclass(frozen=True)
class Threshold:
    """A stated amount lines are compared with, and the words that state it."""

    side: str  # "above" | "below"
    amount: int
    words: str


def read_threshold(normalized: str) -> Threshold | None:
    """The amount a question compares lines with ("above CHF 400,000", "超过40万"), if any."""
    match = _THRESHOLD.search(normalized)
    if match is None:
        return None
    word = (match["en"] or match["zh"]).split()[0]
    scale = _UNITS.get(match["unit"] or match["zunit"] or "", 1)
    amount = round(float(match["n"] or match["zn"]) * scale)
    side = "above" if word in _ABOVE else "below"
    return Threshold(side, amount, match.group() + " chf 瑞郎 瑞士法郎")


def read_ordinal(normalized: str) -> int | None:
    """The place in a ranking a question asks for (2 for "the second largest"), if any."""
    match = _ORDINAL.search(normalized)
    return None if match is None else _ORDINALS[match["en"] or match["zh"]]


def read_question_form(normalized: str) -> str | None:
    for form, pattern in _FORMS:
        if pattern.search(normalized):
            return form
    return None
