"""`staffbot doctor` against a good configuration and broken ones, with the Slack and Teams
stand-ins and real stores: each problem named with its fix, exit 2 when there is one."""

from __future__ import annotations

import logging
import tomllib
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy.engine import make_url

import bot
from bot.cli import main
from bot.cli.doctor import (
    PACKAGED_MANIFEST,
    Status,
    find_manifest,
    read_manifest_scopes,
    run_checks,
)
from bot.settings import Settings
from knowledge.store import migrate
from tests.support.serve_process import free_port
from tests.support.slack_standin import SlackStandIn
from tests.support.teams_standin import APP_ID, TeamsStandIn

REPO = Path(__file__).resolve().parents[3]
SCOPES = ",".join(sorted(read_manifest_scopes(PACKAGED_MANIFEST)))
VARIABLES = (
    "DATABASE_URL",
    "SLACK_BOT_TOKEN",
    "SLACK_SIGNING_SECRET",
    "SLACK_API_URL",
    "TEAMS_APP_ID",
    "TEAMS_APP_PASSWORD",
    "STAFFBOT_LANG",
)


@pytest.fixture
def slack() -> Iterator[SlackStandIn]:
    with SlackStandIn() as standin:
        standin.token_scopes = SCOPES
        yield standin


@pytest.fixture
def env(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, slack: SlackStandIn, seeded_sqlite_url: str
) -> pytest.MonkeyPatch:
    """A good configuration: a seeded store, Slack's token accepted with every scope."""
    for variable in VARIABLES:
        monkeypatch.delenv(variable, raising=False)
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("DATABASE_URL", seeded_sqlite_url)
    monkeypatch.setenv("SLACK_BOT_TOKEN", "xoxb-doctor")
    monkeypatch.setenv("SLACK_SIGNING_SECRET", "doctor-secret")
    monkeypatch.setenv("SLACK_API_URL", slack.url)
    return monkeypatch


def _doctor(capsys: pytest.CaptureFixture[str]) -> tuple[int, str]:
    code = main(["doctor"])
    return code, capsys.readouterr().out


