"""A built answer engine kept on disk, one per store, for the next process to start from.

Building the index costs a fraction of a second on the seed store and most of a minute at
100k entries; reading the engine back costs a small part of that. The file holds a header
(what the engine was built from) and then the engine, each pickled: a header that does not
match this code, this Python, this store and this state of its knowledge is stale, and the
engine behind it is never read.

A pickle runs code when read, so only a file this user wrote is read: the folder is created
private (0700), and a file or folder that another user owns, or that others may write, is
refused. Every failure to read or write is logged and costs only a rebuild.
"""

from __future__ import annotations

import hashlib
import logging
import os
import pickle
import stat
import sys
import tempfile
import threading
import time
from dataclasses import asdict, dataclass
from functools import cache
from pathlib import Path
from typing import Any

import numpy as np
import pydantic
import sqlalchemy
import sqlmodel
from sqlalchemy.engine import URL
from sqlalchemy.orm import configure_mappers
from sqlalchemy.orm.instrumentation import manager_of_class
from sqlmodel import SQLModel

from knowledge.answering.engine import AnswerEngine
from knowledge.store import RevisionMark

logger = logging.getLogger(__name__)

# Raised whenever what is pickled changes shape in a way the code fingerprint cannot see.
FORMAT_VERSION = 4
SUFFIX = ".engine"
# The folder keeps the engines of this many stores (the newest written); older ones go.
MAX_KEPT = 8
# A temporary file this old was left by a process that died writing it.
ABANDONED_AFTER_S = 600
_PACKAGE = Path(__file__).resolve().parents[1]  # knowledge/: every class the engine holds


@dataclass(frozen=True)
class CacheHeader:
    """What an engine on disk was built from; any difference makes it stale."""

    store: str  # the store's address, password hidden
    mark: RevisionMark  # knowledge.store.get_revision_mark
    code: str = ""
    python: str = ""
    # The libraries whose objects are pickled or rebuilt: NumPy's arrays, the rows' classes
    libraries: str = ""
    format: int = FORMAT_VERSION

    @classmethod
    def of(cls, store: str, mark: RevisionMark) -> CacheHeader:
        return cls(store, mark, get_code_fingerprint(), sys.version, _library_versions())


def _library_versions() -> str:
    return " ".join(
        f"{module.__name__} {getattr(module, '__version__', getattr(module, 'VERSION', ''))}"
        for module in (np, sqlalchemy, sqlmodel, pydantic)
    )


