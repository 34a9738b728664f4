"""`staffbot serve`: the web process (Slack's and Teams' endpoints), or Slack's Socket Mode."""

from __future__ import annotations

import argparse

from bot.cli._output import refuse
from bot.cli.context import CliContext
from bot.cli.errors import SocketRefused
from bot.composition import build_web_process, run_socket_mode_process

# The web process listens on every interface: a platform's router (or a proxy) sends it
# Slack's requests; PORT says where.
SERVE_HOST = "0.0.0.0"


def run_serve(args: argparse.Namespace, ctx: CliContext) -> int:
    # Imported here: the web server and Slack's SDK would slow every `staffbot ask` start.
    import asyncio

    import uvicorn
    from slack_sdk.errors import SlackApiError

    settings = ctx.settings
    missing = settings.list_missing_for_serve(socket_mode=args.socket)
    if missing:
        return refuse("setting_missing", ctx.lang, variable=missing[0])
    if args.socket:
        try:
            asyncio.run(run_socket_mode_process(settings))
        except SlackApiError as exc:
            # Slack's SDK is imported only here, so the table names our own exception.
            raise SocketRefused(str(exc.response.get("error") or exc.response.status_code)) from exc
        return 0
    from bot.web import configure_access_log

    # log_config=None: uvicorn's loggers, its access log too, go through the logging
    # configured above; the probes' lines are left out.
    configure_access_log()
    uvicorn.run(build_web_process(settings), host=SERVE_HOST, port=settings.port, log_config=None)
    return 0


def add_commands(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Registers this module's subcommands on the `staffbot` parser."""
    serve = commands.add_parser(
        "serve", help="run the web process: the chat endpoints and the probes on PORT"
    )
    serve.add_argument(
        "--socket",
        action="store_true",
        help="connect to Slack in Socket Mode instead (development; needs SLACK_APP_TOKEN)",
    )
    serve.set_defaults(run=run_serve)
