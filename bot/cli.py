"""The `staffbot` command: ask, chat and database maintenance."""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Callable, Sequence
from importlib.metadata import version
from typing import Any, TextIO

from pydantic import ValidationError
from sqlalchemy.engine import Engine

from bot import cli_digest, cli_kb, cli_schedule, cli_teams
from bot.cli_input import QuestionText, to_question_text, use_lenient_stdin
from bot.cli_support import (
    EXIT_BAD_INPUT,
    EXIT_OUTPUT_CLOSED,
    EXIT_SEED_INVALID,
    EXIT_STORE_UNAVAILABLE,
    CliContext,
)
from bot.composition import (
    build_answer_engine,
    build_db_engine,
    build_web_process,
    configure_logging,
    run_socket_mode_process,
)
from bot.settings import Settings
from bot.text_render import render_answer_text, render_text
from knowledge.answering import Answer, AnswerEngine, detect_lang
from knowledge.errors import SeedInvalid, StoreFull, StoreUnavailable
from knowledge.seeding import reset_store, seed_store
from knowledge.store import migrate, to_safe_url


def to_json_object(answer: Answer) -> dict[str, Any]:
    return {
        "answered": answer.answered,
        "text": render_answer_text(answer),
        "lang": answer.lang,
        "intent": answer.intent,
        "confidence": round(answer.confidence, 3),
        "sources": [s.to_dict() for s in answer.sources],
        "suggestions": answer.suggestions,
    }


def _print_json(answer: Answer, out: TextIO) -> None:
    out.write(json.dumps(to_json_object(answer), ensure_ascii=False) + "\n")
    out.flush()


def _warn_unreadable(question: QuestionText, lang: str, line: int | None = None) -> None:
    if question.unreadable:
        text = render_text("input_unreadable", lang, count=question.unreadable, line=line)
        print(text, file=sys.stderr, flush=True)


def _run_ask(
    args: argparse.Namespace, engine_factory: Callable[[], AnswerEngine], lang: str
) -> int:
    if args.jsonl:
        use_lenient_stdin()
        engine = engine_factory()
        for number, line in enumerate(sys.stdin, start=1):
            question = to_question_text(line)
            _warn_unreadable(question, lang, number)
            _print_json(engine.answer(question.text), sys.stdout)
        return 0
    question = to_question_text(" ".join(args.question))
    if not question.text:
        print(render_text("empty_question", lang), file=sys.stderr)
        return EXIT_BAD_INPUT
    _warn_unreadable(question, lang)
    answer = engine_factory().answer(question.text)
    if args.json:
        _print_json(answer, sys.stdout)
    else:
        print(render_answer_text(answer))
    return 0


def _run_chat(engine_factory: Callable[[], AnswerEngine], lang: str) -> int:
    use_lenient_stdin()
    engine = engine_factory()
    print(render_answer_text(engine.answer("help" if lang == "en" else "帮助")))
    while True:
        try:
            question = to_question_text(input("\n> "))
        except (EOFError, KeyboardInterrupt):
            print()
            return 0
        if question.text.lower() in {"exit", "quit", "退出"}:
            return 0
        _warn_unreadable(question, lang)
        if question.text:
            print(render_answer_text(engine.answer(question.text)))


def _run_db(args: argparse.Namespace, db_engine: Engine, lang: str) -> int:
    target = to_safe_url(str(db_engine.url))
    if args.action == "upgrade":
        migrate.upgrade(db_engine)
        print(render_text("db_done", lang, action="upgrade", target=target))
    elif args.action == "seed":
        if not migrate.is_up_to_date(db_engine):
            migrate.upgrade(db_engine)
        count = seed_store(db_engine)
        print(render_text("db_done", lang, action="seed", target=target, count=count))
    else:
        if not args.yes:
            if not sys.stdin.isatty():
                print(render_text("reset_refused", lang), file=sys.stderr)
                return EXIT_BAD_INPUT
            reply = input(render_text("reset_confirm", lang, target=target) + " ")
            if reply.strip().lower() not in {"y", "yes", "是"}:
                print(render_text("reset_refused", lang), file=sys.stderr)
                return EXIT_BAD_INPUT
        reset_store(db_engine)
        print(render_text("db_done", lang, action="reset", target=target))
    return 0


