"""Scheduled posts to Slack: the scheduler's Poster for the "slack" platform."""

from __future__ import annotations

import logging
import urllib.error
from datetime import datetime
from typing import TYPE_CHECKING, Any

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError, SlackClientError
from slack_sdk.http_retry.builtin_handlers import RateLimitErrorRetryHandler
from slack_sdk.http_retry.handler import RetryHandler
from slack_sdk.http_retry.request import HttpRequest
from slack_sdk.http_retry.response import HttpResponse
from slack_sdk.http_retry.state import RetryState

from bot.report_charts import build_charts
from bot.slack.ids import is_user_id
from bot.slack.report_blocks import build_report_message
from scheduler.errors import (
    PermanentFailure,
    PostError,
    RateLimited,
    TemporaryFailure,
    UnclearOutcome,
)
from scheduler.reports import Digest

if TYPE_CHECKING:
    from scheduler.reports import Report

logger = logging.getLogger(__name__)

# The event type of the metadata each scheduled post carries (with its delivery marker).
EVENT_TYPE = "staffbot_delivery"
# How many times a 429 to a read (finding a post, checking a channel) or a chart upload is
# waited out (Retry-After) before it is given up as RateLimited, and the longest Retry-After
# waited out here: past it the runner decides. A 429 to a post is never waited out here.
RATE_LIMIT_RETRIES = 3
MAX_RATE_LIMIT_WAIT = 30.0
# Messages read per conversations.history page, and pages read, when looking for a marker.
HISTORY_PAGE = 200
HISTORY_PAGES = 5
# Slack keeps at most this many characters of an image's alt text.
MAX_ALT_TEXT = 1000


def _is_refused(error: BaseException) -> bool:
    reason = getattr(error, "reason", None)
    return isinstance(error, ConnectionRefusedError) or isinstance(reason, ConnectionRefusedError)


def _retry_after(error: SlackApiError) -> float:
    headers = {str(k).lower(): v for k, v in (error.response.headers or {}).items()}
    value = headers.get("retry-after", 0)
    if isinstance(value, list):
        value = value[0] if value else 0
    try:
        return float(value or 0)
    except (TypeError, ValueError):
        return 0.0


class _BoundedRateLimitHandler(RateLimitErrorRetryHandler):
    """slack_sdk's 429 handler (waits Retry-After, then retries) for short waits only."""

    def __init__(self, max_retry_count: int, max_wait: float) -> None:
        super().__init__(max_retry_count=max_retry_count)
        self.max_wait = max_wait

    def _can_retry(
        self,
        *,
        state: RetryState,
        request: HttpRequest,
        response: HttpResponse | None = None,
        error: Exception | None = None,
    ) -> bool:
        if response is None or response.status_code != 429:
            return False
        values = {k.lower(): v for k, v in response.headers.items()}.get("retry-after") or ["1"]
        try:
            wait = float(values[0])
        except ValueError:
            return False
        return wait <= self.max_wait


def _copy_client(client: WebClient, retry_handlers: list[RetryHandler]) -> WebClient:
    return WebClient(
        token=client.token,
        base_url=client.base_url,
        timeout=client.timeout,
        ssl=client.ssl,
        proxy=client.proxy,
        headers=dict(client.headers),
        logger=client.logger,
        retry_handlers=retry_handlers,
    )


