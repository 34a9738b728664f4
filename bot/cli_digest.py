"""`staffbot digest preview`: a reminder or digest printed as text, without posting it."""

from __future__ import annotations

import argparse


def add_commands(commands: argparse._SubParsersAction) -> None:
    """Registers this module's subcommands on the `staffbot` parser."""
