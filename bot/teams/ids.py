"""Teams user ids as roles know them: the person's Entra (AAD) object id, a GUID."""

from __future__ import annotations

import re

# An Entra object id: 8-4-4-4-12 hexadecimal digits. Teams' own "29:…" ids differ per app and
# tenant; the object id is the one an admin finds in Entra and the same in every chat.
USER_ID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")


def to_user_id(value: object) -> str | None:
    """The object id in canonical (lower-case) form, or None when `value` is not one."""
    if not isinstance(value, str):
        return None
    text = value.strip().lower()
    return text if USER_ID.fullmatch(text) else None


def is_user_id(value: str) -> bool:
    """Whether `value` is an Entra object id (any case): what Teams roles are granted to."""
    return to_user_id(value) is not None
