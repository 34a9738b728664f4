"""The Slack app manifest declares what the adapter serves, at the adapter's one endpoint."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

REPO = Path(__file__).resolve().parents[3]


def _manifest() -> dict[str, Any]:
    data = yaml.safe_load((REPO / "manifest.yml").read_text(encoding="utf-8"))
    assert isinstance(data, dict)
    return data


def test_manifest_declares_commands_events_interactivity_and_few_scopes() -> None:
    manifest = _manifest()
    commands = manifest["features"]["slash_commands"]
    assert [c["command"] for c in commands] == ["/ask", "/kb"]
    settings = manifest["settings"]
    assert set(settings["event_subscriptions"]["bot_events"]) == {
        "app_mention",
        "message.channels",  # follow-ups in a thread the bot answered in (issue 14)
        "message.groups",
        "message.im",
        "app_home_opened",
        "assistant_thread_started",
    }
    assert settings["interactivity"]["is_enabled"] is True
    assert set(manifest["oauth_config"]["scopes"]["bot"]) == {
        "app_mentions:read",
        "assistant:write",
        "channels:history",
        "channels:read",
        "chat:write",
        "commands",
        "files:write",
        "groups:history",
        "groups:read",
        "im:history",
        "im:write",
        "users:read",
    }
    urls = [c["url"] for c in commands] + [
        settings["event_subscriptions"]["request_url"],
        settings["interactivity"]["request_url"],
    ]
    assert all(url.endswith("/slack/events") for url in urls)


def test_procfile_runs_the_web_process_and_the_release_step() -> None:
    lines = (REPO / "Procfile").read_text(encoding="utf-8").splitlines()
    assert "web: staffbot serve" in lines and "release: staffbot db upgrade" in lines
    assert "clock: staffbot scheduler" in lines
