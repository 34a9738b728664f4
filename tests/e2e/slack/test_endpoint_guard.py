"""End to end: what reaches POST /slack/events before its signature is checked costs little.

Huge bodies are refused without being held or stalling other requests; malformed signature
headers and bodies nested too deep get 401/400, never a 500 or an ERROR record; nothing of a
refused request (its body, its response_url) is logged.
"""

from __future__ import annotations

import contextlib
import logging
import select
import socket
import threading
import time
import tracemalloc
from urllib.parse import quote

import pytest

from tests.e2e.slack.conftest import Served
from tests.e2e.slack.test_endpoint import dm
from tests.support.slack_payloads import FORM, JSON, block_action, event_callback, slash_command

BODY_BYTES = 20_000_000
PIECE = b"x=1&" * 16_384  # 64 KB of a form body that takes long to parse
DEEP = 100_000


def read_status(sock: socket.socket) -> int | None:
    """The status of the answer on `sock`, or None if the server hung up without one."""
    answer = b""
    try:
        while b"\r\n" not in answer:
            data = sock.recv(4096)
            if not data:
                break
            answer += data
    except (ConnectionResetError, TimeoutError):
        pass
    return int(answer.split()[1]) if answer.startswith(b"HTTP/1.1 ") else None


def send_huge_body(served: Served, headers: dict[str, str], *, chunked: bool) -> int | None:
    """POSTs BODY_BYTES to /slack/events in pieces, declared up front or chunked; the status,
    or None if the server hung up without one. Sending stops as soon as the server answers or
    closes: it may refuse before the body is all sent, and sending on would break the pipe."""
    host, port = served.url.removeprefix("http://").split(":")
    framing = "Transfer-Encoding: chunked" if chunked else f"Content-Length: {BODY_BYTES}"
    head = ["POST /slack/events HTTP/1.1", f"Host: {host}:{port}", framing]
    head += [f"{name}: {value}" for name, value in headers.items()]
    piece = b"%x\r\n%s\r\n" % (len(PIECE), PIECE) if chunked else PIECE
    with socket.create_connection((host, int(port)), timeout=30) as sock:
        sock.sendall(("\r\n".join(head) + "\r\n\r\n").encode())
        try:
            for _ in range(BODY_BYTES // len(PIECE)):
                readable, writable, _ = select.select([sock], [sock], [], 30)
                if readable or not writable:
                    break
                sock.sendall(piece)
            else:
                if chunked:
                    sock.sendall(b"0\r\n\r\n")
        except (BrokenPipeError, ConnectionResetError, TimeoutError):
            pass
        return read_status(sock)


def send_unsigned(served: Served, body: bytes, content_type: str) -> int | None:
    """POSTs `body` unsigned over a raw socket: the server refuses it from its headers (401)
    and may close before the body is all sent, which urllib reports as a broken pipe."""
    host, port = served.url.removeprefix("http://").split(":")
    head = [
        "POST /slack/events HTTP/1.1",
        f"Host: {host}:{port}",
        f"Content-Type: {content_type}",
        f"Content-Length: {len(body)}",
        "Connection: close",
    ]
    with socket.create_connection((host, int(port)), timeout=30) as sock:
        with contextlib.suppress(BrokenPipeError, ConnectionResetError):
            sock.sendall(("\r\n".join(head) + "\r\n\r\n").encode() + body)
        return read_status(sock)


def timed_healthz(served: Served) -> float:
    """Seconds until GET /healthz answered 200 (or, on a stalled server, gave up)."""
    started = time.monotonic()
    try:
        answered = served.get("/healthz")[0] == 200
    except OSError:  # timed out
        answered = False
    elapsed = time.monotonic() - started
    return elapsed if answered else float("inf")


def error_records(caplog: pytest.LogCaptureFixture) -> list[str]:
    return [
        record.getMessage()
        for record in caplog.records
        if record.levelno >= logging.ERROR or record.exc_info is not None
    ]


@pytest.mark.parametrize(
    ("chunked", "with_signature", "expected"),
    [(False, False, 401), (True, False, 401), (False, True, 413), (True, True, 413)],
    ids=["declared-unsigned", "chunked-unsigned", "declared-signed", "chunked-signed"],
)
def test_a_huge_body_is_refused_unheld_while_the_server_stays_responsive(
    served: Served,
    caplog: pytest.LogCaptureFixture,
    chunked: bool,
    with_signature: bool,
    expected: int,
) -> None:
    # Unsigned: 401 before a byte of the body is read. With signature headers (a signature
    # cannot be checked before the whole body is there): 413, having held at most 1 MB.
    caplog.set_level(logging.INFO)  # production's level: nothing of the body is logged
    headers = {"Content-Type": FORM}
    if with_signature:
        headers["X-Slack-Request-Timestamp"] = str(int(time.time()))
        headers["X-Slack-Signature"] = "v0=" + "0" * 64
    statuses: list[int | None] = []
    tracemalloc.start()
    try:
        baseline = max(timed_healthz(served) for _ in range(5))
        held_before = tracemalloc.get_traced_memory()[0]
        tracemalloc.reset_peak()
        sender = threading.Thread(
            target=lambda: statuses.append(send_huge_body(served, headers, chunked=chunked))
        )
        sender.start()
        meanwhile: list[float] = []
        deadline = time.monotonic() + 60
        while (sender.is_alive() or len(meanwhile) < 5) and time.monotonic() < deadline:
            meanwhile.append(timed_healthz(served))
        sender.join(timeout=30)
        grown = tracemalloc.get_traced_memory()[1] - held_before
    finally:
        tracemalloc.stop()
    # Generous: a health check held up behind the body took seconds; this is no benchmark.
    assert max(meanwhile) < 10 * baseline + 1.0, (baseline, meanwhile)
    assert grown < BODY_BYTES / 4, f"the process held {grown / 1e6:.1f} MB more"
    assert "x=1&x=1" not in caplog.text
    assert statuses == [expected]


@pytest.mark.parametrize("timestamp", ["abc", "1e3", "", "\xb2", "12.5", "9" * 5000], ids=repr)
def test_a_malformed_timestamp_gets_401_and_no_error(
    served: Served, caplog: pytest.LogCaptureFixture, timestamp: str
) -> None:
    caplog.set_level(logging.DEBUG)
    body, ctype = slash_command("P3 budget", served.slack.response_url("bad-stamp"))
    headers = {"X-Slack-Request-Timestamp": timestamp, "X-Slack-Signature": "v0=" + "0" * 64}
    assert served.post(body, ctype, signed=False, headers=headers)[0] == 401
    assert error_records(caplog) == []


def test_a_signature_that_is_not_ascii_gets_401_and_no_error(
    served: Served, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    body, ctype = slash_command("P3 budget", served.slack.response_url("bad-signature"))
    headers = {"X-Slack-Request-Timestamp": str(int(time.time())), "X-Slack-Signature": "v0=\xe9"}
    assert served.post(body, ctype, signed=False, headers=headers)[0] == 401
    assert error_records(caplog) == []


@pytest.mark.parametrize(
    ("body", "content_type"),
    [
        (b"[" * DEEP + b"]" * DEEP, JSON),
        (
            b'{"type": "event_callback", "event": ' + b'{"a": ' * DEEP + b"1" + b"}" * DEEP + b"}",
            JSON,
        ),
        (b"payload=" + b"%5B" * DEEP + b"%5D" * DEEP, FORM),
    ],
    ids=["json-array", "json-object", "form-payload"],
)
def test_a_body_nested_too_deep_gets_401_unsigned_400_signed_and_no_traceback(
    served: Served, caplog: pytest.LogCaptureFixture, body: bytes, content_type: str
) -> None:
    caplog.set_level(logging.DEBUG)
    assert send_unsigned(served, body, content_type) == 401
    assert served.post(body, content_type)[0] == 400
    assert error_records(caplog) == []
    assert served.get("/healthz")[0] == 200


def test_a_refused_click_leaves_neither_its_response_url_nor_its_body_in_the_logs(
    served: Served, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    url = served.slack.response_url("refused-click-path")
    body, ctype = block_action("vote_helpful", "Marker4711 question", response_url=url)
    assert served.post(body, ctype, secret="not-the-secret")[0] == 401
    assert served.post(body, ctype, signed=False)[0] == 401
    assert served.post(body, ctype, timestamp=int(time.time()) - 10 * 60)[0] == 401
    logged = caplog.text + "\n".join(record.getMessage() for record in caplog.records)
    for leak in ("refused-click-path", quote(url, safe=""), "Marker4711", "payload="):
        assert leak not in logged
    assert "wrong or expired signature refused" in logged
    assert served.slack.calls_to("/response/refused-click-path") == []


def test_signed_requests_no_listener_takes_stay_out_of_the_logs(
    served: Served, caplog: pytest.LogCaptureFixture
) -> None:
    # Bolt quotes such requests (an unhandled action, the bot's own message) in its log.
    caplog.set_level(logging.DEBUG)
    own = dm("Marker4712 own words", "D0SELF", user="UBOT0001", bot_id="BBOT0001")
    assert served.post(*event_callback(own))[0] == 200
    click = block_action("Marker4713", "x", response_url=served.slack.response_url("unhandled"))
    assert served.post(*click)[0] == 404
    logged = caplog.text + "\n".join(record.getMessage() for record in caplog.records)
    assert "Unhandled request" in logged and "Skipped self event" in logged
    assert "Marker471" not in logged
