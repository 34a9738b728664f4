"""The `staffbot` command: one module per group of subcommands, one table of error messages.

`main` is the console script (`staffbot = "bot.cli:main"`); `entry` builds the parser and
turns every exception in `error_messages.MESSAGES` into its message and exit status.
"""

from bot.cli.entry import main

__all__ = ["main"]
