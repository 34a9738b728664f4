"""Every setting is documented in .env.example and the README."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from pydantic import ValidationError

from bot.settings import Settings

REPO = Path(__file__).resolve().parents[2]


def _variables() -> set[str]:
    return {str(field.validation_alias) for field in Settings.model_fields.values()}


def test_every_setting_is_in_env_example() -> None:
    example = (REPO / ".env.example").read_text(encoding="utf-8")
    assert {v for v in _variables() if f"{v}=" not in example} == set()


def _set_in_env_example() -> set[str]:
    """The variables .env.example sets (not the ones it only documents, in comments)."""
    lines = (REPO / ".env.example").read_text(encoding="utf-8").splitlines()
    return {
        line.split("=", 1)[0].strip() for line in lines if "=" in line and not line.startswith("#")
    }


def _set_by_the_image() -> set[str]:
    dockerfile = (REPO / "Dockerfile").read_text(encoding="utf-8")
    block = dockerfile.split("\nENV ", 1)[1].split("\nUSER", 1)[0]
    names = {part.split("=", 1)[0] for part in block.replace("\\", " ").split() if "=" in part}
    assert "LOG_FORMAT" in names  # the ENV instruction was found
    return names


def test_env_example_overrides_none_of_the_image_settings() -> None:
    """compose reads .env: a value copied from .env.example would undo the image's JSON logs,
    INFO level and /data folder, and an empty PROMETHEUS_MULTIPROC_DIR= switches
    prometheus_client to multi-process mode."""
    overridden = _set_in_env_example() & (_set_by_the_image() | {"PROMETHEUS_MULTIPROC_DIR"})
    assert overridden == set()


def test_every_setting_is_in_the_readme() -> None:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    assert {v for v in _variables() if f"`{v}`" not in readme} == set()


def test_database_url_defaults_to_sqlite_in_the_data_dir(tmp_path: Path) -> None:
    settings = Settings(STAFFBOT_DATA_DIR=tmp_path, DATABASE_URL=None)
    assert settings.get_database_url() == f"sqlite:///{tmp_path / 'staffbot.db'}"


TEAMS_VARIABLES = (
    "TEAMS_APP_ID",
    "TEAMS_APP_PASSWORD",
    "TEAMS_TENANT_ID",
    "TEAMS_CLOUD",
    "TEAMS_OPENID_METADATA_URL",
    "TEAMS_ADMINS",
    "SLACK_BOT_TOKEN",
    "SLACK_SIGNING_SECRET",
)
APP_ID = "0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0"


@pytest.fixture
def clean_env(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """No Teams or Slack variable from the environment or a .env file."""
    for variable in TEAMS_VARIABLES:
        monkeypatch.delenv(variable, raising=False)
    monkeypatch.chdir(tmp_path)


def _settings(**values: Any) -> Settings:
    return Settings(_env_file=None, **values)


def _error_of(**values: Any) -> str:
    with pytest.raises(ValidationError) as raised:
        _settings(**values)
    error = raised.value.errors()[0]
    return f"{error['loc'][0]}: {error['msg']}"


@pytest.mark.usefixtures("clean_env")
def test_teams_settings_default_to_off_on_the_public_cloud() -> None:
    settings = _settings()
    assert settings.teams_app_id is None and settings.teams_app_password is None
    assert settings.teams_tenant_id is None and settings.teams_openid_metadata_url is None
    assert settings.teams_cloud == "Public"
    assert settings.get_teams_admin_ids() == []
    assert not settings.has_teams() and not settings.has_slack()


@pytest.mark.usefixtures("clean_env")
def test_teams_ids_are_guids_kept_lower_case() -> None:
    settings = _settings(
        TEAMS_APP_ID=f" {APP_ID.upper()} ",
        TEAMS_APP_PASSWORD="s3cret~value",
        TEAMS_TENANT_ID="72F988BF-86F1-41AF-91AB-2D7CD011DB47",
    )
    assert settings.teams_app_id == APP_ID
    assert settings.teams_tenant_id == "72f988bf-86f1-41af-91ab-2d7cd011db47"
    assert settings.teams_app_password is not None
    assert "s3cret" not in repr(settings)


@pytest.mark.usefixtures("clean_env")
def test_teams_app_id_that_is_no_guid_is_refused_with_where_to_find_it() -> None:
    message = _error_of(TEAMS_APP_ID="staffbot")
    assert message.startswith("TEAMS_APP_ID:")
    assert "'staffbot' is not a GUID" in message and "Application (client) ID" in message
    message = _error_of(TEAMS_TENANT_ID="contoso.onmicrosoft.com")
    assert message.startswith("TEAMS_TENANT_ID:") and "Directory (tenant) ID" in message


@pytest.mark.usefixtures("clean_env")
def test_empty_teams_settings_are_unset() -> None:
    settings = _settings(
        TEAMS_APP_ID="", TEAMS_APP_PASSWORD=" ", TEAMS_TENANT_ID="", TEAMS_OPENID_METADATA_URL=""
    )
    assert settings.teams_app_id is None and settings.teams_app_password is None
    assert settings.teams_tenant_id is None and settings.teams_openid_metadata_url is None


@pytest.mark.usefixtures("clean_env")
def test_teams_admins_are_lower_cased_guids() -> None:
    other = "AABBCCDD-0000-1111-2222-333344445555"
    settings = _settings(TEAMS_ADMINS=f"{APP_ID}, {other} ,")
    assert settings.get_teams_admin_ids() == [APP_ID, other.lower()]


@pytest.mark.usefixtures("clean_env")
def test_a_teams_admin_that_is_no_object_id_is_named() -> None:
    message = _error_of(TEAMS_ADMINS=f"{APP_ID},U012AB3CD")
    assert message.startswith("TEAMS_ADMINS:")
    assert "'U012AB3CD' is not a Microsoft Entra object id" in message


@pytest.mark.usefixtures("clean_env")
def test_teams_cloud_takes_the_sdk_names_in_any_case() -> None:
    assert _settings(TEAMS_CLOUD="usgovdod").teams_cloud == "USGovDoD"
    assert _settings(TEAMS_CLOUD="China").teams_cloud == "China"
    assert _error_of(TEAMS_CLOUD="Azure").startswith("TEAMS_CLOUD:")


@pytest.mark.usefixtures("clean_env")
def test_teams_openid_metadata_url_must_be_https_or_local() -> None:
    for url in (
        "http://127.0.0.1:4000/v1/.well-known/openidconfiguration",
        "https://login.example.org/v1/.well-known/openidconfiguration",
    ):
        assert _settings(TEAMS_OPENID_METADATA_URL=url).teams_openid_metadata_url == url
    for url in ("127.0.0.1:4000", "http://keys.example.org/v1/.well-known/openidconfiguration"):
        assert _error_of(TEAMS_OPENID_METADATA_URL=url).startswith("TEAMS_OPENID_METADATA_URL:")


@pytest.mark.usefixtures("clean_env")
def test_has_slack_and_has_teams_need_both_halves() -> None:
    assert _settings(SLACK_BOT_TOKEN="xoxb-1", SLACK_SIGNING_SECRET="abc").has_slack()
    assert not _settings(SLACK_BOT_TOKEN="xoxb-1").has_slack()
    assert _settings(TEAMS_APP_ID=APP_ID, TEAMS_APP_PASSWORD="pw").has_teams()
    assert not _settings(TEAMS_APP_ID=APP_ID).has_teams()
    assert not _settings(TEAMS_APP_PASSWORD="pw").has_teams()


@pytest.mark.usefixtures("clean_env")
def test_list_missing_for_teams_names_the_half_that_is_missing() -> None:
    assert _settings().list_missing_for_teams() == []
    assert _settings(TEAMS_APP_ID=APP_ID).list_missing_for_teams() == ["TEAMS_APP_PASSWORD"]
    assert _settings(TEAMS_APP_PASSWORD="pw").list_missing_for_teams() == ["TEAMS_APP_ID"]
    assert _settings(TEAMS_APP_ID=APP_ID, TEAMS_APP_PASSWORD="pw").list_missing_for_teams() == []


TEAMS_APP = "3f2b8c1e-5d4a-4b6f-9c2e-1a7d0e8f9b3c"
SLACK = {"SLACK_BOT_TOKEN": "xoxb-1", "SLACK_SIGNING_SECRET": "s"}
TEAMS = {"TEAMS_APP_ID": TEAMS_APP, "TEAMS_APP_PASSWORD": "p"}


@pytest.mark.parametrize(
    ("values", "missing"),
    [
        ({}, ["SLACK_BOT_TOKEN", "SLACK_SIGNING_SECRET"]),
        (SLACK, []),
        (TEAMS, []),  # Teams alone is enough over HTTP
        ({**SLACK, **TEAMS}, []),
        ({"TEAMS_APP_ID": TEAMS_APP}, ["TEAMS_APP_PASSWORD"]),
        ({**TEAMS, "SLACK_BOT_TOKEN": "xoxb-1"}, ["SLACK_SIGNING_SECRET"]),  # half-set Slack
    ],
)
def test_serve_needs_one_whole_platform(values: dict[str, str], missing: list[str]) -> None:
    settings = Settings(_env_file=None, **values)  # type: ignore[call-arg]
    assert settings.list_missing_for_serve(socket_mode=False) == missing


@pytest.mark.parametrize(
    ("values", "missing"),
    [
        ({}, ["SLACK_BOT_TOKEN"]),
        ({"SLACK_BOT_TOKEN": "xoxb-1"}, []),
        (TEAMS, []),
        ({"TEAMS_APP_ID": TEAMS_APP}, ["TEAMS_APP_PASSWORD"]),
    ],
)
def test_the_scheduler_needs_slack_or_teams(values: dict[str, str], missing: list[str]) -> None:
    settings = Settings(_env_file=None, **values)  # type: ignore[call-arg]
    assert settings.list_missing_for_scheduler() == missing
