"""Store call deadlines on PostgreSQL, through a proxy that freezes: a silent server costs a
caller its bound and no more, the pool lends out no cut connection, readers of the answer
service do not wait for a stuck check, and everything works again when the server answers."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import text
from sqlalchemy.engine import Engine
from sqlmodel import Session

from knowledge.answering import AnswerService
from knowledge.errors import StoreUnavailable
from knowledge.store import deadlines
from knowledge.store.db import (
    CONNECT_TIMEOUT_S,
    STATEMENT_TIMEOUT_MS,
    create_db_engine,
    to_postgres_connect_args,
)
from knowledge.store.deadlines import deadline
from tests.support.tcp_proxy import TcpProxy, proxy_database

pytestmark = pytest.mark.postgres

# Short bounds keep these tests quick; the web process's own are tested end to end.
BOUND_S = 0.5
# Longer than any bound here plus connecting: a call still blocked then is a hang.
HANG_S = 8.0


@pytest.fixture
def proxied(seeded_postgres_url: str) -> Iterator[tuple[TcpProxy, str]]:
    with proxy_database(seeded_postgres_url) as proxied:
        yield proxied


@pytest.fixture
def proxy(proxied: tuple[TcpProxy, str]) -> TcpProxy:
    return proxied[0]


@pytest.fixture
def engine(proxied: tuple[TcpProxy, str]) -> Iterator[Engine]:
    """A seeded store reached through `proxy`."""
    proxy, url = proxied
    engine = create_db_engine(url)
    yield engine
    proxy.thaw()
    engine.dispose()


def select_one(engine: Engine, seconds: float = BOUND_S, probe: bool = False) -> int:
    with deadline(engine, seconds, probe=probe), engine.connect() as connection:
        return int(connection.execute(text("SELECT 1")).scalar_one())


def run_bounded(call: object, limit: float = HANG_S) -> tuple[object, float]:
    """Runs `call` in a thread; (its result or exception, seconds taken); a hang fails."""
    outcome: list[object] = []

    def target() -> None:
        try:
            outcome.append(call())  # type: ignore[operator]
        except Exception as exc:
            outcome.append(exc)

    started = time.monotonic()
    thread = threading.Thread(target=target, daemon=True)
    thread.start()
    thread.join(limit)
    assert outcome, f"the call was still blocked after {limit} s"
    return outcome[0], time.monotonic() - started


def test_postgres_connections_get_timeouts_unless_the_url_sets_them() -> None:
    args = to_postgres_connect_args({})
    assert args["connect_timeout"] == CONNECT_TIMEOUT_S and args["tcp_user_timeout"] > 0
    assert args["options"] == f"-c statement_timeout={STATEMENT_TIMEOUT_MS}"
    given = to_postgres_connect_args({"connect_timeout": "10", "options": "-csearch_path=s"})
    assert "connect_timeout" not in given and "options" not in given
    assert given["keepalives_idle"] == args["keepalives_idle"]


def test_the_server_has_the_statement_timeout(engine: Engine) -> None:
    with engine.connect() as connection:
        shown = connection.execute(text("SHOW statement_timeout")).scalar_one()
    assert shown == f"{STATEMENT_TIMEOUT_MS // 1000}s"


def test_a_silent_server_costs_a_call_its_bound_and_the_cut_connection_is_dropped(
    engine: Engine, proxy: TcpProxy
) -> None:
    assert select_one(engine) == 1
    proxy.freeze()
    error, took = run_bounded(lambda: select_one(engine))
    assert isinstance(error, StoreUnavailable) and "no answer within 0.5 s" in error.reason
    assert took < HANG_S / 2
    assert engine.pool.checkedout() == 0  # type: ignore[attr-defined]
    proxy.thaw()
    assert select_one(engine, probe=True) == 1


def test_after_a_cut_calls_fail_at_once_and_the_health_probe_still_asks(
    engine: Engine, proxy: TcpProxy, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(deadlines, "NOT_ANSWERING_HOLD_S", 0.3)
    select_one(engine)
    proxy.freeze()
    assert isinstance(run_bounded(lambda: select_one(engine))[0], StoreUnavailable)
    error, took = run_bounded(lambda: select_one(engine, seconds=HANG_S))
    assert isinstance(error, StoreUnavailable) and "not answering" in error.reason
    assert took < BOUND_S
    proxy.thaw()
    assert select_one(engine, probe=True) == 1  # asks although the store is held silent
    assert select_one(engine) == 1  # and every call goes to the store again


def test_after_the_hold_one_call_tries_the_store_again(
    engine: Engine, proxy: TcpProxy, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(deadlines, "NOT_ANSWERING_HOLD_S", 0.3)
    select_one(engine)
    proxy.freeze()
    run_bounded(lambda: select_one(engine))
    time.sleep(0.4)
    trying = threading.Thread(target=lambda: run_bounded(lambda: select_one(engine, 1.0)))
    trying.start()
    time.sleep(0.2)  # the one trying is blocked on the silent server; others do not join it
    error, took = run_bounded(lambda: select_one(engine, seconds=HANG_S))
    assert isinstance(error, StoreUnavailable) and took < BOUND_S
    trying.join(HANG_S)
    proxy.thaw()
    time.sleep(0.4)
    assert select_one(engine) == 1


def test_a_call_busy_elsewhere_past_its_bound_keeps_its_connection(engine: Engine) -> None:
    with deadline(engine, 0.2), Session(engine) as session:
        assert session.execute(text("SELECT 1")).scalar_one() == 1
        time.sleep(0.5)  # e.g. waiting for a chat platform: the connection is not waiting
        assert session.execute(text("SELECT 2")).scalar_one() == 2


def test_deadlines_leave_sqlite_alone(tmp_path: Path) -> None:
    engine = create_db_engine(f"sqlite:///{tmp_path / 'store.db'}")
    with deadline(engine, 0.01), engine.connect() as connection:
        time.sleep(0.1)
        assert connection.execute(text("SELECT 1")).scalar_one() == 1
    engine.dispose()


def test_readers_answer_while_a_check_is_stuck_and_after_it_failed(
    engine: Engine, proxy: TcpProxy
) -> None:
    service = AnswerService(engine, refresh_interval=0.0, call_timeout=1.0, health_timeout=0.5)
    assert service.answer("E1 budget").parts["figures"][0].amount == 15_000
    proxy.freeze()
    checking = threading.Thread(target=service.get_engine)
    checking.start()
    time.sleep(0.3)  # that thread now waits for the silent server, up to 1 s
    answer, took = run_bounded(lambda: service.answer("E1 budget"))
    assert not isinstance(answer, Exception) and took < 1.0
    checking.join(HANG_S)
    assert not checking.is_alive()
    # The check failed: answers still come from the knowledge loaded before.
    answer, _ = run_bounded(lambda: service.answer("P1 budget"))
    assert not isinstance(answer, Exception)
    assert not service.is_store_available()
    proxy.thaw()
    assert service.is_store_available()
