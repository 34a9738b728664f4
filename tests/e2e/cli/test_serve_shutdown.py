"""SIGTERM to a real `staffbot serve`: answers under way are still sent, then it exits 0."""

from __future__ import annotations

import json
import signal
import sqlite3
import time
from pathlib import Path

from bot.web import SHUTDOWN_GRACE_S
from tests.support.serve_process import ServeProcess
from tests.support.slack_payloads import JSON, event_callback
from tests.support.slack_standin import SlackStandIn

POST = "/chat.postMessage"


def _dm(text: str, channel: str) -> bytes:
    event = {
        "type": "message",
        "channel_type": "im",
        "channel": channel,
        "user": "U0STOPPER",
        "text": text,
        "ts": "1700000100.000100",
    }
    return event_callback(event)[0]


def test_sigterm_lets_the_answers_under_way_finish(tmp_path: Path, seeded_sqlite_url: str) -> None:
    database = seeded_sqlite_url.removeprefix("sqlite:///")
    with SlackStandIn() as slack, ServeProcess(tmp_path, slack, seeded_sqlite_url) as served:
        assert served.post(_dm("P3 budget", "D0WARMUP"), JSON)[0] == 200
        slack.wait_for(POST, timeout=20)  # warmed up: knowledge loaded, token checked
        # Hold the store's write lock: each event's claim (a write) waits for it, so the
        # answers are under way, none sent yet, when the signal comes.
        holder = sqlite3.connect(database, timeout=5)
        holder.execute("BEGIN EXCLUSIVE")
        channels = [f"D0STOP{i}" for i in range(3)]
        for channel in channels:
            assert served.post(_dm("P1 budget", channel), JSON)[0] == 200  # acknowledged
        time.sleep(0.5)
        assert served.process is not None
        served.process.send_signal(signal.SIGTERM)
        signalled = time.monotonic()
        time.sleep(1.0)
        holder.rollback()
        holder.close()
        code = served.process.wait(timeout=2 * SHUTDOWN_GRACE_S + 10)
        stopped = time.monotonic() - signalled
        log = served.read_stderr()
    assert code == 0, log
    assert stopped < 2 * SHUTDOWN_GRACE_S
    posted = {str(call.body.get("channel")): call for call in slack.calls_to(POST)}
    for channel in channels:
        assert channel in posted, log
        assert posted[channel].received_at > signalled  # sent after the signal
        assert "P1" in json.dumps(posted[channel].body)
    assert "Traceback" not in log
