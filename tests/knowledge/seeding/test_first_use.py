"""The store on SQLite and PostgreSQL: migrations, first-use seeding, idempotence, reset."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
import sqlalchemy as sa
from sqlalchemy import inspect
from sqlalchemy.engine import Engine
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, func, select

from knowledge.answering import load_knowledge
from knowledge.errors import StoreUnavailable
from knowledge.seeding.first_use import ensure_store, reset_store, seed_store
from knowledge.store import create_db_engine, get_revision, migrate, models


def _count(engine: Engine, table: type[models.SQLModel]) -> int:
    with Session(engine) as session:
        return session.exec(select(func.count()).select_from(table)).one()


def test_schema_head_matches_the_newest_migration() -> None:
    versions = Path(migrate.__file__).with_name("migrations") / "versions"
    revisions = sorted(p.name.split("_")[0] for p in versions.glob("[0-9]*.py"))
    assert revisions[-1] == migrate.SCHEMA_HEAD


def test_ensure_store_migrates_and_seeds_an_empty_database(db_engine: Engine) -> None:
    assert migrate.get_current_revision(db_engine) is None
    ensure_store(db_engine)
    assert migrate.is_up_to_date(db_engine)
    assert _count(db_engine, models.Kpi) == 82
    assert _count(db_engine, models.Priority) == 10
    assert _count(db_engine, models.Risk) == 4
    assert _count(db_engine, models.KpiProgress) == 0


def test_seeding_twice_inserts_nothing_new(db_engine: Engine) -> None:
    ensure_store(db_engine)
    facts = _count(db_engine, models.Fact)
    assert seed_store(db_engine) == 0
    ensure_store(db_engine)
    assert _count(db_engine, models.Fact) == facts


def test_seeding_never_overwrites_an_edit(db_engine: Engine) -> None:
    ensure_store(db_engine)
    with Session(db_engine) as session:
        line = session.exec(
            select(models.BudgetLine).where(models.BudgetLine.subject_code == "E1")
        ).first()
        assert line is not None
        line.amount_chf = 16_000
        session.add(line)
        session.commit()
    seed_store(db_engine)
    with Session(db_engine) as session:
        amounts = session.exec(
            select(models.BudgetLine.amount_chf).where(models.BudgetLine.subject_code == "E1")
        ).all()
    assert 16_000 in amounts


def test_reset_restores_the_seed(db_engine: Engine) -> None:
    ensure_store(db_engine)
    with Session(db_engine) as session:
        session.add(
            models.AuditEntry(actor="U1", action="update", entity="budget", entity_key="E1")
        )
        session.commit()
        assert get_revision(session) == 1
    reset_store(db_engine)
    with Session(db_engine) as session:
        assert get_revision(session) == 0
        knowledge = load_knowledge(session)
    assert len(knowledge.kpis) == 82
    assert knowledge.years == [2023]


def test_decimal_shares_round_trip_exactly(db_engine: Engine) -> None:
    ensure_store(db_engine)
    with Session(db_engine) as session:
        knowledge = load_knowledge(session)
    shares = [str(line.share_of_total) for line in knowledge.get_budget_lines("P1-EMT", 2023)]
    assert shares == ["3.0"]


def test_unreachable_database_raises_store_unavailable() -> None:
    engine = create_db_engine("postgresql+psycopg://nobody:secret@127.0.0.1:1/none")
    with pytest.raises(StoreUnavailable) as caught:
        ensure_store(engine)
    assert "secret" not in str(caught.value)
    assert "***" in caught.value.target


def test_processes_starting_together_set_up_the_store_once(db_engine: Engine) -> None:
    url = db_engine.url.render_as_string(hide_password=False)
    engines = [create_db_engine(url) for _ in range(4)]
    with ThreadPoolExecutor(max_workers=4) as pool:
        list(pool.map(ensure_store, engines))
    for engine in engines:
        engine.dispose()
    assert _count(db_engine, models.Kpi) == 82
    assert _count(db_engine, models.Document) == 6  # the five sources and "KB"


def test_models_match_the_migrations(db_engine: Engine) -> None:
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext

    migrate.upgrade(db_engine)
    with db_engine.connect() as connection:
        assert (
            compare_metadata(MigrationContext.configure(connection), models.SQLModel.metadata) == []
        )


def _add_subscription_with_a_delivery(engine: Engine) -> None:
    """A subscription and its delivery in a store at 0004, written with 0004's columns only
    (the model has columns later revisions add)."""
    now = models.utc_now()
    with engine.begin() as connection:
        columns = {c["name"] for c in inspect(connection).get_columns("subscription")}
        values = {
            "kind": "digest",
            "platform": "slack",
            "channel": "C0BUDGET",
            "scope": "all",
            "schedule": "mon 09:00",
            "schedule_kind": "at",
            "tz": "Europe/Zurich",
            "lang": "en",
            "paused": False,
            "quiet_when_empty": True,
            "created_by": "U1",
            "created_at": now,
            "version": 1,
        }
        row = {k: v for k, v in values.items() if k in columns}
        table = sa.table("subscription", sa.column("id"), *(sa.column(k) for k in row))
        subscription_id = connection.execute(
            table.insert().values(**row).returning(table.c.id)
        ).scalar_one()
        names = ("subscription_id", "period", "status", "claimed_by", "claimed_at")
        delivery = sa.table("delivery", *(sa.column(k) for k in (*names, "attempts", "error")))
        connection.execute(
            delivery.insert().values(
                subscription_id=subscription_id,
                period=now,
                status="sent",
                claimed_by="",
                claimed_at=now,
                attempts=0,
                error="",
            )
        )


def test_upgrade_to_0005_keeps_subscriptions_and_their_deliveries(db_engine: Engine) -> None:
    migrate.upgrade(db_engine, "0004")
    _add_subscription_with_a_delivery(db_engine)
    migrate.upgrade(db_engine)
    assert migrate.get_current_revision(db_engine) == migrate.SCHEMA_HEAD
    teams_channel = "19:" + "c" * 238 + "@thread.tacv2"  # 254 characters
    with Session(db_engine) as session:
        (subscription,) = session.exec(select(models.Subscription)).all()
        assert subscription.channel == "C0BUDGET"
        assert len(session.exec(select(models.Delivery)).all()) == 1
        subscription.channel = teams_channel
        session.add(subscription)
        session.commit()
        # Foreign keys are enforced again after the upgrade.
        session.add(models.Delivery(subscription_id=999, period=models.utc_now(), status="sent"))
        with pytest.raises(IntegrityError):
            session.commit()
    with Session(db_engine) as session:
        assert session.exec(select(models.Subscription.channel)).one() == teams_channel


def test_a_failing_sqlite_upgrade_leaves_the_schema_as_it_was(tmp_path: Path) -> None:
    engine = create_db_engine(f"sqlite:///{tmp_path / 'store.db'}")
    migrate.upgrade(engine, "0004")
    _add_subscription_with_a_delivery(engine)
    with engine.connect() as connection:  # a row whose subscription is gone
        connection.exec_driver_sql("PRAGMA foreign_keys=OFF")
        connection.exec_driver_sql("DELETE FROM subscription")
        connection.commit()
        connection.exec_driver_sql("PRAGMA foreign_keys=ON")
    with pytest.raises(StoreUnavailable) as caught:
        migrate.upgrade(engine)
    assert caught.value.reason == "the upgrade would break foreign keys of delivery"
    assert migrate.get_current_revision(engine) == "0004"
    with engine.connect() as connection:
        assert not inspect(connection).has_table("conversationref")
        assert connection.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
    engine.dispose()


def test_seed_rows_put_back_into_a_store_in_use_move_its_revision(db_engine: Engine) -> None:
    # `staffbot db seed` after a fact was removed: the revision moves, so that answering
    # processes and kept engines read the fact again; first use and a seed with nothing to
    # put back leave it where it is
    ensure_store(db_engine)
    with Session(db_engine) as session:
        first = get_revision(session)
        fact = session.exec(select(models.Fact)).first()
        assert fact is not None
        session.delete(fact)
        session.commit()
    assert seed_store(db_engine) == 1
    with Session(db_engine) as session:
        assert get_revision(session) == first + 1
        entry = session.exec(select(models.AuditEntry)).all()[-1]
        assert (entry.action, entry.entity, entry.after) == ("seed", "store", {"rows": 1})
    assert seed_store(db_engine) == 0
    with Session(db_engine) as session:
        assert get_revision(session) == first + 1
