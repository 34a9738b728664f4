"""The real web app under uvicorn on a free local port, talking to a Slack stand-in."""

from __future__ import annotations

import json
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from bot.composition import build_web_process
from bot.settings import Settings
from tests.support.block_kit import assert_valid_payload
from tests.support.slack_standin import SlackStandIn, sign
from tests.support.web import open_request, run_web_app

BOT_TOKEN = "xoxb-0000-test-bot-token"
SIGNING_SECRET = "0123456789abcdef-test-signing-secret"
UNREACHABLE_DATABASE = "postgresql+psycopg://x:y@127.0.0.1:1/none"


@dataclass
class Served:
    """The running web app and the stand-in it calls."""

    url: str
    slack: SlackStandIn
    database_url: str

    def post(
        self,
        body: bytes,
        content_type: str,
        *,
        signed: bool = True,
        timestamp: int | None = None,
        secret: str = SIGNING_SECRET,
        headers: dict[str, str] | None = None,
    ) -> tuple[int, bytes]:
        all_headers = {"Content-Type": content_type, **(headers or {})}
        if signed:
            all_headers.update(sign(body, secret, timestamp))
        request = urllib.request.Request(
            f"{self.url}/slack/events", data=body, headers=all_headers, method="POST"
        )
        return open_request(request)

    def get(self, path: str) -> tuple[int, Any]:
        status, body = open_request(urllib.request.Request(f"{self.url}{path}"))
        return status, json.loads(body)


def build_settings(slack: SlackStandIn, database_url: str, **extra: Any) -> Settings:
    return Settings(
        SLACK_BOT_TOKEN=BOT_TOKEN,
        SLACK_SIGNING_SECRET=SIGNING_SECRET,
        SLACK_API_URL=slack.url,
        DATABASE_URL=database_url,
        **extra,
    )


@contextmanager
def serve(slack: SlackStandIn, database_url: str, **settings: Any) -> Iterator[Served]:
    """The web app on `database_url` (more settings by name), served until the block ends."""
    app = build_web_process(build_settings(slack, database_url, **settings))
    with run_web_app(app) as url:
        yield Served(url, slack, database_url)


def texts(value: Any) -> str:
    """Every "text" string inside a message or its blocks, one per line."""
    found: list[str] = []

    def walk(node: Any) -> None:
        if isinstance(node, dict):
            for key, item in node.items():
                if key == "text" and isinstance(item, str):
                    found.append(item)
                else:
                    walk(item)
        elif isinstance(node, list):
            for item in node:
                walk(item)

    walk(value)
    return "\n".join(found)


@pytest.fixture(scope="module")
def slack() -> Iterator[SlackStandIn]:
    with SlackStandIn() as standin:
        yield standin


@pytest.fixture(scope="module")
def served(slack: SlackStandIn, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Served]:
    """The web app on a fresh SQLite store, seeded at start-up."""
    database_url = f"sqlite:///{Path(tmp_path_factory.mktemp('slack')) / 'store.db'}"
    with serve(slack, database_url) as served:
        yield served


@pytest.fixture(autouse=True)
def _fresh_calls(request: pytest.FixtureRequest) -> Iterator[None]:
    """Each test starts with no calls recorded, and every message, view or response the bot
    sent in it is valid Block Kit by slack_sdk's models (nested elements included)."""
    if "slack" not in request.fixturenames:
        yield
        return
    standin = request.getfixturevalue("slack")
    standin.clear()
    yield
    for call in list(standin.calls):
        assert_valid_payload(call.body)
