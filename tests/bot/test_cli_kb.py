"""`staffbot admin add|remove|list` and `staffbot kb export|import`, in-process on a fresh copy
of the seeded SQLite store."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlmodel import Session, select

from bot.cli import main
from bot.cli_support import EXIT_BAD_INPUT, EXIT_SEED_INVALID
from knowledge import models
from knowledge.db import SQLITE_FILE_NAME, create_db_engine
from tests.support.stores import copy_file


@pytest.fixture(autouse=True)
def data_dir(monkeypatch: pytest.MonkeyPatch, tmp_path: Path, seeded_file: Path) -> Path:
    monkeypatch.delenv("DATABASE_URL", raising=False)
    monkeypatch.delenv("STAFFBOT_LANG", raising=False)
    monkeypatch.delenv("STAFFBOT_ADMINS", raising=False)
    monkeypatch.setenv("STAFFBOT_DATA_DIR", str(tmp_path / "data"))
    (tmp_path / "data").mkdir()
    copy_file(seeded_file, tmp_path / "data" / SQLITE_FILE_NAME)
    return tmp_path / "data"


def _audit(data_dir: Path) -> list[models.AuditEntry]:
    engine = create_db_engine(f"sqlite:///{data_dir / 'staffbot.db'}")
    with Session(engine) as session:
        entries = list(session.exec(select(models.AuditEntry)))
    engine.dispose()
    return entries


def test_admin_add_list_and_remove(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, data_dir: Path
) -> None:
    monkeypatch.setenv("STAFFBOT_ADMINS", "UENV1,UENV2")
    assert main(["admin", "add", "U012ABC"]) == 0
    assert capsys.readouterr().out.startswith("U012ABC is now an admin (change #1).")
    assert main(["admin", "add", "U012ABC"]) == EXIT_BAD_INPUT
    assert "already an admin" in capsys.readouterr().err
    assert main(["admin", "list"]) == 0
    listing = capsys.readouterr().out
    assert "Admins from STAFFBOT_ADMINS: UENV1, UENV2" in listing
    assert "U012ABC (slack), added by cli:" in listing and "Editors: none" in listing
    # Without a terminal and without --yes, nothing is removed.
    assert main(["admin", "remove", "U012ABC"]) == EXIT_BAD_INPUT
    assert "still an admin" in capsys.readouterr().err
    assert main(["admin", "remove", "U012ABC", "--yes"]) == 0
    assert "no longer an admin (change #2)" in capsys.readouterr().out
    assert main(["admin", "remove", "U012ABC", "--yes"]) == EXIT_BAD_INPUT
    assert "not a stored admin" in capsys.readouterr().err
    entries = _audit(data_dir)
    assert [(e.action, e.entity, e.entity_key) for e in entries] == [
        ("add", "member", "U012ABC admin"),
        ("remove", "member", "U012ABC admin"),
    ]
    assert all(e.actor.startswith("cli:") for e in entries)


def test_admin_messages_in_chinese(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("STAFFBOT_LANG", "zh")
    assert main(["admin", "add", "U9"]) == 0
    assert capsys.readouterr().out.startswith("U9 现在是管理员")
    assert main(["admin", "add", "U" * 65]) == EXIT_BAD_INPUT
    assert "用户ID过长" in capsys.readouterr().err


def test_export_then_import_of_the_same_file_changes_nothing(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, data_dir: Path
) -> None:
    file = tmp_path / "store.yaml"
    assert main(["kb", "export", str(file)]) == 0
    out = capsys.readouterr().out
    assert out.startswith("Exported ") and str(file) in out
    assert file.read_text(encoding="utf-8").startswith("# staffbot knowledge export")
    assert main(["kb", "import", str(file)]) == 0
    assert "nothing to change" in capsys.readouterr().out
    assert _audit(data_dir) == []


def test_import_shows_the_summary_and_applies_only_when_confirmed(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, data_dir: Path
) -> None:
    file = tmp_path / "store.yaml"
    assert main(["kb", "export", str(file)]) == 0
    text = file.read_text(encoding="utf-8")
    assert "amount: 15000" in text
    file.write_text(text.replace("amount: 15000", "amount: 16000", 1), encoding="utf-8")
    capsys.readouterr()
    assert main(["kb", "import", str(file)]) == EXIT_BAD_INPUT
    captured = capsys.readouterr()
    assert "It would change:" in captured.out and "1 changed" in captured.out
    assert "Nothing changed" in captured.err
    assert _audit(data_dir) == []
    assert main(["kb", "import", str(file), "--yes"]) == 0
    assert "Imported store.yaml in one transaction (change #1)" in capsys.readouterr().out
    assert main(["ask", "E1 budget"]) == 0
    assert "16,000" in capsys.readouterr().out


def test_import_of_a_bad_file_changes_nothing(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, data_dir: Path
) -> None:
    file = tmp_path / "bad.yaml"
    file.write_text("documents: [{code: nope}]\n", encoding="utf-8")
    assert main(["kb", "import", str(file), "--yes"]) == EXIT_SEED_INVALID
    assert "bad.yaml" in capsys.readouterr().err
    assert main(["kb", "import", str(tmp_path / "missing.yaml")]) == EXIT_SEED_INVALID
    assert _audit(data_dir) == []


def test_export_to_an_unwritable_place_is_refused(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    assert main(["kb", "export", str(tmp_path / "no" / "such" / "dir.yaml")]) == EXIT_BAD_INPUT
    assert "Cannot write" in capsys.readouterr().err


def test_admin_list_names_each_platforms_variable(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    teams_admin = "0b9e8d7c-6a5b-4c3d-8e2f-1a0b9c8d7e6f"
    monkeypatch.setenv("STAFFBOT_ADMINS", "UENV1")
    monkeypatch.setenv("TEAMS_ADMINS", teams_admin)
    assert main(["admin", "list"]) == 0
    listing = capsys.readouterr().out
    assert "Admins from STAFFBOT_ADMINS: UENV1\n" in listing
    assert f"Admins from TEAMS_ADMINS: {teams_admin}\n" in listing
    monkeypatch.setenv("STAFFBOT_LANG", "zh")
    assert main(["admin", "list"]) == 0
    assert f"TEAMS_ADMINS 中的管理员：{teams_admin}" in capsys.readouterr().out
