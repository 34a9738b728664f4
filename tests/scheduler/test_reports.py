"""Reminders and digests built from the store, and their plain-text preview."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal

import pytest
from sqlalchemy.engine import Engine
from sqlmodel import Session, select

from bot.report_text import render_report_text, to_change_text, to_number_text
from knowledge.answering import Knowledge
from knowledge.editing import Actor, Permissions
from knowledge.editing.owners import add_owner
from knowledge.records.away import set_away
from knowledge.reporting import UnknownScope
from knowledge.store import create_db_engine, models
from scheduler.reports import Digest, Reminder, ReportBuilder, build_report
from tests.support.stores import add_progress

NOW = datetime(2026, 11, 23, 8, 0, tzinfo=UTC)
PNG = b"\x89PNG\r\n\x1a\n"


@pytest.fixture
def session(seeded_sqlite_url: str) -> Iterator[Session]:
    """A seeded SQLite store of this test's own (a copy of one seeded once)."""
    engine = create_db_engine(seeded_sqlite_url)
    with Session(engine) as session:
        yield session
    engine.dispose()


def _subscription(kind: str, scope: str, lang: str = "en") -> models.Subscription:
    return models.Subscription(
        id=7,
        kind=kind,
        channel="C0TEAM",
        scope=scope,
        schedule="mon 09:00",
        schedule_kind="at",
        tz="Europe/Zurich",
        lang=lang,
        created_by="slack:U0ADMIN1",
    )


def _record(session: Session, code: str, value: str, days_ago: float) -> None:
    add_progress(session, code, value, NOW - timedelta(days=days_ago))


def _missed(hours_ago: int, status: str = "missed") -> models.Delivery:
    return models.Delivery(
        subscription_id=7, period=NOW - timedelta(hours=hours_ago), status=status
    )


def test_reminder_lists_the_kpis_without_recent_progress(session: Session) -> None:
    _record(session, "P1-EMT-1", "4", days_ago=1)
    report = build_report(session, _subscription("reminder", "p1-emt", "zh"), NOW)
    assert isinstance(report, Reminder)
    assert (report.kind, report.lang, report.scope.code) == ("reminder", "zh", "P1-EMT")
    assert not report.is_empty and report.kpi_count == 5
    assert report.generated_at == NOW


def test_reminder_is_empty_when_every_kpi_is_up_to_date(session: Session) -> None:
    _record(session, "E1-X-1", "1", days_ago=1)
    _record(session, "E1-X-2", "2", days_ago=2)
    report = build_report(session, _subscription("reminder", "E1"), NOW)
    assert report.is_empty
    assert "Every KPI in scope has progress recorded" in render_report_text(report)


def test_report_of_a_scope_that_no_longer_exists_raises(session: Session) -> None:
    with pytest.raises(UnknownScope):
        build_report(session, _subscription("digest", "P9"), NOW)


def test_digest_has_budget_progress_stale_changes_missed_and_chart(session: Session) -> None:
    _record(session, "P1-EMT-1", "3", days_ago=30)
    _record(session, "P1-EMT-1", "5", days_ago=2)
    session.add(
        models.AuditEntry(
            at=NOW - timedelta(days=1),
            actor="slack:U0ADMIN1",
            action="set",
            entity="budget",
            entity_key="P1:2023",
        )
    )
    session.commit()
    missed = [_missed(24 * 7, "failed"), _missed(24 * 14)]
    report = build_report(session, _subscription("digest", "P1"), NOW, missed)
    assert isinstance(report, Digest)
    assert report.period_start == NOW - timedelta(days=7)
    assert report.budget is not None and report.budget.whole == 519_000
    assert [(p.kpi_code, p.change) for p in report.progress] == [("P1-EMT-1", Decimal(2))]
    assert report.stale_count == 14  # P1-EMT-1 was updated this week
    assert [c.entity_key for c in report.changes] == ["P1:2023"]
    assert [m.status for m in report.missed] == ["missed", "failed"]  # oldest first
    assert report.chart_png is not None and report.chart_png.startswith(PNG)
    assert not report.is_empty


