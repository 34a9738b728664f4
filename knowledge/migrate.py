"""Schema migrations through Alembic, run in-process on the store's engine."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import inspect, text
from sqlalchemy.engine import Engine

# The newest revision in migrations/versions; a test keeps the two in step. Knowing it
# here lets a warm start skip importing Alembic at all.
SCHEMA_HEAD = "0004"

_SCRIPT_LOCATION = Path(__file__).with_name("migrations")


def get_current_revision(engine: Engine) -> str | None:
    with engine.connect() as connection:
        if not inspect(connection).has_table("alembic_version"):
            return None
        return connection.execute(text("SELECT version_num FROM alembic_version")).scalar()


def upgrade(engine: Engine, revision: str = "head") -> None:
    from alembic import command
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(_SCRIPT_LOCATION))
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, revision)


def is_up_to_date(engine: Engine) -> bool:
    return get_current_revision(engine) == SCHEMA_HEAD
