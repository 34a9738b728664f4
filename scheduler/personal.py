"""Personal reminders: a scope's reminder split into one per owner, and where each goes."""

from __future__ import annotations

from dataclasses import replace

from sqlmodel import Session, col, select

from knowledge.store import ConversationRef
from scheduler.reports import Reminder, keep_owned


def split_by_owner(report: Reminder, platform: str) -> list[tuple[str, Reminder]]:
    """(user id, their reminder) for each owner on `platform` of a KPI the reminder lists, in
    the order they first appear; each reminder lists only the KPIs that owner answers for."""
    prefix = f"{platform}:"
    owners = dict.fromkeys(
        owner
        for group in report.themes
        for kpi in group.kpis
        for owner in kpi.owners
        if owner.startswith(prefix)
    )
    return [
        (
            owner.removeprefix(prefix),
            replace(report, themes=tuple(keep_owned(report.themes, owner)), owner=owner),
        )
        for owner in owners
    ]


def to_owner_channel(session: Session, platform: str, user_id: str) -> str | None:
    """Where a personal reminder for `user_id` is posted: in Slack the user id (the poster
    opens the DM); in Teams the personal chat the user has with the bot (None: none yet)."""
    if platform != "teams":
        return user_id
    found = session.exec(
        select(ConversationRef.conversation_id)
        .where(ConversationRef.platform == platform)
        .where(ConversationRef.kind == "personal")
        .where(ConversationRef.user_id == user_id)
        .where(col(ConversationRef.removed_at).is_(None))
    ).first()
    return found
