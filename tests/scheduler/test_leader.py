"""Leadership: one scheduler per store; a standby takes over when the leader's session dies."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import text
from sqlalchemy.engine import Engine

from knowledge.store import create_db_engine
from scheduler.errors import SchedulerAlreadyRunning
from scheduler.leader import (
    FileLeaderLock,
    PostgresLeaderLock,
    ProcessLeaderLock,
    build_leader_lock,
    wait_for_leadership,
)


def test_sqlite_second_lock_is_refused_until_the_first_is_released(tmp_path: Path) -> None:
    engine = create_db_engine(f"sqlite:///{tmp_path / 'store.db'}")
    first, second = build_leader_lock(engine), build_leader_lock(engine)
    assert isinstance(first, FileLeaderLock) and first.path.endswith("store.db.scheduler.lock")
    assert first.try_acquire() and first.is_held()
    with pytest.raises(SchedulerAlreadyRunning) as caught:
        wait_for_leadership(second, threading.Event(), 0.01)
    assert caught.value.lock_path == first.path
    first.release()
    assert wait_for_leadership(second, threading.Event(), 0.01)
    second.release()


def test_in_memory_store_leads_alone() -> None:
    lock = build_leader_lock(create_db_engine("sqlite://"))
    assert isinstance(lock, ProcessLeaderLock) and lock.try_acquire() and lock.is_held()


@pytest.fixture
def two_engines(postgres_url: str) -> Iterator[tuple[Engine, Engine]]:
    engines = create_db_engine(postgres_url), create_db_engine(postgres_url)
    yield engines
    for engine in engines:
        engine.dispose()


@pytest.mark.postgres
def test_postgres_standby_takes_over_when_the_leader_session_dies(
    two_engines: tuple[Engine, Engine],
) -> None:
    leader, standby = (PostgresLeaderLock(e) for e in two_engines)
    assert leader.try_acquire() and not standby.try_acquire()
    assert leader.is_held() and not standby.is_held()
    # The leader's process dies: the server ends its session (as after kill -9).
    connection = leader._connection
    assert connection is not None
    pid = connection.execute(text("SELECT pg_backend_pid()")).scalar()
    with two_engines[1].connect() as other:
        other.execute(text("SELECT pg_terminate_backend(:pid)"), {"pid": pid})
    assert not leader.is_held()
    stop = threading.Event()
    assert wait_for_leadership(standby, stop, 0.05) and standby.is_held()
    standby.release()
    assert leader.try_acquire()
    leader.release()


@pytest.mark.postgres
def test_postgres_wait_for_leadership_returns_false_when_stopped(
    two_engines: tuple[Engine, Engine],
) -> None:
    leader, standby = (PostgresLeaderLock(e) for e in two_engines)
    assert leader.try_acquire()
    stop = threading.Event()
    timer = threading.Timer(0.2, stop.set)
    timer.start()
    assert wait_for_leadership(standby, stop, 0.05) is False
    leader.release()
    standby.release()


@pytest.mark.postgres
def test_postgres_locks_of_different_schemas_do_not_collide(
    postgres_url: str, _postgres_store: Engine
) -> None:
    one = PostgresLeaderLock(create_db_engine(postgres_url))
    other = PostgresLeaderLock(_postgres_store)
    assert one.try_acquire() and other.try_acquire()
    one.release()
    other.release()
