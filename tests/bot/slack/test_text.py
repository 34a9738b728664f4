"""Slack text: escaping and section-sized pieces."""

from __future__ import annotations

from bot.slack.text import escape_text, to_escaped_pieces, to_section_texts, unescape_text


def test_only_ampersand_and_angle_brackets_are_escaped() -> None:
    assert escape_text("<!channel> & <@U1> *b* _i_ `c`") == (
        "&lt;!channel&gt; &amp; &lt;@U1&gt; *b* _i_ `c`"
    )
    assert unescape_text(escape_text("a & <b> &amp;")) == "a & <b> &amp;"


def test_pieces_never_split_an_entity() -> None:
    pieces = to_escaped_pieces("a&&&&", 7)
    assert pieces == ["a&amp;", "&amp;", "&amp;", "&amp;"]


def test_sections_count_the_lines_they_start() -> None:
    text = "one\n\ntwo\nthree"
    assert to_section_texts(text, 7) == [("one", 1), ("two", 1), ("three", 1)]
    assert to_section_texts(text, 100) == [("one\n\ntwo\nthree", 3)]
    assert to_section_texts("", 10) == []
