"""Deadlines on store calls: a PostgreSQL connection still waiting for the server when its
call's time is up is cut, so a database that keeps connections open but stops answering
(frozen storage, a dropped network path, a fail-over) cannot hold a caller for long.

A server that stops answering is silent: a statement timeout never fires on it, and TCP keeps
the connection up for minutes, because the far kernel still acknowledges every byte. So the
bound is kept here, on the client: `deadline(engine, seconds)` around a unit of work; a
watchdog thread shuts down the socket of each connection that unit holds and that is waiting
for the server when the time is up. The blocked call then fails at once (psycopg reports the
connection closed), the pool drops that connection instead of lending it out again, and the
call raises StoreUnavailable. After such a cut the store counts as not answering: for
NOT_ANSWERING_HOLD_S further calls fail at once, without waiting; then one call tries it
again (the health check always tries) and, if it succeeds, all calls go to the store again.

SQLite needs none of this (its waits are bounded by its busy timeout): `deadline` does nothing
on an engine it was not installed on.
"""

from __future__ import annotations

import contextlib
import heapq
import itertools
import logging
import math
import os
import socket
import threading
import time
import weakref
from collections.abc import Iterator
from typing import Any

from sqlalchemy import event
from sqlalchemy.engine import Dialect, Engine
from sqlalchemy.exc import DisconnectionError, SQLAlchemyError

from knowledge.errors import StoreUnavailable

logger = logging.getLogger(__name__)

# The bounds of the web process's store calls, in seconds.
# One call of a question or a command: a revision check, an event claim, a vote, a kb command.
STORE_CALL_TIMEOUT_S = 5.0
# The health check's probe (`GET /healthz`).
HEALTH_CHECK_TIMEOUT_S = 2.0
# Loading the knowledge (and, on first use, upgrading the schema and seeding): readers keep
# answering from the knowledge they have meanwhile.
LOAD_TIMEOUT_S = 60.0
# After a call was cut, further calls fail at once for this long; then one tries again.
NOT_ANSWERING_HOLD_S = 5.0

# libpq's advice: connect timeouts below this may give up on a healthy server.
_MIN_CONNECT_TIMEOUT_S = 2
# libpq's PQTRANS_ACTIVE: a command was sent and its result has not all come back.
_WAITING_FOR_SERVER = 1
# record.info key: the connection was opened for this checkout and needs no ping.
_FRESH = "staffbot_fresh"
# record.info key: the call holding the connection.
_HOLDER = "staffbot_call"

_local = threading.local()


def _cut(dbapi_connection: Any) -> None:
    """Shut down the connection's socket: whatever waits on it fails at once."""
    try:
        duplicate = socket.socket(fileno=os.dup(dbapi_connection.fileno()))
    except Exception:  # already closed: nothing waits on it
        return
    with duplicate, contextlib.suppress(OSError):
        duplicate.shutdown(socket.SHUT_RDWR)


def _is_waiting(dbapi_connection: Any) -> bool:
    """Whether the connection sent a command and is waiting for the server's answer."""
    try:
        return int(dbapi_connection.info.transaction_status) == _WAITING_FOR_SERVER
    except Exception:  # closed, or a driver that cannot say: treat it as stuck
        return True


class _Call:
    """One bounded unit of work in one thread, and the connections it holds."""

    def __init__(self, seconds: float) -> None:
        self.seconds = seconds
        self.due = time.monotonic() + seconds
        self.cut = False  # a connection was cut: the store did not answer in time
        self._done = False
        self._connections: list[Any] = []
        self._lock = threading.Lock()

    @property
    def done(self) -> bool:
        return self._done

    def hold(self, dbapi_connection: Any) -> None:
        with self._lock:
            if self._done:
                return
            if self.cut:  # the time is up: the next use fails at once
                _cut(dbapi_connection)
            self._connections.append(dbapi_connection)

    def release(self, dbapi_connection: Any) -> None:
        with self._lock:
            if dbapi_connection in self._connections:
                self._connections.remove(dbapi_connection)

    def expire(self) -> float | None:
        """The time is up: cut the connections waiting for the server. When none is (the
        call is busy elsewhere, e.g. calling a chat platform), look again one bound later;
        returns when, or None."""
        with self._lock:
            if self._done:
                return None
            waiting = [c for c in self._connections if _is_waiting(c)]
            for dbapi_connection in waiting:
                _cut(dbapi_connection)
            if waiting:
                self.cut = True
                return None
            self.due = time.monotonic() + self.seconds
            return self.due

    def finish(self) -> None:
        with self._lock:
            self._done = True
            self._connections.clear()


class _Watchdog:
    """One thread per process, sleeping until the earliest due call."""

    def __init__(self) -> None:
        self._wake = threading.Condition()
        self._due: list[tuple[float, int, _Call]] = []
        self._order = itertools.count()
        self._thread: threading.Thread | None = None

    def watch(self, call: _Call) -> None:
        with self._wake:
            earliest = self._due[0][0] if self._due else None
            heapq.heappush(self._due, (call.due, next(self._order), call))
            if self._thread is None:
                self._thread = threading.Thread(
                    target=self._run, name="store-deadlines", daemon=True
                )
                self._thread.start()
            elif earliest is None or call.due < earliest:
                self._wake.notify()

    def _run(self) -> None:
        with self._wake:
            while True:
                while self._due and self._due[0][2].done:
                    heapq.heappop(self._due)
                if not self._due:
                    self._wake.wait()
                    continue
                wait = self._due[0][0] - time.monotonic()
                if wait > 0:
                    self._wake.wait(wait)
                    continue
                _, _, call = heapq.heappop(self._due)
                again = call.expire()
                if again is not None:
                    heapq.heappush(self._due, (again, next(self._order), call))
                elif call.cut:
                    logger.warning("store call cut after %.1f s without an answer", call.seconds)


