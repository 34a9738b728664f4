"""TeamsPoster against the Bot Connector stand-in: posts, 429 waits, failures as the
scheduler's errors, and the conversations it knows."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta

import httpx
import pytest
from microsoft_teams.common.http.client import MiddlewareContext
from sqlalchemy.engine import Engine
from sqlmodel import Session

from bot.chat import ChatRecords
from bot.teams.app import TeamsConfig, build_teams_app
from bot.teams.poster import NOT_FOUND, TeamsPoster
from bot.teams.retry import RateLimitRetry, read_retry_after
from knowledge.store import utc_now
from scheduler.errors import (
    CannotCheck,
    PermanentFailure,
    RateLimited,
    TemporaryFailure,
    UnclearOutcome,
)
from scheduler.reports import build_report_for
from scheduler.runner import run_due
from scheduler.subscriptions import create_subscription
from tests.scheduler.conftest import take_over_claim
from tests.support.teams_standin import APP_ID, TeamsStandIn

CHANNEL = "19:poster-channel@thread.tacv2"
NOW = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)


@pytest.fixture(scope="module")
def teams() -> Iterator[TeamsStandIn]:
    with TeamsStandIn() as standin:
        yield standin


@pytest.fixture
def records(seeded_engine: Engine, teams: TeamsStandIn) -> ChatRecords:
    records = ChatRecords(seeded_engine)
    records.save_conversation(
        platform="teams",
        conversation_id=CHANNEL,
        service_url=teams.url,
        kind="channel",
        title="BDT / General",
    )
    return records


@pytest.fixture
def poster(records: ChatRecords, teams: TeamsStandIn) -> Iterator[TeamsPoster]:
    teams.clear()
    config = TeamsConfig(
        app_id=APP_ID, openid_metadata_url=teams.openid_metadata_url, token=teams.token_provider
    )
    poster = TeamsPoster(lambda retry: build_teams_app(config, retry=retry), records)
    yield poster
    poster.close()


@pytest.fixture
def digest(seeded_engine: Engine) -> object:

    with Session(seeded_engine) as session:
        return build_report_for(session, "digest", "all", "en", NOW, with_chart=False)


def test_a_report_is_posted_as_a_card_to_the_stored_conversation(
    poster: TeamsPoster, teams: TeamsStandIn, digest: object
) -> None:
    activity_id = poster.post(CHANNEL, digest, "m1")  # type: ignore[arg-type]
    (call,) = teams.sent
    assert (call.conversation_id, call.id) == (CHANNEL, activity_id)
    attachment = call.activity["attachments"][0]
    assert attachment["contentType"] == "application/vnd.microsoft.card.adaptive"
    assert call.headers["authorization"].startswith("Bearer ")


def test_a_429_is_raised_at_once_for_the_scheduler_to_wait_out(
    poster: TeamsPoster, teams: TeamsStandIn, digest: object
) -> None:
    teams.rate_limit(1, retry_after=2)
    with pytest.raises(RateLimited) as raised:
        poster.post(CHANNEL, digest, "m2")  # type: ignore[arg-type]
    assert raised.value.retry_after == 2
    assert teams.sent == [] and [c.status for c in teams.calls] == [429]
    poster.post(CHANNEL, digest, "m3")  # type: ignore[arg-type]
    assert len(teams.sent) == 1


def _due_teams_subscription(engine: Engine, channel: str = CHANNEL) -> int:
    period = (utc_now() - timedelta(minutes=1)).replace(second=0, microsecond=0)
    with Session(engine) as session:
        subscription = create_subscription(
            session,
            "U1",
            "reminder",
            channel,
            "all",
            f"{period.minute} {period.hour} * * *",
            "UTC",
            "en",
            quiet_when_empty=False,
            platform="teams",
            now=period - timedelta(hours=1),
        )
        session.commit()
        assert subscription.id is not None
        return subscription.id


def test_the_scheduler_sends_again_after_a_429_only_while_it_keeps_its_claim(
    seeded_engine: Engine, records: ChatRecords, poster: TeamsPoster, teams: TeamsStandIn
) -> None:
    # The runner waits the 429 out and renews its claim before it sends again; another runner
    # took the claim over meanwhile (the waiting one was frozen): nothing more goes out.
    sid = _due_teams_subscription(seeded_engine)
    teams.rate_limit(1, retry_after=0)
    summary = run_due(
        seeded_engine,
        {"teams": poster},
        utc_now(),
        timedelta(hours=1),
        sleep=lambda _seconds: take_over_claim(seeded_engine, sid),
    )
    assert (summary.attempts, summary.sent, summary.lost) == (1, 0, 1)
    assert teams.sent == [] and [c.status for c in teams.calls] == [429]
    # Kept, the claim is posted once the wait is over.
    records.save_conversation(
        platform="teams",
        conversation_id="19:kept@thread.tacv2",
        service_url=teams.url,
        kind="channel",
    )
    other = _due_teams_subscription(seeded_engine, "19:kept@thread.tacv2")
    teams.rate_limit(1, retry_after=0)
    waits: list[float] = []
    summary = run_due(
        seeded_engine,
        {"teams": poster},
        utc_now(),
        timedelta(hours=1),
        subscription_ids=[other],
        sleep=waits.append,
    )
    assert (summary.attempts, summary.sent, waits) == (2, 1, [0.0])


@pytest.mark.parametrize(
    ("status", "error"),
    [
        (503, TemporaryFailure),
        (500, UnclearOutcome),
        (502, UnclearOutcome),
        (403, PermanentFailure),
    ],
)
def test_failures_become_the_schedulers_errors(
    poster: TeamsPoster, teams: TeamsStandIn, digest: object, status: int, error: type
) -> None:
    teams.fail(1, status)
    with pytest.raises(error):
        poster.post(CHANNEL, digest, "m4")  # type: ignore[arg-type]
    assert teams.sent == []


def test_an_unknown_conversation_is_a_permanent_failure(
    poster: TeamsPoster, teams: TeamsStandIn, digest: object
) -> None:
    with pytest.raises(PermanentFailure) as raised:
        poster.post("19:never-installed@thread.tacv2", digest, "m5")  # type: ignore[arg-type]
    assert raised.value.reason == NOT_FOUND
    assert teams.calls == []


def test_a_refused_connection_is_temporary(
    records: ChatRecords, teams: TeamsStandIn, digest: object
) -> None:
    records.save_conversation(
        platform="teams",
        conversation_id="19:gone@thread.tacv2",
        service_url="http://127.0.0.1:1/amer/",
        kind="channel",
    )
    config = TeamsConfig(app_id=APP_ID, token=teams.token_provider)
    poster = TeamsPoster(lambda retry: build_teams_app(config, retry=retry), records)
    try:
        with pytest.raises(TemporaryFailure):
            poster.post("19:gone@thread.tacv2", digest, "m6")  # type: ignore[arg-type]
    finally:
        poster.close()


def test_a_post_that_hangs_is_unclear(
    records: ChatRecords, teams: TeamsStandIn, digest: object, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("bot.teams.app.HTTP_TIMEOUT", 0.5)
    config = TeamsConfig(app_id=APP_ID, token=teams.token_provider)
    poster = TeamsPoster(lambda retry: build_teams_app(config, retry=retry), records)
    teams.clear()
    teams.hang_once(2.0)
    try:
        with pytest.raises(UnclearOutcome):
            poster.post(CHANNEL, digest, "m7")  # type: ignore[arg-type]
    finally:
        poster.close()


def test_posts_cannot_be_looked_up_and_channels_are_the_stored_ones(
    poster: TeamsPoster, records: ChatRecords
) -> None:
    with pytest.raises(CannotCheck):
        poster.find_post(CHANNEL, "m1", NOW)
    assert poster.check_channel(CHANNEL)
    assert not poster.check_channel("19:never-installed@thread.tacv2")
    records.remove_conversation("teams", CHANNEL)
    assert not poster.check_channel(CHANNEL)


# -- the retry middleware on its own ----------------------------------------------------------


def _response(status: int, retry_after: str | None = None) -> httpx.Response:
    headers = {"Retry-After": retry_after} if retry_after is not None else {}
    request = httpx.Request("POST", "http://connector/v3/conversations/x/activities")
    return httpx.Response(status, headers=headers, request=request)


def _run_retry(statuses: list[tuple[int, str | None]], **options: float) -> tuple[int, list[float]]:
    waits: list[float] = []
    answers = iter(statuses)

    async def sleep(seconds: float) -> None:
        waits.append(seconds)

    async def next_() -> httpx.Response:
        response = _response(*next(answers))
        response.raise_for_status()
        return response

    async def run() -> int:
        retry = RateLimitRetry(sleep=sleep, **options)  # type: ignore[arg-type]
        try:
            context = MiddlewareContext(
                method="POST", url="http://connector", headers={}, token=None
            )
            return (await retry.send(context, next_)).status_code
        except httpx.HTTPStatusError as exc:
            return exc.response.status_code

    return asyncio.run(run()), waits


def test_retry_waits_retry_after_then_doubles_without_it() -> None:
    assert _run_retry([(429, "2"), (429, None), (429, None), (201, None)]) == (201, [2.0, 2.0, 4.0])


def test_retry_gives_up_after_its_retries_and_on_long_waits() -> None:
    assert _run_retry([(429, "0")] * 5) == (429, [0.0, 0.0, 0.0])
    assert _run_retry([(429, "120")]) == (429, [])  # past max_wait: the caller decides


def test_only_429_is_retried() -> None:
    assert _run_retry([(500, None)]) == (500, [])
    assert _run_retry([(404, None)]) == (404, [])


def test_retry_after_is_read_in_seconds() -> None:
    assert read_retry_after(_response(429, "3")) == 3.0
    assert read_retry_after(_response(429, "soon")) is None
    assert read_retry_after(_response(429)) is None
