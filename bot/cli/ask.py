"""`staffbot ask` (one question, or one per stdin line with --jsonl) and `staffbot chat`.

An `ask --jsonl` line is a question as plain text, or a JSON object
`{"q": "QUESTION", "conversation": "ID"}` (PRODUCT.md). Each becomes a `Turn`, and every
turn is answered in `answer_turn`: the one place where the conversation id arrives.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TextIO

from platformdirs import user_data_dir

from bot.cli._input import REPLACEMENT, QuestionText, to_question_text, use_lenient_stdin
from bot.cli._output import refuse
from bot.cli.context import CliContext
from bot.cli.errors import InvalidLine
from bot.composition import build_answer_engine
from bot.text_render import render_answer_text, render_text
from knowledge.answering import (
    Answer,
    AnswerEngine,
    TurnContext,
    answer_in_context,
    detect_lang,
    detect_script,
    to_script,
)

# The `intent` of the JSON object that answers an `ask --jsonl` line that is no question.
INVALID_LINE_INTENT = "invalid_line"


@dataclass(frozen=True)
class Turn:
    """One question of `ask --jsonl`, and the conversation it belongs to (None: none)."""

    question: QuestionText
    conversation: str | None = None


def to_turn(raw: str, line: int) -> Turn:
    """The line as a turn: a JSON object with a string "q" is that question (and its
    "conversation"); any other line is the question itself. InvalidLine for a line that
    starts as a JSON object but is not one of those."""
    text = to_question_text(raw)
    if not text.text.startswith("{"):
        return Turn(text)
    try:
        value = json.loads(text.text)
    except json.JSONDecodeError as exc:
        raise InvalidLine(line, "not_json") from exc
    if not isinstance(value, dict) or not isinstance(value.get("q"), str):
        raise InvalidLine(line, "no_question")
    conversation = value.get("conversation")
    if isinstance(conversation, int) and not isinstance(conversation, bool):
        conversation = str(conversation)
    elif conversation is not None and not isinstance(conversation, str):
        raise InvalidLine(line, "bad_conversation")
    # Escapes such as "\ud800" in the JSON text decode to lone surrogates: cleaned again.
    question = to_question_text(value["q"])
    unreadable = text.unreadable + question.unreadable
    return Turn(QuestionText(question.text, unreadable), conversation)


def answer_turn(
    engine: AnswerEngine, turn: Turn, contexts: dict[str, TurnContext] | None = None
) -> Answer:
    """The answer to one turn. A turn with a conversation id is answered in the context its
    conversation's earlier turns left in `contexts` (kept there for the next); a turn
    without one stands alone."""
    if turn.conversation is None or contexts is None:
        return engine.answer(turn.question.text)
    answer, context = answer_in_context(engine, turn.question.text, contexts.get(turn.conversation))
    contexts[turn.conversation] = context
    return answer


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


def to_invalid_line_object(error: InvalidLine, raw: str) -> dict[str, Any]:
    """What answers a line that is no question: the contract's keys, answered false, the
    reason in the line's language, and `error` (the reason key) and `line` (its number)."""
    lang = detect_lang(to_question_text(raw).text)
    return {
        "answered": False,
        "text": render_text(
            "jsonl_invalid_line", lang, line=error.line, reason_key=error.reason_key
        ),
        "lang": lang,
        "intent": INVALID_LINE_INTENT,
        "confidence": 0.0,
        "sources": [],
        "suggestions": [],
        "error": error.reason_key,
        "line": error.line,
    }


def _print_json(value: dict[str, Any], out: TextIO) -> None:
    out.write(json.dumps(value, ensure_ascii=False) + "\n")
    out.flush()


def _warn_unreadable(question: QuestionText, default_lang: str, line: int | None = None) -> None:
    """The warning about undecodable bytes, in the question's language and script, as its
    answer is (`default_lang`, STAFFBOT_LANG's, when nothing readable is left of it)."""
    if question.unreadable:
        readable = question.text.replace(REPLACEMENT, "").strip()
        lang = detect_lang(readable) if readable else default_lang
        text = render_text("input_unreadable", lang, count=question.unreadable, line=line)
        text = to_script(text, detect_script(readable))
        print(text, file=sys.stderr, flush=True)


