"""KPI owners: who owns a KPI, a theme or a priority, and what a person owns.

An owner is reminded of what they own and may record its progress without being an editor
(`Permissions.owned_codes`). Adding and removing owners is admins only, audited (entity
"owner", key "user_id scope") and undoable like roles; exported and imported with the
knowledge (`transfer.py`, section `owners`).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping

from sqlmodel import Session, col, select

from knowledge.editing.audit import check_confirmed, delete_versioned, record_change, to_snapshot
from knowledge.editing.entry_edits import list_known_codes, list_priority_labels, suggest
from knowledge.editing.permissions import Actor, Permissions
from knowledge.editing.roles import DEFAULT_PLATFORM, MAX_USER_ID
from knowledge.errors import InvalidValue, NeedsConfirmation, UnknownCode
from knowledge.store import find_priority_code, models

OWNER_KINDS = ("priority", "theme", "kpi")


def resolve_owned_code(session: Session, code: str) -> str:
    """A KPI, theme or priority code as written (any case; a priority also by its label,
    E6 → P5); else UnknownCode("owner_scope", …) with suggestions."""
    wanted = code.strip().upper()
    known = list_known_codes(session, OWNER_KINDS)
    if wanted in known:
        return wanted
    found = find_priority_code(code, list_priority_labels(session))
    if found is not None:
        return found
    raise UnknownCode("owner_scope", code, suggest(code, known))


def _owner_key(user_id: str, scope: str) -> str:
    return f"{user_id} {scope}"


def _check_user_id(user_id: str) -> str:
    user_id = user_id.strip()
    if not user_id:
        raise InvalidValue("user_id", user_id, "empty")
    if len(user_id) > MAX_USER_ID:
        raise InvalidValue("user_id", user_id, "too_long")
    return user_id


def _find_owner(session: Session, platform: str, user_id: str, scope: str) -> models.Owner | None:
    return session.exec(
        select(models.Owner)
        .where(models.Owner.platform == platform)
        .where(models.Owner.user_id == user_id)
        .where(models.Owner.scope == scope)
    ).first()


def add_owner(
    session: Session,
    perms: Permissions,
    user_id: str,
    code: str,
    *,
    platform: str = DEFAULT_PLATFORM,
    is_user_id: Callable[[str], bool] | None = None,
    check_user: Callable[[str], bool | None] | None = None,
) -> models.AuditEntry:
    """Make someone the owner of a KPI, a theme or a priority. Admins only; audited.
    `is_user_id` and `check_user` as for `roles.add_member`."""
    perms.require_admin("owner add")
    user_id = _check_user_id(user_id)
    scope = resolve_owned_code(session, code)
    if is_user_id is not None and not is_user_id(user_id):
        raise InvalidValue("user_id", user_id, "not_a_user_id")
    if _find_owner(session, platform, user_id, scope) is not None:
        raise InvalidValue("user_id", user_id, "duplicate")
    if check_user is not None and check_user(user_id) is False:
        raise InvalidValue("user_id", user_id, "no_such_user")
    owner = models.Owner(
        platform=platform, user_id=user_id, scope=scope, added_by=perms.actor.to_audit()
    )
    session.add(owner)
    session.flush()
    key = _owner_key(user_id, scope)
    return record_change(session, perms.actor, "add", "owner", key, None, to_snapshot(owner))


def remove_owner(
    session: Session,
    perms: Permissions,
    user_id: str,
    code: str,
    *,
    platform: str = DEFAULT_PLATFORM,
    confirmed_versions: Mapping[str, int] | None = None,
) -> models.AuditEntry:
    """Someone no longer owns a KPI, theme or priority. Asks first
    (NeedsConfirmation "confirm_remove"). Admins only; audited."""
    perms.require_admin("owner remove")
    user_id = _check_user_id(user_id)
    scope = resolve_owned_code(session, code)
    owner = _find_owner(session, platform, user_id, scope)
    key = _owner_key(user_id, scope)
    if owner is None:
        raise UnknownCode("owner", key)
    snapshot = to_snapshot(owner)
    if confirmed_versions is None:
        raise NeedsConfirmation(
            "confirm_remove",
            {"entity": "owner", "key": key, "current": snapshot},
            {f"owner:{key}": 1},
        )
    check_confirmed(confirmed_versions, "owner", key, owner)
    delete_versioned(session, owner, "owner", key)
    return record_change(session, perms.actor, "remove", "owner", key, snapshot, None)


def list_owners(session: Session, code: str | None = None) -> list[models.Owner]:
    """Every owner (by scope, then person); with `code`, the owners of that code and of
    what it falls under (a KPI's theme and priority), and of what falls under it."""
    rows = list(session.exec(select(models.Owner).order_by(col(models.Owner.scope))))
    if code:
        scope = resolve_owned_code(session, code)
        related = {scope, *to_parent_codes(session, scope)}
        rows = [r for r in rows if r.scope in related or r.scope.startswith(f"{scope}-")]
    return sorted(rows, key=lambda r: (r.scope, r.platform, r.user_id))


def to_parent_codes(session: Session, code: str) -> list[str]:
    """What a KPI or theme code falls under: its theme and priority ([] for a priority)."""
    kpi = session.exec(select(models.Kpi).where(models.Kpi.code == code)).first()
    theme_code = kpi.theme_code if kpi is not None else code
    theme = session.exec(select(models.Theme).where(models.Theme.code == theme_code)).first()
    if theme is None:
        return []
    return [theme.code, theme.priority_code] if kpi is not None else [theme.priority_code]


def list_owned_codes(session: Session, actor: Actor) -> frozenset[str]:
    """The codes `actor` owns."""
    rows = session.exec(
        select(models.Owner.scope)
        .where(models.Owner.platform == actor.platform)
        .where(models.Owner.user_id == actor.user_id)
    ).all()
    return frozenset(rows)
