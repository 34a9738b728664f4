"""run_due: one post per period, grace and missed periods, retries, left-over claims."""

from __future__ import annotations

import threading
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import update
from sqlalchemy.engine import Engine
from sqlmodel import Session, col

from knowledge.store import Delivery, Subscription, utc_now
from scheduler import deliveries
from scheduler.errors import (
    CannotCheck,
    PermanentFailure,
    RateLimited,
    TemporaryFailure,
    UnclearOutcome,
)
from scheduler.runner import (
    FAILED_UNCHECKABLE,
    LEADER_TAKE_OVER,
    STALE_CLAIM,
    RetryPolicy,
    RunSummary,
    run_due,
)
from scheduler.subscriptions import create_subscription, pause_subscription, resume_subscription
from tests.scheduler.conftest import FakePoster, FakeReportBuilder, take_over_claim

GRACE = timedelta(hours=6)
MONDAY_9 = datetime(2026, 11, 16, 8, tzinfo=UTC)  # Monday 16 November 2026, 09:00 in Zurich
CREATED = datetime(2026, 11, 11, tzinfo=UTC)  # the Wednesday before
WEEK = timedelta(days=7)


def _add(
    store: Engine,
    schedule: str = "mon 09:00",
    channel: str = "C1",
    kind: str = "digest",
    quiet: bool = True,
    created: datetime = CREATED,
) -> int:
    with Session(store) as session:
        subscription = create_subscription(
            session, "U1", kind, channel, "P1", schedule, "Europe/Zurich", "en", quiet, now=created
        )
        session.commit()
        assert subscription.id is not None
        return subscription.id


def _run(
    store: Engine,
    poster: FakePoster,
    reports: FakeReportBuilder,
    now: datetime,
    sleeps: list[float] | None = None,
    **kwargs: object,
) -> RunSummary:
    return run_due(
        store,
        {"slack": poster},
        now,
        GRACE,
        reports,
        sleep=(sleeps if sleeps is not None else []).append,
        **{"take_over_after": LEADER_TAKE_OVER, **kwargs},  # type: ignore[arg-type]
    )


def _rows(store: Engine, subscription_id: int) -> list[tuple[str, str, int, str | None]]:
    with Session(store) as session:
        return [
            (d.period.isoformat(), d.status, d.attempts, d.ts)
            for d in deliveries.list_deliveries(session, subscription_id)
        ]


def test_due_period_is_posted_once_and_marked_sent(
    store: Engine, poster: FakePoster, reports: FakeReportBuilder
) -> None:
    sid = _add(store)
    assert _run(store, poster, reports, MONDAY_9 - timedelta(seconds=1)).sent == 0
    summary = _run(store, poster, reports, MONDAY_9 + timedelta(seconds=2))
    again = _run(store, poster, reports, MONDAY_9 + timedelta(minutes=5))
    assert (summary.sent, again.sent, again.busy) == (1, 0, 0)
    assert poster.markers() == [deliveries.to_marker(sid, MONDAY_9)]
    assert _rows(store, sid) == [(MONDAY_9.isoformat(), "sent", 1, "1700000000.000001")]


def test_periods_before_creation_are_not_due(
    store: Engine, poster: FakePoster, reports: FakeReportBuilder
) -> None:
    sid = _add(store, created=MONDAY_9 + timedelta(minutes=1))
    _run(store, poster, reports, MONDAY_9 + timedelta(minutes=2))
    assert poster.posts == [] and _rows(store, sid) == []


def test_restart_within_grace_posts_the_latest_and_reports_the_older_missed(
    store: Engine, poster: FakePoster, reports: FakeReportBuilder
) -> None:
    sid = _add(store, created=MONDAY_9 - WEEK * 3)
    _run(store, poster, reports, MONDAY_9 - WEEK * 2 + timedelta(minutes=1))  # sent 2 Nov
    # Down from then until three hours after the 16 November period.
    summary = _run(store, poster, reports, MONDAY_9 + timedelta(hours=3))
    assert (summary.sent, summary.missed) == (1, 1)
    assert [status for _p, status, _a, _t in _rows(store, sid)] == ["sent", "missed", "sent"]
    assert reports.calls[-1] == (sid, MONDAY_9 + timedelta(hours=3), (MONDAY_9 - WEEK,))
    # The next week's digest does not list the same missed period again.
    _run(store, poster, reports, MONDAY_9 + WEEK)
    assert reports.calls[-1][2] == ()


