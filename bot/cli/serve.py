"""`staffbot serve`: the web process (Slack's and Teams' endpoints), or Slack's Socket Mode."""

from __future__ import annotations

import argparse
import logging
import signal
import socket
from collections.abc import Callable

from bot.cli._output import refuse
from bot.cli.context import CliContext
from bot.cli.errors import PortInUse, SocketRefused, TokenRefused
from bot.composition import (
    build_web_process,
    check_slack_token,
    run_socket_mode_process,
    start_metrics_port,
)
from bot.settings import Settings
from knowledge.errors import StoreMisconfigured, StoreUnavailable
from knowledge.store import HEALTH_CHECK_TIMEOUT_S, check_connection

# The web process listens on every interface: a platform's router (or a proxy) sends it
# Slack's requests; PORT says where.
SERVE_HOST = "0.0.0.0"

logger = logging.getLogger(__name__)


def run_serve(args: argparse.Namespace, ctx: CliContext) -> int:
    # Imported here: the web server and Slack's SDK would slow every `staffbot ask` start.
    import asyncio

    import uvicorn
    from slack_sdk.errors import SlackApiError

    settings = ctx.settings
    missing = settings.list_missing_for_serve(socket_mode=args.socket)
    if missing:
        return refuse("setting_missing", ctx.lang, variables=missing)
    _check_store(ctx)
    _check_slack_token(settings)
    if args.socket:
        try:
            asyncio.run(run_socket_mode_process(settings))
        except SlackApiError as exc:
            # Slack's SDK is imported only here, so the table names our own exception.
            raise SocketRefused(str(exc.response.get("error") or exc.response.status_code)) from exc
        return 0
    from bot.web import SHUTDOWN_GRACE_S, configure_access_log

    # log_config=None: uvicorn's loggers, its access log too, go through the logging
    # configured above; the probes' lines are left out.
    configure_access_log()
    listener = _listen(settings.port)
    config = uvicorn.Config(
        build_web_process(settings), log_config=None, timeout_graceful_shutdown=SHUTDOWN_GRACE_S
    )
    # uvicorn handles SIGINT and SIGTERM while it serves (stops accepting, lets the requests
    # in flight finish), then raises the signal again for the handler it found: ours notes
    # it, so a requested stop ends with exit status 0, not a KeyboardInterrupt or -15.
    for signum in (signal.SIGINT, signal.SIGTERM):
        signal.signal(signum, _note_stop)
    at_exit = _start_metrics_port(settings)
    try:
        uvicorn.Server(config).run(sockets=[listener])
    finally:
        at_exit()
    return 0


def _start_metrics_port(settings: Settings) -> Callable[[], None]:
    """STAFFBOT_METRICS_PORT's server (if set); a port in use is told as such."""
    try:
        return start_metrics_port(settings)
    except OSError as exc:
        port = settings.metrics_port or 0
        raise PortInUse(port, exc.strerror or str(exc), "STAFFBOT_METRICS_PORT") from exc


def _note_stop(signum: int, _frame: object) -> None:
    logger.info("stopped by %s", signal.Signals(signum).name)


def _check_store(ctx: CliContext) -> None:
    """A store the settings point at wrongly stops start-up (StoreMisconfigured: a wrong
    password, an unknown database); one that is down does not: /readyz says so until it
    answers, and users are told it is temporarily unavailable."""
    try:
        check_connection(ctx.db_engine, HEALTH_CHECK_TIMEOUT_S)
    except StoreMisconfigured:
        raise
    except StoreUnavailable as exc:
        logger.warning("store unavailable at start-up, serving anyway: %s", exc.reason)


def _check_slack_token(settings: Settings) -> None:
    """A token Slack refuses stops start-up (rather than every request failing later); a
    Slack that cannot be asked does not: the network may come back."""
    check = check_slack_token(settings)
    if check is None:
        return
    if check.is_refused():
        raise TokenRefused(str(check.error))
    if not check.reachable:
        logger.warning("could not check SLACK_BOT_TOKEN with Slack (auth.test): %s", check.error)


def _listen(port: int) -> socket.socket:
    """The web process's listening socket, bound before anything else starts, so that a
    port in use is told as such (uvicorn would log it and exit 1)."""
    listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        listener.bind((SERVE_HOST, port))
    except OSError as exc:
        listener.close()
        raise PortInUse(port, exc.strerror or str(exc)) from exc
    listener.set_inheritable(True)
    return listener


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
