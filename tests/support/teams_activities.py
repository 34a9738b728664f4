"""Inbound activities shaped like Teams': messages, card actions, installs, the bot being added.

Each builder returns the activity as a dict (camelCase JSON, as the Bot Connector posts it).
Post it to the bot's /api/messages with `Authorization: Bearer <TeamsStandIn.mint_token(APP_ID,
service_url)>`, `service_url` being the stand-in's `url` (the token's serviceurl must match).

Conversations by kind, as Teams sends them: `personal` (a:… id), `channel` (19:…@thread.tacv2;
the activity's conversation id carries ";messageid=<thread root>", the channel itself is in
channelData), `groupChat` (19:…@thread.v2). Activity ids are numeric, increasing.
"""

from __future__ import annotations

import itertools
from datetime import UTC, datetime
from typing import Any, Literal

from tests.support.teams_standin import APP_ID, TENANT_ID

Kind = Literal["personal", "channel", "groupChat"]

USER_ID = "29:1standin-asker-0001"
AAD_OBJECT_ID = "6f1c3a7e-2b4d-4c59-9a8e-0d7f5e3b1a21"
USER_NAME = "Ada Asker"
BOT_ID = f"28:{APP_ID}"
BOT_NAME = "staffbot"
TEAM_ID = "19:standin-team@thread.tacv2"
CONVERSATIONS: dict[Kind, str] = {
    "personal": "a:1standin-personal-chat",
    "channel": "19:standin-general@thread.tacv2",
    "groupChat": "19:standin-group-chat@thread.v2",
}
_ids = itertools.count(1699990000001)


def new_activity_id() -> str:
    return str(next(_ids))


def message(
    text: str,
    *,
    service_url: str,
    kind: Kind = "personal",
    conversation_id: str | None = None,
    thread_id: str | None = None,
    user_id: str = USER_ID,
    aad_object_id: str = AAD_OBJECT_ID,
    user_name: str = USER_NAME,
    locale: str = "en-US",
    bot_id: str = BOT_ID,
    mention_bot: bool = False,
    activity_id: str | None = None,
    tenant_id: str = TENANT_ID,
) -> dict[str, Any]:
    """A message from a person; in a channel a new post unless `thread_id` names the root.

    With `mention_bot` the text starts with `<at>staffbot</at> ` and a mention entity, as
    Teams sends it in channels and group chats (where a bot only hears what mentions it).
    """
    activity_id = activity_id or new_activity_id()
    entities: list[dict[str, Any]] = [
        {"type": "clientInfo", "locale": locale, "country": "US", "platform": "Web"}
    ]
    if mention_bot:
        mention = f"<at>{BOT_NAME}</at>"
        text = f"{mention} {text}"
        entities.append(
            {"type": "mention", "text": mention, "mentioned": {"id": bot_id, "name": BOT_NAME}}
        )
    activity = _activity(
        "message",
        activity_id=activity_id,
        service_url=service_url,
        kind=kind,
        conversation_id=conversation_id,
        thread_id=thread_id or activity_id,
        user_id=user_id,
        aad_object_id=aad_object_id,
        user_name=user_name,
        locale=locale,
        bot_id=bot_id,
        tenant_id=tenant_id,
    )
    return {**activity, "text": text, "textFormat": "plain", "entities": entities}


def card_action(
    verb: str,
    data: dict[str, Any],
    *,
    service_url: str,
    reply_to_id: str,
    kind: Kind = "personal",
    conversation_id: str | None = None,
    thread_id: str | None = None,
    user_id: str = USER_ID,
    aad_object_id: str = AAD_OBJECT_ID,
    user_name: str = USER_NAME,
    locale: str = "en-US",
    bot_id: str = BOT_ID,
    activity_id: str | None = None,
    tenant_id: str = TENANT_ID,
) -> dict[str, Any]:
    """An Action.Execute click (invoke `adaptiveCard/action`) on the card message `reply_to_id`."""
    activity = _activity(
        "invoke",
        activity_id=activity_id or new_activity_id(),
        service_url=service_url,
        kind=kind,
        conversation_id=conversation_id,
        thread_id=thread_id or reply_to_id,
        user_id=user_id,
        aad_object_id=aad_object_id,
        user_name=user_name,
        locale=locale,
        bot_id=bot_id,
        tenant_id=tenant_id,
    )
    value = {
        "action": {"type": "Action.Execute", "verb": verb, "data": data},
        "trigger": "manual",
    }
    return {**activity, "name": "adaptiveCard/action", "value": value, "replyToId": reply_to_id}


