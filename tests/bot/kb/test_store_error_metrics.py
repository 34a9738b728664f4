"""A /kb command that finds the store unavailable is counted in staffbot_store_errors."""

from __future__ import annotations

import asyncio

import pytest
from prometheus_client import REGISTRY

from bot import metrics
from bot.kb.dispatcher import KbService
from knowledge.editing import Actor
from knowledge.store import create_db_engine


def _count(operation: str) -> float:
    value = REGISTRY.get_sample_value("staffbot_store_errors_total", {"operation": operation})
    return value or 0.0


def test_a_kb_command_against_an_unreachable_store_is_counted(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(metrics, "_enabled", True)
    engine = create_db_engine("postgresql+psycopg://nobody:secret@127.0.0.1:1/none")
    kb = KbService(engine, ["U0ADMIN01"])
    before = _count("kb")
    reply = asyncio.run(kb.run_for_chat(Actor("slack", "U0ADMIN01"), "history", "en"))
    assert reply is None  # the adapter answers "unavailable"
    assert _count("kb") == before + 1
