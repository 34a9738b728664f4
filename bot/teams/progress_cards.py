"""The progress form as an Adaptive Card (Action.Execute), and what a submitted one holds."""

from __future__ import annotations

import logging
from collections.abc import Mapping
from typing import Any

from bot.progress import AS_OF_FIELD, NOTE_FIELD, FormEntry, ProgressForm, to_field_id
from bot.rendering import escape_card_text
from bot.teams.cards import (
    MAX_CARD_BYTES,
    VERB_PROGRESS_CANCEL,
    VERB_PROGRESS_SUBMIT,
    Card,
    to_card_size,
)

logger = logging.getLogger(__name__)

MAX_NOTE_CHARS = 500
MAX_NUMBER_CHARS = 40
# The texts one input may carry back; anything longer is cut (the store checks the rest).
MAX_INPUT_CHARS = 600
# A KPI's text is cut to the first of these lengths that lets the card fit MAX_CARD_BYTES
# (a theme's form lists up to MAX_FORM_KPIS of them; Slack's modal cuts its labels too).
KPI_TEXT_LIMITS = (600, 150, 60, 20)


def _text(text: str, **extra: Any) -> dict[str, Any]:
    return {"type": "TextBlock", "wrap": True, "text": text, **extra}


def _error(text: str) -> dict[str, Any]:
    return _text(escape_card_text(text), color="Attention", spacing="None")


def _input(
    field_id: str,
    label: str,
    typed: Mapping[str, str],
    *,
    placeholder: str = "",
    multiline: bool = False,
    max_length: int = MAX_NUMBER_CHARS,
) -> dict[str, Any]:
    element: dict[str, Any] = {
        "type": "Input.Text",
        "id": field_id,
        "label": label,
        "maxLength": max_length,
        "isMultiline": multiline,
    }
    if placeholder:
        element["placeholder"] = placeholder
    if typed.get(field_id):
        element["value"] = typed[field_id]
    return element


def _shorten(text: str, limit: int) -> str:
    text = text.strip()
    return text if len(text) <= limit else text[: limit - 1] + "…"


def build_progress_card(
    form: ProgressForm,
    nonce: str,
    typed: Mapping[str, str] | None = None,
    errors: Mapping[str, str] | None = None,
    question: str = "",
) -> Card:
    """The form in place of the reminder: for one KPI its text, last value and target and
    fields for the value, target, as-of date (today) and note; for several, a value field
    per KPI and one date and note. `typed` refills the fields and `errors` are shown under
    them (red) when a submission was refused. Submit carries the Update button's value and
    a `nonce` naming this form (a double submit records once). Long KPI texts are cut
    (shorter and shorter) until the card fits MAX_CARD_BYTES."""
    card: Card = {}
    for limit in KPI_TEXT_LIMITS:
        card = _build_progress_card(form, nonce, typed or {}, errors or {}, question, limit)
        if to_card_size(card) <= MAX_CARD_BYTES:
            return card
    logger.warning("progress card of %s KPIs over the size limit", len(form.kpis))
    return card


def _build_progress_card(
    form: ProgressForm,
    nonce: str,
    typed: Mapping[str, str],
    errors: Mapping[str, str],
    question: str,
    text_limit: int,
) -> Card:
    body: list[dict[str, Any]] = [_text(escape_card_text(form.render("title")), weight="Bolder")]

    def add(element: dict[str, Any]) -> None:
        body.append(element)
        if element.get("id") in errors:
            body.append(_error(errors[element["id"]]))

    if form.is_several:
        body.append(_text(escape_card_text(form.render("hint_several")), isSubtle=True))
        for kpi in form.kpis:
            label = f"{kpi.code} {_shorten(kpi.text, text_limit)}"
            status = form.render("kpi_status", kpi=kpi)
            add(_input(to_field_id("value", kpi.code), label, typed, placeholder=status))
    else:
        kpi = form.kpis[0]
        text = escape_card_text(_shorten(kpi.text, text_limit))
        body.append(_text(f"**{escape_card_text(kpi.code)}** {text}"))
        body.append(_text(escape_card_text(form.render("kpi_status", kpi=kpi)), isSubtle=True))
        add(
            _input(
                to_field_id("value", kpi.code),
                form.render("label_value"),
                typed,
                placeholder=form.render("hint_value"),
            )
        )
        add(_input(to_field_id("target", kpi.code), form.render("label_target"), typed))
    add(
        {
            "type": "Input.Date",
            "id": AS_OF_FIELD,
            "label": form.render("label_as_of"),
            "value": typed.get(AS_OF_FIELD) or form.today.isoformat(),
        }
    )
    add(
        _input(
            NOTE_FIELD,
            form.render("label_note"),
            typed,
            multiline=True,
            max_length=MAX_NOTE_CHARS,
        )
    )
    value = form.request.to_value()
    # Opened from an answer, not a reminder: its question, to show the answer again after.
    asked = {"q": question} if question else {}
    return {
        "type": "AdaptiveCard",
        "$schema": "http://adaptivecards.io/schemas/adaptive-card.json",
        "version": "1.5",
        "lang": form.lang,
        "msteams": {"width": "full"},
        "body": body,
        "actions": [
            {
                "type": "Action.Execute",
                "title": form.render("button_submit"),
                "verb": VERB_PROGRESS_SUBMIT,
                "data": {"v": value, "n": nonce, **asked},
                "style": "positive",
            },
            {
                "type": "Action.Execute",
                "title": form.render("button_cancel"),
                "verb": VERB_PROGRESS_CANCEL,
                "data": {"v": value, **asked},
                "associatedInputs": "none",
            },
        ],
    }


def _read(data: Mapping[str, Any], key: str) -> str:
    value = data.get(key)
    return value.strip()[:MAX_INPUT_CHARS] if isinstance(value, str) else ""


def extract_form_input(
    data: Mapping[str, Any], codes: tuple[str, ...]
) -> tuple[list[FormEntry], str, str, dict[str, str]]:
    """(entries, as-of date, note, every field as typed) from a submitted card's data
    (Action.Execute puts each input's value under its id)."""
    entries = [
        FormEntry(
            code,
            _read(data, to_field_id("value", code)),
            _read(data, to_field_id("target", code)),
        )
        for code in codes
    ]
    typed = {
        key: _read(data, key)
        for key in data
        if isinstance(key, str) and key not in ("v", "n") and _read(data, key)
    }
    return entries, _read(data, AS_OF_FIELD), _read(data, NOTE_FIELD), typed