def installation_add(
    *,
    service_url: str,
    kind: Kind = "personal",
    conversation_id: str | None = None,
    user_id: str = USER_ID,
    aad_object_id: str = AAD_OBJECT_ID,
    locale: str = "en-US",
    bot_id: str = BOT_ID,
    tenant_id: str = TENANT_ID,
) -> dict[str, Any]:
    """The app installed (for a person, in a team or a group chat) by `user_id`."""
    return _installation(
        "add", service_url, kind, conversation_id, user_id, aad_object_id, locale, bot_id, tenant_id
    )


def installation_remove(
    *,
    service_url: str,
    kind: Kind = "personal",
    conversation_id: str | None = None,
    user_id: str = USER_ID,
    aad_object_id: str = AAD_OBJECT_ID,
    locale: str = "en-US",
    bot_id: str = BOT_ID,
    tenant_id: str = TENANT_ID,
) -> dict[str, Any]:
    """The app uninstalled by `user_id`: the bot can no longer post there."""
    return _installation(
        "remove",
        service_url,
        kind,
        conversation_id,
        user_id,
        aad_object_id,
        locale,
        bot_id,
        tenant_id,
    )


def members_added(
    *,
    service_url: str,
    kind: Kind = "personal",
    conversation_id: str | None = None,
    user_id: str = USER_ID,
    aad_object_id: str = AAD_OBJECT_ID,
    bot_id: str = BOT_ID,
    tenant_id: str = TENANT_ID,
    team_name: str = "Stand-in Team",
) -> dict[str, Any]:
    """conversationUpdate with the bot among membersAdded (a team's: eventType teamMemberAdded)."""
    activity = _activity(
        "conversationUpdate",
        activity_id=f"f:{new_activity_id()}",
        service_url=service_url,
        kind=kind,
        conversation_id=conversation_id,
        thread_id=None,
        user_id=user_id,
        aad_object_id=aad_object_id,
        user_name=USER_NAME,
        locale=None,
        bot_id=bot_id,
        tenant_id=tenant_id,
    )
    added = [{"id": bot_id}]
    if kind == "personal":
        added.insert(0, {"id": user_id, "aadObjectId": aad_object_id})
    if kind == "channel":
        activity["channelData"]["eventType"] = "teamMemberAdded"
        activity["channelData"]["team"]["name"] = team_name
    return {**activity, "membersAdded": added}


def _installation(
    action: Literal["add", "remove"],
    service_url: str,
    kind: Kind,
    conversation_id: str | None,
    user_id: str,
    aad_object_id: str,
    locale: str,
    bot_id: str,
    tenant_id: str,
) -> dict[str, Any]:
    activity = _activity(
        "installationUpdate",
        activity_id=f"f:{new_activity_id()}",
        service_url=service_url,
        kind=kind,
        conversation_id=conversation_id,
        thread_id=None,
        user_id=user_id,
        aad_object_id=aad_object_id,
        user_name=USER_NAME,
        locale=locale,
        bot_id=bot_id,
        tenant_id=tenant_id,
    )
    return {**activity, "action": action}


def _activity(
    activity_type: str,
    *,
    activity_id: str,
    service_url: str,
    kind: Kind,
    conversation_id: str | None,
    thread_id: str | None,
    user_id: str,
    aad_object_id: str,
    user_name: str,
    locale: str | None,
    bot_id: str,
    tenant_id: str,
) -> dict[str, Any]:
    base_id = conversation_id or CONVERSATIONS[kind]
    conversation: dict[str, Any] = {
        "id": base_id,
        "conversationType": kind,
        "tenantId": tenant_id,
    }
    channel_data: dict[str, Any] = {"tenant": {"id": tenant_id}}
    if kind != "personal":
        conversation["isGroup"] = True
    if kind == "channel":
        if thread_id:
            conversation["id"] = f"{base_id};messageid={thread_id}"
        channel_data.update(
            {
                "teamsChannelId": base_id,
                "teamsTeamId": TEAM_ID,
                "channel": {"id": base_id},
                "team": {"id": TEAM_ID},
            }
        )
    now = datetime.now(UTC).isoformat().replace("+00:00", "Z")
    activity: dict[str, Any] = {
        "type": activity_type,
        "id": activity_id,
        "timestamp": now,
        "serviceUrl": service_url,
        "channelId": "msteams",
        "from": {"id": user_id, "name": user_name, "aadObjectId": aad_object_id},
        "conversation": conversation,
        "recipient": {"id": bot_id, "name": BOT_NAME},
        "channelData": channel_data,
    }
    if locale:
        activity["locale"] = locale
    return activity
