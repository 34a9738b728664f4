"""End to end through the installed `staffbot` command, on a fresh SQLite store."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.support.slack_standin import SlackStandIn

STAFFBOT = shutil.which("staffbot", path=str(Path(sys.executable).parent)) or "staffbot"
JSON_KEYS = {"answered", "text", "lang", "intent", "confidence", "sources", "suggestions"}


@pytest.fixture(scope="module")
def env(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    environment = {
        k: v for k, v in os.environ.items() if not k.startswith(("STAFFBOT_", "DATABASE_URL"))
    }
    environment["STAFFBOT_DATA_DIR"] = str(tmp_path_factory.mktemp("cli"))
    return environment


def _run(
    env: dict[str, str], *args: str, stdin: str | None = None
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [STAFFBOT, *args],
        input=stdin,
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
        check=False,
    )


def test_ask_prints_the_answer_as_plain_text(env: dict[str, str]) -> None:
    run = _run(env, "ask", "What is the 2023 budget for P3?")
    assert run.returncode == 0, run.stderr
    assert "CHF 1,111,000" in run.stdout and "Source:" in run.stdout


def test_ask_json_prints_one_object_with_the_contract_keys(env: dict[str, str]) -> None:
    run = _run(env, "ask", "--json", "统计数据的预算是多少")
    reply = json.loads(run.stdout)
    assert reply.keys() >= JSON_KEYS
    assert reply["answered"] is True and reply["lang"] == "zh" and 0 <= reply["confidence"] <= 1
    assert reply["sources"] == [{"doc": "002_2ec95dfb0164208f.txt", "section": "3.3"}]
    assert "338,500" in reply["text"]


def test_ask_jsonl_answers_every_line_in_order(env: dict[str, str]) -> None:
    questions = ["P1 budget", "", "What's the weather like?", "E2预算"]
    run = _run(env, "ask", "--jsonl", stdin="\n".join(questions) + "\n")
    replies = [json.loads(line) for line in run.stdout.splitlines()]
    assert len(replies) == 4
    assert "519,000" in replies[0]["text"]
    assert replies[1]["intent"] == "help"
    assert replies[2]["answered"] is False
    assert replies[3]["lang"] == "zh" and "280,000" in replies[3]["text"]


def test_ask_jsonl_reads_a_json_object_line_as_its_question(env: dict[str, str]) -> None:
    """PRODUCT.md: a line may be {"q": QUESTION, "conversation": ID}; the first turn of a
    conversation, like a question that stands on its own, is answered as it would be alone."""
    plain = ["P1 budget", "E2预算", "What's the weather like?"]
    lines = [
        json.dumps({"q": plain[0], "conversation": "c1"}),
        json.dumps({"q": plain[1], "conversation": 7}, ensure_ascii=False),
        json.dumps({"q": plain[2]}),
        plain[0],
    ]
    run = _run(env, "ask", "--jsonl", stdin="\n".join(lines) + "\n")
    replies = [json.loads(line) for line in run.stdout.splitlines()]
    alone = [json.loads(_run(env, "ask", "--json", q).stdout) for q in plain]
    assert run.returncode == 0 and run.stderr == ""
    assert replies == [*alone, alone[0]]
    assert replies[1]["lang"] == "zh" and "280,000" in replies[1]["text"]


def test_ask_jsonl_answers_the_turns_of_a_conversation_in_its_context(
    env: dict[str, str],
) -> None:
    """Turns of one conversation id share its context, in order; conversations interleave;
    a plain line stands alone."""
    lines = [
        json.dumps({"q": "What is P3's budget?", "conversation": "a"}),
        json.dumps({"q": "What is P1's budget?", "conversation": "b"}),
        "and P2?",
        json.dumps({"q": "and P2?", "conversation": "a"}),
        json.dumps({"q": "its KPIs?", "conversation": "b"}),
        json.dumps({"q": "中文呢？", "conversation": "a"}, ensure_ascii=False),
    ]
    run = _run(env, "ask", "--jsonl", stdin="\n".join(lines) + "\n")
    replies = [json.loads(line) for line in run.stdout.splitlines()]
    assert run.returncode == 0 and len(replies) == 6, run.stderr
    alone = json.loads(_run(env, "ask", "--json", "and P2?").stdout)
    assert replies[2] == alone and alone["intent"] == "overview"
    opening = "P2 – Digital transformation: 2023 budget CHF 756,000, 18.0% of the total budget"
    assert replies[3]["text"].startswith(opening)  # the subject named once
    assert replies[3]["intent"] == "budget"
    assert replies[4]["intent"] == "kpi" and "P1-EMT-1" in replies[4]["text"]
    assert replies[5]["lang"] == "zh" and "数字化转型" in replies[5]["text"]


@pytest.mark.parametrize(
    ("line", "reason", "lang", "message"),
    [
        ('{"q": "P1 budget"', "not_json", "en", "Line 1 is not a question"),
        ('{"question": "P1 budget"}', "no_question", "en", 'has no text "q"'),
        ('{"q": 3}', "no_question", "en", 'has no text "q"'),
        ('{"q": "P1预算", "conversation": [1]}', "bad_conversation", "zh", "第 1 行不是问题"),
    ],
)
def test_ask_jsonl_answers_a_malformed_object_line_with_an_error_and_goes_on(
    env: dict[str, str], line: str, reason: str, lang: str, message: str
) -> None:
    run = _run(env, "ask", "--jsonl", stdin=f"{line}\nP2 budget\n")
    replies = [json.loads(reply) for reply in run.stdout.splitlines()]
    assert run.returncode == 0 and len(replies) == 2, run.stderr
    error = replies[0]
    assert error.keys() >= JSON_KEYS and error["answered"] is False
    assert (error["error"], error["line"], error["lang"]) == (reason, 1, lang)
    assert message in error["text"] and error["sources"] == [] and error["confidence"] == 0
    assert replies[1]["answered"] is True and "756,000" in replies[1]["text"]


def test_ask_jsonl_flushes_after_each_answer(env: dict[str, str]) -> None:
    with subprocess.Popen(
        [STAFFBOT, "ask", "--jsonl"],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
        env=env,
    ) as process:
        assert process.stdin and process.stdout
        process.stdin.write("P2 budget\n")
        process.stdin.flush()
        first = process.stdout.readline()  # would block forever without a flush
        process.stdin.close()
        process.wait(timeout=30)
    assert "756,000" in json.loads(first)["text"]


def test_ask_without_a_question_is_bad_input(env: dict[str, str]) -> None:
    run = _run(env, "ask", "  ")
    assert run.returncode == 2 and "Please give a question" in run.stderr


def test_unreachable_database_is_a_clear_error_without_secrets(env: dict[str, str]) -> None:
    bad = dict(
        env, DATABASE_URL="postgresql+psycopg://bot:hunter2@127.0.0.1:1/none", STAFFBOT_LANG="zh"
    )
    run = _run(bad, "ask", "P1 budget")
    assert run.returncode == 3
    assert "Traceback" not in run.stderr and "hunter2" not in run.stderr
    assert "temporarily unavailable" in run.stderr


def test_db_reset_needs_confirmation(env: dict[str, str]) -> None:
    run = _run(env, "db", "reset", stdin="")
    assert run.returncode == 2 and "--yes" in run.stderr
    assert _run(env, "db", "reset", "--yes").returncode == 0


def test_db_seed_and_upgrade_are_idempotent(env: dict[str, str]) -> None:
    assert _run(env, "db", "upgrade").returncode == 0
    run = _run(env, "db", "seed")
    assert run.returncode == 0 and "0 new records" in run.stdout


def test_chat_answers_until_end_of_input(env: dict[str, str]) -> None:
    run = _run(env, "chat", stdin="P4 budget\nquit\n")
    assert run.returncode == 0 and "480,000" in run.stdout
    assert "To quit, type exit" in run.stdout


def test_chat_is_one_conversation(env: dict[str, str]) -> None:
    run = _run(env, "chat", stdin="P4 budget\nand P2?\nquit\n")
    assert run.returncode == 0 and "480,000" in run.stdout
    assert "P2 – Digital transformation: 2023 budget CHF 756,000," in run.stdout
    assert run.stdout.count("P2 – Digital transformation:") == 1


def test_invalid_setting_names_the_variable(env: dict[str, str]) -> None:
    run = _run(dict(env, STAFFBOT_LANG="fr"), "ask", "P1 budget")
    assert run.returncode == 2 and "STAFFBOT_LANG" in run.stderr and "Traceback" not in run.stderr


# Bytes that are not UTF-8: "婦" in UTF-8 followed by a stray GBK byte, as a GBK terminal or
# a GBK file mixed with UTF-8 text gives them; Python hands them over as lone surrogates.
NOT_UTF8 = b"\xe5\xa9\xa6\xa0"


def _run_bytes(
    env: dict[str, str], *args: str | bytes, stdin: bytes | None = None
) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(
        [STAFFBOT, *args], input=stdin, capture_output=True, env=env, timeout=60, check=False
    )


@pytest.mark.parametrize("as_json", [False, True])
def test_ask_with_bytes_that_are_not_utf8_answers_and_says_what_was_left_out(
    env: dict[str, str], as_json: bool
) -> None:
    run = _run_bytes(env, "ask", *(["--json"] if as_json else []), NOT_UTF8)
    stderr = run.stderr.decode()
    assert run.returncode == 0 and "Traceback" not in stderr, stderr
    # "婦" is a traditional character: the warning is in traditional ones, as the answer.
    assert "問題中有 1 個字節不是 UTF-8 文本" in stderr
    out = run.stdout.decode("utf-8")  # strict: nothing undecodable is printed
    if as_json:
        reply = json.loads(out)
        assert reply["lang"] == "zh" and reply["answered"] is False
    else:
        assert "我不知道" in out


# A locale whose stdin is strict (en_US.UTF-8) raises on bad bytes; C.UTF-8's does not.
@pytest.mark.parametrize("io_encoding", [None, "utf-8:strict"])
def test_ask_jsonl_answers_every_line_when_one_is_not_utf8(
    env: dict[str, str], io_encoding: str | None
) -> None:
    environment = dict(env, PYTHONIOENCODING=io_encoding) if io_encoding else env
    stdin = b"P1 budget\n" + NOT_UTF8 + b"\nE2\xe9\xa2\x84\xe7\xae\x97\n"  # "E2预算"
    run = _run_bytes(environment, "ask", "--jsonl", stdin=stdin)
    stderr = run.stderr.decode()
    assert run.returncode == 0 and "Traceback" not in stderr, stderr
    replies = [json.loads(line) for line in run.stdout.decode("utf-8").splitlines()]
    assert len(replies) == 3
    assert "519,000" in replies[0]["text"]
    assert replies[1]["answered"] is False
    assert "280,000" in replies[2]["text"]
    # Line 2 is Chinese in traditional characters ("婦" and a stray byte): so is its warning.
    assert stderr.startswith("第 2 行：問題中有 1 個字節不是 UTF-8 文本")


def test_chat_goes_on_after_a_line_that_is_not_utf8(env: dict[str, str]) -> None:
    run = _run_bytes(env, "chat", stdin=NOT_UTF8 + b"\nP4 budget\nquit\n")
    assert run.returncode == 0 and "Traceback" not in run.stderr.decode()
    assert "480,000" in run.stdout.decode("utf-8")


def test_ask_jsonl_stops_quietly_when_the_reader_goes_away(env: dict[str, str]) -> None:
    """`staffbot ask --jsonl < questions | head -1`: no BrokenPipeError traceback."""
    with subprocess.Popen(
        [STAFFBOT, "ask", "--jsonl"],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=env,
    ) as process:
        assert process.stdin and process.stdout and process.stderr
        process.stdin.write(b"P1 budget\n")
        process.stdin.flush()
        assert b"519,000" in process.stdout.readline()
        process.stdout.close()  # as `head -1` does after its line
        process.stdin.write(b"P2 budget\nP3 budget\n")
        process.stdin.close()
        stderr = process.stderr.read().decode()
        assert process.wait(timeout=30) == 1
    assert stderr == ""


def test_schedule_add_with_slack_unreachable_says_so_without_the_sdks_error_line(
    env: dict[str, str],
) -> None:
    """Our message says Slack could not be asked; slack_sdk's own "ERROR … Failed to send a
    request" line is not printed before it (the default level, WARNING, lets ERROR through)."""
    with SlackStandIn() as slack:
        closed = slack.url  # nothing listens there once the stand-in has stopped
    environment = dict(env, SLACK_BOT_TOKEN="xoxb-1-cli-test", SLACK_API_URL=closed)
    environment.pop("STAFFBOT_LOG_LEVEL", None)
    run = _run(
        environment,
        *("schedule", "add", "--kind", "reminder", "--channel", "C0UNREACH"),
        *("--at", "mon 09:00", "--tz", "UTC"),
    )
    assert run.returncode != 0 and "Traceback" not in run.stderr, run.stderr
    assert "Channel C0UNREACH could not be checked" in run.stderr
    assert "nothing was added" in run.stderr
    assert "ERROR slack_sdk" not in run.stderr and "Failed to send" not in run.stderr
    listing = _run(env, "schedule", "list")
    assert "C0UNREACH" not in listing.stdout


