"""A seeded SQLite store per test, copied from one seeded once (seeding takes a second)."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import func
from sqlalchemy.engine import Engine
from sqlmodel import Session, SQLModel, select

from bot.kb.dispatcher import KbService
from knowledge import models
from knowledge.db import create_db_engine
from knowledge.roles import Actor
from knowledge.store import ensure_store

ADMIN = Actor("slack", "U0ADMIN01")
ENV_ADMIN = Actor("slack", "U0ENVADM1")
EDITOR_P1 = Actor("slack", "U0EDITP11")
NOBODY = Actor("slack", "U0NOBODY1")
COUNTED: tuple[type[SQLModel], ...] = (
    models.AuditEntry,
    models.BudgetLine,
    models.Kpi,
    models.KpiProgress,
    models.Fact,
    models.Faq,
    models.Alias,
    models.Member,
)


@pytest.fixture(scope="session")
def seeded_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("kb-seed") / "store.db"
    engine = create_db_engine(f"sqlite:///{path}")
    ensure_store(engine)
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
    path = tmp_path / "store.db"
    shutil.copy(seeded_store, path)
    engine = create_db_engine(f"sqlite:///{path}")
    yield engine
    engine.dispose()


@pytest.fixture
def kb(kb_engine: Engine) -> KbService:
    return KbService(kb_engine, [ENV_ADMIN.user_id])


def count_rows(engine: Engine) -> dict[str, int]:
    """How many rows each edited table holds: equal before and after means nothing changed."""
    with Session(engine) as session:
        return {
            model.__name__: session.exec(select(func.count()).select_from(model)).one()
            for model in COUNTED
        }
