"""What chats leave behind: votes, declined questions, handled events, conversations, and
people's time away."""

from knowledge.records import away, conversations, feedback
from knowledge.records.away import AwayInvalid, AwayPerson, is_away, list_away
from knowledge.records.conversations import list_conversations
from knowledge.records.feedback import (
    CLAIM_RETENTION,
    claim_event,
    create_declined,
    create_feedback,
    delete_claim,
    delete_claims_before,
)

__all__ = [
    "CLAIM_RETENTION",
    "AwayInvalid",
    "AwayPerson",
    "away",
    "claim_event",
    "conversations",
    "create_declined",
    "create_feedback",
    "delete_claim",
    "delete_claims_before",
    "feedback",
    "is_away",
    "list_away",
    "list_conversations",
]
