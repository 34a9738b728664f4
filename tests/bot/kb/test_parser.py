"""The /kb grammar: words, quotes of every keyboard, subcommands, arguments and options."""

from __future__ import annotations

import pytest

from bot.kb.errors import KbInputError
from bot.kb.parser import (
    MAX_COMMAND_CHARS,
    MAX_TEXT_CHARS,
    SPECS,
    parse_command,
    to_change_id,
    to_days,
    to_list,
    to_user_id,
    tokenize,
)


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("budget set P1 520000 2023", ["budget", "set", "P1", "520000", "2023"]),
        (
            'kpi add P1-EMT "two words" "中文 文本"',
            ["kpi", "add", "P1-EMT", "two words", "中文 文本"],
        ),
        (
            "kpi add P1-EMT “smart quotes” ”right only”",
            ["kpi", "add", "P1-EMT", "smart quotes", "right only"],
        ),
        ("fact add k 「角括号」 『双角』", ["fact", "add", "k", "角括号", "双角"]),
        ("alias add P1 ‘single smart’", ["alias", "add", "P1", "single smart"]),
        ("budget set P1 520'000", ["budget", "set", "P1", "520'000"]),
        (
            'fact edit k text_en "the Bureau\'s plan"',
            ["fact", "edit", "k", "text_en", "the Bureau's plan"],
        ),
        ("note 'it's fine'", ["note", "it's fine"]),
        ('x "say \\"hi\\""', ["x", 'say "hi"']),
        ('x ""', ["x", ""]),
        ("  spaced\t\tout  ", ["spaced", "out"]),
    ],
)
def test_tokenize_reads_quotes_of_every_keyboard(text: str, words: list[str]) -> None:
    assert tokenize(text) == words


@pytest.mark.parametrize(
    ("text", "quote", "position"),
    [
        ('fact add k "never closed', '"', 12),
        ("kpi add P1-EMT “open", "“", 16),
        ("fact add k 「开", "「", 12),
        ("x 'dangling", "'", 3),
    ],
)
def test_unbalanced_quote_says_which_and_where(text: str, quote: str, position: int) -> None:
    with pytest.raises(KbInputError) as caught:
        tokenize(text)
    assert caught.value.reason_key == "unbalanced_quote"
    assert caught.value.details["quote"] == quote
    assert caught.value.details["position"] == position


def test_contract_forms_parse() -> None:
    budget = parse_command("budget set P1 520000 2023")
    assert (budget.name, budget.args) == (
        "budget.set",
        {"code": "P1", "amount": "520000", "year": "2023"},
    )
    assert parse_command("budget set P1 520000").args["year"] is None
    progress = parse_command("progress P1-EMT-1 12 three more countries")
    assert progress.name == "progress"
    assert progress.args == {"kpi": "P1-EMT-1", "value": "12", "note": "three more countries"}
    assert parse_command("history").args == {"code": None}
    assert parse_command("history P1").args == {"code": "P1"}
    assert parse_command("undo 12").args == {"change": "12"}


def test_options_anywhere_with_dashes_keyboards_make() -> None:
    command = parse_command('progress P1-EMT-1 12 --target 20 "a note" —as-of 2026-11-01')
    assert command.args["note"] == "a note"
    assert command.options == {"target": "20", "as-of": "2026-11-01"}
    assert parse_command("progress K 1 --target=5").options == {"target": "5"}
    assert parse_command("progress K 1 ——target 5").options == {"target": "5"}


def test_words_are_case_insensitive_and_help_has_chinese_words() -> None:
    assert parse_command("BUDGET Set P1 1").name == "budget.set"
    assert parse_command("").name == "help"
    assert parse_command("帮助").name == "help"
    assert parse_command("fact edit k TEXT-EN new").args["field"] == "text_en"


@pytest.mark.parametrize(
    ("text", "reason", "detail"),
    [
        ("budgte set P1 1", "unknown_subcommand", {"suggestions": ["budget"]}),
        ("budget sett P1 1", "unknown_action", {"suggestions": ["set"]}),
        ("kpi", "unknown_action", {"word": ""}),
        ("budget set P1", "missing_argument", {"argument": "AMOUNT"}),
        ("budget set P1 1 2023 extra", "too_many_arguments", {"extra": "extra"}),
        ("kpi edit P1-EMT-1 fr text", "bad_choice", {"value": "fr"}),
        ("progress K 1 --targte 5", "unknown_option", {"suggestions": ["--target"]}),
        ("progress K 1 --target", "missing_option_value", {"option": "--target"}),
        ("progress K 1 --target 1 --target 2", "duplicate_option", {"option": "--target"}),
        ("undo", "missing_argument", {"argument": "CHANGE"}),
    ],
)
def test_bad_commands_get_a_precise_reason(
    text: str, reason: str, detail: dict[str, object]
) -> None:
    with pytest.raises(KbInputError) as caught:
        parse_command(text)
    assert caught.value.reason_key == reason
    for key, value in detail.items():
        assert caught.value.details[key] == value


def test_overlong_text_and_command_are_refused_with_the_limit() -> None:
    long_text = "x" * (MAX_TEXT_CHARS + 1)
    with pytest.raises(KbInputError) as caught:
        parse_command(f'kpi add P1-EMT "{long_text}" "中文"')
    assert caught.value.reason_key == "text_too_long"
    assert caught.value.details["limit"] == MAX_TEXT_CHARS
    with pytest.raises(KbInputError) as caught:
        parse_command("history " + "y" * MAX_COMMAND_CHARS)
    assert caught.value.reason_key == "command_too_long"


def test_value_readers() -> None:
    assert to_change_id("#12") == 12 and to_change_id("7") == 7
    assert to_days(None) == 30 and to_days("7") == 7
    assert to_list("a; b；c;;") == ["a", "b", "c"]
    assert to_user_id("U0ADMIN01") == "U0ADMIN01"
    for bad, reader in [("x", to_change_id), ("0", to_days), ("999", to_days)]:
        with pytest.raises(KbInputError):
            reader(bad)
    with pytest.raises(KbInputError) as caught:
        to_user_id("@bob")
    assert caught.value.reason_key == "not_a_user"


def test_every_subcommand_has_a_usage_line() -> None:
    usages = [spec.to_usage() for spec in SPECS]
    assert "/kb budget set CODE AMOUNT [YEAR]" in usages
    assert all(usage.startswith("/kb ") for usage in usages)


def test_full_width_codes_and_numbers_are_read_as_typed_in_ascii() -> None:
    command = parse_command("ｂｕｄｇｅｔ set Ｐ１ ５２０，０００ ２０２３")
    assert command.args == {"code": "P1", "amount": "520,000", "year": "2023"}
    note = parse_command("progress P1-EMT-1 ５ 完成了５个")
    assert note.args["value"] == "5" and note.args["note"] == "完成了５个"