def _run_jsonl(ctx: CliContext) -> int:
    use_lenient_stdin()
    engine = build_answer_engine(ctx.settings, ctx.db_engine)
    # The context each conversation's last turn left, for this run only: the lines of one
    # conversation are its turns, in order.
    contexts: dict[str, TurnContext] = {}
    for number, line in enumerate(sys.stdin, start=1):
        try:
            turn = to_turn(line, number)
        except InvalidLine as error:
            # One bad line is answered as such; the batch goes on.
            _print_json(to_invalid_line_object(error, line), sys.stdout)
            continue
        _warn_unreadable(turn.question, ctx.lang, number)
        _print_json(to_json_object(answer_turn(engine, turn, contexts)), sys.stdout)
    return 0


def run_ask(args: argparse.Namespace, ctx: CliContext) -> int:
    if args.jsonl:
        return _run_jsonl(ctx)
    question = to_question_text(" ".join(args.question))
    if not question.text:
        return refuse("empty_question", ctx.lang)
    _warn_unreadable(question, ctx.lang)
    answer = build_answer_engine(ctx.settings, ctx.db_engine).answer(question.text)
    if args.json:
        _print_json(to_json_object(answer), sys.stdout)
    else:
        print(render_answer_text(answer))
    return 0


# Lines of `staffbot chat` kept between sessions (the arrow keys recall them).
CHAT_HISTORY_FILE = "chat_history"
CHAT_HISTORY_LINES = 1000
QUIT_WORDS = frozenset({"exit", "quit", "退出"})


def _start_history(ctx: CliContext) -> Callable[[], None]:
    """Line editing and history for a terminal (readline); returns what saves the history.
    Without a terminal, or without readline (Windows), nothing changes."""
    if not sys.stdin.isatty():
        return lambda: None
    try:
        import readline
    except ImportError:
        return lambda: None
    folder = ctx.settings.data_dir or Path(user_data_dir("staffbot", appauthor=False))
    path = folder / CHAT_HISTORY_FILE
    with contextlib.suppress(OSError):
        readline.read_history_file(path)
    readline.set_history_length(CHAT_HISTORY_LINES)

    def save() -> None:
        with contextlib.suppress(OSError):
            folder.mkdir(parents=True, exist_ok=True)
            readline.write_history_file(path)

    return save


def run_chat(_args: argparse.Namespace, ctx: CliContext) -> int:
    use_lenient_stdin()
    engine = build_answer_engine(ctx.settings, ctx.db_engine)
    print(render_answer_text(engine.answer("help" if ctx.lang == "en" else "帮助")))
    print(render_text("chat_intro", ctx.lang))
    save_history = _start_history(ctx)
    context: TurnContext | None = None
    try:
        while True:
            try:
                question = to_question_text(input("\n> "))
            except (EOFError, KeyboardInterrupt):
                print()
                return 0
            if question.text.lower() in QUIT_WORDS:
                return 0
            _warn_unreadable(question, ctx.lang)
            if question.text:
                # One conversation: "and P2?" after "P3 budget" is a follow-up.
                answer, context = answer_in_context(engine, question.text, context)
                print(render_answer_text(answer))
    finally:
        save_history()


def add_commands(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Registers this module's subcommands on the `staffbot` parser."""
    ask = commands.add_parser("ask", help="answer one question (or one per line with --jsonl)")
    ask.add_argument("question", nargs="*", help="the question, in English or Chinese")
    mode = ask.add_mutually_exclusive_group()
    mode.add_argument("--json", action="store_true", help="print one JSON object")
    mode.add_argument(
        "--jsonl",
        action="store_true",
        help='read questions from stdin, one per line (or {"q": …, "conversation": …})',
    )
    ask.set_defaults(run=run_ask)
    commands.add_parser("chat", help="an interactive console for trying the bot").set_defaults(
        run=run_chat
    )
