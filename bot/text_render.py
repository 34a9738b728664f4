"""Plain-text rendering of answers and messages, per language (the templates of `text/`)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from bot.rendering import SourceApart, get_template, render_template, squeeze_blank_lines
from knowledge.answering import Answer, AnswerKind, to_script

LANGS = ("en", "zh")
# The question whose answer says what can be asked, per language.
HELP_QUESTION = {"en": "help", "zh": "帮助"}
# The message shape (`text/<lang>/<template>.j2`) of each kind of answer; kinds not named
# here have a template of their own name.
_SHARED_TEMPLATES = {AnswerKind.OUTCOMES: "results", AnswerKind.OUTPUTS: "results"}


def to_template_name(kind: AnswerKind) -> str:
    """The template an answer of this kind is rendered with."""
    return _SHARED_TEMPLATES.get(kind, kind.value)


@dataclass(frozen=True)
class AnswerText:
    """An answer's text with its closing source line set apart (a chat platform shows it on
    its own); `source` is "" when the answer has none, or text follows it."""

    body: str
    source: str


def render_text(name: str, lang: str, **parts: Any) -> str:
    """Render the plain-text template `text/<lang>/<name>.j2`."""
    return render_template("text", name, lang, **parts)


def _answer_parts(answer: Answer) -> dict[str, Any]:
    parts = {"sources": answer.sources, "suggestions": answer.suggestions, **answer.parts}
    if answer.kind is AnswerKind.MULTI:  # each question's answer as it reads alone
        parts["texts"] = [render_answer_text(one) for one in answer.parts["answers"]]
    return parts


def _to_context_label(answer: Answer, text: str) -> str:
    """The line a follow-up's answer opens with to name the subjects it took from the
    conversation; "" when it took none, or when `text` (its answer) already opens with
    that label (a budget or share answer names its subject first)."""
    subjects = answer.parts.get("context_subject")
    if not subjects:
        return ""
    label = render_text("context_subject", answer.lang, subjects=subjects)
    return "" if text.lstrip().startswith(label) else label


def _with_context_subject(answer: Answer, text: str) -> str:
    """A follow-up's answer opens with the subject it took from the conversation."""
    label = _to_context_label(answer, text)
    return f"{label}\n{text}" if label else text


def to_asked_question(answer: Answer, question: str) -> str:
    """The question a button under `answer` asks again: a follow-up written out as the
    question it stood for (it needs no context then), else `question`."""
    asked = answer.parts.get("context_question")
    return asked if isinstance(asked, str) and asked else question


def count_context_lines(answer: Answer) -> int:
    """Lines a follow-up's answer shows above what its written-out question is answered
    with (the subjects it took, unless its answer names them first): "show the rest" counts
    from after them."""
    if not answer.parts.get("context_subject"):
        return 0
    text = render_text(to_template_name(answer.kind), answer.lang, **_answer_parts(answer))
    return 1 if _to_context_label(answer, text) else 0


def render_answer_text(answer: Answer) -> str:
    """An answer as plain text, in its language and script (traditional characters for a
    question asked in them)."""
    text = render_text(to_template_name(answer.kind), answer.lang, **_answer_parts(answer))
    return to_script(_with_context_subject(answer, text), answer.script)


def render_answer_parts(answer: Answer) -> AnswerText:
    """An answer as `render_answer_text` renders it, but with the source line that closes it
    rendered apart rather than as its last line."""
    apart = SourceApart()
    template = get_template("text", to_template_name(answer.kind), answer.lang)
    text = template.render(lang=answer.lang, source_apart=apart, **_answer_parts(answer))
    body = to_script(_with_context_subject(answer, squeeze_blank_lines(text)), answer.script)
    return AnswerText(body=body, source=to_script(apart.line, answer.script))


def to_lang(locale: object) -> str:
    """The answer language for a chat platform's locale such as "zh-CN"; English otherwise."""
    return "zh" if isinstance(locale, str) and locale.lower().startswith("zh") else "en"
