"""What chats leave behind: votes, declined questions, handled events, conversations."""

from knowledge.records import contexts, conversations, feedback
from knowledge.records.contexts import (
    CONTEXT_TTL,
    delete_contexts_before,
    get_context,
    has_context,
    save_context,
)
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
    "CONTEXT_TTL",
    "claim_event",
    "contexts",
    "conversations",
    "create_declined",
    "create_feedback",
    "delete_claim",
    "delete_claims_before",
    "delete_contexts_before",
    "feedback",
    "get_context",
    "has_context",
    "list_conversations",
    "save_context",
]