class SlackPoster:
    """Posts reports with chat.postMessage and finds them again by their metadata marker.

    Works on two copies of the given client (same token, base URL, timeout, proxy). The one
    that posts never retries: a 429 is raised as RateLimited at once, so that the runner
    waits it out and renews its claim before it sends again (a process frozen in a wait
    inside the client would send after another one took the post over). The other, for reads
    and the chart upload into a message already out, waits out 429s (at most
    `rate_limit_retries` times, for a Retry-After of at most `max_rate_limit_wait` seconds).
    A connection error is never retried here, since the message may already be out (the
    runner reconciles it with `find_post`).
    """

    platform = "slack"

    def __init__(
        self,
        client: WebClient,
        rate_limit_retries: int = RATE_LIMIT_RETRIES,
        max_rate_limit_wait: float = MAX_RATE_LIMIT_WAIT,
    ) -> None:
        handler = _BoundedRateLimitHandler(rate_limit_retries, max_rate_limit_wait)
        # A digest to a person goes to their DM with the bot: its id, by user id, once.
        self._dm_ids: dict[str, str] = {}
        self.client = _copy_client(client, [handler])
        self._sender = _copy_client(client, [])

    def _call(
        self, where: str, method: str, *, sending: bool, once: bool = False, **kwargs: Any
    ) -> Any:
        """One Web API call, its failures as the scheduler's PostErrors about channel `where`.

        `sending`: whether a lost connection may mean Slack took the request (a post).
        `once`: a 429 is not waited out (the calls of a post: between the runner's renewal of
        its claim and the message, nothing may wait).
        """
        try:
            return getattr(self._sender if once else self.client, method)(**kwargs)
        except SlackApiError as exc:
            status = exc.response.status_code
            if status == 429:
                raise RateLimited(where, _retry_after(exc)) from exc
            if status >= 500:
                raise TemporaryFailure(where, f"HTTP {status}") from exc
            raise PermanentFailure(where, str(exc.response.get("error") or status)) from exc
        except SlackClientError as exc:  # an upload URL that refused the bytes
            raise TemporaryFailure(where, str(exc)) from exc
        except (urllib.error.URLError, OSError) as exc:
            if _is_refused(exc) or not sending:
                raise TemporaryFailure(where, f"{type(exc).__name__}: {exc}") from exc
            raise UnclearOutcome(where, f"{type(exc).__name__}: {exc}") from exc

    def _to_conversation(self, channel: str, once: bool = False) -> str:
        """The conversation to post in: a channel as given; for a user id, their DM (opened
        once; `once`: a 429 to opening it is not waited out)."""
        if not is_user_id(channel):
            return channel
        if channel not in self._dm_ids:
            response = self._call(
                channel, "conversations_open", sending=False, once=once, users=channel
            )
            self._dm_ids[channel] = str(response["channel"]["id"])
        return self._dm_ids[channel]

    def post(self, channel: str, report: Report, marker: str) -> str:
        """Posts the report (and its chart, in the message's thread); returns the message ts.

        Raises RateLimited (at the first 429: not waited out here), TemporaryFailure,
        UnclearOutcome or PermanentFailure (whose reason is Slack's error code). A chart
        that fails to upload after the message went out is logged, not raised: the post
        itself succeeded.
        """
        message = build_report_message(report)
        channel = self._to_conversation(channel, once=True)
        response = self._call(
            channel,
            "chat_postMessage",
            sending=True,
            once=True,
            channel=channel,
            text=message["text"],
            blocks=message["blocks"],
            metadata={"event_type": EVENT_TYPE, "event_payload": {"marker": marker}},
            unfurl_links=False,
            unfurl_media=False,
        )
        ts = str(response["ts"])
        charts = build_charts(report) if isinstance(report, Digest) else []
        if charts:
            # One upload for all the charts, each with its alt text (read aloud, and shown
            # where images are not), into the message's thread.
            uploads = [
                {
                    "content": chart.png,
                    "filename": chart.filename,
                    "title": chart.filename,
                    "alt_txt": chart.alt_text[:MAX_ALT_TEXT],
                }
                for chart in charts
            ]
            try:
                self._call(
                    channel,
                    "files_upload_v2",
                    sending=True,
                    channel=channel,
                    thread_ts=ts,
                    file_uploads=uploads,
                )
            except PostError as exc:
                logger.warning("charts of post %s to %s not uploaded: %s", ts, channel, exc.reason)
        return ts

    def find_post(self, channel: str, marker: str, since: datetime) -> str | None:
        """The ts of our post carrying `marker` in the channel since `since`, if any.

        Raises TemporaryFailure/RateLimited/PermanentFailure when the history cannot be read.
        """
        channel = self._to_conversation(channel)
        cursor: str | None = None
        for _page in range(HISTORY_PAGES):
            kwargs: dict[str, Any] = {
                "channel": channel,
                "oldest": f"{since.timestamp():.6f}",
                "include_all_metadata": True,
                "limit": HISTORY_PAGE,
            }
            if cursor:
                kwargs["cursor"] = cursor
            response = self._call(channel, "conversations_history", sending=False, **kwargs)
            for message in response.get("messages") or []:
                metadata = message.get("metadata") or {}
                payload = metadata.get("event_payload") or {}
                if metadata.get("event_type") == EVENT_TYPE and payload.get("marker") == marker:
                    return str(message["ts"])
            cursor = (response.get("response_metadata") or {}).get("next_cursor") or None
            if not cursor:
                return None
        return None

    def check_channel(self, channel: str) -> bool:
        """Whether Slack knows the channel, or the user a DM is for (False for
        channel_not_found, user_not_found etc.).

        Raises TemporaryFailure/RateLimited when Slack cannot say.
        """
        try:
            if is_user_id(channel):  # a digest to a person: their DM
                self._call(channel, "users_info", sending=False, user=channel)
            else:
                self._call(channel, "conversations_info", sending=False, channel=channel)
        except PermanentFailure:
            return False
        return True
