"""First use of a store: schema upgrade and seeding, between processes; reset."""

from __future__ import annotations

import fcntl
import logging
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import inspect, text
from sqlalchemy.engine import Engine
from sqlalchemy.exc import SQLAlchemyError
from sqlmodel import Session, SQLModel, select

from knowledge.seeding.seed_loader import SEED_DIR, apply_seed, read_seed
from knowledge.store import migrate, models, to_safe_url, to_store_unavailable

logger = logging.getLogger(__name__)

# pg_advisory_lock key of first-use set-up (any constant shared by all staffbot processes).
_LOCK_KEY = 0x5374_6166


def is_seeded(session: Session) -> bool:
    return session.exec(select(models.Document.id).limit(1)).first() is not None


# Who an audit row says put seed rows back into a store in use (`staffbot db seed`).
SEED_ACTOR = "staffbot db seed"


def seed_store(engine: Engine, seed_dir: Path = SEED_DIR) -> int:
    """Insert whatever seed rows are missing; returns how many were inserted. Rows put back
    into a store already in use are audited (one row, not undoable), so that the revision
    moves and every reader — the answering processes, the kept engines — sees them."""
    data = read_seed(seed_dir)
    with Session(engine) as session:
        in_use = is_seeded(session)
        inserted = apply_seed(session, data)
        if in_use and inserted:
            session.add(
                models.AuditEntry(
                    actor=SEED_ACTOR,
                    action="seed",
                    entity="store",
                    entity_key="seed",
                    after={"rows": inserted},
                )
            )
        session.commit()
    logger.info("seeded %s rows", inserted)
    return inserted


@contextmanager
def _first_use_lock(engine: Engine) -> Iterator[None]:
    """Serialise first-use set-up between processes that start at the same moment."""
    if engine.dialect.name == "postgresql":
        with engine.connect() as connection:
            # Waiting while another process upgrades and seeds may outlast the statement
            # timeout; SET LOCAL ends with this transaction, at the unlock.
            connection.execute(text("SET LOCAL statement_timeout = 0"))
            connection.execute(text("SELECT pg_advisory_lock(:key)"), {"key": _LOCK_KEY})
            try:
                yield
            finally:
                connection.execute(text("SELECT pg_advisory_unlock(:key)"), {"key": _LOCK_KEY})
                connection.commit()
        return
    database = engine.url.database or ""
    if engine.dialect.name != "sqlite" or database in ("", ":memory:"):
        yield
        return
    with open(f"{database}.lock", "a+b") as lock_file:
        fcntl.flock(lock_file, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(lock_file, fcntl.LOCK_UN)


def _is_ready(engine: Engine) -> bool:
    if not migrate.is_up_to_date(engine):
        return False
    with Session(engine) as session:
        return is_seeded(session)


def ensure_store(engine: Engine, seed_dir: Path = SEED_DIR) -> int:
    """Bring the schema to the newest revision and seed a store that holds no knowledge yet
    (first use); a used store's rows are left as they are. Returns how many rows were seeded."""
    try:
        if _is_ready(engine):
            return 0
        with _first_use_lock(engine):
            if not migrate.is_up_to_date(engine):
                logger.info("upgrading schema of %s", to_safe_url(str(engine.url)))
                migrate.upgrade(engine)
            with Session(engine) as session:
                if is_seeded(session):
                    return 0
            return seed_store(engine, seed_dir)
    except SQLAlchemyError as exc:
        raise to_store_unavailable(engine, exc) from exc


def reset_store(engine: Engine, seed_dir: Path = SEED_DIR) -> None:
    """Drop every table, recreate the schema and load the seed again."""
    try:
        SQLModel.metadata.drop_all(engine)
        with engine.begin() as connection:
            if inspect(connection).has_table("alembic_version"):
                connection.exec_driver_sql("DROP TABLE alembic_version")
    except SQLAlchemyError as exc:
        raise to_store_unavailable(engine, exc) from exc
    ensure_store(engine, seed_dir)
