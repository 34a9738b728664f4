"""The one Jinja2 environment and its filters: every sentence of every rendering (plain text,
Slack, Teams cards, /kb replies) comes from `bot/templates` through here."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from jinja2 import (
    Environment,
    FileSystemBytecodeCache,
    PackageLoader,
    StrictUndefined,
    Template,
    pass_context,
)
from jinja2.runtime import Context

from knowledge.answering import SourceRef, to_script


def _bytecode_cache() -> FileSystemBytecodeCache | None:
    """Compiled templates kept between processes (a one-shot `staffbot ask` compiles its
    templates in about 40 ms otherwise): Jinja's own cache, in a folder private to this
    user that Jinja creates and checks; none where it cannot."""
    try:
        return FileSystemBytecodeCache()
    except (OSError, RuntimeError):
        return None


_environment = Environment(
    loader=PackageLoader("bot", "templates"),
    bytecode_cache=_bytecode_cache(),
    undefined=StrictUndefined,
    trim_blocks=True,
    lstrip_blocks=True,
    keep_trailing_newline=False,
    # Plain text, Slack text and card JSON alike: each rendering escapes for its own markup
    # (Slack's entities in the adapter, `md` and `tojson` in the card templates).
    autoescape=False,
)

# Adaptive Card markdown (a CommonMark subset: emphasis, lists, links) and Teams' own
# {{DATE(…)}} / <at> syntax: a backslash makes each of these characters literal.
_INLINE_SPECIAL = re.compile(r"([\\`*_\[\]<>~&{}])")
# At the start of a line: headings, quotes, list items ("- x", "+ x", "1. x", "1) x").
_LINE_SPECIAL = re.compile(r"^(\s*)(?:([#>+\-])|(\d+)([.)]))")


def to_grouped_number(value: int | Decimal) -> str:
    return f"{value:,}"


def to_percentage_text(value: Decimal | int | float) -> str:
    return f"{value}%"


def to_computed_percentage_text(value: Decimal | int | float) -> str:
    """A percentage worked out, without a ".0" a whole number does not need ("14 of 50 is
    28%", as people write it; a share the documents print, "18.0%", keeps their form)."""
    text = str(value)
    return f"{text[:-2] if text.endswith('.0') else text}%"


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


def _escape_line(line: str) -> str:
    escaped = _INLINE_SPECIAL.sub(r"\\\1", line)
    match = _LINE_SPECIAL.match(escaped)
    if match is None:
        return escaped
    indent, marker, digits, closer = match.groups()
    start = match.end()
    if marker is not None:
        return f"{indent}\\{marker}{escaped[start:]}"
    return f"{indent}{digits}\\{closer}{escaped[start:]}"


def escape_card_text(text: str) -> str:
    """Plain text as Adaptive Card markdown that shows it literally (the `md` filter).

    Markdown needs an empty line for a line break, so each line becomes a paragraph.
    """
    lines = [_escape_line(line) for line in str(text).splitlines() if line.strip()]
    return "\n\n".join(lines)


@dataclass(frozen=True)
class _SourceGroup:
    """The references of one document, as the source line names them."""

    doc: str
    title_en: str
    title_zh: str
    sections: list[str]
    changes: list[int]  # an admin's edits: cited by their change ("change #12"), not a section


def _to_source_groups(sources: list[SourceRef]) -> list[_SourceGroup]:
    by_doc: dict[str, list[SourceRef]] = {}
    for source in sources:
        by_doc.setdefault(source.doc, []).append(source)
    return [
        _SourceGroup(
            doc=doc,
            title_en=refs[0].title_en,
            title_zh=refs[0].title_zh,
            sections=[r.section for r in refs],
            changes=[r.change_id for r in refs if r.change_id is not None],
        )
        for doc, refs in by_doc.items()
    ]


def _render_sources_line(sources: list[SourceRef], lang: str) -> str:
    template = _environment.get_template(f"text/{lang}/source_line.j2")
    return template.render(lang=lang, groups=_to_source_groups(sources))


class SourceApart:
    """Given to an answer's template as `source_apart`: the source line that would close the
    answer is kept here instead, for a chat platform to show on its own."""

    def __init__(self) -> None:
        self.line = ""


@pass_context
def _sources_line(context: Context, sources: list[SourceRef], closing: bool = True) -> str:
    """The "Source: ..." line; a template passes `closing=False` where text follows it."""
    line = _render_sources_line(sources, context["lang"])
    apart = context.get("source_apart")
    if isinstance(apart, SourceApart) and closing and sources:
        apart.line = line
        return ""
    return line


# The documents' headings as the Chinese documents write them: a section cited in Chinese
# reads "“引言”部分，c)" or "第2.1节，表1", never "第Update, f)节".
_ZH_HEADINGS = {
    "purpose (link with the strategic plan)": "目的（与《战略规划》的关联）",
    "purpose": "目的",
    "introduction": "引言",
    "update": "最新实施情况",
    "references": "参考文件",
    "summary": "概要",
    "contact": "联系人",
    "action required by council": "理事会需采取的行动",
    "financial implications": "财务影响",
    "relevance to the strategic plan": "与《战略规划》的关联",
}
_ZH_SECTION_PARTS = (
    (re.compile(r"^(\d+(?:\.\d+)*)"), r"第\1节"),
    (re.compile(r"\s*\((\d{4}) highlights\)", re.IGNORECASE), r"（\1年实施亮点）"),
    (re.compile(r"\s*\(note\)", re.IGNORECASE), "（注）"),
    (re.compile(r"\bAnnex\s+(\w+)", re.IGNORECASE), r"附件\1"),
    (re.compile(r"\bTable\s+(\w+)", re.IGNORECASE), r"表\1"),
    (re.compile(r"\bFigure\s+(\w+)", re.IGNORECASE), r"图\1"),
    (re.compile(r"\bfootnote\s+(\w+)", re.IGNORECASE), r"脚注\1"),
    (re.compile(r",\s*"), "，"),
)
_HEADING = re.compile(r"^[A-Za-z][A-Za-z ()\-]*[A-Za-z)]")


def to_section_zh(section: str) -> str:
    """A section as a Chinese answer cites it: "2.1, Table 1" → "第2.1节，表1", "Update, f)"
    → "“最新实施情况”部分，f)"; a heading not known keeps its words, quoted."""
    parts = []
    for part in str(section).split(";"):
        part = part.strip()
        heading = _HEADING.match(part)
        known = heading and not re.match(r"(?i)annex|table|figure|footnote", heading.group())
        if known and heading is not None:
            name = heading.group()
            named = _ZH_HEADINGS.get(name.lower(), name)
            part = f"“{named}”部分" + part[heading.end() :]
        for pattern, replacement in _ZH_SECTION_PARTS:
            part = pattern.sub(replacement, part)
        parts.append(part)
    return "；".join(parts)


_environment.filters.update(
    section_zh=to_section_zh,
    num=to_grouped_number,
    pct=to_percentage_text,
    rate=to_computed_percentage_text,
    chf=_chf,
    name=_subject_name,
    md=escape_card_text,
)
_environment.globals.update(sources_line=_sources_line)


def get_template(
    folder: str, name: str, lang: str, constants: Mapping[str, Any] | None = None
) -> Template:
    """`<folder>/<lang>/<name>.j2`; `constants` are names its macros see too (a platform's
    action ids)."""
    names = dict(constants) if constants is not None else None
    return _environment.get_template(f"{folder}/{lang}/{name}.j2", globals=names)


def squeeze_blank_lines(text: str) -> str:
    """Lines right-stripped, blank lines beyond one squeezed out, none at either end."""
    lines = [line.rstrip() for line in text.strip().splitlines()]
    squeezed: list[str] = []
    for line in lines:
        if line or (squeezed and squeezed[-1]):
            squeezed.append(line)
    return "\n".join(squeezed)


def render_template(folder: str, name: str, lang: str, script: str = "", **parts: Any) -> str:
    """Render `<folder>/<lang>/<name>.j2` as text; blank lines beyond one are squeezed out.

    `script` is an answer's (`Answer.script`): Chinese templates are written in simplified
    characters and come out in traditional ones for a question asked in them."""
    text = get_template(folder, name, lang).render(lang=lang, **parts)
    return to_script(squeeze_blank_lines(text), script)


def render_sources_line(sources: list[SourceRef], lang: str, script: str = "") -> str:
    """The "Source: ..." line that closes an answer, on its own."""
    return to_script(_render_sources_line(sources, lang), script)


def list_template_names(lang: str, folder: str = "text") -> set[str]:
    prefix = f"{folder}/{lang}/"
    return {n[len(prefix) :] for n in _environment.list_templates() if n.startswith(prefix)}
