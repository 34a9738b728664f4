"""The progress form as an Adaptive Card: fields, refusals under their field, the size."""

from __future__ import annotations

from datetime import date

import pytest

from bot.progress import MAX_FORM_KPIS, FormKpi, FormRequest, ProgressForm
from bot.teams.cards import MAX_CARD_BYTES, VERB_PROGRESS_CANCEL, VERB_PROGRESS_SUBMIT, to_card_size
from bot.teams.progress_cards import build_progress_card, extract_form_input


def _form(lang: str, count: int) -> ProgressForm:
    kpis = tuple(
        FormKpi(f"E3-DI-{i}", "人数 [x](http://evil) " * 20, None, None, None)
        for i in range(1, count + 1)
    )
    return ProgressForm(lang, FormRequest(tuple(k.code for k in kpis)), kpis, date(2026, 11, 23))


@pytest.mark.parametrize("lang", ["en", "zh"])
@pytest.mark.parametrize("count", [1, MAX_FORM_KPIS])
def test_the_form_card_fits_and_refills_after_a_refusal(lang: str, count: int) -> None:
    form = _form(lang, count)
    errors = {"value:E3-DI-1": "VALUE cannot be negative (-1)."}
    card = build_progress_card(form, "n1", {"value:E3-DI-1": "-1"}, errors)
    assert to_card_size(card) <= MAX_CARD_BYTES
    body = card["body"]
    where = next(i for i, e in enumerate(body) if e.get("id") == "value:E3-DI-1")
    assert body[where]["value"] == "-1" and body[where + 1]["color"] == "Attention"
    assert [a["verb"] for a in card["actions"]] == [VERB_PROGRESS_SUBMIT, VERB_PROGRESS_CANCEL]
    assert card["actions"][0]["data"]["n"] == "n1"
    assert card["actions"][1]["associatedInputs"] == "none"
    if count == 1:
        assert "\\[x\\](http://evil)" in body[1]["text"]  # store text shown literally


def test_a_submitted_card_gives_each_field() -> None:
    data = {"v": "x", "n": "y", "value:E3-DI-1": " 4 ", "as_of": "2026-11-20", "note": "n"}
    entries, as_of, note, typed = extract_form_input(data, ("E3-DI-1", "E3-DI-2"))
    assert [(e.code, e.value) for e in entries] == [("E3-DI-1", "4"), ("E3-DI-2", "")]
    assert (as_of, note) == ("2026-11-20", "n")
    assert typed == {"value:E3-DI-1": "4", "as_of": "2026-11-20", "note": "n"}


@pytest.mark.parametrize("count", [1, MAX_FORM_KPIS])
def test_very_long_kpi_texts_are_cut_to_fit(count: int) -> None:
    kpis = tuple(
        FormKpi(f"E3-DI-{i}", "数字化转型" * 800, "12", "2026-11-01", "40")
        for i in range(1, count + 1)
    )
    form = ProgressForm("zh", FormRequest(tuple(k.code for k in kpis)), kpis, date(2026, 11, 23))
    errors = {f"value:{k.code}": "数值不能小于零（-1）。" * 3 for k in kpis}
    card = build_progress_card(form, "n1", {k: "-1" for k in errors}, errors)
    assert to_card_size(card) <= MAX_CARD_BYTES
    shown = [e.get("label") or e.get("text", "") for e in card["body"]]
    assert any("E3-DI-1" in s and s.endswith("…") for s in shown)
