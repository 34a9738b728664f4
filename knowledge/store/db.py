"""Database engines: embedded SQLite by default, PostgreSQL through DATABASE_URL."""

from __future__ import annotations

import logging
import os
import re
import sqlite3
import threading
import time
from pathlib import Path
from typing import Any

from sqlalchemy import event
from sqlalchemy.engine import Engine, ExceptionContext, make_url
from sqlalchemy.exc import SQLAlchemyError
from sqlmodel import create_engine

from knowledge.errors import StoreFull, StoreMisconfigured, StoreUnavailable
from knowledge.store.deadlines import STORE_CALL_TIMEOUT_S, deadline, install_deadlines

logger = logging.getLogger(__name__)

SQLITE_FILE_NAME = "staffbot.db"
SQLITE_BUSY_TIMEOUT_MS = 5000
_POSTGRES_DISK_FULL = "53100"

# PostgreSQL (libpq) connection parameters; one that DATABASE_URL sets itself wins.
# Connecting, authentication included, gives up after this many seconds.
CONNECT_TIMEOUT_S = 3
# The server cancels a statement that runs longer (the connection stays usable). Below the
# client's own bound (knowledge.store.deadlines), so a slow but living server is told first.
STATEMENT_TIMEOUT_MS = 4000
# An idle connection whose peer is gone is noticed within idle + interval x count seconds
# (a pooled connection, the scheduler's leader lock), not after the system's two hours.
KEEPALIVES_IDLE_S = 10
KEEPALIVES_INTERVAL_S = 3
KEEPALIVES_COUNT = 3
# Data sent and not acknowledged for this long (a dropped network path): connection closed.
TCP_USER_TIMEOUT_MS = 10_000
# A caller waits at most this long for a free pooled connection.
POOL_TIMEOUT_S = STORE_CALL_TIMEOUT_S

# The databases staffbot speaks, and the driver it installs for PostgreSQL: postgres:// (what
# Heroku-style platforms set) and postgresql:// without a driver both mean it.
SUPPORTED_BACKENDS = ("sqlite", "postgresql")
POSTGRES_DRIVER = "postgresql+psycopg"
_POSTGRES_SCHEMES = ("postgres", "postgresql")
_UNPARSABLE = "<unparsable database URL>"
# Failures that no retry mends, by SQLSTATE where the driver gives one...
_SQLSTATE_CAUSES = {
    "28P01": "authentication",  # invalid_password
    "28000": "authentication",  # invalid_authorization_specification
    "3D000": "unknown_database",  # invalid_catalog_name
    "42501": "permission",  # insufficient_privilege
}
# ... and by the server's words where it gives none (libpq's failed connections carry no
# SQLSTATE). A server set to another language for its messages falls back to "temporary".
_TEXT_CAUSES = (
    (
        "authentication",
        re.compile(
            r'password authentication failed|role ".*" does not exist|no pg_hba\.conf entry'
            r"|authentication failed|password is required|no password supplied",
            re.IGNORECASE,
        ),
    ),
    ("unknown_database", re.compile(r'database ".*" does not exist', re.IGNORECASE)),
    ("permission", re.compile(r"permission denied", re.IGNORECASE)),
    (
        "not_writable",
        re.compile(r"unable to open database file|attempt to write a readonly database"),
    ),
)


def to_sqlite_url(data_dir: Path) -> str:
    return f"sqlite:///{data_dir / SQLITE_FILE_NAME}"


def to_engine_url(url: str) -> str:
    """postgres:// and postgresql:// (no driver named) as postgresql+psycopg://, the driver
    staffbot installs; any other URL as it is."""
    scheme, separator, rest = url.partition("://")
    if separator and scheme.lower() in _POSTGRES_SCHEMES:
        return f"{POSTGRES_DRIVER}://{rest}"
    return url


def to_safe_url(url: str) -> str:
    """The URL with any password hidden, fit for logs and error messages."""
    try:
        return make_url(url).render_as_string(hide_password=True)
    except Exception:  # an unparsable URL is reported by create_db_engine
        return _UNPARSABLE


def to_cause(exc: BaseException) -> str | None:
    """Why a database failure will not mend by itself (a StoreMisconfigured cause), or None
    when it may be temporary (the server down, slow or restarting)."""
    orig = getattr(exc, "orig", None) or exc
    cause = _SQLSTATE_CAUSES.get(str(getattr(orig, "sqlstate", None)))
    if cause is not None:
        return cause
    text = str(orig)
    return next((cause for cause, pattern in _TEXT_CAUSES if pattern.search(text)), None)


def is_disk_full(exc: Exception) -> bool:
    """Whether a database failure says the store cannot grow: SQLite's SQLITE_FULL ("database
    or disk is full"), PostgreSQL's disk_full, SQLSTATE 53100 ("could not extend file")."""
    orig = getattr(exc, "orig", None) or exc
    if getattr(orig, "sqlite_errorcode", None) == sqlite3.SQLITE_FULL:
        return True
    return getattr(orig, "sqlstate", None) == _POSTGRES_DISK_FULL


def to_store_unavailable(engine: Engine, exc: Exception) -> StoreUnavailable:
    """The error a database failure becomes: the URL without its password, and the first
    line of the driver's reason; StoreFull when the disk is full."""
    reason = _to_reason(exc)
    target = to_safe_url(str(engine.url))
    if is_disk_full(exc):
        return StoreFull(target, reason)
    cause = to_cause(exc)
    if cause is not None:
        return StoreMisconfigured(target, reason, cause)
    return StoreUnavailable(target, reason)


def _to_reason(exc: BaseException) -> str:
    """The first line of the driver's reason (libpq's own: after "connection failed: ...")."""
    text = str(getattr(exc, "orig", None) or exc).strip()
    return text.splitlines()[0] if text else type(exc).__name__


