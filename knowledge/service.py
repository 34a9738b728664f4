"""Answers from the current revision of the store, for long-running processes."""

from __future__ import annotations

import logging
import threading
import time

from sqlalchemy.engine import Engine
from sqlalchemy.exc import SQLAlchemyError
from sqlmodel import Session

from knowledge.answer import Answer
from knowledge.db import to_store_unavailable
from knowledge.engine import AnswerEngine
from knowledge.snapshot import load_knowledge
from knowledge.store import ensure_store, get_revision

logger = logging.getLogger(__name__)

# How often, at most, a process asks the store whether the knowledge changed: an edit made
# anywhere is answered everywhere within this long.
REFRESH_INTERVAL_S = 0.5


class AnswerService:
    """Keeps an `AnswerEngine` in step with the store; safe to call from several threads."""

    def __init__(self, db_engine: Engine, refresh_interval: float = REFRESH_INTERVAL_S) -> None:
        self.db_engine = db_engine
        self.refresh_interval = refresh_interval
        self._engine: AnswerEngine | None = None
        self._checked_at = float("-inf")
        self._lock = threading.Lock()

    def get_engine(self) -> AnswerEngine:
        """The engine for the newest revision; raises StoreUnavailable if the store is down."""
        with self._lock:
            now = time.monotonic()
            if self._engine is not None and now - self._checked_at < self.refresh_interval:
                return self._engine
            try:
                if self._engine is None:
                    ensure_store(self.db_engine)
                with Session(self.db_engine) as session:
                    revision = get_revision(session)
                    if self._engine is None or revision != self._engine.knowledge.revision:
                        logger.info("loading knowledge revision %s", revision)
                        self._engine = AnswerEngine(load_knowledge(session))
            except SQLAlchemyError as exc:
                raise to_store_unavailable(self.db_engine, exc) from exc
            self._checked_at = now
            return self._engine

    def invalidate(self) -> None:
        """The store changed (this process just committed an edit): check it on the next call."""
        with self._lock:
            self._checked_at = float("-inf")

    def answer(self, question: str) -> Answer:
        return self.get_engine().answer(question)

    def is_store_available(self) -> bool:
        try:
            with self.db_engine.connect() as connection:
                connection.exec_driver_sql("SELECT 1")
        except SQLAlchemyError:
            return False
        return True
