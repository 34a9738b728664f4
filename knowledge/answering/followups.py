"""Follow-up questions: what the previous turn leaves as context, and a question read in it.

A follow-up ("and P2?", "its KPIs?", "in 2024?", "那P4呢", "中文呢？") leaves out what the
conversation already said. `answer_in_context` finds out whether a turn is one, writes out
the question it stands for ("What is the budget of P2?") and answers that with the engine;
any other question is answered exactly as the engine answers it alone. Only a turn that is
short or points back ("its", "that", "它", "那") and lacks what the context holds is read as a
follow-up: a question that names its own subject and what it asks stands on its own.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from typing import Any

from knowledge.answering.answer import Answer, AnswerKind
from knowledge.answering.engine import AnswerEngine
from knowledge.answering.figures import Subject, to_subject
from knowledge.answering.filler import strip_filler
from knowledge.answering.text import (
    HANS,
    HANT,
    detect_lang,
    detect_script,
    is_chinese,
    normalize,
    to_script,
)
from knowledge.answering.understanding import Question

# What a follow-up may ask of the subject before, and the concepts that say it, first first.
ASPECTS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("risk", ("risk", "mitigation")),
    ("kpi", ("kpi",)),
    ("outputs", ("output",)),
    ("outcomes", ("outcome",)),
    ("share", ("share",)),
    ("budget", ("budget",)),
)
# Concepts that make a short question one about everything, not about the subject before
# ("how many KPIs in total", "which priority has the largest budget").
_OVER_A_CLASS = ("whole", "count", "max", "min", "rank", "class_priority", "class_enabler")
_COMBINED = ("difference", "sum")
# What a context may say was asked: an aspect, an overview, or a computation over subjects.
_CONTEXT_ASPECTS = frozenset({*(a for a, _ in ASPECTS), "overview", *_COMBINED})

# Declines that are about a subject: what the store holds about it, "did you mean" one.
_SUBJECT_DECLINES = frozenset({AnswerKind.CANNOT_ANSWER, AnswerKind.DID_YOU_MEAN})

# A follow-up is short: at most this many words (English) or characters (Chinese).
MAX_FOLLOWUP_WORDS = 7
MAX_FOLLOWUP_CHARS = 12
# What a context keeps, at most (the store keeps it as JSON).
MAX_CODES = 4
MAX_CANDIDATES = 6
MAX_KEPT_QUESTION = 500

# Words that point back to the subject or figure before.
_ANAPHOR_EN = re.compile(r"\b(?:its|it|that|this|those|these|them|their|same)\b")
_ANAPHOR_ZH = re.compile(r"它|其|那|这|该|同")
# Words that start a follow-up: "and P2?", "what about …", "how about …", "那P4呢".
_OPENER_EN = re.compile(r"^(?:and|what about|how about|and what about|same for|now)\b")
_OPENER_ZH = re.compile(r"^(?:那|那么|还有|再看看?)|呢[?？]?$")
_OPENS_EN = re.compile(r"^(?:and|what about|how about|and what about|same for|now)\b")
_OPENS_ZH = re.compile(r"^(?:那|那么|还有|再看看?)")
# Words that make a turn a whole question ("What is P2?", "Tell me about P2", "介绍一下P2",
# "P2是什么？"): naming its subject, it asks what it says and needs no question before it.
_ASKS_EN = re.compile(
    r"\b(?:what|who|which|how|why|where|when|tell|describe|explain|show|give|list|define"
    r"|summari[sz]e|overview)\b"
)
_ASKS_ZH = re.compile(
    r"什么|啥|介绍|讲讲|说说|告诉|解释|描述|概况|概述|简介|哪|谁|为什么|怎么|如何"
)
# "the other one", "the second", "另一个": after an answer that found several candidates.
_OTHER = re.compile(
    r"^(?:and |what about |how about )?(?:the )?(?:other|second|next)(?: one)?\W*$"
    r"|^(?:那)?(?:另一个|另外一个|另一项|第二个)(?:呢)?\W*$"
)
# A language switch, with nothing else asked.
_TO_ZH = re.compile(
    r"^(?:(?:and |now |please )?(?:in|into) chinese(?: please)?|chinese(?: please)?)\W*$"
    r"|^(?:请|請)?(?:用)?(?:中文|汉语|简体中文|繁体中文|繁體中文)(?:呢|回答|说|說|版)?\W*$"
)
_TO_EN = re.compile(
    r"^(?:(?:and |now |please )?(?:in|into) english(?: please)?|english(?: please)?)\W*$"
    r"|^(?:请|請)?(?:用)?(?:英文|英语)(?:呢|回答|说|說|版)?\W*$"
)
_TRADITIONAL = re.compile(r"繁体|繁體")


@dataclass(frozen=True)
class TurnContext:
    """What a conversation's last answered turn leaves for the next one: the subjects it was
    about, what it asked of them (`aspect`, one of ASPECTS), the year, its language and
    script, the candidates an ambiguous answer chose among, and the question answered (its
    written-out form: what a language switch asks again)."""

    codes: tuple[str, ...] = ()
    aspect: str = ""
    year: int | None = None
    lang: str = "en"
    script: str = ""
    candidates: tuple[str, ...] = ()
    question: str = ""

    def to_dict(self) -> dict[str, Any]:
        return {
            "codes": list(self.codes),
            "aspect": self.aspect,
            "year": self.year,
            "lang": self.lang,
            "script": self.script,
            "candidates": list(self.candidates),
            "question": self.question,
        }

    @classmethod
    def from_dict(cls, value: Any) -> TurnContext | None:
        """The context a `to_dict` value holds; None for anything else."""
        if not isinstance(value, dict):
            return None
        codes, candidates = value.get("codes", []), value.get("candidates", [])
        year = value.get("year")
        texts = [value.get(k, "") for k in ("aspect", "lang", "script", "question")]
        if (
            not isinstance(codes, list)
            or not isinstance(candidates, list)
            or not all(isinstance(c, str) for c in [*codes, *candidates])
            or not (year is None or (isinstance(year, int) and not isinstance(year, bool)))
            or not all(isinstance(t, str) for t in texts)
        ):
            return None
        aspect, lang, script, question = texts
        return cls(
            codes=tuple(codes[:MAX_CODES]),
            aspect=aspect if aspect in _CONTEXT_ASPECTS else "",
            year=year,
            lang="zh" if lang == "zh" else "en",
            script=script,
            candidates=tuple(candidates[:MAX_CANDIDATES]),
            question=question[:MAX_KEPT_QUESTION],
        )


@dataclass(frozen=True)
class _Rewrite:
    """A follow-up written out as the question it stands for."""

    question: str
    codes: tuple[str, ...]
    lang: str
    script: str
    said: tuple[str, ...] = field(default_factory=tuple)  # the subjects the answer names


def answer_in_context(
    engine: AnswerEngine, question: str, context: TurnContext | None
) -> tuple[Answer, TurnContext]:
    """The answer to `question` asked after `context` (None: the first turn), and the
    context it leaves. A turn that is no follow-up is answered as `engine.answer` answers
    it; a follow-up's answer names the subjects it took from the context
    (`parts["context_subject"]`)."""
    rewrite = _to_rewrite(engine, question, context) if context is not None else None
    if rewrite is None and context is not None and context.question and not context.codes:
        # "非洲区域网络演练是什么时候举行的？" then "大概多少人参加了？": a turn that names
        # nothing of its own is asked as the second question of one message with the one
        # before (of its record or its topic; never another record found alone)
        answer = _asked_after(engine, question, context.question)
        if answer is not None:
            return answer, _to_context(engine, question, answer)
    if rewrite is None:
        answer = engine.answer(question)
        return answer, _to_context(engine, question, answer)
    answer = engine.answer(rewrite.question)
    if answer.lang != rewrite.lang:
        # A language switch: the question the context holds, answered in the other language
        # (the records hold both; its suggestions are in the first one).
        answer.lang, answer.suggestions = rewrite.lang, []
    answer.script = rewrite.script
    answer.suggestions = [to_script(s, rewrite.script) for s in answer.suggestions]
    subjects = [s for s in (to_subject(engine.knowledge, c) for c in rewrite.said) if s]
    if subjects:
        answer.parts = {**answer.parts, "context_subject": subjects}
    if detect_lang(rewrite.question) == answer.lang:
        # What a button under the answer asks again (a vote, "show the rest"): the turn
        # written out, which needs no context.
        answer.parts = {**answer.parts, "context_question": rewrite.question}
    new = _to_context(engine, rewrite.question, answer)
    return answer, replace(new, lang=rewrite.lang, script=rewrite.script)


def _asked_after(engine: AnswerEngine, question: str, before: str) -> Answer | None:
    """The answer to a turn that names nothing of its own (a Chinese question with no
    subject written, "and how many countries?", "how many came?"), asked with the question
    before it as one message; None for a turn that names something."""
    text = " ".join(question.split())
    if not is_short(text) or not engine.names_nothing_of_its_own(text):
        return None
    joined = before.rstrip()
    if not re.search(r"[?？]$", joined):
        joined += "？" if is_chinese(joined) else "?"
    answer = engine.answer(f"{joined} {text}")
    if answer.kind is AnswerKind.MULTI:
        last: Answer = answer.parts["answers"][-1]
        return last
    return answer


def _to_context(engine: AnswerEngine, question: str, answer: Answer) -> TurnContext:
    """What this turn leaves for the next one: only its language when the answer was about
    no subject (a decline, an unknown code)."""
    # A figure for a year not held ("no figures for 2024; those for 2023: …") is declined,
    # but it is about its subject: the next turn may ask of it again.
    if answer.kind is AnswerKind.MULTI:
        # several questions: the next turn follows on from the last one answered
        pairs = list(zip(answer.parts["questions"], answer.parts["answers"], strict=True))
        asked, last = next(((q, a) for q, a in reversed(pairs) if a.answered), pairs[-1])
        return _to_context(engine, asked, last)
    about_subject = answer.kind in _SUBJECT_DECLINES or bool(
        answer.parts.get("missing_year") or answer.parts.get("missing_kind")
    )
    if not answer.answered and not about_subject:
        return TurnContext(lang=answer.lang, script=answer.script)
    q = _read(engine, question)
    codes = tuple(t.code for t in q.targets if not t.ambiguous)[:MAX_CODES]
    candidates = tuple(t.code for t in q.targets if t.ambiguous)
    if answer.kind is AnswerKind.DID_YOU_MEAN:
        candidates = tuple(_codes_in(engine, answer.suggestions))
    if candidates and not codes:
        codes = candidates[:1]  # an ambiguous answer shows its first candidate first
    aspect = _aspect(q) or ("overview" if codes else "")
    if len(codes) > 1 and q.reading.has(*_COMBINED):
        aspect = "difference" if q.reading.has("difference") else "sum"
    return TurnContext(
        codes=codes,
        aspect=aspect,
        year=q.reading.year,
        lang=answer.lang,
        script=answer.script,
        candidates=candidates[:MAX_CANDIDATES],
        question=question[:MAX_KEPT_QUESTION] if answer.answered else "",
    )


def _codes_in(engine: AnswerEngine, labels: list[str]) -> list[str]:
    """The subject codes that open suggestion labels ("P2-DIE Digital innovation …")."""
    found = []
    for label in labels:
        code = label.split(" ", 1)[0]
        if to_subject(engine.knowledge, code) is not None:
            found.append(code)
    return found


def _read(engine: AnswerEngine, question: str) -> Question:
    text = " ".join(question.split())
    return engine.reader.read(strip_filler(text), detect_lang(text))


def _aspect(q: Question) -> str:
    for aspect, concepts in ASPECTS:
        if q.reading.has(*concepts):
            return aspect
    return ""


def is_short(text: str) -> bool:
    """A question short enough to leave things out: a few words, or a few characters."""
    if is_chinese(text):
        return len(re.sub(r"[\s\W]", "", text)) <= MAX_FOLLOWUP_CHARS
    return len(text.split()) <= MAX_FOLLOWUP_WORDS


def is_whole_question(normalized: str) -> bool:
    """Whether a turn naming a subject but no aspect asks a question of its own ("What is
    P2?", "Tell me about P2", "介绍一下P2", "P2是什么？") rather than the one before again
    ("and P2?", "P2?", "那P4呢"): a question word or verb, and no opening "and"/"那"."""
    if _OPENS_EN.search(normalized) or _OPENS_ZH.search(normalized):
        return False
    return bool(_ASKS_EN.search(normalized) or _ASKS_ZH.search(normalized))


def has_anaphor(normalized: str) -> bool:
    """Whether the question points back ("its", "that", "它", "那")."""
    return bool(_ANAPHOR_EN.search(normalized) or _ANAPHOR_ZH.search(normalized))


def _to_rewrite(engine: AnswerEngine, question: str, context: TurnContext) -> _Rewrite | None:
    """The question a follow-up stands for; None when the turn stands on its own."""
    text = " ".join(question.split())
    if not text or not is_short(text):
        return None
    normalized = normalize(text)
    lang, script = detect_lang(text), detect_script(text)
    if script == HANS and context.script == HANT and to_script(text, HANT) == text:
        script = HANT  # "那P4呢" is written alike in both scripts: the conversation's
    switch = _to_switch(normalized, text)
    if switch is not None:
        return _switch(context, *switch)
    if _OTHER.search(normalized):
        others = [c for c in context.candidates if c not in context.codes]
        if not others or not context.aspect:
            return None
        return _written((others[0],), context.aspect, context.year, lang, script, True)
    q = _read(engine, text)
    named = q.reading.codes + q.reading.theme_codes
    if q.reading.kpi_codes or (named and len(named) != len(q.targets)):
        return None  # a KPI, or a code the store does not know: said so, as alone
    new_codes = tuple(t.code for t in q.targets if not t.ambiguous)
    aspect = _aspect(q)
    year = q.reading.year or context.year
    pointing = has_anaphor(normalized)
    opener = bool(_OPENER_EN.search(normalized) or _OPENER_ZH.search(normalized))
    if q.reading.has(*_OVER_A_CLASS) or (q.content and not q.targets):
        return None  # about everything, or about something the context does not name
    if not context.codes:
        return None
    if q.reading.has(*_COMBINED) and len(new_codes) == 1 and (pointing or opener or not q.content):
        # "how much more is that than P1?", "比P1多多少？": one subject named where a
        # computation needs two, the other is the one before
        codes = tuple(dict.fromkeys([*context.codes, *new_codes]))
        if len(codes) < 2:
            return None
        op = "difference" if q.reading.has("difference") else "sum"
        return _written(codes, op, year, lang, script, True)
    if new_codes and not aspect and not q.reading.has(*_COMBINED):
        # "and P2?", "那P4呢", "what about Digital inclusion?": the same question, a new subject
        if not (opener or q.explained >= 1.0) or context.aspect == "overview":
            return None
        if is_whole_question(normalized):
            return None  # "What is P2?", "Tell me about P2": asked on its own
        return _written(new_codes, context.aspect, year, lang, script, True)
    if aspect and not new_codes and not q.targets and (pointing or not q.content):
        # "its KPIs?", "risks?", "what share is that?": the same subject, a new aspect
        return _written(context.codes, aspect, year, lang, script, True)
    if q.reading.year and not new_codes and not aspect and not q.content:
        # "in 2024?": the same question, another year
        if context.aspect == "overview":
            return None
        return _written(context.codes, context.aspect, year, lang, script, True)
    return None


def _to_switch(normalized: str, text: str) -> tuple[str, str] | None:
    """(language, script) a turn asks the last answer again in; None when it asks no such."""
    if _TO_ZH.search(normalized):
        return "zh", HANT if _TRADITIONAL.search(text) or detect_script(text) == HANT else HANS
    if _TO_EN.search(normalized):
        return "en", ""
    return None


def _switch(context: TurnContext, lang: str, script: str) -> _Rewrite | None:
    """The last answer asked again, in another language."""
    if context.codes and context.aspect:
        return _written(context.codes, context.aspect, context.year, lang, script, False)
    if not context.question:
        return None
    return _Rewrite(context.question, context.codes, lang, script)


def _written(
    codes: tuple[str, ...],
    aspect: str,
    year: int | None,
    lang: str,
    script: str,
    said: bool,
) -> _Rewrite | None:
    """The question for `aspect` of `codes`, written in `lang`; `said`: the answer opens
    with the subjects it was taken to be about."""
    writer = _QUESTIONS_ZH if lang == "zh" else _QUESTIONS_EN
    form = writer.get(aspect)
    if form is None:
        return None
    joined = ("和" if lang == "zh" else " and ").join(codes)
    when = "" if not year else f"{year}年" if lang == "zh" else f"{year} "
    question = form.format(codes=joined, year=when)
    taken = codes if said else ()
    return _Rewrite(question, codes, lang, script, taken)


# The questions a follow-up stands for, per aspect (input to the engine, never shown).
_QUESTIONS_EN = {
    "budget": "What is the {year}budget of {codes}?",
    "share": "What share of the {year}total budget is {codes}?",
    "kpi": "What are the KPIs of {codes}?",
    "risk": "What are the risks of {codes}?",
    "outcomes": "What are the outcomes of {codes}?",
    "outputs": "What are the outputs of {codes}?",
    "overview": "Tell me about {codes}",
    "difference": "What is the difference between the {year}budgets of {codes}?",
    "sum": "What is the {year}budget of {codes} combined?",
}
_QUESTIONS_ZH = {
    "budget": "{codes} {year}的预算是多少？",
    "share": "{codes} {year}的预算占总预算的比例是多少？",
    "kpi": "{codes}的关键绩效指标有哪些？",
    "risk": "{codes}有哪些风险？",
    "outcomes": "{codes}的预期成果有哪些？",
    "outputs": "{codes}的输出成果有哪些？",
    "overview": "介绍一下{codes}",
    "difference": "{codes} {year}的预算相差多少？",
    "sum": "{codes} {year}的预算加起来是多少？",
}


def to_context_subject_label(subject: Subject, lang: str) -> str:
    """ "P2 – Digital transformation": how an answer names a subject taken from context."""
    code = subject.code if subject.kind == "theme" else subject.label
    return f"{code} – {subject.name_zh if lang == 'zh' else subject.name_en}"


def is_follow_up(answer: Answer) -> bool:
    """Whether the answer was to a follow-up that took its subject from context."""
    return "context_subject" in answer.parts


__all__ = [
    "TurnContext",
    "answer_in_context",
    "has_anaphor",
    "is_follow_up",
    "is_short",
    "to_context_subject_label",
]
