"""Every setting is documented in .env.example and the README."""

from __future__ import annotations

from pathlib import Path

from bot.settings import Settings

REPO = Path(__file__).resolve().parents[2]


def _variables() -> set[str]:
    return {str(field.validation_alias) for field in Settings.model_fields.values()}


def test_every_setting_is_in_env_example() -> None:
    example = (REPO / ".env.example").read_text(encoding="utf-8")
    assert {v for v in _variables() if f"{v}=" not in example} == set()


def test_every_setting_is_in_the_readme() -> None:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    assert {v for v in _variables() if f"`{v}`" not in readme} == set()


def test_database_url_defaults_to_sqlite_in_the_data_dir(tmp_path: Path) -> None:
    settings = Settings(STAFFBOT_DATA_DIR=tmp_path, DATABASE_URL=None)
    assert settings.get_database_url() == f"sqlite:///{tmp_path / 'staffbot.db'}"
