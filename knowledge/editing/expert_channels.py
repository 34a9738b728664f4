"""The experts' channels: where a question the bot could not answer goes, per scope; audited.

An admin names one channel per platform and scope: "all" (the default), or a priority or
enabler code ("P1"); a question about P1 goes to P1's channel when there is one, else to the
default. Setting, moving and removing a channel are changes like any knowledge edit: one
audit row each (entity "expert_channel", key "experts:SCOPE"), undone by `/kb undo N`. The
channel's form and whether the bot can post there are the chat platform's to check (the
caller's); this module keeps the rows.
"""

from __future__ import annotations

import logging

from sqlmodel import Session, col, select

from knowledge.editing.audit import delete_versioned, record_change, to_snapshot, update_versioned
from knowledge.editing.entry_edits import resolve_priority_code
from knowledge.editing.permissions import Permissions
from knowledge.errors import InvalidValue, UnknownCode
from knowledge.store import models

logger = logging.getLogger(__name__)

ENTITY = "expert_channel"
SCOPE_ALL = "all"
_ALL_WORDS = frozenset({"all", "*", "全部", "所有"})
MAX_CHANNEL = 255


def to_expert_scope(session: Session, scope: str | None) -> str:
    """ "all" for no scope (or "all"); else the priority or enabler code it names (P1, e6 →
    P5); UnknownCode("priority", …) with suggestions otherwise."""
    if scope is None or scope.strip().lower() in _ALL_WORDS:
        return SCOPE_ALL
    return resolve_priority_code(session, scope.strip())


def to_entity_key(scope: str) -> str:
    return f"experts:{scope}"


def _find(session: Session, platform: str, scope: str) -> models.ExpertChannel | None:
    return session.exec(
        select(models.ExpertChannel).where(
            models.ExpertChannel.platform == platform, models.ExpertChannel.scope == scope
        )
    ).first()


def list_expert_channels(session: Session, platform: str) -> list[models.ExpertChannel]:
    """The platform's experts' channels, the default first, then by scope."""
    rows = session.exec(
        select(models.ExpertChannel)
        .where(models.ExpertChannel.platform == platform)
        .order_by(col(models.ExpertChannel.scope))
    ).all()
    return sorted(rows, key=lambda row: (row.scope != SCOPE_ALL, row.scope))


def find_expert_channel(
    session: Session, platform: str, scope: str | None
) -> models.ExpertChannel | None:
    """The channel a question of `scope` goes to: the scope's own, else the default; None
    when the platform has neither."""
    if scope and scope != SCOPE_ALL:
        found = _find(session, platform, scope)
        if found is not None:
            return found
    return _find(session, platform, SCOPE_ALL)


def set_expert_channel(
    session: Session, perms: Permissions, channel: str, scope: str | None = None
) -> models.AuditEntry:
    """Questions of `scope` (None: every scope without its own) go to `channel` on the
    actor's platform; admins only. InvalidValue "empty", "too_long" or "unchanged"."""
    perms.require_admin("experts set")
    platform = perms.actor.platform
    channel = channel.strip()
    if not channel:
        raise InvalidValue("channel", channel, "empty")
    if len(channel) > MAX_CHANNEL:
        raise InvalidValue("channel", f"{channel[:40]}…", "too_long")
    scope = to_expert_scope(session, scope)
    key = to_entity_key(scope)
    row = _find(session, platform, scope)
    if row is None:
        row = models.ExpertChannel(
            platform=platform, scope=scope, channel=channel, created_by=perms.actor.to_audit()
        )
        session.add(row)
        session.flush()
        return record_change(session, perms.actor, "add", ENTITY, key, None, to_snapshot(row))
    if row.channel == channel:
        raise InvalidValue("channel", channel, "unchanged")
    before = to_snapshot(row)
    fresh = update_versioned(session, row, {"channel": channel}, ENTITY, key)
    return record_change(session, perms.actor, "edit", ENTITY, key, before, to_snapshot(fresh))


def remove_expert_channel(
    session: Session, perms: Permissions, scope: str | None = None
) -> models.AuditEntry:
    """Questions of `scope` no longer go to a channel of their own (the default's, if any);
    admins only; UnknownCode("expert_channel", scope) when there is none to remove."""
    perms.require_admin("experts remove")
    scope = to_expert_scope(session, scope)
    key = to_entity_key(scope)
    row = _find(session, perms.actor.platform, scope)
    if row is None:
        raise UnknownCode(ENTITY, scope, [])
    before = to_snapshot(row)
    delete_versioned(session, row, ENTITY, key)
    return record_change(session, perms.actor, "remove", ENTITY, key, before, None)
