"""The chat flow every platform shares (asking an expert too), and what it writes to the store;
no platform here."""

from bot.chat.experts import ExpertDesk, MemberCheck, Ticket, Told, read_ticket_id
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
from bot.chat.suggestions import SuggestionClick, read_suggestion_value, to_suggestion_value

__all__ = [
    "DM_WINDOW",
    "ChatFlow",
    "ChatRecords",
    "Claim",
    "Conversation",
    "ExpertDesk",
    "MemberCheck",
    "Notice",
    "Outcome",
    "Rest",
    "SuggestionClick",
    "Thread",
    "Ticket",
    "Told",
    "drop_lines",
    "read_more_value",
    "read_suggestion_value",
    "read_ticket_id",
    "to_more_value",
    "to_suggestion_value",
    "to_unavailable_notice",
]
