"""Shared fixtures: seed data, stores on SQLite and PostgreSQL (empty, or seeded by copying
one store seeded once), a ready answer engine; a private engine cache for the session."""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy.engine import Engine
from sqlmodel import Session

from knowledge.answering import AnswerEngine, load_knowledge
from knowledge.seeding import SeedData, read_seed
from knowledge.store import create_db_engine
from tests.support.stores import POSTGRES_URL as POSTGRES_URL  # the benchmarks import it
from tests.support.stores import (
    PostgresTemplate,
    copy_file,
    postgres_schema,
    require_postgres,
    seed_file,
)

REPO = Path(__file__).resolve().parents[1]
# The five source documents (copied from ../shared/seeds): the provenance of the seed.
SOURCES_DIR = REPO / "docs" / "sources"
STORES = ["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)]

# Set at import, before any test runs: every in-process command and every process a test
# starts (they inherit the environment) keeps its answer engines here, never in the user's
# own cache folder, even when the shell sets STAFFBOT_CACHE_DIR. A test that needs another
# folder sets its own (monkeypatch.setenv); a test that strips STAFFBOT_* from a child's
# environment gives it a STAFFBOT_DATA_DIR, whose "cache" folder is then used.
SESSION_CACHE_DIR = Path(tempfile.mkdtemp(prefix="staffbot-test-cache-"))
os.environ["STAFFBOT_CACHE_DIR"] = str(SESSION_CACHE_DIR)


def pytest_unconfigure(config: pytest.Config) -> None:
    shutil.rmtree(SESSION_CACHE_DIR, ignore_errors=True)


@pytest.fixture(scope="session")
def seed_data() -> SeedData:
    return read_seed()


@pytest.fixture
def postgres_url() -> Iterator[str]:
    """A fresh schema on the PostgreSQL server, as a database URL; skipped without a server
    (failed instead when STAFFBOT_REQUIRE_POSTGRES=1)."""
    require_postgres()
    with postgres_schema() as url:
        yield url


@pytest.fixture(params=STORES)
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
def seeded_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A SQLite store migrated and seeded once for the session; copy it, never open it."""
    return seed_file(tmp_path_factory.mktemp("seeded") / "store.db")


@pytest.fixture(scope="session")
def _postgres_template() -> Iterator[PostgresTemplate]:
    require_postgres()
    template = PostgresTemplate()
    yield template
    template.close()


@pytest.fixture
def seeded_sqlite_url(seeded_file: Path, tmp_path: Path) -> str:
    """A migrated, seeded SQLite store of this test's own, as a database URL."""
    return copy_file(seeded_file, tmp_path / "seeded.db")


@pytest.fixture
def seeded_postgres_url(_postgres_template: PostgresTemplate) -> Iterator[str]:
    """A migrated, seeded PostgreSQL store of this test's own, as a database URL; skipped
    without a server (failed instead when STAFFBOT_REQUIRE_POSTGRES=1)."""
    with _postgres_template.clone() as url:
        yield url


@pytest.fixture(params=STORES)
def seeded_engine(request: pytest.FixtureRequest) -> Iterator[Engine]:
    """A migrated, seeded store of this test's own, as first use leaves it, on SQLite and on
    the PostgreSQL server. For tests of first use itself, use `db_engine`."""
    engine = create_db_engine(request.getfixturevalue(f"seeded_{request.param}_url"))
    yield engine
    engine.dispose()


@pytest.fixture(scope="session")
def answer_engine(seeded_file: Path, tmp_path_factory: pytest.TempPathFactory) -> AnswerEngine:
    """The seeded store's answer engine, shared by the read-only engine tests."""
    engine = create_db_engine(copy_file(seeded_file, tmp_path_factory.mktemp("engine") / "s.db"))
    with Session(engine) as session:
        knowledge = load_knowledge(session)
    engine.dispose()
    return AnswerEngine(knowledge)
