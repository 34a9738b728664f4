"""The seed against its sources: verbatim Chinese, figures present, budgets that add up."""

from __future__ import annotations

import re
from collections import defaultdict
from decimal import Decimal
from typing import Any

import pytest

from knowledge.answering import to_percentage
from knowledge.seeding.seed_loader import SeedData
from knowledge.store import TOTAL_CODE
from tests.conftest import SOURCES_DIR

# KPI bullets per theme, counted in section 3 of document 002.
EXPECTED_KPIS = {
    "P1-EMT": 6,
    "P1-INF": 9,
    "P2-DIE": 5,
    "P2-DSA": 7,
    "P3-CD": 5,
    "P3-PR": 6,
    "P3-STA": 5,
    "P4-CD": 2,
    "P4-CYB": 8,
    "P5-X": 7,
    "E1-X": 2,
    "E2-X": 5,
    "E3-DI": 9,
    "E4-ENV": 3,
    "E5-X": 3,
}


def _squash(text: str) -> str:
    text = re.sub(r"\[bookmark:[^\]]*\]", "", text)
    return re.sub(r"[\s•]+", "", text)


@pytest.fixture(scope="module")
def sources() -> dict[str, str]:
    assert len(list(SOURCES_DIR.glob("*.txt"))) == 5, SOURCES_DIR
    return {p.name[:3]: _squash(p.read_text(encoding="utf-8")) for p in SOURCES_DIR.glob("*.txt")}


def _chinese_texts(data: SeedData) -> list[tuple[str, str, str]]:
    """(doc, where, text) for every Chinese text that must be quoted from a source."""
    found: list[tuple[str, str, str]] = []
    for p in data.priorities:
        found += [(p.source.doc, p.code, p.name_zh), (p.source.doc, p.code, p.includes_zh)]
        for t in p.themes:
            found.append((t.source.doc, t.code, t.name_zh))
            for item in t.outcomes + t.outputs + t.kpis:
                found.append((t.source.doc, t.code, item.zh))
    for r in data.risks:
        for value in (r.category_zh, r.description_zh, r.probability_zh, r.impact_zh):
            found.append((r.source.doc, r.code, value))
        found += [(r.source.doc, r.code, m.zh) for m in r.mitigations]
    found += [(f.source.doc, f.key, f.text_zh) for f in data.facts]
    return [item for item in found if item[2]]


def test_every_chinese_text_is_quoted_from_its_source(
    seed_data: SeedData, sources: dict[str, str]
) -> None:
    missing = [
        f"{doc} {where}: {part[:40]}"
        for doc, where, text in _chinese_texts(seed_data)
        for part in text.split(" … ")
        if _squash(part) not in sources[doc]
    ]
    assert missing == []


def test_every_fact_figure_is_in_its_chinese_text(seed_data: SeedData) -> None:
    missing = [
        f"{f.key}: {figure}"
        for f in seed_data.facts
        for figure in f.figures
        if _squash(figure) not in _squash(f.text_zh)
    ]
    assert missing == []


def test_every_budget_amount_is_printed_in_the_source(
    seed_data: SeedData, sources: dict[str, str]
) -> None:
    for line in seed_data.budget:
        assert f"{line.amount:,}" in sources[line.source.doc], line


def _lines(data: SeedData, section_prefix: str) -> dict[str, Any]:
    return {b.of: b for b in data.budget if b.source.section.startswith(section_prefix)}


def test_table_1_adds_up_to_the_total(seed_data: SeedData) -> None:
    table = _lines(seed_data, "2.1")
    total = table.pop(TOTAL_CODE).amount
    assert total == 4_200_000
    assert sum(line.amount for line in table.values()) == total
    assert len(table) == 10


def test_themes_add_up_to_their_priority(seed_data: SeedData) -> None:
    amounts: dict[str, int] = defaultdict(int)
    for priority in seed_data.priorities:
        for theme in priority.themes:
            for line in seed_data.budget:
                if line.of == theme.code:
                    amounts[priority.code] += line.amount
    table = _lines(seed_data, "2.1")
    for code, amount in amounts.items():
        assert amount == table[code].amount, code


def test_printed_shares_match_the_amounts(seed_data: SeedData) -> None:
    total = _lines(seed_data, "2.1")[TOTAL_CODE].amount
    parents = {b.of: b.amount for b in seed_data.budget}
    parent_of = {t.code: p.code for p in seed_data.priorities for t in p.themes}
    for line in seed_data.budget:
        if line.share_of_total is not None:
            exact = Decimal(line.amount) * 100 / Decimal(total)
            assert abs(exact - line.share_of_total) <= Decimal("0.1"), line
        if line.share_of_parent is not None:
            parent = parents[parent_of[line.of]]
            assert abs(to_percentage(line.amount, parent) - line.share_of_parent) <= Decimal(
                "0.1"
            ), line


def test_p3_share_keeps_both_printed_values(seed_data: SeedData) -> None:
    shares = {b.source.section: b.share_of_total for b in seed_data.budget if b.of == "P3"}
    assert sorted(shares.values()) == [Decimal("26.4"), Decimal("26.5")]


def test_kpi_count_per_theme_matches_the_document(seed_data: SeedData) -> None:
    counts = {t.code: len(t.kpis) for p in seed_data.priorities for t in p.themes}
    assert counts == EXPECTED_KPIS
    assert sum(counts.values()) == 82


def test_four_risks_with_mitigations(seed_data: SeedData) -> None:
    assert [r.category_zh for r in seed_data.risks] == [
        "财务",
        "人力资源",
        "利益攸关方/合作伙伴",
        "环境",
    ]
    assert all(r.mitigations for r in seed_data.risks)


def test_every_document_has_facts(seed_data: SeedData) -> None:
    docs = {f.source.doc for f in seed_data.facts}
    assert docs == {"000", "001", "002", "003", "004"}


def test_aliases_are_not_shared_between_records(seed_data: SeedData) -> None:
    owners: dict[str, set[str]] = defaultdict(set)
    for p in seed_data.priorities:
        for alias in p.aliases_en + p.aliases_zh:
            owners[alias.lower()].add(p.code)
        for t in p.themes:
            for alias in t.aliases_en + t.aliases_zh:
                owners[alias.lower()].add(t.code)
    assert {a: o for a, o in owners.items() if len(o) > 1} == {}
