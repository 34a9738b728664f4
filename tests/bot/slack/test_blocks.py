"""Block Kit rendering: Slack's limits, escaping, and both languages."""

from __future__ import annotations

from types import SimpleNamespace
from typing import Any

import pytest

from bot.chat import drop_lines, read_more_value
from bot.rendering import list_template_names
from bot.slack import blocks
from bot.slack.blocks import (
    ACTION_MORE,
    MAX_BLOCKS,
    MAX_HOME_BLOCKS,
    MAX_SECTION_CHARS,
    build_answer_message,
    build_home_view,
    build_notice_message,
    build_rest_message,
    read_vote_value,
)
from bot.text_render import LANGS, render_answer_text
from knowledge.answering import (
    Answer,
    AnswerEngine,
    AnswerKind,
    SourceRef,
    answer_in_context,
    to_script,
)
from tests.bot.test_text_render import QUESTIONS
from tests.support.block_kit import assert_valid_payload

SOURCE = SourceRef("002_2ec95dfb0164208f.txt", "3.3", "TDAG-23", "TDAG-23文件")


def faq_answer(text: str, lang: str = "en", **extra: Any) -> Answer:
    faq = SimpleNamespace(answer_en=text, answer_zh=text)
    return Answer(
        kind=AnswerKind.FAQ,
        lang=lang,
        answered=True,
        confidence=1.0,
        parts={"faq": faq},
        sources=[SOURCE],
        **extra,
    )


def mrkdwn_texts(message: dict[str, Any]) -> list[str]:
    found = []
    for block in message["blocks"]:
        for element in [block.get("text"), *block.get("elements", [])]:
            if isinstance(element, dict) and element.get("type") == "mrkdwn":
                found.append(element["text"])
    return found


def sections(message: dict[str, Any]) -> list[str]:
    return [b["text"]["text"] for b in message["blocks"] if b["type"] == "section"]


def test_both_languages_have_the_same_slack_templates() -> None:
    names = {lang: list_template_names(lang, "slack") for lang in LANGS}
    assert names["en"] == names["zh"] and "unavailable.j2" in names["en"]


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("question", QUESTIONS)
def test_every_answer_renders_within_the_limits_in_both_languages(
    answer_engine: AnswerEngine, question: str, lang: str
) -> None:
    answer = answer_engine.answer(question)
    answer.lang = lang
    message = build_answer_message(answer, question, show_question=True, can_post=True)
    assert 0 < len(message["blocks"]) <= MAX_BLOCKS
    assert all(0 < len(text) <= MAX_SECTION_CHARS for text in mrkdwn_texts(message))
    assert message["text"] and "{{" not in str(message)


def test_the_source_line_is_a_context_below_the_answer(answer_engine: AnswerEngine) -> None:
    message = build_answer_message(answer_engine.answer("P3 budget"), "P3 budget")
    (source,) = [b for b in message["blocks"] if b["type"] == "context"]
    assert source["elements"][0]["text"].startswith("Source: ")
    assert "CHF 1,111,000" in sections(message)[0] and "Source:" not in sections(message)[0]


def button_labels(message: dict[str, Any]) -> list[str]:
    """The labels of every button, the feedback buttons' sides included, in order."""
    labels: list[str] = []
    for block in message["blocks"]:
        for e in (
            block.get("elements", []) if block["type"] in ("actions", "context_actions") else []
        ):
            if e["type"] == "feedback_buttons":
                labels += [
                    e["positive_button"]["text"]["text"],
                    e["negative_button"]["text"]["text"],
                ]
            else:
                labels.append(e["text"]["text"])
    return labels


def test_buttons_are_labelled_in_the_answer_language(answer_engine: AnswerEngine) -> None:
    def labels(question: str) -> list[str]:
        message = build_answer_message(answer_engine.answer(question), question, can_post=True)
        return button_labels(message)

    assert labels("P3 budget") == ["Helpful", "Not helpful", "Post to channel"]
    assert labels("P3预算") == ["有帮助", "没有帮助", "发到频道"]


def test_a_long_answer_is_split_by_lines_into_sections() -> None:
    text = "\n".join(f"line {i}: " + "x" * 90 for i in range(100))  # about 10,000 characters
    message = build_answer_message(faq_answer(text), "q")
    parts = sections(message)
    assert len(parts) == 4 and all(len(p) <= MAX_SECTION_CHARS for p in parts)
    assert "\n".join(parts) == text  # nothing lost, split only between lines
    assert all(p.startswith("line ") for p in parts)


def test_a_single_line_longer_than_a_section_is_cut_into_pieces() -> None:
    message = build_answer_message(faq_answer("y" * 7000), "q")
    assert [len(p) for p in sections(message)] == [3000, 3000, 1000]


def _more_button(message: dict[str, Any]) -> dict[str, Any]:
    (block,) = [b for b in message["blocks"] if b.get("block_id") == "more"]
    (button,) = block["elements"]
    return button