def test_digest_of_a_theme_has_no_chart_and_is_not_empty_without_news(
    session: Session,
) -> None:
    report = build_report(session, _subscription("digest", "P1-EMT"), NOW)
    assert isinstance(report, Digest)
    assert report.chart_png is None
    assert not report.has_news  # no progress, no change, nothing missed
    assert not report.is_empty  # but the budget and the stale KPIs are worth the post


def test_a_digest_with_only_missed_posts_has_news(session: Session) -> None:
    report = build_report(session, _subscription("digest", "P1-EMT"), NOW, [_missed(30)])
    assert isinstance(report, Digest) and report.has_news


# -- the preview text ---------------------------------------------------------------------


def test_reminder_text_names_each_kpi_and_the_command_to_record_it(session: Session) -> None:
    en = render_report_text(build_report(session, _subscription("reminder", "P1-EMT"), NOW))
    assert en.startswith("KPI reminder – Emergency telecommunications (P1-EMT)")
    assert "- P1-EMT-2: Number of Member States" in en
    assert "/kb progress P1-EMT-2 VALUE" in en
    zh = render_report_text(build_report(session, _subscription("reminder", "P1-EMT", "zh"), NOW))
    assert zh.startswith("关键绩效指标提醒：应急通信（P1-EMT）")
    assert "/kb progress P1-EMT-2 数值" in zh and "从未记录" in zh


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_digest_text_in_both_languages(session: Session, lang: str) -> None:
    _record(session, "P1-INF-2", "1250", days_ago=20)
    _record(session, "P1-INF-2", "1000.5", days_ago=1)
    missed = [_missed(24 * 7)]
    text = render_report_text(
        build_report(session, _subscription("digest", "P1", lang), NOW, missed)
    )
    assert "P1-INF-2" in text and "1,000.5 (-249.5)" in text.replace("（", " (").replace("）", ")")
    assert "U0OWNER1" in text and "slack:" not in text
    assert "2026-11-16 08:00 UTC" in text
    if lang == "en":
        assert "Budget 2023: CHF 519,000, 12.4% of the total CHF 4,200,000" in text
        assert "never updated: P1-EMT-1" in text
    else:
        assert "2023年预算：519,000 瑞郎" in text and "从未更新：P1-EMT-1" in text


def test_numbers_and_changes_are_written_as_people_write_them() -> None:
    assert to_number_text(Decimal("1250.0000")) == "1,250"
    assert to_number_text(Decimal("0.7500")) == "0.75"
    assert to_change_text(Decimal("2.50")) == "+2.5"
    assert to_change_text(Decimal("-3")) == "-3"
    assert to_change_text(Decimal("0")) == "±0"
    assert to_change_text(None) == ""


def test_reports_follow_each_audited_change_of_the_knowledge(session: Session) -> None:
    before = build_report(session, _subscription("reminder", "E1-X"), NOW)
    assert isinstance(before, Reminder) and before.kpi_count == 2
    kpi = session.exec(select(models.Kpi).where(models.Kpi.code == "E1-X-2")).one()
    kpi.retired = True
    session.add(kpi)
    session.add(
        models.AuditEntry(
            actor="slack:U0ADMIN1", action="retire", entity="kpi", entity_key="E1-X-2"
        )
    )
    session.commit()
    after = build_report(session, _subscription("reminder", "E1-X"), NOW)
    assert isinstance(after, Reminder) and after.kpi_count == 1


