"""LOG_FORMAT=json through a real `staffbot serve`: every line one JSON object with the
request's context, and nothing secret in any of them."""

from __future__ import annotations

import json
import time
from pathlib import Path
from typing import Any

import pytest

from tests.support.serve_process import BOT_TOKEN, SIGNING_SECRET, ServeProcess
from tests.support.slack_payloads import event_callback, slash_command
from tests.support.slack_standin import SlackStandIn

QUESTION = "What is the 2023 budget for P3 zebrafinch"
FIELDS = {"time", "level", "logger", "message"}


def _dm(text: str) -> dict[str, Any]:
    return {
        "type": "message",
        "channel_type": "im",
        "channel": "D0JSONLOG",
        "user": "U0JSONLOG",
        "text": text,
        "ts": "1700000100.000100",
    }


def _run(tmp_path: Path, seeded_sqlite_url: str, level: str) -> tuple[list[dict[str, Any]], str]:
    with (
        SlackStandIn() as slack,
        ServeProcess(
            tmp_path, slack, seeded_sqlite_url, LOG_FORMAT="json", STAFFBOT_LOG_LEVEL=level
        ) as served,
    ):
        response_url = slack.response_url("json-log-secret-path")
        assert served.post(*slash_command(QUESTION, response_url, user_id="U0JSONCMD"))[0] == 200
        body, ctype = event_callback(_dm(QUESTION), event_id="Ev0JSONLOG")
        assert served.post(body, ctype)[0] == 200
        slack.wait_for("/response/json-log-secret-path", timeout=15)
        slack.wait_for("/chat.postMessage", timeout=15)
        time.sleep(0.3)
        served.stop()
        text = served.read_stderr()
    lines = [line for line in text.splitlines() if line.strip()]
    assert lines, "nothing was logged"
    return [json.loads(line) for line in lines], text


@pytest.mark.parametrize("level", ["INFO", "DEBUG"])
def test_json_lines_carry_the_request_and_no_secret(
    tmp_path: Path, seeded_sqlite_url: str, level: str
) -> None:
    records, text = _run(tmp_path, seeded_sqlite_url, level)
    assert all(set(record) >= FIELDS for record in records)
    requests = [r for r in records if r.get("platform") == "slack"]
    assert requests and all(r.get("request_id") for r in requests)
    for secret in (BOT_TOKEN, SIGNING_SECRET, "json-log-secret-path", "/response/"):
        assert secret not in text
    if level == "INFO":
        assert "zebrafinch" not in text  # question text only at DEBUG
    else:
        users = {r.get("user_id") for r in requests}
        assert {"U0JSONCMD", "U0JSONLOG"} <= users
        assert any(r.get("event_id") == "Ev0JSONLOG" for r in requests)
