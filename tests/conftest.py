"""Shared fixtures: seed data, stores on SQLite and PostgreSQL, a ready answer engine."""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import Engine
from sqlalchemy.exc import OperationalError
from sqlmodel import Session

from knowledge.db import create_db_engine
from knowledge.engine import AnswerEngine
from knowledge.seed_loader import SeedData, read_seed
from knowledge.snapshot import load_knowledge
from knowledge.store import ensure_store

REPO = Path(__file__).resolve().parents[1]
SOURCES_DIR = REPO.parent / "shared" / "seeds"
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


_POSTGRES_REASON = _postgres_reason()


@pytest.fixture(scope="session")
def seed_data() -> SeedData:
    return read_seed()


@pytest.fixture
def postgres_url() -> Iterator[str]:
    """A fresh schema on the PostgreSQL server, as a database URL; skipped without a server
    (failed instead when STAFFBOT_REQUIRE_POSTGRES=1)."""
    if _POSTGRES_REASON is not None:
        if POSTGRES_REQUIRED:
            pytest.fail(f"STAFFBOT_REQUIRE_POSTGRES=1 but {_POSTGRES_REASON}")
        pytest.skip(_POSTGRES_REASON)
    schema = f"t_{uuid.uuid4().hex[:12]}"
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


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def db_engine(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Engine]:
    """An empty database, on SQLite (a file) and on the PostgreSQL server (a fresh schema)."""
    if request.param == "sqlite":
        url = f"sqlite:///{tmp_path / 'store.db'}"
    else:
        url = request.getfixturevalue("postgres_url")
    engine = create_db_engine(url)
    yield engine
    engine.dispose()


@pytest.fixture(scope="session")
def answer_engine(tmp_path_factory: pytest.TempPathFactory) -> AnswerEngine:
    """One seeded SQLite store and its engine, shared by the read-only engine tests."""
    path = tmp_path_factory.mktemp("engine") / "store.db"
    engine = create_db_engine(f"sqlite:///{path}")
    ensure_store(engine)
    with Session(engine) as session:
        knowledge = load_knowledge(session)
    engine.dispose()
    return AnswerEngine(knowledge)