def test_a_report_and_the_answer_service_read_the_knowledge_once_per_revision(
    seeded_engine: Engine, monkeypatch: pytest.MonkeyPatch
) -> None:
    """bot.composition gives the reports the answer service's knowledge cache: whichever
    needs a revision first reads it, for both."""
    from knowledge.answering import AnswerService, knowledge_cache, service

    reads: list[int] = []
    load = knowledge_cache.load_knowledge

    def counted(session: Session) -> Knowledge:
        reads.append(1)
        return load(session)

    monkeypatch.setattr(knowledge_cache, "load_knowledge", counted)
    monkeypatch.setattr(service, "load_knowledge", counted)
    answers = AnswerService(seeded_engine, refresh_interval=0.0)
    answers.get_engine()
    reports = ReportBuilder(answers.knowledge_cache)
    with Session(seeded_engine) as session:
        before = reports.build_report_for(session, "reminder", "E1-X", "en", NOW)
        assert isinstance(before, Reminder) and before.kpi_count == 2
        assert len(reads) == 1
        kpi = session.exec(select(models.Kpi).where(models.Kpi.code == "E1-X-2")).one()
        kpi.retired = True
        session.add(kpi)
        session.add(
            models.AuditEntry(actor="U1", action="retire", entity="kpi", entity_key="E1-X-2")
        )
        session.commit()
        after = reports.build_report_for(session, "reminder", "E1-X", "en", NOW)
        assert isinstance(after, Reminder) and after.kpi_count == 1
    assert len(reads) == 2
    assert "E1-X-2" not in answers.get_engine().knowledge.kpis
    assert len(reads) == 2


def _hand_to_experts(session: Session, question: str, scope: str) -> int:
    from knowledge.editing import expert_questions

    row = expert_questions.create_expert_question(
        session,
        platform="slack",
        asker_id="U0ASKER1",
        question=question,
        lang="en",
        script="",
        bot_answer="",
        reason="declined",
        scope=scope,
        expert_channel="C0EXPERTS",
    )
    row.at = NOW - timedelta(days=3)
    session.commit()
    return row.id or 0


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_a_digest_lists_the_questions_no_expert_has_answered(session: Session, lang: str) -> None:
    from knowledge.editing import expert_questions

    open_id = _hand_to_experts(session, "Where is the <P1> hub?", "P1")
    answered = _hand_to_experts(session, "Who runs the P2 lab?", "P2")
    other = _hand_to_experts(session, "Where is the canteen?", "all")
    expert_questions.answer_expert_question(session, answered, "slack:U0EXPERT", "Ana.")
    session.commit()
    everything = build_report(session, _subscription("digest", "all", lang), NOW)
    assert isinstance(everything, Digest) and everything.has_news
    assert [q.id for q in everything.unanswered] == [open_id, other]
    p1 = build_report(session, _subscription("digest", "P1", lang), NOW)
    assert isinstance(p1, Digest) and [q.id for q in p1.unanswered] == [open_id]
    text = render_report_text(everything)
    assert "Where is the <P1> hub?" in text and "Who runs the P2 lab?" not in text
    assert ("not answered yet (2)" if lang == "en" else "专家尚未回答的问题（2个）") in text


def test_a_digest_lists_as_away_only_its_owners_on_its_own_day(session: Session) -> None:
    admin = Permissions(Actor("slack", "U0ADMIN1"), is_admin=True)
    add_owner(session, admin, "U0OWNCD01", "P4-CD")  # in the digest's scope
    add_owner(session, admin, "U0OWNEMT1", "P1-EMT")  # elsewhere
    # 20:00 UTC on 23 November is already the 24th in Shanghai, the subscription's zone.
    now = datetime(2026, 11, 23, 20, tzinfo=UTC)
    local_day = date(2026, 11, 24)
    for user in ("U0OWNCD01", "U0OWNEMT1", "U0NOBODY1"):
        set_away(session, "slack", user, local_day, local_day, today=date(2026, 11, 20))
    session.commit()
    subscription = _subscription("digest", "P4")
    subscription.tz = "Asia/Shanghai"
    report = build_report(session, subscription, now)
    assert isinstance(report, Digest)
    assert [p.actor for p in report.away] == ["slack:U0OWNCD01"]
    zurich = _subscription("digest", "P4")  # still the 23rd in Zurich: nobody away yet
    report = build_report(session, zurich, now)
    assert isinstance(report, Digest) and report.away == ()
