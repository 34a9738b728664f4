"""Typed errors of the knowledge package: they carry data; templates turn them into sentences."""

from __future__ import annotations


class KnowledgeError(Exception):
    """Base of every error the knowledge package raises on purpose."""


class StoreUnavailable(KnowledgeError):
    """The database cannot be reached or opened."""

    def __init__(self, target: str, reason: str) -> None:
        super().__init__(f"store unavailable at {target}: {reason}")
        self.target = target
        self.reason = reason


class SeedInvalid(KnowledgeError):
    """A seed file does not have the expected shape or content."""

    def __init__(self, file: str, location: str, reason: str) -> None:
        super().__init__(f"{file}: {location}: {reason}")
        self.file = file
        self.location = location
        self.reason = reason
