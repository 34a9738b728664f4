"""Request bodies shaped like Slack's: slash commands, event callbacks, button clicks.

Each builder returns `(body, content_type)`; sign the body with `slack_standin.sign`.
"""

from __future__ import annotations

import itertools
import json
import os
from typing import Any
from urllib.parse import urlencode

from tests.support.slack_standin import TEAM_ID

FORM = "application/x-www-form-urlencoded"
JSON = "application/json"
APP_ID = "A0STAFFBOT"
_ids = itertools.count(1)


def new_event_id() -> str:
    # The process id too: load processes of the benchmarks are forked with the same counter.
    return f"Ev{os.getpid():x}x{next(_ids):08d}"


def new_trigger_id() -> str:
    """A trigger_id as Slack gives one to each command and click (the bot claims each once)."""
    return f"{next(_ids)}.{os.getpid()}.{next(_ids):032x}"


def slash_command(
    text: str,
    response_url: str,
    *,
    command: str = "/ask",
    user_id: str = "U0ASKER01",
    channel_id: str = "C0GENERAL",
    trigger_id: str | None = None,
) -> tuple[bytes, str]:
    form = {
        "token": "deprecated-verification-token",
        "team_id": TEAM_ID,
        "team_domain": "standin",
        "channel_id": channel_id,
        "channel_name": "general",
        "user_id": user_id,
        "user_name": "asker",
        "command": command,
        "text": text,
        "api_app_id": APP_ID,
        "response_url": response_url,
        "trigger_id": trigger_id or new_trigger_id(),
    }
    return urlencode(form).encode(), FORM


def _new_ts() -> str:
    return f"1700000000.{next(_ids):06d}"


def event_callback(event: dict[str, Any], *, event_id: str | None = None) -> tuple[bytes, str]:
    """An Events API envelope around `event`, with a new event_id unless one is given."""
    envelope = {
        "token": "deprecated-verification-token",
        "team_id": TEAM_ID,
        "api_app_id": APP_ID,
        "event": event,
        "type": "event_callback",
        "event_id": event_id or new_event_id(),
        "event_time": 1700000000,
        "authorizations": [{"team_id": TEAM_ID, "user_id": "UBOT0001", "is_bot": True}],
    }
    return json.dumps(envelope).encode(), JSON


def block_action(
    action_id: str,
    value: str,
    *,
    response_url: str,
    user_id: str = "U0ASKER01",
    channel_id: str = "C0GENERAL",
    message: dict[str, Any] | None = None,
    message_ts: str | None = None,
    trigger_id: str | None = None,
) -> tuple[bytes, str]:
    """A button click; without `message` it was on an ephemeral message (as /ask answers are)
    whose ts is `message_ts` (a new one unless given)."""
    payload: dict[str, Any] = {
        "type": "block_actions",
        "team": {"id": TEAM_ID, "domain": "standin"},
        "user": {"id": user_id, "username": "asker", "team_id": TEAM_ID},
        "api_app_id": APP_ID,
        "token": "deprecated-verification-token",
        "container": {
            "type": "message",
            "message_ts": (message or {}).get("ts") or message_ts or _new_ts(),
            "channel_id": channel_id,
            "is_ephemeral": message is None,
        },
        "trigger_id": trigger_id or new_trigger_id(),
        "channel": {"id": channel_id, "name": "general"},
        "response_url": response_url,
        "actions": [
            {
                "type": "button",
                "action_id": action_id,
                "block_id": "votes",
                "text": {"type": "plain_text", "text": "x"},
                "value": value,
                "action_ts": "1700000001.000001",
            }
        ],
    }
    if message is not None:
        payload["message"] = message
    return urlencode({"payload": json.dumps(payload)}).encode(), FORM


def view_submission(
    view: dict[str, Any], values: dict[str, str], *, user_id: str = "U0ASKER01"
) -> tuple[bytes, str]:
    """A modal `view` (as views.open returned it) submitted with `values`: block id → the
    text typed (a datepicker's block id → its date, YYYY-MM-DD)."""
    state: dict[str, Any] = {}
    for block in view.get("blocks", []):
        if block.get("type") != "input" or block["block_id"] not in values:
            continue
        element = block["element"]
        typed = values[block["block_id"]]
        if element["type"] == "datepicker":
            field = {"type": "datepicker", "selected_date": typed}
        else:
            field = {"type": element["type"], "value": typed}
        state[block["block_id"]] = {element["action_id"]: field}
    payload = {
        "type": "view_submission",
        "team": {"id": TEAM_ID, "domain": "standin"},
        "user": {"id": user_id, "username": "asker", "team_id": TEAM_ID},
        "api_app_id": APP_ID,
        "token": "deprecated-verification-token",
        "trigger_id": new_trigger_id(),
        "view": {**view, "state": {"values": state}, "hash": "1700000000.abcdef"},
        "response_urls": [],
    }
    return urlencode({"payload": json.dumps(payload)}).encode(), FORM


def modal_submission(
    callback_id: str,
    private_metadata: str,
    values: dict[str, dict[str, Any]],
    *,
    user_id: str = "U0ASKER01",
) -> tuple[bytes, str]:
    """A modal's submission: `values` as Slack sends the view's state (block id → action
    id → {"type", "value"})."""
    payload: dict[str, Any] = {
        "type": "view_submission",
        "team": {"id": TEAM_ID, "domain": "standin"},
        "user": {"id": user_id, "username": "expert", "team_id": TEAM_ID},
        "api_app_id": APP_ID,
        "token": "deprecated-verification-token",
        "trigger_id": new_trigger_id(),
        "view": {
            "id": "V0STANDIN1",
            "type": "modal",
            "callback_id": callback_id,
            "private_metadata": private_metadata,
            "state": {"values": values},
            "hash": "1700000000.abcdef",
        },
    }
    return urlencode({"payload": json.dumps(payload)}).encode(), FORM
