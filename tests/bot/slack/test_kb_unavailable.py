"""/kb with the database unreachable: acknowledged at once, told nothing was changed."""

from __future__ import annotations

import time
from collections.abc import Iterator

import pytest

from tests.bot.slack.conftest import UNREACHABLE_DATABASE, Served, serve, texts
from tests.support.slack_payloads import slash_command
from tests.support.slack_standin import SlackStandIn


@pytest.fixture(scope="module")
def served(slack: SlackStandIn) -> Iterator[Served]:
    with serve(slack, UNREACHABLE_DATABASE) as served:
        yield served


def test_kb_says_the_store_is_unavailable(served: Served) -> None:
    started = time.monotonic()
    body, ctype = slash_command(
        "budget set P1 5", served.slack.response_url("kb-down-1"), command="/kb"
    )
    status, _ = served.post(body, ctype)
    assert status == 200 and time.monotonic() - started < 3
    (reply,) = served.slack.wait_for("/response/kb-down-1", timeout=10)
    assert "cannot be reached" in texts(reply.body) and reply.body["response_type"] == "ephemeral"
