"""The real web app serving Teams' /api/messages under uvicorn, talking to a Bot Connector
stand-in; activities are posted with tokens signed by the stand-in's key set."""

from __future__ import annotations

import json
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

import pytest

from bot.composition import build_web_process
from bot.settings import Settings
from tests.support.teams_standin import APP_ID, TeamsStandIn
from tests.support.web import open_request, run_web_app

ADMIN_OBJECT_ID = "0b9e8d7c-6a5b-4c3d-8e2f-1a0b9c8d7e6f"


@dataclass
class Served:
    """The running web app and the stand-in it calls."""

    url: str
    teams: TeamsStandIn
    database_url: str

    def post(
        self,
        activity: dict[str, Any] | bytes,
        *,
        token: str | None = None,
        authorization: str | None = None,
    ) -> tuple[int, Any]:
        """POSTs an activity to /api/messages with a valid token unless told otherwise."""
        body = activity if isinstance(activity, bytes) else json.dumps(activity).encode()
        headers = {"Content-Type": "application/json"}
        if authorization is None:
            token = token or self.teams.mint_token(APP_ID, self.teams.url)
            authorization = f"Bearer {token}"
        if authorization:
            headers["Authorization"] = authorization
        request = urllib.request.Request(
            f"{self.url}/api/messages", data=body, headers=headers, method="POST"
        )
        status, raw = open_request(request)
        try:
            return status, json.loads(raw) if raw else None
        except ValueError:
            return status, raw.decode(errors="replace")


def build_settings(teams: TeamsStandIn, database_url: str, **extra: Any) -> Settings:
    return Settings(
        TEAMS_APP_ID=APP_ID,
        TEAMS_OPENID_METADATA_URL=teams.openid_metadata_url,
        DATABASE_URL=database_url,
        **extra,
    )


@contextmanager
def serve(teams: TeamsStandIn, database_url: str, **settings: Any) -> Iterator[Served]:
    app = build_web_process(
        build_settings(teams, database_url, **settings), teams_token=teams.token_provider
    )
    with run_web_app(app) as url:
        yield Served(url, teams, database_url)


def card_of(call: Any) -> dict[str, Any]:
    """The Adaptive Card a recorded Bot Connector call carried."""
    attachments = call.activity.get("attachments") or []
    assert attachments, call.activity
    assert attachments[0]["contentType"] == "application/vnd.microsoft.card.adaptive"
    card: dict[str, Any] = attachments[0]["content"]
    return card


def card_texts(card: Any) -> str:
    """Every "text" string in a card, one per line."""
    found: list[str] = []

    def walk(node: Any) -> None:
        if isinstance(node, dict):
            for key, item in node.items():
                if key in ("text", "title") and isinstance(item, str):
                    found.append(item)
                else:
                    walk(item)
        elif isinstance(node, list):
            for item in node:
                walk(item)

    walk(card)
    return "\n".join(found)


def find_actions(card: Any, verb: str) -> list[dict[str, Any]]:
    """The Action.Execute actions of `verb` anywhere in a card."""
    found: list[dict[str, Any]] = []

    def walk(node: Any) -> None:
        if isinstance(node, dict):
            if node.get("type") == "Action.Execute" and node.get("verb") == verb:
                found.append(node)
            for item in node.values():
                walk(item)
        elif isinstance(node, list):
            for item in node:
                walk(item)

    walk(card)
    return found


@pytest.fixture(scope="module")
def teams() -> Iterator[TeamsStandIn]:
    with TeamsStandIn() as standin:
        yield standin


@pytest.fixture
def served(teams: TeamsStandIn, seeded_sqlite_url: str) -> Iterator[Served]:
    """The web app on a fresh copy of the seeded store; ADMIN_OBJECT_ID is an admin."""
    teams.clear()
    with serve(teams, seeded_sqlite_url, TEAMS_ADMINS=ADMIN_OBJECT_ID) as served:
        yield served