# The web process listens on every interface: a platform's router (or a proxy) sends it
# Slack's requests; PORT says where.
SERVE_HOST = "0.0.0.0"


def _run_serve(args: argparse.Namespace, settings: Settings, lang: str) -> int:
    # Imported here: the web server and Slack's SDK would slow every `staffbot ask` start.
    import asyncio

    import uvicorn
    from slack_sdk.errors import SlackApiError

    missing = settings.list_missing_for_serve(socket_mode=args.socket)
    if missing:
        print(render_text("setting_missing", lang, variable=missing[0]), file=sys.stderr)
        return EXIT_BAD_INPUT
    if args.socket:
        try:
            asyncio.run(run_socket_mode_process(settings))
        except SlackApiError as exc:
            error = str(exc.response.get("error") or exc.response.status_code)
            print(render_text("socket_refused", lang, error=error), file=sys.stderr)
            return EXIT_BAD_INPUT
        return 0
    from bot.web import configure_access_log

    # log_config=None: uvicorn's loggers, its access log too, go through the logging
    # configured above; the probes' lines are left out.
    configure_access_log()
    uvicorn.run(build_web_process(settings), host=SERVE_HOST, port=settings.port, log_config=None)
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="staffbot", description=__doc__)
    parser.add_argument("--version", action="version", version=f"%(prog)s {version('staffbot')}")
    commands = parser.add_subparsers(dest="command", required=True)
    ask = commands.add_parser("ask", help="answer one question (or one per line with --jsonl)")
    ask.add_argument("question", nargs="*", help="the question, in English or Chinese")
    mode = ask.add_mutually_exclusive_group()
    mode.add_argument("--json", action="store_true", help="print one JSON object")
    mode.add_argument(
        "--jsonl", action="store_true", help="read questions from stdin, one per line"
    )
    commands.add_parser("chat", help="an interactive console for trying the bot")
    db = commands.add_parser("db", help="database maintenance")
    db.add_argument("action", choices=["upgrade", "seed", "reset"])
    db.add_argument("--yes", action="store_true", help="reset without asking")
    serve = commands.add_parser(
        "serve", help="run the web process: the chat endpoints and the probes on PORT"
    )
    serve.add_argument(
        "--socket",
        action="store_true",
        help="connect to Slack in Socket Mode instead (development; needs SLACK_APP_TOKEN)",
    )
    cli_kb.add_commands(commands)
    cli_schedule.add_commands(commands)
    cli_digest.add_commands(commands)
    cli_teams.add_commands(commands)
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


def _run(argv: Sequence[str] | None) -> int:
    args = build_parser().parse_args(argv)
    question = to_question_text(" ".join(getattr(args, "question", []) or [])).text
    try:
        settings = Settings()
    except ValidationError as exc:
        error = exc.errors()[0]
        variable = ".".join(str(part) for part in error["loc"])
        lang = detect_lang(question) if question else "en"
        print(
            render_text("settings_invalid", lang, variable=variable, reason=error["msg"]),
            file=sys.stderr,
        )
        return EXIT_BAD_INPUT
    configure_logging(settings)
    lang = detect_lang(question) if question else settings.lang
    try:
        db_engine = build_db_engine(settings)

        def engine_factory() -> AnswerEngine:
            return build_answer_engine(db_engine)

        run = getattr(args, "run", None)
        if run is not None:
            return int(run(args, CliContext(settings, db_engine, lang)))
        if args.command == "ask":
            return _run_ask(args, engine_factory, lang)
        if args.command == "chat":
            return _run_chat(engine_factory, lang)
        if args.command == "serve":
            return _run_serve(args, settings, lang)
        return _run_db(args, db_engine, lang)
    except StoreUnavailable as exc:
        template = "store_full" if isinstance(exc, StoreFull) else "store_unavailable"
        print(render_text(template, lang, target=exc.target, reason=exc.reason), file=sys.stderr)
        return EXIT_STORE_UNAVAILABLE
    except SeedInvalid as exc:
        print(
            render_text(
                "seed_invalid",
                lang,
                file=exc.file,
                location=exc.location,
                reason=exc.reason,
                reason_key=exc.reason_key,
                details=exc.details,
            ),
            file=sys.stderr,
        )
        return EXIT_SEED_INVALID


if __name__ == "__main__":
    sys.exit(main())
