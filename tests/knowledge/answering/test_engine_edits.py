"""Answers after admins edit the store: their budget figures, new years, KPI progress."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, date, datetime
from decimal import Decimal

import pytest
from sqlalchemy.engine import Engine
from sqlmodel import Session, select

from bot.text_render import render_answer_text
from knowledge.answering.engine import AnswerEngine
from knowledge.answering.snapshot import load_knowledge
from knowledge.store import ADMIN_DOC, TOTAL_CODE, models

_AT = datetime(2026, 11, 20, 14, 30, tzinfo=UTC)


@pytest.fixture
def store(seeded_engine: Engine) -> Iterator[Engine]:
    with Session(seeded_engine) as session:
        found = session.exec(select(models.Document).where(models.Document.code == ADMIN_DOC))
        if found.first() is None:
            session.add(
                models.Document(
                    code=ADMIN_DOC,
                    file="",
                    symbol="staffbot KB",
                    title_zh="staffbot知识库",
                    title_en="staffbot knowledge base",
                )
            )
            session.commit()
    yield seeded_engine


def _set_budget(engine: Engine, code: str, amount: int, year: int, actor: str = "U0ADMIN") -> int:
    """What `/kb budget set CODE AMOUNT YEAR` stores: an audit entry and a KB line naming it."""
    with Session(engine) as session:
        entry = models.AuditEntry(
            at=_AT,
            actor=actor,
            action="budget.set",
            entity="budget",
            entity_key=f"{code} {year}",
            before=None,
            after={"amount_chf": amount},
        )
        session.add(entry)
        session.flush()
        assert entry.id is not None
        session.add(
            models.BudgetLine(
                year=year,
                subject_code=code,
                amount_chf=amount,
                doc=ADMIN_DOC,
                section=f"change #{entry.id}",
            )
        )
        session.commit()
        return entry.id


def _engine(engine: Engine) -> AnswerEngine:
    with Session(engine) as session:
        return AnswerEngine(load_knowledge(session))


def test_an_admin_figure_supersedes_the_printed_lines(store: Engine) -> None:
    change = _set_budget(store, "P1", 520_000, 2023)
    answer = _engine(store).answer("P1 budget 2023")
    (figure,) = answer.parts["figures"]
    assert figure.amount == 520_000 and len(figure.amounts) == 1
    assert figure.edit.change_id == change and figure.edit.actor == "U0ADMIN"
    assert figure.edit.at == _AT
    # 520,000 / 4,200,000, computed: the printed 12.4% was of the printed amount.
    assert [r.value for r in figure.shares_of_total] == [Decimal("12.4")]
    assert figure.shares_computed
    assert [s.section for s in answer.sources] == [f"change #{change}"]
    text = render_answer_text(answer)
    assert "CHF 520,000" in text and "519,000" not in text
    assert f"Changed by an admin (change #{change}, by U0ADMIN on 2026-11-20 14:30 UTC)" in text
    zh = render_answer_text(_engine(store).answer("P1的2023年预算"))
    assert "520,000 瑞郎" in zh and f"#{change}" in zh


def test_an_edited_parent_makes_its_themes_shares_computed(store: Engine) -> None:
    _set_budget(store, "P1", 600_000, 2023)
    figure = _engine(store).answer("emergency telecommunications budget").parts["figures"][0]
    assert figure.subject.code == "P1-EMT" and figure.edit is None
    assert [r.value for r in figure.shares_of_parent] == [Decimal("21.2")]  # 127,000 / 600,000
    assert [r.value for r in figure.shares_of_total] == [Decimal("3.0")]  # printed, untouched


def test_an_edited_total_recomputes_every_share_of_it(store: Engine) -> None:
    _set_budget(store, TOTAL_CODE, 5_000_000, 2023)
    engine = _engine(store)
    assert engine.answer("total budget").parts["figures"][0].amount == 5_000_000
    p3 = engine.answer("P3 budget").parts["figures"][0]
    assert [r.value for r in p3.shares_of_total] == [Decimal("22.2")]  # one reading, not two
    assert "CHF 5,000,000" in render_answer_text(engine.answer("total budget"))


def test_a_new_year_is_the_default_for_its_subject_only(store: Engine) -> None:
    _set_budget(store, "P1", 520_000, 2023)
    _set_budget(store, "P1", 600_000, 2024)
    engine = _engine(store)
    latest = engine.answer("What is P1's budget?")
    assert [(f.year, f.amount) for f in latest.parts["figures"]] == [(2024, 600_000)]
    assert latest.parts["missing_year"] is None
    text = render_answer_text(latest)
    assert "2024 budget CHF 600,000" in text and "Figures are also held for 2023." in text
    assert latest.parts["figures"][0].shares_of_total == []  # no 2024 total yet
    assert [f.amount for f in engine.answer("P1 budget 2023").parts["figures"]] == [520_000]
    # P2 has no 2024 line: its latest year is still 2023.
    assert [f.year for f in engine.answer("P2 budget").parts["figures"]] == [2023]
    asked = engine.answer("P2 budget 2024")
    assert asked.parts["missing_year"] == 2024 and asked.parts["figures"][0].year == 2023


def test_rankings_and_sums_use_the_latest_complete_year(store: Engine) -> None:
    _set_budget(store, "P1", 600_000, 2024)
    engine = _engine(store)
    ranked = engine.answer("rank the priorities by budget")
    assert ranked.parts["year"] == 2023
    assert {f.year for f in ranked.parts["ranked"]} == {2023}
    assert [n["subject"].code for n in ranked.parts["newer"]] == ["P1"]
    assert "Newer figures exist for P1 – Affordable connectivity (2024)" in render_answer_text(
        ranked
    )
    overview = engine.budget_overview("en")
    assert overview.parts["year"] == 2023 and len(overview.parts["ranked"]) == 10
    partial = engine.answer("rank the priorities by budget 2024")
    assert partial.parts["year"] == 2024
    assert [f.subject.code for f in partial.parts["ranked"]] == ["P1"]
    assert [s.code for s in partial.parts["lacking"]] == ["P2", "P3", "P4", "P5"]
    assert "No 2024 figures yet for: P2, P3, P4, P5/E6/E7." in render_answer_text(partial)
    summed = engine.answer("P1 and P4 budget combined")
    assert summed.parts["year"] == 2023 and summed.parts["result"] == 519_000 + 480_000


def test_total_answers_for_its_own_latest_year(store: Engine) -> None:
    _set_budget(store, "P1", 600_000, 2024)
    engine = _engine(store)
    assert [f.year for f in engine.answer("total budget").parts["figures"]] == [2023]
    _set_budget(store, TOTAL_CODE, 4_500_000, 2024)
    engine = _engine(store)
    assert [f.amount for f in engine.answer("total budget").parts["figures"]] == [4_500_000]
    p1 = engine.answer("P1 budget").parts["figures"][0]
    assert p1.year == 2024 and [r.value for r in p1.shares_of_total] == [Decimal("13.3")]


def test_an_overview_shows_each_themes_year(store: Engine) -> None:
    _set_budget(store, "P1", 600_000, 2024)
    answer = _engine(store).answer("tell me about P1")
    assert answer.kind == "overview"
    item = answer.parts["items"][0]
    assert item["figure"].year == 2024
    assert {t["figure"].year for t in item["themes"]} == {2023}
    assert "CHF 127,000 (2023)" in render_answer_text(answer)


def test_kpi_detail_shows_the_latest_progress(store: Engine) -> None:
    with Session(store) as session:
        for value, as_of, at in (
            (Decimal("3"), date(2026, 6, 30), datetime(2026, 7, 1, tzinfo=UTC)),
            (Decimal("7.5"), date(2026, 9, 30), datetime(2026, 10, 1, tzinfo=UTC)),
        ):
            session.add(
                models.KpiProgress(
                    kpi_code="P1-EMT-1",
                    value=value,
                    target=Decimal("20"),
                    as_of=as_of,
                    note="Q3 count",
                    recorded_by="U0EDITOR",
                    recorded_at=at,
                )
            )
        session.commit()
    engine = _engine(store)
    answer = engine.answer("P1-EMT-1")
    progress = answer.parts["progress"]
    assert (progress.value, progress.target, progress.as_of) == (
        Decimal("7.5"),
        Decimal("20"),
        date(2026, 9, 30),
    )
    assert "Latest progress: 7.5 (target 20), as of 2026-09-30 – Q3 count." in (
        render_answer_text(answer)
    )
    assert "最新进展：7.5（目标20），截至2026-09-30" in render_answer_text(
        engine.answer("P1-EMT-1是什么")
    )
    assert engine.answer("P1-EMT-2").parts["progress"] is None
    assert "progress" not in render_answer_text(engine.answer("P1-EMT-2"))
    # A target asked for is answered where one is recorded, and declined where none is.
    assert engine.answer("What is the target value of P1-EMT-1?").answered
    declined = engine.answer("What is the target value of P1-EMT-2?")
    assert not declined.answered and declined.parts["wanted"] == "target"
    # Its value now is the progress recorded, where there is some.
    assert engine.answer("What is the current value of P1-EMT-1?").answered
    assert "7.5" in render_answer_text(engine.answer("P1-EMT-1的数值是多少？"))
    assert not engine.answer("What is the current value of P1-EMT-2?").answered


def test_removing_the_admin_line_brings_the_printed_figures_back(store: Engine) -> None:
    _set_budget(store, "P3", 1_200_000, 2023)
    assert _engine(store).answer("P3 budget").parts["figures"][0].amount == 1_200_000
    with Session(store) as session:
        for line in session.exec(
            select(models.BudgetLine).where(models.BudgetLine.doc == ADMIN_DOC)
        ):
            session.delete(line)
        session.commit()
    figure = _engine(store).answer("P3 budget").parts["figures"][0]
    assert figure.amount == 1_111_000 and figure.edit is None and not figure.shares_computed
    assert [r.value for r in figure.shares_of_total] == [Decimal("26.5"), Decimal("26.4")]


def test_chinese_answers_name_the_newer_and_missing_figures(store: Engine) -> None:
    _set_budget(store, "P1", 600_000, 2024)
    engine = _engine(store)
    ranked = render_answer_text(engine.answer("各重点工作按预算排序"))
    assert "P1 – 价格可承受的连接已有更新年份的数字（2024年）" in ranked
    partial = render_answer_text(engine.answer("2024年各重点工作按预算排序"))
    assert "以下各项尚无2024年的数字：P2、P3、P4、P5/E6/E7。" in partial
