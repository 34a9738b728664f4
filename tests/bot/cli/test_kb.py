"""`staffbot admin add|remove|list` and `staffbot kb export|import`, in-process on a fresh copy
of the seeded SQLite store."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml
from sqlmodel import Session, select

from bot.cli import main
from bot.cli.context import EXIT_BAD_INPUT, EXIT_SEED_INVALID
from bot.cli.kb import IMPORT_SHOWN_CHANGES
from bot.text_render import render_text
from knowledge.editing import Actor, Permissions, run_edit
from knowledge.editing.audit import undo_change
from knowledge.store import create_db_engine, models
from knowledge.store.db import SQLITE_FILE_NAME
from tests.support.slack_standin import SlackStandIn
from tests.support.stores import copy_file


@pytest.fixture(autouse=True)
def data_dir(monkeypatch: pytest.MonkeyPatch, tmp_path: Path, seeded_file: Path) -> Path:
    monkeypatch.delenv("DATABASE_URL", raising=False)
    monkeypatch.delenv("STAFFBOT_LANG", raising=False)
    monkeypatch.delenv("STAFFBOT_ADMINS", raising=False)
    monkeypatch.delenv("SLACK_BOT_TOKEN", raising=False)
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


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_admin_add_asks_slack_whether_the_person_exists(
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    data_dir: Path,
    lang: str,
) -> None:
    """With SLACK_BOT_TOKEN, users.info is asked as `/kb admin add` asks it: an id Slack
    does not know, or a deactivated account, is refused and nothing is stored."""
    monkeypatch.setenv("STAFFBOT_LANG", lang)
    monkeypatch.setenv("SLACK_BOT_TOKEN", "xoxb-1-cli-test")
    with SlackStandIn() as slack:
        monkeypatch.setenv("SLACK_API_URL", slack.url)
        slack.unknown_users.add("U0NOBODY1")
        slack.deactivated_users.add("U0GONE01")
        for user_id in ("U0NOBODY1", "U0GONE01"):
            assert main(["admin", "add", user_id]) == EXIT_BAD_INPUT
            expected = render_text(
                "admin_invalid", lang, user_id=user_id, reason_key="no_such_user"
            )
            assert capsys.readouterr().err.strip() == expected
        assert main(["admin", "add", "U0REAL01"]) == 0
        capsys.readouterr()
        asked = [c.body.get("user") for c in slack.calls_to("/users.info")]
    assert asked == ["U0NOBODY1", "U0GONE01", "U0REAL01"]
    assert [e.entity_key for e in _audit(data_dir)] == ["U0REAL01 admin"]


def test_admin_add_takes_the_id_when_slack_cannot_be_asked(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, data_dir: Path
) -> None:
    monkeypatch.setenv("SLACK_BOT_TOKEN", "xoxb-1-cli-test")
    with SlackStandIn() as slack:
        closed = slack.url  # nothing listens there once the stand-in has stopped
    monkeypatch.setenv("SLACK_API_URL", closed)
    assert main(["admin", "add", "U0REAL01"]) == 0
    assert capsys.readouterr().out.startswith("U0REAL01 is now an admin")


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
    assert "It would change:\n  budget: 1 added, 0 changed, 0 removed" in captured.out
    assert "  budget E1:2023: + E1 2023 16,000" in captured.out
    assert "Nothing changed" in captured.err
    assert _audit(data_dir) == []
    assert main(["kb", "import", str(file), "--yes"]) == 0
    assert (
        "Imported store.yaml in one transaction (change #2; each record is its own change,"
        " #1 to #1" in capsys.readouterr().out
    )
    assert [(e.action, e.entity, e.entity_key) for e in _audit(data_dir)] == [
        ("import", "budget", "E1:2023"),
        ("import", "store", "store.yaml"),
    ]
    assert main(["ask", "E1 budget"]) == 0
    assert "16,000" in capsys.readouterr().out


def test_import_lists_the_first_changes_and_counts_the_rest(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    file = tmp_path / "store.yaml"
    assert main(["kb", "export", str(file)]) == 0
    raw = yaml.safe_load(file.read_text(encoding="utf-8"))
    aliases = raw.pop("aliases")
    file.write_text(yaml.safe_dump(raw, allow_unicode=True), encoding="utf-8")
    capsys.readouterr()
    assert main(["kb", "import", str(file)]) == EXIT_BAD_INPUT
    out = capsys.readouterr().out
    assert out.count("\n  alias ") == IMPORT_SHOWN_CHANGES
    assert f"… and {len(aliases) - IMPORT_SHOWN_CHANGES} more" in out


def test_import_shows_a_long_text_where_it_changes(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    file = tmp_path / "store.yaml"
    assert main(["kb", "export", str(file)]) == 0
    raw = yaml.safe_load(file.read_text(encoding="utf-8"))
    fact = raw["facts"][0]
    assert len(fact["text_en"]) > 100
    fact["text_en"] += " Updated."
    file.write_text(yaml.safe_dump(raw, allow_unicode=True), encoding="utf-8")
    capsys.readouterr()
    assert main(["kb", "import", str(file)]) == EXIT_BAD_INPUT
    line = next(ln for ln in capsys.readouterr().out.splitlines() if ln.startswith("  fact "))
    before, after = line.removeprefix(f"  fact {fact['key']}: text_en: ").split(" → ")
    assert before.startswith("…") and after.startswith("…")  # from just before the change
    assert after.endswith(" Updated.") and "Updated" not in before


@pytest.mark.parametrize(
    "edit, message",
    [
        (
            lambda lines: lines[0].update(share_of_total="0.5"),
            "changes a share that 002 2.1, Table 1 prints",
        ),
        (
            lambda lines: [lines[0].update(amount=16_000), lines[1].update(amount=17_000)],
            "gives E1 2023 two figures, 16,000 and 17,000",
        ),
    ],
)
def test_import_refuses_what_a_document_prints_but_cannot_change(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, data_dir: Path, edit: Any, message: str
) -> None:
    file = tmp_path / "store.yaml"
    assert main(["kb", "export", str(file)]) == 0
    raw = yaml.safe_load(file.read_text(encoding="utf-8"))
    edit([line for line in raw["budget"] if line["of"] == "E1"])
    file.write_text(yaml.safe_dump(raw, allow_unicode=True), encoding="utf-8")
    capsys.readouterr()
    assert main(["kb", "import", str(file), "--yes"]) == EXIT_SEED_INVALID
    assert message in capsys.readouterr().err
    assert _audit(data_dir) == []


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


# -- through the installed `staffbot` command ------------------------------------------------

STAFFBOT = shutil.which("staffbot", path=str(Path(sys.executable).parent)) or "staffbot"


def _staffbot(*args: str, lang: str = "en") -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, STAFFBOT_LANG=lang)  # STAFFBOT_DATA_DIR: the fixture's store
    return subprocess.run(
        [STAFFBOT, *args], capture_output=True, text=True, env=env, timeout=60, check=False
    )


def test_an_imported_figure_is_shown_checked_and_cited_as_a_knowledge_base_change(
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
    data_dir: Path,
) -> None:
    file = tmp_path / "store.yaml"
    assert main(["kb", "export", str(file)]) == 0  # the store's file, made in-process
    text = file.read_text(encoding="utf-8")
    assert text.count("amount: 15000") == 2  # E1 in Table 1 and in section 3.6
    file.write_text(text.replace("amount: 15000", "amount: 16000"), encoding="utf-8")

    shown = _staffbot("kb", "import", str(file))
    assert shown.returncode == EXIT_BAD_INPUT and "Nothing changed" in shown.stderr
    assert "  E1 2023: 15,000 → 16,000\n" in shown.stdout
    assert (
        "Warning: after this import the figures no longer add up:\n"
        "  TOTAL 2023 is CHF 4,200,000, but its parts add up to CHF 4,201,000 (E1 16,000,"
    ) in shown.stdout
    monkeypatch.setenv("STAFFBOT_LANG", "zh")
    capsys.readouterr()
    assert main(["kb", "import", str(file)]) == EXIT_BAD_INPUT
    zh = capsys.readouterr().out
    assert "  E1 2023：15,000 → 16,000\n" in zh
    assert "TOTAL 2023 年为 4,200,000 瑞郎，但其组成部分合计 4,201,000 瑞郎" in zh
    monkeypatch.delenv("STAFFBOT_LANG")

    applied = _staffbot("kb", "import", str(file), "--yes")
    assert applied.returncode == 0, applied.stderr
    [change] = [e.id for e in _audit(data_dir) if e.entity == "budget"]
    reply = json.loads(_staffbot("ask", "--json", "What is E1's budget?").stdout)
    assert "16,000" in reply["text"] and "Table 1" not in reply["text"]
    assert reply["sources"] == [{"doc": "staffbot KB", "section": f"change #{change}"}]
    assert f"staffbot knowledge base (admin edits) (staffbot KB), change #{change}" in reply["text"]

    # Undone like a /kb budget set: the documents' figure and citation come back.
    engine = create_db_engine(f"sqlite:///{data_dir / SQLITE_FILE_NAME}")
    admin = Permissions(Actor("cli", "admin"), is_admin=True)
    run_edit(engine, lambda s: undo_change(s, admin, change))
    engine.dispose()
    reply = json.loads(_staffbot("ask", "--json", "What is E1's budget?").stdout)
    assert "15,000" in reply["text"] and reply["sources"][0]["section"] == "2.1, Table 1"


@pytest.mark.parametrize("encoding", ["utf-16", "utf-8-sig"])
def test_import_reads_a_file_whose_byte_order_mark_names_its_encoding(
    tmp_path: Path, encoding: str
) -> None:
    file = tmp_path / "store.yaml"
    assert main(["kb", "export", str(file)]) == 0  # the store's file, made in-process
    file.write_bytes(file.read_text(encoding="utf-8").encode(encoding))  # as Notepad saves it
    run = _staffbot("kb", "import", str(file))
    assert run.returncode == 0, run.stderr
    assert "holds the same knowledge as the store; nothing to change" in run.stdout


@pytest.mark.parametrize(
    "encoding, lang, message",
    [
        (
            "gb18030",
            "en",
            "store.yaml is not UTF-8 text: byte 0x{byte} on line {line} cannot be read"
            " (GBK or GB18030?",
        ),
        ("gbk", "zh", "store.yaml 不是 UTF-8 文本：第 {line} 行的字节 0x{byte} 无法读取"),
        ("utf-16-le", "en", "store.yaml is not UTF-8 text: it holds NUL bytes from line 1"),
    ],
)
def test_import_of_a_file_in_an_encoding_it_cannot_tell_for_sure_is_refused_clearly(
    tmp_path: Path, data_dir: Path, encoding: str, lang: str, message: str
) -> None:
    file = tmp_path / "store.yaml"
    assert main(["kb", "export", str(file)]) == 0  # the store's file, made in-process
    text = file.read_text(encoding="utf-8")
    data = text.encode(encoding)
    first = next(i for i, c in enumerate(text) if ord(c) > 127)
    line = text[:first].count("\n") + 1
    byte = f"{text[first].encode(encoding)[0]:02X}"
    file.write_bytes(data)
    run = _staffbot("kb", "import", str(file), "--yes", lang=lang)
    assert run.returncode == EXIT_SEED_INVALID
    assert "Traceback" not in run.stderr
    assert message.format(line=line, byte=byte) in run.stderr
    assert _audit(data_dir) == []


@pytest.mark.parametrize("lang", ["en", "zh"])
@pytest.mark.parametrize(
    "reason_key, details",
    [
        ("not_text", {"encoding": "UTF-16", "line": 3, "byte": "0xD8", "has_nul": False}),
        ("not_text", {"encoding": "UTF-8", "line": 1, "byte": "0x00", "has_nul": True}),
        ("printed_share_changed", {"subject": "E1", "year": 2023, "doc": "002", "section": "3.6"}),
        ("two_figures", {"subject": "E1", "year": 2023, "amounts": [16_000, 17_000]}),
    ],
)
def test_refusals_of_a_file_read_in_both_languages(
    lang: str, reason_key: str, details: dict[str, Any]
) -> None:
    text = render_text(
        "seed_invalid",
        lang,
        file="f.yaml",
        location="l",
        reason="r",
        reason_key=reason_key,
        details=details,
    )
    assert text.startswith("f.yaml") and "l: r" not in text
    done = render_text("kb_import_done", lang, file="f.yaml", change_id=9, count=2, first=7, last=8)
    assert "#7" in done and "#8" in done and "#9" in done


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
