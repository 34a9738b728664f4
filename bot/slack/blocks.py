"""Block Kit for answers, notices and the App Home, within Slack's limits; text from templates."""

from __future__ import annotations

import re
from typing import Any

from bot.chat import drop_lines, to_more_value, to_suggestion_value
from bot.progress import FormRequest
from bot.rendering import render_template
from bot.slack.text import escape_text, to_section_texts
from bot.text_render import (
    count_context_lines,
    render_answer_parts,
    render_answer_text,
    to_asked_question,
)
from knowledge.answering import Answer, AnswerKind

# Slack's limits (Block Kit reference): blocks in a message and in a Home tab, characters in
# a section's or a context element's text, in a button's label and value.
MAX_BLOCKS = 50
MAX_HOME_BLOCKS = 100
MAX_SECTION_CHARS = 3000
MAX_BUTTON_LABEL = 75
MAX_BUTTON_VALUE = 2000
# Slack refuses a message whose blocks are too large as a whole (msg_blocks_too_long) at a
# size it does not document; past this many characters an answer is cut with a note. No
# answer of the seed knowledge comes near it (the longest is about 2,000).
MAX_MESSAGE_CHARS = 12_000
# The question quoted above an answer is shortened to this many characters.
MAX_QUOTED_QUESTION = 300
SUGGESTION_BUTTONS = 5

# The vote: Slack's own feedback buttons (a context_actions block); the two hand-made buttons
# before them keep working for messages posted earlier.
ACTION_VOTE = "vote"
VOTE_PREFIXES = {True: "h:", False: "n:"}
ACTION_HELPFUL = "vote_helpful"
ACTION_NOT_HELPFUL = "vote_not_helpful"
ACTION_POST = "post_to_channel"
ACTION_MORE = "show_more"
# "Remind me tomorrow / on Monday" under a scheduled reminder (value: the subscription id).
ACTION_SNOOZE_TOMORROW = "snooze_tomorrow"
ACTION_SNOOZE_MONDAY = "snooze_monday"
ACTION_SUGGESTION = re.compile(r"^suggestion_\d+$")
# Update buttons (a reminder's, a KPI answer's): "progress_update_0", "progress_update_1", …
# (unique in a message, as Slack requires); each opens the progress form.
ACTION_PROGRESS_PREFIX = "progress_update_"
ACTION_PROGRESS = re.compile(rf"^{ACTION_PROGRESS_PREFIX}\d+$")
ACTION_ASK_EXPERT = "ask_expert"
# Why a question goes to the experts, as the "Ask an expert" button carries it.
REASON_PREFIXES = {"declined": "d:", "not_helpful": "n:"}

Block = dict[str, Any]
Message = dict[str, Any]


def render_slack_text(name: str, lang: str, script: str = "", **parts: Any) -> str:
    """A sentence of the Slack adapter, from `templates/slack/<lang>/<name>.j2`, in the
    answer's script."""
    return render_template("slack", name, lang, script, **parts)


def _mrkdwn(text: str) -> dict[str, Any]:
    # verbatim: Slack would otherwise turn bare channel names and URLs into links.
    return {"type": "mrkdwn", "text": text, "verbatim": True}


def _plain(text: str, limit: int) -> dict[str, Any]:
    shown = text if len(text) <= limit else text[: limit - 1] + "…"
    return {"type": "plain_text", "text": shown, "emoji": True}


def _section(text: str) -> Block:
    return {"type": "section", "text": _mrkdwn(text)}


def _context(text: str) -> Block:
    return {"type": "context", "elements": [_mrkdwn(text)]}


def _button(label: str, action_id: str, value: str, style: str | None = None) -> dict[str, Any]:
    button: dict[str, Any] = {
        "type": "button",
        "text": _plain(label, MAX_BUTTON_LABEL),
        "action_id": action_id,
    }
    if value:
        button["value"] = value[:MAX_BUTTON_VALUE]
    if style:
        button["style"] = style
    return button


