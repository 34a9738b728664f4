"""SlackPoster against the Slack stand-in: posts, charts, failures, finding a post again."""

from __future__ import annotations

import time
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta

import pytest
from slack_sdk import WebClient

from bot.slack.poster import EVENT_TYPE, SlackPoster
from knowledge.reporting import KpiStatus, Scope, ThemeKpis
from scheduler.errors import PermanentFailure, RateLimited, TemporaryFailure, UnclearOutcome
from scheduler.reports import Digest, Reminder
from tests.support.slack_standin import SlackStandIn

NOW = datetime(2026, 11, 23, 8, 0, tzinfo=UTC)
SCOPE = Scope("theme", "P1-EMT", "P1-EMT", "Emergency", "应急", ("P1-EMT",))
CHART = b"\x89PNG\r\n\x1a\n-not-really-a-chart"
# The client gives up on an answer after this many seconds (the stand-in can take longer).
CLIENT_TIMEOUT = 1


@pytest.fixture
def slack() -> Iterator[SlackStandIn]:
    with SlackStandIn() as standin:
        yield standin


@pytest.fixture
def poster(slack: SlackStandIn) -> SlackPoster:
    client = WebClient(token="xoxb-test", base_url=slack.url, timeout=CLIENT_TIMEOUT)
    return SlackPoster(client)


def _reminder() -> Reminder:
    kpis = (KpiStatus("P1-EMT-1", "P1-EMT", "Countries with a plan", "有计划的国家"),)
    return Reminder("en", SCOPE, NOW, (ThemeKpis("P1-EMT", "P1", "Emergency", "应急", kpis),))


def _digest(chart: bytes | None = CHART) -> Digest:
    return Digest("zh", SCOPE, NOW - timedelta(days=7), NOW, None, (), (), (), chart_png=chart)


def _an_hour_ago() -> datetime:
    return datetime.now(UTC) - timedelta(hours=1)


def test_post_sends_blocks_with_the_delivery_marker(
    slack: SlackStandIn, poster: SlackPoster
) -> None:
    ts = poster.post("C0TEAM", _reminder(), "sub-7:2026-11-23T08:00Z")
    (call,) = slack.calls_to("/chat.postMessage")
    assert call.body["channel"] == "C0TEAM"
    assert call.body["metadata"] == {
        "event_type": EVENT_TYPE,
        "event_payload": {"marker": "sub-7:2026-11-23T08:00Z"},
    }
    assert call.body["blocks"][0]["type"] == "header" and call.body["text"]
    assert ts.startswith("1700000000.")
    assert slack.calls_to("/files.getUploadURLExternal") == []  # a reminder has no chart


def test_a_digest_chart_is_uploaded_into_the_message_thread(
    slack: SlackStandIn, poster: SlackPoster
) -> None:
    ts = poster.post("C0MGMT", _digest(), "m-1")
    assert list(slack.uploads.values()) == [CHART]
    (shared,) = slack.shared_files
    assert shared["channel_id"] == "C0MGMT" and shared["thread_ts"] == ts
    assert shared["files"][0]["title"].startswith("budget-P1-EMT-")


def test_a_chart_that_fails_to_upload_does_not_fail_the_post(
    slack: SlackStandIn, poster: SlackPoster
) -> None:
    slack.fail("/files.completeUploadExternal", status=500)
    ts = poster.post("C0MGMT", _digest(), "m-1")
    assert ts and len(slack.messages_in("C0MGMT")) == 1


def test_a_429_to_a_post_is_raised_at_once_for_the_runner_to_wait_out(
    slack: SlackStandIn, poster: SlackPoster
) -> None:
    slack.rate_limit_once("/chat.postMessage", retry_after=1)
    started = time.monotonic()
    with pytest.raises(RateLimited) as caught:
        poster.post("C0TEAM", _reminder(), "m-1")
    assert time.monotonic() - started < 1
    assert caught.value.retry_after == 1
    assert len(slack.calls_to("/chat.postMessage")) == 1
    assert slack.messages_in("C0TEAM") == []
    assert poster.post("C0TEAM", _reminder(), "m-1")  # only that call was refused


def test_a_429_to_a_read_is_waited_out_until_the_retries_run_out(slack: SlackStandIn) -> None:
    client = WebClient(token="xoxb-test", base_url=slack.url, timeout=CLIENT_TIMEOUT)
    poster = SlackPoster(client, rate_limit_retries=1)
    ts = poster.post("C0TEAM", _reminder(), "m-1")
    slack.rate_limit_once("/conversations.history", retry_after=0)
    assert poster.find_post("C0TEAM", "m-1", _an_hour_ago()) == ts
    assert len(slack.calls_to("/conversations.history")) == 2
    slack.rate_limit("/conversations.history", fraction=1.0, retry_after=0)
    with pytest.raises(RateLimited) as caught:
        poster.find_post("C0TEAM", "m-1", _an_hour_ago())
    assert caught.value.retry_after == 0
    assert len(slack.calls_to("/conversations.history")) == 4


