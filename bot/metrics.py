"""Prometheus metrics of the web and clock processes: what is counted, and `/metrics`.

Counting is off until `enable_metrics()` (STAFFBOT_METRICS or STAFFBOT_METRICS_PORT): then
the one chat flow counts questions, votes and store errors, the web app requests and their
acknowledgement time, the `/kb` service edits, the clock deliveries and leadership. With
PROMETHEUS_MULTIPROC_DIR set (read by prometheus_client from the environment, where the
`staffbot` entry point puts it), every process writes its values there and any one of them
serves the sum of all.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable

from prometheus_client import (
    CONTENT_TYPE_LATEST,
    REGISTRY,
    CollectorRegistry,
    Counter,
    Gauge,
    Histogram,
    generate_latest,
    multiprocess,
    start_http_server,
)

# Seconds: a Slack acknowledgement must come within 3 s, an answer within about one.
_ACK_BUCKETS = (0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 3.0, 5.0, 10.0)
_ANSWER_BUCKETS = (0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0)

REQUESTS = Counter(
    "staffbot_requests",
    "HTTP requests to a chat platform's endpoint, by platform and status code",
    ["platform", "status"],
)
ACK_SECONDS = Histogram(
    "staffbot_ack_seconds",
    "Time to acknowledge a chat platform's request (the HTTP response)",
    ["platform"],
    buckets=_ACK_BUCKETS,
)
QUESTIONS = Counter(
    "staffbot_questions",
    "Questions by platform and outcome: answered, declined, suggested (did you mean), "
    "unavailable (the store could not be reached)",
    ["platform", "outcome"],
)
ANSWER_SECONDS = Histogram(
    "staffbot_answer_seconds",
    "Time to answer a question, store calls included",
    ["platform"],
    buckets=_ANSWER_BUCKETS,
)
VOTES = Counter("staffbot_votes", "Helpful / not helpful votes stored", ["platform", "helpful"])
EDITS = Counter("staffbot_edits", "Knowledge changes committed from chat (/kb)", ["platform"])
STORE_ERRORS = Counter(
    "staffbot_store_errors",
    "Failed store calls (store unavailable) of the chat flow, /kb and the scheduler, by operation",
    ["operation"],
)
DELIVERIES = Counter(
    "staffbot_deliveries",
    "Scheduled posts by outcome: sent, failed, missed, retried (attempts after the first)",
    ["outcome"],
)
LEADER = Gauge(
    "staffbot_scheduler_leader",
    "1 while a scheduler process leads (posts), 0 while it stands by",
    multiprocess_mode="livemax",
)
KNOWLEDGE_REVISION = Gauge(
    "staffbot_knowledge_revision",
    "Revision of the knowledge the web process answers from",
    multiprocess_mode="livemax",
)
KNOWLEDGE_ENTRIES = Gauge(
    "staffbot_knowledge_entries",
    "Entries of the search index the web process answers from",
    multiprocess_mode="livemax",
)

_enabled = False
_multiprocess = False


def enable_metrics(multiprocess_dir: bool = False) -> None:
    """Counting on; `multiprocess_dir`: PROMETHEUS_MULTIPROC_DIR is set (values go there)."""
    global _enabled, _multiprocess
    _enabled, _multiprocess = True, multiprocess_dir


def is_enabled() -> bool:
    return _enabled


def observe_question(platform: str, outcome: str, seconds: float) -> None:
    if _enabled:
        QUESTIONS.labels(platform, outcome).inc()
        ANSWER_SECONDS.labels(platform).observe(seconds)


def observe_request(platform: str, status: int, seconds: float) -> None:
    if _enabled:
        REQUESTS.labels(platform, str(status)).inc()
        ACK_SECONDS.labels(platform).observe(seconds)


def count_vote(platform: str, helpful: bool) -> None:
    if _enabled:
        VOTES.labels(platform, "yes" if helpful else "no").inc()


def count_edit(platform: str) -> None:
    if _enabled:
        EDITS.labels(platform).inc()


def count_store_error(operation: str) -> None:
    if _enabled:
        STORE_ERRORS.labels(operation).inc()


def count_deliveries(sent: int, failed: int, missed: int, retried: int) -> None:
    if _enabled:
        for outcome, count in (
            ("sent", sent),
            ("failed", failed),
            ("missed", missed),
            ("retried", retried),
        ):
            if count:
                DELIVERIES.labels(outcome).inc(count)


def set_leader(leading: bool) -> None:
    if _enabled:
        LEADER.set(1 if leading else 0)


def set_knowledge(loaded: tuple[int, int] | None) -> None:
    if _enabled and loaded is not None:
        KNOWLEDGE_REVISION.set(loaded[0])
        KNOWLEDGE_ENTRIES.set(loaded[1])


def _get_registry() -> CollectorRegistry:
    """This process's values, or with PROMETHEUS_MULTIPROC_DIR those of every process."""
    if not _multiprocess:
        return REGISTRY
    registry = CollectorRegistry()
    multiprocess.MultiProcessCollector(registry)  # type: ignore[no-untyped-call]
    return registry


def render_metrics() -> tuple[bytes, str]:
    """The exposition text and its content type."""
    return generate_latest(_get_registry()), CONTENT_TYPE_LATEST


def start_metrics_server(port: int) -> None:
    """`/metrics` on a port of its own (STAFFBOT_METRICS_PORT), in a daemon thread."""
    start_http_server(port, registry=_get_registry())


def mark_process_dead() -> None:
    """At exit with PROMETHEUS_MULTIPROC_DIR: this process's live gauges no longer count."""
    if _multiprocess:
        multiprocess.mark_process_dead(os.getpid())  # type: ignore[no-untyped-call]


def timer() -> Callable[[], float]:
    """Seconds since the call, when called."""
    started = time.perf_counter()
    return lambda: time.perf_counter() - started
