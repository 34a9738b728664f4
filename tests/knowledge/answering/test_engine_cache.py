"""The engine cache: a second process answers from the kept engine, and never from a stale,
foreign, damaged or unsafe file; writing it costs nothing but a warning when it fails."""

from __future__ import annotations

import io
import logging
import os
import shutil
import stat
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from sqlalchemy.engine import Engine, make_url
from sqlmodel import Session, select

import knowledge.answering.service as service_module
from bot.cli import main
from knowledge.answering import Answer, AnswerEngine, AnswerService, EngineCache, Knowledge
from knowledge.answering import engine_cache as engine_cache_module
from knowledge.answering.engine_cache import (
    ABANDONED_AFTER_S,
    MAX_KEPT,
    SUFFIX,
    get_code_fingerprint,
    to_store_identity,
)
from knowledge.seeding import ensure_store, reset_store
from knowledge.store import create_db_engine, models
from knowledge.store.db import SQLITE_FILE_NAME
from tests.conftest import STORES
from tests.support.stores import PostgresTemplate, copy_file

REPO = Path(__file__).resolve().parents[3]
QUESTIONS = (
    "E1 budget",
    "P3预算是多少？",
    "What are the KPIs for emergency telecommunications?",
    "What are the risks?",
    "What is the capital of France?",
)


@pytest.fixture
def builds(monkeypatch: pytest.MonkeyPatch) -> list[Knowledge]:
    """The knowledge of every engine the services build (an engine read back is not built)."""
    built: list[Knowledge] = []

    def counting(knowledge: Knowledge) -> AnswerEngine:
        built.append(knowledge)
        return AnswerEngine(knowledge)

    monkeypatch.setattr(service_module, "AnswerEngine", counting)
    return built


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    return tmp_path / "cache"


@pytest.fixture
def sqlite_store(seeded_sqlite_url: str) -> Iterator[Engine]:
    """A seeded SQLite store, for what depends only on the cache's files, not the store."""
    engine = create_db_engine(seeded_sqlite_url)
    yield engine
    engine.dispose()


@pytest.fixture(params=STORES)
def two_stores(
    request: pytest.FixtureRequest, seeded_file: Path, tmp_path: Path
) -> Iterator[tuple[Engine, Engine]]:
    """Two seeded stores of this test's own, on SQLite and on the PostgreSQL server."""
    if request.param == "sqlite":
        urls = [copy_file(seeded_file, tmp_path / f"{name}.db") for name in "ab"]
        engines = [create_db_engine(url) for url in urls]
        yield engines[0], engines[1]
    else:
        template: PostgresTemplate = request.getfixturevalue("_postgres_template")
        with template.clone() as first, template.clone() as second:
            engines = [create_db_engine(first), create_db_engine(second)]
            yield engines[0], engines[1]
    for engine in engines:
        engine.dispose()


def _wait_for_saves() -> None:
    """The process would wait for these threads at exit (they are no daemons)."""
    for thread in threading.enumerate():
        if thread.name == "engine-cache":
            thread.join(timeout=60)


def _start(db_engine: Engine, folder: Path) -> AnswerService:
    """A service as a new process starts it: a cache of its own on the shared folder; its
    engine ready and kept."""
    service = AnswerService(db_engine, refresh_interval=3600, engine_cache=EngineCache(folder))
    service.get_engine()
    _wait_for_saves()
    return service


def _answers(service: AnswerService) -> list[Answer]:
    return [service.answer(question) for question in QUESTIONS]


def _e1_budget(service: AnswerService) -> int:
    return int(service.answer("E1 budget").parts["figures"][0].amount)


def _set_e1_budget(db_engine: Engine, amount: int) -> None:
    """An audited change, as an edit in any process commits it."""
    with Session(db_engine) as session:
        for line in session.exec(
            select(models.BudgetLine).where(models.BudgetLine.subject_code == "E1")
        ):
            line.amount_chf = amount
            session.add(line)
        session.add(
            models.AuditEntry(actor="U1", action="update", entity="budget", entity_key="E1")
        )
        session.commit()


