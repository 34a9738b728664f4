"""Who may change the knowledge: the admin and editor roles, and reading one's permissions.

Admins may do everything; an editor holds one Member row per priority code in scope and may
record progress of that priority's KPIs and add/edit/remove its facts and FAQ entries.
Environment admins (STAFFBOT_ADMINS) are admins whatever the store says. Authorisation is by
user id only. Every edit function checks the Permissions it is given and raises NotPermitted
(logged with user id and action, never text) before touching anything.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Collection, Mapping

from sqlmodel import Session, select

from knowledge.editing.audit import check_confirmed, delete_versioned, record_change, to_snapshot
from knowledge.editing.entry_edits import resolve_priority_code
from knowledge.editing.permissions import Actor, Permissions
from knowledge.errors import InvalidValue, NeedsConfirmation, UnknownCode
from knowledge.store import models

logger = logging.getLogger(__name__)


ROLE_ADMIN = "admin"
ROLE_EDITOR = "editor"
ROLES = (ROLE_ADMIN, ROLE_EDITOR)
DEFAULT_PLATFORM = "slack"
MAX_USER_ID = 64


def get_permissions(
    session: Session, actor: Actor, env_admins: Collection[str] = ()
) -> Permissions:
    """The actor's permissions: env admins, then the Member and Owner rows of their
    platform and id."""
    rows = session.exec(
        select(models.Member)
        .where(models.Member.platform == actor.platform)
        .where(models.Member.user_id == actor.user_id)
    ).all()
    is_admin = actor.user_id in env_admins or any(r.role == ROLE_ADMIN for r in rows)
    scopes = frozenset(r.scope for r in rows if r.role == ROLE_EDITOR and r.scope)
    owned = session.exec(
        select(models.Owner.scope)
        .where(models.Owner.platform == actor.platform)
        .where(models.Owner.user_id == actor.user_id)
    ).all()
    return Permissions(actor, is_admin, scopes, frozenset(owned))


def list_members(session: Session) -> list[models.Member]:
    """Stored admins and editors, admins first."""
    rows = session.exec(select(models.Member)).all()
    return sorted(rows, key=lambda m: (m.role != ROLE_ADMIN, m.scope, m.platform, m.user_id))


def _member_key(user_id: str, role: str, scope: str) -> str:
    return f"{user_id} {role} {scope}".strip()


def _check_member_args(session: Session, user_id: str, role: str, scope: str) -> tuple[str, str]:
    user_id = user_id.strip()
    if not user_id:
        raise InvalidValue("user_id", user_id, "empty")
    if len(user_id) > MAX_USER_ID:
        raise InvalidValue("user_id", user_id, "too_long")
    if role not in ROLES:
        raise InvalidValue("role", role, "bad_role")
    if role == ROLE_ADMIN and scope:
        raise InvalidValue("scope", scope, "scope_for_admin")
    if role == ROLE_EDITOR:
        if not scope:
            raise InvalidValue("scope", scope, "scope_required")
        scope = resolve_priority_code(session, scope)
    return user_id, scope


def _find_member(
    session: Session, platform: str, user_id: str, role: str, scope: str
) -> models.Member | None:
    return session.exec(
        select(models.Member)
        .where(models.Member.platform == platform)
        .where(models.Member.user_id == user_id)
        .where(models.Member.role == role)
        .where(models.Member.scope == scope)
    ).first()


def add_member(
    session: Session,
    perms: Permissions,
    user_id: str,
    role: str,
    scope: str = "",
    *,
    platform: str = DEFAULT_PLATFORM,
    is_user_id: Callable[[str], bool] | None = None,
    check_user: Callable[[str], bool | None] | None = None,
) -> models.AuditEntry:
    """Make someone an admin, or an editor of one priority (scope). Admins only; audited.

    `is_user_id`: the platform's user id format, from its adapter (a name is refused).
    `check_user`: asks the platform whether the person exists (False: refused as
    "no_such_user"; None: it could not tell, and the id's form is enough), asked last.
    """
    perms.require_admin(f"{role} add")
    user_id, scope = _check_member_args(session, user_id, role, scope)
    if is_user_id is not None and not is_user_id(user_id):
        # Roles go by the platform's user id, never a name: a name would never match anyone.
        raise InvalidValue("user_id", user_id, "not_a_user_id")
    if _find_member(session, platform, user_id, role, scope) is not None:
        raise InvalidValue("user_id", user_id, "duplicate")
    if check_user is not None and check_user(user_id) is False:
        # A role for an id nobody has is never used, and hides the typo that made it.
        raise InvalidValue("user_id", user_id, "no_such_user")
    member = models.Member(
        platform=platform,
        user_id=user_id,
        role=role,
        scope=scope,
        added_by=perms.actor.to_audit(),
    )
    session.add(member)
    session.flush()
    return record_change(
        session,
        perms.actor,
        "add",
        "member",
        _member_key(user_id, role, scope),
        before=None,
        after=to_snapshot(member),
    )


def remove_member(
    session: Session,
    perms: Permissions,
    user_id: str,
    role: str,
    scope: str = "",
    *,
    platform: str = DEFAULT_PLATFORM,
    confirmed_versions: Mapping[str, int] | None = None,
) -> models.AuditEntry:
    """Take a role away. Without `confirmed_versions`: NeedsConfirmation("confirm_remove")."""
    perms.require_admin(f"{role} remove")
    user_id, scope = _check_member_args(session, user_id, role, scope)
    member = _find_member(session, platform, user_id, role, scope)
    key = _member_key(user_id, role, scope)
    if member is None:
        raise UnknownCode("member", key)
    snapshot = to_snapshot(member)
    if confirmed_versions is None:
        raise NeedsConfirmation(
            "confirm_remove",
            {"entity": "member", "key": key, "current": snapshot},
            {f"member:{key}": 1},
        )
    check_confirmed(confirmed_versions, "member", key, member)
    delete_versioned(session, member, "member", key)
    return record_change(session, perms.actor, "remove", "member", key, snapshot, None)
