"""Building the Slack app for each way of serving it."""

from __future__ import annotations

import asyncio
from pathlib import Path

from slack_bolt.adapter.socket_mode.async_handler import AsyncSocketModeHandler

from bot.composition import build_socket_mode_process
from bot.settings import Settings


def test_socket_mode_needs_no_signing_secret(tmp_path: Path) -> None:
    settings = Settings(
        SLACK_BOT_TOKEN="xoxb-socket-test",
        SLACK_APP_TOKEN="xapp-socket-test",
        SLACK_SIGNING_SECRET=None,
        DATABASE_URL=f"sqlite:///{tmp_path / 'store.db'}",
    )

    async def build() -> AsyncSocketModeHandler:
        handler = build_socket_mode_process(settings)
        await handler.client.close()
        return handler

    handler = asyncio.run(build())
    assert handler.app_token == "xapp-socket-test"
    assert handler.app.client.base_url == "https://slack.com/api/"
