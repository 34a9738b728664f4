"""`staffbot schedule …`: the id alone on stdout, precise refusals, a readable list."""

from __future__ import annotations

import os
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

import pytest
from sqlmodel import Session

from bot.cli import main
from knowledge.db import SQLITE_FILE_NAME, create_db_engine
from knowledge.models import utc_now
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
