# ruff: noqa: E402  (imports follow the import-path fix-up below)
"""Slack over HTTP under load: acknowledgement and reply latency of `staffbot serve`.

Run from the repository root:  python benchmarks/http.py  [--duration 60] [--rate 100]
[--metrics]  (--metrics: the same with STAFFBOT_METRICS on, every request counted)

`staffbot serve` runs as its own process on loopback with a fresh SQLite store, its Web API
calls going to the Slack stand-in of the tests (tests/support/slack_standin.py), which
records when each reply arrives. A separate load process sends requests signed for real at
a fixed rate (open loop), half `/ask` slash commands and half `app_mention` events, and
times each acknowledgement. Mention → reply is the time from sending the event to the
stand-in receiving the `chat.postMessage` in its thread. The baseline, in the same run, is
`GET /healthz` at the same rate: the web stack and a database round trip, no Slack work.
Prints figures; it passes no judgement. Every request loop is bounded in count and time.
"""

from __future__ import annotations

import sys
from pathlib import Path

# This file is named http.py, as the issue asks: take its folder off the import path so that
# `http` stays the standard library's, and put the repository root on it for `tests.support`.
_HERE = Path(__file__).resolve().parent
sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != _HERE]
sys.path.insert(0, str(_HERE.parent))

import argparse
import asyncio
import multiprocessing
import os
import socket
import subprocess
import tempfile
import time
import urllib.request
from dataclasses import dataclass

import aiohttp

from tests.support.slack_payloads import event_callback, slash_command
from tests.support.slack_standin import SlackStandIn, sign

SECRET = "benchmark-signing-secret"
GOALS = {"ack_p99_ms": 100.0, "reply_p99_ms": 300.0}
QUESTIONS = (
    "P3 budget",
    "网络安全的关键绩效指标",
    "Which enabler has the largest budget?",
    "What is the ITU Academy?",
    "P1和P4的预算一共多少",
    "budjet for statistcs",
)


@dataclass(frozen=True)
class Sent:
    kind: str  # ask | mention | health
    key: str  # the mention's ts, to find its reply
    sent_at: float  # time.monotonic(), the same clock in every process on this machine
    ack_ms: float
    status: int


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def percentile(samples: list[float], percent: float) -> float:
    ordered = sorted(samples)
    if not ordered:
        return float("nan")
    return ordered[min(len(ordered) - 1, max(0, round(percent / 100 * len(ordered)) - 1))]


async def _load(
    base: str, response_url: str, kinds: tuple[str, ...], rate: float, duration: float
) -> list[Sent]:
    results: list[Sent] = []
    count = int(rate * duration)
    first_second = int(time.time())  # phases start seconds apart
    timeout = aiohttp.ClientTimeout(total=10)
    async with aiohttp.ClientSession(timeout=timeout) as session:

        async def one(n: int) -> None:
            kind = kinds[n % len(kinds)]
            question = QUESTIONS[n % len(QUESTIONS)]
            # Unique across phases: a repeated event_id would be dropped as a retry.
            key = f"{first_second}.{n:06d}"
            if kind == "health":
                method, url, body, headers = "GET", f"{base}/healthz", b"", {}
            else:
                if kind == "ask":
                    body, content_type = slash_command(question, response_url)
                else:
                    event = {
                        "type": "app_mention",
                        "user": "U0LOAD01",
                        "channel": "C0LOAD",
                        "text": f"<@UBOT0001> {question}",
                        "ts": key,
                        "event_ts": key,
                    }
                    body, content_type = event_callback(event, event_id=f"EvLoad{key}")
                headers = {"Content-Type": content_type, **sign(body, SECRET)}
                method, url = "POST", f"{base}/slack/events"
            started = time.monotonic()
            try:
                async with session.request(method, url, data=body, headers=headers) as reply:
                    await reply.read()
                    status = reply.status
            except (TimeoutError, aiohttp.ClientError):
                status = 0
            results.append(Sent(kind, key, started, (time.monotonic() - started) * 1000, status))

        tasks = []
        start = time.monotonic()
        for n in range(count):
            delay = start + n / rate - time.monotonic()
            if delay > 0:
                await asyncio.sleep(delay)
            tasks.append(asyncio.create_task(one(n)))
        await asyncio.gather(*tasks)
    return results


def _load_process(
    base: str,
    response_url: str,
    kinds: tuple[str, ...],
    rate: float,
    duration: float,
    out: multiprocessing.Queue,
) -> None:
    out.put(asyncio.run(_load(base, response_url, kinds, rate, duration)))


