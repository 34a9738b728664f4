"""End to end with the database unreachable: short replies, a degraded health check, no crash."""

from __future__ import annotations

import time
from collections.abc import Iterator

import pytest

from tests.e2e.slack.conftest import UNREACHABLE_DATABASE, Served, serve, texts
from tests.e2e.slack.test_endpoint import dm, wait_for_post
from tests.support.slack_payloads import block_action, event_callback, slash_command
from tests.support.slack_standin import BOT_USER_ID, SlackStandIn

UNAVAILABLE_EN = "temporarily unavailable"
UNAVAILABLE_ZH = "暂时无法使用"


@pytest.fixture(scope="module")
def served(slack: SlackStandIn) -> Iterator[Served]:
    with serve(slack, UNREACHABLE_DATABASE) as served:
        yield served


def test_healthz_says_the_database_is_unavailable(served: Served) -> None:
    assert served.get("/healthz") == (
        503,
        {"status": "not ready", "not_ready": ["database"], "database": "unavailable"},
    )


def test_ask_is_acknowledged_at_once_and_told_the_store_is_unavailable(served: Served) -> None:
    started = time.monotonic()
    status, _ = served.post(*slash_command("P3 budget", served.slack.response_url("down-1")))
    assert status == 200 and time.monotonic() - started < 3
    served.post(*slash_command("P3的预算", served.slack.response_url("down-2")))
    (english,) = served.slack.wait_for("/response/down-1")
    (chinese,) = served.slack.wait_for("/response/down-2")
    assert UNAVAILABLE_EN in texts(english.body["blocks"])
    assert UNAVAILABLE_ZH in texts(chinese.body["blocks"])


def test_mention_and_dm_are_told_the_store_is_unavailable(served: Served) -> None:
    mention = {
        "type": "app_mention",
        "user": "U0ASKER01",
        "text": f"<@{BOT_USER_ID}> P3 budget",
        "ts": "1700000600.000600",
        "channel": "C0DOWN",
    }
    served.post(*event_callback(mention))
    served.post(*event_callback(dm("P1预算", "D0DOWN")))
    in_thread = wait_for_post(served, "C0DOWN")
    assert in_thread.body["thread_ts"] == "1700000600.000600"
    assert UNAVAILABLE_EN in texts(in_thread.body["blocks"])
    assert UNAVAILABLE_ZH in texts(wait_for_post(served, "D0DOWN").body["blocks"])


def test_vote_and_home_are_told_the_store_is_unavailable(served: Served) -> None:
    served.post(
        *block_action("vote_helpful", "P3 budget", response_url=served.slack.response_url("down-3"))
    )
    (vote,) = served.slack.wait_for("/response/down-3")
    assert UNAVAILABLE_EN in texts(vote.body)
    event = {"type": "app_home_opened", "user": "U0HOME001", "channel": "D0HOME", "tab": "home"}
    served.post(*event_callback(event))
    (home,) = served.slack.wait_for("/views.publish")
    assert UNAVAILABLE_EN in texts(home.body["view"])


def test_process_stays_up(served: Served) -> None:
    for index in range(3):
        served.post(*slash_command("P2", served.slack.response_url(f"again-{index}")))
    served.slack.wait_for("/response/again-2")
    assert served.get("/healthz")[0] == 503
