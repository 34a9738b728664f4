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


class CannotCheck(PostError):
    """The platform offers no way to find a post again (Teams: a bot cannot read a
    conversation's messages), so whether a post went out cannot be checked."""


# -- subscriptions: what an admin typed is refused ---------------------------------------


class SubscriptionInvalid(SchedulerError):
    """A subscription cannot be created as asked; the subclasses say which part is wrong."""


class BadSchedule(SubscriptionInvalid):
    """A schedule that is neither "DAYS HH:MM" nor a 5-field cron line.

    `reason_key`: "empty", "bad_time", "bad_day", "cron_fields" (not 5 fields),
    "cron_value" (`detail` names the field and value), "never" (it never fires),
    "too_often" (a new subscription would post more than once a day; `detail`: how many
    times a day).
    """

    def __init__(self, text: str, reason_key: str, detail: str = "") -> None:
        super().__init__(f"bad schedule {text!r}: {reason_key} {detail}".rstrip())
        self.text = text
        self.reason_key = reason_key
        self.detail = detail


class UnknownTimeZone(SubscriptionInvalid):
    """Not an IANA time zone name ("Europe/Zurich"); `suggestions` are close known ones."""

    def __init__(self, name: str, suggestions: list[str] | None = None) -> None:
        super().__init__(f"unknown time zone {name!r}")
        self.name = name
        self.suggestions = suggestions or []


class UnknownChannel(SubscriptionInvalid):
    """The platform does not know the channel, or the bot cannot post to it."""

    def __init__(self, channel: str) -> None:
        super().__init__(f"unknown channel {channel!r}")
        self.channel = channel


class ChannelIsName(SubscriptionInvalid):
    """A channel written as its name ("#general") where the platform needs its id."""

    def __init__(self, channel: str) -> None:
        super().__init__(f"{channel!r} is a channel name, not an id")
        self.channel = channel


class DuplicateSubscription(SubscriptionInvalid):
    """An unremoved subscription already posts the same report (`kind`) to the same place
    (`channel`) at the same times: `existing_id`; `paused`: it is paused, and resuming it is
    what was meant."""

    def __init__(self, existing_id: int, paused: bool, kind: str, channel: str) -> None:
        super().__init__(f"subscription #{existing_id} already posts this {kind} to {channel}")
        self.existing_id = existing_id
        self.paused = paused
        self.kind = kind
        self.channel = channel


class InvalidChoice(SubscriptionInvalid):
    """A field outside its fixed choices: `field` is "kind" or "lang"."""

    def __init__(self, field: str, value: str, choices: tuple[str, ...]) -> None:
        super().__init__(f"{field} must be one of {', '.join(choices)}, not {value!r}")
        self.field = field
        self.value = value
        self.choices = choices


class UnknownCalendar(SubscriptionInvalid):
    """No holiday calendar of this name was imported; `known` are those that were."""

    def __init__(self, name: str, known: list[str] | None = None) -> None:
        super().__init__(f"no holiday calendar {name!r}")
        self.name = name
        self.known = known or []


class HolidayFileInvalid(SchedulerError):
    """A holiday file that cannot be read: `reason_key` "format" (neither YAML nor
    iCalendar as expected), "date" (`detail`: the value), "empty" (no day in it) or "name"
    (the calendar's name is missing or not a short word)."""

    def __init__(self, file: str, reason_key: str, detail: str = "") -> None:
        super().__init__(f"holiday file {file}: {reason_key} {detail}".rstrip())
        self.file = file
        self.reason_key = reason_key
        self.detail = detail


class SubscriptionNotFound(SchedulerError):
    """No (unremoved) subscription has this id."""

    def __init__(self, subscription_id: int) -> None:
        super().__init__(f"no subscription #{subscription_id}")
        self.subscription_id = subscription_id


# -- the clock process -------------------------------------------------------------------


class SchedulerAlreadyRunning(SchedulerError):
    """Another scheduler holds the lock of this SQLite store (`lock_path`)."""

    def __init__(self, lock_path: str) -> None:
        super().__init__(f"another scheduler is running on this store (lock {lock_path})")
        self.lock_path = lock_path
