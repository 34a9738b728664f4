"""Reading Teams activities: who asked, where, what they typed; the conversation to keep."""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from typing import Any

from microsoft_teams.api.activities.message import MessageActivityInput
from microsoft_teams.api.models.attachment import Attachment
from microsoft_teams.api.models.entity import MentionEntity

from bot.teams.cards import to_attachment
from bot.teams.ids import to_user_id

PLATFORM = "teams"
# Longest question or command read from one message; Teams allows about 28 KB.
MAX_TEXT = 4000
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_WHITESPACE = re.compile(r"\s+")


@dataclass(frozen=True)
class Where:
    """The conversation an activity came from, as a conversation reference keeps it."""

    conversation_id: str  # a channel's id without ";messageid=…"
    service_url: str
    tenant_id: str
    kind: str  # "personal" | "channel" | "groupChat"
    title: str
    user_id: str  # personal chats: the user's Entra object id
    bot_id: str


def to_event_id(conversation_id: str, activity_id: str) -> str:
    """The key under which an activity is claimed (a redelivery is dropped), bounded in size."""
    digest = hashlib.sha256(f"{conversation_id}\n{activity_id}".encode()).hexdigest()[:40]
    return f"{PLATFORM}:{digest}"


def to_channel_id(conversation_id: str) -> str:
    """A channel thread's conversation id ("19:…@thread.tacv2;messageid=123") as the channel's."""
    return conversation_id.split(";", 1)[0]


def extract_where(activity: Any) -> Where | None:
    """The conversation of `activity`; None when it lacks what a reply would need."""
    conversation = getattr(activity, "conversation", None)
    service_url = getattr(activity, "service_url", None)
    recipient = getattr(activity, "recipient", None)
    if conversation is None or not conversation.id or not service_url:
        return None
    channel_data = getattr(activity, "channel_data", None)
    team = getattr(channel_data, "team", None)
    channel = getattr(channel_data, "channel", None)
    tenant = getattr(channel_data, "tenant", None)
    kind = str(conversation.conversation_type or "personal")
    if kind == "channel":
        names = [getattr(team, "name", None), getattr(channel, "name", None)]
        title = " / ".join(n for n in names if n) or str(conversation.name or "")
    else:
        title = str(conversation.name or "")
    sender = getattr(activity, "from_", None)
    user_id = to_user_id(getattr(sender, "aad_object_id", None)) if kind == "personal" else None
    return Where(
        conversation_id=to_channel_id(str(conversation.id)),
        service_url=str(service_url),
        tenant_id=str(conversation.tenant_id or getattr(tenant, "id", None) or ""),
        kind=kind,
        title=title[:200],
        user_id=user_id or "",
        bot_id=str(getattr(recipient, "id", "") or ""),
    )


def extract_tenant_id(activity: Any) -> str | None:
    conversation = getattr(activity, "conversation", None)
    tenant = getattr(getattr(activity, "channel_data", None), "tenant", None)
    value = getattr(conversation, "tenant_id", None) or getattr(tenant, "id", None)
    return str(value).lower() if value else None


def is_from_teams(activity: Any, tenant_id: str | None) -> bool:
    """Whether the activity came from Microsoft Teams (and, for a single-tenant app, from
    its tenant). The Bot Connector's token covers every channel of the Azure Bot (Web Chat,
    Direct Line, where the client writes the sender's fields itself): only Teams' are read."""
    if getattr(activity, "channel_id", None) != "msteams":
        return False
    return tenant_id is None or extract_tenant_id(activity) == tenant_id.lower()


def extract_user_id(activity: Any) -> str | None:
    """The sender's Entra object id (what roles and records go by); None for a bot or guest
    without one."""
    sender = getattr(activity, "from_", None)
    return to_user_id(getattr(sender, "aad_object_id", None))


def clean_text(text: str) -> str:
    """Control characters out, whitespace runs as one space, bounded."""
    return _WHITESPACE.sub(" ", _CONTROL.sub(" ", text)).strip()[:MAX_TEXT]


def list_mentions(activity: Any) -> list[MentionEntity]:
    return [e for e in (getattr(activity, "entities", None) or []) if isinstance(e, MentionEntity)]


def extract_text(activity: Any, replace: dict[str, str] | None = None) -> str:
    """What the person typed: the bot's own @mention removed; other mentions replaced by
    `replace[mentioned id]` when given (a command naming a person), else by their name."""
    text = getattr(activity, "text", None)
    if not isinstance(text, str):
        return ""
    bot_id = getattr(getattr(activity, "recipient", None), "id", None)
    for mention in list_mentions(activity):
        tag = mention.text or f"<at>{mention.mentioned.name or ''}</at>"
        if mention.mentioned.id == bot_id:
            text = text.replace(tag, " ")
        elif replace is not None and mention.mentioned.id in replace:
            text = text.replace(tag, f" {replace[mention.mentioned.id]} ")
        else:
            text = text.replace(tag, f" {mention.mentioned.name or ''} ")
    # A mention Teams sent without an entity still shows as <at>Name</at>.
    text = re.sub(r"</?at>", "", text)
    return clean_text(text)


def extract_card_action(activity: Any) -> tuple[str, dict[str, Any]]:
    """(verb, data) of an Action.Execute click; ("", {}) when the payload is not one."""
    value = getattr(activity, "value", None)
    action = getattr(value, "action", None)
    verb = getattr(action, "verb", None)
    data = getattr(action, "data", None)
    if not isinstance(verb, str) or not isinstance(data, dict):
        return "", {}
    return verb, data


def read_data_text(data: dict[str, Any], key: str) -> str:
    value = data.get(key)
    return clean_text(value) if isinstance(value, str) else ""


def to_card_message(card: dict[str, Any]) -> MessageActivityInput:
    """A message carrying one Adaptive Card."""
    attachment = to_attachment(card)
    return MessageActivityInput(
        attachments=[
            Attachment(content_type=attachment["contentType"], content=attachment["content"])
        ]
    )
