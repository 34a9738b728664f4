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

logger = logging.getLogger(__name__)

SQLITE_FILE_NAME = "staffbot.db"
SQLITE_BUSY_TIMEOUT_MS = 5000
_POSTGRES_DISK_FULL = "53100"


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
    """One engine per process; SQLite files get WAL mode and a busy timeout."""
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
    try:
        return create_engine(url, pool_pre_ping=True)
    except (SQLAlchemyError, ImportError) as exc:
        raise StoreUnavailable(to_safe_url(url), str(exc)) from exc
