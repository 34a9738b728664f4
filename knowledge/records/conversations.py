"""Conversations a chat platform lets the bot post to unasked, kept as the platform gave them.

Teams only lets a bot start a message in a conversation it was told about (installed in a
team or chat, or messaged): the adapter saves what it needs to post there later (service
URL, tenant) and removes it when the bot is uninstalled. Removal only stamps `removed_at`,
so the row keeps when it was created; saving it again brings it back. Every function takes
the caller's session; `save_conversation` and `remove_conversation` flush, the caller
commits.
"""

from __future__ import annotations

from sqlmodel import Session, col, select

from knowledge.errors import InvalidValue
from knowledge.store import ConversationRef, utc_now

KINDS = ("personal", "channel", "groupChat")
# The columns' sizes (knowledge.store.models.ConversationRef): an id longer than its column is
# refused (cutting it would name another conversation); a title is only cut.
_MAX_LENGTHS = {
    "platform": 16,
    "conversation_id": 255,
    "service_url": 500,
    "tenant_id": 64,
    "user_id": 64,
    "bot_id": 128,
}
MAX_TITLE = 200


def _find(session: Session, platform: str, conversation_id: str) -> ConversationRef | None:
    """The row, removed or not."""
    return session.exec(
        select(ConversationRef).where(
            ConversationRef.platform == platform,
            ConversationRef.conversation_id == conversation_id,
        )
    ).first()


def save_conversation(
    session: Session,
    *,
    platform: str,
    conversation_id: str,
    service_url: str,
    tenant_id: str = "",
    kind: str,
    title: str = "",
    user_id: str = "",
    bot_id: str = "",
) -> ConversationRef:
    """Insert the conversation or bring its row up to date (and back, if removed); flushes.

    Raises InvalidValue: "bad_kind" for a kind outside KINDS, "empty" for an empty platform,
    conversation id or service URL, "too_long" for a value longer than its column.
    """
    values = {
        "platform": platform,
        "conversation_id": conversation_id,
        "service_url": service_url,
        "tenant_id": tenant_id,
        "user_id": user_id,
        "bot_id": bot_id,
    }
    for field in ("platform", "conversation_id", "service_url"):
        if not values[field]:
            raise InvalidValue(field, values[field], "empty")
    for field, limit in _MAX_LENGTHS.items():
        if len(values[field]) > limit:
            raise InvalidValue(field, values[field], "too_long")
    if kind not in KINDS:
        raise InvalidValue("kind", kind, "bad_kind")
    title = title.strip()[:MAX_TITLE]
    conversation = _find(session, platform, conversation_id)
    if conversation is None:
        conversation = ConversationRef(
            platform=platform,
            conversation_id=conversation_id,
            service_url=service_url,
            tenant_id=tenant_id,
            kind=kind,
            title=title,
            user_id=user_id,
            bot_id=bot_id,
        )
    else:
        conversation.service_url = service_url
        conversation.kind = kind
        # An event that does not carry them (a message, where an installation did) keeps
        # what was saved before.
        conversation.tenant_id = tenant_id or conversation.tenant_id
        conversation.title = title or conversation.title
        conversation.user_id = user_id or conversation.user_id
        conversation.bot_id = bot_id or conversation.bot_id
        conversation.updated_at = utc_now()
        conversation.removed_at = None
    session.add(conversation)
    session.flush()
    return conversation


def get_conversation(
    session: Session, platform: str, conversation_id: str
) -> ConversationRef | None:
    """The conversation, or None when it is unknown or was removed."""
    conversation = _find(session, platform, conversation_id)
    if conversation is None or conversation.removed_at is not None:
        return None
    return conversation


def find_personal(session: Session, platform: str, user_id: str) -> ConversationRef | None:
    """The person's own chat with the bot (where a DM to them goes), if they have one."""
    return session.exec(
        select(ConversationRef)
        .where(
            ConversationRef.platform == platform,
            ConversationRef.kind == "personal",
            ConversationRef.user_id == user_id,
            col(ConversationRef.removed_at).is_(None),
        )
        .order_by(col(ConversationRef.updated_at).desc())
    ).first()


def list_conversations(session: Session, platform: str) -> list[ConversationRef]:
    """The platform's conversations not removed, by title (then id, for untitled ones)."""
    return list(
        session.exec(
            select(ConversationRef)
            .where(
                ConversationRef.platform == platform,
                col(ConversationRef.removed_at).is_(None),
            )
            .order_by(col(ConversationRef.title), col(ConversationRef.conversation_id))
        )
    )


def remove_conversation(session: Session, platform: str, conversation_id: str) -> bool:
    """Marks the conversation removed; False when it was unknown or removed already."""
    conversation = get_conversation(session, platform, conversation_id)
    if conversation is None:
        return False
    conversation.removed_at = utc_now()
    conversation.updated_at = conversation.removed_at
    session.add(conversation)
    session.flush()
    return True
