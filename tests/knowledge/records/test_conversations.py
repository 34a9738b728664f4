"""Conversation references on SQLite and PostgreSQL: saved, updated, listed, removed."""

from __future__ import annotations

from datetime import UTC

import pytest
from sqlalchemy.engine import Engine
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session

from knowledge.errors import InvalidValue
from knowledge.records.conversations import (
    MAX_TITLE,
    get_conversation,
    list_conversations,
    remove_conversation,
    save_conversation,
)
from knowledge.store import ConversationRef

CHANNEL = "19:3a0c5d1e2f4b4c6d8e9fa0b1c2d3e4f5@thread.tacv2"
PERSONAL = "a:1Xq7" + "Zr9" * 40  # personal chat ids are long opaque strings
SERVICE_URL = "https://smba.trafficmanager.net/emea/"
TENANT = "72f988bf-86f1-41af-91ab-2d7cd011db47"
USER = "8d2c3c0e-6f1a-4b8e-9a57-3c1b2d4e5f60"


def _save(session: Session, conversation_id: str = CHANNEL, **values: str) -> ConversationRef:
    conversation = save_conversation(
        session,
        platform=values.pop("platform", "teams"),
        conversation_id=conversation_id,
        service_url=values.pop("service_url", SERVICE_URL),
        kind=values.pop("kind", "channel"),
        **values,
    )
    session.commit()
    return conversation


def test_a_saved_conversation_is_found_with_everything_it_was_given(store: Engine) -> None:
    with Session(store) as session:
        _save(session, tenant_id=TENANT, title="Budget / General", bot_id="28:bot")
    with Session(store) as session:
        found = get_conversation(session, "teams", CHANNEL)
        assert found is not None
        assert (found.service_url, found.tenant_id, found.kind, found.title, found.bot_id) == (
            SERVICE_URL,
            TENANT,
            "channel",
            "Budget / General",
            "28:bot",
        )
        assert found.user_id == "" and found.removed_at is None
        assert found.created_at.tzinfo is not None
        assert found.created_at.utcoffset() == UTC.utcoffset(None)


def test_saving_again_updates_the_row_and_keeps_what_the_event_did_not_carry(
    store: Engine,
) -> None:
    with Session(store) as session:
        first = _save(session, tenant_id=TENANT, title="Budget / General", bot_id="28:bot")
        first_id, created = first.id, first.created_at
    with Session(store) as session:
        # A message carries a new service URL but no title: the title stays.
        again = _save(session, service_url="https://smba.trafficmanager.net/amer/")
        assert again.id == first_id
    with Session(store) as session:
        found = get_conversation(session, "teams", CHANNEL)
        assert found is not None
        assert found.service_url == "https://smba.trafficmanager.net/amer/"
        assert (found.title, found.tenant_id, found.bot_id) == (
            "Budget / General",
            TENANT,
            "28:bot",
        )
        assert found.created_at == created and found.updated_at >= created
        assert len(list_conversations(session, "teams")) == 1


def test_a_removed_conversation_is_not_found_and_comes_back_when_saved_again(
    store: Engine,
) -> None:
    with Session(store) as session:
        first_id = _save(session, PERSONAL, kind="personal", user_id=USER).id
    with Session(store) as session:
        assert remove_conversation(session, "teams", PERSONAL) is True
        session.commit()
    with Session(store) as session:
        assert get_conversation(session, "teams", PERSONAL) is None
        assert list_conversations(session, "teams") == []
        assert remove_conversation(session, "teams", PERSONAL) is False
    with Session(store) as session:
        back = _save(session, PERSONAL, kind="personal")
        assert back.id == first_id and back.removed_at is None
    with Session(store) as session:
        found = get_conversation(session, "teams", PERSONAL)
        assert found is not None and found.user_id == USER


def test_unknown_conversations_are_neither_found_nor_removed(store: Engine) -> None:
    with Session(store) as session:
        _save(session)
        assert get_conversation(session, "teams", "19:other@thread.tacv2") is None
        assert get_conversation(session, "slack", CHANNEL) is None
        assert remove_conversation(session, "teams", "19:other@thread.tacv2") is False


def test_conversations_are_listed_per_platform_by_title(store: Engine) -> None:
    with Session(store) as session:
        _save(session, "19:c@thread.tacv2", title="Risks")
        _save(session, "19:a@thread.tacv2", title="Budget")
        _save(session, "19:b@thread.v2", kind="groupChat", title="Outputs")
        _save(session, "19:gone@thread.tacv2", title="Archive")
        _save(session, "C0SLACK", platform="slack", title="Also")
        remove_conversation(session, "teams", "19:gone@thread.tacv2")
        session.commit()
    with Session(store) as session:
        titles = [c.title for c in list_conversations(session, "teams")]
        assert titles == ["Budget", "Outputs", "Risks"]
        assert [c.conversation_id for c in list_conversations(session, "slack")] == ["C0SLACK"]


def test_the_longest_ids_fit_and_a_long_title_is_cut(store: Engine) -> None:
    long_id = "19:" + "x" * 235 + "@thread.tacv2"
    assert len(long_id) == 251
    with Session(store) as session:
        _save(session, long_id, title="T" * 300, bot_id="28:" + "b" * 125)
    with Session(store) as session:
        found = get_conversation(session, "teams", long_id)
        assert found is not None and found.title == "T" * MAX_TITLE


@pytest.mark.parametrize(
    ("values", "field", "reason"),
    [
        ({"kind": "meeting"}, "kind", "bad_kind"),
        ({"conversation_id": ""}, "conversation_id", "empty"),
        ({"service_url": ""}, "service_url", "empty"),
        ({"conversation_id": "19:" + "x" * 253}, "conversation_id", "too_long"),
        ({"tenant_id": "t" * 65}, "tenant_id", "too_long"),
        ({"platform": "p" * 17}, "platform", "too_long"),
    ],
)
def test_values_the_store_cannot_keep_are_refused_before_writing(
    store: Engine, values: dict[str, str], field: str, reason: str
) -> None:
    with Session(store) as session, pytest.raises(InvalidValue) as caught:
        _save(session, **values)
    assert (caught.value.field, caught.value.reason_key) == (field, reason)
    with Session(store) as session:
        assert list_conversations(session, "teams") == []


def test_one_row_per_platform_and_conversation(store: Engine) -> None:
    with Session(store) as session:
        _save(session)
        session.add(
            ConversationRef(
                platform="teams", conversation_id=CHANNEL, service_url=SERVICE_URL, kind="channel"
            )
        )
        with pytest.raises(IntegrityError):
            session.commit()
