"""`staffbot serve` as a real process on a free port, against the Slack stand-in: its
standard error kept in a file, requests signed as Slack signs them.

Usage::

    with SlackStandIn() as slack, ServeProcess(tmp_path, slack, database_url) as served:
        served.post(*slash_command("P3 budget", slack.response_url("r1")))
        served.process.send_signal(signal.SIGTERM)
        assert served.process.wait(timeout=30) == 0
        lines = served.read_stderr()
"""

from __future__ import annotations

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
from types import TracebackType

from tests.support.slack_standin import SlackStandIn, sign
from tests.support.web import open_request

STAFFBOT = shutil.which("staffbot", path=str(Path(sys.executable).parent)) or "staffbot"
BOT_TOKEN = "xoxb-0000-process-bot-token"
SIGNING_SECRET = "process-test-signing-secret-0123456789"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


class ServeProcess:
    """Starts `staffbot serve` on entry (waiting until /livez answers); stops it on exit."""

    def __init__(self, folder: Path, slack: SlackStandIn, database_url: str, **env: str) -> None:
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.stderr_path = folder / f"serve-{self.port}.log"
        self.env = {
            k: v
            for k, v in os.environ.items()
            if not k.startswith(("STAFFBOT_", "SLACK_", "TEAMS_", "LOG_", "PROMETHEUS_"))
        }
        self.env.update(
            DATABASE_URL=database_url,
            STAFFBOT_DATA_DIR=str(folder),
            SLACK_BOT_TOKEN=BOT_TOKEN,
            SLACK_SIGNING_SECRET=SIGNING_SECRET,
            SLACK_API_URL=slack.url,
            PORT=str(self.port),
            **env,
        )
        self.folder = folder
        self.process: subprocess.Popen[bytes] | None = None

    def __enter__(self) -> ServeProcess:
        with self.stderr_path.open("wb") as stderr:
            self.process = subprocess.Popen(
                [STAFFBOT, "serve"], env=self.env, cwd=self.folder, stderr=stderr
            )
        deadline = time.monotonic() + 60
        while True:
            try:
                with urllib.request.urlopen(f"{self.url}/livez", timeout=5):
                    return self
            except (urllib.error.URLError, ConnectionError) as exc:
                if self.process.poll() is not None or time.monotonic() > deadline:
                    self.stop()
                    message = f"staffbot serve did not start:\n{self.read_stderr()}"
                    raise RuntimeError(message) from exc
                time.sleep(0.1)

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.send_signal(signal.SIGINT)
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()

    def __exit__(
        self,
        _type: type[BaseException] | None,
        _value: BaseException | None,
        _traceback: TracebackType | None,
    ) -> None:
        self.stop()

    def read_stderr(self) -> str:
        return self.stderr_path.read_text(encoding="utf-8", errors="replace")

    def post(
        self, body: bytes, content_type: str, path: str = "/slack/events"
    ) -> tuple[int, bytes]:
        headers = {"Content-Type": content_type, **sign(body, SIGNING_SECRET)}
        request = urllib.request.Request(
            f"{self.url}{path}", data=body, headers=headers, method="POST"
        )
        return open_request(request)

    def get(self, path: str) -> tuple[int, bytes]:
        return open_request(urllib.request.Request(f"{self.url}{path}"))
