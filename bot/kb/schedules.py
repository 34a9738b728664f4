"""The /kb schedule subcommands: reminders and digests, through the scheduler's subscriptions."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import date, datetime
from typing import Any

from sqlmodel import Session

from bot.kb.errors import KbInputError
from bot.kb.parser import Command, to_id
from bot.kb.replies import ConfirmationRequest, KbReply
from knowledge.answering import KnowledgeCache
from knowledge.editing import Permissions
from knowledge.store import Subscription, utc_now
from scheduler import deliveries, subscriptions
from scheduler.errors import (
    BadSchedule,
    ChannelIsName,
    DuplicateSubscription,
    InvalidChoice,
    SubscriptionNotFound,
    UnknownCalendar,
    UnknownChannel,
    UnknownTimeZone,
)
from scheduler.holidays import get_holiday_days, list_calendars
from scheduler.reports import ReportBuilder

DEFAULT_TZ = "UTC"
RECENT_DELIVERIES = 10

Versions = Mapping[str, int] | None
Handler = Callable[[Session, Permissions, Command, str, Versions], KbReply]
ChannelCheck = Callable[[str], bool]


def _to_local(moment: datetime | None, tz: str) -> str | None:
    if moment is None:
        return None
    from zoneinfo import ZoneInfo

    return moment.astimezone(ZoneInfo(tz)).strftime("%Y-%m-%d %H:%M")


def to_subscription_view(
    subscription: Subscription, now: datetime, holidays: frozenset[date] = frozenset()
) -> dict[str, Any]:
    """A subscription as the replies show it, with its next post in its own time zone
    (`holidays`: the days of its calendar)."""
    return {
        "id": subscription.id,
        "kind": subscription.kind,
        "channel": subscription.channel,
        "scope": subscription.scope,
        "schedule": subscription.schedule,
        "tz": subscription.tz,
        "lang": subscription.lang,
        "paused": subscription.paused,
        "always": not subscription.quiet_when_empty,
        "next_run": _to_local(
            subscriptions.get_next_run(subscription, now, holidays), subscription.tz
        ),
        "holidays": subscription.holidays,
    }


def _to_delivery_view(delivery: Any, tz: str) -> dict[str, Any]:
    return {
        "subscription_id": delivery.subscription_id,
        "period": _to_local(delivery.period, tz),
        "status": delivery.status,
        "attempts": delivery.attempts,
        "error": delivery.error,
    }


def to_schedule_error(exc: Exception) -> tuple[str, dict[str, Any]] | None:
    """The scheduler's validation errors as (template, context); None if not one of them."""
    context: dict[str, Any]
    if isinstance(exc, BadSchedule):
        context = {"reason_key": exc.reason_key, "text": exc.text, "detail": exc.detail}
        return "schedule_error", context
    if isinstance(exc, UnknownTimeZone):
        return "schedule_error", {
            "reason_key": "unknown_tz",
            "text": exc.name,
            "suggestions": exc.suggestions,
        }
    if isinstance(exc, UnknownChannel):
        return "schedule_error", {"reason_key": "unknown_channel", "text": exc.channel}
    if isinstance(exc, InvalidChoice):
        context = {
            "reason_key": "bad_choice",
            "text": exc.value,
            "field": exc.field,
            "choices": list(exc.choices),
        }
        return "schedule_error", context
    if isinstance(exc, ChannelIsName):
        return "schedule_error", {"reason_key": "channel_name", "text": exc.channel}
    if isinstance(exc, DuplicateSubscription):
        context = {
            "reason_key": "duplicate",
            "text": exc.channel,
            "id": exc.existing_id,
            "paused": exc.paused,
            "kind": exc.kind,
        }
        return "schedule_error", context
    if isinstance(exc, UnknownCalendar):
        return "schedule_error", {
            "reason_key": "unknown_calendar",
            "text": exc.name,
            "suggestions": exc.known,
        }
    if isinstance(exc, SubscriptionNotFound):
        return "schedule_error", {"reason_key": "not_found", "text": str(exc.subscription_id)}
    return None


def _view(session: Session, subscription: Subscription) -> dict[str, Any]:
    holidays = get_holiday_days(session, subscription.holidays)
    return to_subscription_view(subscription, utc_now(), holidays)


def _done(action: str, subscription: Subscription, lang: str, session: Session) -> KbReply:
    """The reply to a schedule change that landed: the action and the subscription now."""
    view = _view(session, subscription)
    return KbReply("schedule_done", lang, {"action": action, "s": view}, changed=True)


