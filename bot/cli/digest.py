"""`staffbot digest preview`: a reminder or digest printed as text, without posting it."""

from __future__ import annotations

import argparse
from datetime import UTC, datetime
from pathlib import Path

from bot.cli._output import print_error, refuse
from bot.cli.context import CliContext
from bot.text_render import LANGS, render_text


def _to_now(value: str | None) -> datetime | None:
    """The moment to build the report for; None for a value that is not an ISO date-time."""
    if value is None:
        return datetime.now(UTC)
    try:
        moment = datetime.fromisoformat(value)
    except ValueError:
        return None
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment.astimezone(UTC)


def run_preview(args: argparse.Namespace, ctx: CliContext) -> int:
    """Builds the report from the store and prints it; `--chart` also writes its PNG."""
    # Imported here: the scheduler's report builders are not needed by `staffbot ask`.
    from sqlmodel import Session

    from bot.composition import build_report_builder
    from bot.report_charts import build_charts
    from bot.report_text import render_report_text
    from knowledge.seeding import ensure_store
    from scheduler.reports import Digest

    lang = ctx.lang  # --lang, else STAFFBOT_LANG (messages_follow_lang)
    now = _to_now(args.now)
    if now is None:
        return refuse("preview_bad_time", lang, value=args.now)
    ensure_store(ctx.db_engine)
    with Session(ctx.db_engine) as session:
        # An unknown scope (UnknownScope) is told by the table in error_messages.
        report = build_report_builder().build_report_for(
            session, args.kind, args.scope, lang, now, with_chart=args.chart is not None
        )
    print(render_report_text(report))
    if args.chart is not None:
        charts = build_charts(report) if isinstance(report, Digest) else []
        if not charts:
            print_error("preview_no_chart", lang, kind=report.kind)
        path = Path(args.chart)
        for index, chart in enumerate(charts):
            # The budget chart to FILE, the next ones beside it: FILE-2.png …
            target = path if index == 0 else path.with_stem(f"{path.stem}-{index + 1}")
            target.write_bytes(chart.png)
            print(render_text("preview_chart_saved", lang, path=target, size=len(chart.png)))
    return 0


def add_commands(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Registers this module's subcommands on the `staffbot` parser."""
    digest = commands.add_parser("digest", help="scheduled reminders and digests")
    actions = digest.add_subparsers(dest="action", required=True)
    preview = actions.add_parser(
        "preview", help="print a reminder or digest as text, without posting it"
    )
    preview.add_argument("--kind", choices=["reminder", "digest"], required=True)
    preview.add_argument(
        "--scope", default="all", help="all, a priority/enabler (P1, E6) or a theme (P1-EMT)"
    )
    preview.add_argument("--lang", choices=list(LANGS), help="default: STAFFBOT_LANG")
    preview.add_argument("--chart", metavar="FILE.png", help="also write the digest's chart")
    preview.add_argument(
        "--now", help="build it as at this ISO date-time (default: now; no offset means UTC)"
    )
    # Its --lang is the language of the report and of every message of the command.
    preview.set_defaults(run=run_preview, messages_follow_lang=True)
