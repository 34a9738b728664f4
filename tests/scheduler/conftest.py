"""Scheduler fixtures: a small store, a poster that records posts, a report builder."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from threading import Lock

import pytest
from sqlalchemy import delete
from sqlalchemy.engine import Engine
from sqlmodel import Session, SQLModel

from knowledge.store import AuditEntry, Delivery, Subscription, create_db_engine, utc_now
from knowledge.store.models import Away, Holiday, Priority, Snooze, Theme
from scheduler import deliveries
from scheduler.errors import PostError, UnclearOutcome
from scheduler.runner import LEADER_TAKE_OVER
from tests.conftest import STORES
from tests.support.stores import postgres_schema, require_postgres


def _fill(engine: Engine) -> None:
    SQLModel.metadata.create_all(engine)
    with Session(engine) as session:
        session.add(
            Priority(
                code="P1",
                label="P1/E6",
                kind="priority",
                name_zh="一",
                name_en="One",
                doc="D",
                section="1",
            )
        )
        session.add(
            Theme(
                code="P1-EMT",
                priority_code="P1",
                name_zh="主题",
                name_en="Theme",
                doc="D",
                section="1.1",
            )
        )
        session.commit()


@pytest.fixture(scope="session")
def _postgres_store() -> Iterator[Engine]:
    require_postgres()
    with postgres_schema() as url:
        engine = create_db_engine(url)
        _fill(engine)
        yield engine
        engine.dispose()


@pytest.fixture(scope="session")
def _sqlite_store(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Engine]:
    engine = create_db_engine(f"sqlite:///{tmp_path_factory.mktemp('store') / 'store.db'}")
    _fill(engine)
    yield engine
    engine.dispose()


@pytest.fixture(params=STORES)
def store(request: pytest.FixtureRequest) -> Iterator[Engine]:
    """A store with one priority (P1, label "P1/E6") and one theme (P1-EMT) and no
    subscription, on SQLite and on the PostgreSQL server (the schema is built once per
    session and emptied of subscriptions, deliveries and audit entries for each test)."""
    engine: Engine = request.getfixturevalue(f"_{request.param}_store")
    with Session(engine) as session:
        for table in (Snooze, Delivery, Subscription, AuditEntry, Holiday, Away):
            session.execute(delete(table))
        session.commit()
    yield engine


@dataclass
class FakeReport:
    kind: str
    lang: str
    scope: str
    is_empty: bool = False
    missed: tuple[datetime, ...] = ()


@dataclass
class FakeReportBuilder:
    """`build_report` stand-in: remembers what it was asked; reports empty for `empty`."""

    empty: set[int] = field(default_factory=set)
    calls: list[tuple[int, datetime, tuple[datetime, ...]]] = field(default_factory=list)

    def __call__(
        self,
        session: Session,
        subscription: Subscription,
        now: datetime,
        missed: Sequence[Delivery] = (),
    ) -> FakeReport:
        assert subscription.id is not None
        periods = tuple(d.period for d in missed)
        self.calls.append((subscription.id, now, periods))
        return FakeReport(
            subscription.kind,
            subscription.lang,
            subscription.scope,
            subscription.id in self.empty,
            periods,
        )


@dataclass
class FakePoster:
    """A Poster that keeps posts in memory. `failures[channel]` lists exceptions the next
    posts to that channel raise, in order; an UnclearOutcome whose reason is "sent" is raised
    after the message was kept (Slack took it, the answer got lost)."""

    platform: str = "slack"
    posts: list[tuple[str, str, FakeReport]] = field(default_factory=list)  # channel, marker
    failures: dict[str, list[PostError]] = field(default_factory=dict)
    find_failures: list[PostError] = field(default_factory=list)
    known_channels: set[str] = field(default_factory=lambda: {"C1", "C2"})
    finds: list[str] = field(default_factory=list)
    _lock: Lock = field(default_factory=Lock)

    def post(self, channel: str, report: FakeReport, marker: str) -> str:  # type: ignore[override]
        with self._lock:
            pending = self.failures.get(channel) or []
            error = pending.pop(0) if pending else None
            if error is None or (isinstance(error, UnclearOutcome) and error.reason == "sent"):
                self.posts.append((channel, marker, report))
                ts = f"1700000000.{len(self.posts):06d}"
            if error is not None:
                raise error
            return ts

    def find_post(self, channel: str, marker: str, since: datetime) -> str | None:
        with self._lock:
            self.finds.append(marker)
            if self.find_failures:
                raise self.find_failures.pop(0)
            for i, (c, m, _report) in enumerate(self.posts, 1):
                if c == channel and m == marker:
                    return f"1700000000.{i:06d}"
            return None

    def check_channel(self, channel: str) -> bool:
        return channel in self.known_channels

    def markers(self) -> list[str]:
        return [marker for _channel, marker, _report in self.posts]


def take_over_claim(engine: Engine, subscription_id: int, runner: str = "standby") -> None:
    """Another runner takes the subscription's claim over, as it may once the take-over age
    has passed since the claim's last renewal."""
    with Session(engine, expire_on_commit=False) as session:
        (claim,) = [
            d
            for d in deliveries.list_deliveries(session, subscription_id)
            if d.status == deliveries.CLAIMED
        ]
        later = utc_now() + LEADER_TAKE_OVER
        assert deliveries.retake_delivery(session, claim, runner, later) is not None


@pytest.fixture
def poster() -> FakePoster:
    return FakePoster()


@pytest.fixture
def reports() -> FakeReportBuilder:
    return FakeReportBuilder()
