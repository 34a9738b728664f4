"""Answers from the current revision of the store, for long-running processes."""

from __future__ import annotations

import logging
import threading
import time

from sqlalchemy.engine import Engine
from sqlalchemy.exc import SQLAlchemyError
from sqlmodel import Session

from knowledge.answering.answer import Answer
from knowledge.answering.engine import AnswerEngine
from knowledge.answering.engine_cache import EngineCache, to_store_identity
from knowledge.answering.followups import TurnContext, answer_in_context
from knowledge.answering.knowledge_cache import KnowledgeCache
from knowledge.answering.snapshot import Knowledge, load_knowledge
from knowledge.errors import StoreUnavailable
from knowledge.seeding import ensure_store
from knowledge.store import (
    HEALTH_CHECK_TIMEOUT_S,
    LOAD_TIMEOUT_S,
    STORE_CALL_TIMEOUT_S,
    RevisionMark,
    deadline,
    get_revision,
    get_revision_mark,
    to_safe_url,
    to_store_unavailable,
)

logger = logging.getLogger(__name__)

# How often, at most, a process asks the store whether the knowledge changed: an edit made
# anywhere is answered everywhere within this long.
REFRESH_INTERVAL_S = 0.5


class AnswerService:
    """Keeps an `AnswerEngine` in step with the store; safe to call from several threads.

    No lock is held across a database round trip that readers wait for: one thread at a time
    asks the store whether the knowledge changed (and loads it if so) while the others answer
    from the engine they have. Only a process with no knowledge yet, or whose knowledge it
    knows to be out of date (it just made an edit), waits for that thread, and at most
    `call_timeout`. A check that fails leaves the answers coming from the knowledge loaded
    last; the check is tried again after `refresh_interval`.
    """

    def __init__(
        self,
        db_engine: Engine,
        refresh_interval: float = REFRESH_INTERVAL_S,
        call_timeout: float = STORE_CALL_TIMEOUT_S,
        load_timeout: float = LOAD_TIMEOUT_S,
        health_timeout: float = HEALTH_CHECK_TIMEOUT_S,
        knowledge_cache: KnowledgeCache | None = None,
        engine_cache: EngineCache | None = None,
    ) -> None:
        self.db_engine = db_engine
        # The engine built last, kept on disk for the next process to start from (None: not
        # kept; a store in memory is never kept).
        self.engine_cache = engine_cache
        self._store = to_store_identity(db_engine.url) if engine_cache is not None else None
        # Shared with the reports of this process (bot.composition): one read per revision.
        self.knowledge_cache = knowledge_cache or KnowledgeCache()
        self.refresh_interval = refresh_interval
        self.call_timeout = call_timeout
        self.load_timeout = load_timeout
        self.health_timeout = health_timeout
        self._engine: AnswerEngine | None = None
        self._checked_at = float("-inf")
        # Bumped by invalidate(); the check that started at _checked_generation saw them all.
        self._generation = 0
        self._checked_generation = 0
        self._state = threading.Lock()  # the fields above; never held across a round trip
        self._refresh = threading.Lock()  # the one thread asking the store

    def get_engine(self) -> AnswerEngine:
        """The engine for the newest revision; raises StoreUnavailable only when there is no
        knowledge to answer from (the store was never reached)."""
        with self._state:
            engine = self._engine
            is_fresh = time.monotonic() - self._checked_at < self.refresh_interval
            is_outdated = self._generation != self._checked_generation
        if engine is not None and is_fresh and not is_outdated:
            return engine
        if engine is not None and not is_outdated:
            acquired = self._refresh.acquire(blocking=False)
        else:
            acquired = self._refresh.acquire(timeout=self.call_timeout)
        if not acquired:  # another thread is asking the store
            if engine is None:
                raise StoreUnavailable(
                    to_safe_url(str(self.db_engine.url)), "the knowledge is still loading"
                )
            return engine
        try:
            return self._refresh_engine()
        finally:
            self._refresh.release()

    def _refresh_engine(self) -> AnswerEngine:
        with self._state:
            engine = self._engine
            generation = self._generation
            if (
                engine is not None
                and generation == self._checked_generation
                and time.monotonic() - self._checked_at < self.refresh_interval
            ):
                return engine  # the thread this one waited for has just checked
        started = time.monotonic()
        if engine is None:
            engine = self._start()
        else:
            try:
                changed = self._load_if_changed(engine.knowledge.revision)
            except StoreUnavailable as exc:
                logger.warning(
                    "store unavailable, answering from knowledge revision %s: %s",
                    engine.knowledge.revision,
                    exc.reason,
                )
                changed = None
            if changed is not None:
                engine = self._build(*changed)
        with self._state:
            self._engine = engine
            self._checked_at = started
            self._checked_generation = generation
        return engine

    def _build(self, knowledge: Knowledge, mark: RevisionMark | None = None) -> AnswerEngine:
        # Outside every session: building the index holds no connection.
        logger.info("loading knowledge revision %s", knowledge.revision)
        engine = AnswerEngine(knowledge)
        # Read after the mark, the knowledge may be newer than it (an edit committed between
        # the two reads): such an engine is not kept under the older mark.
        if (
            self.engine_cache is not None
            and self._store is not None
            and mark is not None
            and mark[0] == knowledge.revision
        ):
            self.engine_cache.save_later(self._store, mark, engine)
        return engine

    def _start(self) -> AnswerEngine:
        """First use: the schema upgraded and the store seeded if needed, then the engine
        kept on disk for this state of the knowledge, or one built from the store."""
        try:
            with deadline(self.db_engine, self.load_timeout):
                ensure_store(self.db_engine)
                with Session(self.db_engine) as session:
                    mark = self._read_mark(session)
                    kept = self._load_kept(mark)
                    if kept is not None:
                        self.knowledge_cache.keep(kept.knowledge)
                        return kept
                    knowledge = load_knowledge(session)
        except SQLAlchemyError as exc:
            raise to_store_unavailable(self.db_engine, exc) from exc
        self.knowledge_cache.keep(knowledge)
        return self._build(knowledge, mark)

    def _read_mark(self, session: Session) -> RevisionMark | None:
        """The state of the knowledge, when an engine cache wants it."""
        return get_revision_mark(session) if self._store is not None else None

    def _load_kept(self, mark: RevisionMark | None) -> AnswerEngine | None:
        if self.engine_cache is None or self._store is None or mark is None:
            return None
        engine = self.engine_cache.load(self._store, mark)
        if engine is not None:
            logger.info("knowledge revision %s read from the engine cache", mark[0])
        return engine

    def _load_if_changed(self, revision: int) -> tuple[Knowledge, RevisionMark | None] | None:
        """The store's knowledge and its mark (if wanted and read), or None while the store is
        still at `revision`."""
        try:
            with deadline(self.db_engine, self.call_timeout), Session(self.db_engine) as session:
                current = get_revision(session)
            if current == revision:
                return None
            cached = self.knowledge_cache.peek(current)  # a report read it already
            if cached is not None:
                return cached, None
            with deadline(self.db_engine, self.load_timeout), Session(self.db_engine) as session:
                mark = self._read_mark(session)
                knowledge = load_knowledge(session)
        except SQLAlchemyError as exc:
            raise to_store_unavailable(self.db_engine, exc) from exc
        self.knowledge_cache.keep(knowledge)
        return knowledge, mark

    def invalidate(self) -> None:
        """The store changed (this process just committed an edit): check it on the next call."""
        with self._state:
            self._generation += 1

    def answer(self, question: str) -> Answer:
        return self.get_engine().answer(question)

    def get_loaded(self) -> tuple[int, int] | None:
        """The revision and the number of index entries of the knowledge answering now;
        None before the first load. Asks nothing of the store (for metrics)."""
        with self._state:
            engine = self._engine
        if engine is None:
            return None
        return engine.knowledge.revision, len(engine.index)

    def answer_in_context(
        self, question: str, context: TurnContext | None
    ) -> tuple[Answer, TurnContext]:
        """The answer to a turn of a conversation, and the context it leaves."""
        return answer_in_context(self.get_engine(), question, context)

    def is_store_available(self) -> bool:
        """Whether the store answers `SELECT 1` within `health_timeout` (the health check)."""
        try:
            with (
                deadline(self.db_engine, self.health_timeout, probe=True),
                self.db_engine.connect() as connection,
            ):
                connection.exec_driver_sql("SELECT 1")
        except (SQLAlchemyError, StoreUnavailable):
            return False
        return True
