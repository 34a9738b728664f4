"""The one settings object, read from the environment (and .env) once, at the entry point."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Literal

from platformdirs import user_data_dir
from pydantic import Field, SecretStr, ValidationInfo, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

from knowledge.db import to_sqlite_url

# Slack's own Web API base URL, the one slack_sdk uses.
SLACK_API_URL = "https://slack.com/api/"
# What each way of serving Slack cannot start without.
SERVE_HTTP_NEEDS = ("SLACK_BOT_TOKEN", "SLACK_SIGNING_SECRET")
SERVE_SOCKET_NEEDS = ("SLACK_BOT_TOKEN", "SLACK_APP_TOKEN")
_TOKEN_PREFIXES = {"SLACK_BOT_TOKEN": "xoxb-", "SLACK_APP_TOKEN": "xapp-"}
# A Slack user id: U or W, then upper-case letters and digits.
_USER_ID = re.compile(r"[UW][A-Z0-9]{2,30}")


def _split_ids(value: str) -> list[str]:
    return [part.strip() for part in value.split(",") if part.strip()]


class Settings(BaseSettings):
    """Every setting of staffbot; the environment variable names are the aliases."""

    model_config = SettingsConfigDict(env_file=".env", env_file_encoding="utf-8", extra="ignore")

    database_url: str | None = Field(default=None, validation_alias="DATABASE_URL")
    data_dir: Path | None = Field(default=None, validation_alias="STAFFBOT_DATA_DIR")
    log_level: Literal["DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL"] = Field(
        default="WARNING", validation_alias="STAFFBOT_LOG_LEVEL"
    )
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

    @field_validator("log_level", mode="before")
    @classmethod
    def _upper(cls, value: object) -> object:
        return value.upper() if isinstance(value, str) else value

    @field_validator("slack_bot_token", "slack_app_token", "slack_signing_secret", mode="before")
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

    @field_validator("admins")
    @classmethod
    def _admin_ids(cls, value: str) -> str:
        for user_id in _split_ids(value):
            if not _USER_ID.fullmatch(user_id):
                raise ValueError(f"{user_id!r} is not a Slack user id (like U012AB3CD)")
        return value

    def get_admin_ids(self) -> list[str]:
        """STAFFBOT_ADMINS as a list of Slack user ids."""
        return _split_ids(self.admins)

    def list_missing_for_serve(self, socket_mode: bool) -> list[str]:
        """The variables `staffbot serve` (or `serve --socket`) needs and does not have."""
        values = {
            "SLACK_BOT_TOKEN": self.slack_bot_token,
            "SLACK_SIGNING_SECRET": self.slack_signing_secret,
            "SLACK_APP_TOKEN": self.slack_app_token,
        }
        needs = SERVE_SOCKET_NEEDS if socket_mode else SERVE_HTTP_NEEDS
        return [variable for variable in needs if values[variable] is None]

    def get_database_url(self) -> str:
        """DATABASE_URL, else an SQLite file in STAFFBOT_DATA_DIR or the user data folder."""
        if self.database_url:
            return self.database_url
        return to_sqlite_url(self.data_dir or Path(user_data_dir("staffbot", appauthor=False)))
