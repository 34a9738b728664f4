"""Typed errors of the knowledge package: they carry data; templates turn them into sentences."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any


class KnowledgeError(Exception):
    """Base of every error the knowledge package raises on purpose."""


class StoreUnavailable(KnowledgeError):
    """The database cannot be reached or opened."""

    def __init__(self, target: str, reason: str) -> None:
        super().__init__(f"store unavailable at {target}: {reason}")
        self.target = target
        self.reason = reason


class StoreFull(StoreUnavailable):
    """The database answers but cannot write: its disk, or its size limit, is full (SQLite
    SQLITE_FULL, PostgreSQL SQLSTATE 53100). Reads still work. A StoreUnavailable, so every
    handler of an unavailable store still catches it; those that can say what is true."""


class StoreMisconfigured(StoreUnavailable):
    """The database cannot be used as configured, and trying again will not help until the
    configuration changes. `cause` names why: "unsupported_scheme" (a URL for a database
    staffbot does not speak, e.g. mysql://), "unparsable_url", "authentication" (user or
    password refused), "unknown_database", "permission" (the user lacks a privilege),
    "not_writable" (the SQLite data folder cannot be created or written). A StoreUnavailable,
    so every handler of an unavailable store still catches it."""

    def __init__(self, target: str, reason: str, cause: str) -> None:
        super().__init__(target, reason)
        self.cause = cause


class SeedInvalid(KnowledgeError):
    """A seed file does not have the expected shape or content.

    `reason` is the parser's or validator's own text; where staffbot itself refuses, it
    also gives `reason_key` (a template turns it and `details` into a sentence): "not_text"
    (details: encoding, line, byte, has_nul), "printed_share_changed" and "two_figures"
    (details: subject, year, and doc/section or amounts).
    """

    def __init__(
        self,
        file: str,
        location: str,
        reason: str,
        reason_key: str | None = None,
        details: dict[str, Any] | None = None,
    ) -> None:
        super().__init__(f"{file}: {location}: {reason}")
        self.file = file
        self.location = location
        self.reason = reason
        self.reason_key = reason_key
        self.details = details or {}


class UnknownCode(KnowledgeError):
    """A code, key or id names nothing in the store; `suggestions` are close known ones."""

    def __init__(self, kind: str, code: str, suggestions: Sequence[str] = ()) -> None:
        super().__init__(f"unknown {kind} {code!r}")
        self.kind = kind
        self.code = code
        self.suggestions = list(suggestions)


class InvalidValue(KnowledgeError):
    """A value an edit was given is refused; `reason_key` names why (a template turns it into
    a sentence). The keys are listed in `knowledge.editing.audit.REASON_KEYS`."""

    def __init__(self, field: str, value: object, reason_key: str) -> None:
        super().__init__(f"invalid {field}: {reason_key}")
        self.field = field
        self.value = value
        self.reason_key = reason_key


class NeedsConfirmation(KnowledgeError):
    """The edit is held until the person confirms it.

    Call the same function again with `confirmed_versions=versions` to apply it; if any of
    those records changed in the meantime, that call raises RecordChanged instead.
    `versions` maps "entity:key" to the version seen when asking (0: the record did not exist).
    """

    def __init__(self, reason_key: str, details: dict[str, Any], versions: dict[str, int]) -> None:
        super().__init__(f"needs confirmation: {reason_key}")
        self.reason_key = reason_key
        self.details = details
        self.versions = versions


class RecordChanged(KnowledgeError):
    """Someone else changed the record since it was read or since the confirmation was asked."""

    def __init__(self, entity: str, key: str, current: dict[str, Any] | None = None) -> None:
        super().__init__(f"{entity} {key!r} changed since it was read")
        self.entity = entity
        self.key = key
        self.current = current  # the record as it is now (a snapshot), None if it is gone


class NotPermitted(KnowledgeError):
    """The person may not do this; nothing changed (the attempt is logged)."""

    def __init__(self, user_id: str, action: str) -> None:
        super().__init__(f"{user_id} may not {action}")
        self.user_id = user_id
        self.action = action


class ChangeNotFound(KnowledgeError):
    """No audited change has this id."""

    def __init__(self, change_id: int) -> None:
        super().__init__(f"no change #{change_id}")
        self.id = change_id


class CannotUndo(KnowledgeError):
    """A change cannot be undone; `newer_ids` are the later changes of the same record."""

    def __init__(self, change_id: int, reason_key: str, newer_ids: Sequence[int] = ()) -> None:
        super().__init__(f"cannot undo change #{change_id}: {reason_key}")
        self.id = change_id
        self.reason_key = reason_key
        self.newer_ids = list(newer_ids)
