"""`staffbot schedule …`, `staffbot digest preview` and `staffbot scheduler` (the clock)."""

from __future__ import annotations

import argparse


def add_commands(commands: argparse._SubParsersAction) -> None:
    """Registers this module's subcommands on the `staffbot` parser."""
