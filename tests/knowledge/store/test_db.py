"""Database URLs and failures: PostgreSQL's spellings accepted, misconfigurations named (not
"temporarily unavailable"), and one log line when the database goes and comes back."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest
from sqlalchemy import text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import OperationalError

from knowledge.errors import StoreMisconfigured, StoreUnavailable
from knowledge.seeding import ensure_store
from knowledge.store import create_db_engine, to_engine_url, to_store_unavailable
from knowledge.store.db import to_cause
from tests.support.tcp_proxy import TcpProxy, proxy_database


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("postgres://u:p@db:5432/bot", "postgresql+psycopg://u:p@db:5432/bot"),
        ("postgresql://u@db/bot", "postgresql+psycopg://u@db/bot"),
        ("POSTGRES://db/bot", "postgresql+psycopg://db/bot"),
        ("postgresql+psycopg://db/bot", "postgresql+psycopg://db/bot"),
        ("sqlite:///x.db", "sqlite:///x.db"),
    ],
)
def test_postgres_spellings_use_the_installed_driver(url: str, expected: str) -> None:
    assert to_engine_url(url) == expected


@pytest.mark.parametrize(
    ("url", "cause"),
    [
        ("mysql://user:secret@db/bot", "unsupported_scheme"),
        ("mssql+pyodbc://db/bot", "unsupported_scheme"),
        ("postgresql+psycopg2://db/bot", "unsupported_scheme"),  # a driver not installed
        ("postgresql://u:p@db:port/bot", "unparsable_url"),
        ("not a url", "unparsable_url"),
    ],
)
def test_a_url_staffbot_cannot_use_is_named_as_such(url: str, cause: str) -> None:
    with pytest.raises(StoreMisconfigured) as raised:
        create_db_engine(url)
    assert raised.value.cause == cause
    assert "secret" not in str(raised.value)


def test_a_data_folder_that_cannot_be_made_is_not_writable(tmp_path: Path) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    with pytest.raises(StoreMisconfigured) as raised:
        create_db_engine(f"sqlite:///{blocker / 'data' / 'staffbot.db'}")
    assert raised.value.cause == "not_writable"


@pytest.mark.parametrize(
    ("message", "sqlstate", "cause"),
    [
        ('FATAL:  password authentication failed for user "bot"', None, "authentication"),
        ('FATAL:  role "bot" does not exist', None, "authentication"),
        ('FATAL:  no pg_hba.conf entry for host "10.0.0.1"', None, "authentication"),
        ('FATAL:  database "bot" does not exist', None, "unknown_database"),
        ("permission denied for schema public", "42501", "permission"),
        ("unable to open database file", None, "not_writable"),
        ("attempt to write a readonly database", None, "not_writable"),
        ("Connection refused", None, None),
        ("the database system is starting up", "57P03", None),
        ("database is locked", None, None),
    ],
)
def test_cause_names_what_no_retry_mends(
    message: str, sqlstate: str | None, cause: str | None
) -> None:
    error = Exception(message)
    error.sqlstate = sqlstate  # type: ignore[attr-defined]
    assert to_cause(error) == cause


def test_a_temporary_failure_stays_unavailable(tmp_path: Path) -> None:
    engine = create_db_engine(f"sqlite:///{tmp_path / 's.db'}")
    error = to_store_unavailable(engine, OperationalError("SELECT 1", {}, Exception("timeout")))
    assert type(error) is StoreUnavailable


@pytest.mark.postgres
def test_postgres_url_reaches_postgresql(postgres_url: str) -> None:
    url = make_url(postgres_url).set(drivername="postgres").render_as_string(False)
    engine = create_db_engine(url)
    with engine.connect() as connection:
        assert connection.execute(text("SELECT 1")).scalar() == 1
    engine.dispose()


@pytest.mark.postgres
@pytest.mark.parametrize(
    ("change", "cause"),
    [
        ({"database": "staffbot_no_such_database"}, "unknown_database"),
        ({"username": "staffbot_no_such_role"}, "authentication"),
    ],
)
def test_postgres_refusals_are_named(postgres_url: str, change: dict[str, str], cause: str) -> None:
    engine = create_db_engine(make_url(postgres_url).set(**change).render_as_string(False))
    with pytest.raises(StoreMisconfigured) as raised:
        ensure_store(engine)
    assert raised.value.cause == cause
    engine.dispose()


@pytest.mark.postgres
def test_one_line_when_the_database_goes_and_one_when_it_comes_back(
    postgres_url: str, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG, logger="knowledge.store.db")
    with proxy_database(postgres_url) as (proxy, url):
        engine = create_db_engine(url)
        with engine.connect() as connection:
            connection.execute(text("SELECT 1"))
        port, target = proxy.port, proxy.target
        proxy.close()  # the server is gone: connections dropped, new ones refused
    for _ in range(3):
        with pytest.raises(OperationalError), engine.connect() as connection:
            connection.execute(text("SELECT 1"))
    down = [r for r in caplog.records if "database unavailable" in r.getMessage()]
    assert [r.levelno for r in down] == [logging.WARNING]
    with TcpProxy(target, port=port):  # back at the same address
        with engine.connect() as connection:
            connection.execute(text("SELECT 1"))
        engine.dispose()
    back = [r for r in caplog.records if "database available again" in r.getMessage()]
    assert len(back) == 1 and back[0].levelno == logging.WARNING
    assert all("password" not in r.getMessage() for r in caplog.records)
