"""`staffbot serve`: refuses to start without its settings, and serves when it has them."""

from __future__ import annotations

import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from bot.cli import main
from tests.support.slack_standin import SlackStandIn

STAFFBOT = shutil.which("staffbot", path=str(Path(sys.executable).parent)) or "staffbot"
SLACK_VARIABLES = ("SLACK_BOT_TOKEN", "SLACK_SIGNING_SECRET", "SLACK_APP_TOKEN", "SLACK_API_URL")


@pytest.fixture
def bare_env(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Path:
    for variable in (
        *SLACK_VARIABLES,
        "PORT",
        "DATABASE_URL",
        "TEAMS_APP_ID",
        "TEAMS_APP_PASSWORD",
    ):
        monkeypatch.delenv(variable, raising=False)
    monkeypatch.setenv("STAFFBOT_DATA_DIR", str(tmp_path))
    monkeypatch.chdir(tmp_path)  # no .env
    return tmp_path


@pytest.mark.parametrize(
    ("args", "env", "missing"),
    [
        (["serve"], {}, "the settings SLACK_BOT_TOKEN, SLACK_SIGNING_SECRET, which are"),
        (["serve"], {"SLACK_BOT_TOKEN": "xoxb-1"}, "the setting SLACK_SIGNING_SECRET,"),
        (["serve", "--socket"], {"SLACK_BOT_TOKEN": "xoxb-1"}, "the setting SLACK_APP_TOKEN,"),
        (["serve", "--socket"], {}, "the settings SLACK_BOT_TOKEN, SLACK_APP_TOKEN, which"),
        (
            ["serve"],
            {"SLACK_BOT_TOKEN": "xoxb-1", "TEAMS_APP_ID": "0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0"},
            "the settings SLACK_SIGNING_SECRET, TEAMS_APP_PASSWORD, which",
        ),
    ],
)
def test_serve_names_every_missing_setting(
    bare_env: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    args: list[str],
    env: dict[str, str],
    missing: str,
) -> None:
    for variable, value in env.items():
        monkeypatch.setenv(variable, value)
    assert main(args) == 2
    err = capsys.readouterr().err
    assert f"needs {missing}" in err and "Traceback" not in err


def test_serve_names_a_token_of_the_wrong_kind(
    bare_env: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("SLACK_APP_TOKEN", "xoxb-not-an-app-token")
    assert main(["serve", "--socket"]) == 2
    err = capsys.readouterr().err
    assert "SLACK_APP_TOKEN" in err and "xapp-" in err and "xoxb-not-an-app-token" not in err


def test_serve_message_follows_the_language_setting(
    bare_env: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("STAFFBOT_LANG", "zh")
    assert main(["serve"]) == 2
    assert "需要设置 SLACK_BOT_TOKEN、SLACK_SIGNING_SECRET" in capsys.readouterr().err


def test_serve_stops_when_slack_refuses_the_bot_token(
    bare_env: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    with SlackStandIn() as slack:
        slack.refused_tokens.add("xoxb-fake")
        monkeypatch.setenv("SLACK_BOT_TOKEN", "xoxb-fake")
        monkeypatch.setenv("SLACK_SIGNING_SECRET", "secret")
        monkeypatch.setenv("SLACK_API_URL", slack.url)
        assert main(["serve"]) == 2
        assert [call.path for call in slack.calls] == ["/auth.test"]
    err = capsys.readouterr().err
    assert "refused SLACK_BOT_TOKEN (invalid_auth)" in err
    assert "xoxb-fake" not in err and "Traceback" not in err


def test_serve_says_the_port_is_in_use(
    bare_env: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    with SlackStandIn() as slack, socket.socket() as taken:
        taken.bind(("0.0.0.0", 0))
        taken.listen()
        port = taken.getsockname()[1]
        monkeypatch.setenv("SLACK_BOT_TOKEN", "xoxb-1")
        monkeypatch.setenv("SLACK_SIGNING_SECRET", "secret")
        monkeypatch.setenv("SLACK_API_URL", slack.url)
        monkeypatch.setenv("PORT", str(port))
        assert main(["serve"]) == 2
    err = capsys.readouterr().err
    assert f"`staffbot serve` cannot listen on port {port}" in err and "set PORT" in err
    assert "temporarily unavailable" not in err and "Traceback" not in err


def test_serve_says_the_metrics_port_is_in_use(
    bare_env: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    seeded_sqlite_url: str,
) -> None:
    with SlackStandIn() as slack, socket.socket() as taken:
        taken.bind(("0.0.0.0", 0))
        taken.listen()
        port = taken.getsockname()[1]
        monkeypatch.setenv("DATABASE_URL", seeded_sqlite_url)
        monkeypatch.setenv("SLACK_BOT_TOKEN", "xoxb-1")
        monkeypatch.setenv("SLACK_SIGNING_SECRET", "secret")
        monkeypatch.setenv("SLACK_API_URL", slack.url)
        monkeypatch.setenv("PORT", str(_free_port()))
        monkeypatch.setenv("STAFFBOT_METRICS_PORT", str(port))
        assert main(["serve"]) == 2
    err = capsys.readouterr().err
    assert f"cannot listen on port {port}" in err and "STAFFBOT_METRICS_PORT" in err


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def test_serve_runs_the_web_process_on_port(tmp_path: Path) -> None:
    port = _free_port()
    with SlackStandIn() as slack:
        env = {k: v for k, v in os.environ.items() if not k.startswith(("STAFFBOT_", "SLACK_"))}
        env.pop("DATABASE_URL", None)
        env.update(
            STAFFBOT_DATA_DIR=str(tmp_path),
            SLACK_BOT_TOKEN="xoxb-serve-test",
            SLACK_SIGNING_SECRET="serve-test-secret",
            SLACK_API_URL=slack.url,
            PORT=str(port),
        )
        process = subprocess.Popen(
            [STAFFBOT, "serve"], env=env, cwd=tmp_path, stderr=subprocess.PIPE, text=True
        )
        try:
            deadline = time.monotonic() + 60
            while True:
                try:
                    url = f"http://127.0.0.1:{port}/healthz"
                    with urllib.request.urlopen(url, timeout=5) as response:
                        assert json.loads(response.read()) == {"status": "ok", "database": "ok"}
                        break
                except (urllib.error.URLError, ConnectionError):
                    assert process.poll() is None, process.stderr.read() if process.stderr else ""
                    assert time.monotonic() < deadline, "staffbot serve did not answer"
                    time.sleep(0.2)
        finally:
            process.send_signal(signal.SIGINT)
            process.wait(timeout=20)


def test_serve_socket_says_when_slack_refuses_the_app_token(
    bare_env: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    with SlackStandIn() as slack:  # answers apps.connections.open with ok: false
        monkeypatch.setenv("SLACK_BOT_TOKEN", "xoxb-1")
        monkeypatch.setenv("SLACK_APP_TOKEN", "xapp-1")
        monkeypatch.setenv("SLACK_API_URL", slack.url)
        assert main(["serve", "--socket"]) == 2
        assert slack.calls_to("/apps.connections.open")
    err = capsys.readouterr().err
    assert "Slack refused the Socket Mode connection (unknown_method)" in err
    assert "xapp-1" not in err
