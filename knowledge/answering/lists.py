"""Lists: the number of items a question states ("the four main risks", "三项建议") and the
number an answer gives, so that an answer with as many items as asked for is preferred to
one that merely shares words with the question."""

from __future__ import annotations

import re

from knowledge.answering.answer import Answer, AnswerKind
from knowledge.answering.text import is_chinese

_NUMBER_WORDS = {
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "两": 2,
    "二": 2,
    "三": 3,
    "四": 4,
    "五": 5,
    "六": 6,
    "七": 7,
    "八": 8,
    "九": 9,
    "十": 10,
}
# "the four main risks", "three proposals", "4 pillars"; "四项主要风险", "三个主题", "五大".
_STATED = re.compile(
    # not the number of a code ("the OP-23 document has"), nor a verb for the plural noun
    r"(?<![\w\-./])(?P<num>two|three|four|five|six|seven|eight|nine|ten|\d{1,2})\s+"
    r"(?:[a-z-]+\s+){0,2}?(?!(?:has|was|is|does|goes|says|gets|makes|takes|gives|lists"
    # ("four focus areas": "focus", "process", "analysis" end in s and are no plurals)
    r"|includes|contains|shows|sets"
    # ("the first two weeks of February": a length of time, no items)
    r"|(?:days|weeks|months|years|hours|minutes|quarters|decades)\b)\b)(?P<noun>[a-z-]*[a-rt-z-]s)\b(?<![ui]s)"
    # (not an ordinal: "第27次会议", the 27th meeting)
    r"|(?<![\d.第])(?P<znum>[两二三四五六七八九十]|\d{1,2})\s*(?:个|项|大|类|种|条|位|方面|场|次|门|期|届|家|所|份|句)"
)


def read_stated_count(normalized: str) -> int | None:
    """The number of items a question says there are, if it says one."""
    match = _STATED.search(normalized)
    if match is None:
        return None
    word = match["num"] or match["znum"]
    count = int(word) if word.isdigit() else _NUMBER_WORDS.get(word)
    return count if count else None  # ("split among 0 teams": no items said to be there)


def read_stated_noun(normalized: str) -> str | None:
    """The plural noun an English question states a number of ("pillars" in "what are the
    four pillars"), if it states one."""
    match = _STATED.search(normalized)
    return match["noun"] if match is not None and match["noun"] else None


# What a stated number of items belongs to: "the three pillars of cybersecurity", "网络安全的
# 三大支柱" (not "of the total", "of them": a share, or what came before).
_OWNER_AFTER = re.compile(
    r"^\s+of\s+(?:the\s+|its\s+|their\s+)?(?!(?:them|these|those|it|all|which|what)\b)"
    r"(?P<owner>[a-z0-9][\w\-]*(?:\s+(?!(?:that|which|who|in|for|from|under|at|on|by|with"
    r"|to|and|as|is|are|was|were)\b)[\w\-]+){0,3})"
)
_ZH_OWNER_BEFORE = re.compile(r"(?P<owner>[\u4e00-\u9fff]{2,8})的$")


def read_list_owner(normalized: str) -> str | None:
    """What the items a question states a number of belong to, if it says ("cybersecurity" in
    "the three pillars of cybersecurity", 网络安全 in "网络安全的三大支柱")."""
    match = _STATED.search(normalized)
    if match is None:
        return None
    if match["noun"]:
        after = _OWNER_AFTER.match(normalized[match.end() :])
        return after["owner"] if after else None
    before = _ZH_OWNER_BEFORE.search(normalized[: match.start()])
    return before["owner"] if before else None


def list_stated_numbers(normalized: str) -> list[str]:
    """The numbers a question states its items by ("four" in "the four internal priorities"):
    they say how many, not what about."""
    return [m["num"] or m["znum"] for m in _STATED.finditer(normalized)]


# A list written out in a text: after its colon, items parted by semicolons ("will
# prioritize: people and culture; financial management and planning; …"), 、 or ；.
_LIST_START = re.compile(r"[:：]")
_ITEM_SEPARATORS = re.compile(r"\s*(?:[;；、•]|以及)\s*")  # "A、B、C以及D": four


