"""`staffbot schedule …`: the id alone on stdout, precise refusals, a readable list."""

from __future__ import annotations

import os
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

import pytest
from sqlmodel import Session

from bot.cli import main
from knowledge.store import create_db_engine, utc_now
from knowledge.store.db import SQLITE_FILE_NAME
from scheduler import deliveries
from tests.support.slack_standin import SlackStandIn
from tests.support.stores import copy_file


@pytest.fixture(scope="module")
def data_dir(tmp_path_factory: pytest.TempPathFactory, seeded_file: Path) -> Path:
    folder = tmp_path_factory.mktemp("cli-schedule")
    copy_file(seeded_file, folder / SQLITE_FILE_NAME)
    return folder


@pytest.fixture
def cli(
    data_dir: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> Iterator[object]:
    for name in list(os.environ):
        if name.startswith(("STAFFBOT_", "SLACK_", "DATABASE_URL")):
            monkeypatch.delenv(name)
    monkeypatch.setenv("STAFFBOT_DATA_DIR", str(data_dir))
    monkeypatch.chdir(data_dir)

    def run(*argv: str) -> tuple[int, str, str]:
        code = main(list(argv))
        out, err = capsys.readouterr()
        return code, out, err

    yield run


def test_add_prints_only_the_id_and_says_the_channel_was_not_checked(cli: object) -> None:
    run = cli  # type: ignore[assignment]
    code, out, err = run(
        "schedule", "add", "--kind", "digest", "--channel", "C0ADD", "--scope", "P1",
        "--at", "mon 09:00", "--tz", "Europe/Zurich", "--lang", "zh",
    )  # fmt: skip
    assert code == 0 and out.strip().isdigit() and out.count("\n") == 1
    assert "C0ADD was not checked" in err
    code, out, _err = run("schedule", "list")
    line = next(line for line in out.splitlines() if "C0ADD" in line)
    assert "Europe/Zurich" in line and "mon 09:00" in line and " CET" in line
    assert out.splitlines()[0].startswith("id")


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--at", "mon 9"], "no valid time"),
        (["--cron", "0 9 * * 8"], "0 and 7 are Sunday"),
        (["--at", "mon 09:00", "--scope", "P9"], '"P9" is not a scope'),
        (["--at", "mon 09:00", "--tz", "Europe/Zurih"], "did you mean Europe/Zurich"),
    ],
)
def test_add_refuses_bad_input_precisely(cli: object, args: list[str], message: str) -> None:
    run = cli  # type: ignore[assignment]
    base = ["schedule", "add", "--kind", "reminder", "--channel", "C0BAD"]
    if "--tz" not in args:
        args = [*args, "--tz", "UTC"]
    code, out, err = run(*base, *args)
    assert (code, out) == (2, "") and message in err


def test_add_checks_the_channel_when_a_token_is_set(
    cli: object, monkeypatch: pytest.MonkeyPatch
) -> None:
    run = cli  # type: ignore[assignment]
    with SlackStandIn() as slack:
        slack.unknown_channels.add("C0GONE")
        monkeypatch.setenv("SLACK_BOT_TOKEN", "xoxb-test")
        monkeypatch.setenv("SLACK_API_URL", slack.url)
        base = ["schedule", "add", "--kind", "reminder", "--cron", "0 9 * * 1", "--tz", "UTC"]
        code, out, err = run(*base, "--channel", "C0GONE")
        assert (code, out) == (2, "") and "does not know channel C0GONE" in err
        code, out, err = run(*base, "--channel", "C0HERE")
        assert code == 0 and out.strip().isdigit() and err == ""
        assert slack.calls_to("/conversations.info")


def test_pause_resume_remove_and_unknown_ids(cli: object) -> None:
    run = cli  # type: ignore[assignment]
    _code, out, _err = run(
        "schedule", "add", "--kind", "reminder", "--channel", "C0LIFE", "--at", "daily 18:00",
        "--tz", "Asia/Shanghai",
    )  # fmt: skip
    sid = out.strip()
    assert run("schedule", "pause", sid)[1].strip() == f"Subscription #{sid} paused."
    listed = run("schedule", "list")[1]
    assert any("C0LIFE" in line and " yes " in line for line in listed.splitlines())
    assert run("schedule", "resume", sid)[0] == 0
    assert run("schedule", "remove", sid)[1].strip() == f"Subscription #{sid} removed."
    assert "C0LIFE" not in run("schedule", "list")[1]
    code, out, err = run("schedule", "pause", sid)
    assert (code, out) == (2, "") and f"no subscription #{sid}" in err


def test_status_lists_failed_and_missed(cli: object, data_dir: Path) -> None:
    run = cli  # type: ignore[assignment]
    _code, out, _err = run(
        "schedule", "add", "--kind", "digest", "--channel", "C0STAT", "--cron", "0 9 * * *",
        "--tz", "UTC",
    )  # fmt: skip
    sid = int(out)
    engine = create_db_engine(f"sqlite:///{data_dir / 'staffbot.db'}")
    period = utc_now().replace(minute=0, second=0, microsecond=0)
    with Session(engine) as session:
        delivery = deliveries.claim_delivery(session, sid, period, "test")
        assert delivery is not None and delivery.id is not None
        deliveries.mark_failed(session, delivery, "HTTP 503", 4)
        deliveries.record_missed(session, sid, [period - timedelta(days=1)], "late")
    engine.dispose()
    code, out, _err = run("schedule", "status")
    lines = [line for line in out.splitlines() if f"#{sid} " in line]
    assert code == 0 and len(lines) == 2
    assert "failed" in lines[0] and "HTTP 503" in lines[0] and "C0STAT" in lines[0]
    assert "missed" in lines[1]


