"""PROMETHEUS_MULTIPROC_DIR at the entry point: a folder set in .env reaches prometheus_client
(which reads only the environment), and one that does not exist is named, in both languages."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from bot.cli import main


@pytest.fixture
def env(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> pytest.MonkeyPatch:
    for variable in ("PROMETHEUS_MULTIPROC_DIR", "STAFFBOT_LANG", "STAFFBOT_METRICS"):
        monkeypatch.delenv(variable, raising=False)
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path / 'store.db'}")
    # main() exports the folder: monkeypatch puts the environment back after the test.
    monkeypatch.setenv("PROMETHEUS_MULTIPROC_DIR", "")
    monkeypatch.delenv("PROMETHEUS_MULTIPROC_DIR")
    return monkeypatch


def test_a_folder_set_in_dot_env_is_exported(env: pytest.MonkeyPatch, tmp_path: Path) -> None:
    folder = tmp_path / "prometheus"
    folder.mkdir()
    (tmp_path / ".env").write_text(f"PROMETHEUS_MULTIPROC_DIR={folder}\n", encoding="utf-8")
    assert main(["db", "upgrade"]) == 0
    assert os.environ["PROMETHEUS_MULTIPROC_DIR"] == str(folder)


@pytest.mark.parametrize(
    ("lang", "words"), [("en", "not an existing folder"), ("zh", "不是已有的文件夹")]
)
def test_a_missing_folder_is_named(
    env: pytest.MonkeyPatch,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    lang: str,
    words: str,
) -> None:
    missing = tmp_path / "no-such-folder"
    env.setenv("PROMETHEUS_MULTIPROC_DIR", str(missing))
    env.setenv("STAFFBOT_LANG", lang)
    assert main(["db", "upgrade"]) == 2
    err = capsys.readouterr().err
    assert str(missing) in err and words in err and "Traceback" not in err


def test_unset_or_empty_exports_nothing(env: pytest.MonkeyPatch, tmp_path: Path) -> None:
    (tmp_path / ".env").write_text("PROMETHEUS_MULTIPROC_DIR=\n", encoding="utf-8")
    assert main(["db", "upgrade"]) == 0
    assert "PROMETHEUS_MULTIPROC_DIR" not in os.environ
