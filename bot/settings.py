"""The one settings object, read from the environment (and .env) once, at the entry point."""

from __future__ import annotations

from pathlib import Path
from typing import Literal

from platformdirs import user_data_dir
from pydantic import Field, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

from knowledge.db import to_sqlite_url


class Settings(BaseSettings):
    """Every setting of staffbot; the environment variable names are the aliases."""

    model_config = SettingsConfigDict(env_file=".env", env_file_encoding="utf-8", extra="ignore")

    database_url: str | None = Field(default=None, validation_alias="DATABASE_URL")
    data_dir: Path | None = Field(default=None, validation_alias="STAFFBOT_DATA_DIR")
    log_level: Literal["DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL"] = Field(
        default="WARNING", validation_alias="STAFFBOT_LOG_LEVEL"
    )
    lang: Literal["en", "zh"] = Field(default="en", validation_alias="STAFFBOT_LANG")

    @field_validator("log_level", mode="before")
    @classmethod
    def _upper(cls, value: object) -> object:
        return value.upper() if isinstance(value, str) else value

    def get_database_url(self) -> str:
        """DATABASE_URL, else an SQLite file in STAFFBOT_DATA_DIR or the user data folder."""
        if self.database_url:
            return self.database_url
        return to_sqlite_url(self.data_dir or Path(user_data_dir("staffbot", appauthor=False)))
