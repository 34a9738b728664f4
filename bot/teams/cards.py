"""Adaptive Cards for answers, notices, /kb replies and reports, within Teams' message size."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from bot.chat import drop_lines, to_more_value
from bot.kb.replies import KbReply, render_kb_text
from bot.progress import MAX_FORM_KPIS, FormRequest, ReminderRef
from bot.rendering import get_template
from bot.report_text import to_report_parts
from bot.text_render import count_context_lines, render_answer_parts, to_asked_question
from knowledge.answering import Answer, AnswerKind, to_script
from scheduler.reports import Reminder, Report

VERB_HELPFUL = "staffbot.helpful"
VERB_NOT_HELPFUL = "staffbot.not_helpful"
VERB_SUGGEST = "staffbot.suggest"
VERB_MORE = "staffbot.more"
VERB_KB_CONFIRM = "staffbot.kb_confirm"
VERB_KB_CANCEL = "staffbot.kb_cancel"
VERB_SNOOZE = "staffbot.snooze"
# The progress form: opened from a reminder's Update button, submitted, or cancelled.
VERB_PROGRESS_OPEN = "staffbot.progress_open"
VERB_PROGRESS_SUBMIT = "staffbot.progress_submit"
VERB_PROGRESS_CANCEL = "staffbot.progress_cancel"
# A reminder of at most this many KPIs has an Update button for each; a longer one has one
# per theme (a form with a row per KPI of the theme), so that it stays within the card size.
MAX_KPI_BUTTONS = 20
VERB_KB_RUN = "staffbot.kb_run"  # runs a /kb command as typed ("Teach this phrasing")
VERB_ASK_EXPERT = "staffbot.ask_expert"
VERB_EXPERT_CLAIM = "staffbot.expert_claim"
VERB_EXPERT_ANSWER = "staffbot.expert_answer"
VERB_EXPERT_FAQ = "staffbot.expert_faq"

CARD_CONTENT_TYPE = "application/vnd.microsoft.card.adaptive"
# Teams refuses a message above about 28 KB, activity envelope included; a card stays under
# this many bytes as compact, ASCII-escaped JSON (the largest a client may send: a Chinese
# character counts six bytes).
MAX_CARD_BYTES = 24_000
# A line longer than this is cut with "…", so that every card shows at least one line.
MAX_LINE_CHARS = 2_000
# The question quoted above an answer is shortened to this many characters.
MAX_QUOTED_QUESTION = 300
# Texts an action carries back (a question, a "show the rest" value), as Slack's buttons.
MAX_DATA_CHARS = 2_000
# A confirmation longer than this (a long text awaiting confirmation) asks to shorten it.
MAX_CONFIRM_CHARS = 4_000
# Texts of a report's lines (KPI texts, names) are shortened to this many characters.
MAX_REPORT_TEXT = 90
SUGGESTION_BUTTONS = 5
NOTICES = ("unavailable", "vote_thanks", "no_user_id", "cancelled", "failed")
# Short plain texts Teams shows under a clicked card (an invoke's message response).
TOASTS = (
    "sent",
    "not_understood",
    "no_user_id",
    "unavailable",
    "vote_thanks",
    "already_done",
    "snoozed",
    "snooze_gone",
    "snooze_no_dm",
)
# Notices that are /kb sentences: their text is the /kb commands' own template.
_KB_NOTICES = ("cancelled", "failed")

Card = dict[str, Any]

# A display name inside <at>…</at> must match the mention entity's text exactly; these
# characters would break the tag or be read as markdown.
_MENTION_UNSAFE = re.compile(r"[<>\[\]\\`*_~&{}]")


@dataclass(frozen=True)
class Mention:
    """A Teams user to mention on a card: the id Teams gave (29:… or an Entra object id) and
    the display name shown."""

    user_id: str
    name: str


def _shorten(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _mention_text(name: str) -> str:
    return _MENTION_UNSAFE.sub("", name).strip() or "?"


# Names the card templates' macros use: the verbs of our Action.Execute buttons.
_VERBS = {
    "VERB_HELPFUL": VERB_HELPFUL,
    "VERB_NOT_HELPFUL": VERB_NOT_HELPFUL,
    "VERB_SUGGEST": VERB_SUGGEST,
    "VERB_MORE": VERB_MORE,
    "VERB_KB_CONFIRM": VERB_KB_CONFIRM,
    "VERB_KB_CANCEL": VERB_KB_CANCEL,
    "VERB_SNOOZE": VERB_SNOOZE,
    "VERB_PROGRESS_OPEN": VERB_PROGRESS_OPEN,
    "VERB_KB_RUN": VERB_KB_RUN,
    "VERB_ASK_EXPERT": VERB_ASK_EXPERT,
    "VERB_EXPERT_CLAIM": VERB_EXPERT_CLAIM,
    "VERB_EXPERT_ANSWER": VERB_EXPERT_ANSWER,
    "VERB_EXPERT_FAQ": VERB_EXPERT_FAQ,
}


def render_card(name: str, lang: str, script: str = "", **parts: Any) -> Card:
    """The card of `templates/teams/<lang>/<name>.j2`, parsed from the JSON it renders, in
    the answer's script (traditional characters for a question asked in them)."""
    template = get_template("teams", name, lang, _VERBS)
    card: Card = json.loads(template.render(lang=lang, **parts))
    return _to_card_script(card, script) if script else card


