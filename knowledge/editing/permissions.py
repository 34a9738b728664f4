"""What a person may do: the actor and the permissions read once per command."""

from __future__ import annotations

import logging
from dataclasses import dataclass

from knowledge.errors import NotPermitted

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Actor:
    """A person on a chat platform (or "cli" for the operator's shell)."""

    platform: str
    user_id: str

    def to_audit(self) -> str:
        return f"{self.platform}:{self.user_id}"

    @classmethod
    def from_audit(cls, text: str) -> Actor:
        platform, _, user_id = text.partition(":")
        return cls(platform, user_id) if user_id else cls("", platform)


@dataclass(frozen=True)
class Permissions:
    """What one actor may do, read once per command from the store and the settings."""

    actor: Actor
    is_admin: bool = False
    editor_scopes: frozenset[str] = frozenset()
    # The KPI, theme and priority codes this person owns: they may record those KPIs'
    # progress without being an editor.
    owned_codes: frozenset[str] = frozenset()

    @property
    def is_member(self) -> bool:
        """Admin or editor: may read the change history."""
        return self.is_admin or bool(self.editor_scopes)

    @property
    def is_owner(self) -> bool:
        return bool(self.owned_codes)

    def can_record_progress(self, kpi_code: str, theme_code: str, priority_code: str) -> bool:
        """A KPI's progress: admins, editors of its priority, owners of it, its theme or its
        priority."""
        owned = self.owned_codes & {kpi_code, theme_code, priority_code}
        return self.can_edit_priority(priority_code) or bool(owned)

    def can_edit_priority(self, priority_code: str | None) -> bool:
        """Records of this priority (None: of no priority, admins only)."""
        return self.is_admin or (priority_code is not None and priority_code in self.editor_scopes)

    def require_admin(self, action: str) -> None:
        if not self.is_admin:
            raise self._refuse(action)

    def require_member(self, action: str) -> None:
        if not self.is_member:
            raise self._refuse(action)

    def require_priority(self, priority_code: str | None, action: str) -> None:
        if not self.can_edit_priority(priority_code):
            raise self._refuse(action)

    def require_progress(
        self, kpi_code: str, theme_code: str, priority_code: str, action: str
    ) -> None:
        if not self.can_record_progress(kpi_code, theme_code, priority_code):
            raise self._refuse(action)

    def _refuse(self, action: str) -> NotPermitted:
        logger.warning("refused %s to %s", action, self.actor.to_audit())
        return NotPermitted(self.actor.user_id, action)