def _kept(folder: Path) -> list[Path]:
    return sorted(folder.glob(f"*{SUFFIX}"))


def _cache_warnings(caplog: pytest.LogCaptureFixture) -> list[str]:
    return [
        r.getMessage()
        for r in caplog.records
        if r.name == engine_cache_module.__name__ and r.levelno == logging.WARNING
    ]


def test_a_second_service_answers_from_the_kept_engine_without_building(
    seeded_engine: Engine, folder: Path, builds: list[Knowledge]
) -> None:
    first = _answers(_start(seeded_engine, folder))
    assert len(builds) == 1 and len(_kept(folder)) == 1
    second = _answers(_start(seeded_engine, folder))
    assert len(builds) == 1
    assert second == first


def test_an_edit_makes_the_kept_engine_stale(
    seeded_engine: Engine, folder: Path, builds: list[Knowledge]
) -> None:
    assert _e1_budget(_start(seeded_engine, folder)) == 15_000
    _set_e1_budget(seeded_engine, 16_000)
    assert _e1_budget(_start(seeded_engine, folder)) == 16_000
    assert len(builds) == 2
    # The engine built after the edit is the one kept now.
    assert _e1_budget(_start(seeded_engine, folder)) == 16_000
    assert len(builds) == 2 and len(_kept(folder)) == 1


def _seed_again(db_engine: Engine) -> None:
    """The store deleted and seeded again at the same address: a SQLite file removed, a
    PostgreSQL schema dropped."""
    if db_engine.dialect.name != "sqlite":
        reset_store(db_engine)
        return
    db_engine.dispose()
    database = Path(str(db_engine.url.database))
    for path in (database, Path(f"{database}-wal"), Path(f"{database}-shm")):
        path.unlink(missing_ok=True)
    ensure_store(db_engine)


def test_a_store_seeded_again_at_the_same_address_is_not_answered_from_the_old_file(
    db_engine: Engine, folder: Path, builds: list[Knowledge]
) -> None:
    ensure_store(db_engine)
    _set_e1_budget(db_engine, 16_000)
    assert _e1_budget(_start(db_engine, folder)) == 16_000
    _seed_again(db_engine)
    _set_e1_budget(db_engine, 17_000)  # the same count of changes as before
    assert _e1_budget(_start(db_engine, folder)) == 17_000
    assert len(builds) == 2


def test_a_store_seeded_again_from_a_new_release_seed_is_not_answered_from_the_old_file(
    sqlite_store: Engine,
    folder: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    builds: list[Knowledge],
) -> None:
    """A release that changes only the seed data (no code), and a store seeded again with
    it: no change was audited in either store, so only the code's fingerprint tells them
    apart."""
    assert _e1_budget(_start(sqlite_store, folder)) == 15_000
    release = tmp_path / "release" / "knowledge"
    shutil.copytree(REPO / "knowledge", release, ignore=shutil.ignore_patterns("__pycache__"))
    framework = release / "seeding" / "seed" / "op23_framework.yaml"
    text = framework.read_text(encoding="utf-8")
    framework.write_text(text.replace("of: E1, amount: 15000", "of: E1, amount: 18000"), "utf-8")
    monkeypatch.setattr(engine_cache_module, "_PACKAGE", release)
    get_code_fingerprint.cache_clear()
    try:
        reset_store(sqlite_store, release / "seeding" / "seed")
        assert _e1_budget(_start(sqlite_store, folder)) == 18_000
    finally:
        get_code_fingerprint.cache_clear()
    assert len(builds) == 2


def test_a_store_never_reads_another_stores_file(
    two_stores: tuple[Engine, Engine], folder: Path, builds: list[Knowledge]
) -> None:
    first, second = two_stores
    _set_e1_budget(second, 16_000)
    assert _e1_budget(_start(first, folder)) == 15_000
    # Even the first store's file under the second's name: its header names the first store.
    [kept] = _kept(folder)
    other = EngineCache(folder).to_path(str(to_store_identity(second.url)))
    assert other != kept
    shutil.copyfile(kept, other)
    assert _e1_budget(_start(second, folder)) == 16_000
    assert len(builds) == 2


