"""`staffbot holidays import|list`: the holiday calendars subscriptions may follow."""

from __future__ import annotations

import argparse
from pathlib import Path

from bot.cli._output import to_table
from bot.cli.context import CliContext
from bot.text_render import render_text


def _run_import(args: argparse.Namespace, ctx: CliContext) -> int:
    from sqlmodel import Session

    from knowledge.seeding import ensure_store
    from scheduler.errors import HolidayFileInvalid
    from scheduler.holidays import import_holidays, read_holiday_file

    path = Path(args.file)
    file_name, days = read_holiday_file(path)  # OSError, HolidayFileInvalid: the table
    name = args.calendar or file_name
    if name is None:
        raise HolidayFileInvalid(str(path), "name")
    ensure_store(ctx.db_engine)
    with Session(ctx.db_engine) as session:
        count = import_holidays(session, name, days, str(path))
        session.commit()
    print(render_text("holidays_imported", ctx.lang, calendar=name.lower(), count=count))
    return 0


def _run_list(args: argparse.Namespace, ctx: CliContext) -> int:
    from sqlmodel import Session

    from knowledge.seeding import ensure_store
    from scheduler.holidays import list_calendars

    ensure_store(ctx.db_engine)
    with Session(ctx.db_engine) as session:
        calendars = list_calendars(session)
    if not calendars:
        print(render_text("holidays_none", ctx.lang))
        return 0
    rows = [[c.name, str(c.days), c.first.isoformat(), c.last.isoformat()] for c in calendars]
    print(to_table(render_text("holidays_header", ctx.lang).split("|"), rows))
    return 0


def add_commands(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Registers this module's subcommands on the `staffbot` parser."""
    holidays = commands.add_parser("holidays", help="holiday calendars: import, list")
    actions = holidays.add_subparsers(dest="action", required=True)
    load = actions.add_parser(
        "import", help="import a calendar from a YAML list or an iCalendar (.ics) file"
    )
    load.add_argument("file", help="a .yaml file (see docs/holidays) or an .ics file")
    load.add_argument(
        "--calendar", help="its name, like un-geneva (a YAML file may name itself; .ics: needed)"
    )
    load.set_defaults(run=_run_import)
    actions.add_parser("list", help="the calendars, with their first and last day").set_defaults(
        run=_run_list
    )
