"""The Teams package's developer links point at pages the web process serves, in English,
simplified Chinese, and traditional Chinese for Taiwan, Hong Kong and Macau."""

from __future__ import annotations

import json
import urllib.request
from urllib.parse import urlsplit

import pytest

from bot.cli.teams import PACKAGED_TEAMS_DIR, build_package
from tests.e2e.slack.conftest import Served
from tests.support.web import open_request

APP_ID = "0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0"


def test_the_manifest_links_are_served_in_both_languages(served: Served) -> None:
    package = build_package(PACKAGED_TEAMS_DIR, APP_ID, "staffbot.example.org")
    developer = json.loads(package.files["manifest.json"])["developer"]
    for field in ("privacyUrl", "termsOfUseUrl"):
        path = urlsplit(developer[field]).path
        status, body = open_request(urllib.request.Request(f"{served.url}{path}"))
        assert status == 200 and b"staffbot" in body, path
        request = urllib.request.Request(
            f"{served.url}{path}", headers={"Accept-Language": "zh-CN,zh;q=0.9"}
        )
        status, body = open_request(request)
        assert status == 200 and "国际电联" in body.decode("utf-8"), path


@pytest.mark.parametrize("accept", ["zh-TW,zh;q=0.9", "zh-HK", "zh-Hant-TW", "zh-MO"])
def test_taiwan_and_hong_kong_read_the_pages_in_traditional_characters(
    served: Served, accept: str
) -> None:
    for path in ("/privacy", "/terms"):
        request = urllib.request.Request(f"{served.url}{path}", headers={"Accept-Language": accept})
        status, body = open_request(request)
        text = body.decode("utf-8")
        assert status == 200 and "國際電聯" in text and "国际电联" not in text, (path, accept)


def test_simplified_stays_simplified(served: Served) -> None:
    request = urllib.request.Request(f"{served.url}/privacy", headers={"Accept-Language": "zh-CN"})
    status, body = open_request(request)
    assert status == 200 and "国际电联" in body.decode("utf-8")
