"""Sending to Slack: messages through the Web API, or through a response_url."""

from __future__ import annotations

import logging
from typing import Any

from slack_sdk.errors import SlackApiError
from slack_sdk.http_retry.async_handler import AsyncRetryHandler
from slack_sdk.http_retry.builtin_async_handlers import (
    AsyncConnectionErrorRetryHandler,
    AsyncRateLimitErrorRetryHandler,
)
from slack_sdk.web.async_client import AsyncWebClient
from slack_sdk.webhook.async_client import AsyncWebhookClient

from bot.log_redaction import get_redacted_logger
from bot.slack.blocks import Message
from bot.slack.payloads import Place

logger = logging.getLogger(__name__)
# The webhook client logs its URL, which is the response_url: its logger hides every URL.
_response_url_logger = get_redacted_logger("bot.slack.response_url", hide_urls=True)

RATE_LIMIT_RETRIES = 2


def build_retry_handlers() -> list[AsyncRetryHandler]:
    """429 answers are retried after their Retry-After; a dropped connection once."""
    return [
        AsyncRateLimitErrorRetryHandler(max_retry_count=RATE_LIMIT_RETRIES),
        AsyncConnectionErrorRetryHandler(max_retry_count=1),
    ]


async def post_to_response_url(response_url: str, payload: dict[str, Any]) -> bool:
    client = AsyncWebhookClient(
        url=response_url, logger=_response_url_logger, retry_handlers=build_retry_handlers()
    )
    response = await client.send_dict(payload)
    if response.status_code != 200:
        logger.warning("response_url answered %s: %s", response.status_code, response.body)
        return False
    return True


async def post_reply(client: AsyncWebClient, place: Place, message: Message) -> None:
    """A message for everyone at `place`, or privately through its response_url."""
    if place.channel and not place.is_private:
        try:
            await client.chat_postMessage(
                channel=place.channel,
                thread_ts=place.thread_ts,
                unfurl_links=False,
                unfurl_media=False,
                **message,
            )
            return
        except SlackApiError as exc:
            # e.g. not_in_channel: a message posted through a response_url, where the bot
            # is no member; the clicker still gets the answer, privately.
            logger.warning("chat.postMessage failed: %s", exc.response.get("error"))
            if not place.response_url:
                return
    if place.response_url:
        payload = {"response_type": "ephemeral", "replace_original": False, **message}
        await post_to_response_url(place.response_url, payload)
    else:
        logger.warning("no place to reply to; reply dropped")


async def post_private(
    client: AsyncWebClient, place: Place, user_id: str, message: Message
) -> None:
    """A message only `user_id` sees, at `place` (in its thread, if any)."""
    if place.channel and not place.is_private:
        try:
            await client.chat_postEphemeral(
                channel=place.channel, user=user_id, thread_ts=place.thread_ts, **message
            )
            return
        except SlackApiError as exc:
            logger.warning("chat.postEphemeral failed: %s", exc.response.get("error"))
    if place.response_url:
        payload = {"response_type": "ephemeral", "replace_original": False, **message}
        await post_to_response_url(place.response_url, payload)
