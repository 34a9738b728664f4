"""Database engines: embedded SQLite by default, PostgreSQL through DATABASE_URL."""

from __future__ import annotations

import logging
import sqlite3
import time
from pathlib import Path
from typing import Any

from sqlalchemy import event
from sqlalchemy.engine import Engine, make_url
from sqlalchemy.exc import SQLAlchemyError
from sqlmodel import create_engine

from knowledge.errors import StoreFull, StoreUnavailable
from knowledge.store.deadlines import STORE_CALL_TIMEOUT_S, install_deadlines

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


def to_sqlite_url(data_dir: Path) -> str:
    return f"sqlite:///{data_dir / SQLITE_FILE_NAME}"


def to_safe_url(url: str) -> str:
    """The URL with any password hidden, fit for logs and error messages."""
    try:
        return make_url(url).render_as_string(hide_password=True)
    except Exception:  # an unparsable URL is reported by create_db_engine
        return "<unparsable database URL>"


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
    text = str(getattr(exc, "orig", None) or exc).strip()
    reason = text.splitlines()[0] if text else type(exc).__name__
    error = StoreFull if is_disk_full(exc) else StoreUnavailable
    return error(to_safe_url(str(engine.url)), reason)


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
    try:
        parsed = make_url(url)
    except Exception as exc:
        raise StoreUnavailable("<unparsable database URL>", str(exc)) from exc
    if parsed.get_backend_name() == "sqlite":
        database = parsed.database or ""
        if database and database != ":memory:" and not database.startswith("file:"):
            try:
                Path(database).expanduser().parent.mkdir(parents=True, exist_ok=True)
            except OSError as exc:
                raise StoreUnavailable(to_safe_url(url), str(exc)) from exc
        engine = create_engine(url, connect_args={"check_same_thread": False})
        event.listen(engine, "connect", _set_sqlite_pragmas)
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
        raise StoreUnavailable(to_safe_url(url), str(exc)) from exc
    if engine.dialect.name == "postgresql":
        install_deadlines(engine)
    return engine


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
