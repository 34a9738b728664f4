"""Typed errors of /kb command text: they carry data; the kb templates say what went wrong."""

from __future__ import annotations

from typing import Any


class KbInputError(Exception):
    """The command text cannot be read: `reason_key` names the template sentence."""

    def __init__(self, reason_key: str, **details: Any) -> None:
        super().__init__(f"{reason_key}: {details}")
        self.reason_key = reason_key
        self.details = details
