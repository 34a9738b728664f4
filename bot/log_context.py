"""The request a log line belongs to: platform, request or event id, user id (context
variables, so each request's task and the threads it starts carry their own)."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from contextvars import ContextVar
from types import MappingProxyType

# The only fields a log line may carry from a request: ids, never text a person wrote.
FIELDS = ("platform", "request_id", "event_id", "user_id")
# A field's value is cut to this many characters: ids are short; a longer one is not an id.
MAX_FIELD_CHARS = 128

_NONE: Mapping[str, str] = MappingProxyType({})
_CONTEXT: ContextVar[Mapping[str, str]] = ContextVar("staffbot_log_context", default=_NONE)


def bind_log_context(**fields: str | None) -> None:
    """Adds fields (of FIELDS; None and empty values left out; each cut to MAX_FIELD_CHARS)
    to the current context, for the rest of this task and what it starts."""
    unknown = set(fields) - set(FIELDS)
    if unknown:
        raise ValueError(f"not a log context field: {sorted(unknown)}")
    added = {name: str(value)[:MAX_FIELD_CHARS] for name, value in fields.items() if value}
    if added:
        _CONTEXT.set({**_CONTEXT.get(), **added})


def get_log_context() -> Mapping[str, str]:
    return _CONTEXT.get()


@contextmanager
def log_context(**fields: str | None) -> Iterator[None]:
    """The fields bound inside the block only."""
    token = _CONTEXT.set(dict(_CONTEXT.get()))
    try:
        bind_log_context(**fields)
        yield
    finally:
        _CONTEXT.reset(token)
