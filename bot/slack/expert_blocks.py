"""Block Kit for "ask an expert": the button, the experts' card, the answer form, the reply.

Text comes from templates (`templates/slack/<lang>/expert_*.j2`) in the question's language
and script. What people wrote (the question, the bot's answer, the expert's answer) is
escaped before it goes into a template; mentions are made here from ids Slack gave.
"""

from __future__ import annotations

from typing import Any

from bot.chat import Ticket, Told
from bot.slack.blocks import (
    MAX_BUTTON_VALUE,
    MAX_SECTION_CHARS,
    REASON_PREFIXES,
    Block,
    Message,
    render_slack_text,
)
from bot.slack.text import escape_text

ACTION_EXPERT_CLAIM = "expert_claim"
ACTION_EXPERT_ANSWER = "expert_answer"
ACTION_EXPERT_FAQ = "expert_faq"
VIEW_EXPERT_ANSWER = "expert_answer_form"
ANSWER_BLOCK = "answer"
ANSWER_INPUT = "text"
# Slack's limits: a modal's title, submit and close labels; a plain-text input's length.
MAX_MODAL_TITLE = 24
MAX_INPUT_CHARS = 2000
# What the bot said, quoted on the card, is shortened to this many characters.
MAX_BOT_ANSWER = 1200
MAX_QUOTED = 600


def _text(name: str, lang: str, script: str, **parts: Any) -> str:
    return render_slack_text(name, lang, script, **parts)


def _mrkdwn(text: str) -> dict[str, Any]:
    return {"type": "mrkdwn", "text": text[:MAX_SECTION_CHARS], "verbatim": True}


def _plain(text: str, limit: int) -> dict[str, Any]:
    shown = text if len(text) <= limit else text[: limit - 1] + "…"
    return {"type": "plain_text", "text": shown, "emoji": True}


def _shorten(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _button(label: str, action_id: str, value: str, style: str | None = None) -> dict[str, Any]:
    button: dict[str, Any] = {
        "type": "button",
        "text": _plain(label, 75),
        "action_id": action_id,
        "value": value[:MAX_BUTTON_VALUE],
    }
    if style:
        button["style"] = style
    return button


def read_ask_expert_value(value: str) -> tuple[str, str]:
    """(question, reason) from an "Ask an expert" button's value."""
    for reason, prefix in REASON_PREFIXES.items():
        if value.startswith(prefix):
            return value[len(prefix) :].strip(), reason
    return value.strip(), "declined"


def build_told_message(told: Told) -> Message:
    """A sentence for one person; its parts are ids (made mentions) or plain values."""
    parts = dict(told.parts)
    if parts.get("user"):
        parts["user"] = f"<@{parts['user']}>"
    text = _text(told.key, told.lang, told.script, **parts)
    return {"text": text, "blocks": [{"type": "section", "text": _mrkdwn(text)}]}


def _mention(user_id: str) -> str:
    return f"<@{user_id}>" if user_id else "?"


def build_expert_card(ticket: Ticket) -> Message:
    """The question as the experts' channel sees it: who asked, where, what the bot said,
    its status, and the buttons that fit it (Claim and Answer; once answered, the answer and
    Make it an FAQ)."""
    lang, script = ticket.lang, ticket.script
    origin = f"<#{ticket.origin_channel}>" if ticket.origin_channel else ""
    question = escape_text(_shorten(ticket.question, MAX_QUOTED))
    title = _text("expert_card_title", lang, script, id=ticket.id)
    meta = _text(
        "expert_card_meta",
        lang,
        script,
        asker=_mention(ticket.asker_id),
        origin=origin,
        reason=ticket.reason,
        scope=ticket.scope,
    )
    bot_said = _text(
        "expert_card_bot_said",
        lang,
        script,
        text=escape_text(_shorten(ticket.bot_answer, MAX_BOT_ANSWER)),
    )
    status = _text(
        "expert_card_status",
        lang,
        script,
        status=ticket.status,
        claimed_by=_mention(ticket.claimed_by),
        answered_by=_mention(ticket.answered_by),
        faq_key=ticket.faq_key,
    )
    blocks: list[Block] = [
        {"type": "header", "text": _plain(title, 150)},
        {"type": "section", "text": _mrkdwn(f"> {question}")},
        {"type": "context", "elements": [_mrkdwn(meta)]},
        {"type": "section", "text": _mrkdwn(bot_said)},
    ]
    if ticket.answer:
        answer = escape_text(_shorten(ticket.answer, MAX_SECTION_CHARS - 100))
        blocks.append(
            {
                "type": "section",
                "text": _mrkdwn(_text("expert_card_answer", lang, script, answer=answer)),
            }
        )
    blocks.append({"type": "context", "elements": [_mrkdwn(status)]})
    value = str(ticket.id)
    buttons: list[dict[str, Any]] = []
    if ticket.status != "answered":
        if ticket.status == "open":
            buttons.append(_button(_text("button_claim", lang, script), ACTION_EXPERT_CLAIM, value))
        buttons.append(
            _button(_text("button_answer", lang, script), ACTION_EXPERT_ANSWER, value, "primary")
        )
    elif not ticket.faq_key:
        buttons.append(_button(_text("button_make_faq", lang, script), ACTION_EXPERT_FAQ, value))
    if buttons:
        blocks.append({"type": "actions", "block_id": f"expert_{ticket.id}", "elements": buttons})
    fallback = f"{title}: {question}"
    return {"text": fallback, "blocks": blocks}


def build_answer_view(ticket: Ticket) -> dict[str, Any]:
    """The answer form (a modal): the question, and a text box for the answer."""
    lang, script = ticket.lang, ticket.script
    question = escape_text(_shorten(ticket.question, MAX_QUOTED))
    return {
        "type": "modal",
        "callback_id": VIEW_EXPERT_ANSWER,
        "private_metadata": str(ticket.id),
        "title": _plain(_text("expert_modal_title", lang, script), MAX_MODAL_TITLE),
        "submit": _plain(_text("expert_modal_submit", lang, script), MAX_MODAL_TITLE),
        "close": _plain(_text("expert_modal_close", lang, script), MAX_MODAL_TITLE),
        "blocks": [
            {"type": "section", "text": _mrkdwn(f"> {question}")},
            {
                "type": "input",
                "block_id": ANSWER_BLOCK,
                "label": _plain(_text("expert_modal_label", lang, script), 2000),
                "element": {
                    "type": "plain_text_input",
                    "action_id": ANSWER_INPUT,
                    "multiline": True,
                    "max_length": MAX_INPUT_CHARS,
                },
            },
        ],
    }


def build_expert_reply(ticket: Ticket) -> Message:
    """The expert's answer as the asker gets it: marked as answered by that person."""
    lang, script = ticket.lang, ticket.script
    text = _text(
        "expert_reply",
        lang,
        script,
        expert=_mention(ticket.answered_by),
        question=escape_text(_shorten(ticket.question, MAX_QUOTED)),
        answer=escape_text(_shorten(ticket.answer, MAX_SECTION_CHARS - 700)),
    )
    note = _text("expert_reply_note", lang, script)
    return {
        "text": text,
        "blocks": [
            {"type": "section", "text": _mrkdwn(text)},
            {"type": "context", "elements": [_mrkdwn(note)]},
        ],
    }