def test_every_nth_call_is_rate_limited_deterministically(
    slack: SlackStandIn, poster: SlackPoster
) -> None:
    slack.rate_limit("/chat.postMessage", fraction=1 / 3, retry_after=0)
    outcomes = []
    for index in range(6):
        try:
            poster.post("C0TEAM", _reminder(), f"m-{index}")
            outcomes.append("sent")
        except RateLimited:
            outcomes.append("429")
    assert outcomes == ["sent", "sent", "429", "sent", "sent", "429"]


@pytest.mark.parametrize("status", [500, 503])
def test_a_5xx_is_a_temporary_failure(
    slack: SlackStandIn, poster: SlackPoster, status: int
) -> None:
    slack.fail("/chat.postMessage", status=status)
    with pytest.raises(TemporaryFailure):
        poster.post("C0TEAM", _reminder(), "m-1")
    assert slack.messages_in("C0TEAM") == []
    assert poster.post("C0TEAM", _reminder(), "m-1")  # only the next call failed


def test_a_refused_connection_is_a_temporary_failure() -> None:
    client = WebClient(token="xoxb-test", base_url="http://127.0.0.1:9/", timeout=CLIENT_TIMEOUT)
    with pytest.raises(TemporaryFailure):
        SlackPoster(client).post("C0TEAM", _reminder(), "m-1")


def test_a_timeout_after_sending_is_unclear_and_find_post_settles_it(
    slack: SlackStandIn, poster: SlackPoster
) -> None:
    slack.hang_once("/chat.postMessage", seconds=CLIENT_TIMEOUT + 1)
    with pytest.raises(UnclearOutcome):
        poster.post("C0TEAM", _reminder(), "sub-7:p1")
    ts = poster.find_post("C0TEAM", "sub-7:p1", since=_an_hour_ago())
    assert ts is not None and ts == slack.messages_in("C0TEAM")[0]["ts"]
    assert poster.find_post("C0TEAM", "sub-7:p2", since=_an_hour_ago()) is None


def test_find_post_reads_only_messages_since(slack: SlackStandIn, poster: SlackPoster) -> None:
    slack.clock = lambda: NOW.timestamp()  # the stand-in follows a test's clock
    poster.post("C0TEAM", _reminder(), "m-1")
    assert poster.find_post("C0TEAM", "m-1", since=NOW - timedelta(minutes=1)) is not None
    assert poster.find_post("C0TEAM", "m-1", since=NOW + timedelta(minutes=1)) is None
    assert poster.find_post("C0OTHER", "m-1", since=NOW - timedelta(minutes=1)) is None
    (call,) = slack.calls_to("/conversations.history")[:1]
    assert call.body["include_all_metadata"] in ("1", "true", True)


def test_an_unknown_channel_is_a_permanent_failure(
    slack: SlackStandIn, poster: SlackPoster
) -> None:
    slack.unknown_channels.add("C0GONE")
    with pytest.raises(PermanentFailure) as caught:
        poster.post("C0GONE", _reminder(), "m-1")
    assert caught.value.reason == "channel_not_found"
    assert poster.check_channel("C0GONE") is False
    assert poster.check_channel("C0TEAM") is True


def test_check_channel_raises_when_slack_cannot_say(
    slack: SlackStandIn, poster: SlackPoster
) -> None:
    slack.fail("/conversations.info", status=502)
    with pytest.raises(TemporaryFailure):
        poster.check_channel("C0TEAM")


def test_a_delayed_answer_comes_after_the_message_is_taken(
    slack: SlackStandIn, poster: SlackPoster
) -> None:
    slack.delay("/chat.postMessage", 0.3)
    started = time.monotonic()
    poster.post("C0TEAM", _reminder(), "m-1")
    assert time.monotonic() - started >= 0.3
    (call,) = slack.calls_to("/chat.postMessage")
    assert call.received_at - started < 0.3  # received (and posted) at once
    slack.delay("/chat.postMessage", 0)
    started = time.monotonic()
    poster.post("C0TEAM", _reminder(), "m-2")
    assert time.monotonic() - started < 0.3


def test_a_long_retry_after_is_not_waited_out_here(slack: SlackStandIn) -> None:
    client = WebClient(token="xoxb-test", base_url=slack.url, timeout=CLIENT_TIMEOUT)
    poster = SlackPoster(client, max_rate_limit_wait=5)
    slack.rate_limit_once("/conversations.history", retry_after=120)
    started = time.monotonic()
    with pytest.raises(RateLimited) as caught:
        poster.find_post("C0TEAM", "m-1", _an_hour_ago())
    assert caught.value.retry_after == 120
    assert time.monotonic() - started < 5


def test_a_digest_for_a_person_goes_to_their_dm_and_is_found_there(
    slack: SlackStandIn, poster: SlackPoster
) -> None:
    since = _an_hour_ago()
    ts = poster.post("U0MANAGER1", _digest(chart=None), "m-dm")
    (opened,) = slack.calls_to("/conversations.open")
    assert opened.body["users"] == "U0MANAGER1"
    (call,) = slack.calls_to("/chat.postMessage")
    assert call.body["channel"] == "D0MANAGER1"
    assert poster.find_post("U0MANAGER1", "m-dm", since) == ts
    assert len(slack.calls_to("/conversations.open")) == 1  # the DM id is kept
    assert poster.check_channel("U0MANAGER1") is True
    slack.unknown_channels.add("U0GONE1")
    assert poster.check_channel("U0GONE1") is False
