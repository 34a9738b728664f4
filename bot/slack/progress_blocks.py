"""The progress form as a Slack modal, and what a submitted modal holds, within Block Kit."""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from bot.progress import (
    AS_OF_FIELD,
    NOTE_FIELD,
    FormEntry,
    ProgressForm,
    render_progress_text,
    to_field_id,
)
from bot.slack.blocks import Block
from bot.slack.text import escape_text, remove_control_characters

CALLBACK_PROGRESS = "progress_form"
INPUT_ACTION = "input"
# Block Kit limits: a modal's title and button texts, an input's label and hint, metadata.
MAX_TITLE = 24
MAX_LABEL = 2000
MAX_HINT = 2000
MAX_METADATA = 3000
MAX_NOTE_CHARS = 500
MAX_NUMBER_CHARS = 40
MAX_MODAL_BLOCKS = 100


def _plain(text: str, limit: int = MAX_LABEL) -> dict[str, Any]:
    text = text.strip()
    if len(text) > limit:
        text = text[: limit - 1] + "…"
    return {"type": "plain_text", "text": text}


def _text_input(
    block_id: str,
    label: str,
    *,
    optional: bool = False,
    hint: str = "",
    multiline: bool = False,
    max_length: int = MAX_NUMBER_CHARS,
) -> Block:
    block: Block = {
        "type": "input",
        "block_id": block_id,
        "optional": optional,
        "label": _plain(label),
        "element": {
            "type": "plain_text_input",
            "action_id": INPUT_ACTION,
            "multiline": multiline,
            "max_length": max_length,
        },
    }
    if hint:
        block["hint"] = _plain(hint, MAX_HINT)
    return block


@dataclass(frozen=True)
class FormPlace:
    """What a modal remembers (its private metadata): the Update button's value, the message
    it was on (to show it again in place), and the person's language and time zone."""

    request_value: str
    channel: str | None
    message_ts: str | None
    lang: str
    tz: str | None

    def to_metadata(self) -> str:
        payload = {
            "q": self.request_value,
            "c": self.channel,
            "m": self.message_ts,
            "l": self.lang,
            "z": self.tz,
        }
        return json.dumps(payload, ensure_ascii=False, separators=(",", ":"))


def read_form_place(metadata: Any) -> FormPlace | None:
    try:
        payload = json.loads(metadata) if isinstance(metadata, str) else None
    except ValueError:
        return None
    if not isinstance(payload, dict) or not isinstance(payload.get("q"), str):
        return None
    lang = payload.get("l") if payload.get("l") in ("en", "zh") else "en"
    texts = {k: payload.get(k) if isinstance(payload.get(k), str) else None for k in "cmz"}
    return FormPlace(payload["q"], texts["c"], texts["m"], str(lang), texts["z"])


def build_progress_view(form: ProgressForm, place: FormPlace) -> dict[str, Any]:
    """The modal: for one KPI its text, last value and target, and fields for the value,
    target, as-of date (today) and note; for several, a value field per KPI (its text and
    last value as the hint) and one date and note for all."""
    blocks: list[Block] = []
    if form.is_several:
        blocks.append(
            {"type": "context", "elements": [_plain(form.render("hint_several"))]},
        )
        for kpi in form.kpis:
            hint = f"{kpi.text} · {form.render('kpi_status', kpi=kpi)}"
            blocks.append(
                _text_input(to_field_id("value", kpi.code), kpi.code, optional=True, hint=hint)
            )
    else:
        kpi = form.kpis[0]
        text = f"*{escape_text(kpi.code)}* {escape_text(kpi.text)}"
        blocks.append({"type": "section", "text": {"type": "mrkdwn", "text": text[:3000]}})
        blocks.append({"type": "context", "elements": [_plain(form.render("kpi_status", kpi=kpi))]})
        blocks.append(
            _text_input(
                to_field_id("value", kpi.code),
                form.render("label_value"),
                hint=form.render("hint_value"),
            )
        )
        blocks.append(
            _text_input(to_field_id("target", kpi.code), form.render("label_target"), optional=True)
        )
    blocks.append(
        {
            "type": "input",
            "block_id": AS_OF_FIELD,
            "label": _plain(form.render("label_as_of")),
            "element": {
                "type": "datepicker",
                "action_id": INPUT_ACTION,
                "initial_date": form.today.isoformat(),
            },
        }
    )
    blocks.append(
        _text_input(
            NOTE_FIELD,
            form.render("label_note"),
            optional=True,
            multiline=True,
            max_length=MAX_NOTE_CHARS,
        )
    )
    metadata = place.to_metadata()
    assert len(metadata) <= MAX_METADATA and len(blocks) <= MAX_MODAL_BLOCKS
    return {
        "type": "modal",
        "callback_id": CALLBACK_PROGRESS,
        "title": _plain(form.render("title"), MAX_TITLE),
        "submit": _plain(form.render("button_submit"), MAX_TITLE),
        "close": _plain(form.render("button_cancel"), MAX_TITLE),
        "private_metadata": metadata,
        "blocks": blocks,
    }


def _read_input(values: Mapping[str, Any], block_id: str) -> str:
    block = values.get(block_id)
    field = block.get(INPUT_ACTION) if isinstance(block, Mapping) else None
    if not isinstance(field, Mapping):
        return ""
    raw = field.get("value") if field.get("type") != "datepicker" else field.get("selected_date")
    return remove_control_characters(raw).strip() if isinstance(raw, str) else ""


def extract_form_input(
    view: Mapping[str, Any], codes: tuple[str, ...]
) -> tuple[list[FormEntry], str, str]:
    """(entries, as-of date, note) from a submitted modal's state, for the form's KPIs."""
    state = view.get("state")
    values = state.get("values") if isinstance(state, Mapping) else None
    values = values if isinstance(values, Mapping) else {}
    entries = [
        FormEntry(
            code,
            _read_input(values, to_field_id("value", code)),
            _read_input(values, to_field_id("target", code)),
        )
        for code in codes
    ]
    return entries, _read_input(values, AS_OF_FIELD), _read_input(values, NOTE_FIELD)


def build_form_notice(text: str) -> dict[str, Any]:
    """A sentence of the form (a refusal, "recorded") as a private message."""
    escaped = escape_text(text)
    return {
        "text": escaped,
        "blocks": [{"type": "section", "text": {"type": "mrkdwn", "text": escaped}}],
    }


def build_recorded_view(text: str, lang: str, script: str = "") -> dict[str, Any]:
    """What the modal shows once a value from an answer's Update is recorded."""
    return {
        "type": "modal",
        "title": _plain(render_progress_text("title_recorded", lang, script), MAX_TITLE),
        "close": _plain(render_progress_text("button_close", lang, script), MAX_TITLE),
        "blocks": [{"type": "section", "text": {"type": "mrkdwn", "text": escape_text(text)}}],
    }
