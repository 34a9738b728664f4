"""Secrets never reach a log record through a redacted logger."""

from __future__ import annotations

import json
import logging
from urllib.parse import quote, quote_plus

import pytest
from slack_bolt.logger.messages import (
    warning_unhandled_by_global_middleware,
    warning_unhandled_request,
)
from slack_bolt.middleware.ignoring_self_events.ignoring_self_events import IgnoringSelfEvents
from slack_bolt.middleware.request_verification.request_verification import RequestVerification
from slack_bolt.request.async_request import AsyncBoltRequest

from bot.log_redaction import (
    REDACTED,
    WITHHELD,
    SecretRedactor,
    add_secret,
    get_redacted_logger,
)


def test_tokens_response_urls_and_known_secrets_are_hidden() -> None:
    redactor = SecretRedactor()
    redactor.add_secret("s3cret-signing")
    text = (
        "token xoxb-123-abc app xapp-1-A-2 secret s3cret-signing "
        "body response_url=https%3A%2F%2Fhooks.slack.com%2Fcommands%2F1&x=1 "
        '{"response_url": "http://127.0.0.1:9/response/abc"} https://hooks.slack.com/actions/T/1'
    )
    redacted = redactor.redact(text)
    for secret in ("xoxb-123", "xapp-1", "s3cret", "hooks.slack.com", "/response/abc"):
        assert secret not in redacted
    assert "&x=1" in redacted


def test_url_redactor_hides_every_url() -> None:
    assert SecretRedactor(hide_urls=True).redact("url: http://127.0.0.1:5/r/1 ok") == (
        "url: [redacted] ok"
    )


def test_a_redacted_logger_rewrites_records_before_handlers(
    caplog: pytest.LogCaptureFixture,
) -> None:
    add_secret("very-secret-value")
    logger = get_redacted_logger("tests.redaction")
    with caplog.at_level(logging.INFO):
        logger.info("value %s and %s", "very-secret-value", "xoxb-9-9")
        try:
            raise ValueError("xoxb-in-traceback")
        except ValueError:
            logger.exception("failed")
    assert "very-secret-value" not in caplog.text and "xoxb-" not in caplog.text
    assert "[redacted]" in caplog.text


PRIVATE_URL = "http://127.0.0.1:9/response/secret-part"
SLACK_URL = "https://hooks.slack.com/actions/T0/1/secret-part"


@pytest.mark.parametrize(
    "text",
    [
        "payload=" + quote_plus(json.dumps({"response_url": PRIVATE_URL, "x": 1})),
        "payload=" + quote(json.dumps({"response_url": PRIVATE_URL})),  # slashes left as they are
        quote_plus("payload=" + quote_plus(json.dumps({"response_url": PRIVATE_URL}))),
        json.dumps(json.dumps({"response_url": PRIVATE_URL})),  # a JSON string inside JSON
        json.dumps({"response_url": PRIVATE_URL}).replace("/", "\\/"),  # `\/`, as Slack writes
        "payload=" + quote_plus(json.dumps({"text": SLACK_URL})),
        json.dumps({"text": SLACK_URL}).replace("/", "\\/"),
        repr({"RESPONSE_URL": PRIVATE_URL}),
    ],
    ids=[
        "form",
        "form-slashes",
        "form-twice",
        "json-in-json",
        "json-slashes",
        "slack-url-form",
        "slack-url-json-slashes",
        "repr-upper",
    ],
)
def test_response_urls_are_hidden_in_their_encoded_forms(text: str) -> None:
    redacted = SecretRedactor().redact(text)
    assert "secret-part" not in redacted and REDACTED in redacted


def test_url_redactor_hides_encoded_urls() -> None:
    text = "body: " + quote_plus(PRIVATE_URL) + " and " + PRIVATE_URL.replace("/", "\\/")
    assert "secret-part" not in SecretRedactor(hide_urls=True).redact(text)


def test_bolts_messages_that_quote_a_request_body_withhold_it(
    caplog: pytest.LogCaptureFixture,
) -> None:
    # Bolt's own code writes each message, so a change in its wording shows here.
    logger = get_redacted_logger("tests.redaction.bolt")
    payload = {
        "type": "block_actions",
        "actions": [{"action_id": "marker-action", "block_id": "marker-block"}],
        "event": {"type": "message", "text": "marker-text"},
    }
    body = "payload=" + quote_plus(json.dumps(payload))
    request = AsyncBoltRequest(
        body=body, headers={"content-type": "application/x-www-form-urlencoded"}
    )
    caplog.set_level(logging.DEBUG)
    logger.setLevel(logging.DEBUG)
    try:
        RequestVerification("secret", base_logger=logger)._debug_log_error("v0=1", "1", body)
        IgnoringSelfEvents(base_logger=logger)._debug_log(request.body)
        logger.warning(warning_unhandled_request(request))
        logger.warning(warning_unhandled_by_global_middleware("screen", request))
    finally:
        logger.setLevel(logging.NOTSET)
    assert len(caplog.records) == 4
    assert "marker" not in caplog.text
    assert all(WITHHELD in record.getMessage() for record in caplog.records)
