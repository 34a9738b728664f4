"""Schema migrations through Alembic, run in-process on the store's engine."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import inspect, text
from sqlalchemy.engine import Connection, Engine

from knowledge.errors import StoreUnavailable
from knowledge.store.db import to_safe_url

if TYPE_CHECKING:
    from alembic.config import Config

# The newest revision in migrations/versions; a test keeps the two in step. Knowing it
# here lets a warm start skip importing Alembic at all.
SCHEMA_HEAD = "0011"

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
    with engine.connect() as connection:
        if connection.dialect.name != "sqlite":
            with connection.begin():
                # A schema change may wait for locks and rewrite tables: no statement timeout
                # (SET LOCAL: only for this transaction).
                connection.exec_driver_sql("SET LOCAL statement_timeout = 0")
                config.attributes["connection"] = connection
                command.upgrade(config, revision)
            return
        _upgrade_sqlite(connection, config, revision)


def _upgrade_sqlite(connection: Connection, config: Config, revision: str) -> None:
    """The upgrade in one transaction, with foreign keys checked at its end, not per table.

    Python's sqlite3 commits DDL run before the first INSERT at once, so a failing upgrade
    would leave half a schema behind: here the transaction is begun explicitly. SQLite
    changes a column by rebuilding its table (copy, drop, rename), and with foreign keys
    enforced the drop fails as soon as another table's rows point at it (a subscription's
    deliveries); the pragma is ignored inside a transaction, so it is switched off before
    and back on after, and the keys are checked before the commit instead.
    """
    from alembic import command

    driver = connection.connection.driver_connection
    isolation_level = driver.isolation_level  # type: ignore[union-attr]
    driver.isolation_level = None  # type: ignore[union-attr]  # no implicit BEGIN/COMMIT
    try:
        connection.exec_driver_sql("PRAGMA foreign_keys=OFF")
        connection.commit()
        with connection.begin():
            connection.exec_driver_sql("BEGIN")
            config.attributes["connection"] = connection
            command.upgrade(config, revision)
            broken = connection.exec_driver_sql("PRAGMA foreign_key_check").all()
            if broken:  # raised inside the transaction: the upgrade is rolled back
                tables = ", ".join(sorted({str(row[0]) for row in broken}))
                raise StoreUnavailable(
                    to_safe_url(str(connection.engine.url)),
                    f"the upgrade would break foreign keys of {tables}",
                )
    finally:
        connection.exec_driver_sql("PRAGMA foreign_keys=ON")
        connection.commit()
        driver.isolation_level = isolation_level  # type: ignore[union-attr]


def is_up_to_date(engine: Engine) -> bool:
    return get_current_revision(engine) == SCHEMA_HEAD
