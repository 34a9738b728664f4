"""The privacy page stays honest: every table that holds a person's id or text they wrote is
named on it (in square brackets), in both languages; it no longer says questions are not kept."""

from __future__ import annotations

import re

import pytest
from sqlmodel import SQLModel

import knowledge.store.models  # noqa: F401  (registers every table on the metadata)
from bot.text_render import render_text

# Columns that hold a chat user's id or what someone wrote to the bot.
PERSONAL_COLUMNS = frozenset(
    {
        "user_id",
        "asker_id",
        "actor",
        "added_by",
        "created_by",
        "answered_by",
        "question",
        "phrasing",
        "context",
    }
)


def _personal_tables() -> list[str]:
    return sorted(
        table.name
        for table in SQLModel.metadata.tables.values()
        if PERSONAL_COLUMNS & {column.name for column in table.columns}
    )


def test_the_personal_tables_are_found() -> None:
    tables = _personal_tables()
    for name in ("conversationcontext", "declinedquestion", "evidence", "expertquestion"):
        assert name in tables


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_every_table_with_personal_data_is_named(lang: str) -> None:
    page = render_text("page_privacy", lang, host="staffbot.example.org")
    # Named in square brackets at the end of the line that says what it keeps and how long.
    named = {
        name
        for group in re.findall(r"\[([a-z, 、]+)\]", page)
        for name in re.split("[, 、]+", group)
    }
    missing = [name for name in _personal_tables() if name not in named]
    assert not missing, f"page_privacy ({lang}) does not name {missing}"


def test_the_page_does_not_say_questions_are_not_kept() -> None:
    page = render_text("page_privacy", "en", host="staffbot.example.org")
    assert "questions it answers are not kept" not in page
    assert "24 hours" in page and "500 characters" in page