def count_listed(text: str) -> int | None:
    """How many items the list a text writes out has; None when it writes none."""
    start = _LIST_START.search(text)
    if start is None:
        return None
    items = [i for i in _ITEM_SEPARATORS.split(text[start.end() :]) if i.strip(" .。")]
    return len(items) if len(items) >= 2 else None


def count_items(answer: Answer) -> int | None:
    """How many items a structured answer lists; None for answers that are no list."""
    parts = answer.parts
    if answer.kind is AnswerKind.RISK:
        return len(parts["items"])
    if answer.kind is AnswerKind.KPI_LIST:
        return int(parts["count"])
    if answer.kind in (AnswerKind.OUTCOMES, AnswerKind.OUTPUTS):
        return sum(len(g["entries"]) for g in parts["groups"])
    if answer.kind is AnswerKind.EXTREME and answer.parts.get("op") == "rank":
        return len(parts["ranked"])
    if answer.kind is AnswerKind.OVERVIEW:
        return len(parts["items"]) if len(parts["items"]) > 1 else len(parts["items"][0]["themes"])
    return None


def gives_count_asked(normalized: str, answer: Answer) -> bool:
    """Whether the question states a number of items and the answer lists exactly that many."""
    stated = read_stated_count(normalized)
    return stated is not None and count_items(answer) == stated


# A question that asks for the items as well as their number: "how many KPIs and what are
# they", "有几个？分别是什么", "都有哪些", "请举例说明".
_ITEMS_ASKED = re.compile(
    r"\b(?:what|which) are they\b|\bwhich (?:are|ones)\b|\blist them\b|\bname them\b"
    r"|\band (?:what|which)\b|\bfor example\b|\b(?:give|with) (?:some )?examples?\b"
    r"|分别是|都有哪些|都是(?:什么|啥|哪些)|有哪些|是哪些|哪几个|举例|例如|列出|列举"
    # "举一两个例子", "one of them is about NETPs, right?": some of them asked for
    r"|举[^，。？?]{0,4}例子|\bone of them\b"
    r"|列一下|列一列|列出来"  # "一共几个KPI？顺便列一下"
    # their names asked: "give me the names of the 14 institutions selected", "14个ATC的名称"
    r"|\bnames of\b|[\d一二三四五六七八九十两]+\s*[个家所项条][^，。？?]{0,12}的?(?:名称|名字)|名单"
    # "分别衡量什么", "what do they each measure": what each of them is, so each of them
    r"|[分各][别別][^?？。]{0,6}(?:什么|什麼|哪|啥)"
    r"|\bwhat (?:do|does) (?:they|these|those|each(?: one)?)\b"
    # the items named as what is asked, their number asked beside ("what KPIs do we have
    # under E5? how many", "list the KPIs of E5 and how many there are")
    r"|\b(?:what|which) (?:kpis|indicators|outputs|outcomes|themes)\b"
    r"|^(?:(?:can|could|would|will) you )?(?:please )?(?:list|name|enumerate)\b"
    # a request to list them typed after the question: "how many KPIs …? list pls"
    r"|[?.,;]\s*(?:pls |please )?(?:list|enumerate)(?: them| all| each| pls| please)*"
    r"\s*[?.!]*$"
)


def asks_for_items(normalized: str) -> bool:
    """Whether a question wants the items listed, not only counted."""
    return _ITEMS_ASKED.search(normalized) is not None


