"""Questions of when something was founded, set up or established, and what a record says
was founded: "When was BDT set up?" is not answered by "Capacity development task force set
up in early 2022 under BDT leadership" (the task force was set up, not BDT)."""

from __future__ import annotations

import re

# What a question asks the founding of: "when was the task force set up", "BDT是什么时候
# 成立的", "能力发展任务组哪年设立"
_ASKED_EN = re.compile(
    r"\bwhen (?:was|were|did|has|had) (?P<thing>.+?) (?:first )?"
    r"(?:set up|established|founded|created|formed|get set up)\b"
    r"|\b(?:what year|which year) (?:was|were) (?P<thing_year>.+?) "
    r"(?:set up|established|founded|created|formed)\b"
)
_FOUNDING_ZH = r"(?:成立|设立|建立|创立|组建|创建)"
_ASKED_ZH = re.compile(
    r"(?P<thing>[^，,。？?]{2,30}?)(?:是|是在|于)?(?:什么时候|何时|哪年|哪一年|几时|什么时间)"
    + _FOUNDING_ZH
)
# What a record's title says was founded: in English before the verb ("Capacity development
# task force set up in early 2022"), in Chinese after it ("…设立能力发展任务组")
_FOUNDED_EN = re.compile(r"^(?P<thing>.+?)\s+(?:set up|established|founded|created|formed)\b")
_FOUNDED_ZH = re.compile(_FOUNDING_ZH + r"(?:了)?(?P<thing>[^，,。；;（(]{2,30})")
_THE = re.compile(r"^(?:the|a|an|its|their|itu's|itu)\s+")


def read_founded_asked(normalized: str) -> str | None:
    """What a question asks the founding date of, or None when it asks none."""
    english = _ASKED_EN.search(normalized)
    if english is not None:
        thing = english["thing"] or english["thing_year"]
        return _THE.sub("", thing.strip()) or None
    chinese = _ASKED_ZH.search(normalized)
    if chinese is None:
        return None
    # ("能力发展任务组是谁牵头、什么时候成立的": the task force, before what else is asked)
    return re.split(r"[、，,]|是", chinese["thing"])[0].strip() or None


def read_founded(title: str, text: str = "") -> str | None:
    """What a record's title says was founded, set up or established, else what its text
    says was ("…愿意建立…创新中心"); None when neither says such a thing."""
    english = _FOUNDED_EN.search(title)
    if english is not None:
        return english["thing"]
    chinese = _FOUNDED_ZH.search(title)
    if chinese is not None:
        return chinese["thing"]
    said = _FOUNDED_IN_TEXT_EN.search(text) or _FOUNDED_ZH.search(text)
    return said["thing"] if said is not None else None


# In a text, what was founded: "… set up a task force", "a task force … was set up"
_FOUNDED_IN_TEXT_EN = re.compile(
    r"\b(?:set up|establish(?:ed|ing)?|found(?:ed|ing)|creat(?:ed|ing))\s+(?:a |an |the )?"
    r"(?P<thing>[^,.;]{3,60})"
)


def names_the_founded(asked: str, founded: str) -> bool:
    """Whether what a question asks the founding of is the head of what a record says was
    founded: "能力发展任务组" of "一个包括…代表的能力发展任务组"; not "国际电联" of
    "国际电联培训学院的可行性研究" (the academy, qualified by ITU), nor "BDT" of "Capacity
    development task force"."""
    if re.search(r"[\u4e00-\u9fff]", founded):
        # the founded thing ends a Chinese phrase: after its last 的, unless that part only
        # says what is done about it ("…学院的可行性研究")
        head = founded.split("的可行性")[0].split("的")[-1].strip()
        # (its last characters: 国际电联 is no 学院, though 学院 is 国际电联's)
        return bool(head) and (head.endswith(asked[-2:]) or asked.endswith(head[-2:]))
    head_en = re.split(r"\b(?:of|for|in|to|with|under|at|on|by|from)\b", founded.lower())[0]
    words = head_en.split()
    if not words:
        return False
    last = words[-1].rstrip("s")
    return any(w.rstrip("s") == last for w in re.findall(r"[a-z0-9-]+", asked.lower()))
