"""The one settings object, read from the environment (and .env) once, at the entry point."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Literal
from urllib.parse import urlsplit

from platformdirs import user_cache_dir, user_data_dir
from pydantic import Field, SecretStr, ValidationInfo, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

from knowledge.store import to_sqlite_url

# Slack's own Web API base URL, the one slack_sdk uses.
SLACK_API_URL = "https://slack.com/api/"
# What each way of serving Slack cannot start without.
SERVE_HTTP_NEEDS = ("SLACK_BOT_TOKEN", "SLACK_SIGNING_SECRET")
SERVE_SOCKET_NEEDS = ("SLACK_BOT_TOKEN", "SLACK_APP_TOKEN")
_TOKEN_PREFIXES = {"SLACK_BOT_TOKEN": "xoxb-", "SLACK_APP_TOKEN": "xapp-"}
# A Slack user id: U or W, then upper-case letters and digits.
_USER_ID = re.compile(r"[UW][A-Z0-9]{2,30}")
# A Microsoft Entra (Azure AD) GUID: app ids, tenant ids and users' object ids.
_GUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")
_GUID_EXAMPLE = "00000000-0000-0000-0000-000000000000"
_GUID_SOURCES = {
    "teams_app_id": "Application (client) ID",
    "teams_tenant_id": "Directory (tenant) ID",
}
# Microsoft's clouds, as the Teams SDK names them (cloud_environment.from_name).
TeamsCloud = Literal["Public", "USGov", "USGovDoD", "China"]
_TEAMS_CLOUDS: dict[str, TeamsCloud] = {
    "public": "Public",
    "usgov": "USGov",
    "usgovdod": "USGovDoD",
    "china": "China",
}
# What the Teams bot cannot run without; either alone is a mistake worth naming.
TEAMS_NEEDS = ("TEAMS_APP_ID", "TEAMS_APP_PASSWORD")


def _split_ids(value: str) -> list[str]:
    return [part.strip() for part in value.split(",") if part.strip()]


def is_guid(value: str) -> bool:
    """A GUID in the 8-4-4-4-12 form, any case (Entra ids are written lower-case)."""
    return _GUID.fullmatch(value.lower()) is not None


class Settings(BaseSettings):
    """Every setting of staffbot; the environment variable names are the aliases."""

    model_config = SettingsConfigDict(env_file=".env", env_file_encoding="utf-8", extra="ignore")

    database_url: str | None = Field(default=None, validation_alias="DATABASE_URL")
    data_dir: Path | None = Field(default=None, validation_alias="STAFFBOT_DATA_DIR")
    # Where the built answer engine is kept between processes (knowledge.answering
    # .engine_cache); "off" keeps none.
    cache_dir: Path | None = Field(default=None, validation_alias="STAFFBOT_CACHE_DIR")
    log_level: Literal["DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL"] = Field(
        default="WARNING", validation_alias="STAFFBOT_LOG_LEVEL"
    )
    log_format: Literal["text", "json"] = Field(default="text", validation_alias="LOG_FORMAT")
    lang: Literal["en", "zh"] = Field(default="en", validation_alias="STAFFBOT_LANG")
    slack_bot_token: SecretStr | None = Field(default=None, validation_alias="SLACK_BOT_TOKEN")
    slack_signing_secret: SecretStr | None = Field(
        default=None, validation_alias="SLACK_SIGNING_SECRET"
    )
    slack_app_token: SecretStr | None = Field(default=None, validation_alias="SLACK_APP_TOKEN")
    slack_api_url: str = Field(default=SLACK_API_URL, validation_alias="SLACK_API_URL")
    port: int = Field(default=3000, ge=1, le=65535, validation_alias="PORT")
    admins: str = Field(default="", validation_alias="STAFFBOT_ADMINS")
    grace_hours: float = Field(
        default=6.0, ge=0, le=24 * 14, validation_alias="STAFFBOT_GRACE_HOURS"
    )
    teams_app_id: str | None = Field(default=None, validation_alias="TEAMS_APP_ID")
    teams_app_password: SecretStr | None = Field(
        default=None, validation_alias="TEAMS_APP_PASSWORD"
    )
    teams_tenant_id: str | None = Field(default=None, validation_alias="TEAMS_TENANT_ID")
    teams_cloud: TeamsCloud = Field(default="Public", validation_alias="TEAMS_CLOUD")
    teams_openid_metadata_url: str | None = Field(
        default=None, validation_alias="TEAMS_OPENID_METADATA_URL"
    )
    teams_admins: str = Field(default="", validation_alias="TEAMS_ADMINS")
    metrics: bool = Field(default=False, validation_alias="STAFFBOT_METRICS")
    metrics_port: int | None = Field(
        default=None, ge=1, le=65535, validation_alias="STAFFBOT_METRICS_PORT"
    )
    # Read by prometheus_client from the environment at import: the entry point exports it
    # (bot.cli.entry), so that a value from .env counts too.
    prometheus_multiproc_dir: Path | None = Field(
        default=None, validation_alias="PROMETHEUS_MULTIPROC_DIR"
    )

    @field_validator("log_level", mode="before")
    @classmethod
    def _upper(cls, value: object) -> object:
        return value.upper() if isinstance(value, str) else value

    @field_validator("log_format", mode="before")
    @classmethod
    def _lower(cls, value: object) -> object:
        return value.strip().lower() if isinstance(value, str) else value

    @field_validator("metrics_port", "prometheus_multiproc_dir", "cache_dir", mode="before")
    @classmethod
    def _empty_is_none(cls, value: object) -> object:
        return None if isinstance(value, str) and not value.strip() else value

    @field_validator(
        "slack_bot_token",
        "slack_app_token",
        "slack_signing_secret",
        "teams_app_id",
        "teams_app_password",
        "teams_tenant_id",
        "teams_openid_metadata_url",
        mode="before",
    )
    @classmethod
    def _empty_is_unset(cls, value: object) -> object:
        return None if isinstance(value, str) and not value.strip() else value

    @field_validator("slack_bot_token", "slack_app_token")
    @classmethod
    def _token_kind(cls, value: SecretStr | None, info: ValidationInfo) -> SecretStr | None:
        variable = str(cls.model_fields[str(info.field_name)].validation_alias)
        prefix = _TOKEN_PREFIXES[variable]
        if value is not None and not value.get_secret_value().startswith(prefix):
            raise ValueError(f"a {variable} starts with {prefix}")
        return value

    @field_validator("slack_api_url")
    @classmethod
    def _api_url(cls, value: str) -> str:
        if not value.startswith(("http://", "https://")):
            raise ValueError("an http:// or https:// URL is expected")
        return value if value.endswith("/") else value + "/"

    @field_validator("teams_openid_metadata_url")
    @classmethod
    def _metadata_url(cls, value: str | None) -> str | None:
        # Whoever serves this key set can sign tokens the bot accepts: https, or plain http
        # only to this machine (a local stand-in in tests and benchmarks).
        if value is None:
            return value
        host = urlsplit(value).hostname or ""
        if not value.startswith("https://") and not (
            value.startswith("http://") and host in ("127.0.0.1", "localhost", "::1")
        ):
            raise ValueError("an https:// URL is expected (http:// only to 127.0.0.1)")
        return value

    @field_validator("teams_app_id", "teams_tenant_id")
    @classmethod
    def _guid(cls, value: str | None, info: ValidationInfo) -> str | None:
        if value is None:
            return None
        value = value.strip()
        if not is_guid(value):
            raise ValueError(
                f"{value!r} is not a GUID like {_GUID_EXAMPLE}; copy the "
                f"{_GUID_SOURCES[str(info.field_name)]} from the app registration's Overview page"
            )
        return value.lower()

    @field_validator("teams_cloud", mode="before")
    @classmethod
    def _cloud_name(cls, value: object) -> object:
        if isinstance(value, str):
            return _TEAMS_CLOUDS.get(value.strip().lower(), value)
        return value

    @field_validator("teams_admins")
    @classmethod
    def _teams_admin_ids(cls, value: str) -> str:
        for user_id in _split_ids(value):
            if not is_guid(user_id):
                raise ValueError(
                    f"{user_id!r} is not a Microsoft Entra object id (a GUID like "
                    f"{_GUID_EXAMPLE}; Entra admin center → Users → the user → Object ID)"
                )
        return ",".join(user_id.lower() for user_id in _split_ids(value))

    @field_validator("admins")
    @classmethod
    def _admin_ids(cls, value: str) -> str:
        for user_id in _split_ids(value):
            if not _USER_ID.fullmatch(user_id):
                raise ValueError(f"{user_id!r} is not a Slack user id (like U012AB3CD)")
        return value

    def has_metrics(self) -> bool:
        """Metrics are counted: on PORT (STAFFBOT_METRICS) or on a port of their own."""
        return self.metrics or self.metrics_port is not None

    def get_admin_ids(self) -> list[str]:
        """STAFFBOT_ADMINS as a list of Slack user ids."""
        return _split_ids(self.admins)

    def get_teams_admin_ids(self) -> list[str]:
        """TEAMS_ADMINS as a list of Entra object ids, lower-case."""
        return _split_ids(self.teams_admins)

    def has_slack(self) -> bool:
        """Slack over HTTP is configured: a bot token and a signing secret."""
        return self.slack_bot_token is not None and self.slack_signing_secret is not None

    def has_teams(self) -> bool:
        """Teams is configured: the bot's app id and its client secret."""
        return self.teams_app_id is not None and self.teams_app_password is not None

    def list_missing_for_teams(self) -> list[str]:
        """TEAMS_APP_ID or TEAMS_APP_PASSWORD when only the other is set; else nothing."""
        values = {"TEAMS_APP_ID": self.teams_app_id, "TEAMS_APP_PASSWORD": self.teams_app_password}
        if all(value is None for value in values.values()):
            return []
        return [variable for variable in TEAMS_NEEDS if values[variable] is None]

    def list_missing_for_serve(self, socket_mode: bool) -> list[str]:
        """The variables `staffbot serve` (or `serve --socket`) needs and does not have."""
        values = {
            "SLACK_BOT_TOKEN": self.slack_bot_token,
            "SLACK_SIGNING_SECRET": self.slack_signing_secret,
            "SLACK_APP_TOKEN": self.slack_app_token,
        }
        needs = SERVE_SOCKET_NEEDS if socket_mode else SERVE_HTTP_NEEDS
        missing = [variable for variable in needs if values[variable] is None]
        if socket_mode:
            return missing
        # Over HTTP, Teams alone is enough: Slack's variables are then needed only if one of
        # them is set (a half-set platform is refused, not silently left out).
        teams_missing = self.list_missing_for_teams()
        slack_set = self.slack_bot_token is not None or self.slack_signing_secret is not None
        if self.teams_app_id is not None and not slack_set:
            return teams_missing
        return missing + teams_missing

    def list_missing_for_scheduler(self) -> list[str]:
        """What `staffbot scheduler` needs: SLACK_BOT_TOKEN, or Teams' app id and password."""
        teams_missing = self.list_missing_for_teams()
        if self.slack_bot_token is None and self.teams_app_id is None:
            return ["SLACK_BOT_TOKEN"]
        return teams_missing

    def get_cache_dir(self) -> Path | None:
        """STAFFBOT_CACHE_DIR, else "cache" in STAFFBOT_DATA_DIR, else the user cache folder;
        None when STAFFBOT_CACHE_DIR is "off"."""
        if self.cache_dir is not None:
            return None if str(self.cache_dir).lower() == "off" else self.cache_dir
        if self.data_dir is not None:
            return self.data_dir / "cache"
        return Path(user_cache_dir("staffbot", appauthor=False))

    def get_database_url(self) -> str:
        """DATABASE_URL, else an SQLite file in STAFFBOT_DATA_DIR or the user data folder."""
        if self.database_url:
            return self.database_url
        return to_sqlite_url(self.data_dir or Path(user_data_dir("staffbot", appauthor=False)))
