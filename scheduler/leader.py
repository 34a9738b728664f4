"""Leadership: only one scheduler posts; on PostgreSQL the others wait as hot standbys.

PostgreSQL: the leader holds a session advisory lock on a connection of its own, kept open
for as long as it leads. When the leader dies (even `kill -9`) the server closes its session
and releases the lock; a standby polling `pg_try_advisory_lock` takes it over. The lock key
is derived from the schema, so stores in different schemas of one database do not collide.

SQLite: an exclusive `flock` on a file next to the database; a second scheduler on the same
store is refused (SchedulerAlreadyRunning) rather than left waiting.
"""

from __future__ import annotations

import fcntl
import logging
import threading
from typing import IO, Protocol

from sqlalchemy import text
from sqlalchemy.engine import Connection, Engine
from sqlalchemy.exc import SQLAlchemyError

from scheduler.errors import SchedulerAlreadyRunning

logger = logging.getLogger(__name__)

# The advisory lock's key: a hash of this and the schema (one scheduler per store).
_LOCK_NAME = "staffbot-scheduler"
_TRY_LOCK = text(
    "SELECT pg_try_advisory_lock(hashtextextended(:name || ':' || current_schema(), 0))"
)


class LeaderLock(Protocol):
    """A lock that one scheduler process at a time holds."""

    waits: bool  # whether a process that did not get it should wait (a standby) or give up

    def try_acquire(self) -> bool: ...

    def is_held(self) -> bool:
        """Whether this process still leads (its lock's connection is alive)."""
        ...

    def release(self) -> None: ...


class PostgresLeaderLock:
    """pg_try_advisory_lock on a dedicated connection."""

    waits = True

    def __init__(self, engine: Engine) -> None:
        self._engine = engine
        self._connection: Connection | None = None
        self._held = False

    def try_acquire(self) -> bool:
        try:
            if self._connection is None:
                self._connection = self._engine.connect()
            acquired = bool(self._connection.execute(_TRY_LOCK, {"name": _LOCK_NAME}).scalar())
            # A session lock outlives the transaction; ending it keeps the session idle.
            self._connection.commit()
        except SQLAlchemyError as exc:
            logger.warning("leader lock not available: %s", str(exc).splitlines()[0])
            self._drop_connection()
            return False
        self._held = acquired
        return acquired

    def is_held(self) -> bool:
        if not self._held or self._connection is None:
            return False
        try:
            self._connection.execute(text("SELECT 1"))
            self._connection.commit()
        except SQLAlchemyError as exc:
            logger.error("leader lock connection lost: %s", str(exc).splitlines()[0])
            self._held = False
            self._drop_connection()
            return False
        return True

    def release(self) -> None:
        # Closing the session releases its advisory locks.
        self._held = False
        self._drop_connection()

    def _drop_connection(self) -> None:
        if self._connection is not None:
            try:
                self._connection.invalidate()
                self._connection.close()
            except SQLAlchemyError:
                pass
            self._connection = None


class FileLeaderLock:
    """An exclusive flock on `path`; refuses rather than waits."""

    waits = False

    def __init__(self, path: str) -> None:
        self.path = path
        self._file: IO[bytes] | None = None

    def try_acquire(self) -> bool:
        lock_file = open(self.path, "a+b")  # noqa: SIM115 (held open while leading)
        try:
            fcntl.flock(lock_file, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            lock_file.close()
            return False
        self._file = lock_file
        return True

    def is_held(self) -> bool:
        return self._file is not None

    def release(self) -> None:
        if self._file is not None:
            fcntl.flock(self._file, fcntl.LOCK_UN)
            self._file.close()
            self._file = None


class ProcessLeaderLock:
    """For an in-memory database: it only exists in this process, which leads."""

    waits = False

    def __init__(self) -> None:
        self._held = False

    def try_acquire(self) -> bool:
        self._held = True
        return True

    def is_held(self) -> bool:
        return self._held

    def release(self) -> None:
        self._held = False


def build_leader_lock(engine: Engine) -> LeaderLock:
    """The lock that fits the store: PostgreSQL advisory lock, or a file next to SQLite's."""
    if engine.dialect.name == "postgresql":
        return PostgresLeaderLock(engine)
    database = engine.url.database or ""
    if database in ("", ":memory:") or database.startswith("file:"):
        return ProcessLeaderLock()
    return FileLeaderLock(f"{database}.scheduler.lock")


def wait_for_leadership(lock: LeaderLock, stop: threading.Event, poll_seconds: float) -> bool:
    """Blocks until this process leads (True) or `stop` is set (False). A lock that does not
    wait raises SchedulerAlreadyRunning when another process holds it."""
    announced = False
    while not stop.is_set():
        if lock.try_acquire():
            return True
        if not lock.waits:
            raise SchedulerAlreadyRunning(getattr(lock, "path", ""))
        if not announced:
            logger.info("another scheduler is the leader; standing by")
            announced = True
        stop.wait(poll_seconds)
    return False
