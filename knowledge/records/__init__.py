"""What chats leave behind: votes, evidence from use, declined questions, handled events,
conversations, and people's time away."""

from knowledge.records import away, contexts, conversations, evidence, feedback
from knowledge.records.away import AwayInvalid, AwayPerson, is_away, list_away
from knowledge.records.contexts import (
    CONTEXT_TTL,
    delete_contexts_before,
    get_context,
    has_context,
    save_context,
)
from knowledge.records.conversations import list_conversations
from knowledge.records.evidence import create_evidence
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
    "CONTEXT_TTL",
    "AwayInvalid",
    "AwayPerson",
    "away",
    "claim_event",
    "contexts",
    "conversations",
    "create_declined",
    "create_evidence",
    "create_feedback",
    "delete_claim",
    "delete_claims_before",
    "delete_contexts_before",
    "evidence",
    "feedback",
    "get_context",
    "has_context",
    "is_away",
    "list_away",
    "list_conversations",
    "save_context",
]