class ScheduleCommands:
    """`/kb schedule …`, admins only; `check_channel` asks the platform whether the bot can
    post to a channel (None: not checked); `is_channel_id` is the form of the platform's
    channel ids (None: any form but "#name"); `reports` builds previews (bot.composition
    gives the one that shares the answer service's knowledge cache)."""

    def __init__(
        self,
        check_channel: ChannelCheck | None = None,
        is_channel_id: Callable[[str], bool] | None = None,
        reports: ReportBuilder | None = None,
    ) -> None:
        self.check_channel = check_channel
        self.is_channel_id = is_channel_id
        self.reports = reports or ReportBuilder(KnowledgeCache())

    def get_handlers(self) -> dict[str, Handler]:
        return {
            "schedule.add": self._add,
            "schedule.list": self._list,
            "schedule.pause": self._pause,
            "schedule.resume": self._resume,
            "schedule.remove": self._remove,
            "schedule.preview": self._preview,
            "schedule.status": self._status,
            "schedule.holidays": self._holidays,
            "holidays": self._calendars,
        }

    def _add(
        self, session: Session, perms: Permissions, command: Command, lang: str, _: Versions
    ) -> KbReply:
        perms.require_admin("schedule add")
        when, cron = command.get("when"), command.options.get("cron")
        if when is not None and cron is not None:
            raise KbInputError("schedule_twice", usage=command.usage)
        schedule_text = cron if cron is not None else when
        if schedule_text is None:
            raise KbInputError("missing_argument", argument="WHEN", usage=command.usage)
        subscription = subscriptions.create_subscription(
            session,
            perms.actor.to_audit(),
            command.require("kind"),
            command.require("channel"),
            command.require("scope"),
            schedule_text,
            command.options.get("tz", DEFAULT_TZ),
            command.options.get("lang", lang),
            quiet_when_empty="always" not in command.flags,
            platform=perms.actor.platform,
            check_channel=self.check_channel,
            is_channel_id=self.is_channel_id,
            holidays=command.options.get("holidays", ""),
        )
        return _done("add", subscription, lang, session)

    def _list(
        self, session: Session, perms: Permissions, command: Command, lang: str, _: Versions
    ) -> KbReply:
        perms.require_admin("schedule list")
        views = [_view(session, s) for s in subscriptions.list_subscriptions(session)]
        return KbReply("schedule_list", lang, {"subscriptions": views})

    def _pause(
        self, session: Session, perms: Permissions, command: Command, lang: str, _: Versions
    ) -> KbReply:
        perms.require_admin("schedule pause")
        subscription = subscriptions.pause_subscription(
            session, perms.actor.to_audit(), to_id(command.require("id"))
        )
        return _done("pause", subscription, lang, session)

    def _resume(
        self, session: Session, perms: Permissions, command: Command, lang: str, _: Versions
    ) -> KbReply:
        perms.require_admin("schedule resume")
        subscription = subscriptions.resume_subscription(
            session, perms.actor.to_audit(), to_id(command.require("id"))
        )
        return _done("resume", subscription, lang, session)

    def _remove(
        self, session: Session, perms: Permissions, command: Command, lang: str, versions: Versions
    ) -> KbReply:
        perms.require_admin("schedule remove")
        subscription_id = to_id(command.require("id"))
        subscription = subscriptions.get_subscription(session, subscription_id)
        key = f"subscription:{subscription_id}"
        if versions is None:
            view = _view(session, subscription)
            request = ConfirmationRequest(
                "button_remove", command.text, {key: subscription.version}, lang
            )
            return KbReply("schedule_confirm_remove", lang, {"s": view}, confirmation=request)
        removed = subscriptions.remove_subscription(
            session,
            perms.actor.to_audit(),
            subscription_id,
            expected_version=versions.get(key, -1),
        )
        return _done("remove", removed, lang, session)

    def _holidays(
        self, session: Session, perms: Permissions, command: Command, lang: str, _: Versions
    ) -> KbReply:
        perms.require_admin("schedule holidays")
        subscription = subscriptions.set_holidays(
            session,
            perms.actor.to_audit(),
            to_id(command.require("id")),
            command.require("calendar"),
        )
        return _done("holidays", subscription, lang, session)

    def _calendars(
        self, session: Session, perms: Permissions, command: Command, lang: str, _: Versions
    ) -> KbReply:
        perms.require_member("holidays")
        calendars = [
            {
                "name": c.name,
                "days": c.days,
                "first": c.first.isoformat(),
                "last": c.last.isoformat(),
            }
            for c in list_calendars(session)
        ]
        return KbReply("holidays", lang, {"calendars": calendars})

    def _preview(
        self, session: Session, perms: Permissions, command: Command, lang: str, _: Versions
    ) -> KbReply:
        perms.require_admin("schedule preview")
        subscription = subscriptions.get_subscription(session, to_id(command.require("id")))
        report = self.reports.build_report_for(
            session,
            subscription.kind,
            subscription.scope,
            subscription.lang,
            utc_now(),
            with_chart=False,
        )
        view = _view(session, subscription)
        context = {"s": view, "is_empty": report.is_empty}
        return KbReply("schedule_preview", lang, context, report=report)

    def _status(
        self, session: Session, perms: Permissions, command: Command, lang: str, _: Versions
    ) -> KbReply:
        perms.require_admin("schedule status")
        id_text = command.get("id")
        if id_text is None:
            problems = [
                _to_delivery_view(p.delivery, p.subscription.tz)
                for p in deliveries.list_status(session)
            ]
            return KbReply("schedule_status", lang, {"s": None, "deliveries": problems})
        subscription = subscriptions.get_subscription(session, to_id(id_text))
        assert subscription.id is not None
        recent = deliveries.list_deliveries(session, subscription.id)[-RECENT_DELIVERIES:]
        views = [_to_delivery_view(d, subscription.tz) for d in reversed(recent)]
        context = {"s": _view(session, subscription), "deliveries": views}
        return KbReply("schedule_status", lang, context)
