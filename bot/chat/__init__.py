"""The chat flow every platform shares, and what it writes to the store; no platform here."""

from bot.chat.flow import (
    DM_WINDOW,
    ChatFlow,
    Claim,
    Conversation,
    Notice,
    Outcome,
    Rest,
    Thread,
    to_unavailable_notice,
)
from bot.chat.more import drop_lines, read_more_value, to_more_value
from bot.chat.records import ChatRecords

__all__ = [
    "DM_WINDOW",
    "ChatFlow",
    "ChatRecords",
    "Claim",
    "Conversation",
    "Notice",
    "Outcome",
    "Rest",
    "Thread",
    "drop_lines",
    "read_more_value",
    "to_more_value",
    "to_unavailable_notice",
]