# A question that asks for every item of a class: "what are the risks", "list the outputs",
# "OP-23有哪些风险".
_LIST_ASKED = re.compile(
    r"^(?:(?:can|could|would|will) you )?(?:please )?(?:list|name|show|enumerate|give me)\b"
    r"|\b(?:what|which) are the\b"
    r"|\b(?:what|which) were the (?:\w+ )?(?:two|three|four|five|six|seven|eight|nine|ten|\d+)\b"
    # "remind me of the three pillars …", "tell me the five core values" (not things that
    # happened: "tell me the eight meetings of the task force")
    r"|\b(?:remind me(?: of)?|tell me|give me|recall) the (?:[a-z]+ )?"
    r"(?:two|three|four|five|six|seven|eight|nine|ten|[2-9])"
    r"\s+(?!(?:meetings?|sessions?|times|days|weeks|months|years|visits|events|workshops)\b)"
    # a number of things asked by their name alone ("remind me the 3 pillars from …", its
    # request set aside as filler): that many, written out (not a year: "the 2023 budget")
    r"|^(?:of |about )?the (?:[a-z]+ )?(?:two|three|four|five|six|seven|eight|nine|ten|[2-9]|1\d)"
    r"(?!\d)\s*"
    # (not things that happened: "the 8 meetings of the task force" asks no list of them)
    r"(?!(?:meetings?|sessions?|times|days|weeks|months|years|visits|events|workshops)\b)"
    r"[a-z]+ (?:from|of|in|under|for)\b"
    r"|有哪些|是哪些|哪几|列出|列举"
    # a number of the things of something asked what they are: "愿景的三大支柱是什么",
    # "OP-23的四个风险是啥" (not a set phrase alone, "三个代表是什么"; nor 十三个…)
    r"|的\s*(?:[三四五六七八九十]|[3-9])\s*(?:大|个|项|条|点|类|种)[^，。？?\s的]{1,6}"
    r"(?:是|指)(?:什么|啥|咩|乜)"
)


def asks_for_list(normalized: str) -> bool:
    """Whether a question asks for the items of a class listed."""
    return _LIST_ASKED.search(normalized) is not None


def gives_stated_count(
    stated: int, texts: list[str], *, enumerated: bool = False, noun: str | None = None
) -> bool:
    """Whether a record's texts give as many items as a question states: a list of that many,
    or the number itself, in words or figures ("three pillars", "三个支柱", "3 pillars").
    With `enumerated` (the question asks for the items: "what are the three pillars") the
    items must be written out, not only their number."""
    if any(count_listed(text) == stated and _leads_with(text, noun) for text in texts):
        return True
    if any(enumerates(stated, text, noun) for text in texts):
        return True  # that many written out
    if enumerated:
        return False
    names = [str(stated), *(w for w, n in _NUMBER_WORDS.items() if n == stated)]
    for text in texts:
        lowered = text.lower()
        for name in names:
            if name.isascii() and re.search(rf"(?<![\w.]){name}(?![\w.])", lowered):
                return True
            if not name.isascii() and name in lowered:
                return True
    return False


_ZH_ORDINALS = "一二三四五六七八九十"


# Nouns that say only that there are items ("the four areas", "4 things"): any list will do.
_GENERIC_NOUNS = frozenset(
    "areas things items points elements aspects components parts ways topics ones kinds types "
    "categories steps measures actions priorities issues matters strands pieces dimensions "
    "facets".split()
)


def _lead(text: str, at: int) -> str:
    """The words before a point in a text: where the noun of a list that starts there is."""
    return text[max(0, at - 40) : at].lower()


def _specific(noun: str | None) -> str | None:
    """The stem of a counted noun that says what the items are ("pillar"); None for a
    generic one ("the four areas") or none."""
    return noun.rstrip("s")[:5] if noun and noun not in _GENERIC_NOUNS else None


def _leads_with(text: str, noun: str | None) -> bool:
    """Whether the list after a text's first colon follows the noun counted (an English noun:
    a Chinese text is checked in its English one)."""
    start = _LIST_START.search(text)
    stem = _specific(noun)
    if stem is None or start is None:
        return True
    if is_chinese(text):
        return False
    # an English text written with other than ASCII ("–") is not held to it, as before
    return not text.isascii() or stem in _lead(text, start.start())


