"""Every Block Kit payload checked with slack_sdk's own models, nested elements included.

`validate_json()` checks one object at a time: a block does not check its buttons' texts,
an actions block does not check the options of a select. `assert_valid_payload` walks a
message, a view or a response_url payload: each block, each element inside it (at any
depth: a context_actions block's feedback buttons, an input's element, a rich_text
block's lists), each text object.
"""

from __future__ import annotations

import json
from typing import Any

from slack_sdk.models.blocks import Block, BlockElement, FeedbackButtonObject, TextObject
from slack_sdk.models.views import View

_TEXT_TYPES = frozenset({"plain_text", "mrkdwn"})
_FEEDBACK_BUTTONS = frozenset({"positive_button", "negative_button"})
# Element types that hold further elements of their own kind (rich text's pieces), which
# slack_sdk models as plain dicts: their children are walked, not parsed.
_RICH_TEXT_PARTS = frozenset(
    {"rich_text_section", "rich_text_list", "rich_text_quote", "rich_text_preformatted"}
)
_RICH_TEXT_LEAVES = frozenset(
    {"text", "link", "emoji", "user", "channel", "usergroup", "date", "broadcast", "color"}
)


def _check_text(node: dict[str, Any], where: str) -> None:
    text = TextObject.parse(node)  # type: ignore[arg-type]
    assert text is not None, f"{where}: not a text object: {node}"
    text.validate_json()


def _check_element(node: dict[str, Any], where: str) -> None:
    kind = node.get("type")
    if kind in _TEXT_TYPES:
        _check_text(node, where)
        return
    if kind in _RICH_TEXT_PARTS or kind in _RICH_TEXT_LEAVES:
        for child in node.get("elements", []):
            _check_element(child, f"{where}.{kind}")
        return
    element = BlockElement.parse(node)
    assert element is not None, f"{where}: slack_sdk does not know element {kind!r}"
    element.validate_json()
    _walk_children(node, f"{where}.{kind}")


def _walk_children(node: dict[str, Any], where: str) -> None:
    for key, value in node.items():
        if key == "type":
            continue
        items = value if isinstance(value, list) else [value]
        for item in items:
            if isinstance(item, dict) and "type" in item:
                _check_element(item, f"{where}.{key}")
            elif isinstance(item, dict):
                if key in _FEEDBACK_BUTTONS:
                    # Its limits (a 75-character label) are the button object's own.
                    button = FeedbackButtonObject.parse(item)
                    assert button is not None, f"{where}.{key}: not a feedback button"
                    button.validate_json()
                # An option, a feedback button: its own texts inside.
                _walk_children(item, f"{where}.{key}")


def assert_valid_blocks(blocks: list[dict[str, Any]], where: str = "blocks") -> None:
    for index, raw in enumerate(blocks):
        block = Block.parse(raw)
        assert block is not None, (
            f"{where}[{index}]: slack_sdk does not know block {raw.get('type')!r}"
        )
        block.validate_json()
        _walk_children(raw, f"{where}[{index}].{raw.get('type')}")


def assert_valid_view(view: dict[str, Any]) -> None:
    View(**view).validate_json()
    assert_valid_blocks(view.get("blocks", []), "view.blocks")


def assert_valid_payload(body: dict[str, Any]) -> None:
    """A Web API call's or response_url's body: its blocks (as a list, or JSON text as a
    form sends them) and its view, if it has them."""
    blocks = body.get("blocks")
    if isinstance(blocks, str):
        blocks = json.loads(blocks)
    if blocks is not None:
        assert isinstance(blocks, list)
        assert_valid_blocks(blocks)
    view = body.get("view")
    if isinstance(view, str):
        view = json.loads(view)
    if view is not None:
        assert_valid_view(view)


def _check_view_fields(view: dict[str, Any]) -> None:
    """A view as sent to views.open: its own fields (not the state Slack adds), its title and
    buttons, and Slack's 100-block limit."""
    fields = {k: v for k, v in view.items() if k not in ("id", "state", "hash")}
    View(**fields).validate_json()
    for key in ("title", "submit", "close"):
        if key in view:
            _check_text(view[key], f"view.{key}")
    assert len(view["blocks"]) <= 100


# The names the progress-form tests use (one walker for both).
def validate_blocks(blocks: list[dict[str, Any]]) -> None:
    assert_valid_blocks(blocks)


def validate_message(message: dict[str, Any]) -> None:
    assert len(message["blocks"]) <= 50
    assert_valid_blocks(message["blocks"])


def validate_view(view: dict[str, Any]) -> None:
    _check_view_fields(view)
    assert_valid_blocks(view["blocks"], "view.blocks")
