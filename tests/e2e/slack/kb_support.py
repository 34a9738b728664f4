"""The web app with a /kb-ready store: admins, editors and records to edit, and helpers to
send /kb commands and button clicks through the signed endpoint."""

from __future__ import annotations

import itertools
import json
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy.engine import Engine
from sqlmodel import SQLModel

from bot.kb.dispatcher import KbService
from bot.slack.kb_blocks import ACTION_KB_CANCEL, ACTION_KB_CONFIRM
from knowledge.editing import Actor
from knowledge.store import create_db_engine, models
from tests.e2e.slack.conftest import Served, serve, texts
from tests.support.slack_payloads import block_action, slash_command
from tests.support.slack_standin import SlackStandIn
from tests.support.stores import EDITED_TABLES, copy_file, count_rows

ENV_ADMIN = "U0ENVADM1"  # STAFFBOT_ADMINS
ADMIN = "U0ADMIN01"  # a stored admin
EDITOR_P1 = "U0EDITP11"
EDITOR_P2 = "U0EDITP21"
NOBODY = "U0NOBODY1"
REFUSALS = ("You may not do this", "您无权执行此操作")
_ids = itertools.count(1)
COUNTED: tuple[type[SQLModel], ...] = (*EDITED_TABLES, models.Subscription)


def is_refusal(reply: str) -> bool:
    return any(refusal in reply for refusal in REFUSALS)


@dataclass
class KbServed:
    """The running app, its store and what the set-up created."""

    served: Served
    engine: Engine
    ids: dict[str, int] = field(default_factory=dict)

    @property
    def slack(self) -> SlackStandIn:
        return self.served.slack

    def kb(self, text: str, user_id: str = ADMIN) -> dict[str, Any]:
        """Sends `/kb TEXT` (Slack-escaped as with should_escape) and returns the reply body."""
        response_id = f"kb-{next(_ids)}"
        body, ctype = slash_command(
            text, self.slack.response_url(response_id), command="/kb", user_id=user_id
        )
        status, _ = self.served.post(body, ctype)
        assert status == 200
        return self.slack.wait_for(f"/response/{response_id}", timeout=10)[0].body

    def ask(self, text: str) -> str:
        response_id = f"ask-{next(_ids)}"
        body, ctype = slash_command(text, self.slack.response_url(response_id))
        status, _ = self.served.post(body, ctype)
        assert status == 200
        return texts(self.slack.wait_for(f"/response/{response_id}", timeout=10)[0].body)

    def click(self, reply: dict[str, Any], action_id: str, user_id: str = ADMIN) -> dict[str, Any]:
        """Presses a button of an ephemeral /kb reply; returns what replaced the reply."""
        value = _button_value(reply, action_id)
        response_id = f"click-{next(_ids)}"
        body, ctype = block_action(
            action_id, value, response_url=self.slack.response_url(response_id), user_id=user_id
        )
        status, _ = self.served.post(body, ctype)
        assert status == 200
        return self.slack.wait_for(f"/response/{response_id}", timeout=10)[0].body

    def confirm(self, reply: dict[str, Any], user_id: str = ADMIN) -> dict[str, Any]:
        return self.click(reply, ACTION_KB_CONFIRM, user_id)

    def cancel(self, reply: dict[str, Any], user_id: str = ADMIN) -> dict[str, Any]:
        return self.click(reply, ACTION_KB_CANCEL, user_id)

    def count_rows(self) -> dict[str, int]:
        return count_rows(self.engine, COUNTED)


def _prepare_store(engine: Engine) -> dict[str, int]:
    """Roles and records the permission matrix edits, created through the service itself."""
    kb = KbService(engine, [ENV_ADMIN])
    admin = Actor("slack", ENV_ADMIN)
    ids: dict[str, int] = {}
    for text in [
        f"admin add {ADMIN}",
        f"editor add {EDITOR_P1} P1",
        f"editor add {EDITOR_P2} P2",
        "editor add U0OTHERED P4",
        "admin add U0STORED1",
        "fact add matrix-fact 'A fact of P1.' '关于P1的事实。' --priority P1",
        "faq add matrix-faq 'Matrix question?' '矩阵问题？' 'Matrix answer.' '矩阵答案。'"
        " --priority P1",
        "alias add P1 'matrix old'",
        "alias add P2 'matrix gone'",
        "alias add P3 'matrix undo'",
        "schedule add reminder C0TEAM01 P1 'mon 09:00' --tz Europe/Zurich",
        "schedule add digest C0MGR001 all 'fri 16:00'",
        "schedule add digest C0MGR001 P2 'fri 17:00'",
    ]:
        reply = kb.run(admin, text, "en")
        assert reply.changed, (text, reply.render())
        ids[text] = reply.context["change"].id if "change" in reply.context else 0
    ids["undo"] = ids["alias add P3 'matrix undo'"]
    return ids


@contextmanager
def serve_kb(slack: SlackStandIn, seeded_file: Path, folder: Path) -> Iterator[KbServed]:
    """The web app on a copy of the seeded store in `folder`, prepared for the matrix."""
    database_url = copy_file(seeded_file, folder / "store.db")
    engine = create_db_engine(database_url)
    ids = _prepare_store(engine)
    try:
        with serve(slack, database_url, STAFFBOT_ADMINS=ENV_ADMIN) as served:
            yield KbServed(served, engine, ids)
    finally:
        engine.dispose()


def _button_value(reply: dict[str, Any], action_id: str) -> str:
    return str(
        next(
            element["value"]
            for block in reply["blocks"]
            if block["type"] == "actions"
            for element in block["elements"]
            if element["action_id"] == action_id
        )
    )


def to_value_payload(reply: dict[str, Any]) -> dict[str, Any]:
    """The JSON a confirm button carries (command, versions, language)."""
    payload = json.loads(_button_value(reply, ACTION_KB_CONFIRM))
    assert isinstance(payload, dict)
    return payload
