"""`staffbot admin …` and `staffbot kb export|import`: roles and bulk work on the knowledge."""

from __future__ import annotations

import argparse
import getpass
from pathlib import Path
from typing import Any

from sqlmodel import Session

from bot.cli._output import is_confirmed, refuse
from bot.cli.context import CliContext
from bot.composition import build_user_check
from bot.kb.changes import MAX_SHOWN_VALUE, to_summary
from bot.slack.ids import is_user_id as is_slack_user_id
from bot.teams.ids import is_user_id as is_teams_user_id
from bot.text_render import render_text
from knowledge.editing import (
    DEFAULT_PLATFORM,
    ROLE_ADMIN,
    ROLE_EDITOR,
    Actor,
    Permissions,
    add_member,
    list_members,
    remove_member,
    run_edit,
)
from knowledge.errors import NeedsConfirmation
from knowledge.seeding import ensure_store

# The platform name audit rows give the operator at the shell.
CLI_PLATFORM = "cli"


def to_operator() -> Permissions:
    """Whoever runs the CLI has the database: an admin, audited as "cli:<login>"."""
    try:
        login = getpass.getuser()
    except (KeyError, OSError):
        login = "operator"
    return Permissions(Actor(CLI_PLATFORM, login[:40]), is_admin=True)


# Each platform's user id format; a Teams object id is stored lower-case.
_USER_ID_CHECKS = {"slack": is_slack_user_id, "teams": is_teams_user_id}


def _to_platform_user_id(platform: str, user_id: str) -> str:
    return user_id.strip().lower() if platform == "teams" else user_id


def _run_admin_add(args: argparse.Namespace, ctx: CliContext) -> int:
    ensure_store(ctx.db_engine)
    # The table in error_messages tells InvalidValue (e.g. already an admin) by this id.
    args.user_id = _to_platform_user_id(args.platform, args.user_id)
    # Slack, with SLACK_BOT_TOKEN: users.info says whether the person exists, as for /kb.
    check_user = build_user_check(ctx.settings) if args.platform == "slack" else None
    entry = run_edit(
        ctx.db_engine,
        lambda s: add_member(
            s,
            to_operator(),
            args.user_id,
            ROLE_ADMIN,
            platform=args.platform,
            is_user_id=_USER_ID_CHECKS[args.platform],
            check_user=check_user,
        ),
    )
    print(render_text("admin_added", ctx.lang, user_id=args.user_id, change_id=entry.id))
    return 0


def _run_admin_remove(args: argparse.Namespace, ctx: CliContext) -> int:
    ensure_store(ctx.db_engine)
    operator = to_operator()
    platform = args.platform
    args.user_id = _to_platform_user_id(platform, args.user_id)
    # Not found (UnknownCode, RecordChanged) and InvalidValue: the table in error_messages.
    try:
        run_edit(
            ctx.db_engine,
            lambda s: remove_member(s, operator, args.user_id, ROLE_ADMIN, platform=platform),
        )
    except NeedsConfirmation as asked:
        prompt = render_text("admin_remove_confirm", ctx.lang, user_id=args.user_id)
        if not is_confirmed(args.yes, prompt):
            return refuse("admin_remove_cancelled", ctx.lang, user_id=args.user_id)
        versions = asked.versions
        entry = run_edit(
            ctx.db_engine,
            lambda s: remove_member(
                s,
                operator,
                args.user_id,
                ROLE_ADMIN,
                platform=platform,
                confirmed_versions=versions,
            ),
        )
        print(render_text("admin_removed", ctx.lang, user_id=args.user_id, change_id=entry.id))
        return 0
    raise AssertionError("remove_member asks before removing")  # pragma: no cover


def _run_admin_list(args: argparse.Namespace, ctx: CliContext) -> int:
    ensure_store(ctx.db_engine)
    with Session(ctx.db_engine) as session:
        members = list_members(session)
    admins = [m for m in members if m.role == ROLE_ADMIN]
    editors = [m for m in members if m.role == ROLE_EDITOR]
    print(
        render_text(
            "admin_list",
            ctx.lang,
            env_admins=ctx.settings.get_admin_ids(),
            teams_env_admins=ctx.settings.get_teams_admin_ids(),
            admins=admins,
            editors=editors,
        )
    )
    return 0


def _run_kb_export(args: argparse.Namespace, ctx: CliContext) -> int:
    from knowledge.editing import export_store

    ensure_store(ctx.db_engine)
    path = Path(args.file)
    with Session(ctx.db_engine) as session:
        summary = export_store(session, path)  # OSError: the table in error_messages
    total = sum(summary.counts.values())
    print(render_text("kb_exported", ctx.lang, file=str(path), total=total, counts=summary.counts))
    return 0


