"""The progress form as a Slack modal: valid Block Kit in both languages, within the limits,
store text escaped; what a submitted modal holds."""

from __future__ import annotations

from datetime import date

import pytest

from bot.progress import MAX_FORM_KPIS, FormEntry, FormKpi, FormRequest, ProgressForm
from bot.slack.progress_blocks import (
    FormPlace,
    build_progress_view,
    extract_form_input,
    read_form_place,
)
from tests.support.block_kit import validate_view

HOSTILE = "<!channel> & <@U0EVIL> *bold*"


def _form(lang: str, count: int, text: str = "Number of trained people") -> ProgressForm:
    kpis = tuple(
        FormKpi(f"P4-CYB-{i}", text, "12" if i else None, "2026-11-01" if i else None, "20")
        for i in range(1, count + 1)
    )
    return ProgressForm(lang, FormRequest(tuple(k.code for k in kpis)), kpis, date(2026, 11, 23))


def _place(lang: str = "en") -> FormPlace:
    return FormPlace(FormRequest(("P4-CYB-1",)).to_value(), "C0TEAM001", "1700.1", lang, None)


@pytest.mark.parametrize("lang", ["en", "zh"])
@pytest.mark.parametrize("count", [1, 3, MAX_FORM_KPIS])
def test_the_modal_is_valid_block_kit(lang: str, count: int) -> None:
    view = build_progress_view(_form(lang, count, HOSTILE * 40), _place(lang))
    validate_view(view)
    fields = [b["block_id"] for b in view["blocks"] if b["type"] == "input"]
    assert fields[-2:] == ["as_of", "note"]
    if count == 1:
        assert fields[:2] == ["value:P4-CYB-1", "target:P4-CYB-1"]
        section = view["blocks"][0]["text"]["text"]
        assert "<!channel>" not in section and "&lt;!channel&gt; &amp;" in section
    else:
        assert fields[:-2] == [f"value:P4-CYB-{i}" for i in range(1, count + 1)]
    (as_of,) = [b for b in view["blocks"] if b.get("block_id") == "as_of"]
    assert as_of["element"]["initial_date"] == "2026-11-23"
    assert read_form_place(view["private_metadata"]) == _place(lang)


def test_a_submitted_modal_gives_each_field_as_typed() -> None:
    state = {
        "value:P4-CYB-1": {"input": {"type": "plain_text_input", "value": " 12 "}},
        "target:P4-CYB-1": {"input": {"type": "plain_text_input", "value": None}},
        "as_of": {"input": {"type": "datepicker", "selected_date": "2026-11-20"}},
        "note": {"input": {"type": "plain_text_input", "value": "ok\x07"}},
    }
    entries, as_of, note = extract_form_input({"state": {"values": state}}, ("P4-CYB-1",))
    assert entries == [FormEntry("P4-CYB-1", "12", "")]
    assert (as_of, note) == ("2026-11-20", "ok")
    assert read_form_place("not json") is None and read_form_place(None) is None
