"""Teams answers 429 when the bot sends too fast: requests are sent again after a wait."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable

import httpx
from microsoft_teams.common.http.client import MiddlewareContext, MiddlewareNext

logger = logging.getLogger(__name__)

# How many times a 429 is waited out, the first wait when Teams gives no Retry-After (doubled
# each time), and the longest wait taken here; past it the caller decides (an answer is given
# up). The scheduler's poster retries nothing here (bot.teams.poster.build_send_once): it
# renews its claim before each try, so it waits out a 429 itself.
RATE_LIMIT_RETRIES = 3
FIRST_BACKOFF = 1.0
MAX_WAIT = 30.0
# The longest 429 wait of a reply sent while Teams waits for the activity's answer.
REPLY_MAX_WAIT = 3.0


def read_retry_after(response: httpx.Response) -> float | None:
    """Retry-After in seconds (Teams sends seconds), or None when absent or unreadable."""
    value = response.headers.get("retry-after")
    if value is None:
        return None
    try:
        seconds = float(value)
    except ValueError:
        return None
    return max(seconds, 0.0)


class RateLimitRetry:
    """An SDK HTTP middleware: a 429 is retried after Retry-After (else 1 s, 2 s, 4 s …).

    Only 429 is retried: Teams did not take the request then, so sending it again cannot
    double a message. Other failures go to the caller at once.
    """

    def __init__(
        self,
        retries: int = RATE_LIMIT_RETRIES,
        first_backoff: float = FIRST_BACKOFF,
        max_wait: float = MAX_WAIT,
        sleep: Callable[[float], Awaitable[None]] = asyncio.sleep,
    ) -> None:
        self.retries = retries
        self.first_backoff = first_backoff
        self.max_wait = max_wait
        self.sleep = sleep

    async def send(self, context: MiddlewareContext, next: MiddlewareNext) -> httpx.Response:
        for attempt in range(self.retries + 1):
            try:
                return await next()
            except httpx.HTTPStatusError as exc:
                if exc.response.status_code != 429 or attempt == self.retries:
                    raise
                wait = read_retry_after(exc.response)
                if wait is None:
                    wait = self.first_backoff * 2**attempt
                if wait > self.max_wait:
                    raise
                logger.info("Teams answered 429 to %s; retrying in %.1f s", context.method, wait)
                await self.sleep(wait)
        raise AssertionError("unreachable")
