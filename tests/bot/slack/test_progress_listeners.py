"""The progress modal's submission in Slack: acknowledged as soon as it is recorded, the
reminder built again only after; a failed rebuild is told as "recorded", never "nothing"."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy.engine import Engine

from bot.progress import FormRequest, ProgressForms, ReminderRef, read_form_request
from bot.slack.progress_blocks import FormPlace, build_progress_view
from bot.slack.progress_listeners import ProgressListeners
from knowledge.answering import KnowledgeCache
from knowledge.editing import Actor, Permissions, run_edit
from knowledge.editing.owners import add_owner
from scheduler.reports import Reminder, ReportBuilder
from tests.support.block_kit import validate_message, validate_view

OWNER = "U0OWNER01"
ADMIN = "U0ADMIN01"


class _Forms(ProgressForms):
    """Keeps the order of events; building the reminder again fails when `broken`."""

    def __init__(self, engine: Engine, events: list[str], broken: bool) -> None:
        super().__init__(engine, ReportBuilder(KnowledgeCache()), [ADMIN])
        self.events = events
        self.broken = broken

    def build_reminder_again(self, request: FormRequest) -> Reminder | None:
        self.events.append("rebuild")
        if self.broken:
            raise RuntimeError("the knowledge could not be read")
        return super().build_reminder_again(request)


class _Client:
    def __init__(self, events: list[str]) -> None:
        self.events = events
        self.calls: list[tuple[str, dict[str, Any]]] = []

    async def chat_postEphemeral(self, **kwargs: Any) -> None:
        self.events.append("ephemeral")
        self.calls.append(("chat.postEphemeral", kwargs))

    async def chat_update(self, **kwargs: Any) -> None:
        self.events.append("update")
        self.calls.append(("chat.update", kwargs))


def read_request(value: str) -> FormRequest:
    request = read_form_request(value)
    assert request is not None
    return request


def _submit(engine: Engine, broken: bool, key: str) -> tuple[list[str], _Client]:
    admin = Permissions(Actor("slack", ADMIN), is_admin=True)
    run_edit(engine, lambda s: add_owner(s, admin, OWNER, "P4-CD"))
    events: list[str] = []
    client = _Client(events)
    posted = datetime.now(UTC) - timedelta(minutes=5)
    value = FormRequest(("P4-CD-1",), ReminderRef("P4-CD", "en", posted)).to_value()
    place = FormPlace(value, "C0REMIND1", "1700000000.000100", "en", None)
    forms = _Forms(engine, events, broken)
    form = asyncio.run(forms.open_form(Actor("slack", OWNER), read_request(value), "en"))
    assert not isinstance(form, str), form
    view = {**build_progress_view(form, place), "id": f"V{key}"}
    validate_view(view)
    (field,) = [b for b in view["blocks"] if b.get("block_id") == "value:P4-CD-1"]
    typed = {"type": field["element"]["type"], "value": "7"}
    view["state"] = {"values": {"value:P4-CD-1": {field["element"]["action_id"]: typed}}}
    body = {"user": {"id": OWNER}, "view": view}

    async def ack(**kwargs: Any) -> None:
        assert not kwargs, kwargs  # recorded: the modal closes
        events.append("ack")

    listeners = ProgressListeners(forms)
    asyncio.run(listeners.on_submit(ack, body, view, client))  # type: ignore[arg-type]
    return events, client


def test_the_submission_is_acknowledged_before_the_reminder_is_built(
    seeded_engine: Engine,
) -> None:
    events, client = _submit(seeded_engine, broken=False, key="1")
    assert events == ["ack", "rebuild", "update"]
    ((name, update),) = client.calls
    assert name == "chat.update" and update["ts"] == "1700000000.000100"
    validate_message(update)


def test_a_failed_rebuild_is_told_as_recorded(seeded_engine: Engine) -> None:
    events, client = _submit(seeded_engine, broken=True, key="2")
    assert events == ["ack", "rebuild", "ephemeral"]
    ((name, notice),) = client.calls
    assert name == "chat.postEphemeral" and notice["user"] == OWNER
    validate_message(notice)
    assert "Recorded: P4-CD-1" in notice["text"] and "not be refreshed" in notice["text"]
    assert "nothing" not in notice["text"].lower()
