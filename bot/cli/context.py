"""What every `staffbot` subcommand receives: the settings, the store and the language."""

from __future__ import annotations

import argparse
from collections.abc import Callable
from dataclasses import dataclass

from sqlalchemy.engine import Engine

from bot.settings import Settings

# The reader of stdout went away before the end (`| head -1`); nothing is printed about it.
EXIT_OUTPUT_CLOSED = 1
EXIT_BAD_INPUT = 2
EXIT_STORE_UNAVAILABLE = 3
EXIT_SEED_INVALID = 4
# `staffbot scheduler` refused because another one holds the SQLite store.
EXIT_ALREADY_RUNNING = 5


@dataclass(frozen=True)
class CliContext:
    settings: Settings
    db_engine: Engine
    lang: str  # of messages that answer no question: STAFFBOT_LANG (or the command's --lang)


# A subcommand's handler: set with `parser.set_defaults(run=handler)`; returns the exit code.
Handler = Callable[[argparse.Namespace, CliContext], int]