def test_a_too_long_answer_is_cut_with_a_button_for_the_rest() -> None:
    text = "\n".join(f"line {i}: " + "z" * 990 for i in range(200))  # 200 lines, 200,000 chars
    message = build_answer_message(faq_answer(text), "q", show_question=True, can_post=True)
    assert len(message["blocks"]) <= MAX_BLOCKS
    parts = sections(message)
    shown = sum(p.count("\n") + 1 for p in parts[:-1])
    assert parts[-1].startswith(f"{200 - shown} more lines do not fit in this message")
    assert sum(len(p) for p in parts) <= 13_000
    button = _more_button(message)
    assert button["action_id"] == ACTION_MORE
    assert read_more_value(button["value"]) == ("q", shown)


def test_the_rest_continues_where_the_message_stopped_until_all_is_shown() -> None:
    lines = [f"line {i}: " + "z" * 990 for i in range(200)]
    answer = faq_answer("\n".join(lines))
    message = build_answer_message(answer, "q")
    seen = [p for part in sections(message)[:-1] for p in part.split("\n")]
    for _ in range(50):  # bounded: each message shows at least one more line
        found = read_more_value(_more_button(message)["value"])
        assert found is not None
        message = build_rest_message(answer, *found)
        assert len(message["blocks"]) <= MAX_BLOCKS
        parts = sections(message)
        if not any(b.get("block_id") == "more" for b in message["blocks"]):
            seen += [p for part in parts for p in part.split("\n")]
            break
        seen += [p for part in parts[:-1] for p in part.split("\n")]
    assert seen[: len(lines)] == lines


def test_drop_lines_skips_non_blank_lines_only() -> None:
    assert drop_lines("a\n\nb\nc", 2) == "c"
    assert drop_lines("a\nb", 5) == ""
    assert read_more_value("not ours") is None


def test_the_cut_note_in_chinese() -> None:
    text = "\n".join("行" * 2000 for _ in range(30))
    message = build_answer_message(faq_answer(text, "zh"), "问题")
    assert sections(message)[-1].startswith("还有") and "行放不下" in sections(message)[-1]
    assert _more_button(message)["text"]["text"] == "显示其余部分"


def test_many_short_lines_stay_within_fifty_blocks() -> None:
    text = "\n\n".join(f"{i}. " + "w" * 2990 for i in range(80))
    message = build_answer_message(faq_answer(text), "q", show_question=True)
    assert len(message["blocks"]) <= MAX_BLOCKS


def test_answer_and_question_text_is_escaped() -> None:
    answer = faq_answer("Use <!channel> & <@U123> and <https://evil|click>")
    message = build_answer_message(answer, "<!here> & <@U999>?", show_question=True)
    shown = "\n".join(mrkdwn_texts(message))
    assert "&lt;!channel&gt; &amp; &lt;@U123&gt; and &lt;https://evil|click&gt;" in shown
    assert "Question: &lt;!here&gt; &amp; &lt;@U999&gt;?" in shown
    assert "<!" not in shown and "<@U" not in shown and "<https" not in shown
    assert "<" not in message["text"]


def test_an_escaped_long_line_is_never_cut_inside_an_entity() -> None:
    text = "&" * 1000 + "<" * 10  # 5,050 characters escaped
    for part in sections(build_answer_message(faq_answer(text), "q")):
        assert len(part) <= MAX_SECTION_CHARS
        assert part.replace("&amp;", "").replace("&lt;", "") == ""


def test_asked_by_names_the_user_as_a_mention(answer_engine: AnswerEngine) -> None:
    message = build_answer_message(answer_engine.answer("P1"), "P1", asked_by="U0ASKER01")
    assert mrkdwn_texts(message)[0] == "<@U0ASKER01> asked: P1"


def test_suggestions_become_buttons_with_short_labels() -> None:
    suggestions = ["P1", "a very long suggestion " * 10]
    answer = Answer(
        kind=AnswerKind.DECLINE,
        lang="en",
        answered=False,
        confidence=0.0,
        suggestions=suggestions,
    )
    message = build_answer_message(answer, "q")
    (block,) = [b for b in message["blocks"] if b.get("block_id") == "suggestions"]
    assert [e["action_id"] for e in block["elements"]] == ["suggestion_0", "suggestion_1"]
    assert block["elements"][1]["value"] == suggestions[1]
    assert len(block["elements"][1]["text"]["text"]) <= 75


def test_an_empty_question_gives_buttons_slack_accepts(answer_engine: AnswerEngine) -> None:
    message = build_answer_message(answer_engine.answer(""), "")
    _validate_block_kit(message)
    (votes,) = [b for b in message["blocks"] if b.get("block_id") == "votes"]
    (feedback,) = votes["elements"]
    assert feedback["positive_button"]["value"] == "h:"
    assert feedback["negative_button"]["value"] == "n:"
    for block in message["blocks"]:
        if block["type"] == "actions":
            assert all(e.get("value", "x") for e in block["elements"])


