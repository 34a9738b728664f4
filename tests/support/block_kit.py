"""Block Kit payloads checked against slack_sdk's own models, nested elements included."""

from __future__ import annotations

from typing import Any

from slack_sdk.models.blocks import Block, BlockElement, TextObject


def validate_block_kit(message: dict[str, Any]) -> None:
    """Every block valid for slack_sdk's models, walking into its elements and texts."""
    for raw in message["blocks"]:
        block = Block.parse(raw)
        assert block is not None
        block.validate_json()
        for element in raw.get("elements", []):
            if element.get("type") == "button":
                button = BlockElement.parse(element)
                assert button is not None
                button.validate_json()
            else:
                TextObject.parse(element).validate_json()  # type: ignore[union-attr]