def _to_card_script(value: Any, script: str) -> Any:
    """A rendered card's words in `script`; the data its buttons send back stay as they are.
    (The JSON the templates render escapes non-ASCII characters, so this walks the card.)"""
    if isinstance(value, str):
        return to_script(value, script)
    if isinstance(value, list):
        return [_to_card_script(item, script) for item in value]
    if isinstance(value, dict):
        return {
            key: item if key == "data" else _to_card_script(item, script)
            for key, item in value.items()
        }
    return value


def to_card_size(card: Card) -> int:
    """The card's size in bytes as compact JSON with every non-ASCII character escaped."""
    return len(json.dumps(card, separators=(",", ":")))


def to_attachment(card: Card) -> dict[str, Any]:
    """A card as a message attachment."""
    return {"contentType": CARD_CONTENT_TYPE, "content": card}


def _fit(render: Callable[[int], Card], total: int) -> Card:
    """The card showing the most of `total` items (lines) that stays within MAX_CARD_BYTES."""
    card = render(total)
    if to_card_size(card) <= MAX_CARD_BYTES:
        return card
    low, high = 0, total - 1  # `low` items fit (or nothing does), `high + 1` do not
    best = render(0)
    while low < high:
        middle = (low + high + 1) // 2
        candidate = render(middle)
        if to_card_size(candidate) <= MAX_CARD_BYTES:
            low, best = middle, candidate
        else:
            high = middle - 1
    return best


def _to_lines(text: str) -> list[str]:
    return [_shorten(line.rstrip(), MAX_LINE_CHARS) for line in text.strip("\n").splitlines()]


def _to_paragraphs(lines: list[str]) -> list[str]:
    """Lines grouped at blank lines (each group becomes one TextBlock)."""
    paragraphs: list[str] = []
    current: list[str] = []
    for line in lines:
        if line.strip():
            current.append(line)
        elif current:
            paragraphs.append("\n".join(current))
            current = []
    if current:
        paragraphs.append("\n".join(current))
    return paragraphs


def _count(lines: list[str]) -> int:
    return sum(1 for line in lines if line.strip())


def _answer_parts(
    body: str, source: str, question: str, shown_before: int
) -> tuple[list[str], Callable[[int], dict[str, Any]]]:
    """The lines of `body` (the source line alone when there is no body), and the template
    parts showing the first n with the source line under them."""
    lines = _to_lines(body or source)

    def parts(shown: int) -> dict[str, Any]:
        left_out = _count(lines[shown:])
        more = ""
        if left_out:
            # max: a follow-up's first line (its subjects) is not in its re-asked answer
            more = to_more_value(question, max(shown_before + _count(lines[:shown]), 0))
        return {
            "paragraphs": _to_paragraphs(lines[:shown]),
            "left_out": left_out,
            "more": more[:MAX_DATA_CHARS],
            "source": source,
        }

    return lines, parts