def enumerates(stated: int, text: str, noun: str | None = None) -> bool:
    """Whether a text writes out `stated` items: numbered ("Pillar 1: … Pillar 2: …",
    "Objective 1 – … Objective 2 – …",
    "(1) … (2) …", "第一…第二…", "一是…二是…"), or named in a run after the number and a colon
    ("three pillars: thought leadership, partnerships and excellence"; with `noun`, an English
    run must follow that noun: "four parts: …" lists no pillars; a Chinese text is checked in
    its English one)."""
    stem = _specific(noun)
    if not 1 <= stated <= len(_ZH_ORDINALS) or (stem is not None and is_chinese(text)):
        return False
    found = [
        re.search(rf"(?<![\d.]){k}\s*(?:[:)）]|\.\s|\s[–—-]\s)|[(（]{k}[)）]", text)
        for k in range(1, stated + 1)
    ]
    first = found[0]
    # numbered items of the noun counted ("three pillars: Pillar 1: …"), not of another
    # ("the three sectors" are no "Pillar 1/2/3")
    numbered = all(found) and (
        stem is None or first is None or stem in _lead(text, first.start() + 1)
    )
    ordinals = _ZH_ORDINALS[:stated]
    chinese = all(f"第{c}" in text or f"{c}是" in text or f"（{c}）" in text for c in ordinals)
    if numbered or chinese:
        return True
    for match in re.finditer(r"[:：]", text):
        if stem is not None and text.isascii() and stem not in _lead(text, match.start()):
            continue  # "four parts: …" lists no four pillars
        if re.search(r"\d\s*$", text[: match.start()]):
            continue  # "Pillar 2: …" labels one item, it starts no list
        run = re.split(r"[.。;；]", text[match.end() :], maxsplit=1)[0]
        if len(_run_items(run)) == stated:
            return True
    # ... or in brackets after the number counted: "the country teams of 8 countries (Albania,
    # Bosnia and Herzegovina, …, Serbia and Ukraine)" (a name may hold an "and" of its own)
    for match in _COUNTED_BRACKET.finditer(text):
        if int(match["n"]) == stated and len(_run_items(match["run"])) == stated:
            return True
    # Names in a run inside a sentence: "to Bahrain, Brunei Darussalam, Oman and Zimbabwe",
    # "向巴林、文莱达鲁萨兰国、阿曼和津巴布韦"; where the text names the noun counted, only a run
    # after it ("the three pillars: … Member States, Sector Members, Associates and Academia":
    # no four pillars)
    return any(
        len(re.split(r", (?:and )?| and ", m.group())) == stated
        and (stem is None or stem not in text.lower() or stem in _lead(text, m.start()))
        for m in _NAMES_RUN.finditer(text)
    ) or any(len(re.split(r"、|和|及", m.group())) == stated for m in _ZH_NAMES_RUN.finditer(text))


def list_runs(text: str) -> list[tuple[int, int, list[str]]]:
    """The runs of names a text writes out, each with where it starts and ends and its items:
    after a colon, to the end of the sentence ("prioritize: people and culture; financial
    management and planning; systems, processes and tools; and oversight …", "优先考虑：人与
    文化；财务管理和规划；…": parted by semicolons where it has them), in brackets and inside a
    sentence ("to Bahrain, Brunei Darussalam, Oman and Zimbabwe", "在利比亚、索马里和苏丹");
    a run after "including" (包括) names only some, and runs of two items or fewer are left
    out."""
    chinese = is_chinese(text)
    runs: list[tuple[int, int, list[str]]] = []
    for match in re.finditer(r"[:(：（]", text):
        rest = text[match.end() :]
        if match.group() in "(（":
            closing = re.search(r"[)）]", rest)
            run = rest[: closing.start()] if closing else ""
        elif chinese:
            run = re.split(r"。", rest, maxsplit=1)[0]
        else:
            run = re.split(r"\.(?:\s|$)" if "; " in rest else r"[.;](?:\s|$)", rest, maxsplit=1)[0]
        span = (match.start(), match.end() + len(run))
        if re.match(r"\s*(?:including|such as|e\.g\.|包括|例如|如)", run):
            runs.append((*span, []))  # (some of them, not all: "(including Georgia, …)")
            continue
        run = re.sub(r"^\s*namely\s+", "", run.strip())
        if ";" in run or "；" in run:
            items = [
                re.sub(r"^(?:and|or|以及|和|及)\s*", "", i.strip()) for i in re.split("[;；]", run)
            ]
            items = [i for i in items if i]
            if all(len(i.split()) <= LIST_ITEM_MAX_WORDS for i in items):
                runs.append((*span, items))
            continue
        runs.append((*span, _run_items(run)))
    names = _ZH_NAMES_RUN if chinese else _NAMES_RUN
    for match in names.finditer(text):
        if not any(start <= match.start() < end for start, end, _ in runs):
            items = re.split(r"、|和|及" if chinese else r", (?:and )?| and ", match.group())
            runs.append((match.start(), match.end(), items))
    return [run for run in runs if len(run[2]) >= 3]


