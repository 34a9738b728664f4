"""What an Update button carries: the KPIs to update and the reminder it sits on."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any, TypeGuard

# At most this many KPIs in one form: Slack's modal holds 100 blocks, and the form needs a
# few of its own (the shared date and note, the KPI texts); Teams' cards stay small too.
MAX_FORM_KPIS = 24
_CODE_CHARS = 24
_SCRIPTS = ("", "hans", "hant")  # knowledge.answering.detect_script's answers


@dataclass(frozen=True)
class ReminderRef:
    """The reminder a form was opened from, enough to build it again in place: its scope as
    written, language, when it was posted, and whose personal reminder it is ("" for a
    channel's)."""

    scope: str
    lang: str
    posted_at: datetime
    owner: str = ""
    # The subscription it was posted for (None: a preview): its snooze buttons come back too.
    subscription_id: int | None = None


@dataclass(frozen=True)
class FormRequest:
    """An Update click: the KPI codes to update (one, or a theme's for "update several")
    and the reminder the button is on (None: an answer, not a reminder)."""

    codes: tuple[str, ...]
    ref: ReminderRef | None = None
    # The script of the answer the button is on ("hant": traditional characters, as the
    # question was asked; "" else): the form and its sentences are written in it.
    script: str = ""

    def to_value(self) -> str:
        payload: dict[str, Any] = {"k": list(self.codes)}
        if self.script:
            payload["c"] = self.script
        if self.ref is not None:
            payload["r"] = {
                "s": self.ref.scope,
                "l": self.ref.lang,
                "t": int(self.ref.posted_at.timestamp()),
                "o": self.ref.owner,
            }
            if self.ref.subscription_id is not None:
                payload["r"]["i"] = self.ref.subscription_id
        return json.dumps(payload, ensure_ascii=False, separators=(",", ":"))


def _read_ref(raw: Any) -> ReminderRef | None:
    if not isinstance(raw, dict):
        return None
    scope, lang, at, owner = raw.get("s"), raw.get("l"), raw.get("t"), raw.get("o", "")
    if not isinstance(scope, str) or lang not in ("en", "zh") or not isinstance(owner, str):
        return None
    if not _is_positive_int(at, 2**33):
        return None
    subscription_id = raw.get("i")  # absent in values posted before it was carried
    if subscription_id is not None and not _is_positive_int(subscription_id, 2**63):
        return None
    return ReminderRef(
        scope[:_CODE_CHARS],
        lang,
        datetime.fromtimestamp(at, UTC),
        owner[:80],
        subscription_id,
    )


def _is_positive_int(value: Any, below: int) -> TypeGuard[int]:
    return isinstance(value, int) and not isinstance(value, bool) and 0 < value < below


def read_form_request(value: str) -> FormRequest | None:
    """The request a button value (or a form's private metadata) holds; None if not ours."""
    try:
        payload = json.loads(value)
    except ValueError:
        return None
    if not isinstance(payload, dict):
        return None
    codes = payload.get("k")
    if not isinstance(codes, list) or not codes or len(codes) > MAX_FORM_KPIS:
        return None
    if not all(isinstance(c, str) and 0 < len(c) <= _CODE_CHARS for c in codes):
        return None
    ref = _read_ref(payload["r"]) if "r" in payload else None
    if "r" in payload and ref is None:
        return None
    script = payload.get("c", "")
    if script not in _SCRIPTS:
        return None
    return FormRequest(tuple(codes), ref, script)
