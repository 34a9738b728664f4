"""`staffbot chat` at a terminal (a pseudo-terminal): line editing and history across
sessions, through readline."""

from __future__ import annotations

import os
import pty
import select
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

STAFFBOT = shutil.which("staffbot", path=str(Path(sys.executable).parent)) or "staffbot"
UP = b"\x1b[A"


def _session(env: dict[str, str], keys: list[bytes]) -> str:
    """Runs `staffbot chat` on a pseudo-terminal, typing each of `keys` once the prompt
    shows; returns everything it wrote."""
    master, slave = pty.openpty()
    process = subprocess.Popen(
        [STAFFBOT, "chat"], env=env, stdin=slave, stdout=slave, stderr=slave, close_fds=True
    )
    os.close(slave)
    output = b""
    prompts = 0
    deadline = time.monotonic() + 60
    try:
        while time.monotonic() < deadline:
            ready, _, _ = select.select([master], [], [], 0.2)
            if ready:
                try:
                    chunk = os.read(master, 65536)
                except OSError:  # the process ended and closed its side
                    break
                if not chunk:
                    break
                output += chunk
            if output.count(b"> ") > prompts and prompts < len(keys):
                os.write(master, keys[prompts])
                prompts += 1
            if process.poll() is not None and not ready:
                break
        assert process.wait(timeout=10) == 0, output.decode(errors="replace")
    finally:
        os.close(master)
        if process.poll() is None:
            process.kill()
    return output.decode("utf-8", errors="replace")


def test_chat_recalls_questions_of_an_earlier_session(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("STAFFBOT_", "DATABASE_"))}
    env.update(STAFFBOT_DATA_DIR=str(tmp_path), TERM="xterm")
    first = _session(env, [b"P4 budget\r", b"quit\r"])
    assert "480,000" in first and "Ctrl-D" in first
    assert "P4 budget" in (tmp_path / "chat_history").read_text(encoding="utf-8")
    # Up twice: "quit" then "P4 budget", edited at the end of the line to P4 budgets.
    second = _session(env, [UP + UP + b"s\r", b"\x04"])
    assert "480,000" in second, second


@pytest.fixture(autouse=True)
def _needs_readline() -> None:
    pytest.importorskip("readline")
