"""End to end, each piece of work done once: Slack's redeliveries, replayed signed requests
and double clicks, on one web process and on two sharing a store."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
from sqlmodel import Session, col, create_engine, func, select

from bot.composition import build_web_process
from knowledge.store import AuditEntry, KpiProgress
from knowledge.store.models import Feedback
from tests.e2e.slack.conftest import SIGNING_SECRET, Served, build_settings, run_web_app, texts
from tests.e2e.slack.kb_support import ENV_ADMIN, KbServed, serve_kb
from tests.e2e.slack.test_endpoint import dm, posts_to, wait_for_post
from tests.support.slack_payloads import block_action, event_callback, slash_command
from tests.support.slack_standin import SlackStandIn, sign

RETRY = {"X-Slack-Retry-Num": "1", "X-Slack-Retry-Reason": "http_error"}
Request = tuple[bytes, str, dict[str, str]]


def signed(delivery: tuple[bytes, str], **headers: str) -> Request:
    """A request signed once: sending it again is a replay of the very same bytes."""
    body, content_type = delivery
    return body, content_type, {**sign(body, SIGNING_SECRET), **headers}


def send(served: Served, request: Request) -> int:
    body, content_type, headers = request
    return served.post(body, content_type, signed=False, headers=headers)[0]


def send_together(*sends: Callable[[], int]) -> list[int]:
    """Each call on its own thread, released at the same moment."""
    barrier = threading.Barrier(len(sends))

    def run(call: Callable[[], int]) -> int:
        barrier.wait(timeout=10)
        return call()

    with ThreadPoolExecutor(len(sends)) as pool:
        return list(pool.map(run, sends))


def sending(served: Served, request: Request) -> Callable[[], int]:
    return lambda: send(served, request)


def settle(served: Served) -> None:
    """Work sent before this is done: a later DM is answered (each request is answered in
    its own task, so a short pause covers the ones still finishing)."""
    channel = f"D0SETTLE{time.monotonic_ns() % 10**9}"
    served.post(*event_callback(dm("P2 budget", channel)))
    wait_for_post(served, channel)
    time.sleep(0.2)


@contextmanager
def second_process(served: Served, database_url: str | None = None) -> Iterator[Served]:
    """Another web process on the same store (or on `database_url`), same Slack stand-in."""
    url = database_url or served.database_url
    with run_web_app(build_web_process(build_settings(served.slack, url))) as other_url:
        yield Served(other_url, served.slack, url)


def count(database_url: str, model: Any, *where: Any) -> int:
    engine = create_engine(database_url)
    with Session(engine) as session:
        found = session.exec(select(func.count()).select_from(model).where(*where)).one()
    engine.dispose()
    return int(found)


# -- Slack's redeliveries (X-Slack-Retry-Num) ----------------------------------------------


def test_retry_of_an_event_never_handled_is_answered_once(served: Served) -> None:
    # The first delivery never reached the bot (a 502 during a deploy): only the retry came.
    retry = signed(event_callback(dm("P1 budget", "D0LOST")), **RETRY)
    assert send(served, retry) == 200
    assert "P1" in texts(wait_for_post(served, "D0LOST").body["blocks"])
    second_retry = signed((retry[0], retry[1]), **{**RETRY, "X-Slack-Retry-Num": "2"})
    assert send(served, second_retry) == 200
    settle(served)
    assert len(posts_to(served, "D0LOST")) == 1


def test_retry_of_a_handled_event_gets_no_answer(served: Served) -> None:
    delivery = event_callback(dm("P3 budget", "D0HANDLED"))
    assert send(served, signed(delivery)) == 200
    wait_for_post(served, "D0HANDLED")
    assert send(served, signed(delivery, **RETRY)) == 200
    settle(served)
    assert len(posts_to(served, "D0HANDLED")) == 1


def test_first_delivery_and_its_retry_at_once_get_one_answer(served: Served) -> None:
    deliveries = [event_callback(dm("E1 budget", f"D0RACE{i}")) for i in range(4)]
    for delivery in deliveries:
        first, retry = signed(delivery), signed(delivery, **RETRY)
        assert send_together(sending(served, first), sending(served, retry)) == [200] * 2
    for index in range(4):
        wait_for_post(served, f"D0RACE{index}")
    settle(served)
    assert [len(posts_to(served, f"D0RACE{i}")) for i in range(4)] == [1] * 4


def test_two_processes_on_one_store_answer_a_retry_once(served: Served) -> None:
    with second_process(served) as other:
        lost = signed(event_callback(dm("P4 budget", "D0TWOLOST")), **RETRY)
        assert send(other, lost) == 200
        wait_for_post(served, "D0TWOLOST")
        assert send(served, lost) == 200  # the next retry lands on the first process
        raced = event_callback(dm("P5 budget", "D0TWORACE"))
        first, retry = signed(raced), signed(raced, **RETRY)
        send_together(sending(served, first), sending(other, retry))
        wait_for_post(served, "D0TWORACE")
        settle(other)
    settle(served)
    assert len(posts_to(served, "D0TWOLOST")) == 1 and len(posts_to(served, "D0TWORACE")) == 1


@pytest.mark.postgres
def test_two_processes_on_one_postgresql_database_answer_a_retry_once(
    served: Served, postgres_url: str
) -> None:
    with second_process(served, postgres_url) as first, second_process(first) as second:
        for index in range(3):
            delivery = event_callback(dm("P3 budget", f"D0PGRETRY{index}"))
            original, retry = signed(delivery), signed(delivery, **RETRY)
            send_together(sending(first, original), sending(second, retry))
        lost = signed(event_callback(dm("P1 budget", "D0PGLOST")), **RETRY)
        send_together(sending(first, lost), sending(second, lost))
        for channel in [*(f"D0PGRETRY{i}" for i in range(3)), "D0PGLOST"]:
            wait_for_post(served, channel)
        settle(first)
        settle(second)
    counted = [len(posts_to(served, f"D0PGRETRY{i}")) for i in range(3)]
    assert counted == [1] * 3 and len(posts_to(served, "D0PGLOST")) == 1


# -- a signed request sent again (a replay within the 5 minutes its signature is valid) -----


def test_replayed_ask_is_answered_once(served: Served) -> None:
    request = signed(slash_command("P3 budget", served.slack.response_url("replay-ask")))
    assert send(served, request) == 200
    served.slack.wait_for("/response/replay-ask")
    assert send(served, request) == 200
    settle(served)
    assert len(served.slack.calls_to("/response/replay-ask")) == 1


def test_replayed_vote_is_counted_once(served: Served) -> None:
    message = {"type": "message", "ts": "1700000700.000700"}
    click = block_action(
        "vote_helpful",
        "P2 budget",
        response_url=served.slack.response_url("replay-vote"),
        user_id="U0REVOTER",
        channel_id="D0REVOTE",
        message=message,
    )
    request = signed(click)
    assert send_together(sending(served, request), sending(served, request)) == [200] * 2
    served.slack.wait_for("/chat.postEphemeral")
    assert send(served, request) == 200
    settle(served)
    assert count(served.database_url, Feedback, col(Feedback.user_id) == "U0REVOTER") == 1
    thanks = [
        c for c in served.slack.calls_to("/chat.postEphemeral") if c.body["user"] == "U0REVOTER"
    ]
    assert len(thanks) == 1


@pytest.fixture(scope="module")
def kb_app(
    slack: SlackStandIn, seeded_file: Path, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[KbServed]:
    with serve_kb(slack, seeded_file, tmp_path_factory.mktemp("kb-once")) as served:
        yield served


def test_replayed_kb_progress_records_once(kb_app: KbServed) -> None:
    served, url = kb_app.served, kb_app.served.database_url
    progress = (col(KpiProgress.kpi_code) == "P1-INF-2",)
    before = count(url, KpiProgress, *progress), count(url, AuditEntry)
    command = slash_command(
        "progress P1-INF-2 7 replayed",
        served.slack.response_url("replay-kb"),
        command="/kb",
        user_id=ENV_ADMIN,
    )
    request = signed(command)
    assert send(served, request) == 200
    (reply,) = served.slack.wait_for("/response/replay-kb", timeout=10)
    assert "recorded" in texts(reply.body)
    assert send(served, request) == 200
    with second_process(served) as other:  # another web process sees the claim too
        assert send(other, request) == 200
        settle(other)
    settle(served)
    assert (count(url, KpiProgress, *progress), count(url, AuditEntry)) == (
        before[0] + 1,
        before[1] + 1,
    )
    assert len(served.slack.calls_to("/response/replay-kb")) == 1
    # The same command typed again is a new command (a new trigger_id): it is recorded.
    kb_app.kb("progress P1-INF-2 7 replayed", ENV_ADMIN)
    assert count(url, KpiProgress, *progress) == before[0] + 2


# -- "Post to channel": one post per answer, however it is clicked ---------------------------


def post_click(served: Served, response_id: str, message_ts: str) -> Callable[[], int]:
    """A click (a new trigger_id, its own response_url) on the private answer at `message_ts`."""
    click = block_action(
        "post_to_channel",
        "P3 budget",
        response_url=served.slack.response_url(response_id),
        channel_id="C0POSTONCE",
        message_ts=message_ts,
    )
    return lambda: served.post(*click)[0]


def in_channel_posts(served: Served, *response_ids: str) -> list[Any]:
    return [
        call
        for response_id in response_ids
        for call in served.slack.calls_to(f"/response/{response_id}")
        if call.body.get("response_type") == "in_channel"
    ]


def test_double_click_on_post_to_channel_posts_once(served: Served) -> None:
    assert post_click(served, "dbl-1", "1700000800.000001")() == 200
    time.sleep(0.15)
    assert post_click(served, "dbl-2", "1700000800.000001")() == 200
    served.slack.wait_for("/response/dbl-1", count=2)  # the post, then the private one deleted
    settle(served)
    assert len(in_channel_posts(served, "dbl-1", "dbl-2")) == 1
    assert served.slack.calls_to("/response/dbl-2") == []


def test_clicks_at_once_on_post_to_channel_post_once(served: Served) -> None:
    clicks = [post_click(served, f"once-{i}", "1700000800.000002") for i in range(3)]
    assert send_together(*clicks) == [200] * 3
    with second_process(served) as other:
        assert post_click(other, "once-3", "1700000800.000002")() == 200
        settle(other)
    settle(served)
    assert len(in_channel_posts(served, *(f"once-{i}" for i in range(4)))) == 1


def test_each_private_answer_can_be_posted(served: Served) -> None:
    assert (
        send_together(
            post_click(served, "each-1", "1700000800.000003"),
            post_click(served, "each-2", "1700000800.000004"),
        )
        == [200] * 2
    )
    settle(served)
    assert len(in_channel_posts(served, "each-1", "each-2")) == 2


def test_a_failed_post_can_be_clicked_again(served: Served) -> None:
    served.slack.fail("/response/fail-1", status=404)
    assert post_click(served, "fail-1", "1700000800.000005")() == 200
    served.slack.wait_for("/response/fail-1")
    settle(served)
    assert post_click(served, "fail-2", "1700000800.000005")() == 200
    served.slack.wait_for("/response/fail-2", count=2)
    assert len(in_channel_posts(served, "fail-2")) == 1


def test_a_double_clicked_vote_is_counted_once(served: Served) -> None:
    message = {"type": "message", "ts": "1700000800.000800"}

    def click() -> Request:  # a new click: its own trigger_id
        return signed(
            block_action(
                "vote_helpful",
                "P4 budget",
                response_url=served.slack.response_url("double-vote"),
                user_id="U0DOUBLE",
                channel_id="D0DOUBLE",
                message=message,
            )
        )

    first, second = click(), click()
    assert send_together(sending(served, first), sending(served, second)) == [200] * 2
    served.slack.wait_for("/chat.postEphemeral")
    settle(served)
    assert count(served.database_url, Feedback, col(Feedback.user_id) == "U0DOUBLE") == 1
