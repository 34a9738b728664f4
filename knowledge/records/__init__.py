"""What chats leave behind: votes, evidence from use, declined questions, handled events,
conversations."""

from knowledge.records import conversations, evidence, feedback
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
    "claim_event",
    "conversations",
    "create_declined",
    "create_evidence",
    "create_feedback",
    "delete_claim",
    "delete_claims_before",
    "evidence",
    "feedback",
    "list_conversations",
]
