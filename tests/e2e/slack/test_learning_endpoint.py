"""Learning from use through the real Slack endpoint: ask → "did you mean" → click → the
evidence in /kb feedback → Teach → the next such question is answered; undo → as before."""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from bot.chat import read_suggestion_value
from tests.bot.slack.test_blocks import _validate_block_kit
from tests.e2e.slack.conftest import texts
from tests.e2e.slack.kb_support import ENV_ADMIN, NOBODY, KbServed, is_refusal, serve_kb
from tests.support.slack_payloads import block_action, slash_command
from tests.support.slack_standin import SlackStandIn

QUESTION = "the values the bureau holds"
CORE_VALUES = "impeccable neutrality"  # in the text of the fact the first suggestion names
_ids = itertools.count(1)


@pytest.fixture(scope="module")
def app(
    slack: SlackStandIn, seeded_file: Path, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[KbServed]:
    with serve_kb(slack, seeded_file, tmp_path_factory.mktemp("learn")) as served:
        yield served


def _reply(app: KbServed, body: tuple[bytes, str], response_id: str) -> dict[str, Any]:
    status, _ = app.served.post(*body)
    assert status == 200
    reply = app.slack.wait_for(f"/response/{response_id}", timeout=10)[0].body
    assert isinstance(reply, dict)
    _validate_block_kit(reply)
    return reply


def _ask(app: KbServed, question: str, user_id: str) -> dict[str, Any]:
    response_id = f"learn-ask-{next(_ids)}"
    body = slash_command(question, app.slack.response_url(response_id), user_id=user_id)
    return _reply(app, body, response_id)


def _press(app: KbServed, reply: dict[str, Any], action_id: str, user_id: str) -> dict[str, Any]:
    (value,) = [
        e["value"]
        for b in reply["blocks"]
        if b["type"] == "actions"
        for e in b["elements"]
        if e["action_id"] == action_id
    ]
    response_id = f"learn-click-{next(_ids)}"
    body = block_action(
        action_id, value, response_url=app.slack.response_url(response_id), user_id=user_id
    )
    return _reply(app, body, response_id)


def _suggestion_block(reply: dict[str, Any]) -> dict[str, Any] | None:
    return next((b for b in reply["blocks"] if b.get("block_id") == "suggestions"), None)


def test_a_click_taught_by_an_admin_answers_the_next_such_question(app: KbServed) -> None:
    asked = _ask(app, QUESTION, "U0ASKER01")
    block = _suggestion_block(asked)
    assert block is not None and CORE_VALUES not in texts(asked)
    click = read_suggestion_value(block["elements"][0]["value"])
    assert (click.asked, click.record) == (QUESTION, "fact:retreat-bdt-core-values")
    # Two people pick the first suggestion: each is answered, and each click is evidence.
    for user in ("U0ASKER01", "U0ASKER02"):
        assert CORE_VALUES in texts(_press(app, asked, "suggestion_0", user))
    feedback = app.kb("feedback 1", ENV_ADMIN)
    _validate_block_kit(feedback)
    shown = texts(feedback)
    assert f'"{QUESTION}" → BDT' in shown and "2 clicks, by 2 people" in shown
    assert is_refusal(texts(app.kb("feedback", NOBODY)))
    # Someone who is not an admin presses the button: refused, nothing taught.
    assert is_refusal(texts(_press(app, feedback, "kb_run_0", NOBODY)))
    assert _suggestion_block(_ask(app, QUESTION, "U0ASKER03")) is not None
    taught = texts(_press(app, feedback, "kb_run_0", ENV_ADMIN))
    assert f'"{QUESTION}" is now taught' in taught
    change = taught.split("This is change #")[1].split(";")[0]
    answered = _ask(app, "The values the Bureau holds?", "U0ASKER03")
    assert CORE_VALUES in texts(answered) and _suggestion_block(answered) is None
    assert f"#{change} " in texts(app.kb("history", ENV_ADMIN))
    assert f"Change #{change} undone" in texts(app.kb(f"undo {change}", ENV_ADMIN))
    again = _ask(app, QUESTION, "U0ASKER03")
    assert _suggestion_block(again) is not None and CORE_VALUES not in texts(again)
