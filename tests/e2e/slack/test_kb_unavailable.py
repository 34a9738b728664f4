"""/kb with the database unreachable, or its disk full: acknowledged at once, told what is
wrong and that nothing was changed."""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import event
from sqlalchemy.engine import Engine

from knowledge.store import create_db_engine
from tests.e2e.slack.conftest import UNREACHABLE_DATABASE, Served, serve, texts
from tests.e2e.slack.kb_support import ENV_ADMIN
from tests.support.slack_payloads import slash_command
from tests.support.slack_standin import SlackStandIn
from tests.support.stores import EDITED_TABLES, copy_file, count_rows


@pytest.fixture(scope="module")
def served(slack: SlackStandIn) -> Iterator[Served]:
    with serve(slack, UNREACHABLE_DATABASE) as served:
        yield served


def test_kb_says_the_store_is_unavailable(served: Served) -> None:
    started = time.monotonic()
    body, ctype = slash_command(
        "budget set P1 5", served.slack.response_url("kb-down-1"), command="/kb"
    )
    status, _ = served.post(body, ctype)
    assert status == 200 and time.monotonic() - started < 3
    (reply,) = served.slack.wait_for("/response/kb-down-1", timeout=10)
    assert "cannot be reached" in texts(reply.body) and reply.body["response_type"] == "ephemeral"


# Texts of a few kilobytes: the rows need pages the full store cannot add. The command's
# language is the reply's: English only, or with Chinese.
BIG_FACTS = {
    "en-US": "fact add full-disk '{}' '{}'".format("A long fact. " * 150, "Another one. " * 150),
    "zh-CN": "fact add full-disk '{}' '{}'".format("A long fact. " * 150, "一个很长的事实。" * 240),
}


@pytest.fixture
def full_store(
    slack: SlackStandIn, seeded_file: Path, tmp_path: Path
) -> Iterator[tuple[Served, Engine]]:
    """The app on a store whose file may not grow (SQLite's max_page_count: SQLITE_FULL),
    and a plain engine on it; ENV_ADMIN may edit."""
    url = copy_file(seeded_file, tmp_path / "full.db")
    path = str(tmp_path / "full.db")

    def stop_growing(dbapi_connection: Any, _record: Any) -> None:
        files = [row[2] for row in dbapi_connection.execute("PRAGMA database_list")]
        if path in files:
            pages = dbapi_connection.execute("PRAGMA page_count").fetchone()[0]
            dbapi_connection.execute(f"PRAGMA max_page_count={pages}")

    event.listen(Engine, "connect", stop_growing)
    plain = create_db_engine(url)
    try:
        with serve(slack, url, STAFFBOT_ADMINS=ENV_ADMIN) as served:
            yield served, plain
    finally:
        event.remove(Engine, "connect", stop_growing)
        plain.dispose()


@pytest.mark.parametrize(
    ("locale", "message"),
    [("en-US", "cannot be written: its disk is full"), ("zh-CN", "无法写入：其磁盘已满")],
)
def test_kb_says_the_store_is_full(
    full_store: tuple[Served, Engine], locale: str, message: str
) -> None:
    served, plain = full_store
    served.slack.locales[ENV_ADMIN] = locale
    before = count_rows(plain, EDITED_TABLES)
    body, ctype = slash_command(
        BIG_FACTS[locale],
        served.slack.response_url(f"kb-full-{locale}"),
        command="/kb",
        user_id=ENV_ADMIN,
    )
    assert served.post(body, ctype)[0] == 200
    (reply,) = served.slack.wait_for(f"/response/kb-full-{locale}", timeout=10)
    shown = texts(reply.body)
    assert message in shown and "cannot be reached" not in shown
    assert count_rows(plain, EDITED_TABLES) == before
