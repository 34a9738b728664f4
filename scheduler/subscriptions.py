"""Subscriptions: who gets which reminder or digest, where, when; every change audited.

Every function takes the caller's session and leaves the commit to it (one unit of work):
the subscription row and its AuditEntry (entity "subscription", key = the id, written by
knowledge.editing's `record_change`, the one writer of audit rows) are written in the same
transaction, so readers polling the audit revision see the change at once.
"""

from __future__ import annotations

from collections.abc import Callable, Collection
from datetime import date, datetime
from typing import Any

from sqlalchemy import update
from sqlmodel import Session, col, select

from knowledge.editing import record_change
from knowledge.errors import RecordChanged
from knowledge.store import Delivery, Subscription, utc_now
from scheduler.errors import (
    ChannelIsName,
    DuplicateSubscription,
    InvalidChoice,
    SchedulerError,
    SubscriptionNotFound,
    UnknownChannel,
)
from scheduler.holidays import check_calendar, get_holiday_days
from scheduler.schedules import (
    Schedule,
    check_frequency,
    is_same_timing,
    latest_period,
    next_fire_time,
    parse_schedule,
    to_zone,
    to_zone_name,
)

KINDS = ("reminder", "digest")
LANGS = ("en", "zh")
AUDIT_ENTITY = "subscription"


def to_snapshot(subscription: Subscription) -> dict[str, Any]:
    """The subscription as the audit log keeps it (JSON values only)."""
    return {
        "id": subscription.id,
        "kind": subscription.kind,
        "platform": subscription.platform,
        "channel": subscription.channel,
        "scope": subscription.scope,
        "schedule": subscription.schedule,
        "schedule_kind": subscription.schedule_kind,
        "tz": subscription.tz,
        "lang": subscription.lang,
        "paused": subscription.paused,
        "quiet_when_empty": subscription.quiet_when_empty,
        "removed_at": subscription.removed_at.isoformat() if subscription.removed_at else None,
        "version": subscription.version,
        "holidays": subscription.holidays,
    }


def _audit(
    session: Session,
    actor: str,
    action: str,
    subscription: Subscription,
    before: dict[str, Any] | None,
    now: datetime,
) -> None:
    record_change(
        session,
        actor,
        action,
        AUDIT_ENTITY,
        str(subscription.id),
        before,
        to_snapshot(subscription),
        at=now,
    )


def resolve_scope_code(session: Session, scope: str) -> str:
    """The canonical code of a scope ("all", "P1", a theme; a label like E6 → its code);
    raises knowledge.reporting.progress.UnknownScope (kind, code, suggestions)."""
    from knowledge.reporting import resolve_scope

    return resolve_scope(session, scope).code


def create_subscription(
    session: Session,
    actor: str,
    kind: str,
    channel: str,
    scope: str,
    schedule_text: str,
    tz: str,
    lang: str,
    quiet_when_empty: bool = True,
    *,
    platform: str = "slack",
    check_channel: Callable[[str], bool] | None = None,
    is_channel_id: Callable[[str], bool] | None = None,
    now: datetime | None = None,
    holidays: str = "",
) -> Subscription:
    """Validates and adds a subscription (flushed: it has its id), audited as "add".

    The one place both `staffbot schedule add` and the chat's `kb schedule add` are checked.
    In this order, raising the first failure: kind and lang (InvalidChoice), the schedule
    (BadSchedule; "too_often" past MAX_POSTS_PER_DAY), the time zone (UnknownTimeZone), the
    scope (knowledge.reporting.UnknownScope), the channel's form (ChannelIsName: "#name",
    or not an id by the platform's `is_channel_id`), an unremoved subscription that already
    posts the same report there at the same times (DuplicateSubscription), and last the
    channel through `check_channel` (e.g. the poster's `check_channel`, a call to the
    platform; None: not checked) → UnknownChannel. The scope is stored as its code and the
    zone as its IANA spelling. `now` (default: the current time) is the creation time: only
    periods after it are due. `holidays` names an imported holiday calendar it follows
    (UnknownCalendar otherwise; checked after the time zone).
    """
    now = now or utc_now()
    kind, lang, channel = kind.strip().lower(), lang.strip().lower(), channel.strip()
    if kind not in KINDS:
        raise InvalidChoice("kind", kind, KINDS)
    if lang not in LANGS:
        raise InvalidChoice("lang", lang, LANGS)
    schedule = parse_schedule(schedule_text)
    check_frequency(schedule)
    zone_name = to_zone_name(tz)
    calendar = check_calendar(session, holidays)
    scope_code = resolve_scope_code(session, scope)
    if not channel:
        raise UnknownChannel(channel)
    if channel.startswith("#") or (is_channel_id is not None and not is_channel_id(channel)):
        raise ChannelIsName(channel)
    same = find_same_subscription(
        session, platform, channel, kind, scope_code, schedule, zone_name, lang
    )
    if same is not None:
        assert same.id is not None
        raise DuplicateSubscription(same.id, same.paused, kind, channel)
    if check_channel is not None and not check_channel(channel):
        raise UnknownChannel(channel)
    subscription = Subscription(
        kind=kind,
        platform=platform,
        channel=channel,
        scope=scope_code,
        schedule=schedule.text,
        schedule_kind=schedule.kind,
        tz=zone_name,
        lang=lang,
        quiet_when_empty=quiet_when_empty,
        created_by=actor,
        created_at=now,
        holidays=calendar,
    )
    session.add(subscription)
    session.flush()
    _audit(session, actor, "add", subscription, None, now)
    session.flush()
    return subscription


