"""The one table of the command line: each exception a command may end with → its message
(a template, in the language of the command) and its exit status.

A command raises; `entry.main` looks the exception up here, most specific class first and,
for each class, the entry of the subcommand ("schedule add"), then of its group
("schedule"), then of every command (None). An exception not in the table is a bug and
shows its traceback.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from bot.cli.context import (
    EXIT_ALREADY_RUNNING,
    EXIT_BAD_INPUT,
    EXIT_SEED_INVALID,
    EXIT_STORE_UNAVAILABLE,
)
from bot.cli.errors import (
    MetricsFolderMissing,
    PackageInvalid,
    PortInUse,
    SettingsInvalid,
    SocketRefused,
    TokenRefused,
)
from bot.text_render import render_text
from knowledge.errors import (
    InvalidValue,
    RecordChanged,
    SeedInvalid,
    StoreFull,
    StoreMisconfigured,
    StoreUnavailable,
    UnknownCode,
)
from knowledge.reporting import UnknownScope
from scheduler.errors import (
    BadSchedule,
    ChannelIsName,
    DuplicateSubscription,
    HolidayFileInvalid,
    InvalidChoice,
    PostError,
    SchedulerAlreadyRunning,
    SubscriptionNotFound,
    UnknownCalendar,
    UnknownChannel,
    UnknownTimeZone,
)

# The template's parts, from the exception, the command's arguments and the language.
ToParts = Callable[[Any, argparse.Namespace, str], Mapping[str, object]]


def _attributes(exc: BaseException, _args: argparse.Namespace, _lang: str) -> dict[str, object]:
    return dict(vars(exc))


@dataclass(frozen=True)
class Message:
    template: str
    exit_status: int = EXIT_BAD_INPUT
    to_parts: ToParts = _attributes


def _scope_parts(exc: UnknownScope, _args: argparse.Namespace, _lang: str) -> dict[str, object]:
    return {"code": exc.code, "suggestions": exc.suggestions}


def _admin_parts(exc: Exception, args: argparse.Namespace, _lang: str) -> dict[str, object]:
    return {"user_id": args.user_id, "reason_key": getattr(exc, "reason_key", "")}


def _file_parts(exc: OSError, args: argparse.Namespace, _lang: str) -> dict[str, object]:
    file = getattr(args, "out", None) or args.file
    return {"file": str(file), "reason": exc.strerror or str(exc)}


def _duplicate_parts(
    exc: DuplicateSubscription, _args: argparse.Namespace, lang: str
) -> dict[str, object]:
    return {
        "id": exc.existing_id,
        "paused": exc.paused,
        "kind": render_text("schedule_kind", lang, kind=exc.kind),
        "channel": exc.channel,
    }


# (exception class, command) → message; command: "group action", "group" or None (any).
MESSAGES: dict[tuple[type[BaseException], str | None], Message] = {
    (SettingsInvalid, None): Message("settings_invalid"),
    (MetricsFolderMissing, None): Message(
        "metrics_folder_missing", to_parts=lambda exc, _args, _lang: {"path": exc.folder}
    ),
    (StoreFull, None): Message("store_full", EXIT_STORE_UNAVAILABLE),
    # Not "temporarily unavailable": trying again does not help until the settings change.
    (StoreMisconfigured, None): Message("store_misconfigured"),
    (StoreUnavailable, None): Message("store_unavailable", EXIT_STORE_UNAVAILABLE),
    (SeedInvalid, None): Message("seed_invalid", EXIT_SEED_INVALID),
    (SocketRefused, None): Message("socket_refused"),
    (TokenRefused, None): Message("token_refused"),
    (PortInUse, None): Message(
        "port_in_use", to_parts=lambda exc, args, _lang: {**vars(exc), "command": args.command}
    ),
    # staffbot admin …
    (InvalidValue, "admin"): Message("admin_invalid", to_parts=_admin_parts),
    (UnknownCode, "admin remove"): Message("admin_not_found", to_parts=_admin_parts),
    (RecordChanged, "admin remove"): Message("admin_not_found", to_parts=_admin_parts),
    # staffbot kb …
    (OSError, "kb export"): Message("kb_file_error", to_parts=_file_parts),
    (RecordChanged, "kb import"): Message("kb_import_changed"),
    # staffbot digest preview
    (UnknownScope, "digest preview"): Message("preview_unknown_scope", to_parts=_scope_parts),
    # staffbot schedule …
    (UnknownScope, "schedule"): Message("schedule_unknown_scope", to_parts=_scope_parts),
    (BadSchedule, "schedule"): Message("schedule_bad_schedule"),
    (UnknownTimeZone, "schedule"): Message(
        "schedule_unknown_tz",
        to_parts=lambda exc, _args, _lang: {"zone": exc.name, "suggestions": exc.suggestions},
    ),
    (UnknownChannel, "schedule"): Message("schedule_unknown_channel"),
    (ChannelIsName, "schedule"): Message(
        "schedule_channel_name",
        to_parts=lambda exc, args, _lang: {
            "channel": exc.channel,
            "platform": getattr(args, "platform", "slack"),
        },
    ),
    (DuplicateSubscription, "schedule"): Message("schedule_duplicate", to_parts=_duplicate_parts),
    (InvalidChoice, "schedule"): Message("schedule_invalid_choice"),
    (SubscriptionNotFound, "schedule"): Message(
        "schedule_not_found", to_parts=lambda exc, _args, _lang: {"id": exc.subscription_id}
    ),
    (PostError, "schedule add"): Message(
        "schedule_channel_check_failed",
        to_parts=lambda exc, args, _lang: {"channel": args.channel, "reason": exc.reason},
    ),
    (UnknownCalendar, None): Message(
        "holidays_unknown_calendar",
        to_parts=lambda exc, _args, _lang: {"calendar": exc.name, "known": exc.known},
    ),
    # staffbot holidays …
    (HolidayFileInvalid, "holidays"): Message("holidays_file_invalid"),
    (OSError, "holidays import"): Message("kb_file_error", to_parts=_file_parts),
    (SchedulerAlreadyRunning, "scheduler"): Message(
        "schedule_already_running", EXIT_ALREADY_RUNNING
    ),
    # staffbot teams …
    (PackageInvalid, "teams package"): Message("teams_package_invalid"),
    (OSError, "teams package"): Message("kb_file_error", to_parts=_file_parts),
}

# Every class in the table, for one `except` clause.
HANDLED: tuple[type[BaseException], ...] = tuple({cls for cls, _command in MESSAGES})


def to_command_name(args: argparse.Namespace) -> str:
    """ "schedule add", "digest preview", "ask": the subcommand the arguments ran."""
    action = getattr(args, "action", None)
    return f"{args.command} {action}" if isinstance(action, str) else str(args.command)


def find_message(exc: BaseException, args: argparse.Namespace | None) -> Message | None:
    """The table's message for `exc` raised by the command of `args` (None: before parsing)."""
    names: list[str | None] = [None]
    if args is not None:
        full = to_command_name(args)
        names = [full, full.split(" ")[0], None]
    for cls in type(exc).__mro__:
        for name in names:
            message = MESSAGES.get((cls, name))
            if message is not None:
                return message
    return None


def render_failure(
    message: Message, exc: BaseException, args: argparse.Namespace | None, lang: str
) -> str:
    parts = message.to_parts(exc, args if args is not None else argparse.Namespace(), lang)
    return render_text(message.template, lang, **parts)
