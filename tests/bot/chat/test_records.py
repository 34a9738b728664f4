"""ChatRecords: once-only claims (given up, pruned), conversation references (committed,
detached, a racing insert), no store."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy.engine import Engine
from sqlmodel import Session, select

from bot.chat import ChatRecords
from bot.chat import records as chat_records
from knowledge.errors import StoreUnavailable
from knowledge.records import CLAIM_RETENTION, conversations
from knowledge.records.conversations import get_conversation
from knowledge.store import ConversationRef, create_db_engine, utc_now
from knowledge.store.models import HandledEvent

CHANNEL = "19:3a0c5d1e2f4b4c6d8e9fa0b1c2d3e4f5@thread.tacv2"
SERVICE_URL = "https://smba.trafficmanager.net/emea/"


def test_a_claim_is_had_once_until_given_up(seeded_engine: Engine) -> None:
    records, other = ChatRecords(seeded_engine), ChatRecords(seeded_engine)
    assert records.claim_event("slack:post:C0ONE:1700000000.000001:U0ONE") is True
    assert other.claim_event("slack:post:C0ONE:1700000000.000001:U0ONE") is False
    other.release_claim("slack:post:C0ONE:1700000000.000001:U0ONE")
    assert records.claim_event("slack:post:C0ONE:1700000000.000001:U0ONE") is True


def _stored_keys(engine: Engine) -> set[str]:
    with Session(engine) as session:
        return {row.event_id for row in session.exec(select(HandledEvent))}


def test_claims_older_than_the_retention_are_pruned(
    seeded_engine: Engine, monkeypatch: pytest.MonkeyPatch
) -> None:
    now = utc_now()
    with Session(seeded_engine) as session:
        session.add(HandledEvent(event_id="old", at=now - CLAIM_RETENTION - timedelta(minutes=1)))
        session.add(
            HandledEvent(event_id="recent", at=now - CLAIM_RETENTION + timedelta(minutes=5))
        )
        session.commit()
    records = ChatRecords(seeded_engine)
    assert records.claim_event("first") is True
    assert _stored_keys(seeded_engine) == {"recent", "first"}
    with Session(seeded_engine) as session:
        session.add(HandledEvent(event_id="old2", at=now - CLAIM_RETENTION * 2))
        session.commit()
    records.claim_event("second")  # within PRUNE_INTERVAL of the last pruning: kept
    assert "old2" in _stored_keys(seeded_engine)
    monkeypatch.setattr(chat_records, "PRUNE_INTERVAL", 0.0)
    records.claim_event("third")
    assert _stored_keys(seeded_engine) == {"recent", "first", "second", "third"}


def test_a_saved_conversation_is_committed_and_usable_after_the_call(
    seeded_engine: Engine,
) -> None:
    records = ChatRecords(seeded_engine)
    saved = records.save_conversation(
        platform="teams", conversation_id=CHANNEL, service_url=SERVICE_URL, kind="channel"
    )
    assert saved.id is not None and (saved.conversation_id, saved.kind) == (CHANNEL, "channel")
    with Session(seeded_engine) as session:
        assert get_conversation(session, "teams", CHANNEL) is not None
    found = records.get_conversation("teams", CHANNEL)
    assert found is not None and found.service_url == SERVICE_URL
    assert records.remove_conversation("teams", CHANNEL) is True
    assert records.get_conversation("teams", CHANNEL) is None
    assert records.remove_conversation("teams", CHANNEL) is False


def test_a_conversation_another_process_inserted_meanwhile_is_updated(
    seeded_engine: Engine, monkeypatch: pytest.MonkeyPatch
) -> None:
    records = ChatRecords(seeded_engine)
    records.save_conversation(
        platform="teams", conversation_id=CHANNEL, service_url=SERVICE_URL, kind="channel"
    )
    real_find = conversations._find
    looks: list[str] = []

    def find_after_the_other_process(
        session: Session, platform: str, conversation_id: str
    ) -> ConversationRef | None:
        looks.append(conversation_id)
        if len(looks) == 1:  # looked before the other process committed its row
            return None
        return real_find(session, platform, conversation_id)

    monkeypatch.setattr(conversations, "_find", find_after_the_other_process)
    saved = records.save_conversation(
        platform="teams",
        conversation_id=CHANNEL,
        service_url=SERVICE_URL,
        kind="channel",
        title="General",
    )
    assert saved.title == "General" and len(looks) == 2
    monkeypatch.undo()
    with Session(seeded_engine) as session:
        (only,) = conversations.list_conversations(session, "teams")
        assert only.title == "General"


def test_database_errors_become_store_unavailable() -> None:
    records = ChatRecords(create_db_engine("postgresql+psycopg://nobody:secret@127.0.0.1:1/none"))
    with pytest.raises(StoreUnavailable):
        records.get_conversation("teams", CHANNEL)
    with pytest.raises(StoreUnavailable):
        records.save_conversation(
            platform="teams", conversation_id=CHANNEL, service_url=SERVICE_URL, kind="channel"
        )
    with pytest.raises(StoreUnavailable):
        records.remove_conversation("teams", CHANNEL)
    with pytest.raises(StoreUnavailable):
        records.claim_event("slack:Ev0DOWN")
    with pytest.raises(StoreUnavailable):
        records.release_claim("slack:Ev0DOWN")
