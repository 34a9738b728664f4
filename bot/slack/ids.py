"""Slack's user ids (U… or W…, upper-case letters and digits): one pattern for the adapter."""

from __future__ import annotations

import re

USER_ID = re.compile(r"[UW][A-Z0-9]{1,40}")


def is_user_id(value: str) -> bool:
    return USER_ID.fullmatch(value) is not None
