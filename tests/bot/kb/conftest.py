"""A seeded SQLite store per test, copied from one seeded once (seeding takes a second)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy.engine import Engine
from sqlmodel import Session

from bot.kb.dispatcher import KbService
from bot.slack.ids import is_user_id
from knowledge.editing import Actor
from knowledge.store import create_db_engine, models
from tests.support import stores

ADMIN = Actor("slack", "U0ADMIN01")
ENV_ADMIN = Actor("slack", "U0ENVADM1")
EDITOR_P1 = Actor("slack", "U0EDITP11")
NOBODY = Actor("slack", "U0NOBODY1")


@pytest.fixture(scope="session")
def seeded_store(seeded_file: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The seeded store with a stored admin and an editor of P1."""
    path = tmp_path_factory.mktemp("kb-seed") / "store.db"
    engine = create_db_engine(stores.copy_file(seeded_file, path))
    with Session(engine) as session:
        session.add(models.Member(user_id=ADMIN.user_id, role="admin", added_by="cli:test"))
        session.add(
            models.Member(user_id=EDITOR_P1.user_id, role="editor", scope="P1", added_by="cli:x")
        )
        session.commit()
    engine.dispose()
    return path


@pytest.fixture
def kb_engine(seeded_store: Path, tmp_path: Path) -> Iterator[Engine]:
    engine = create_db_engine(stores.copy_file(seeded_store, tmp_path / "store.db"))
    yield engine
    engine.dispose()


@pytest.fixture
def kb(kb_engine: Engine) -> KbService:
    return KbService(kb_engine, [ENV_ADMIN.user_id], is_user_id=is_user_id)


def count_rows(engine: Engine) -> dict[str, int]:
    """How many rows each edited table holds: equal before and after means nothing changed."""
    return stores.count_rows(engine, stores.EDITED_TABLES)
