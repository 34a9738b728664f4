"""Typed errors of the scheduler package: they carry data; templates turn them into sentences."""

from __future__ import annotations


class SchedulerError(Exception):
    """Base of every error the scheduler package raises on purpose."""


class PostError(SchedulerError):
    """A post did not (certainly) go out."""

    def __init__(self, channel: str, reason: str) -> None:
        super().__init__(f"post to {channel} failed: {reason}")
        self.channel = channel
        self.reason = reason


class RateLimited(PostError):
    """The platform said 429 and kept saying it after the poster waited Retry-After."""

    def __init__(self, channel: str, retry_after: float) -> None:
        super().__init__(channel, f"rate limited (Retry-After {retry_after:g} s)")
        self.retry_after = retry_after


class TemporaryFailure(PostError):
    """5xx or a refused connection: the platform certainly did not take the message."""


class UnclearOutcome(PostError):
    """A timeout or a dropped connection after the request was sent: it may have gone out."""


class PermanentFailure(PostError):
    """The platform refused the message for good (channel_not_found, not_in_channel, …)."""
