"""Block Kit for /kb replies: the reply's text, escaped, and Confirm / Cancel buttons."""

from __future__ import annotations

import re
from typing import Any

from bot.kb.replies import KbReply, render_kb_text
from bot.slack.blocks import (
    MAX_BLOCKS,
    MAX_BUTTON_LABEL,
    MAX_BUTTON_VALUE,
    MAX_SECTION_CHARS,
    Message,
    build_sections,
)
from bot.slack.report_blocks import build_report_message
from bot.slack.text import escape_text, to_section_texts

ACTION_KB_CONFIRM = "kb_confirm"
ACTION_KB_CANCEL = "kb_cancel"
# A button that runs a /kb command as typed ("Teach this phrasing"): kb_run_0, kb_run_1, …
ACTION_KB_RUN = re.compile(r"^kb_run_\d+$")
# Slack's limit on the elements of one actions block.
MAX_ACTIONS = 25


def _button(label: str, action_id: str, value: str, style: str | None = None) -> dict[str, Any]:
    shown = label if len(label) <= MAX_BUTTON_LABEL else label[: MAX_BUTTON_LABEL - 1] + "…"
    button: dict[str, Any] = {
        "type": "button",
        "text": {"type": "plain_text", "text": shown, "emoji": True},
        "action_id": action_id,
        "value": value,
    }
    if style:
        button["style"] = style
    return button


def build_kb_message(reply: KbReply) -> Message:
    """A /kb reply as a message; with a confirmation request, the two buttons under it.

    A request too long to fit in a button's value (a long text awaiting confirmation) is
    replaced by a note asking to shorten the command.
    """
    text = reply.render()
    actions: list[dict[str, Any]] = []
    request = reply.confirmation
    if request is not None:
        value = request.to_value()
        if len(value) > MAX_BUTTON_VALUE:
            text += "\n\n" + render_kb_text("confirmation_too_long", reply.lang)
        else:
            confirm = render_kb_text(request.label, reply.lang)
            cancel = render_kb_text("button_cancel", reply.lang)
            style = "danger" if request.label == "button_remove" else "primary"
            actions.append(
                {
                    "type": "actions",
                    "block_id": "kb_confirmation",
                    "elements": [
                        _button(confirm, ACTION_KB_CONFIRM, value, style),
                        _button(cancel, ACTION_KB_CANCEL, request.lang),
                    ],
                }
            )
    buttons = [
        _button(button.render(), f"kb_run_{index}", button.to_value())
        for index, button in enumerate(reply.buttons[:MAX_ACTIONS])
        if len(button.to_value()) <= MAX_BUTTON_VALUE
    ]
    if buttons:
        actions.append({"type": "actions", "block_id": "kb_commands", "elements": buttons})
    if reply.report is not None:
        return _with_report(text, reply)
    sections = build_sections(text, reply.lang, MAX_BLOCKS - len(actions))
    fallback = to_section_texts(text, MAX_SECTION_CHARS)
    return {
        "text": fallback[0][0] if fallback else escape_text(text[:1000]),
        "blocks": [*sections, *actions],
    }


def _with_report(text: str, reply: KbReply) -> Message:
    """The reply's text above the report as the channel would get it (the header is left
    out if the report fills every block)."""
    report = build_report_message(reply.report, with_buttons=False)
    head = build_sections(text, reply.lang, 2)
    blocks = [*head, {"type": "divider"}, *report["blocks"]]
    if len(blocks) > MAX_BLOCKS:
        blocks = report["blocks"]
    return {"text": report["text"], "blocks": blocks}


def build_kb_notice(name: str, lang: str, **parts: Any) -> Message:
    """A one-template message of the /kb commands (parts are plain; escaped here)."""
    text = render_kb_text(name, lang, **parts)
    return {"text": escape_text(text), "blocks": build_sections(text, lang, MAX_BLOCKS)}