def _set_sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute(f"PRAGMA busy_timeout={SQLITE_BUSY_TIMEOUT_MS}")
    # Switching a new file to WAL needs it to itself, and SQLite does not wait for that: when
    # several processes open a new store at once, retry until one of them has switched it.
    deadline = time.monotonic() + SQLITE_BUSY_TIMEOUT_MS / 1000
    while True:
        try:
            cursor.execute("PRAGMA journal_mode=WAL")
            break
        except sqlite3.OperationalError as exc:
            if "locked" not in str(exc) or time.monotonic() > deadline:
                raise
            time.sleep(0.02)
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.close()


def create_db_engine(url: str) -> Engine:
    """One engine per process; SQLite files get WAL mode and a busy timeout; PostgreSQL
    connections get timeouts and keepalives, and calls under `deadlines.deadline` a bound."""
    url = to_engine_url(url)
    try:
        parsed = make_url(url)
    except Exception as exc:
        raise StoreMisconfigured(_UNPARSABLE, str(exc), "unparsable_url") from exc
    backend = parsed.get_backend_name()
    if backend not in SUPPORTED_BACKENDS:
        raise StoreMisconfigured(to_safe_url(url), backend, "unsupported_scheme")
    if backend == "sqlite":
        database = parsed.database or ""
        if database and database != ":memory:" and not database.startswith("file:"):
            _check_data_folder(url, Path(database).expanduser().parent)
        engine = create_engine(url, connect_args={"check_same_thread": False})
        event.listen(engine, "connect", _set_sqlite_pragmas)
        _OutageLog(to_safe_url(url)).install(engine)
        return engine
    connect_args: dict[str, Any] = {}
    if parsed.get_backend_name() == "postgresql":
        connect_args = to_postgres_connect_args(dict(parsed.query))
    try:
        # No pre_ping: install_deadlines pings on checkout, within the caller's bound.
        engine = create_engine(
            url, connect_args=connect_args, pool_timeout=POOL_TIMEOUT_S, pool_pre_ping=False
        )
    except (SQLAlchemyError, ImportError) as exc:
        # A driver that is not installed (postgresql+psycopg2://): no retry brings it.
        raise StoreMisconfigured(to_safe_url(url), str(exc), "unsupported_scheme") from exc
    if engine.dialect.name == "postgresql":
        install_deadlines(engine)
    _OutageLog(to_safe_url(url)).install(engine)
    return engine


def check_connection(engine: Engine, seconds: float) -> None:
    """Connects and asks `SELECT 1` within `seconds`; raises StoreMisconfigured for what no
    retry mends (a wrong password, an unknown database), else StoreUnavailable."""
    try:
        with deadline(engine, seconds, probe=True), engine.connect() as connection:
            connection.exec_driver_sql("SELECT 1")
    except SQLAlchemyError as exc:
        raise to_store_unavailable(engine, exc) from exc


def _check_data_folder(url: str, folder: Path) -> None:
    """The SQLite file's folder exists (created if need be) and can be written: SQLite
    writes its journal files beside the database, so a read-only folder cannot serve."""
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise StoreMisconfigured(to_safe_url(url), str(exc), "not_writable") from exc
    if not os.access(folder, os.W_OK | os.X_OK):
        raise StoreMisconfigured(to_safe_url(url), f"{folder}: not writable", "not_writable")


class _OutageLog:
    """One WARNING line when an engine's database stops answering (a connection refused or
    lost) and one when a connection succeeds again, not one per failed call. A failure
    before the first connection is the caller's to report (a command's message, the web
    process's start-up line): it is logged at DEBUG, and the recovery at WARNING."""

    def __init__(self, target: str) -> None:
        self.target = target
        self._lock = threading.Lock()
        self._has_connected = False
        self._down_since: float | None = None

    def install(self, engine: Engine) -> None:
        event.listen(engine, "handle_error", self.on_error)
        event.listen(engine, "connect", self.on_connect)

    def on_error(self, context: ExceptionContext) -> None:
        # A failed connect (no connection yet) or a connection the dialect calls lost.
        if context.connection is not None and not context.is_disconnect:
            return
        with self._lock:
            if self._down_since is not None:
                return
            self._down_since = time.monotonic()
            level = logging.WARNING if self._has_connected else logging.DEBUG
        reason = _to_reason(context.original_exception)
        logger.log(level, "database unavailable (%s): %s", self.target, reason)

    def on_connect(self, _dbapi_connection: Any, _record: Any) -> None:
        with self._lock:
            down_since, self._down_since = self._down_since, None
            self._has_connected = True
        if down_since is not None:
            logger.warning(
                "database available again (%s) after %.1f s",
                self.target,
                time.monotonic() - down_since,
            )


def to_postgres_connect_args(query: dict[str, Any]) -> dict[str, Any]:
    """The timeouts and keepalives of a PostgreSQL connection, each unless the URL's query
    sets it. `options` carries the statement timeout: a URL that sets options of its own
    includes it there if wanted (an empty `options=` sends none, as PgBouncer needs)."""
    defaults: dict[str, Any] = {
        "connect_timeout": CONNECT_TIMEOUT_S,
        "keepalives": 1,
        "keepalives_idle": KEEPALIVES_IDLE_S,
        "keepalives_interval": KEEPALIVES_INTERVAL_S,
        "keepalives_count": KEEPALIVES_COUNT,
        "tcp_user_timeout": TCP_USER_TIMEOUT_MS,
        "options": f"-c statement_timeout={STATEMENT_TIMEOUT_MS}",
    }
    return {key: value for key, value in defaults.items() if key not in query}
