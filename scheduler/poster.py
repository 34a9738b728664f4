"""The outlet a scheduled post goes through: a small protocol each chat platform implements."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    from scheduler.reports import Report


class Poster(Protocol):
    """Posts a rendered report to one channel of one platform (Slack now, Teams later).

    `marker` is unique per delivery (subscription and period); the platform keeps it with
    the message (Slack: message metadata) so that `find_post` can tell, after an unclear
    outcome, whether the message went out.
    """

    platform: str

    def post(self, channel: str, report: Report, marker: str) -> str:
        """Posts and returns the platform's message id (Slack's `ts`); raises PostError."""
        ...

    def find_post(self, channel: str, marker: str, since: datetime) -> str | None:
        """The message id of a post carrying `marker` sent after `since`, if there is one."""
        ...

    def check_channel(self, channel: str) -> bool:
        """Whether the channel exists and the bot can post to it."""
        ...
