"""The composition root: settings in, a ready store and answer engine out."""

from __future__ import annotations

import logging

from sqlalchemy.engine import Engine
from sqlalchemy.exc import OperationalError, SQLAlchemyError
from sqlmodel import Session

from bot.settings import Settings
from knowledge.db import create_db_engine, to_safe_url
from knowledge.engine import AnswerEngine
from knowledge.errors import StoreUnavailable
from knowledge.snapshot import load_knowledge
from knowledge.store import ensure_store


def configure_logging(settings: Settings) -> None:
    logging.basicConfig(
        level=settings.log_level,
        format="%(asctime)s %(levelname)s %(name)s: %(message)s",
    )


def build_db_engine(settings: Settings) -> Engine:
    return create_db_engine(settings.get_database_url())


def build_answer_engine(db_engine: Engine) -> AnswerEngine:
    """Migrate and seed on first use, then load the knowledge into an answer engine."""
    ensure_store(db_engine)
    try:
        with Session(db_engine) as session:
            knowledge = load_knowledge(session)
    except OperationalError as exc:
        raise StoreUnavailable(to_safe_url(str(db_engine.url)), str(exc.orig)) from exc
    except SQLAlchemyError as exc:
        raise StoreUnavailable(to_safe_url(str(db_engine.url)), str(exc)) from exc
    return AnswerEngine(knowledge)
