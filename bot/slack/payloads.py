"""Readers of Slack payloads: the question, where to reply, who asked, whether to act at all."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from bot.slack.ids import is_user_id
from bot.slack.text import remove_control_characters, unescape_text

# Ids Slack gives users, channels, events and message timestamps; anything else is not
# from Slack and is not echoed back or stored.
_CHANNEL_ID = re.compile(r"^[CDGZ][A-Z0-9]{1,40}$")
_EVENT_ID = re.compile(r"^[A-Za-z0-9._-]{1,100}$")
_TS = re.compile(r"^\d{1,12}\.\d{1,8}$")
_RESPONSE_URL = re.compile(r"^https?://\S+$")
_TRIGGER_ID = re.compile(r"^[A-Za-z0-9._-]{1,100}$")
_SIGNATURE = re.compile(r"^v0=[0-9a-f]{64}$")


@dataclass(frozen=True)
class Place:
    """Where a reply goes: a channel (and thread), or the response_url of an ephemeral reply."""

    channel: str | None = None
    thread_ts: str | None = None
    response_url: str | None = field(default=None, repr=False)
    # An ephemeral /ask reply: the answer names its question and can be posted to the channel.
    is_private: bool = False


def _text(value: Any) -> str:
    return value if isinstance(value, str) else ""


def _matching(value: Any, pattern: re.Pattern[str]) -> str | None:
    return value if isinstance(value, str) and pattern.match(value) else None


def extract_question(text: Any, bot_user_id: str | None = None) -> str:
    """The question in a message: the bot's mention taken out, Slack's escaping undone."""
    question = _text(text)
    if bot_user_id:
        question = re.sub(rf"<@{re.escape(bot_user_id)}(?:\|[^>]*)?>", " ", question)
    return " ".join(remove_control_characters(unescape_text(question)).split())


def extract_user_id(value: Any) -> str | None:
    return value if isinstance(value, str) and is_user_id(value) else None


def extract_channel_id(value: Any) -> str | None:
    return _matching(value, _CHANNEL_ID)


def extract_ts(value: Any) -> str | None:
    return _matching(value, _TS)


def extract_response_url(value: Any) -> str | None:
    return _matching(value, _RESPONSE_URL)


def extract_event_id(body: Mapping[str, Any]) -> str | None:
    return _matching(body.get("event_id"), _EVENT_ID)


def _is_str_or_absent(holder: Mapping[str, Any], *keys: str) -> bool:
    return all(isinstance(holder.get(key), str | None) for key in keys)


def is_well_formed(body: Mapping[str, Any]) -> bool:
    """The fields Bolt matches listeners on have the types Slack gives them.

    A signed request of another shape is refused before Bolt trips over it.
    """
    if not _is_str_or_absent(body, "type", "command", "text", "event_id"):
        return False
    event = body.get("event")
    if event is not None and not (isinstance(event, Mapping) and _is_str_or_absent(event, "type")):
        return False
    actions = body.get("actions")
    if actions is not None and not (
        isinstance(actions, list)
        and all(
            isinstance(a, Mapping) and _is_str_or_absent(a, "action_id", "block_id", "type")
            for a in actions
        )
    ):
        return False
    return all(
        body.get(key) is None or isinstance(body.get(key), Mapping)
        for key in ("view", "user", "channel", "team", "container", "message")
    )


def is_retry(headers: Mapping[str, Sequence[str]]) -> bool:
    """Slack's redelivery of an event it thinks failed (Bolt lower-cases header names)."""
    return bool(headers.get("x-slack-retry-num"))


def _first_header(headers: Mapping[str, Sequence[str]], name: str) -> str | None:
    values = headers.get(name)
    return values[0] if values else None


# Claim keys: what makes a delivery the same one again. They name Slack's ids only, so that
# every web process makes the same key; never a response_url (a secret) nor user text.