def _shorten(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def read_vote_value(value: str) -> tuple[bool, str] | None:
    """(helpful, question) from a feedback button's value; None when it is not ours."""
    for helpful, prefix in VOTE_PREFIXES.items():
        if value.startswith(prefix):
            return helpful, value[len(prefix) :]
    return None


def build_vote_block(question: str, lang: str, script: str = "") -> Block:
    """Helpful / not helpful as Slack's native feedback buttons, each carrying the question."""

    def side(template: str, helpful: bool) -> dict[str, Any]:
        label = render_slack_text(template, lang, script)
        value = (VOTE_PREFIXES[helpful] + question)[:MAX_BUTTON_VALUE]
        return {"text": _plain(label, MAX_BUTTON_LABEL), "value": value}

    buttons = {
        "type": "feedback_buttons",
        "action_id": ACTION_VOTE,
        "positive_button": side("button_helpful", True),
        "negative_button": side("button_not_helpful", False),
    }
    return {"type": "context_actions", "block_id": "votes", "elements": [buttons]}


def to_ask_expert_value(question: str, reason: str) -> str:
    return REASON_PREFIXES[reason] + question


def build_ask_expert_button(
    question: str, reason: str, lang: str, script: str = ""
) -> dict[str, Any]:
    """The "Ask an expert" button under a decline, and under the thanks for a "not helpful"
    vote: the question goes to a person (`bot.slack.expert_listeners`)."""
    label = render_slack_text("button_ask_expert", lang, script)
    return _button(label, ACTION_ASK_EXPERT, to_ask_expert_value(question, reason))


def build_sections(
    text: str,
    lang: str,
    room: int,
    *,
    question: str | None = None,
    shown_before: int = 0,
    script: str = "",
) -> list[Block]:
    """Sections for plain text, split by lines, at most `room` blocks in all.

    Text that does not fit is cut; a section says how many lines were left out and, when
    the question is known, a button posts the rest (which may be cut again, and so on).
    """
    pieces = to_section_texts(text, MAX_SECTION_CHARS)
    closing = 2 if question is not None else 1  # the note, and the button's block
    kept = 0
    size = 0
    for _piece, _lines in pieces:
        if kept >= room or size + len(_piece) > MAX_MESSAGE_CHARS:
            break
        kept += 1
        size += len(_piece)
    if kept < len(pieces) and kept > room - closing:
        kept = max(room - closing, 0)
    blocks = [_section(piece) for piece, _lines in pieces[:kept]]
    if kept < len(pieces):
        left_out = max(sum(lines for _piece, lines in pieces[kept:]), 1)
        note = "cut_note_more" if question is not None else "cut_note"
        blocks.append(_section(escape_text(render_slack_text(note, lang, script, lines=left_out))))
        if question is not None:
            # max: a follow-up's first line (its subjects) is not in its re-asked answer
            shown = max(shown_before + sum(lines for _piece, lines in pieces[:kept]), 0)
            label = render_slack_text("button_more", lang, script)
            button = _button(label, ACTION_MORE, to_more_value(question, shown))
            blocks.append({"type": "actions", "block_id": "more", "elements": [button]})
    return blocks


def build_rest_message(answer: Answer, question: str, shown_lines: int) -> Message:
    """What a "show the rest" click posts: the answer's lines after those already shown."""
    rest = drop_lines(render_answer_text(answer), shown_lines)
    sections = build_sections(
        rest,
        answer.lang,
        MAX_BLOCKS,
        question=question,
        shown_before=shown_lines,
        script=answer.script,
    )
    fallback = to_section_texts(rest, MAX_SECTION_CHARS)
    return {"text": fallback[0][0] if fallback else "…", "blocks": sections}


def _split_source(answer: Answer) -> tuple[str, str]:
    """The answer's body and its closing source line (a context block of its own), when it
    has one that fits in a context block; else its whole text and ""."""
    parts = render_answer_parts(answer)
    if parts.source and len(escape_text(parts.source)) <= MAX_SECTION_CHARS:
        return parts.body, parts.source
    return render_answer_text(answer), ""


def build_answer_message(
    answer: Answer,
    question: str,
    *,
    show_question: bool = False,
    asked_by: str | None = None,
    can_post: bool = False,
) -> Message:
    """An answer as a message: its text, source, "did you mean" and vote buttons.

    `asked_by` is a user id (from Slack, checked) shown as a mention above the question;
    `can_post` adds the button that posts a private answer to the channel.
    """
    lang, script = answer.lang, answer.script
    text = render_answer_text(answer)
    body, source = _split_source(answer)
    head: list[Block] = []
    if not (show_question or asked_by):
        question = to_asked_question(answer, question)
    if show_question or asked_by:
        quoted = escape_text(_shorten(question, MAX_QUOTED_QUESTION))
        user = f"<@{asked_by}>" if asked_by else ""
        head.append(_context(render_slack_text("asked", lang, script, user=user, question=quoted)))
    tail: list[Block] = []
    if source:
        tail.append(_context(escape_text(source)))
    if answer.suggestions:
        buttons = [
            _button(
                suggestion,
                f"suggestion_{index}",
                # What the click asks, and what it says the question meant (evidence).
                to_suggestion_value(suggestion, question, answer.get_suggestion_record(index)),
            )
            for index, suggestion in enumerate(answer.suggestions[:SUGGESTION_BUTTONS])
        ]
        tail.append({"type": "actions", "block_id": "suggestions", "elements": buttons})
    tail.append(build_vote_block(question, lang, script))
    more: list[dict[str, Any]] = []
    if not answer.answered:
        more.append(build_ask_expert_button(question, "declined", lang, script))
    if can_post:
        label = render_slack_text("button_post", lang, script)
        more.append(_button(label, ACTION_POST, question, "primary"))
    kpi = answer.parts.get("kpi") if answer.kind is AnswerKind.KPI_DETAIL else None
    code = getattr(kpi, "code", None)
    if isinstance(code, str):
        # A KPI's answer: its progress can be recorded from here (the form says who may).
        value = FormRequest((code,), script=script).to_value()
        label = render_slack_text("button_update", lang, script)
        more.append(_button(label, f"{ACTION_PROGRESS_PREFIX}0", value))
    if more:
        tail.append({"type": "actions", "block_id": "actions", "elements": more})
    sections = build_sections(
        body or text,
        lang,
        MAX_BLOCKS - len(head) - len(tail),
        question=question,
        shown_before=-count_context_lines(answer),
        script=script,
    )
    fallback = to_section_texts(text, MAX_SECTION_CHARS)
    return {
        "text": fallback[0][0] if fallback else escape_text(_shorten(text, 1000)),
        "blocks": [*head, *sections, *tail],
    }


def build_notice_message(name: str, lang: str, **parts: Any) -> Message:
    """A one-sentence message from a Slack template (parts must be escaped already)."""
    text = escape_text(render_slack_text(name, lang, **parts))
    return {"text": text, "blocks": [_section(text)]}


def build_not_helpful_thanks(question: str, lang: str, script: str = "") -> Message:
    """The thanks for a "not helpful" vote, with the way to a person: "Ask an expert"."""
    message = build_notice_message("vote_thanks", lang)
    button = build_ask_expert_button(question, "not_helpful", lang, script)
    actions = {"type": "actions", "block_id": "expert", "elements": [button]}
    return {**message, "blocks": [*message["blocks"], actions]}


# Slack shows at most four suggested prompts.
MAX_PROMPTS = 4


def build_suggested_prompts(lang: str) -> tuple[str, list[dict[str, str]]]:
    """The title and the starters of the bot's DM (Slack's agent surface): bilingual, the
    asker's language first (two of each)."""
    other = "zh" if lang == "en" else "en"
    prompts: list[dict[str, str]] = []
    for each in (lang, other):
        lines = render_slack_text("starters", each).splitlines()
        for line in [line for line in lines if "|" in line][: MAX_PROMPTS // 2]:
            title, message = (part.strip() for part in line.split("|", 1))
            prompts.append({"title": title, "message": message})
    return render_slack_text("starters_title", lang).strip(), prompts


def build_home_view(lang: str, overview: Answer | None, help_answer: Answer | None) -> Message:
    """The App Home: how to ask, then the budget overview and what can be asked.

    Without an overview (the store is unavailable) it says so instead.
    """
    blocks: list[Block] = [
        {"type": "header", "text": _plain(render_slack_text("home_title", lang), 150)},
        _section(escape_text(render_slack_text("home_intro", lang))),
        {"type": "divider"},
    ]
    if overview is None:
        blocks.append(_section(escape_text(render_slack_text("unavailable", lang))))
        return {"type": "home", "blocks": blocks}
    body, source = _split_source(overview)
    room = (MAX_HOME_BLOCKS - len(blocks) - 2) // 2
    blocks.extend(build_sections(body, lang, room))
    if source:
        blocks.append(_context(escape_text(source)))
    if help_answer is not None:
        blocks.append({"type": "divider"})
        blocks.extend(build_sections(render_answer_text(help_answer), lang, room))
    return {"type": "home", "blocks": blocks}
