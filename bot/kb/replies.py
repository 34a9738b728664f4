"""What a /kb command answers, for any chat platform: a template, its parts, maybe a question."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

from bot.rendering import render_template

TEMPLATE_FOLDER = "kb"


@dataclass(frozen=True)
class ConfirmationRequest:
    """Buttons under a reply: confirming runs `command` again with the versions seen."""

    label: str  # template of the confirm button: "button_confirm", "button_remove"
    command: str
    versions: dict[str, int]
    lang: str

    def to_value(self) -> str:
        """The button value: what the confirmation click sends back, as compact JSON."""
        payload = {"c": self.command, "v": self.versions, "l": self.lang}
        return json.dumps(payload, ensure_ascii=False, separators=(",", ":"))


def read_confirmation_value(value: str) -> tuple[str, dict[str, int], str] | None:
    """(command, versions, lang) from a confirm button's value; None if it is not ours."""
    try:
        payload = json.loads(value)
    except ValueError:
        return None
    if not isinstance(payload, dict):
        return None
    command, versions, lang = payload.get("c"), payload.get("v"), payload.get("l")
    if not isinstance(command, str) or not isinstance(versions, dict) or lang not in ("en", "zh"):
        return None
    if not all(isinstance(k, str) and isinstance(v, int) for k, v in versions.items()):
        return None
    return command, versions, lang


@dataclass(frozen=True)
class CommandButton:
    """A button under a reply that runs one /kb command as if typed (`/kb feedback`'s
    "Teach this phrasing" runs `teach N`): `label` names its template, `parts` fill it."""

    label: str
    command: str
    lang: str
    parts: dict[str, Any] = field(default_factory=dict)

    def to_value(self) -> str:
        """The button value: the command and the language of its reply, as compact JSON."""
        payload = {"k": self.command, "l": self.lang}
        return json.dumps(payload, ensure_ascii=False, separators=(",", ":"))

    def render(self) -> str:
        return render_kb_text(self.label, self.lang, **self.parts).strip()


# The commands a CommandButton may run: a click never runs anything else.
BUTTON_COMMANDS = ("teach ",)


def read_command_value(value: str) -> tuple[str, str] | None:
    """(command, lang) from a command button's value; None if it is not ours."""
    try:
        payload = json.loads(value)
    except ValueError:
        return None
    if not isinstance(payload, dict):
        return None
    command, lang = payload.get("k"), payload.get("l")
    if not isinstance(command, str) or not command.startswith(BUTTON_COMMANDS):
        return None
    if lang not in ("en", "zh"):
        return None
    return command, lang


@dataclass(frozen=True)
class KbReply:
    """A reply to one /kb command; the adapter renders `template` and escapes it itself."""

    template: str
    lang: str
    context: dict[str, Any] = field(default_factory=dict)
    # Seen only by the person who typed the command (all /kb replies are, today).
    private: bool = True
    confirmation: ConfirmationRequest | None = None
    # The command changed the knowledge (the adapter may say so; tests check it).
    changed: bool = False
    # A report to show under the text (`/kb schedule preview`): a scheduler.reports.Report,
    # which each adapter renders as it would post it.
    report: Any = None
    # Buttons that run a command as typed (only admins see them; the command checks again).
    buttons: tuple[CommandButton, ...] = ()

    def render(self) -> str:
        return render_kb_text(self.template, self.lang, **self.context)


def render_kb_text(name: str, lang: str, **parts: Any) -> str:
    """A sentence of the /kb commands, from `templates/kb/<lang>/<name>.j2`."""
    return render_template(TEMPLATE_FOLDER, name, lang, **parts)