def build_answer_card(
    answer: Answer,
    question: str,
    *,
    show_question: bool = False,
    asked_by: Mention | None = None,
) -> Card:
    """An answer as a card: its text, source, suggestion buttons, vote buttons, and a "show
    the rest" button when it does not fit in one card.

    `asked_by` is mentioned above the question (a channel answer to someone's question).
    """
    text = render_answer_parts(answer)
    if not (show_question or asked_by):
        question = to_asked_question(answer, question)
    lines, parts = _answer_parts(text.body, text.source, question, -count_context_lines(answer))
    quoted = ""
    if show_question or asked_by:
        quoted = _shorten(" ".join(question.split()), MAX_QUOTED_QUESTION)
    mention = None
    if asked_by is not None:
        mention = {"id": asked_by.user_id, "name": _mention_text(asked_by.name)}
    # A KPI's answer: its progress can be recorded from here (the form says who may); the
    # question comes along, to show the answer again once done.
    kpi_code = getattr(answer.parts.get("kpi"), "code", None)
    update = None
    if answer.kind is AnswerKind.KPI_DETAIL and isinstance(kpi_code, str):
        value = FormRequest((kpi_code,), script=answer.script).to_value()
        update = {"code": kpi_code, "data": {"v": value, "q": question[:MAX_DATA_CHARS]}}

    def render(shown: int) -> Card:
        return render_card(
            "answer",
            answer.lang,
            answer.script,
            quoted=quoted,
            mention=mention,
            suggestions=[
                _to_suggestion(answer, index, suggestion, question)
                for index, suggestion in enumerate(answer.suggestions[:SUGGESTION_BUTTONS])
            ],
            question=question[:MAX_DATA_CHARS],
            update=update,
            ask_expert=not answer.answered,
            **parts(shown),
        )

    return _fit(render, len(lines))


def _to_suggestion(answer: Answer, index: int, suggestion: str, question: str) -> dict[str, Any]:
    """A "did you mean" button: its label, and the data its click sends back (the suggestion
    to ask; with a record, the question it was offered for, as evidence of what it meant)."""
    label = _shorten(suggestion, MAX_DATA_CHARS)
    data: dict[str, str] = {"q": label}
    record = answer.get_suggestion_record(index)
    if record is not None and question and len(question) <= MAX_DATA_CHARS:
        data |= {"a": question, "r": record}
    return {"label": label, "data": data}


def build_rest_card(answer: Answer, question: str, shown_lines: int) -> Card:
    """What a "show the rest" click posts: the answer's lines after the first `shown_lines`
    (non-blank lines), again with a "show the rest" button if they do not fit."""
    text = render_answer_parts(answer)
    # The source line closes the rest only when the rest starts within the body (the line
    # after the body is the source line itself).
    source = text.source if _count(text.body.splitlines()) >= shown_lines else ""
    lines, parts = _answer_parts(drop_lines(text.body, shown_lines), source, question, shown_lines)

    def render(shown: int) -> Card:
        return render_card("rest", answer.lang, answer.script, **parts(shown))

    return _fit(render, len(lines))


def build_notice_card(key: str, lang: str) -> Card:
    """A one-sentence card: one of NOTICES."""
    if key not in NOTICES:
        raise ValueError(f"unknown notice {key!r}")
    kb_text = render_kb_text(key, lang) if key in _KB_NOTICES else ""
    return render_card("notice", lang, key=key, kb_text=kb_text)


def render_toast(key: str, lang: str, **parts: str) -> str:
    """One of TOASTS as plain text, from `templates/teams/<lang>/toast.j2`."""
    if key not in TOASTS:
        raise ValueError(f"unknown toast {key!r}")
    template = get_template("teams", "toast", lang)
    return template.render(lang=lang, key=key, **parts).strip()


