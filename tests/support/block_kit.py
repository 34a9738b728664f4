"""Block Kit checks with slack_sdk's own models, one object at a time, walking into every
nested element and text (`validate_json()` does not look inside what an object holds)."""

from __future__ import annotations

from typing import Any

from slack_sdk.models.blocks import Block, BlockElement, TextObject
from slack_sdk.models.views import View


def _validate_text(raw: dict[str, Any]) -> None:
    text = TextObject.parse(raw)  # type: ignore[arg-type]
    assert text is not None, raw
    text.validate_json()


def _validate_element(raw: dict[str, Any]) -> None:
    if raw.get("type") in ("plain_text", "mrkdwn"):
        _validate_text(raw)
        return
    element = BlockElement.parse(raw)  # type: ignore[arg-type]
    assert element is not None and type(element) is not BlockElement, raw
    element.validate_json()
    for key in ("text", "placeholder"):
        if isinstance(raw.get(key), dict):
            _validate_text(raw[key])


def validate_blocks(blocks: list[dict[str, Any]]) -> None:
    """Every block, its texts and its elements valid for slack_sdk's models."""
    for raw in blocks:
        block = Block.parse(raw)  # type: ignore[arg-type]
        assert block is not None and type(block) is not Block, raw
        block.validate_json()
        for key in ("text", "label", "hint"):
            if isinstance(raw.get(key), dict):
                _validate_text(raw[key])
        for element in raw.get("elements", []):
            _validate_element(element)
        for key in ("element", "accessory"):
            if isinstance(raw.get(key), dict):
                _validate_element(raw[key])


def validate_message(message: dict[str, Any]) -> None:
    assert len(message["blocks"]) <= 50
    validate_blocks(message["blocks"])


def validate_view(view: dict[str, Any]) -> None:
    """A modal (the view as sent to views.open), its own fields and every block."""
    fields = {k: v for k, v in view.items() if k not in ("id", "state", "hash")}
    View(**fields).validate_json()
    _validate_text(view["title"])
    for key in ("submit", "close"):
        if key in view:
            _validate_text(view[key])
    assert len(view["blocks"]) <= 100
    validate_blocks(view["blocks"])
