"""Where the answer engine is kept between processes: STAFFBOT_CACHE_DIR, "off", the data
folder's "cache", else the user cache folder; and the tests' own private folder."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path
from typing import Any

import pytest
from platformdirs import user_cache_dir

from bot.composition import build_answer_service
from bot.settings import Settings
from knowledge.store import create_db_engine
from tests.conftest import SESSION_CACHE_DIR

# As tests/conftest.py left it, before this module's fixture removes it for each test.
_SESSION_VALUE = os.environ.get("STAFFBOT_CACHE_DIR")


@pytest.fixture(autouse=True)
def environment(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    for variable in ("STAFFBOT_CACHE_DIR", "STAFFBOT_DATA_DIR"):
        monkeypatch.delenv(variable, raising=False)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))


def _settings(**values: Any) -> Settings:
    return Settings(_env_file=None, **values)  # type: ignore[call-arg]


def test_cache_dir_is_the_one_given(tmp_path: Path) -> None:
    settings = _settings(STAFFBOT_CACHE_DIR=str(tmp_path / "c"), STAFFBOT_DATA_DIR=tmp_path)
    assert settings.get_cache_dir() == tmp_path / "c"


@pytest.mark.parametrize("value", ["off", "OFF", "Off"])
def test_cache_dir_off_keeps_none(value: str, tmp_path: Path) -> None:
    assert _settings(STAFFBOT_CACHE_DIR=value, STAFFBOT_DATA_DIR=tmp_path).get_cache_dir() is None


@pytest.mark.parametrize("value", [None, "", "  "])
def test_cache_dir_defaults_to_cache_in_the_data_dir(value: str | None, tmp_path: Path) -> None:
    settings = _settings(STAFFBOT_CACHE_DIR=value, STAFFBOT_DATA_DIR=tmp_path)
    assert settings.get_cache_dir() == tmp_path / "cache"


def test_cache_dir_defaults_to_the_user_cache_folder(tmp_path: Path) -> None:
    assert _settings().get_cache_dir() == tmp_path / "xdg" / "staffbot"
    assert _settings().get_cache_dir() == Path(user_cache_dir("staffbot", appauthor=False))


def test_cache_dir_is_read_from_the_environment(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("STAFFBOT_CACHE_DIR", str(tmp_path / "env"))
    assert _settings().get_cache_dir() == tmp_path / "env"


def test_the_service_keeps_its_engine_in_the_cache_dir_unless_off(tmp_path: Path) -> None:
    db_engine = create_db_engine(f"sqlite:///{tmp_path / 'kb.db'}")
    try:
        kept = build_answer_service(_settings(STAFFBOT_CACHE_DIR=str(tmp_path / "c")), db_engine)
        off = build_answer_service(_settings(STAFFBOT_CACHE_DIR="off"), db_engine)
    finally:
        db_engine.dispose()
    assert kept.engine_cache is not None and kept.engine_cache.folder == tmp_path / "c"
    assert off.engine_cache is None


def test_the_tests_keep_engines_in_a_private_temporary_folder() -> None:
    """tests/conftest.py sets it at import: no test run writes into the user's cache."""
    assert str(SESSION_CACHE_DIR) == _SESSION_VALUE
    assert SESSION_CACHE_DIR.is_dir()
    assert SESSION_CACHE_DIR.is_relative_to(tempfile.gettempdir())
    assert Path(user_cache_dir("staffbot", appauthor=False)) != SESSION_CACHE_DIR
