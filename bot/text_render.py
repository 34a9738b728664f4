"""Plain-text rendering of answers and messages from the Jinja2 templates, per language."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from jinja2 import Environment, PackageLoader, StrictUndefined, pass_context
from jinja2.runtime import Context

from knowledge.answering import Answer, SourceRef, to_script
from knowledge.store import ADMIN_DOC

LANGS = ("en", "zh")
# The question whose answer says what can be asked, per language.
HELP_QUESTION = {"en": "help", "zh": "帮助"}

_environment = Environment(
    loader=PackageLoader("bot", "templates"),
    undefined=StrictUndefined,
    trim_blocks=True,
    lstrip_blocks=True,
    keep_trailing_newline=False,
    autoescape=False,  # plain text; each chat adapter escapes for its own markup
)


def to_grouped_number(value: int | Decimal) -> str:
    return f"{value:,}"


def to_percentage_text(value: Decimal | int | float) -> str:
    return f"{value}%"


@pass_context
def _chf(context: Context, value: int) -> str:
    number = to_grouped_number(value)
    return f"{number} 瑞郎" if context["lang"] == "zh" else f"CHF {number}"


@pass_context
def _subject_name(context: Context, subject: Any) -> str:
    zh = context["lang"] == "zh"
    name = subject.name_zh if zh else subject.name_en
    if subject.kind == "total":
        return "OP-23总预算" if zh else "the OP-23 total budget"
    if subject.kind == "theme":
        return f"{name}（{subject.label}）" if zh else f"{name} ({subject.label})"
    return f"{subject.label} – {name}"


@pass_context
def _sources_line(context: Context, sources: list[SourceRef]) -> str:
    zh = context["lang"] == "zh"
    by_doc: dict[str, list[SourceRef]] = {}
    for source in sources:
        by_doc.setdefault(source.doc, []).append(source)
    chunks = []
    for doc, refs in by_doc.items():
        title = (refs[0].title_zh if zh else refs[0].title_en) or doc
        if refs[0].is_admin_change or doc == ADMIN_DOC:
            # An admin's edit is cited by its change ("change #12"), not by a section.
            changes = [r.section.replace("change", "更改") if zh else r.section for r in refs]
            chunks.append(
                f"{title}（{doc}），{'；'.join(changes)}"
                if zh
                else f"{title} ({doc}), {'; '.join(changes)}"
            )
            continue
        sections = "；".join(r.section for r in refs) if zh else "; ".join(r.section for r in refs)
        chunks.append(
            f"{title}（{doc}），第{sections}节" if zh else f"{title} ({doc}), section {sections}"
        )
    return ("来源：" + "；".join(chunks)) if zh else ("Source: " + "; ".join(chunks))


_environment.filters.update(
    num=to_grouped_number, pct=to_percentage_text, chf=_chf, name=_subject_name
)
_environment.globals.update(sources_line=_sources_line)
_sources_line_template = _environment.from_string("{{ sources_line(sources) }}")


def render_template(folder: str, name: str, lang: str, script: str = "", **parts: Any) -> str:
    """Render `<folder>/<lang>/<name>.j2`; blank lines beyond one are squeezed out.

    `script` is an answer's (`Answer.script`): Chinese templates are written in simplified
    characters and come out in traditional ones for a question asked in them.
    """
    template = _environment.get_template(f"{folder}/{lang}/{name}.j2")
    text = to_script(template.render(lang=lang, **parts), script)
    lines = [line.rstrip() for line in text.strip().splitlines()]
    squeezed: list[str] = []
    for line in lines:
        if line or (squeezed and squeezed[-1]):
            squeezed.append(line)
    return "\n".join(squeezed)


def render_text(name: str, lang: str, **parts: Any) -> str:
    """Render the plain-text template `text/<lang>/<name>.j2`."""
    return render_template("text", name, lang, **parts)


def render_sources_line(sources: list[SourceRef], lang: str, script: str = "") -> str:
    """The "Source: ..." line that closes an answer, on its own."""
    return to_script(_sources_line_template.render(lang=lang, sources=sources), script)


def render_answer_text(answer: Answer) -> str:
    """An answer as plain text, in its language and script (traditional characters for a
    question asked in them)."""
    return render_template(
        "text",
        answer.template,
        answer.lang,
        answer.script,
        sources=answer.sources,
        suggestions=answer.suggestions,
        **answer.parts,
    )


def list_template_names(lang: str, folder: str = "text") -> set[str]:
    prefix = f"{folder}/{lang}/"
    return {n[len(prefix) :] for n in _environment.list_templates() if n.startswith(prefix)}


def to_lang(locale: object) -> str:
    """The answer language for a chat platform's locale such as "zh-CN"; English otherwise."""
    return "zh" if isinstance(locale, str) and locale.lower().startswith("zh") else "en"
