"""End to end with a PostgreSQL server that stops answering but keeps its connections open:
the health check says so and questions are told the store is unavailable within seconds, and
both recover when the server answers again."""

from __future__ import annotations

import json
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from typing import Any

import pytest

from tests.e2e.slack.conftest import Served, serve, texts
from tests.e2e.slack.test_endpoint import P3_FIGURE, dm, wait_for_post
from tests.support.slack_payloads import event_callback, slash_command
from tests.support.slack_standin import BOT_USER_ID, SlackStandIn
from tests.support.tcp_proxy import TcpProxy, proxy_database

pytestmark = pytest.mark.postgres

UNAVAILABLE_EN = "temporarily unavailable"
UNAVAILABLE_ZH = "暂时无法使用"
# The bounds are 2 s (health check), 3 s (connecting) and 5 s (a store call). A reply that
# has not come after this long counts as none: a hang fails the test instead of blocking it.
REPLY_WAIT_S = 12.0


@pytest.fixture
def proxied(seeded_postgres_url: str) -> Iterator[tuple[TcpProxy, str]]:
    """A seeded store reached through a proxy that can freeze, as (proxy, database URL)."""
    with proxy_database(seeded_postgres_url) as proxied:
        yield proxied


def get_healthz(served: Served) -> tuple[int, Any]:
    """GET /healthz; a reply later than REPLY_WAIT_S fails the test."""
    request = urllib.request.Request(f"{served.url}/healthz")
    try:
        with urllib.request.urlopen(request, timeout=REPLY_WAIT_S) as response:
            return response.status, json.loads(response.read())
    except urllib.error.HTTPError as exc:
        return exc.code, json.loads(exc.read())
    except TimeoutError as exc:
        raise AssertionError(f"/healthz did not answer within {REPLY_WAIT_S} s") from exc


def mention(text: str, channel: str, ts: str) -> dict[str, Any]:
    return {
        "type": "app_mention",
        "user": "U0ASKER01",
        "text": f"<@{BOT_USER_ID}> {text}",
        "ts": ts,
        "channel": channel,
    }


def test_a_hung_database_is_reported_and_answered_unavailable_then_recovers(
    slack: SlackStandIn, proxied: tuple[TcpProxy, str]
) -> None:
    proxy, database_url = proxied
    with serve(slack, database_url) as served:
        served.post(*event_callback(dm("What is the 2023 budget for P3?", "D0WARM")))
        assert P3_FIGURE in texts(wait_for_post(served, "D0WARM").body["blocks"])
        assert get_healthz(served) == (200, {"status": "ok", "database": "ok"})

        proxy.freeze()
        served.post(*event_callback(dm("P1预算", "D0HUNG")))
        served.post(*event_callback(mention("P3 budget", "C0HUNG", "1700000700.000700")))
        in_dm = wait_for_post(served, "D0HUNG", timeout=REPLY_WAIT_S)
        in_thread = wait_for_post(served, "C0HUNG", timeout=REPLY_WAIT_S)
        assert UNAVAILABLE_ZH in texts(in_dm.body["blocks"])
        assert in_thread.body["thread_ts"] == "1700000700.000700"
        assert UNAVAILABLE_EN in texts(in_thread.body["blocks"])
        assert get_healthz(served) == (
            503,
            {"status": "not ready", "not_ready": ["database"], "database": "unavailable"},
        )
        # /ask claims nothing: it is answered from the knowledge loaded before the hang.
        served.post(*slash_command("P3 budget", slack.response_url("hung-ask")))
        (asked,) = slack.wait_for("/response/hung-ask", timeout=REPLY_WAIT_S)
        assert P3_FIGURE in texts(asked.body["blocks"])

        proxy.thaw()
        deadline = time.monotonic() + REPLY_WAIT_S
        while get_healthz(served)[0] != 200:
            assert time.monotonic() < deadline, "/healthz did not recover"
            time.sleep(0.2)
        served.post(*event_callback(dm("What is the 2023 budget for P3?", "D0BACK")))
        assert P3_FIGURE in texts(
            wait_for_post(served, "D0BACK", timeout=REPLY_WAIT_S).body["blocks"]
        )
        served.post(*event_callback(mention("P3 budget", "C0BACK", "1700000800.000800")))
        assert P3_FIGURE in texts(
            wait_for_post(served, "C0BACK", timeout=REPLY_WAIT_S).body["blocks"]
        )
