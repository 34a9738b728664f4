"""Conversation contexts: what a conversation's last answered turn leaves for a follow-up.

One row per conversation (a Slack thread or DM, a Teams chat or reply chain), written only
when the bot answered there: a conversation the bot never answered in has none, and the
text of its messages is never kept. A context is read only while it is younger than the
age its caller allows (at most `CONTEXT_TTL`); older rows are removed as new ones are
written. Every function takes the caller's session; `save_context` flushes, the caller
commits.
"""

from __future__ import annotations

import json
from datetime import datetime, timedelta

from sqlalchemy import delete
from sqlmodel import Session, col, select

from knowledge.answering.followups import TurnContext
from knowledge.errors import InvalidValue
from knowledge.store import ConversationContext, utc_now

# A context older than this is forgotten: a conversation taken up a day later starts again.
CONTEXT_TTL = timedelta(hours=24)
# The JSON of one context, at most: a context is a few codes and one question.
MAX_CONTEXT_CHARS = 2_000
_MAX_KEY = 255
_MAX_PLATFORM = 16


def _find(session: Session, platform: str, key: str) -> ConversationContext | None:
    return session.exec(
        select(ConversationContext).where(
            ConversationContext.platform == platform,
            ConversationContext.conversation_key == key,
        )
    ).first()


def _is_fresh(row: ConversationContext, now: datetime, max_age: timedelta) -> bool:
    updated = row.updated_at if row.updated_at.tzinfo else row.updated_at.replace(tzinfo=now.tzinfo)
    return now - updated < min(max_age, CONTEXT_TTL)


def get_context(
    session: Session,
    platform: str,
    key: str,
    max_age: timedelta = CONTEXT_TTL,
    now: datetime | None = None,
) -> TurnContext | None:
    """The conversation's context, or None when it has none younger than `max_age`."""
    row = _find(session, platform, key)
    if row is None or not _is_fresh(row, now or utc_now(), max_age):
        return None
    return TurnContext.from_dict(row.context)


def has_context(
    session: Session,
    platform: str,
    key: str,
    max_age: timedelta = CONTEXT_TTL,
    now: datetime | None = None,
) -> bool:
    """Whether the bot answered in the conversation within `max_age`."""
    row = _find(session, platform, key)
    return row is not None and _is_fresh(row, now or utc_now(), max_age)


def save_context(
    session: Session,
    platform: str,
    key: str,
    context: TurnContext,
    now: datetime | None = None,
) -> ConversationContext:
    """Keep `context` as the conversation's (replacing the one before); flushes. Contexts
    older than CONTEXT_TTL are removed on the way.

    Raises InvalidValue: "empty" for an empty platform or key, "too_long" for one longer
    than its column."""
    for field, value, limit in (("platform", platform, _MAX_PLATFORM), ("key", key, _MAX_KEY)):
        if not value:
            raise InvalidValue(field, value, "empty")
        if len(value) > limit:
            raise InvalidValue(field, value, "too_long")
    now = now or utc_now()
    kept = context.to_dict()
    if len(json.dumps(kept, ensure_ascii=False)) > MAX_CONTEXT_CHARS:
        kept["question"] = ""  # only a language switch needs it
    delete_contexts_before(session, now - CONTEXT_TTL)
    row = _find(session, platform, key)
    if row is None:
        row = ConversationContext(platform=platform, conversation_key=key, context=kept)
    else:
        row.context = kept
    row.updated_at = now
    session.add(row)
    session.flush()
    return row


def delete_contexts_before(session: Session, cutoff: datetime) -> int:
    """Removes the contexts last written before `cutoff`; how many."""
    result = session.exec(
        delete(ConversationContext).where(col(ConversationContext.updated_at) < cutoff)
    )
    return int(result.rowcount or 0)