@pytest.mark.parametrize(
    ("setting", "question", "warning"),
    [
        # A Chinese question under STAFFBOT_LANG=en: the warning is in Chinese, as the answer.
        ("en", "P1预算".encode() + b"\xa0", "问题中有 1 个字节不是 UTF-8 文本"),
        # An English question under STAFFBOT_LANG=zh: in English.
        ("zh", b"P1 budget\xa0", "the question held 1 byte that is not UTF-8 text"),
        # Traditional characters ("P1預算"): the warning in them too.
        ("en", "P1預算".encode() + b"\xa0", "問題中有 1 個字節不是 UTF-8 文本"),
    ],
)
def test_the_unreadable_bytes_warning_is_in_the_questions_language(
    env: dict[str, str], setting: str, question: bytes, warning: str
) -> None:
    environment = dict(env, STAFFBOT_LANG=setting)
    asked = _run_bytes(environment, "ask", question)
    assert asked.returncode == 0 and warning.lower() in asked.stderr.decode().lower()
    batch = _run_bytes(environment, "ask", "--jsonl", stdin=question + b"\n")
    assert batch.returncode == 0 and warning.lower() in batch.stderr.decode().lower()
    assert json.loads(batch.stdout.decode("utf-8"))["answered"] is True
    chat = _run_bytes(environment, "chat", stdin=question + b"\nquit\n")
    assert chat.returncode == 0 and warning.lower() in chat.stderr.decode().lower()


def test_the_unreadable_bytes_warning_follows_the_setting_when_nothing_is_readable(
    env: dict[str, str],
) -> None:
    run = _run_bytes(dict(env, STAFFBOT_LANG="zh"), "ask", "--jsonl", stdin=b"\xa0\xa1\n")
    assert run.stderr.decode().startswith("第 1 行：问题中有 2 个字节不是 UTF-8 文本")