def test_chinese_messages(cli: object, monkeypatch: pytest.MonkeyPatch) -> None:
    run = cli  # type: ignore[assignment]
    monkeypatch.setenv("STAFFBOT_LANG", "zh")
    code, _out, err = run(
        "schedule", "add", "--kind", "reminder", "--channel", "C0ZH", "--at", "周八 09:00",
        "--tz", "UTC",
    )  # fmt: skip
    assert code == 2 and "不是星期" in err
    assert run("schedule", "list")[1].splitlines()[0].startswith("编号")


@pytest.mark.parametrize(
    ("lang", "args", "message"),
    [
        ("en", ["--cron", "* * * * *", "--channel", "C0OFTEN"], "would post 1440 times a day"),
        ("zh", ["--cron", "0 9,17 * * *", "--channel", "C0OFTEN"], "每天会发送 2 次"),
        ("en", ["--at", "mon 09:00", "--channel", "#general"], '"#general" is a channel\'s name'),
        ("zh", ["--at", "mon 09:00", "--channel", "general"], '"general"是频道的名称'),
    ],
)
def test_add_refuses_what_would_hurt(
    cli: object, monkeypatch: pytest.MonkeyPatch, lang: str, args: list[str], message: str
) -> None:
    run = cli  # type: ignore[assignment]
    monkeypatch.setenv("STAFFBOT_LANG", lang)
    base = ["schedule", "add", "--kind", "reminder", "--tz", "UTC"]
    listed = run("schedule", "list")[1]
    code, out, err = run(*base, *args)
    assert (code, out) == (2, "") and message in err, err
    assert run("schedule", "list")[1] == listed


def test_add_refuses_an_exact_duplicate_and_names_the_one_there(
    cli: object, monkeypatch: pytest.MonkeyPatch
) -> None:
    run = cli  # type: ignore[assignment]
    base = ["schedule", "add", "--kind", "digest", "--channel", "C0TWICE", "--tz", "UTC"]
    code, out, _err = run(*base, "--at", "fri 16:00")
    assert code == 0
    sid = out.strip()
    code, out, err = run(*base, "--cron", "0 16 * * 5")
    assert (code, out) == (2, "")
    assert f"Subscription #{sid} already posts this digest to C0TWICE" in err
    run("schedule", "pause", sid)
    monkeypatch.setenv("STAFFBOT_LANG", "zh")
    code, out, err = run(*base, "--at", "fri 16:00", "--lang", "en")
    assert (code, out) == (2, "")
    assert f"订阅 #{sid} 已在同一时间向 C0TWICE 发送这份摘要" in err
    assert f"staffbot schedule resume {sid}" in err


@pytest.mark.parametrize(
    ("lang", "args", "message"),
    [
        ("en", ["--days", "-3"], "--days must be a whole number from 1 to 366, not -3"),
        ("en", ["--days", "0"], "--days must be a whole number from 1 to 366, not 0"),
        ("zh", ["--days", "400"], "--days 必须是 1 到 366 之间的整数，不能是 400"),
        ("en", ["--limit", "-1"], "--limit must be a whole number from 1 to 1000, not -1"),
    ],
)
def test_status_refuses_a_window_that_is_not_one(
    cli: object, monkeypatch: pytest.MonkeyPatch, lang: str, args: list[str], message: str
) -> None:
    run = cli  # type: ignore[assignment]
    monkeypatch.setenv("STAFFBOT_LANG", lang)
    code, out, err = run("schedule", "status", *args)
    assert (code, out) == (2, "") and message in err, err


@pytest.mark.parametrize(
    ("lang", "message"),
    [("en", "cannot be written: its disk is full"), ("zh", "无法写入：其磁盘已满")],
)
def test_add_on_a_full_disk_says_so_and_exits_3(
    cli: object, monkeypatch: pytest.MonkeyPatch, lang: str, message: str
) -> None:
    """SQLite answering every INSERT as a full disk does (SQLITE_FULL), raised where the
    driver raises it."""
    import sqlite3

    from sqlalchemy import event
    from sqlalchemy.engine import Engine

    from bot.cli import entry as cli_module

    def refuse_inserts(*args: object) -> None:
        if str(args[2]).lstrip().upper().startswith("INSERT"):
            error = sqlite3.OperationalError("database or disk is full")
            error.sqlite_errorcode = sqlite3.SQLITE_FULL  # type: ignore[attr-defined]
            raise error

    build = cli_module.build_db_engine

    def build_full(settings: object) -> Engine:
        engine = build(settings)  # type: ignore[arg-type]
        event.listen(engine, "before_cursor_execute", refuse_inserts)
        return engine

    run = cli  # type: ignore[assignment]
    monkeypatch.setenv("STAFFBOT_LANG", lang)
    listed = run("schedule", "list")[1]
    monkeypatch.setattr(cli_module, "build_db_engine", build_full)
    code, out, err = run(
        "schedule", "add", "--kind", "digest", "--channel", "C0FULL", "--at", "tue 09:00",
        "--tz", "UTC",
    )  # fmt: skip
    assert (code, out) == (3, "") and message in err, err
    assert "database or disk is full" in err and "Traceback" not in err
    monkeypatch.setattr(cli_module, "build_db_engine", build)
    assert run("schedule", "list")[1] == listed
