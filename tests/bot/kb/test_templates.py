"""The /kb sentences exist in both languages, and Slack sends the command's mentions as ids."""

from __future__ import annotations

from pathlib import Path

import yaml

from bot.rendering import list_template_names
from bot.text_render import LANGS

REPO = Path(__file__).resolve().parents[3]


def test_both_languages_have_the_same_kb_templates() -> None:
    names = {lang: list_template_names(lang, folder="kb") for lang in LANGS}
    assert names["en"] == names["zh"]
    assert {"help.j2", "done.j2", "not_permitted.j2", "input_error.j2"} <= names["en"]


def test_manifest_kb_command_escapes_mentions_and_hints_usage() -> None:
    manifest = yaml.safe_load((REPO / "manifest.yml").read_text(encoding="utf-8"))
    kb = next(c for c in manifest["features"]["slash_commands"] if c["command"] == "/kb")
    assert kb["should_escape"] is True
    assert "help" in kb["usage_hint"]
