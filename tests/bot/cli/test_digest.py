"""`staffbot digest preview`: a report printed as text, in-process on a seeded SQLite store."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from bot.cli import main
from knowledge.store.db import SQLITE_FILE_NAME
from tests.support.stores import copy_file

PNG = b"\x89PNG\r\n\x1a\n"


@pytest.fixture(scope="module")
def data_dir(tmp_path_factory: pytest.TempPathFactory, seeded_file: Path) -> Path:
    folder = tmp_path_factory.mktemp("digest-cli")
    copy_file(seeded_file, folder / SQLITE_FILE_NAME)
    return folder


@pytest.fixture(autouse=True)
def environment(monkeypatch: pytest.MonkeyPatch, data_dir: Path) -> None:
    monkeypatch.delenv("DATABASE_URL", raising=False)
    monkeypatch.delenv("STAFFBOT_LANG", raising=False)
    monkeypatch.setenv("STAFFBOT_DATA_DIR", str(data_dir))


def test_preview_prints_a_reminder_in_chinese(capsys: pytest.CaptureFixture[str]) -> None:
    code = main(["digest", "preview", "--kind", "reminder", "--scope", "P1", "--lang", "zh"])
    out = capsys.readouterr().out
    assert code == 0
    assert out.startswith("关键绩效指标提醒：P1：价格可承受的连接")
    assert "/kb progress P1-INF-9 数值" in out


def test_preview_of_a_digest_writes_its_chart(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    chart = tmp_path / "chart.png"
    args = ["digest", "preview", "--kind", "digest", "--scope", "all", "--chart", str(chart)]
    assert main(args) == 0
    out = capsys.readouterr().out
    assert "Weekly digest – all priorities and enablers" in out
    assert "CHF 4,200,000" in out and f"Chart written to {chart}" in out
    assert chart.read_bytes().startswith(PNG)


def test_preview_as_of_a_given_time(capsys: pytest.CaptureFixture[str]) -> None:
    args = ["digest", "preview", "--kind", "digest", "--scope", "E1", "--now", "2026-03-02T09:00"]
    assert main(args) == 0
    assert "2026-02-23 to 2026-03-02 (UTC)" in capsys.readouterr().out


def test_preview_says_when_there_is_no_chart(capsys: pytest.CaptureFixture[str]) -> None:
    args = ["digest", "preview", "--kind", "reminder", "--scope", "E1", "--chart", "x.png"]
    assert main(args) == 0
    assert "No chart for this reminder" in capsys.readouterr().err


@pytest.mark.parametrize(
    ("lang", "expected"),
    [("en", 'There is no scope "P1-EMX"'), ("zh", "没有“P1-EMX”这个范围")],
)
def test_an_unknown_scope_exits_2_with_did_you_mean(
    capsys: pytest.CaptureFixture[str], lang: str, expected: str
) -> None:
    args = ["digest", "preview", "--kind", "reminder", "--scope", "P1-EMX", "--lang", lang]
    assert main(args) == 2
    err = capsys.readouterr().err
    assert expected in err and "P1-EMT" in err


def test_a_bad_time_exits_2(capsys: pytest.CaptureFixture[str]) -> None:
    args = ["digest", "preview", "--kind", "digest", "--now", "next monday"]
    assert main(args) == 2
    assert '"next monday" is not a date and time' in capsys.readouterr().err


def test_ask_does_not_load_the_report_libraries() -> None:
    probe = (
        "import sys, bot.cli; "
        "heavy = [m for m in ('matplotlib', 'slack_sdk', 'scheduler.reports', "
        "'scheduler.charts', 'bot.slack.poster') if m in sys.modules]; "
        "print(heavy)"
    )
    run = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, check=True, timeout=60
    )
    assert run.stdout.strip() == "[]"
