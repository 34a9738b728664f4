"""One store's knowledge at its newest revision, read once per revision and shared by every
reader in the process: the answer service and the reports."""

from __future__ import annotations

import threading

from sqlmodel import Session

from knowledge.answering.snapshot import Knowledge, load_knowledge
from knowledge.store import get_revision


class KnowledgeCache:
    """The knowledge last read from one store; safe to use from several threads.

    Whoever finds it out of date reads it again for everyone (a read takes tens of
    milliseconds; a fan-out of a thousand reports, or a report and an answer, read it once).
    """

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._knowledge: Knowledge | None = None

    def peek(self, revision: int) -> Knowledge | None:
        """The knowledge kept, if it is at `revision`; else None."""
        with self._lock:
            knowledge = self._knowledge
        return knowledge if knowledge is not None and knowledge.revision == revision else None

    def keep(self, knowledge: Knowledge) -> None:
        """Keeps knowledge someone read, unless a newer revision is kept already."""
        with self._lock:
            if self._knowledge is None or knowledge.revision >= self._knowledge.revision:
                self._knowledge = knowledge

    def get(self, session: Session) -> Knowledge:
        """The knowledge at the store's current revision, read if not kept.

        Read in a session of its own so that the caller's commits never expire it.
        """
        cached = self.peek(get_revision(session))
        if cached is not None:
            return cached
        with Session(session.get_bind().engine) as own:
            knowledge = load_knowledge(own)
        self.keep(knowledge)
        return knowledge
