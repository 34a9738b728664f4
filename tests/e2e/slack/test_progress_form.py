"""Progress in two clicks, through the signed endpoint: a reminder posted → Update clicked →
the modal opened → submitted → progress stored and audited, the reminder updated in place,
and `staffbot ask` gives the new value; a bad value refused on its field; a non-owner
non-editor refused; a double submit recorded once."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from slack_sdk import WebClient
from sqlalchemy.engine import Engine
from sqlmodel import Session, col, select

from bot.kb.dispatcher import KbService
from bot.slack.poster import SlackPoster
from knowledge.editing import Actor
from knowledge.store import create_db_engine, models
from scheduler.reports import build_report_for
from tests.e2e.slack.conftest import Served, serve, texts
from tests.support.block_kit import validate_message, validate_view
from tests.support.slack_payloads import block_action, slash_command, view_submission
from tests.support.slack_standin import SlackStandIn
from tests.support.stores import copy_file

pytestmark = pytest.mark.e2e

ADMIN = "U0ENVADM1"
OWNER = "U0OWNCD01"  # owns the theme P4-CD
EDITOR_P1 = "U0EDITP11"
NOBODY = "U0NOBODY1"
CHANNEL = "C0TEAM001"


@pytest.fixture(scope="module")
def app(
    slack: SlackStandIn, seeded_file: Path, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[tuple[Served, Engine]]:
    folder = tmp_path_factory.mktemp("progress-form")
    url = copy_file(seeded_file, folder / "store.db")
    engine = create_db_engine(url)
    kb = KbService(engine, [ADMIN])
    for text in (f"owner add {OWNER} P4-CD", f"editor add {EDITOR_P1} P1"):
        assert kb.run(Actor("slack", ADMIN), text, "en").changed
    with serve(slack, url, STAFFBOT_ADMINS=ADMIN) as served:
        yield served, engine
    engine.dispose()


def _post_reminder(slack: SlackStandIn, engine: Engine, scope: str) -> dict[str, Any]:
    with Session(engine) as session:
        report = build_report_for(session, "reminder", scope, "en", datetime.now(UTC))
    poster = SlackPoster(WebClient(token="xoxb-test", base_url=slack.url))
    ts = poster.post(CHANNEL, report, f"test-{scope}")
    (message,) = [m for m in slack.messages[CHANNEL] if m["ts"] == ts]
    validate_message(message)
    return message


def _button(message: dict[str, Any], label: str) -> dict[str, Any]:
    for block in message["blocks"]:
        for element in block.get("elements", []):
            if element.get("type") == "button" and element["text"]["text"] == label:
                return dict(element)
    raise AssertionError(f"no button {label!r}")


def _click(served: Served, message: dict[str, Any], button: dict[str, Any], user: str) -> None:
    body, ctype = block_action(
        button["action_id"],
        button["value"],
        response_url=served.slack.response_url("unused"),
        user_id=user,
        channel_id=CHANNEL,
        message=message,
    )
    assert served.post(body, ctype)[0] == 200


def _open(served: Served, message: dict[str, Any], label: str, user: str) -> dict[str, Any]:
    before = len(served.slack.views)
    _click(served, message, _button(message, label), user)
    served.slack.wait_for("/views.open", count=len(served.slack.calls_to("/views.open")) or 1)
    assert len(served.slack.views) == before + 1
    view = served.slack.views[-1]
    validate_view(view)
    return view


def _submit(served: Served, view: dict[str, Any], values: dict[str, str], user: str) -> Any:
    body, ctype = view_submission(view, values, user_id=user)
    status, reply = served.post(body, ctype)
    assert status == 200
    return json.loads(reply) if reply.strip() else None


def _progress(engine: Engine, code: str) -> list[models.KpiProgress]:
    with Session(engine) as session:
        query = select(models.KpiProgress).where(models.KpiProgress.kpi_code == code)
        return list(session.exec(query.order_by(col(models.KpiProgress.id))))


def _ask(database_url: str, question: str) -> str:
    env = {**os.environ, "DATABASE_URL": database_url}
    done = subprocess.run(
        [sys.executable, "-m", "bot.cli", "ask", question],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
        check=True,
    )
    return done.stdout


def test_update_from_a_reminder_records_once_and_updates_it_in_place(
    app: tuple[Served, Engine],
) -> None:
    served, engine = app
    message = _post_reminder(served.slack, engine, "P4")
    view = _open(served, message, "Update P4-CD-1", OWNER)
    assert "P4-CD-1" in texts(view) and "Never recorded" in texts(view)
    as_of = next(b for b in view["blocks"] if b.get("block_id") == "as_of")
    # Today where the person is (users.info's tz; the stand-in says Europe/Zurich).
    today = datetime.now(ZoneInfo("Europe/Zurich")).date().isoformat()
    assert as_of["element"]["initial_date"] == today

    refused = _submit(served, view, {"value:P4-CD-1": "lots", "as_of": "2026-01-05"}, OWNER)
    assert refused["response_action"] == "errors"
    assert "not a number" in refused["errors"]["value:P4-CD-1"]
    negative = _submit(served, view, {"value:P4-CD-1": "-3"}, OWNER)
    assert "cannot be negative" in negative["errors"]["value:P4-CD-1"]
    assert _progress(engine, "P4-CD-1") == []

    values = {"value:P4-CD-1": "7", "target:P4-CD-1": "20", "note": "counted in Q4"}
    assert _submit(served, view, values, OWNER) is None  # the modal closes
    assert _submit(served, view, values, OWNER) is None  # submitted twice: recorded once
    # Each submission is acknowledged first and the reminder refreshed after: the second
    # (recorded already) may refresh it again, to the same state.
    update = served.slack.wait_for("/chat.update")[0]
    (row,) = _progress(engine, "P4-CD-1")
    assert (row.value, row.target, row.note) == (7, 20, "counted in Q4")
    assert row.recorded_by == f"slack:{OWNER}"
    with Session(engine) as session:
        audit = session.exec(
            select(models.AuditEntry).where(models.AuditEntry.entity == "kpi_progress")
        ).all()
    assert [(a.entity_key, a.actor) for a in audit] == [(f"P4-CD-1:{row.id}", f"slack:{OWNER}")]

    time.sleep(0.2)  # a second refresh, if any, lands too
    for call in served.slack.calls_to("/chat.update"):
        assert call.body["ts"] == message["ts"] and call.body["channel"] == CHANNEL
    assert update.body["ts"] == message["ts"]
    (updated,) = [m for m in served.slack.messages[CHANNEL] if m["ts"] == message["ts"]]
    validate_message(updated)
    shown = texts(updated)
    assert f"✓ `P4-CD-1` recorded by <@{OWNER}>" in shown
    assert "Update P4-CD-1" not in texts(updated["blocks"]) and "Update P4-CD-2" in shown
    assert "Latest progress: 7 (target 20)" in _ask(served.database_url, "P4-CD-1")


def test_update_several_records_the_values_given(app: tuple[Served, Engine]) -> None:
    served, engine = app
    message = _post_reminder(served.slack, engine, "P1-EMT")
    view = _open(served, message, "Update several", EDITOR_P1)
    fields = [b["block_id"] for b in view["blocks"] if b["type"] == "input"]
    assert fields == [f"value:P1-EMT-{n}" for n in range(1, 7)] + ["as_of", "note"]
    bad = _submit(served, view, {"value:P1-EMT-2": "3", "value:P1-EMT-4": "x"}, EDITOR_P1)
    assert list(bad["errors"]) == ["value:P1-EMT-4"]
    assert _progress(engine, "P1-EMT-2") == []  # all or nothing
    nothing = _submit(served, view, {}, EDITOR_P1)
    assert list(nothing["errors"]) == ["value:P1-EMT-1"]
    done = _submit(served, view, {"value:P1-EMT-2": "3", "value:P1-EMT-4": "12.5"}, EDITOR_P1)
    assert done is None
    assert [r.value for r in _progress(engine, "P1-EMT-2") + _progress(engine, "P1-EMT-4")] == [
        3,
        12.5,
    ]


def test_a_non_owner_non_editor_is_refused(app: tuple[Served, Engine]) -> None:
    served, engine = app
    message = _post_reminder(served.slack, engine, "P4")
    served.slack.clear()
    _click(served, message, _button(message, "Update P4-CYB-1"), OWNER)  # owns P4-CD only
    (said,) = served.slack.wait_for("/chat.postEphemeral")
    assert said.body["user"] == OWNER and "You may not record progress of P4-CYB-1" in texts(
        said.body
    )
    assert served.slack.calls_to("/views.open") == []
    # A modal of someone allowed, submitted by someone who is not: refused on the field.
    view = _open(served, message, "Update P4-CD-2", OWNER)
    refused = _submit(served, view, {"value:P4-CD-2": "5"}, NOBODY)
    assert "You may not record progress of P4-CD-2" in refused["errors"]["value:P4-CD-2"]
    assert _progress(engine, "P4-CD-2") == []


def test_the_form_speaks_the_users_language(app: tuple[Served, Engine]) -> None:
    served, engine = app
    served.slack.locales[OWNER] = "zh-CN"
    try:
        message = _post_reminder(served.slack, engine, "P4-CD")
        view = _open(served, message, "Update P4-CD-2", OWNER)
        assert view["title"]["text"] == "更新 P4-CD-2" and "截至日期" in texts(view)
        refused = _submit(served, view, {"value:P4-CD-2": "很多"}, OWNER)
        assert "不是数字" in refused["errors"]["value:P4-CD-2"], refused
    finally:
        served.slack.locales.pop(OWNER)


def test_a_kpi_answer_has_update_too(app: tuple[Served, Engine]) -> None:
    served, engine = app
    body, ctype = slash_command("P4-CD-2", served.slack.response_url("kpi-answer"))
    assert served.post(body, ctype)[0] == 200
    (reply,) = served.slack.wait_for("/response/kpi-answer", timeout=10)
    validate_message(reply.body)
    button = _button(reply.body, "Update")
    body, ctype = block_action(
        button["action_id"],
        button["value"],
        response_url=served.slack.response_url("unused"),
        user_id=OWNER,
        channel_id=CHANNEL,
    )
    assert served.post(body, ctype)[0] == 200
    served.slack.wait_for("/views.open")
    view = served.slack.views[-1]
    validate_view(view)
    shown = _submit(served, view, {"value:P4-CD-2": "11"}, OWNER)
    assert shown["response_action"] == "update"
    validate_view(shown["view"])
    assert "Recorded: P4-CD-2." in texts(shown["view"])
    assert [r.value for r in _progress(engine, "P4-CD-2")] == [11]


def test_a_traditional_kpi_answer_opens_a_traditional_form(app: tuple[Served, Engine]) -> None:
    served, engine = app
    served.slack.locales[OWNER] = "zh-TW"
    try:
        url = served.slack.response_url("kpi-answer-hant")
        body, ctype = slash_command("P4-CD-2 進度如何", url)
        assert served.post(body, ctype)[0] == 200
        (reply,) = served.slack.wait_for("/response/kpi-answer-hant", timeout=10)
        validate_message(reply.body)
        button = _button(reply.body, "更新")
        body, ctype = block_action(
            button["action_id"],
            button["value"],
            response_url=served.slack.response_url("unused"),
            user_id=OWNER,
            channel_id=CHANNEL,
        )
        assert served.post(body, ctype)[0] == 200
        served.slack.wait_for("/views.open")
        view = served.slack.views[-1]
        validate_view(view)
        assert "新數值" in texts(view) and "備註（可選）" in texts(view)
        assert view["submit"]["text"] == "錄入"
        refused = _submit(served, view, {"value:P4-CD-2": "很多"}, OWNER)
        assert "不是數字" in refused["errors"]["value:P4-CD-2"], refused
        shown = _submit(served, view, {"value:P4-CD-2": "12"}, OWNER)
        validate_view(shown["view"])
        assert "已錄入：P4-CD-2" in texts(shown["view"])
        assert _progress(engine, "P4-CD-2")[-1].value == 12  # the store is the module's
    finally:
        served.slack.locales.pop(OWNER)
