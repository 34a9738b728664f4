"""End to end: the probes. /livez answers whatever the database does; /readyz (and /healthz,
its old name) says 503, naming what is not ready, while the store is unreachable or hung;
neither fills the access log of a real `staffbot serve`."""

from __future__ import annotations

import json
import logging
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from bot.composition import build_web_process
from bot.settings import Settings
from bot.web import READINESS_TIMEOUT_S
from tests.e2e.slack.conftest import UNREACHABLE_DATABASE, Served, serve
from tests.support.slack_standin import SlackStandIn
from tests.support.tcp_proxy import TcpProxy, proxy_database
from tests.support.web import run_web_app

READY = (200, {"status": "ok", "database": "ok"})
DATABASE_NOT_READY = (
    503,
    {"status": "not ready", "not_ready": ["database"], "database": "unavailable"},
)
# A probe that has not answered after this long counts as none: a hang fails the test.
REPLY_WAIT_S = READINESS_TIMEOUT_S + 5.0
STAFFBOT = shutil.which("staffbot", path=str(Path(sys.executable).parent)) or "staffbot"


def probe(url: str) -> tuple[int, Any]:
    try:
        with urllib.request.urlopen(url, timeout=REPLY_WAIT_S) as response:
            return response.status, json.loads(response.read())
    except urllib.error.HTTPError as exc:
        return exc.code, json.loads(exc.read())
    except TimeoutError as exc:
        raise AssertionError(f"{url} did not answer within {REPLY_WAIT_S} s") from exc


def probes(served: Served) -> dict[str, tuple[int, Any]]:
    return {path: probe(f"{served.url}{path}") for path in ("/livez", "/readyz", "/healthz")}


def not_ready_logs(caplog: pytest.LogCaptureFixture) -> list[str]:
    return [
        record.getMessage()
        for record in caplog.records
        if record.name == "bot.web" and "ready" in record.getMessage()
    ]


def test_all_probes_answer_ok_when_the_store_answers(served: Served) -> None:
    assert probes(served) == {
        "/livez": (200, {"status": "ok"}),
        "/readyz": READY,
        "/healthz": READY,
    }


@pytest.mark.parametrize("where", ["closed port", "sqlite file that is a folder"])
def test_an_unreachable_store_is_not_ready_but_alive(
    slack: SlackStandIn, tmp_path: Path, caplog: pytest.LogCaptureFixture, where: str
) -> None:
    caplog.set_level(logging.WARNING, logger="bot.web")
    database_url = UNREACHABLE_DATABASE
    if where == "sqlite file that is a folder":
        (tmp_path / "store.db").mkdir()  # cannot be opened, even by root
        database_url = f"sqlite:///{tmp_path / 'store.db'}"
    with serve(slack, database_url) as served:
        assert probes(served) == {
            "/livez": (200, {"status": "ok"}),
            "/readyz": DATABASE_NOT_READY,
            "/healthz": DATABASE_NOT_READY,
        }
    # Three failed probes, one line: the change is logged, not every call.
    assert not_ready_logs(caplog) == ["not ready: database"]


def test_a_process_serving_no_chat_platform_is_not_ready(tmp_path: Path) -> None:
    settings = Settings(
        DATABASE_URL=f"sqlite:///{tmp_path / 'store.db'}",
        SLACK_BOT_TOKEN=None,
        SLACK_SIGNING_SECRET=None,
        TEAMS_APP_ID=None,
    )
    with run_web_app(build_web_process(settings)) as url:
        assert probe(f"{url}/livez") == (200, {"status": "ok"})
        assert probe(f"{url}/readyz") == (
            503,
            {"status": "not ready", "not_ready": ["platforms"], "database": "ok"},
        )


@pytest.fixture
def proxied(seeded_postgres_url: str) -> Iterator[tuple[TcpProxy, str]]:
    """A seeded store reached through a proxy that can freeze, as (proxy, database URL)."""
    with proxy_database(seeded_postgres_url) as proxied:
        yield proxied


@pytest.mark.postgres
def test_a_hung_store_is_not_ready_but_alive_then_ready_again(
    slack: SlackStandIn, proxied: tuple[TcpProxy, str], caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.WARNING, logger="bot.web")
    proxy, database_url = proxied
    with serve(slack, database_url) as served:
        assert probe(f"{served.url}/readyz") == READY

        proxy.freeze()
        assert probe(f"{served.url}/livez") == (200, {"status": "ok"})
        assert probe(f"{served.url}/readyz") == DATABASE_NOT_READY
        assert probe(f"{served.url}/healthz") == DATABASE_NOT_READY

        proxy.thaw()
        deadline = time.monotonic() + REPLY_WAIT_S
        while probe(f"{served.url}/readyz") != READY:
            assert time.monotonic() < deadline, "/readyz did not recover"
            time.sleep(0.2)
        assert probe(f"{served.url}/healthz") == READY
    assert not_ready_logs(caplog) == ["not ready: database", "ready again (was not: database)"]


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def test_serve_logs_requests_but_not_the_probes(slack: SlackStandIn, tmp_path: Path) -> None:
    port = _free_port()
    env = {k: v for k, v in os.environ.items() if not k.startswith(("STAFFBOT_", "SLACK_"))}
    env.pop("DATABASE_URL", None)
    env.update(
        STAFFBOT_DATA_DIR=str(tmp_path),
        STAFFBOT_LOG_LEVEL="INFO",
        SLACK_BOT_TOKEN="xoxb-probe-test",
        SLACK_SIGNING_SECRET="probe-test-secret",
        SLACK_API_URL=slack.url,
        PORT=str(port),
    )
    base = f"http://127.0.0.1:{port}"
    process = subprocess.Popen(
        [STAFFBOT, "serve"], env=env, cwd=tmp_path, stderr=subprocess.PIPE, text=True
    )
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                assert probe(f"{base}/livez") == (200, {"status": "ok"})
                break
            except urllib.error.URLError:
                assert process.poll() is None, "staffbot serve stopped"
                assert time.monotonic() < deadline, "staffbot serve did not answer"
                time.sleep(0.2)
        assert probe(f"{base}/readyz") == READY
        assert probe(f"{base}/healthz?from=platform") == READY
        unsigned = urllib.request.Request(f"{base}/slack/events", data=b"{}", method="POST")
        with pytest.raises(urllib.error.HTTPError) as refused:
            urllib.request.urlopen(unsigned, timeout=REPLY_WAIT_S)
        assert refused.value.code == 401
    finally:
        process.send_signal(signal.SIGINT)
        _, logged = process.communicate(timeout=20)
    access = [line for line in logged.splitlines() if "uvicorn.access" in line]
    assert access and all("/slack/events" in line for line in access), logged
    assert '"POST /slack/events HTTP/1.1" 401' in access[0]
