"""Slack's ids (upper-case letters and digits): users (U…, W…) and where a scheduled post can
go; one pattern each for the adapter."""

from __future__ import annotations

import re

USER_ID = re.compile(r"[UW][A-Z0-9]{1,40}")
# A public (C…) or private (G…) channel, a DM (D…), or a person (the bot's DM with them).
POST_TARGET = re.compile(r"[CGDUW][A-Z0-9]{1,40}")


def is_user_id(value: str) -> bool:
    return USER_ID.fullmatch(value) is not None


def is_post_target(value: str) -> bool:
    """Whether `value` is an id a scheduled post can go to (not a channel's name)."""
    return POST_TARGET.fullmatch(value) is not None