_COUNTED_BRACKET = re.compile(
    r"(?<![\d.])(?P<n>\d{1,2})\s+[a-z][a-z ]{0,30}\((?P<run>[^()]{3,400})\)"
)
# The most words an item of a list written in a run has ("small and medium-sized enterprise
# (SME) growth": six).
LIST_ITEM_MAX_WORDS = 8


_LAST_JOIN = re.compile(r"\s+(?:and|or)\s+(?!.*\s(?:and|or)\s)")  # the last "and"/"or"


def _run_items(run: str) -> list[str]:
    """The items of a run written after a colon: in English split at commas, the last piece
    at its last "and"/"or" unless a comma came before it ("…, small and medium-sized
    enterprise (SME) growth, and entrepreneurship and policy experimentation": four); in
    Chinese at 、，和 and 及."""
    if "?" in run or "？" in run:  # "three questions: … by 2030? Where are we now? How …?"
        return [q for q in re.split(r"[?？]", run) if q.strip()]
    if is_chinese(run):
        return [i for i in re.split(r",|，|、|和|及|以及", run) if i.strip()]
    pieces = [p.strip() for p in run.split(",") if p.strip()]
    if not pieces:
        return []
    last = pieces.pop()
    oxford = re.match(r"(?:and|or)\s+(.*)", last)
    if oxford is not None and pieces:
        items = [*pieces, oxford[1]]
    else:
        items = [*pieces, *(p for p in _LAST_JOIN.split(last) if p)]
    # items of a list are names, not clauses ("ITU and the European Commission signed an
    # agreement on a new project, 'Laying the foundations …'" lists nothing)
    return items if all(len(i.split()) <= LIST_ITEM_MAX_WORDS for i in items) else []


_NAME = r"[A-Z][\w'\-]*(?: (?:of |and the |the )?[A-Z][\w'\-]*)*"
_NAMES_RUN = re.compile(rf"{_NAME}(?:, {_NAME})+,? and {_NAME}")
_ZH_ITEM = r"(?:(?![和及与的])[\u4e00-\u9fff]){2,8}"
_ZH_NAMES_RUN = re.compile(rf"{_ZH_ITEM}(?:、{_ZH_ITEM})+(?:和|及){_ZH_ITEM}")


# Several things asked for by a plural "which"/"what", or 哪些: "which countries", "what new
# projects did …" (not "what does …", "which is …").
_SEVERAL_ASKED = re.compile(
    r"\b(?:which|what) (?:(?:new|other|main|specific|exact) )?(?!(?:does|was|is|has|this|its"
    r"|his|kpis|us|yes|plus|focus|status|business|process|progress|access|success|address"
    r"|less|bus|gas|dates|days|months|years|weeks|hours|times|levels|grades)\b)[a-z]{3,}s\b"
    r"|哪些|哪几"
)


def asks_for_several(normalized: str) -> bool:
    """Whether a question asks for several things of a kind, each perhaps in a record of its
    own."""
    return _SEVERAL_ASKED.search(normalized) is not None or asks_for_list(normalized)