def test_votes_are_slacks_own_feedback_buttons_carrying_the_question(
    answer_engine: AnswerEngine,
) -> None:
    question = "What is the P3 budget?"
    message = build_answer_message(answer_engine.answer(question), question)
    _validate_block_kit(message)
    (votes,) = [b for b in message["blocks"] if b["type"] == "context_actions"]
    (feedback,) = votes["elements"]
    assert (feedback["type"], feedback["action_id"]) == ("feedback_buttons", "vote")
    assert read_vote_value(feedback["positive_button"]["value"]) == (True, question)
    assert read_vote_value(feedback["negative_button"]["value"]) == (False, question)
    assert read_vote_value("P3 budget") is None


@pytest.mark.parametrize("lang", LANGS)
def test_home_view_in_both_languages(answer_engine: AnswerEngine, lang: str) -> None:
    help_answer = answer_engine.answer("help" if lang == "en" else "帮助")
    view = build_home_view(lang, answer_engine.budget_overview(lang), help_answer)
    assert view["type"] == "home" and len(view["blocks"]) <= MAX_HOME_BLOCKS
    shown = "\n".join(mrkdwn_texts(view))
    assert "/ask" in shown and "P3" in shown
    assert ("ranked by" in shown) if lang == "en" else ("排序" in shown)


@pytest.mark.parametrize("lang", LANGS)
def test_notices_render_in_both_languages(lang: str) -> None:
    for name in ("unavailable", "vote_thanks"):
        message = build_notice_message(name, lang)
        assert message["text"] and message["blocks"][0]["text"]["text"] == message["text"]
    assert build_home_view(lang, None, None)["blocks"][-1]["type"] == "section"


def _validate_block_kit(message: dict[str, Any]) -> None:
    """Every block valid for slack_sdk's models, walking into its elements and texts."""
    assert_valid_payload(message)


def _visible_texts(message: dict[str, Any]) -> list[str]:
    found = list(mrkdwn_texts(message))
    return found + button_labels(message)


def test_a_question_in_traditional_characters_gets_traditional_buttons_and_notes(
    answer_engine: AnswerEngine,
) -> None:
    question = "P3的預算是多少？"
    answer = answer_engine.answer(question)
    message = build_answer_message(answer, question, show_question=True, can_post=True)
    _validate_block_kit(message)
    assert button_labels(message) == ["有幫助", "沒有幫助", "發到頻道"]
    assert all(to_script(t, "hant") == t for t in _visible_texts(message))


def test_a_long_traditional_answer_says_what_is_left_in_traditional_characters() -> None:
    text = "\n".join(f"第{i}行：" + "預算" * 495 for i in range(200))
    answer = faq_answer(text, "zh", script="hant")
    message = build_answer_message(answer, "長問題")
    _validate_block_kit(message)
    assert _more_button(message)["text"]["text"] == "顯示其餘部分"
    assert all(to_script(t, "hant") == t for t in _visible_texts(message))
    rest = build_rest_message(answer, "長問題", 3)
    _validate_block_kit(rest)
    assert all(to_script(t, "hant") == t for t in _visible_texts(rest))


def test_a_follow_ups_buttons_ask_its_written_out_question_and_the_rest_follows_on(
    answer_engine: AnswerEngine, monkeypatch: pytest.MonkeyPatch
) -> None:
    _, context = answer_in_context(answer_engine, "What is P1's budget?", None)
    answer, _ = answer_in_context(answer_engine, "its KPIs?", context)
    monkeypatch.setattr(blocks, "MAX_SECTION_CHARS", 300)  # cut after a few lines
    monkeypatch.setattr(blocks, "MAX_MESSAGE_CHARS", 600)
    message = build_answer_message(answer, "its KPIs?")
    _validate_block_kit(message)
    values = {
        e["action_id"]: e["value"]
        for b in message["blocks"]
        if b["type"] == "actions"
        for e in b["elements"]
    }
    (votes,) = [b for b in message["blocks"] if b["type"] == "context_actions"]
    helpful = votes["elements"][0]["positive_button"]["value"]
    assert helpful == blocks.VOTE_PREFIXES[True] + "What are the KPIs of P1?"
    found = read_more_value(values["show_more"])
    assert found is not None
    question, shown = found
    rest = blocks.build_rest_message(answer_engine.answer(question), question, shown)
    full = [line for line in render_answer_text(answer).splitlines() if line.strip()]
    sections = [b["text"]["text"] for b in message["blocks"] if b["type"] == "section"]
    last_shown = [line for line in sections[-2].splitlines() if line.strip()][-1]  # before the note
    first_left_out = full[full.index(last_shown) + 1]
    assert mrkdwn_texts(rest)[0].splitlines()[0] == first_left_out


@pytest.mark.parametrize("lang", LANGS)
def test_several_questions_answered_in_one_message_are_valid_block_kit(
    answer_engine: AnswerEngine, lang: str
) -> None:
    question = "When did the ATC application process start? How many institutions applied?"
    answer = answer_engine.answer(question)
    assert answer.kind is AnswerKind.MULTI
    answer.lang = lang
    for one in answer.parts["answers"]:
        one.lang = lang
    message = build_answer_message(answer, question, show_question=True, can_post=True)
    _validate_block_kit(message)
    shown = "\n".join(sections(message))
    assert "2022" in shown and "50" in shown  # both answers, each with its own figures
