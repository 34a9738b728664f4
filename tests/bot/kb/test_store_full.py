"""A store whose disk is full: an edit is told the store cannot be written (not that it cannot
be reached), in both languages, and nothing changes."""

from __future__ import annotations

import asyncio
import sqlite3
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import psycopg
import pytest
from sqlalchemy import event
from sqlalchemy.engine import Engine
from sqlalchemy.exc import OperationalError

from bot.kb.dispatcher import KbService
from knowledge.errors import StoreFull, StoreUnavailable
from knowledge.store import create_db_engine, to_store_unavailable
from knowledge.store.db import is_disk_full
from tests.bot.kb.conftest import ENV_ADMIN, count_rows
from tests.support import stores

# Two texts of a few kilobytes: the row needs pages the full store cannot add.
BIG_FACT = "fact add full-disk '{}' '{}'".format("A long fact. " * 150, "一个很长的事实。" * 240)
SAYS_FULL = {"en": "cannot be written: its disk is full", "zh": "无法写入：其磁盘已满"}


def _stop_growing(dbapi_connection: Any, _record: Any) -> None:
    """SQLite's own limit: the file may not grow past its present size (SQLITE_FULL)."""
    pages = dbapi_connection.execute("PRAGMA page_count").fetchone()[0]
    dbapi_connection.execute(f"PRAGMA max_page_count={pages}")


@pytest.fixture
def full_sqlite(seeded_file: Path, tmp_path: Path) -> Iterator[tuple[Engine, Engine]]:
    """(an engine whose store cannot grow, a plain engine on the same file to count rows)."""
    url = stores.copy_file(seeded_file, tmp_path / "store.db")
    full, plain = create_db_engine(url), create_db_engine(url)
    event.listen(full, "connect", _stop_growing)
    yield full, plain
    full.dispose()
    plain.dispose()


@pytest.fixture
def full_postgres(seeded_postgres_url: str) -> Iterator[tuple[Engine, Engine]]:
    """PostgreSQL answering every INSERT as a full disk does (SQLSTATE 53100), raised where
    the driver raises it; a plain engine beside it."""
    full, plain = create_db_engine(seeded_postgres_url), create_db_engine(seeded_postgres_url)

    def refuse_inserts(*args: Any) -> None:
        if args[2].lstrip().upper().startswith("INSERT"):
            raise psycopg.errors.DiskFull(
                'could not extend file "base/16384/16390": No space left on device'
            )

    event.listen(full, "before_cursor_execute", refuse_inserts)
    yield full, plain
    full.dispose()
    plain.dispose()


@pytest.mark.parametrize(
    "store", ["full_sqlite", pytest.param("full_postgres", marks=pytest.mark.postgres)]
)
@pytest.mark.parametrize("lang", ["en", "zh"])
def test_an_edit_on_a_full_store_is_told_the_disk_is_full(
    request: pytest.FixtureRequest, store: str, lang: str
) -> None:
    full, plain = request.getfixturevalue(store)
    kb = KbService(full, [ENV_ADMIN.user_id])
    before = count_rows(plain)
    with pytest.raises(StoreFull) as caught:
        kb.run(ENV_ADMIN, BIG_FACT, lang)
    assert "full" in caught.value.reason or "extend" in caught.value.reason
    reply = asyncio.run(kb.run_for_chat(ENV_ADMIN, BIG_FACT, lang))
    assert reply is not None and reply.template == "store_full"
    shown = reply.render()
    assert SAYS_FULL[lang] in shown and not reply.changed
    assert count_rows(plain) == before
    # Reading still works: the history is listed.
    assert kb.run(ENV_ADMIN, "history", lang).template == "history"


def _wrapped(orig: Exception) -> OperationalError:
    return OperationalError("INSERT INTO fact …", {}, orig)


def _sqlite_error(message: str, code: int) -> sqlite3.OperationalError:
    error = sqlite3.OperationalError(message)
    error.sqlite_errorcode = code  # type: ignore[attr-defined]
    return error


@pytest.mark.parametrize(
    ("orig", "full"),
    [
        (_sqlite_error("database or disk is full", sqlite3.SQLITE_FULL), True),
        (psycopg.errors.DiskFull("could not extend file: No space left on device"), True),
        (_sqlite_error("database is locked", sqlite3.SQLITE_BUSY), False),
        (psycopg.errors.QueryCanceled("canceling statement due to statement timeout"), False),
        (psycopg.OperationalError("connection refused"), False),
    ],
    ids=["sqlite-full", "postgres-53100", "sqlite-locked", "postgres-timeout", "refused"],
)
def test_only_a_full_disk_becomes_store_full(orig: Exception, full: bool) -> None:
    engine = create_db_engine("sqlite://")
    error = to_store_unavailable(engine, _wrapped(orig))
    assert is_disk_full(_wrapped(orig)) is full
    assert isinstance(error, StoreUnavailable)
    assert isinstance(error, StoreFull) is full
    assert error.reason == str(orig)
