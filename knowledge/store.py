"""Store lifecycle: schema upgrade, first-use seeding, reset, and the revision readers poll."""

from __future__ import annotations

import logging
from pathlib import Path

from sqlalchemy import func, inspect
from sqlalchemy.engine import Engine
from sqlalchemy.exc import IntegrityError, OperationalError, SQLAlchemyError
from sqlmodel import Session, SQLModel, select

from knowledge import migrate, models
from knowledge.db import to_safe_url
from knowledge.errors import StoreUnavailable
from knowledge.seed_loader import SEED_DIR, apply_seed, read_seed

logger = logging.getLogger(__name__)


def is_seeded(session: Session) -> bool:
    return session.exec(select(models.Document.id).limit(1)).first() is not None


def seed_store(engine: Engine, seed_dir: Path = SEED_DIR) -> int:
    """Insert whatever seed rows are missing; returns how many were inserted."""
    data = read_seed(seed_dir)
    with Session(engine) as session:
        inserted = apply_seed(session, data)
        session.commit()
    logger.info("seeded %s rows", inserted)
    return inserted


def ensure_store(engine: Engine, seed_dir: Path = SEED_DIR) -> None:
    """Bring the schema to the newest revision and seed an empty store (first use)."""
    try:
        if not migrate.is_up_to_date(engine):
            logger.info("upgrading schema of %s", to_safe_url(str(engine.url)))
            migrate.upgrade(engine)
        with Session(engine) as session:
            if is_seeded(session):
                return
        try:
            seed_store(engine, seed_dir)
        except IntegrityError:
            # Another process seeded the empty store at the same moment: theirs stands.
            logger.info("store was seeded concurrently by another process")
    except OperationalError as exc:
        raise StoreUnavailable(to_safe_url(str(engine.url)), str(exc.orig)) from exc
    except SQLAlchemyError as exc:
        raise StoreUnavailable(to_safe_url(str(engine.url)), str(exc)) from exc


def reset_store(engine: Engine, seed_dir: Path = SEED_DIR) -> None:
    """Drop every table, recreate the schema and load the seed again."""
    try:
        SQLModel.metadata.drop_all(engine)
        with engine.begin() as connection:
            if inspect(connection).has_table("alembic_version"):
                connection.exec_driver_sql("DROP TABLE alembic_version")
    except SQLAlchemyError as exc:
        raise StoreUnavailable(to_safe_url(str(engine.url)), str(exc)) from exc
    ensure_store(engine, seed_dir)


def get_revision(session: Session) -> int:
    """A number that grows with every audited change: readers compare it to refresh."""
    latest = session.exec(select(func.max(models.AuditEntry.id))).one()
    return int(latest or 0)
