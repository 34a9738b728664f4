"""End to end: with logging at DEBUG, no token, signing secret or response_url is logged."""

from __future__ import annotations

import logging
import time

import pytest

from tests.e2e.slack.conftest import BOT_TOKEN, SIGNING_SECRET, Served
from tests.e2e.slack.test_endpoint import dm, wait_for_post
from tests.support.slack_payloads import block_action, event_callback, slash_command


def test_nothing_secret_is_logged(served: Served, caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.DEBUG)
    slack = served.slack
    urls = [slack.response_url(f"secret-path-{i}") for i in range(4)]
    slack.rate_limit_once("/response/secret-path-1", retry_after=0)
    served.post(*slash_command("P3 budget", urls[0]))
    served.post(*slash_command("P9 budget", urls[1]))
    served.post(*block_action("post_to_channel", "P3 budget", response_url=urls[2]))
    forged = slash_command("P3 budget", urls[3])
    assert served.post(*forged, secret="wrong")[0] == 401
    served.post(*event_callback(dm("P1 budget", "D0LOGS")))
    slack.wait_for("/response/secret-path-0")
    slack.wait_for("/response/secret-path-1", count=2)
    slack.wait_for("/response/secret-path-2", count=2)
    wait_for_post(served, "D0LOGS")
    time.sleep(0.2)

    logged = caplog.text + "\n".join(r.getMessage() for r in caplog.records)
    assert "Sending a request" in logged  # slack_sdk did log its requests at DEBUG
    assert "wrong or expired signature refused" in logged  # the forged one, without its body
    for secret in [BOT_TOKEN, SIGNING_SECRET, "secret-path", *urls]:
        assert secret not in logged
