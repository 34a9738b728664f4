"""`staffbot db upgrade|seed|reset`: the store's schema and its seed knowledge."""

from __future__ import annotations

import argparse

from bot.cli._output import is_confirmed, refuse
from bot.cli.context import CliContext
from bot.text_render import render_text
from knowledge.seeding import ensure_store, reset_store, seed_store
from knowledge.store import migrate, to_safe_url


def run_db(args: argparse.Namespace, ctx: CliContext) -> int:
    db_engine, lang = ctx.db_engine, ctx.lang
    target = to_safe_url(str(db_engine.url))
    if args.action == "upgrade":
        # First use seeds an empty store; a used one keeps what its admins removed.
        count = ensure_store(db_engine)
        print(render_text("db_done", lang, action="upgrade", target=target, count=count))
    elif args.action == "seed":
        if not migrate.is_up_to_date(db_engine):
            migrate.upgrade(db_engine)
        count = seed_store(db_engine)
        print(render_text("db_done", lang, action="seed", target=target, count=count))
    else:
        if not is_confirmed(args.yes, render_text("reset_confirm", lang, target=target)):
            return refuse("reset_refused", lang)
        reset_store(db_engine)
        print(render_text("db_done", lang, action="reset", target=target))
    return 0


def add_commands(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Registers this module's subcommands on the `staffbot` parser."""
    db = commands.add_parser("db", help="database maintenance")
    db.add_argument("action", choices=["upgrade", "seed", "reset"])
    db.add_argument("--yes", action="store_true", help="reset without asking")
    db.set_defaults(run=run_db)