def run_load(
    base: str, response_url: str, kinds: tuple[str, ...], rate: float, duration: float
) -> list[Sent]:
    """The load, from a separate process so that it does not share a core with the server."""
    queue: multiprocessing.Queue = multiprocessing.Queue()
    process = multiprocessing.Process(
        target=_load_process, args=(base, response_url, kinds, rate, duration, queue)
    )
    process.start()
    results: list[Sent] = queue.get(timeout=duration + 120)
    process.join(timeout=30)
    return results


def wait_healthy(base: str, timeout: float = 30.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(f"{base}/healthz", timeout=2) as reply:
                if reply.status == 200:
                    return
        except OSError:
            time.sleep(0.2)
    raise SystemExit(f"staffbot serve did not become healthy at {base}")


def report(name: str, values: list[float], unit: str = "ms") -> str:
    return (
        f"{name}: p50 {percentile(values, 50):.1f} {unit}, p99 {percentile(values, 99):.1f} "
        f"{unit}, max {max(values, default=float('nan')):.1f} {unit} (n={len(values)})"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--duration", type=float, default=60.0, help="seconds of load")
    parser.add_argument("--rate", type=float, default=100.0, help="requests per second")
    parser.add_argument(
        "--metrics", action="store_true", help="with STAFFBOT_METRICS on (GET /metrics)"
    )
    args = parser.parse_args()
    staffbot = Path(sys.executable).with_name("staffbot")
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    with tempfile.TemporaryDirectory() as tmp, SlackStandIn() as slack:
        environment = {
            "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
            "STAFFBOT_DATA_DIR": tmp,
            "SLACK_BOT_TOKEN": "xoxb-benchmark",
            "SLACK_SIGNING_SECRET": SECRET,
            "SLACK_API_URL": slack.url,
            "PORT": str(port),
            "STAFFBOT_METRICS": "true" if args.metrics else "false",
        }
        server = subprocess.Popen(
            [str(staffbot), "serve"],
            env=environment,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        try:
            wait_healthy(base)
            run_load(base, slack.response_url("warm"), ("ask", "mention"), 20, 2)  # warm up
            time.sleep(2)
            slack.clear()
            baseline_duration = min(10.0, args.duration)
            baseline = run_load(base, "", ("health",), args.rate, baseline_duration)
            sent = run_load(
                base, slack.response_url("load"), ("ask", "mention"), args.rate, args.duration
            )
            time.sleep(3)  # replies still on their way
            replies = {
                c.body.get("thread_ts"): c.received_at for c in slack.calls_to("/chat.postMessage")
            }
            answered = len(slack.calls_to("/response/load"))
            if args.metrics:
                with urllib.request.urlopen(f"{base}/metrics", timeout=10) as response:
                    counted = [
                        line
                        for line in response.read().decode().splitlines()
                        if line.startswith("staffbot_questions_total{")
                    ]
                print("metrics:", "; ".join(counted))
        finally:
            server.terminate()
            server.wait(timeout=30)

    errors = [s for s in sent if s.status != 200]
    acks = [s.ack_ms for s in sent if s.status == 200]
    mentions = [s for s in sent if s.kind == "mention"]
    reply_ms = [(replies[s.key] - s.sent_at) * 1000 for s in mentions if s.key in replies]
    span = max(s.sent_at for s in sent) - min(s.sent_at for s in sent)
    print(
        f"load: {len(sent)} requests in {span:.1f} s ({len(sent) / max(span, 1e-9):.0f}/s), "
        f"{len(errors)} errors"
    )
    print(report("baseline GET /healthz", [s.ack_ms for s in baseline if s.status == 200]))
    print(report("ack, /ask and mentions", acks))
    print(report("ack, /ask", [s.ack_ms for s in sent if s.kind == "ask" and s.status == 200]))
    print(report("mention → reply in thread", reply_ms))
    print(
        f"replies: {len(reply_ms)} of {len(mentions)} mentions, {answered} of "
        f"{len(sent) - len(mentions)} /ask answers through response_url"
    )
    print(f"\nmetrics {'on' if args.metrics else 'off'}")
    print("| measure | figure | goal |\n| --- | --- | --- |")
    health = [s.ack_ms for s in baseline if s.status == 200]
    print(
        f"| baseline `GET /healthz` p50 / p99 | {percentile(health, 50):.1f} / "
        f"{percentile(health, 99):.1f} ms | |"
    )
    print(
        f"| ack p50 / p99 at {args.rate:g}/s, errors | {percentile(acks, 50):.1f} / "
        f"{percentile(acks, 99):.1f} ms, {len(errors)} | p99 ≤ {GOALS['ack_p99_ms']:g} ms, 0 |"
    )
    print(
        f"| mention → reply p50 / p99 | {percentile(reply_ms, 50):.1f} / "
        f"{percentile(reply_ms, 99):.1f} ms | p99 ≤ {GOALS['reply_p99_ms']:g} ms |"
    )


if __name__ == "__main__":
    main()