@cache
def get_code_fingerprint() -> str:
    """A digest of the knowledge package's files: a new release never reads an old engine.
    Its seed data too: a store seeded and never edited has the same revision mark whatever
    seed it was seeded from (seeding is not audited)."""
    digest = hashlib.sha256()
    files = (
        p
        for p in _PACKAGE.rglob("*")
        if p.is_file() and "__pycache__" not in p.relative_to(_PACKAGE).parts
    )
    for path in sorted(files):
        digest.update(str(path.relative_to(_PACKAGE)).encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()


class EngineCache:
    """Engines kept in one private folder, a file per store (the newest state only)."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self._saving = threading.Lock()
        self._saved: dict[str, RevisionMark] = {}

    def to_path(self, store: str) -> Path:
        name = hashlib.sha256(store.encode()).hexdigest()[:32]
        return self.folder / f"{name}{SUFFIX}"

    def load(self, store: str, mark: RevisionMark) -> AnswerEngine | None:
        """The engine kept for this store at this state of its knowledge, or None."""
        path = self.to_path(store)
        wanted = CacheHeader.of(store, mark)
        try:
            with path.open("rb") as file:
                if not _is_private(self.folder) or not _is_private(path, file.fileno()):
                    logger.warning("engine cache %s refused: not private to this user", path)
                    return None
                header = pickle.load(file)
                if header != asdict(wanted):
                    return None  # stale: built from other knowledge, code or Python
                engine = pickle.load(file)
        except FileNotFoundError:
            return None
        except Exception as exc:  # a file cut short or garbled: rebuilt and written again
            logger.warning("engine cache %s unreadable, rebuilding: %r", path, exc)
            return None
        if not isinstance(engine, AnswerEngine) or engine.knowledge.revision != mark[0]:
            logger.warning("engine cache %s holds something else, rebuilding", path)
            return None
        return engine

    def save(self, store: str, mark: RevisionMark, engine: AnswerEngine) -> bool:
        """Writes the engine for the next process (a whole file or none); False if not."""
        header = asdict(CacheHeader.of(store, mark))
        with self._saving:
            if self._saved.get(store, (-1, 0, "")) >= tuple(mark):
                return True  # this or a newer state is written already
            try:
                self.folder.mkdir(mode=0o700, parents=True, exist_ok=True)
                if not _is_private(self.folder):
                    logger.warning("engine cache folder %s not private: not written", self.folder)
                    return False
                fd, temporary = tempfile.mkstemp(dir=self.folder, suffix=".tmp")
                try:
                    with os.fdopen(fd, "wb") as file:
                        pickle.dump(header, file, protocol=pickle.HIGHEST_PROTOCOL)
                        _RowPickler(file, protocol=pickle.HIGHEST_PROTOCOL).dump(engine)
                    os.replace(temporary, self.to_path(store))
                except BaseException:
                    Path(temporary).unlink(missing_ok=True)
                    raise
            except Exception as exc:  # a full disk or a read-only folder: only slower starts
                logger.warning("engine cache %s not written: %r", self.folder, exc)
                return False
            self._saved[store] = mark
            self._prune()
            return True

    def _prune(self) -> None:
        """Only the newest MAX_KEPT engines stay, and no abandoned temporary file."""
        try:
            kept = sorted(
                self.folder.glob(f"*{SUFFIX}"), key=lambda p: p.stat().st_mtime, reverse=True
            )
            for path in kept[MAX_KEPT:]:
                path.unlink(missing_ok=True)
            now = time.time()
            for path in self.folder.glob("*.tmp"):
                if now - path.stat().st_mtime > ABANDONED_AFTER_S:
                    path.unlink(missing_ok=True)
        except OSError as exc:  # another process pruned the same file first
            logger.debug("engine cache %s not pruned: %r", self.folder, exc)

    def save_later(self, store: str, mark: RevisionMark, engine: AnswerEngine) -> None:
        """Writes the engine on a thread of its own, so that nobody waits for the file; the
        process waits for it before it exits (not a daemon), so the file is whole."""
        threading.Thread(
            target=self.save, args=(store, mark, engine), name="engine-cache", daemon=False
        ).start()


class _RowPickler(pickle.Pickler):
    """Pickles the store's rows by their values only. SQLAlchemy would pickle each row's
    state (its load path and identity) too, which costs most of the time a cached engine
    takes to read back (57 ms of 117 on the seed store; seconds at 100k entries): the
    engine never goes back to the database with these rows, so they come back as rows of
    their class holding the same values, outside any session."""

    def reducer_override(self, obj: object) -> Any:
        if isinstance(obj, SQLModel) and "_sa_instance_state" in obj.__dict__:
            values = {k: v for k, v in obj.__dict__.items() if k != "_sa_instance_state"}
            fields_set = getattr(obj, "__pydantic_fields_set__", None)
            return _restore_row, (type(obj), values, fields_set)
        return NotImplemented


def _restore_row(cls: type[SQLModel], values: dict[str, Any], fields_set: set[str] | None) -> Any:
    """A row of `cls` with these values, made as SQLAlchemy makes a row it loads."""
    manager = manager_of_class(cls)
    if not manager.mapper.configured:
        configure_mappers()  # as the first query would (done once per process)
    row = manager.new_instance()
    row.__dict__.update(values)
    if fields_set is not None:
        object.__setattr__(row, "__pydantic_fields_set__", fields_set)
    return row


def _is_private(path: Path, fd: int | None = None) -> bool:
    """Owned by this user and writable by nobody else."""
    info = os.fstat(fd) if fd is not None else os.stat(path)
    return info.st_uid == os.getuid() and not info.st_mode & (stat.S_IWGRP | stat.S_IWOTH)


def to_store_identity(url: URL) -> str | None:
    """The store's address as the cache knows it: password hidden, an SQLite file by its
    absolute path; None for a store that lives only in one process's memory."""
    if url.get_backend_name() == "sqlite":
        if not url.database or url.database == ":memory:" or "mode=memory" in str(url):
            return None
        url = url.set(database=str(Path(url.database).resolve()))
    return url.render_as_string(hide_password=True)
