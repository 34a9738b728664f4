"""GET /metrics through the real web app: questions by outcome, votes, requests and their
acknowledgement time, and a scheduled delivery counted by the clock in the same process;
off unless enabled; several processes summed through PROMETHEUS_MULTIPROC_DIR."""

from __future__ import annotations

import threading
import time
import urllib.request
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

import pytest
from prometheus_client.parser import text_string_to_metric_families
from sqlmodel import Session

from bot.composition import build_scheduler_process
from knowledge.store import create_db_engine, utc_now
from scheduler.subscriptions import create_subscription
from tests.e2e.slack.conftest import Served, build_settings, serve
from tests.support.serve_process import ServeProcess
from tests.support.slack_payloads import block_action, slash_command
from tests.support.slack_standin import SlackStandIn
from tests.support.web import open_request

ANSWERED = "What is the 2023 budget for P3?"
DECLINED = "asdkjh qwpeoi"


def _scrape(url: str) -> dict[tuple[str, tuple[tuple[str, str], ...]], float]:
    status, body = open_request(urllib.request.Request(f"{url}/metrics"))
    assert status == 200
    samples = {}
    for family in text_string_to_metric_families(body.decode()):
        for sample in family.samples:
            samples[(sample.name, tuple(sorted(sample.labels.items())))] = sample.value
    return samples


def _value(
    samples: dict[tuple[str, tuple[tuple[str, str], ...]], float], name: str, **labels: str
) -> float:
    return samples.get((name, tuple(sorted(labels.items()))), 0.0)


@pytest.fixture
def metered(slack: SlackStandIn, seeded_sqlite_url: str) -> Iterator[Served]:
    with serve(slack, seeded_sqlite_url, STAFFBOT_METRICS=True) as served:
        yield served


def _ask(served: Served, question: str, path: str) -> None:
    assert served.post(*slash_command(question, served.slack.response_url(path)))[0] == 200
    served.slack.wait_for(f"/response/{path}", timeout=15)


def test_metrics_count_questions_votes_and_requests(metered: Served) -> None:
    before = _scrape(metered.url)
    _ask(metered, ANSWERED, "m-answered")
    _ask(metered, DECLINED, "m-declined")
    vote = block_action("vote_helpful", ANSWERED, response_url=metered.slack.response_url("m-v"))
    assert metered.post(*vote)[0] == 200
    metered.slack.wait_for("/response/m-v", timeout=15)
    time.sleep(0.2)
    after = _scrape(metered.url)

    def delta(name: str, **labels: str) -> float:
        return _value(after, name, **labels) - _value(before, name, **labels)

    assert delta("staffbot_questions_total", platform="slack", outcome="answered") == 1
    assert delta("staffbot_questions_total", platform="slack", outcome="declined") == 1
    assert delta("staffbot_answer_seconds_count", platform="slack") == 2
    assert delta("staffbot_votes_total", platform="slack", helpful="yes") == 1
    assert delta("staffbot_requests_total", platform="slack", status="200") == 3
    assert delta("staffbot_ack_seconds_count", platform="slack") == 3
    assert _value(after, "staffbot_knowledge_entries") > 100
    assert _value(after, "staffbot_knowledge_revision") >= 0


def test_a_scheduled_delivery_is_counted(
    metered: Served, slack: SlackStandIn, seeded_sqlite_url: str
) -> None:
    before = _value(_scrape(metered.url), "staffbot_deliveries_total", outcome="sent")
    engine = create_db_engine(seeded_sqlite_url)
    period = (utc_now() - timedelta(minutes=1)).replace(second=0, microsecond=0)
    with Session(engine) as session:
        create_subscription(
            session,
            "U1",
            "reminder",
            "C0METRICS",
            "P1",
            f"{period.minute} {period.hour} * * *",
            "UTC",
            "en",
            quiet_when_empty=False,
            now=period - timedelta(hours=1),
        )
        session.commit()
    settings = build_settings(slack, seeded_sqlite_url, STAFFBOT_METRICS=True)
    run = build_scheduler_process(settings, db_engine=engine, standby_poll_seconds=0.1)
    stop = threading.Event()
    clock = threading.Thread(target=run, args=(stop,), daemon=True)
    clock.start()
    try:
        slack.wait_for("/chat.postMessage", timeout=20)
        deadline = time.monotonic() + 10
        while _value(_scrape(metered.url), "staffbot_deliveries_total", outcome="sent") == before:
            assert time.monotonic() < deadline, "the delivery was not counted"
            time.sleep(0.1)
        assert _value(_scrape(metered.url), "staffbot_scheduler_leader") == 1
    finally:
        stop.set()
        clock.join(timeout=20)
        engine.dispose()
    assert _value(_scrape(metered.url), "staffbot_scheduler_leader") == 0


def test_metrics_are_off_unless_enabled(served: Served) -> None:
    status, _body = open_request(urllib.request.Request(f"{served.url}/metrics"))
    assert status == 404


def test_processes_sharing_a_multiprocess_folder_are_summed(
    tmp_path: Path, seeded_sqlite_url: str
) -> None:
    folder = tmp_path / "prometheus"
    folder.mkdir()
    with SlackStandIn() as slack:
        env = {"STAFFBOT_METRICS": "true", "PROMETHEUS_MULTIPROC_DIR": str(folder)}
        with ServeProcess(tmp_path, slack, seeded_sqlite_url, **env) as first:
            assert first.post(*slash_command(ANSWERED, slack.response_url("mp-1")))[0] == 200
            slack.wait_for("/response/mp-1", timeout=15)
        with ServeProcess(tmp_path, slack, seeded_sqlite_url, **env) as second:
            assert second.post(*slash_command(ANSWERED, slack.response_url("mp-2")))[0] == 200
            slack.wait_for("/response/mp-2", timeout=15)
            samples = _scrape(second.url)
    assert _value(samples, "staffbot_questions_total", platform="slack", outcome="answered") == 2
    assert any(folder.iterdir())


def test_a_multiprocess_folder_set_only_in_dot_env_is_used(
    tmp_path: Path, seeded_sqlite_url: str
) -> None:
    """prometheus_client reads only the environment: `staffbot` exports the folder of .env."""
    folder = tmp_path / "prometheus-dotenv"
    folder.mkdir()
    (tmp_path / ".env").write_text(
        f"STAFFBOT_METRICS=true\nPROMETHEUS_MULTIPROC_DIR={folder}\n", encoding="utf-8"
    )
    with SlackStandIn() as slack, ServeProcess(tmp_path, slack, seeded_sqlite_url) as served:
        assert served.post(*slash_command(ANSWERED, slack.response_url("env-1")))[0] == 200
        slack.wait_for("/response/env-1", timeout=15)
        samples = _scrape(served.url)
        stderr = served.read_stderr()
    assert _value(samples, "staffbot_questions_total", platform="slack", outcome="answered") == 1
    assert any(folder.iterdir()) and "Traceback" not in stderr
