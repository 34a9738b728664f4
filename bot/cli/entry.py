"""The `staffbot` command: ask, chat and database maintenance."""

from __future__ import annotations

import argparse
import logging
import os
import sys
from collections.abc import Sequence
from typing import Any

from pydantic import ValidationError

from bot.cli import ask, db, digest, doctor, holidays, kb, schedule, serve, teams
from bot.cli._input import to_question_text
from bot.cli.context import EXIT_OUTPUT_CLOSED, CliContext
from bot.cli.error_messages import HANDLED, find_message, render_failure
from bot.cli.errors import MetricsFolderMissing, SettingsInvalid
from bot.composition import build_db_engine, configure_logging, quiet_slack_sdk
from bot.settings import Settings
from knowledge.answering import detect_lang

# Each module registers its subcommands, in the order `staffbot --help` lists them.
COMMAND_MODULES = (ask, db, serve, kb, schedule, holidays, digest, teams, doctor)
# The processes that run until stopped log as services do; any other command reports Slack's
# failures in its own words, without slack_sdk's ERROR lines before them.
LONG_RUNNING_COMMANDS = frozenset({"serve", "scheduler"})

logger = logging.getLogger(__name__)


class _VersionAction(argparse.Action):
    """`--version`: the installed version, read only when asked (reading package metadata
    costs every other command some 30 ms at start)."""

    def __init__(self, option_strings: Sequence[str], dest: str, **kwargs: Any) -> None:
        super().__init__(option_strings, dest, nargs=0, default=argparse.SUPPRESS, **kwargs)

    def __call__(self, parser: argparse.ArgumentParser, *_: object) -> None:
        from importlib.metadata import version

        print(f"{parser.prog} {version('staffbot')}")  # on stdout, as argparse's own does
        parser.exit()


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="staffbot", description=__doc__)
    parser.add_argument("--version", action=_VersionAction, help="show the version and exit")
    commands = parser.add_subparsers(dest="command", required=True)
    for module in COMMAND_MODULES:
        module.add_commands(commands)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    try:
        code = _run(argv)
        sys.stdout.flush()
    except BrokenPipeError:
        # The reader went away (`staffbot ask --jsonl < questions | head -1`): stop quietly,
        # as the signal module's documentation advises; output still buffered goes nowhere
        # instead of raising again when Python flushes at exit.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return EXIT_OUTPUT_CLOSED
    return code


def _load_settings() -> Settings:
    try:
        return Settings()
    except ValidationError as exc:
        error = exc.errors()[0]
        variable = ".".join(str(part) for part in error["loc"])
        raise SettingsInvalid(variable, error["msg"]) from exc


def _export_metrics_folder(settings: Settings) -> None:
    """prometheus_client reads PROMETHEUS_MULTIPROC_DIR from the environment only, when it is
    first imported (by the chat flow, the web app or the clock, after this): a folder set in
    .env is exported so that both agree. A folder that does not exist stops here, named,
    instead of as a traceback at the first metric (or a /metrics that answers 500)."""
    folder = settings.prometheus_multiproc_dir
    if folder is None:
        return
    if not folder.is_dir():
        raise MetricsFolderMissing(str(folder))
    os.environ["PROMETHEUS_MULTIPROC_DIR"] = str(folder)


def _run(argv: Sequence[str] | None) -> int:
    args = build_parser().parse_args(argv)
    question = to_question_text(" ".join(getattr(args, "question", []) or [])).text
    # Messages answer the question in its language; with no question, STAFFBOT_LANG's.
    lang = detect_lang(question) if question else "en"
    try:
        settings = _load_settings()
        configure_logging(settings)
        if not question:
            lang = settings.lang
            if getattr(args, "messages_follow_lang", False) and args.lang:
                lang = args.lang  # `digest preview --lang zh`: the report and its messages
        _export_metrics_folder(settings)
        if getattr(args, "check", None) is not None:  # staffbot doctor: builds its own store
            with quiet_slack_sdk():
                return int(args.check(args, settings, lang))
        ctx = CliContext(settings, build_db_engine(settings), lang)
        if args.command in LONG_RUNNING_COMMANDS:
            return int(args.run(args, ctx))
        with quiet_slack_sdk():
            return int(args.run(args, ctx))
    except HANDLED as exc:
        message = find_message(exc, args)
        if message is None:
            raise
        # The message says what to do; the cause, with the driver's own words, is for DEBUG.
        logger.debug("%s ended with %r", args.command, exc, exc_info=True)
        print(render_failure(message, exc, args, lang), file=sys.stderr)
        return message.exit_status