_WATCHDOG = _Watchdog()


class _Guard:
    """An engine's deadlines: the checkout ping, the connections' holders, and whether the
    store is answering."""

    def __init__(self, dialect: Dialect, target: str) -> None:
        self.dialect = dialect
        self.target = target
        self._lock = threading.Lock()
        self._not_answering = False
        self._retry_at = 0.0
        self._trying = False

    # -- whether calls go to the store ---------------------------------------------------

    def admit(self, probe: bool) -> bool:
        """Whether the call may go to the store (True when it is the one trying it again);
        raises StoreUnavailable while the store is held as not answering."""
        with self._lock:
            if not self._not_answering or probe:
                return False
            if self._trying or time.monotonic() < self._retry_at:
                raise StoreUnavailable(self.target, "not answering (a recent call timed out)")
            self._trying = True
            return True

    def settle(self, trying: bool, answered: bool) -> None:
        with self._lock:
            if trying:
                self._trying = False
            if answered:
                if self._not_answering:
                    logger.warning("store answering again")
                self._not_answering = False
            elif trying:
                self._retry_at = time.monotonic() + NOT_ANSWERING_HOLD_S

    def trip(self, trying: bool) -> None:
        with self._lock:
            if trying:
                self._trying = False
            self._not_answering = True
            self._retry_at = time.monotonic() + NOT_ANSWERING_HOLD_S

    # -- pool events ---------------------------------------------------------------------

    def on_do_connect(
        self, _dialect: Any, _record: Any, _cargs: Any, cparams: dict[str, Any]
    ) -> None:
        """A connection opened for a bounded call gives up when the call's time is up (the
        watchdog cannot cut a connection that does not exist yet)."""
        call: _Call | None = getattr(_local, "call", None)
        if call is not None and "connect_timeout" in cparams:
            remaining = math.ceil(call.due - time.monotonic())
            cparams["connect_timeout"] = max(
                _MIN_CONNECT_TIMEOUT_S, min(int(cparams["connect_timeout"]), remaining)
            )

    def on_connect(self, _dbapi_connection: Any, record: Any) -> None:
        record.info[_FRESH] = True

    def on_checkout(self, dbapi_connection: Any, record: Any, _proxy: Any) -> None:
        """The call (if any) holds the connection from now on; a pooled connection is pinged
        first (SQLAlchemy's pre-ping runs before any listener, so outside every bound)."""
        call: _Call | None = getattr(_local, "call", None)
        if call is not None:
            call.hold(dbapi_connection)
            record.info[_HOLDER] = call
        if record.info.pop(_FRESH, False):
            return
        try:
            self.dialect.do_ping(dbapi_connection)
        except self.dialect.loaded_dbapi.Error as exc:
            if call is not None:
                call.release(dbapi_connection)
                record.info.pop(_HOLDER, None)
                if call.cut:  # cut by us: no new connection for a call out of time
                    raise
            if self.dialect.is_disconnect(exc, dbapi_connection, None):
                # The pool replaces the connection and runs this again on the new one.
                raise DisconnectionError(str(exc)) from exc
            raise

    def on_checkin(self, dbapi_connection: Any, record: Any) -> None:
        call: _Call | None = record.info.pop(_HOLDER, None) if record is not None else None
        if call is not None and dbapi_connection is not None:
            call.release(dbapi_connection)


_GUARDS: weakref.WeakKeyDictionary[Engine, _Guard] = weakref.WeakKeyDictionary()


def install_deadlines(engine: Engine) -> None:
    """Bound `engine`'s calls made under `deadline`; it must not use SQLAlchemy's pre-ping
    (its own ping, on checkout, is bounded instead)."""
    guard = _Guard(engine.dialect, engine.url.render_as_string(hide_password=True))
    event.listen(engine, "do_connect", guard.on_do_connect)
    event.listen(engine, "connect", guard.on_connect)
    event.listen(engine, "checkout", guard.on_checkout)
    event.listen(engine, "checkin", guard.on_checkin)
    _GUARDS[engine] = guard


@contextlib.contextmanager
def deadline(engine: Engine, seconds: float, *, probe: bool = False) -> Iterator[None]:
    """Bounds the store calls this thread makes on `engine` inside the block: a connection
    still waiting for the server `seconds` after the start is cut, and the block raises
    StoreUnavailable. While the store is held as not answering it raises at once, unless
    `probe` (the health check: it always asks). Inside another deadline it adds nothing."""
    guard = _GUARDS.get(engine)
    if guard is None or getattr(_local, "call", None) is not None:
        yield
        return
    trying = guard.admit(probe)
    call = _Call(seconds)
    _local.call = call
    _WATCHDOG.watch(call)
    failed = False
    try:
        yield
    except (SQLAlchemyError, StoreUnavailable) as exc:
        failed = True
        if call.cut:
            raise StoreUnavailable(guard.target, f"no answer within {seconds:g} s") from exc
        raise
    finally:
        _local.call = None
        call.finish()
        if call.cut:
            guard.trip(trying)
        else:  # any other error came after the store had answered
            guard.settle(trying, answered=not failed)