def build_kb_card(reply: KbReply) -> Card:
    """A /kb reply as a card; a confirmation request adds Confirm (or Remove) and Cancel; a
    report under it (a preview) is shown as its card would be posted."""
    text = reply.render()
    confirm: dict[str, Any] | None = None
    request = reply.confirmation
    if request is not None:
        value = request.to_value()
        if len(value) > MAX_CONFIRM_CHARS:
            text += "\n\n" + render_kb_text("confirmation_too_long", reply.lang)
        else:
            confirm = {
                "title": render_kb_text(request.label, reply.lang),
                "cancel": render_kb_text("button_cancel", reply.lang),
                "style": "destructive" if request.label == "button_remove" else "positive",
                "data": {"v": value},
                "cancel_data": {"l": request.lang},
            }
    if reply.report is not None:
        return _build_report(reply.report, head=_to_lines(text), confirm=confirm)
    lines = _to_lines(text)
    commands = [{"title": b.render(), "data": {"v": b.to_value()}} for b in reply.buttons]

    def render(shown: int) -> Card:
        return render_card(
            "kb",
            reply.lang,
            paragraphs=_to_paragraphs(lines[:shown]),
            left_out=_count(lines[shown:]),
            confirm=confirm,
            commands=commands,
        )

    return _fit(render, len(lines))


def _shorten_text(text: str) -> str:
    return _shorten(text, MAX_REPORT_TEXT)


def _cut_reminder(parts: dict[str, Any], keep: int) -> dict[str, Any]:
    themes = []
    for theme in parts["themes"]:
        if keep <= 0:
            break
        kpis = theme["kpis"][:keep]
        keep -= len(kpis)
        themes.append({**theme, "kpis": kpis})
    return {**parts, "themes": themes}


def _cut_digest(parts: dict[str, Any], keep: int) -> dict[str, Any]:
    # Cut from the end, as a long digest reads: progress, then stale KPIs, then changes.
    cut = dict(parts)
    for name in ("progress", "targets", "stale", "changes"):
        cut[name] = parts[name][: max(keep, 0)]
        keep -= len(cut[name])
    return cut


def _add_update_buttons(report: Reminder, parts: dict[str, Any], *, with_buttons: bool) -> None:
    """The data of a reminder's Update buttons: each KPI's (a short reminder) or each
    theme's (a form with a row per KPI of the theme)."""
    ref = ReminderRef(
        report.scope.code, report.lang, report.generated_at, report.owner, report.subscription_id
    )
    per_kpi = report.kpi_count <= MAX_KPI_BUTTONS
    for theme, group in zip(parts["themes"], report.themes, strict=True):
        codes = tuple(k.code for k in group.kpis)[:MAX_FORM_KPIS]
        theme["update_data"] = {"v": FormRequest(codes, ref).to_value()} if with_buttons else None
        for kpi, status in zip(theme["kpis"], group.kpis, strict=True):
            value = FormRequest((status.code,), ref).to_value()
            kpi["update_data"] = {"v": value} if per_kpi and with_buttons else None


def _build_report(
    report: Report, *, head: list[str] | None = None, confirm: dict[str, Any] | None = None
) -> Card:
    lang = report.lang
    parts = to_report_parts(report, _shorten_text)
    if isinstance(report, Reminder):
        # A posted reminder has Update buttons; a preview under a kb reply has none.
        _add_update_buttons(report, parts, with_buttons=head is None)
        name, items, cut = "reminder", sum(len(t["kpis"]) for t in parts["themes"]), _cut_reminder
    else:
        name = "digest"
        items = sum(len(parts[key]) for key in ("progress", "targets", "stale", "changes"))
        cut = _cut_digest
    head_paragraphs = _to_paragraphs(head or [])

    def render(shown: int) -> Card:
        return render_card(
            name,
            lang,
            head=head_paragraphs,
            confirm=confirm,
            left_out=items - shown,
            **cut(parts, shown),
        )

    return _fit(render, items)


def build_report_card(report: Report) -> Card:
    """A reminder or digest as a card, as Slack's (no chart image: it would not fit); what
    does not fit in one card is left out with a note saying how many lines."""
    return _build_report(report)