def test_a_good_configuration_passes(
    env: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out = _doctor(capsys)
    assert code == 0, out
    assert "[FAIL]" not in out and "[warn]" not in out
    assert "Database:" in out and f"schema {migrate.SCHEMA_HEAD}" in out
    assert "every scope manifest.yml asks for" in out
    assert "Time zones:" in out and out.rstrip().endswith("No problem found.")


def test_a_refused_slack_token_is_named(
    env: pytest.MonkeyPatch, slack: SlackStandIn, capsys: pytest.CaptureFixture[str]
) -> None:
    slack.refused_tokens.add("xoxb-doctor")
    code, out = _doctor(capsys)
    assert code == 2
    assert "[FAIL] Slack: SLACK_BOT_TOKEN is refused (invalid_auth)" in out
    assert "xoxb-doctor" not in out


def test_missing_scopes_are_named(
    env: pytest.MonkeyPatch, slack: SlackStandIn, capsys: pytest.CaptureFixture[str]
) -> None:
    slack.token_scopes = "chat:write,commands"
    code, out = _doctor(capsys)
    assert code == 2
    missing = out.split("lacks the scopes ", 1)[1].split("\n", 1)[0]
    assert "app_mentions:read" in missing and "channels:history" in missing
    assert "chat:write" not in missing and "commands" not in missing


def test_an_unmigrated_store_and_a_missing_setting_are_both_named(
    env: pytest.MonkeyPatch, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    env.setenv("DATABASE_URL", f"sqlite:///{tmp_path / 'empty.db'}")
    env.delenv("SLACK_SIGNING_SECRET")
    code, out = _doctor(capsys)
    assert code == 2
    assert "lacks SLACK_SIGNING_SECRET" in out
    assert "Run `staffbot db upgrade`" in out
    assert "2 problems found" in out


def test_an_unreachable_database_is_a_problem(
    env: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    env.setenv("DATABASE_URL", "postgresql://bot:pw@127.0.0.1:1/bot")
    code, out = _doctor(capsys)
    assert code == 2 and "does not answer" in out and "pw@" not in out
    # The time zones do not need the database: they are checked all the same.
    assert "[ok]   Time zones:" in out


def test_slack_sdk_logs_no_error_of_its_own(
    env: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], caplog: pytest.LogCaptureFixture
) -> None:
    """Slack unreachable: doctor says so in its words; slack_sdk's ERROR line is not printed."""
    env.setenv("SLACK_API_URL", f"http://127.0.0.1:{free_port()}/api/")
    with caplog.at_level(logging.DEBUG):
        _code, out = _doctor(capsys)
    assert "[warn] Slack:" in out
    assert [r for r in caplog.records if r.name.startswith("slack_sdk")] == []


def test_the_manifest_is_installed_with_the_package(
    env: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """Outside a checkout (no manifest.yml in the working directory), doctor reads the one
    shipped as package data; an operator's own copy beside .env comes first."""
    assert PACKAGED_MANIFEST.is_file() and not PACKAGED_MANIFEST.is_symlink()
    assert PACKAGED_MANIFEST.is_relative_to(Path(bot.__file__).resolve().parent)
    pyproject = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))
    package_data = pyproject["tool"]["setuptools"]["package-data"]["bot"]
    assert "slack/manifest.yml" in package_data
    assert find_manifest() == PACKAGED_MANIFEST
    (tmp_path / "manifest.yml").write_text("oauth_config: {}\n", encoding="utf-8")
    assert find_manifest() == tmp_path / "manifest.yml"


def test_an_unsupported_database_in_chinese(
    env: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    env.setenv("DATABASE_URL", "mysql://bot@db/bot")
    env.setenv("STAFFBOT_LANG", "zh")
    code, out = _doctor(capsys)
    assert code == 2 and "[FAIL] 数据库：DATABASE_URL" in out and "发现 1 个问题" in out


@pytest.mark.postgres
def test_an_unknown_postgres_database_is_named(
    env: pytest.MonkeyPatch, postgres_url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    url = make_url(postgres_url).set(database="staffbot_doctor_none")
    env.setenv("DATABASE_URL", url.render_as_string(hide_password=False))
    code, out = _doctor(capsys)
    assert code == 2 and "does not exist on its server" in out


def test_unseeded_store_is_named(
    env: pytest.MonkeyPatch, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from knowledge.store import create_db_engine

    url = f"sqlite:///{tmp_path / 'unseeded.db'}"
    migrate.upgrade(create_db_engine(url))
    env.setenv("DATABASE_URL", url)
    code, out = _doctor(capsys)
    assert code == 2 and "Run `staffbot db seed`" in out


@pytest.mark.parametrize(("secret", "status"), [("right", Status.OK), ("wrong", Status.FAIL)])
def test_teams_credentials_are_asked_of_entra(
    seeded_sqlite_url: str, secret: str, status: Status
) -> None:
    with TeamsStandIn() as teams:
        teams.client_secret = "right"
        settings = Settings(
            _env_file=None,
            DATABASE_URL=seeded_sqlite_url,
            TEAMS_APP_ID=APP_ID,
            TEAMS_APP_PASSWORD=secret,
        )
        findings = run_checks(settings, teams_login_endpoint=teams.login_endpoint)
    teams_findings = [f for f in findings if f.key.startswith("teams_")]
    assert [f.status for f in teams_findings] == [status]
    if status is Status.FAIL:
        assert teams_findings[0].parts == {"error": "invalid_client"}


def test_an_unknown_time_zone_is_a_problem() -> None:
    from bot.cli.doctor import check_time_zones

    (finding,) = check_time_zones(["Europe/Zurich", "Mars/Olympus_Mons"])
    assert finding.status is Status.FAIL and finding.parts == {"zones": ["Mars/Olympus_Mons"]}
