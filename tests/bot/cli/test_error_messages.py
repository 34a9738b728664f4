"""The command line's one table of error messages: complete, and looked up as documented."""

from __future__ import annotations

import argparse
from pathlib import Path

import bot
from bot.cli.context import EXIT_ALREADY_RUNNING, EXIT_BAD_INPUT, EXIT_STORE_UNAVAILABLE
from bot.cli.entry import build_parser
from bot.cli.error_messages import MESSAGES, find_message, render_failure
from knowledge.errors import RecordChanged, StoreFull, StoreUnavailable, UnknownCode
from knowledge.reporting import UnknownScope
from scheduler.errors import SchedulerAlreadyRunning

TEMPLATES = Path(bot.__file__).parent / "templates" / "text"


def test_every_message_has_a_template_in_both_languages() -> None:
    for message in MESSAGES.values():
        for lang in ("en", "zh"):
            assert (TEMPLATES / lang / f"{message.template}.j2").is_file(), message


def _command_names(parser: argparse.ArgumentParser, prefix: str = "") -> set[str]:
    names = set()
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for name, sub in action.choices.items():
                full = f"{prefix} {name}".strip()
                names |= {full, *_command_names(sub, full)}
    return names


def test_every_command_of_the_table_is_a_command_of_the_parser() -> None:
    names = _command_names(build_parser())
    assert {"ask", "schedule add", "kb import", "teams package"} <= names
    assert {command for _cls, command in MESSAGES if command is not None} <= names


def _args(*argv: str) -> argparse.Namespace:
    return build_parser().parse_args(list(argv))


def _template(exc: BaseException, args: argparse.Namespace) -> str:
    message = find_message(exc, args)
    assert message is not None, exc
    return message.template


def test_lookup_prefers_the_subclass_then_the_subcommand() -> None:
    preview = _args("digest", "preview", "--kind", "digest")
    add = _args(
        "schedule", "add", "--kind", "digest", "--channel", "C1", "--at", "mon 09:00", "--tz", "UTC"
    )
    assert _template(UnknownScope("P9"), preview) == "preview_unknown_scope"
    assert _template(UnknownScope("P9"), add) == "schedule_unknown_scope"
    full = find_message(StoreFull("sqlite", "disk full"), add)
    assert full is not None and (full.template, full.exit_status) == (
        "store_full",
        EXIT_STORE_UNAVAILABLE,
    )
    assert _template(StoreUnavailable("x", "y"), add) == "store_unavailable"
    running = find_message(SchedulerAlreadyRunning("/tmp/lock"), _args("scheduler"))
    assert running is not None and running.exit_status == EXIT_ALREADY_RUNNING


def test_an_exception_of_another_command_is_not_in_the_table() -> None:
    """RecordChanged is told for `admin remove` and `kb import`, not for `schedule pause`."""
    assert find_message(RecordChanged("x", "1", None), _args("schedule", "pause", "1")) is None
    assert find_message(UnknownCode("member", "U1"), _args("ask", "q")) is None
    assert find_message(OSError("disk"), _args("ask", "q")) is None


def test_the_admin_messages_name_the_user_id_in_both_languages() -> None:
    args = _args("admin", "remove", "U0NOBODY")
    message = find_message(UnknownCode("member", "U0NOBODY"), args)
    assert message is not None and message.exit_status == EXIT_BAD_INPUT
    for lang in ("en", "zh"):
        assert "U0NOBODY" in render_failure(message, UnknownCode("member", "x"), args, lang)