def find_same_subscription(
    session: Session,
    platform: str,
    channel: str,
    kind: str,
    scope_code: str,
    schedule: Schedule,
    zone_name: str,
    lang: str,
) -> Subscription | None:
    """An unremoved subscription (paused or not) that posts the same report (kind, scope,
    language) to the same place at the same times (schedule and zone), however its schedule
    is written; None if there is none. Whether an empty reminder posts does not count."""
    candidates = session.exec(
        select(Subscription)
        .where(col(Subscription.removed_at).is_(None))
        .where(Subscription.platform == platform, Subscription.channel == channel)
        .where(Subscription.kind == kind, Subscription.scope == scope_code)
        .where(Subscription.tz == zone_name, Subscription.lang == lang)
        .order_by(col(Subscription.id))
    )
    for candidate in candidates:
        try:
            if is_same_timing(parse_schedule(candidate.schedule), schedule):
                return candidate
        except SchedulerError:  # stored before a parser change: not comparable
            continue
    return None


def list_subscriptions(
    session: Session,
    *,
    include_paused: bool = True,
    subscription_ids: Collection[int] | None = None,
) -> list[Subscription]:
    """The subscriptions not removed (of `subscription_ids`, if given), by id."""
    query = select(Subscription).where(col(Subscription.removed_at).is_(None))
    if not include_paused:
        query = query.where(col(Subscription.paused).is_(False))
    if subscription_ids is not None:
        query = query.where(col(Subscription.id).in_(list(subscription_ids)))
    return list(session.exec(query.order_by(col(Subscription.id))))


def get_subscription(session: Session, subscription_id: int) -> Subscription:
    """The subscription with this id; SubscriptionNotFound if there is none or it was removed."""
    subscription = session.get(Subscription, subscription_id)
    if subscription is None or subscription.removed_at is not None:
        raise SubscriptionNotFound(subscription_id)
    return subscription


def get_next_run(
    subscription: Subscription, after: datetime, holidays: Collection[date] = ()
) -> datetime | None:
    """When it will post next (aware UTC), None when paused, removed or never; `holidays`:
    the days of its calendar."""
    if subscription.paused or subscription.removed_at is not None:
        return None
    schedule = parse_schedule(subscription.schedule)
    return next_fire_time(schedule, to_zone(subscription.tz), after, frozenset(holidays))


def _change(
    session: Session,
    actor: str,
    action: str,
    subscription_id: int,
    expected_version: int | None,
    values: dict[str, Any],
    now: datetime,
) -> Subscription:
    subscription = get_subscription(session, subscription_id)
    before = to_snapshot(subscription)
    version = subscription.version if expected_version is None else expected_version
    result = session.exec(
        update(Subscription)
        .where(col(Subscription.id) == subscription_id, col(Subscription.version) == version)
        .values(**values, version=version + 1)
    )
    if result.rowcount != 1:
        session.refresh(subscription)
        raise RecordChanged(AUDIT_ENTITY, str(subscription_id), to_snapshot(subscription))
    session.refresh(subscription)
    _audit(session, actor, action, subscription, before, now)
    session.flush()
    return subscription


def pause_subscription(
    session: Session,
    actor: str,
    subscription_id: int,
    expected_version: int | None = None,
    now: datetime | None = None,
) -> Subscription:
    """Stops posting (audited "pause"). With `expected_version`, RecordChanged if the
    subscription changed since it was read; SubscriptionNotFound if there is none."""
    return _change(
        session,
        actor,
        "pause",
        subscription_id,
        expected_version,
        {"paused": True},
        now or utc_now(),
    )


def resume_subscription(
    session: Session,
    actor: str,
    subscription_id: int,
    expected_version: int | None = None,
    now: datetime | None = None,
) -> Subscription:
    """Posts again from the next period on (audited "resume"): the periods that passed while
    it was paused are recorded as skipped, not posted late nor reported missed."""
    now = now or utc_now()
    subscription = _change(
        session, actor, "resume", subscription_id, expected_version, {"paused": False}, now
    )
    _skip_paused_periods(session, subscription, now)
    return subscription


def _skip_paused_periods(session: Session, subscription: Subscription, now: datetime) -> None:
    # One row for the latest passed period is enough: the runner only looks at periods after
    # the latest delivery of a subscription.
    assert subscription.id is not None
    holidays = get_holiday_days(session, subscription.holidays)
    schedule = parse_schedule(subscription.schedule)
    period = latest_period(schedule, to_zone(subscription.tz), now, holidays)
    if period is None or period <= subscription.created_at:
        return
    latest = session.exec(
        select(Delivery.period)
        .where(Delivery.subscription_id == subscription.id)
        .order_by(col(Delivery.period).desc())
        .limit(1)
    ).first()
    if latest is not None and latest >= period:
        return
    session.add(
        Delivery(
            subscription_id=subscription.id,
            period=period,
            status="skipped",
            claimed_at=now,
            finished_at=now,
            error="paused",
        )
    )
    session.flush()


def set_holidays(
    session: Session,
    actor: str,
    subscription_id: int,
    calendar: str,
    expected_version: int | None = None,
    now: datetime | None = None,
) -> Subscription:
    """Makes it follow a holiday calendar ("" or "none": none), audited "holidays"; the
    periods already posted or recorded stay as they are. UnknownCalendar if none was
    imported under that name."""
    name = check_calendar(session, calendar)
    return _change(
        session,
        actor,
        "holidays",
        subscription_id,
        expected_version,
        {"holidays": name},
        now or utc_now(),
    )


def remove_subscription(
    session: Session,
    actor: str,
    subscription_id: int,
    expected_version: int | None = None,
    now: datetime | None = None,
) -> Subscription:
    """Removes it (audited "remove"): kept with `removed_at` set, so that its deliveries keep
    their history; it no longer posts nor shows in lists."""
    now = now or utc_now()
    return _change(
        session, actor, "remove", subscription_id, expected_version, {"removed_at": now}, now
    )
