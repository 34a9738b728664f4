"""`staffbot admin …` and `staffbot kb export|import`: roles and bulk work on the knowledge."""

from __future__ import annotations

import argparse


def add_commands(commands: argparse._SubParsersAction) -> None:
    """Registers this module's subcommands on the `staffbot` parser."""
