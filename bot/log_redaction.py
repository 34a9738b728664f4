"""A log filter that takes secrets out of records: tokens, the signing secret, response URLs,
request bodies."""

from __future__ import annotations

import logging
import re
import threading

REDACTED = "[redacted]"

# Slack tokens (bot, user, app-level, refresh...), whatever the settings say.
_TOKEN = re.compile(r"\b(?:xox[a-z]|xapp)-[A-Za-z0-9-]+")
# A logged payload may be percent-encoded (a form body, once or more) or JSON-escaped (a
# JSON string inside JSON): each character that frames a URL or a field, in each form.
_PCT = r"%(?:25)*"
_QUOTE = rf"(?:['\"]|\\\"|{_PCT}2[27])"
_SPACE = rf"(?:\s|\+|{_PCT}2[0B])*"
_SCHEME = rf"(?::|{_PCT}3A)(?:/|\\/|{_PCT}2F){{2}}"
# A response_url in a logged payload: JSON, a dict's repr or a form body, in any of the forms.
_RESPONSE_URL_FIELD = re.compile(
    rf"(response_url{_QUOTE}?{_SPACE}(?:[=:]|{_PCT}3[AD]){_SPACE}{_QUOTE}?)"
    rf"(?:(?!{_QUOTE}|{_PCT}(?:2C|7D|26))[^'\"\s,&}}])+",
    re.IGNORECASE,
)
# Slack's own webhook and response URLs, and the one-time Socket Mode address.
_SLACK_URL = re.compile(rf"(?:https{_SCHEME}hooks\.slack\.com|wss{_SCHEME})\S+", re.IGNORECASE)
_ANY_URL = re.compile(rf"(?:https?|wss?){_SCHEME}\S+", re.IGNORECASE)
# Bolt's messages that quote a request body (or the event in it), and the Teams SDK's that
# quotes each activity (a message's text: channel messages the bot was not asked are never
# logged): the body is withheld.
_REQUEST_BODY = re.compile(
    r"(Invalid request signature detected|Unhandled request|Skipped self event"
    r"|without providing a response for the request|Received activity)\b.*",
    re.DOTALL,
)
WITHHELD = "(request body withheld)"


class SecretRedactor(logging.Filter):
    """Rewrites each record it sees with every known secret and secret-looking value hidden.

    Attached to a logger, it sees the records created through that logger; attached to a
    handler, everything the handler writes. `hide_urls` hides every URL: for the loggers of
    clients whose only URL is a response_url.
    """

    def __init__(self, hide_urls: bool = False) -> None:
        super().__init__()
        self.hide_urls = hide_urls
        self._secrets: set[str] = set()
        self._lock = threading.Lock()

    def add_secret(self, value: str) -> None:
        if value:
            with self._lock:
                self._secrets.add(value)

    def redact(self, text: str) -> str:
        text = _REQUEST_BODY.sub(lambda m: f"{m.group(1)} {WITHHELD}", text)
        for secret in sorted(self._secrets, key=len, reverse=True):
            text = text.replace(secret, REDACTED)
        text = _TOKEN.sub(REDACTED, text)
        text = _RESPONSE_URL_FIELD.sub(lambda m: m.group(1) + REDACTED, text)
        return (_ANY_URL if self.hide_urls else _SLACK_URL).sub(REDACTED, text)

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        redacted = self.redact(message)
        if redacted != message:
            record.msg, record.args = redacted, ()
        if record.exc_info and not record.exc_text:
            record.exc_text = self.redact(logging.Formatter().formatException(record.exc_info))
        return True


# One redactor for the whole process: loggers that copy their filters from a base logger
# (Bolt's do) keep the first instance they saw, so the secrets must all live in one place.
REDACTOR = SecretRedactor()
URL_REDACTOR = SecretRedactor(hide_urls=True)


def get_redacted_logger(name: str, hide_urls: bool = False) -> logging.Logger:
    """A logger whose records are redacted before any handler, or a test, sees them."""
    logger = logging.getLogger(name)
    redactor = URL_REDACTOR if hide_urls else REDACTOR
    if redactor not in logger.filters:
        logger.addFilter(redactor)
    return logger


def add_secret(value: str) -> None:
    REDACTOR.add_secret(value)
    URL_REDACTOR.add_secret(value)
