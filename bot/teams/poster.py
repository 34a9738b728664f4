"""Scheduled posts to Teams: the scheduler's Poster for the "teams" platform.

A subscription's channel is a Bot Connector conversation id that the bot saw (installed in a
team or chat, or messaged): its stored reference gives the service URL to post to. The SDK is
asynchronous and the scheduler's workers are threads, so the poster runs one event loop of its
own in a thread and hands it each call.
"""

from __future__ import annotations

import asyncio
import logging
import threading
from collections.abc import Callable, Coroutine
from datetime import datetime
from typing import TYPE_CHECKING, Any, TypeVar

import httpx
from microsoft_teams.apps import App

from bot.chat import ChatRecords
from bot.teams import app as app_module
from bot.teams.activities import PLATFORM, to_card_message
from bot.teams.cards import build_report_card
from bot.teams.retry import RateLimitRetry, read_retry_after
from knowledge.errors import StoreUnavailable
from scheduler.errors import (
    CannotCheck,
    PermanentFailure,
    PostError,
    RateLimited,
    TemporaryFailure,
    UnclearOutcome,
)

if TYPE_CHECKING:
    from scheduler.reports import Report

logger = logging.getLogger(__name__)

T = TypeVar("T")
NOT_FOUND = "conversation_not_found"


def to_call_timeout() -> float:
    """Longest a single post may take: one try (a 429 is not waited out here). Past it the
    post is cancelled and its outcome is unclear."""
    return app_module.HTTP_TIMEOUT + 5.0


def build_send_once() -> RateLimitRetry:
    """The poster's 429 middleware: it retries nothing. The scheduler waits out a 429 itself
    and renews its claim before it sends again: a process frozen in a wait here would send
    after another one took the post over."""
    return RateLimitRetry(retries=0)


class TeamsPoster:
    """Posts reports as Adaptive Cards to stored conversations; cannot look posts up again."""

    platform = PLATFORM

    def __init__(self, app_factory: Callable[[RateLimitRetry], App], records: ChatRecords) -> None:
        """`app_factory` builds the SDK app with the 429 middleware given (`build_send_once`;
        in the poster's loop: its HTTP client belongs to that loop); `records` reads the
        conversation references."""
        self.records = records
        self._loop = asyncio.new_event_loop()
        self._thread = threading.Thread(
            target=self._loop.run_forever, name="teams-poster", daemon=True
        )
        self._thread.start()
        self._app: App = self._call(self._start(app_factory), timeout=60.0)

    async def _start(self, app_factory: Callable[[RateLimitRetry], App]) -> App:
        app = app_factory(build_send_once())
        await app.initialize()
        return app

    def _call(self, coroutine: Coroutine[Any, Any, T], timeout: float | None = None) -> T:
        future = asyncio.run_coroutine_threadsafe(coroutine, self._loop)
        try:
            return future.result(to_call_timeout() if timeout is None else timeout)
        except TimeoutError:
            future.cancel()  # not left to post later, after it was reported unclear
            raise

    def close(self) -> None:
        self._loop.call_soon_threadsafe(self._loop.stop)
        self._thread.join(timeout=5)

    def _get_service_url(self, channel: str) -> str:
        try:
            reference = self.records.get_conversation(PLATFORM, channel)
        except StoreUnavailable as exc:
            raise TemporaryFailure(channel, f"store unavailable: {exc.reason}") from exc
        if reference is None:
            # The bot was never installed there, or was removed since.
            raise PermanentFailure(channel, NOT_FOUND)
        return reference.service_url

    def post(self, channel: str, report: Report, marker: str) -> str:
        """Posts the report card; returns the activity id Teams gave it.

        Raises RateLimited (at the first 429: not waited out here), TemporaryFailure (5xx,
        refused connection), UnclearOutcome (timeout or dropped connection after sending) or
        PermanentFailure (4xx: the bot was removed, the conversation is gone …).
        """
        service_url = self._get_service_url(channel)
        message = to_card_message(build_report_card(report))
        try:
            sent = self._call(self._app.send(channel, message, service_url=service_url))
        except TimeoutError as exc:
            raise UnclearOutcome(channel, "no answer in time") from exc
        except httpx.HTTPStatusError as exc:
            raise to_post_error(channel, exc) from exc
        except (httpx.ConnectError, httpx.ConnectTimeout) as exc:
            raise TemporaryFailure(channel, type(exc).__name__) from exc
        except httpx.HTTPError as exc:  # read timeout, dropped connection: it may be out
            raise UnclearOutcome(channel, type(exc).__name__) from exc
        return str(sent.id)

    def find_post(self, channel: str, marker: str, since: datetime) -> str | None:
        """Teams' Bot Connector cannot list a conversation's messages: never known."""
        raise CannotCheck(channel, "Teams offers no way to look a post up")

    def check_channel(self, channel: str) -> bool:
        """Whether the bot has a stored reference to this conversation (it was installed there
        or messaged from there). Raises TemporaryFailure when the store cannot say."""
        try:
            return self.records.has_conversation(PLATFORM, channel)
        except StoreUnavailable as exc:
            raise TemporaryFailure(channel, f"store unavailable: {exc.reason}") from exc


def to_post_error(channel: str, exc: httpx.HTTPStatusError) -> PostError:
    """429 and 503 mean Teams did not take the message; any other 5xx may come after it was
    created (a gateway timing out behind it), and Teams cannot be asked: unclear, so the
    scheduler does not post it again."""
    status = exc.response.status_code
    if status == 429:
        return RateLimited(channel, read_retry_after(exc.response) or 0.0)
    if status == 503:
        return TemporaryFailure(channel, f"HTTP {status}")
    if status >= 500:
        return UnclearOutcome(channel, f"HTTP {status}")
    return PermanentFailure(channel, f"HTTP {status}")