def test_restart_beyond_grace_records_missed_without_posting(
    store: Engine, poster: FakePoster, reports: FakeReportBuilder
) -> None:
    sid = _add(store, created=MONDAY_9 - WEEK - timedelta(days=2))
    summary = _run(store, poster, reports, MONDAY_9 + GRACE + timedelta(minutes=1))
    assert (summary.sent, summary.missed) == (0, 2)  # 9 and 16 November
    assert poster.posts == []
    with Session(store) as session:
        problems = deliveries.list_status(session, now=MONDAY_9 + GRACE)
    assert [(p.subscription.id, p.delivery.status) for p in problems] == [
        (sid, "missed"),
        (sid, "missed"),
    ]
    # Shown in the next post.
    _run(store, poster, reports, MONDAY_9 + WEEK)
    assert reports.calls[-1][2] == (MONDAY_9 - WEEK, MONDAY_9)


def test_concurrent_runners_post_each_period_once(
    store: Engine, poster: FakePoster, reports: FakeReportBuilder
) -> None:
    # Twelve channels: one channel gets one digest of a scope at a time (duplicates refused).
    ids = [_add(store, channel=f"C{i + 1}") for i in range(12)]
    barrier = threading.Barrier(3)
    summaries: list[RunSummary] = []

    def runner(name: str) -> None:
        barrier.wait()
        summaries.append(
            _run(
                store,
                poster,
                reports,
                MONDAY_9 + timedelta(seconds=5),
                runner_id=name,
                workers=4,
                take_over_after=STALE_CLAIM,
            )
        )

    threads = [threading.Thread(target=runner, args=(f"r{n}",)) for n in range(3)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(poster.markers()) == sorted(deliveries.to_marker(i, MONDAY_9) for i in ids)
    assert sum(s.sent for s in summaries) == 12


def test_rate_limited_waits_retry_after_then_posts(
    store: Engine, poster: FakePoster, reports: FakeReportBuilder
) -> None:
    sid = _add(store)
    poster.failures["C1"] = [RateLimited("C1", 3), RateLimited("C1", 2)]
    sleeps: list[float] = []
    summary = _run(store, poster, reports, MONDAY_9, sleeps)
    assert (summary.sent, sleeps) == (1, [3, 2])
    assert _rows(store, sid)[0][1:3] == ("sent", 3)


def test_server_errors_retry_with_backoff_then_fail(
    store: Engine, poster: FakePoster, reports: FakeReportBuilder
) -> None:
    sid = _add(store)
    poster.failures["C1"] = [TemporaryFailure("C1", "HTTP 503")] * 4
    sleeps: list[float] = []
    summary = _run(store, poster, reports, MONDAY_9, sleeps, retry=RetryPolicy(max_attempts=4))
    assert (summary.sent, summary.failed, sleeps) == (0, 1, [1.0, 2.0, 4.0])
    with Session(store) as session:
        (problem,) = deliveries.list_status(session, now=MONDAY_9)
    assert (problem.delivery.status, problem.delivery.error, problem.delivery.attempts) == (
        "failed",
        "HTTP 503",
        4,
    )
    # Failed is final: the next run does not post the period again.
    assert _run(store, poster, reports, MONDAY_9 + timedelta(minutes=1)).attempts == 0
    assert poster.posts == [] and _rows(store, sid)[0][1] == "failed"


def test_server_error_then_success(
    store: Engine, poster: FakePoster, reports: FakeReportBuilder
) -> None:
    _add(store)
    poster.failures["C1"] = [TemporaryFailure("C1", "HTTP 500")]
    assert _run(store, poster, reports, MONDAY_9).sent == 1
    assert len(poster.posts) == 1


def test_permanent_failure_is_not_retried(
    store: Engine, poster: FakePoster, reports: FakeReportBuilder
) -> None:
    sid = _add(store)
    poster.failures["C1"] = [PermanentFailure("C1", "channel_not_found")]
    sleeps: list[float] = []
    assert _run(store, poster, reports, MONDAY_9, sleeps).failed == 1
    assert sleeps == [] and _rows(store, sid)[0][1:3] == ("failed", 1)


def test_unclear_outcome_that_went_out_is_reconciled_not_reposted(
    store: Engine, poster: FakePoster, reports: FakeReportBuilder
) -> None:
    sid = _add(store)
    poster.failures["C1"] = [UnclearOutcome("C1", "sent")]
    summary = _run(store, poster, reports, MONDAY_9)
    assert (summary.sent, summary.reconciled, len(poster.posts)) == (1, 1, 1)
    assert _rows(store, sid)[0][1:] == ("sent", 1, "1700000000.000001")


def test_unclear_outcome_that_did_not_go_out_is_posted_again(
    store: Engine, poster: FakePoster, reports: FakeReportBuilder
) -> None:
    _add(store)
    poster.failures["C1"] = [UnclearOutcome("C1", "timed out")]
    summary = _run(store, poster, reports, MONDAY_9)
    assert (summary.sent, summary.reconciled, len(poster.posts)) == (1, 0, 1)
    assert len(poster.finds) == 1


def test_unclear_outcome_that_cannot_be_checked_is_not_reposted(
    store: Engine, poster: FakePoster, reports: FakeReportBuilder
) -> None:
    sid = _add(store)
    poster.failures["C1"] = [UnclearOutcome("C1", "timed out")]
    poster.find_failures = [TemporaryFailure("C1", "HTTP 502")]
    assert _run(store, poster, reports, MONDAY_9).failed == 1
    assert poster.posts == [] and _rows(store, sid)[0][1] == "failed"


def _leave_claim(
    store: Engine,
    sid: int,
    period: datetime,
    runner: str = "dead:1",
    age: timedelta = timedelta(hours=1),
) -> None:
    """A claim `runner` made (or last renewed) `age` ago and left."""
    with Session(store, expire_on_commit=False) as session:
        claim = deliveries.claim_delivery(session, sid, period, runner)
        assert claim is not None
        _age_claim(store, claim.id, age)


def _age_claim(store: Engine, delivery_id: int | None, age: timedelta) -> None:
    with Session(store) as session:
        session.execute(
            update(Delivery)
            .where(col(Delivery.id) == delivery_id)
            .values(claimed_at=utc_now() - age)
        )
        session.commit()


def test_claim_left_by_a_dead_runner_that_posted_is_marked_sent(
    store: Engine, poster: FakePoster, reports: FakeReportBuilder
) -> None:
    sid = _add(store)
    _leave_claim(store, sid, MONDAY_9)
    marker = deliveries.to_marker(sid, MONDAY_9)
    poster.posts.append(("C1", marker, reports.__class__()))  # type: ignore[arg-type]
    summary = _run(store, poster, reports, MONDAY_9 + timedelta(minutes=1))
    assert (summary.sent, summary.reconciled, len(poster.posts)) == (1, 1, 1)
    assert poster.finds == [marker] and reports.calls == []


def test_claim_left_by_a_dead_runner_that_did_not_post_is_posted(
    store: Engine, poster: FakePoster, reports: FakeReportBuilder
) -> None:
    sid = _add(store)
    _leave_claim(store, sid, MONDAY_9)
    summary = _run(store, poster, reports, MONDAY_9 + timedelta(minutes=1))
    assert (summary.sent, summary.reconciled) == (1, 0)
    assert poster.markers() == [deliveries.to_marker(sid, MONDAY_9)]
    assert _rows(store, sid)[0][1:3] == ("sent", 2)


def test_fresh_claims_of_other_runners_are_left_alone_unless_leading(
    store: Engine, poster: FakePoster, reports: FakeReportBuilder
) -> None:
    sid = _add(store)
    _leave_claim(store, sid, MONDAY_9, runner="alive:2", age=timedelta(minutes=5))
    later = MONDAY_9 + timedelta(minutes=1)
    summary = _run(store, poster, reports, later, take_over_after=STALE_CLAIM)
    assert summary.attempts == 0 and poster.finds == [] and poster.posts == []
    assert _run(store, poster, reports, later).sent == 1


def test_claims_in_flight_in_this_runner_are_left_alone(
    store: Engine, poster: FakePoster, reports: FakeReportBuilder
) -> None:
    sid = _add(store)
    _leave_claim(store, sid, MONDAY_9, runner="me")
    summary = _run(store, poster, reports, MONDAY_9 + timedelta(minutes=1), runner_id="me")
    assert summary.attempts == 0 and poster.finds == [] and poster.posts == []


def test_left_over_claim_beyond_grace_not_found_becomes_missed(
    store: Engine, poster: FakePoster, reports: FakeReportBuilder
) -> None:
    sid = _add(store, created=MONDAY_9 - WEEK - timedelta(days=2))
    _leave_claim(store, sid, MONDAY_9 - WEEK)
    summary = _run(store, poster, reports, MONDAY_9 + timedelta(minutes=1))
    assert summary.sent == 1 and poster.markers() == [deliveries.to_marker(sid, MONDAY_9)]
    assert [s for _p, s, _a, _t in _rows(store, sid)] == ["missed", "sent"]


def test_left_over_claim_unchecked_is_released_for_a_later_run(
    store: Engine, poster: FakePoster, reports: FakeReportBuilder
) -> None:
    sid = _add(store)
    _leave_claim(store, sid, MONDAY_9)
    poster.find_failures = [TemporaryFailure("C1", "HTTP 500")]
    assert _run(store, poster, reports, MONDAY_9 + timedelta(minutes=1)).released == 1
    assert poster.posts == [] and _rows(store, sid)[0][1] == "claimed"
    assert _run(store, poster, reports, MONDAY_9 + timedelta(minutes=2)).sent == 1


class UncheckablePoster(FakePoster):
    """A FakePoster on a platform that cannot find a post again (Teams): find_post always
    raises CannotCheck."""

    def find_post(self, channel: str, marker: str, since: datetime) -> str | None:
        with self._lock:
            self.finds.append(marker)
        raise CannotCheck(channel, "no message history")


def _errors(store: Engine, subscription_id: int) -> list[str]:
    with Session(store) as session:
        return [d.error for d in deliveries.list_deliveries(session, subscription_id)]


@pytest.mark.parametrize("leftover_age", [timedelta(0), WEEK], ids=["due", "beyond_grace"])
def test_left_over_claim_that_cannot_be_checked_fails_and_is_never_posted_again(
    store: Engine, reports: FakeReportBuilder, leftover_age: timedelta
) -> None:
    poster = UncheckablePoster()
    sid = _add(store, created=MONDAY_9 - WEEK - timedelta(days=2))
    period = MONDAY_9 - leftover_age
    _leave_claim(store, sid, period)
    marker = deliveries.to_marker(sid, period)
    first = _run(store, poster, reports, MONDAY_9 + timedelta(minutes=1))
    again = _run(store, poster, reports, MONDAY_9 + timedelta(minutes=2))
    # The left-over period is never posted (a week-old one is followed by this week's post).
    assert marker not in poster.markers() and poster.finds == [marker]
    assert (first.failed, first.released, again.failed, again.attempts) == (1, 0, 0, 0)
    assert len(poster.posts) == (1 if leftover_age else 0)
    (row, *_newer) = _rows(store, sid)
    assert row[1:3] == ("failed", 1)  # the dead runner's attempt
    assert _errors(store, sid)[0] == f"{FAILED_UNCHECKABLE}: no message history"


def test_a_released_claim_on_a_platform_that_cannot_be_checked_is_posted(
    store: Engine, reports: FakeReportBuilder
) -> None:
    # A runner that stopped before an attempt releases its claim: nothing went out (an
    # unclear attempt would have failed the delivery), so the next runner posts it.
    poster = UncheckablePoster()
    sid = _add(store)
    _leave_claim(store, sid, MONDAY_9)
    with Session(store) as session:
        (claim,) = deliveries.list_deliveries(session, sid)
        assert claim.id is not None
        assert deliveries.release_delivery(session, claim, "stopped before attempt 2")
    summary = _run(store, poster, reports, MONDAY_9 + timedelta(minutes=1))
    assert (summary.sent, summary.failed) == (1, 0)
    assert poster.markers() == [deliveries.to_marker(sid, MONDAY_9)]
    assert _rows(store, sid)[0][1] == "sent"


def test_unclear_outcome_on_a_platform_that_cannot_be_checked_fails_unreposted(
    store: Engine, reports: FakeReportBuilder
) -> None:
    poster = UncheckablePoster()
    sid = _add(store)
    poster.failures["C1"] = [UnclearOutcome("C1", "timed out")]
    summary = _run(store, poster, reports, MONDAY_9)
    assert (summary.failed, summary.attempts, poster.posts) == (1, 1, [])
    assert _rows(store, sid)[0][1] == "failed"
    assert _errors(store, sid) == ["unclear, not checked: no message history"]


def test_empty_reminder_is_skipped_when_quiet_and_posted_otherwise(
    store: Engine, poster: FakePoster, reports: FakeReportBuilder
) -> None:
    quiet = _add(store, kind="reminder")
    loud = _add(store, kind="reminder", quiet=False, channel="C2")
    reports.empty = {quiet, loud}
    summary = _run(store, poster, reports, MONDAY_9)
    assert (summary.sent, summary.skipped) == (1, 1)
    assert poster.markers() == [deliveries.to_marker(loud, MONDAY_9)]
    assert _rows(store, quiet)[0][1] == "skipped"


def test_paused_subscriptions_do_not_post_and_resume_skips_the_paused_periods(
    store: Engine, poster: FakePoster, reports: FakeReportBuilder
) -> None:
    sid = _add(store)
    with Session(store) as session:
        pause_subscription(session, "U1", sid, now=MONDAY_9 - timedelta(days=1))
        session.commit()
    assert _run(store, poster, reports, MONDAY_9).attempts == 0
    with Session(store) as session:
        resume_subscription(session, "U1", sid, now=MONDAY_9 + timedelta(hours=1))
        session.commit()
    summary = _run(store, poster, reports, MONDAY_9 + timedelta(hours=2))
    assert (summary.sent, summary.missed, poster.posts) == (0, 0, [])
    assert _rows(store, sid) == [(MONDAY_9.isoformat(), "skipped", 0, None)]
    assert _run(store, poster, reports, MONDAY_9 + WEEK).sent == 1


def _add_stored_hourly(store: Engine) -> int:
    """An hourly subscription stored before new ones were held to one post a day: it keeps
    posting as it is (create_subscription would refuse it now)."""
    with Session(store) as session:
        subscription = Subscription(
            kind="digest", channel="C1", scope="P1", schedule="0 * * * *", schedule_kind="cron",
            tz="Europe/Zurich", lang="en", created_by="U1", created_at=CREATED,
        )  # fmt: skip
        session.add(subscription)
        session.commit()
        assert subscription.id is not None
        return subscription.id


def test_one_post_per_subscription_per_run_oldest_period_first(
    store: Engine, poster: FakePoster, reports: FakeReportBuilder
) -> None:
    early = _add(store, schedule="mon 08:00", channel="C2")
    late = _add(store, schedule="mon 09:00")
    hourly = _add_stored_hourly(store)
    _run(store, poster, reports, MONDAY_9 + timedelta(minutes=30), workers=1)
    assert poster.markers() == [
        deliveries.to_marker(early, MONDAY_9 - timedelta(hours=1)),
        deliveries.to_marker(late, MONDAY_9),
        deliveries.to_marker(hourly, MONDAY_9),
    ]


def test_an_unknown_platform_fails_the_delivery(
    store: Engine, poster: FakePoster, reports: FakeReportBuilder
) -> None:
    sid = _add(store)
    summary = run_due(store, {}, MONDAY_9, GRACE, reports)
    assert summary.failed == 1 and _rows(store, sid)[0][1] == "failed"


@pytest.mark.parametrize("workers", [1, 8])
def test_a_report_that_cannot_be_built_fails_only_its_delivery(
    store: Engine, poster: FakePoster, workers: int
) -> None:
    bad = _add(store)
    good = _add(store, channel="C2")

    def build(session: Session, subscription: object, now: datetime, missed: object) -> object:
        if getattr(subscription, "id", None) == bad:
            raise ValueError("boom")
        return FakeReportBuilder()(session, subscription, now, missed)  # type: ignore[arg-type]

    summary = run_due(store, {"slack": poster}, MONDAY_9, GRACE, build, workers=workers)  # type: ignore[arg-type]
    assert (summary.sent, summary.failed) == (1, 1)
    assert poster.markers() == [deliveries.to_marker(good, MONDAY_9)]
    assert _rows(store, bad)[0][1] == "failed"


def test_a_stopping_process_starts_no_further_posts(
    store: Engine, poster: FakePoster, reports: FakeReportBuilder
) -> None:
    sid = _add(store)
    stop = threading.Event()
    stop.set()
    summary = _run(store, poster, reports, MONDAY_9, stop=stop)
    assert (summary.deferred, poster.posts, _rows(store, sid)) == (1, [], [])
    assert _run(store, poster, reports, MONDAY_9 + timedelta(minutes=5)).sent == 1


def test_status_shows_claims_left_unfinished_for_long(
    store: Engine, poster: FakePoster, reports: FakeReportBuilder
) -> None:
    sid = _add(store)
    _leave_claim(store, sid, MONDAY_9)
    with Session(store) as session:
        assert deliveries.list_status(session, now=MONDAY_9 + timedelta(minutes=1)) == []
        later = utc_now() + deliveries.STUCK_AFTER + timedelta(seconds=1)
        (problem,) = deliveries.list_status(session, now=later, window=later - MONDAY_9)
        assert problem.delivery.status == "claimed"


def test_a_lost_lead_stops_retrying_and_leaves_the_claim_to_the_next_leader(
    store: Engine, poster: FakePoster, reports: FakeReportBuilder
) -> None:
    sid = _add(store)
    poster.failures["C1"] = [TemporaryFailure("C1", "HTTP 503")] * 2
    stop = threading.Event()
    # The lead is lost while the runner waits to retry: it must not post again itself.
    summary = run_due(
        store,
        {"slack": poster},
        MONDAY_9,
        GRACE,
        reports,
        sleep=lambda _seconds: stop.set(),
        stop=stop,
    )
    assert (summary.attempts, summary.released, summary.failed, poster.posts) == (1, 1, 0, [])
    (row,) = _rows(store, sid)
    assert row[1] == "claimed"
    # The next leader looks for the post first, then posts it once.
    after = _run(store, poster, reports, MONDAY_9 + timedelta(minutes=1))
    assert poster.finds and (after.sent, len(poster.posts)) == (1, 1)


def _run_with_sleep(
    store: Engine, poster: FakePoster, reports: FakeReportBuilder, sleep: object, **kwargs: object
) -> RunSummary:
    return run_due(
        store,
        {"slack": poster},
        MONDAY_9,
        GRACE,
        reports,
        sleep=sleep,  # type: ignore[arg-type]
        take_over_after=LEADER_TAKE_OVER,
        **kwargs,  # type: ignore[arg-type]
    )


def test_a_claim_taken_over_during_a_429_wait_is_not_posted_again(
    store: Engine, poster: FakePoster, reports: FakeReportBuilder
) -> None:
    # The runner is frozen while it waits out Retry-After, and meanwhile another one takes its
    # claim over (and posts). Woken, it must send nothing and leave the new owner's row alone.
    sid = _add(store)
    poster.failures["C1"] = [RateLimited("C1", 30)]
    summary = _run_with_sleep(store, poster, reports, lambda _seconds: take_over_claim(store, sid))
    assert (summary.attempts, summary.sent, summary.lost, summary.released) == (1, 0, 1, 0)
    assert poster.posts == []
    with Session(store) as session:
        (row,) = deliveries.list_deliveries(session, sid)
    assert (row.status, row.claimed_by, row.attempts) == ("claimed", "standby", 2)


def test_a_claim_whose_lease_ran_out_during_a_wait_is_released_not_posted(
    store: Engine, poster: FakePoster, reports: FakeReportBuilder
) -> None:
    # Frozen for longer than the take-over age, nobody took it over yet: it may at any moment,
    # so the runner does not send; it lets the claim go, and the next run posts it once.
    sid = _add(store)
    poster.failures["C1"] = [TemporaryFailure("C1", "HTTP 503")]

    def frozen(_seconds: float) -> None:
        with Session(store) as session:
            (claim,) = deliveries.list_deliveries(session, sid)
        _age_claim(store, claim.id, LEADER_TAKE_OVER + timedelta(seconds=1))

    summary = _run_with_sleep(store, poster, reports, frozen)
    assert (summary.attempts, summary.sent, summary.released) == (1, 0, 1)
    assert poster.posts == [] and _rows(store, sid)[0][1] == "claimed"
    assert _errors(store, sid) == ["claim taken over or its lease run out before attempt 2"]
    after = _run(store, poster, reports, MONDAY_9 + timedelta(minutes=1))
    assert (after.sent, poster.markers()) == (1, [deliveries.to_marker(sid, MONDAY_9)])
    assert poster.finds == [deliveries.to_marker(sid, MONDAY_9)]


def test_429s_are_waited_out_by_the_runner_within_their_own_budget(
    store: Engine, poster: FakePoster, reports: FakeReportBuilder
) -> None:
    sid = _add(store)
    poster.failures["C1"] = [RateLimited("C1", 1)] * 3
    sleeps: list[float] = []
    retry = RetryPolicy(max_attempts=1, max_rate_limits=2)
    summary = _run(store, poster, reports, MONDAY_9, sleeps, retry=retry)
    assert (summary.failed, summary.attempts, sleeps) == (1, 3, [1, 1])
    assert _rows(store, sid)[0][1:3] == ("failed", 3)
