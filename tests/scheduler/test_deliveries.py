"""The delivery log's claims as leases: renewed only while their runner's, fenced writes."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import update
from sqlalchemy.engine import Engine
from sqlmodel import Session, col

from knowledge.store import Delivery, utc_now
from scheduler import deliveries
from scheduler.subscriptions import create_subscription

PERIOD = datetime(2026, 11, 16, 8, tzinfo=UTC)
LEASE = timedelta(minutes=3)


def _claim(store: Engine, age: timedelta, runner: str = "a") -> Delivery:
    """A claim of `runner`, made (or last renewed) `age` ago."""
    with Session(store, expire_on_commit=False) as session:
        subscription = create_subscription(
            session, "U1", "digest", "C1", "P1", "mon 09:00", "UTC", "en", now=PERIOD
        )
        session.commit()
        assert subscription.id is not None
        claim = deliveries.claim_delivery(session, subscription.id, PERIOD, runner)
        assert claim is not None
        session.execute(
            update(Delivery).where(col(Delivery.id) == claim.id).values(claimed_at=utc_now() - age)
        )
        session.commit()
        return claim


def _row(store: Engine, claim: Delivery) -> tuple[str, str, int]:
    with Session(store) as session:
        row = session.get(Delivery, claim.id)
        assert row is not None
        return row.status, row.claimed_by, row.attempts


def test_a_renewed_claim_is_not_taken_over_by_a_runner_that_read_it_stale(store: Engine) -> None:
    mine = _claim(store, LEASE - timedelta(seconds=1))
    # Another runner read it a moment ago and found it old enough to take over.
    stale_copy = Delivery.model_validate(mine)
    stale_before = utc_now() - LEASE + timedelta(seconds=2)
    with Session(store, expire_on_commit=False) as session:
        assert deliveries.renew_claim(session, mine, LEASE)
        assert deliveries.retake_delivery(session, stale_copy, "b", stale_before) is None
        assert deliveries.renew_claim(session, mine, LEASE)  # renewed: a fresh lease
        assert deliveries.mark_sent(session, mine, "1700000000.000001", 1)
    assert _row(store, mine) == ("sent", "a", 1)


def test_a_claim_taken_over_is_neither_renewed_nor_recorded_by_its_old_runner(
    store: Engine,
) -> None:
    old = _claim(store, LEASE + timedelta(seconds=1))
    with Session(store, expire_on_commit=False) as session:
        new = deliveries.retake_delivery(session, old, "b", utc_now() - LEASE)
        assert new is not None
        assert not deliveries.renew_claim(session, old, LEASE)
        assert not deliveries.mark_sent(session, old, "1700000000.000002", 1)
        assert not deliveries.mark_failed(session, old, "HTTP 503", 1)
        assert not deliveries.release_delivery(session, old, "stopped before attempt 2")
        assert _row(store, old) == ("claimed", "b", 2)
        assert deliveries.renew_claim(session, new, LEASE)
        assert deliveries.mark_sent(session, new, "1700000000.000003", 2)
    assert _row(store, old) == ("sent", "b", 2)


def test_a_lease_that_ran_out_is_not_renewed_but_may_be_released(store: Engine) -> None:
    mine = _claim(store, LEASE + timedelta(seconds=1))
    with Session(store, expire_on_commit=False) as session:
        assert not deliveries.renew_claim(session, mine, LEASE)
        assert deliveries.release_delivery(session, mine, "lease run out")
    assert _row(store, mine) == ("claimed", "", 1)


def test_leases_are_timed_on_the_databases_clock_not_the_hosts(
    store: Engine, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A leader whose host clock runs five minutes slow renews its claim; a standby whose clock
    is right must still see the claim as fresh (PostgreSQL: both use the server's clock)."""
    if store.dialect.name != "postgresql":
        pytest.skip("one SQLite store lives on one host: there is only one clock")
    mine = _claim(store, timedelta(seconds=10))
    slow = utc_now() - timedelta(minutes=5)
    monkeypatch.setattr(deliveries, "utc_now", lambda: slow)
    with Session(store, expire_on_commit=False) as session:
        assert deliveries.renew_claim(session, mine, LEASE)
    monkeypatch.undo()
    with Session(store, expire_on_commit=False) as session:
        seen = session.get(Delivery, mine.id)
        assert seen is not None
        stale_before = deliveries.get_store_now(session) - LEASE
        assert deliveries.retake_delivery(session, seen, "b", stale_before) is None
    assert _row(store, mine) == ("claimed", "a", 1)