# An import lists at most this many record changes (and budget figures); then how many more.
IMPORT_SHOWN_CHANGES = 30
# A long text that changes is shown from this many characters before its first difference.
_CONTEXT = 20


def _to_change_summary(entity: str, before: Any, after: Any) -> str:
    """`before → after` of one record; a long text shown where it changes, not cut before."""
    if before is not None and after is not None:
        before, after = dict(before), dict(after)
        for name, old in before.items():
            new = after.get(name)
            if not (isinstance(old, str) and isinstance(new, str) and old != new):
                continue
            if max(len(old), len(new)) > MAX_SHOWN_VALUE:
                pairs = enumerate(zip(old, new, strict=False))
                differs = next((i for i, (a, b) in pairs if a != b), min(len(old), len(new)))
                start = max(0, differs - _CONTEXT)
                mark = "…" if start else ""
                before[name], after[name] = mark + old[start:], mark + new[start:]
    return to_summary(entity, before, after)


def _run_kb_import(args: argparse.Namespace, ctx: CliContext) -> int:
    from knowledge.editing import apply_import, plan_import

    ensure_store(ctx.db_engine)
    path = Path(args.file)
    with Session(ctx.db_engine) as session:
        plan = plan_import(session, path)  # SeedInvalid: the table's exit 4
    if not plan.has_changes:
        print(render_text("kb_import_nothing", ctx.lang, file=plan.file))
        return 0
    print(
        render_text(
            "kb_import_summary",
            ctx.lang,
            file=plan.file,
            counts=plan.to_counts(),
            figures=plan.figures[:IMPORT_SHOWN_CHANGES],
            more_figures=max(0, len(plan.figures) - IMPORT_SHOWN_CHANGES),
            changes=[
                {
                    "entity": c.entity,
                    "label": c.label,
                    "summary": _to_change_summary(c.entity, c.before, c.after),
                }
                for c in plan.record_changes[:IMPORT_SHOWN_CHANGES]
            ],
            more_changes=max(0, len(plan.record_changes) - IMPORT_SHOWN_CHANGES),
            mismatches=plan.mismatches,
        )
    )
    if not is_confirmed(args.yes, render_text("kb_import_confirm", ctx.lang)):
        return refuse("kb_import_cancelled", ctx.lang)
    actor = to_operator().actor
    # RecordChanged (the store changed meanwhile): the table in error_messages.
    result = run_edit(ctx.db_engine, lambda s: apply_import(s, plan, actor))
    ids = result.record_change_ids
    print(
        render_text(
            "kb_import_done",
            ctx.lang,
            file=plan.file,
            change_id=result.change_id,
            count=len(ids),
            first=ids[0] if ids else None,
            last=ids[-1] if ids else None,
        )
    )
    return 0


def add_commands(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Registers this module's subcommands on the `staffbot` parser."""
    admin = commands.add_parser("admin", help="admins who may change the knowledge from chat")
    actions = admin.add_subparsers(dest="action", required=True)
    for name, handler, text in [
        ("add", _run_admin_add, "make a chat user id an admin"),
        ("remove", _run_admin_remove, "take admin rights away from a chat user id"),
    ]:
        action = actions.add_parser(name, help=text)
        action.add_argument("user_id", help="the chat platform's user id, e.g. U012ABCDEF")
        action.add_argument(
            "--platform",
            default=DEFAULT_PLATFORM,
            choices=sorted(_USER_ID_CHECKS),
            help="the chat platform (default: slack; teams: a Microsoft Entra object id)",
        )
        if name == "remove":
            action.add_argument("--yes", action="store_true", help="remove without asking")
        action.set_defaults(run=handler)
    listing = actions.add_parser(
        "list", help="list admins (STAFFBOT_ADMINS and stored) and editors"
    )
    listing.set_defaults(run=_run_admin_list)

    kb = commands.add_parser("kb", help="bulk work on the knowledge: export and import")
    kb_actions = kb.add_subparsers(dest="action", required=True)
    export = kb_actions.add_parser("export", help="write the whole store to FILE (seed format)")
    export.add_argument("file")
    export.set_defaults(run=_run_kb_export)
    load = kb_actions.add_parser(
        "import", help="show what FILE changes, then replace the knowledge with it"
    )
    load.add_argument("file")
    load.add_argument("--yes", action="store_true", help="apply without asking")
    load.set_defaults(run=_run_kb_import)
