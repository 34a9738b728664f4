"""Test stores: the PostgreSQL server's address, fresh schemas on it, and seeded stores made
by copying one store migrated and seeded once (that takes seconds; a copy takes
milliseconds): a SQLite file copied, a PostgreSQL database cloned from a template database.
"""

from __future__ import annotations

import logging
import os
import shutil
import uuid
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from datetime import datetime
from decimal import Decimal
from pathlib import Path

import pytest
from sqlalchemy import create_engine, func, text
from sqlalchemy.engine import Engine, make_url
from sqlalchemy.exc import OperationalError, ProgrammingError
from sqlmodel import Session, SQLModel, select

from knowledge.seeding import ensure_store
from knowledge.store import create_db_engine, models

logger = logging.getLogger(__name__)

POSTGRES_URL = os.environ.get(
    "STAFFBOT_TEST_POSTGRES_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/test"
)
# CI sets this so that a missing PostgreSQL fails the run instead of skipping tests.
POSTGRES_REQUIRED = os.environ.get("STAFFBOT_REQUIRE_POSTGRES") == "1"


def _postgres_reason() -> str | None:
    try:
        probe = create_engine(POSTGRES_URL)
        with probe.connect() as connection:
            connection.execute(text("SELECT 1"))
        probe.dispose()
    except (OperationalError, ImportError) as exc:
        return f"PostgreSQL not reachable at {POSTGRES_URL}: {str(exc).splitlines()[0]}"
    return None


POSTGRES_REASON = _postgres_reason()


def require_postgres() -> None:
    """Skips the test without a server; fails it instead when STAFFBOT_REQUIRE_POSTGRES=1."""
    if POSTGRES_REASON is not None:
        if POSTGRES_REQUIRED:
            pytest.fail(f"STAFFBOT_REQUIRE_POSTGRES=1 but {POSTGRES_REASON}")
        pytest.skip(POSTGRES_REASON)


@contextmanager
def postgres_schema(prefix: str = "t") -> Iterator[str]:
    """A fresh, empty schema on the server, as a database URL; dropped afterwards."""
    schema = f"{prefix}_{uuid.uuid4().hex[:12]}"
    admin = create_engine(POSTGRES_URL)
    with admin.begin() as connection:
        connection.execute(text(f'CREATE SCHEMA "{schema}"'))
    separator = "&" if "?" in POSTGRES_URL else "?"
    try:
        yield f"{POSTGRES_URL}{separator}options=-csearch_path%3D{schema}"
    finally:
        with admin.begin() as connection:
            connection.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
        admin.dispose()


def seed_file(path: Path) -> Path:
    """A SQLite store at `path`, migrated and seeded as on first use."""
    engine = create_db_engine(f"sqlite:///{path}")
    ensure_store(engine)
    engine.dispose()  # closing the last connection folds the write-ahead log into the file
    return path


def copy_file(seeded: Path, path: Path) -> str:
    """A copy of the seeded SQLite file at `path`, as a database URL."""
    shutil.copy(seeded, path)
    return f"sqlite:///{path}"


class PostgresTemplate:
    """A database migrated and seeded once, cloned with CREATE DATABASE … TEMPLATE for each
    test. Where the role may not create databases, each test gets a fresh schema seeded as
    on first use instead (slower, the same store). A clone is a database of its own, so
    advisory locks (first use, the scheduler's leader) are not shared with other test runs on
    the server. A run killed before its end leaves staffbot_template_*/staffbot_clone_*
    databases behind: drop them by hand."""

    def __init__(self) -> None:
        self._admin = create_engine(POSTGRES_URL, isolation_level="AUTOCOMMIT")
        self._name: str | None = None
        try:
            name = self._create()
        except (OperationalError, ProgrammingError) as exc:  # no CREATEDB privilege
            logger.warning("cloning databases is not possible, seeding each: %s", exc)
            return
        url = self._url(name)
        engine = create_db_engine(url)
        try:
            ensure_store(engine)
        except BaseException:
            engine.dispose()
            self._drop(name)
            raise
        engine.dispose()  # a template must have no connection while it is cloned
        self._name = name

    def _url(self, database: str) -> str:
        return make_url(POSTGRES_URL).set(database=database).render_as_string(hide_password=False)

    def _create(self, template: str | None = None) -> str:
        name = f"staffbot_{'clone' if template else 'template'}_{uuid.uuid4().hex[:12]}"
        with self._admin.connect() as connection:
            clause = f' TEMPLATE "{template}"' if template else ""
            connection.execute(text(f'CREATE DATABASE "{name}"{clause}'))
        return name

    def _drop(self, name: str) -> None:
        # FORCE: processes a test started may still hold connections.
        with self._admin.connect() as connection:
            connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))

    @contextmanager
    def clone(self) -> Iterator[str]:
        """A seeded store of the caller's own, as a database URL; dropped afterwards."""
        if self._name is None:
            with postgres_schema() as url:
                engine = create_db_engine(url)
                ensure_store(engine)
                engine.dispose()
                yield url
            return
        name = self._create(self._name)
        try:
            yield self._url(name)
        finally:
            self._drop(name)

    def close(self) -> None:
        if self._name is not None:
            self._drop(self._name)
        self._admin.dispose()


# The tables /kb commands edit: the same counts before and after mean nothing was changed.
EDITED_TABLES: tuple[type[SQLModel], ...] = (
    models.AuditEntry,
    models.BudgetLine,
    models.Kpi,
    models.KpiProgress,
    models.Fact,
    models.Faq,
    models.Alias,
    models.Member,
)


def count_rows(engine: Engine, tables: Iterable[type[SQLModel]]) -> dict[str, int]:
    """How many rows each table holds: equal before and after means nothing changed."""
    with Session(engine) as session:
        return {
            table.__name__: session.exec(select(func.count()).select_from(table)).one()
            for table in tables
        }


def add_progress(
    session: Session, code: str, value: str, at: datetime, who: str = "slack:U0OWNER1"
) -> None:
    """A progress record of KPI `code` as of `at`, committed."""
    session.add(
        models.KpiProgress(
            kpi_code=code, value=Decimal(value), as_of=at.date(), recorded_by=who, recorded_at=at
        )
    )
    session.commit()