@pytest.mark.parametrize("damage", ["truncated", "garbled", "empty"])
def test_a_damaged_file_is_ignored_logged_and_written_again(
    damage: str,
    sqlite_store: Engine,
    folder: Path,
    builds: list[Knowledge],
    caplog: pytest.LogCaptureFixture,
) -> None:
    expected = _answers(_start(sqlite_store, folder))
    [kept] = _kept(folder)
    whole = kept.read_bytes()
    damaged = {
        "truncated": whole[: len(whole) // 2],
        "garbled": whole[:100] + bytes(b ^ 0x5A for b in whole[100:200]) + whole[200:],
        "empty": b"",
    }[damage]
    kept.write_bytes(damaged)
    with caplog.at_level(logging.WARNING):
        assert _answers(_start(sqlite_store, folder)) == expected
    assert len(builds) == 2
    assert any("unreadable" in message for message in _cache_warnings(caplog))
    assert kept.read_bytes() != damaged
    assert _answers(_start(sqlite_store, folder)) == expected
    assert len(builds) == 2


def _open_to_group(path: Path) -> None:
    path.chmod(path.stat().st_mode | stat.S_IWGRP)


def _open_to_others(path: Path) -> None:
    path.chmod(path.stat().st_mode | stat.S_IWOTH)


@pytest.mark.parametrize(
    ("target", "opening"),
    [
        ("folder", _open_to_group),
        ("folder", _open_to_others),
        ("file", _open_to_group),
        ("file", _open_to_others),
    ],
)
def test_a_file_or_folder_others_may_write_is_refused(
    target: str,
    opening: Callable[[Path], None],
    sqlite_store: Engine,
    folder: Path,
    builds: list[Knowledge],
    caplog: pytest.LogCaptureFixture,
) -> None:
    _start(sqlite_store, folder)
    [kept] = _kept(folder)
    opening(folder if target == "folder" else kept)
    with caplog.at_level(logging.WARNING):
        assert _e1_budget(_start(sqlite_store, folder)) == 15_000
    assert len(builds) == 2
    assert any("not private" in message for message in _cache_warnings(caplog))


def test_a_file_another_user_owns_is_refused(
    sqlite_store: Engine,
    folder: Path,
    builds: list[Knowledge],
    monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
) -> None:
    _start(sqlite_store, folder)
    # This process runs as another user than the one who wrote the folder and the file.
    other_user = os.getuid() + 1
    monkeypatch.setattr(os, "getuid", lambda: other_user)
    with caplog.at_level(logging.WARNING):
        assert _e1_budget(_start(sqlite_store, folder)) == 15_000
    assert len(builds) == 2
    assert any("not private" in message for message in _cache_warnings(caplog))


def test_a_folder_others_may_write_is_not_written_to(
    sqlite_store: Engine, folder: Path, caplog: pytest.LogCaptureFixture
) -> None:
    folder.mkdir(mode=0o700)
    folder.chmod(0o777)
    with caplog.at_level(logging.WARNING):
        assert _e1_budget(_start(sqlite_store, folder)) == 15_000
    assert _kept(folder) == []
    assert any("not private" in message for message in _cache_warnings(caplog))


def test_the_folder_is_created_private(sqlite_store: Engine, tmp_path: Path) -> None:
    folder = tmp_path / "new" / "cache"
    _start(sqlite_store, folder)
    [kept] = _kept(folder)
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700
    assert stat.S_IMODE(kept.stat().st_mode) == 0o600


def test_a_header_from_other_code_is_stale(
    sqlite_store: Engine,
    folder: Path,
    builds: list[Knowledge],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    _start(sqlite_store, folder)
    monkeypatch.setattr(engine_cache_module, "get_code_fingerprint", lambda: "another release")
    assert _e1_budget(_start(sqlite_store, folder)) == 15_000
    assert len(builds) == 2


def test_the_code_fingerprint_covers_the_seed_data(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    package = tmp_path / "knowledge"
    (package / "seeding" / "seed").mkdir(parents=True)
    (package / "engine.py").write_text("ENGINE = 1\n", encoding="utf-8")
    seed = package / "seeding" / "seed" / "facts.yaml"
    seed.write_text("facts: []\n", encoding="utf-8")
    monkeypatch.setattr(engine_cache_module, "_PACKAGE", package)

    def fingerprint() -> str:
        get_code_fingerprint.cache_clear()
        return get_code_fingerprint()

    try:
        before = fingerprint()
        seed.write_text("facts: [{key: new}]\n", encoding="utf-8")
        after_seed = fingerprint()
        (package / "__pycache__").mkdir()
        (package / "__pycache__" / "engine.cpython-311.pyc").write_bytes(b"\0compiled")
        assert fingerprint() == after_seed  # compiled files come and go with each run
    finally:
        get_code_fingerprint.cache_clear()
    assert after_seed != before


@pytest.mark.parametrize(
    "url",
    ["sqlite://", "sqlite:///:memory:", "sqlite:///file:kb?mode=memory&cache=shared&uri=true"],
)
def test_a_store_in_memory_has_no_identity(url: str) -> None:
    assert to_store_identity(make_url(url)) is None


def test_a_store_is_known_by_its_absolute_path_and_never_its_password(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    assert to_store_identity(make_url("sqlite:///kb.db")) == f"sqlite:///{tmp_path / 'kb.db'}"
    identity = to_store_identity(make_url("postgresql+psycopg://bot:s3cret@db:5432/kb"))
    assert identity is not None and "s3cret" not in identity and "db:5432/kb" in identity


def test_an_in_memory_store_is_never_cached(folder: Path) -> None:
    db_engine = create_db_engine("sqlite://")
    try:
        assert _e1_budget(_start(db_engine, folder)) == 15_000
    finally:
        db_engine.dispose()
    assert not folder.exists()


@pytest.mark.parametrize("obstacle", ["a file in the way", "a read-only folder"])
def test_a_folder_that_cannot_be_written_costs_only_a_warning(
    obstacle: str,
    sqlite_store: Engine,
    tmp_path: Path,
    caplog: pytest.LogCaptureFixture,
) -> None:
    if obstacle == "a file in the way":
        (tmp_path / "blocked").write_text("", encoding="utf-8")
        folder = tmp_path / "blocked" / "cache"
    else:
        if os.geteuid() == 0:
            pytest.skip("root writes into a read-only folder")
        folder = tmp_path / "cache"
        folder.mkdir(mode=0o500)
    try:
        with caplog.at_level(logging.WARNING):
            assert _e1_budget(_start(sqlite_store, folder)) == 15_000
    finally:
        if folder.is_dir():
            folder.chmod(0o700)
    assert any("not written" in message for message in _cache_warnings(caplog))
    assert not folder.is_dir() or _kept(folder) == []


def test_two_threads_saving_at_once_leave_one_whole_file(
    answer_engine: AnswerEngine, folder: Path
) -> None:
    store = "sqlite:////stores/kb.db"
    mark = (answer_engine.knowledge.revision, 0, "")
    caches = [EngineCache(folder), EngineCache(folder)]
    start = threading.Barrier(4)
    saved: list[bool] = []

    def save(cache: EngineCache) -> None:
        start.wait()
        saved.append(cache.save(store, mark, answer_engine))

    threads = [threading.Thread(target=save, args=(caches[n % 2],)) for n in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert saved == [True] * 4
    assert [p.name for p in folder.iterdir()] == [caches[0].to_path(store).name]
    kept = EngineCache(folder).load(store, mark)
    assert kept is not None and kept.answer("E1 budget") == answer_engine.answer("E1 budget")


def test_pruning_keeps_the_newest_engines_and_no_abandoned_temporary_file(
    answer_engine: AnswerEngine, folder: Path
) -> None:
    folder.mkdir(mode=0o700)
    now = time.time()
    older = []
    for age in range(MAX_KEPT + 2):  # the newest first
        path = folder / f"{age:032x}{SUFFIX}"
        path.write_bytes(b"an engine")
        os.utime(path, (now - 100 - age, now - 100 - age))
        older.append(path)
    abandoned = folder / "abandoned.tmp"
    abandoned.write_bytes(b"half")
    os.utime(abandoned, (now - ABANDONED_AFTER_S - 10,) * 2)
    writing = folder / "writing.tmp"
    writing.write_bytes(b"half")
    cache, store = EngineCache(folder), "sqlite:////stores/kb.db"
    assert cache.save(store, (answer_engine.knowledge.revision, 0, ""), answer_engine)
    assert _kept(folder) == sorted([cache.to_path(store), *older[: MAX_KEPT - 1]])
    assert not abandoned.exists() and writing.exists()


def test_cli_ask_jsonl_writes_the_cache_and_answers_the_same_from_it(
    seeded_file: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    builds: list[Knowledge],
) -> None:
    data, folder = tmp_path / "data", tmp_path / "cache"
    data.mkdir()
    copy_file(seeded_file, data / SQLITE_FILE_NAME)
    for variable in ("DATABASE_URL", "STAFFBOT_LANG"):
        monkeypatch.delenv(variable, raising=False)
    monkeypatch.setenv("STAFFBOT_DATA_DIR", str(data))
    monkeypatch.setenv("STAFFBOT_CACHE_DIR", str(folder))

    def ask() -> str:
        monkeypatch.setattr("sys.stdin", io.StringIO("\n".join(QUESTIONS) + "\n"))
        assert main(["ask", "--jsonl"]) == 0
        _wait_for_saves()
        return capsys.readouterr().out

    first = ask()
    assert len(builds) == 1 and len(_kept(folder)) == 1
    assert ask() == first
    assert len(builds) == 1
    assert len(first.splitlines()) == len(QUESTIONS)


def test_rows_are_kept_by_their_values_and_come_back_as_rows() -> None:
    # SQLAlchemy's per-row state is not pickled: the row comes back outside any session,
    # with the same values, readable as before
    import io
    import pickle

    from sqlalchemy import inspect

    from knowledge.answering.engine_cache import _RowPickler
    from knowledge.store import models

    fact = models.Fact(
        key="k",
        kind="highlight",
        title_en="T",
        title_zh="标",
        text_en="x",
        text_zh="文",
        questions_en=["q?"],
        doc="002",
        section="1",
    )
    buffer = io.BytesIO()
    _RowPickler(buffer, protocol=pickle.HIGHEST_PROTOCOL).dump([fact, fact])
    first, second = pickle.loads(buffer.getvalue())
    assert first is second  # one row pickled once
    assert inspect(first).transient
    assert first.model_dump() == fact.model_dump()
    assert b"_sa_instance_state" not in buffer.getvalue()


def test_the_index_is_pickled_without_its_token_sets_made_on_demand() -> None:
    # answers fill them while another thread writes the engine out: never pickled live
    import pickle

    from knowledge.answering.matching import Entry, SearchIndex

    index = SearchIndex([Entry("theme", "P1-EMT", ("Emergency telecommunications",))])
    assert index.find_mentions(["emergency", "telecommunication"], ["theme"])
    assert index._key_token_sets
    copy = pickle.loads(pickle.dumps(index))
    assert copy._key_token_sets == {}
    assert copy.find_mentions(["emergency", "telecommunication"], ["theme"])


def test_a_header_from_other_library_versions_is_stale(monkeypatch: pytest.MonkeyPatch) -> None:
    from knowledge.answering import engine_cache

    before = engine_cache.CacheHeader.of("sqlite:///x", (1, 1, "t"))
    monkeypatch.setattr(engine_cache, "_library_versions", lambda: "numpy 0 sqlalchemy 0")
    assert engine_cache.CacheHeader.of("sqlite:///x", (1, 1, "t")) != before