def to_event_key(body: Mapping[str, Any]) -> str | None:
    """An Events API delivery and its redeliveries (X-Slack-Retry-Num) share the event_id."""
    event_id = extract_event_id(body)
    return f"slack:{event_id}" if event_id else None


def to_request_key(body: Mapping[str, Any], headers: Mapping[str, Sequence[str]]) -> str | None:
    """One slash command or click: its trigger_id (a new one each time a person acts), else
    the request's signature (a replay of the same signed request carries the same one)."""
    trigger_id = _matching(body.get("trigger_id"), _TRIGGER_ID)
    if trigger_id:
        return f"slack:trigger:{trigger_id}"
    signature = _matching(_first_header(headers, "x-slack-signature"), _SIGNATURE)
    return f"slack:signature:{signature[3:]}" if signature else None


def _to_message_key(body: Mapping[str, Any], kind: str) -> str | None:
    """A claim on what a click does to the message its button is on, for the one who clicked
    (channel, message ts, user), however often it is clicked."""
    container = body.get("container")
    if not isinstance(container, Mapping):
        return None
    channel = extract_channel_id(container.get("channel_id"))
    ts = extract_ts(container.get("message_ts"))
    user_id = extract_action_user_id(body)
    return f"slack:{kind}:{channel}:{ts}:{user_id}" if channel and ts and user_id else None


def to_post_key(body: Mapping[str, Any]) -> str | None:
    """A private answer posted to its channel: the ephemeral message the button is on and
    the one user who sees it."""
    return _to_message_key(body, "post")


def to_snooze_source(body: Mapping[str, Any]) -> str | None:
    """The reminder message a "remind me later" button is on (channel and ts): one snooze
    per person and message."""
    container = body.get("container")
    if not isinstance(container, Mapping):
        return None
    channel = extract_channel_id(container.get("channel_id"))
    ts = extract_ts(container.get("message_ts"))
    return f"{channel}:{ts}" if channel and ts else None


def to_vote_key(body: Mapping[str, Any]) -> str | None:
    """A vote on an answer: the message the buttons are on and the voter, so that a double
    click (two requests, two trigger_ids) is one vote."""
    return _to_message_key(body, "vote")


def is_user_message(event: Mapping[str, Any]) -> bool:
    """A message a person wrote: no subtype (edits, deletions, bot_message...), no bot."""
    return (
        not event.get("subtype")
        and not event.get("bot_id")
        and not event.get("bot_profile")
        and extract_user_id(event.get("user")) is not None
    )


def extract_locale(body: Mapping[str, Any]) -> str | None:
    """The user's locale where Slack sends one (only payloads that opted in carry it)."""
    event = body.get("event")
    user = body.get("user")
    for holder in (event, user, body):
        if isinstance(holder, Mapping) and isinstance(holder.get("locale"), str):
            return str(holder["locale"])
    return None


def extract_action_place(body: Mapping[str, Any]) -> Place:
    """Where the answer to a button click goes: the same place as the message clicked."""
    container = body.get("container")
    container = container if isinstance(container, Mapping) else {}
    message = body.get("message")
    response_url = extract_response_url(body.get("response_url"))
    if container.get("is_ephemeral") or not isinstance(message, Mapping):
        return Place(response_url=response_url, is_private=True)
    channel = body.get("channel")
    channel_id = channel.get("id") if isinstance(channel, Mapping) else None
    return Place(
        channel=extract_channel_id(channel_id or container.get("channel_id")),
        thread_ts=extract_ts(message.get("thread_ts")),
        response_url=response_url,
    )


def extract_action_value(body: Mapping[str, Any]) -> str:
    actions = body.get("actions")
    if isinstance(actions, list) and actions and isinstance(actions[0], Mapping):
        # Values are ours, sent back as we wrote them: no Slack escaping to undo.
        return " ".join(remove_control_characters(_text(actions[0].get("value"))).split())
    return ""


def extract_action_user_id(body: Mapping[str, Any]) -> str | None:
    user = body.get("user")
    return extract_user_id(user.get("id")) if isinstance(user, Mapping) else None
