"""The JSON log line: its fields, the request's context, a redacted traceback."""

from __future__ import annotations

import asyncio
import json
import logging

import pytest

from bot.log_context import MAX_FIELD_CHARS, bind_log_context, get_log_context, log_context
from bot.log_format import JsonFormatter, build_formatter
from bot.log_redaction import add_secret


def _record(message: str, *args: object, exc: BaseException | None = None) -> logging.LogRecord:
    exc_info = (type(exc), exc, exc.__traceback__) if exc is not None else None
    return logging.LogRecord("bot.test", logging.WARNING, __file__, 1, message, args, exc_info)


def test_a_line_is_one_json_object_with_the_request_context() -> None:
    with log_context(platform="slack", request_id="r1", user_id="U1", event_id=None):
        line = JsonFormatter().format(_record("answered %s", "quickly"))
    assert "\n" not in line
    parsed = json.loads(line)
    assert parsed["level"] == "WARNING" and parsed["logger"] == "bot.test"
    assert parsed["message"] == "answered quickly"
    assert (parsed["platform"], parsed["request_id"], parsed["user_id"]) == ("slack", "r1", "U1")
    assert "event_id" not in parsed and parsed["time"].endswith("+00:00")
    assert get_log_context() == {}  # the block's fields are gone after it


def test_a_traceback_is_redacted() -> None:
    add_secret("xoxb-json-formatter-secret")
    try:
        raise RuntimeError("failed with xoxb-json-formatter-secret")
    except RuntimeError as exc:
        line = JsonFormatter().format(_record("boom", exc=exc))
    parsed = json.loads(line)
    assert "RuntimeError" in parsed["exception"]
    assert "xoxb-json-formatter-secret" not in line


def test_tasks_keep_the_context_they_started_with() -> None:
    async def handle(user: str) -> str:
        bind_log_context(user_id=user)
        await asyncio.sleep(0)
        return get_log_context()["user_id"]

    async def both() -> list[str]:
        return list(await asyncio.gather(handle("U1"), handle("U2")))

    assert asyncio.run(both()) == ["U1", "U2"]


def test_only_known_fields_are_bound() -> None:
    with pytest.raises(ValueError):
        bind_log_context(question="never")


def test_text_stays_the_default() -> None:
    assert not isinstance(build_formatter("text"), JsonFormatter)


def test_a_bound_value_is_cut_to_the_field_limit() -> None:
    with log_context(user_id="u" * 10_000, event_id="short"):
        fields = get_log_context()
        assert fields["user_id"] == "u" * MAX_FIELD_CHARS and fields["event_id"] == "short"
