"""A store the settings point at wrongly is named as such (exit 2), in both languages; only
what may mend by itself is "temporarily unavailable" (exit 3); DEBUG logs the cause."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest

from bot.cli import main


@pytest.fixture
def env(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Path:
    for variable in ("DATABASE_URL", "STAFFBOT_LANG", "STAFFBOT_LOG_LEVEL"):
        monkeypatch.delenv(variable, raising=False)
    monkeypatch.setenv("STAFFBOT_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.chdir(tmp_path)
    return tmp_path


@pytest.mark.parametrize(
    ("url", "english", "chinese"),
    [
        ("mysql://bot:secret@db/bot", "names a database staffbot cannot use", "无法使用的数据库"),
        ("postgresql://bot:secret@db:port/bot", "is not a database URL", "不是有效的数据库 URL"),
    ],
)
def test_a_wrong_database_url_is_named_in_both_languages(
    env: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    url: str,
    english: str,
    chinese: str,
) -> None:
    monkeypatch.setenv("DATABASE_URL", url)
    assert main(["ask", "P3 budget"]) == 2
    err = capsys.readouterr().err
    assert english in err and "temporarily" not in err and "secret" not in err
    assert main(["ask", "P3的预算是多少"]) == 2
    assert chinese in capsys.readouterr().err


def test_an_unwritable_data_folder_is_named(
    env: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    (env / "file").write_text("")
    monkeypatch.setenv("STAFFBOT_DATA_DIR", str(env / "file" / "data"))
    assert main(["ask", "P3 budget"]) == 2
    assert "data folder cannot be written" in capsys.readouterr().err


@pytest.mark.postgres
def test_an_unknown_database_is_named_and_logged_at_debug(
    env: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    caplog: pytest.LogCaptureFixture,
) -> None:
    from tests.support.stores import POSTGRES_URL, require_postgres

    require_postgres()
    url = POSTGRES_URL.rsplit("/", 1)[0].replace("postgresql+psycopg", "postgres")
    monkeypatch.setenv("DATABASE_URL", f"{url}/staffbot_no_such_database")
    monkeypatch.setenv("STAFFBOT_LOG_LEVEL", "DEBUG")
    with caplog.at_level(logging.DEBUG):
        assert main(["ask", "P3 budget"]) == 2
    assert "does not exist on its server" in capsys.readouterr().err
    logged = [r for r in caplog.records if r.name == "bot.cli.entry"]
    assert logged and logged[0].exc_info is not None
    assert "staffbot_no_such_database" in logged[0].getMessage()


def test_a_refused_connection_is_temporary(
    env: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("DATABASE_URL", "postgres://bot@127.0.0.1:1/bot")
    assert main(["ask", "P3 budget"]) == 3
    assert "temporarily unavailable" in capsys.readouterr().err


@pytest.mark.postgres
def test_serve_stops_at_start_up_when_the_database_refuses_the_role(
    env: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from tests.support.stores import POSTGRES_URL, require_postgres

    require_postgres()
    from sqlalchemy.engine import make_url

    url = make_url(POSTGRES_URL).set(username="staffbot_no_such_role")
    monkeypatch.setenv("DATABASE_URL", url.render_as_string(hide_password=False))
    monkeypatch.setenv("SLACK_BOT_TOKEN", "xoxb-1")
    monkeypatch.setenv("SLACK_SIGNING_SECRET", "secret")
    monkeypatch.setenv("SLACK_API_URL", "http://127.0.0.1:1/")  # never reached
    assert main(["serve"]) == 2
    assert "refused the user or password" in capsys.readouterr().err
