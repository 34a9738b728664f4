"""Secrets never reach a log record through a redacted logger."""

from __future__ import annotations

import logging

import pytest

from bot.log_redaction import SecretRedactor, add_secret, get_redacted_logger


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
