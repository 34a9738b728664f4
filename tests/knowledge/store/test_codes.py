"""The one rule for what names a priority or enabler: its code, or a code its label lists."""

from __future__ import annotations

from knowledge.store import find_priority_code, to_label_codes

PRIORITIES = [("P1", "P1"), ("P5", "P5 / E6 / E7"), ("E1", "E1")]


def test_label_codes_are_upper_case_without_spaces_or_empty_parts() -> None:
    assert to_label_codes("P5 / e6 /E7") == ["P5", "E6", "E7"]
    assert to_label_codes("") == []


def test_a_code_names_itself_in_any_case_then_a_label_names_its_priority() -> None:
    assert find_priority_code(" p1 ", PRIORITIES) == "P1"
    assert find_priority_code("e6", PRIORITIES) == "P5"
    assert find_priority_code("E1", PRIORITIES) == "E1"


def test_a_code_no_priority_has_names_none() -> None:
    assert find_priority_code("P9", PRIORITIES) is None
    assert find_priority_code("", PRIORITIES) is None
