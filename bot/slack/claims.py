"""Slack work done once across every web process: a delivery's claim key, claimed in the store."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Mapping, Sequence
from typing import Any

from bot.chat_records import ChatRecords
from bot.slack.payloads import to_request_key

logger = logging.getLogger(__name__)


async def claim(records: ChatRecords, key: str) -> bool:
    """True for the first process to claim `key`; raises StoreUnavailable."""
    return await asyncio.to_thread(records.claim_event, key)


async def release(records: ChatRecords, key: str) -> None:
    """The work claimed under `key` failed: a later try may do it."""
    await asyncio.to_thread(records.release_claim, key)


async def claim_request(
    records: ChatRecords, body: Mapping[str, Any], headers: Mapping[str, Sequence[str]]
) -> bool:
    """True when this slash command or click is new; False for the same request again (a
    replayed signed request). Raises StoreUnavailable."""
    key = to_request_key(body, headers)
    if key is None:
        # Socket Mode has no signature; a payload without a trigger_id cannot be told apart.
        logger.info("command or click without a trigger_id or signature handled unclaimed")
        return True
    if await claim(records, key):
        return True
    logger.info("repeated command or click ignored (already handled)")
    return False
