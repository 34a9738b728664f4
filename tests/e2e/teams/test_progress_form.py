"""Progress in two clicks in Teams, through POST /api/messages: a reminder card posted →
Update (Action.Execute) → the card becomes the form → submitted → progress stored and
audited, the card refreshed in place as the reminder with what was done; a bad value refused
under its field; a non-owner non-editor refused; a double submit recorded once."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from typing import Any

import pytest
from sqlmodel import Session, col, select

from bot.composition import build_posters
from bot.kb.dispatcher import KbService
from bot.teams.cards import (
    MAX_CARD_BYTES,
    VERB_PROGRESS_CANCEL,
    VERB_PROGRESS_OPEN,
    VERB_PROGRESS_SUBMIT,
)
from knowledge.editing import Actor
from knowledge.store import create_db_engine, models
from scheduler.reports import build_report_for
from tests.e2e.teams.conftest import (
    ADMIN_OBJECT_ID,
    Served,
    build_settings,
    card_of,
    card_texts,
    find_actions,
)
from tests.support import teams_activities as act

pytestmark = pytest.mark.e2e

PERSONAL = act.CONVERSATIONS["personal"]
OWNER = act.AAD_OBJECT_ID  # the stand-in's default clicker; made owner of P4-CD
NOBODY = "11111111-2222-4333-8444-555555555555"
CARD = "application/vnd.microsoft.card.adaptive"


def _post_reminder(served: Served, scope: str) -> tuple[str, dict[str, Any]]:
    url = served.teams.url
    assert served.post(act.members_added(service_url=url, kind="personal"))[0] == 200
    engine = create_db_engine(served.database_url)
    settings = build_settings(served.teams, served.database_url)
    posters = build_posters(settings, engine, served.teams.token_provider)
    try:
        with Session(engine) as session:
            report = build_report_for(session, "reminder", scope, "en", datetime.now(UTC))
        served.teams.clear()
        activity_id = posters["teams"].post(PERSONAL, report, "test")
    finally:
        posters["teams"].close()  # type: ignore[attr-defined]
        engine.dispose()
    (call,) = [c for c in served.teams.sent if c.operation == "create"]
    return activity_id, card_of(call)


def _click(
    served: Served, card_id: str, action: dict[str, Any], user: str = OWNER, **inputs: str
) -> dict[str, Any]:
    data = {**action["data"], **inputs}
    click = act.card_action(
        action["verb"], data, service_url=served.teams.url, reply_to_id=card_id, aad_object_id=user
    )
    status, body = served.post(click)
    assert status == 200
    assert isinstance(body, dict)
    return body


def _button(card: dict[str, Any], title: str) -> dict[str, Any]:
    (found,) = [a for a in find_actions(card, VERB_PROGRESS_OPEN) if a["title"] == title]
    return found


def _progress(served: Served, code: str) -> list[models.KpiProgress]:
    engine = create_db_engine(served.database_url)
    try:
        with Session(engine) as session:
            query = select(models.KpiProgress).where(models.KpiProgress.kpi_code == code)
            return list(session.exec(query.order_by(col(models.KpiProgress.id))))
    finally:
        engine.dispose()


def _make_owner(served: Served) -> None:
    engine = create_db_engine(served.database_url)
    try:
        kb = KbService(engine, [ADMIN_OBJECT_ID])
        reply = kb.run(Actor("teams", ADMIN_OBJECT_ID), f"owner add {OWNER} P4-CD", "en")
        assert reply.changed, reply.render()
    finally:
        engine.dispose()


def _size(card: dict[str, Any]) -> int:
    return len(json.dumps(card, separators=(",", ":")))


def test_update_in_teams_records_once_and_refreshes_the_card(served: Served) -> None:
    _make_owner(served)
    card_id, reminder = _post_reminder(served, "P4")
    opened = _click(served, card_id, _button(reminder, "Update P4-CD-1"))
    assert opened["type"] == CARD
    form = opened["value"]
    assert _size(form) <= MAX_CARD_BYTES
    ids = [e.get("id") for e in form["body"] if e.get("id")]
    assert ids == ["value:P4-CD-1", "target:P4-CD-1", "as_of", "note"]
    assert "Never recorded" in card_texts(form)
    (submit,) = find_actions(form, VERB_PROGRESS_SUBMIT)

    refused = _click(served, card_id, submit, **{"value:P4-CD-1": "lots", "note": "kept"})
    assert refused["type"] == CARD
    body = refused["value"]["body"]
    where = next(i for i, e in enumerate(body) if e.get("id") == "value:P4-CD-1")
    assert body[where]["value"] == "lots" and "not a number" in body[where + 1]["text"]
    assert body[where + 1]["color"] == "Attention"
    assert _progress(served, "P4-CD-1") == []

    served.teams.clear()
    done = _click(served, card_id, submit, **{"value:P4-CD-1": "9", "as_of": "2026-01-05"})
    # Everyone in the conversation sees the card updated, not only the one who clicked.
    (update,) = [c for c in served.teams.sent if c.operation == "update"]
    assert update.activity_id == card_id
    assert "✓ **P4-CD-1** recorded by" in card_texts(card_of(update))
    again = _click(served, card_id, submit, **{"value:P4-CD-1": "9", "as_of": "2026-01-05"})
    (row,) = _progress(served, "P4-CD-1")
    assert (row.value, row.as_of.isoformat(), row.recorded_by) == (
        9,
        "2026-01-05",
        f"teams:{OWNER}",
    )
    for refreshed in (done, again):
        assert refreshed["type"] == CARD
        shown = card_texts(refreshed["value"])
        assert "✓ **P4-CD-1** recorded by" in shown and "Update P4-CD-2" in shown
        assert "Update P4-CD-1" not in shown


def test_a_non_owner_non_editor_is_refused_in_teams(served: Served) -> None:
    _make_owner(served)
    card_id, reminder = _post_reminder(served, "P4")
    refused = _click(served, card_id, _button(reminder, "Update P4-CYB-1"))  # owns P4-CD only
    assert refused["type"] == "application/vnd.microsoft.activity.message"
    assert "You may not record progress of P4-CYB-1" in refused["value"]
    form = _click(served, card_id, _button(reminder, "Update P4-CD-2"))["value"]
    (submit,) = find_actions(form, VERB_PROGRESS_SUBMIT)
    stranger = _click(served, card_id, submit, user=NOBODY, **{"value:P4-CD-2": "3"})
    assert "You may not record progress" in stranger["value"]
    assert _progress(served, "P4-CD-2") == []
    (cancel,) = find_actions(form, VERB_PROGRESS_CANCEL)
    back = _click(served, card_id, cancel)
    assert back["type"] == CARD and "Update P4-CD-2" in card_texts(back["value"])


def test_update_on_a_kpi_answer_in_teams_shows_the_answer_again_with_the_value(
    served: Served,
) -> None:
    _make_owner(served)
    url = served.teams.url
    served.teams.clear()
    assert served.post(act.message("P4-CD-1", service_url=url))[0] == 200
    answer = card_of(served.teams.wait_for(1)[-1])
    (update,) = find_actions(answer, VERB_PROGRESS_OPEN)
    assert update["title"] == "Update P4-CD-1" and update["data"]["q"] == "P4-CD-1"
    opened = _click(served, "answer-1", update)
    assert opened["type"] == CARD
    (submit,) = find_actions(opened["value"], VERB_PROGRESS_SUBMIT)
    (cancel,) = find_actions(opened["value"], VERB_PROGRESS_CANCEL)
    back = _click(served, "answer-1", cancel)
    assert back["type"] == CARD and "Update P4-CD-1" in json.dumps(back["value"])
    done = _click(served, "answer-1", submit, **{"value:P4-CD-1": "7"})
    (row,) = _progress(served, "P4-CD-1")
    assert row.value == 7
    assert done["type"] == CARD
    assert "7" in card_texts(done["value"]) and "P4-CD-1" in card_texts(done["value"])
