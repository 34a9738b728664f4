"""`staffbot db upgrade` on first use and on a used store: it seeds only a store with no
knowledge yet, so running it on every deployment never brings back what admins removed."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy.engine import Engine
from sqlmodel import Session, func, select

from bot.cli import main
from knowledge.store import migrate, models


@pytest.fixture
def env(monkeypatch: pytest.MonkeyPatch, tmp_path: Path, db_engine: Engine) -> Engine:
    monkeypatch.chdir(tmp_path)
    for variable in ("STAFFBOT_LANG", "STAFFBOT_DATA_DIR"):
        monkeypatch.delenv(variable, raising=False)
    monkeypatch.setenv("DATABASE_URL", db_engine.url.render_as_string(hide_password=False))
    return db_engine


def _count_facts(engine: Engine) -> int:
    with Session(engine) as session:
        return session.exec(select(func.count()).select_from(models.Fact)).one()


def test_upgrade_seeds_an_empty_store(env: Engine, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["db", "upgrade"]) == 0
    out = capsys.readouterr().out
    assert migrate.is_up_to_date(env) and _count_facts(env) > 0
    assert "The database schema is up to date" in out and "seed records inserted" in out


def test_upgrade_does_not_bring_back_removed_seed_rows(
    env: Engine, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["db", "upgrade"]) == 0
    with Session(env) as session:
        fact = session.exec(select(models.Fact)).first()
        assert fact is not None
        removed = fact.key
        session.delete(fact)
        session.commit()
    before = _count_facts(env)
    capsys.readouterr()
    assert main(["db", "upgrade"]) == 0
    assert "seed records inserted" not in capsys.readouterr().out
    assert _count_facts(env) == before
    with Session(env) as session:
        assert session.exec(select(models.Fact).where(models.Fact.key == removed)).first() is None
