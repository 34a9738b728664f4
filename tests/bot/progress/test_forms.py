"""The progress form without a platform: what it shows, what a submission records (once,
all or nothing, as /kb progress checks it), and the reminder shown again."""

from __future__ import annotations

import asyncio
import json
import threading
from dataclasses import replace
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal

import pytest
from sqlalchemy.engine import Engine
from sqlmodel import Session, col, select

from bot.progress import (
    FormEntry,
    FormKpi,
    FormRequest,
    ProgressForm,
    ProgressForms,
    ReminderRef,
    read_form_request,
)
from bot.progress.forms import to_today
from bot.slack.blocks import (
    ACTION_PROGRESS,
    ACTION_SNOOZE_MONDAY,
    ACTION_SNOOZE_TOMORROW,
)
from bot.slack.report_blocks import build_report_message
from bot.teams.cards import VERB_SNOOZE, build_report_card
from knowledge.answering import KnowledgeCache
from knowledge.editing import Actor, Permissions, run_edit
from knowledge.editing.kpi_edits import record_progress
from knowledge.editing.owners import add_owner
from knowledge.store import models
from scheduler.reports import Reminder, ReportBuilder
from tests.support.block_kit import validate_message

ADMIN = Actor("slack", "U0ADMIN01")
OWNER = Actor("slack", "U0OWNER01")
NOBODY = Actor("slack", "U0NOBODY1")


@pytest.fixture
def forms(seeded_engine: Engine) -> ProgressForms:
    admin = Permissions(ADMIN, is_admin=True)
    run_edit(seeded_engine, lambda s: add_owner(s, admin, OWNER.user_id, "P4-CD"))
    return ProgressForms(seeded_engine, ReportBuilder(KnowledgeCache()), [ADMIN.user_id])


def _rows(engine: Engine, code: str) -> list[models.KpiProgress]:
    with Session(engine) as session:
        query = select(models.KpiProgress).where(models.KpiProgress.kpi_code == code)
        return list(session.exec(query.order_by(col(models.KpiProgress.id))))


def _submit(
    forms: ProgressForms,
    actor: Actor,
    request: FormRequest,
    entries: list[FormEntry],
    key: str,
    as_of: str = "",
    note: str = "",
    lang: str = "en",
):  # type: ignore[no-untyped-def]
    return asyncio.run(forms.submit(actor, request, entries, as_of, note, lang, key))


def test_a_request_round_trips_and_foreign_values_are_not_read() -> None:
    ref = ReminderRef("P4", "zh", datetime(2026, 11, 23, 8, tzinfo=UTC), "slack:U0OWNER01")
    request = FormRequest(("P4-CD-1", "P4-CD-2"), ref)
    assert read_form_request(request.to_value()) == request
    assert read_form_request(FormRequest(("P1-EMT-1",)).to_value()) == FormRequest(("P1-EMT-1",))
    for value in (
        "",
        "x",
        "[]",
        '{"k": []}',
        '{"k": ["A"], "r": {"s": 1}}',
        '{"k": [' + '"A",' * 30 + '"A"]}',
    ):
        assert read_form_request(value) is None


def test_a_request_carries_the_subscription_and_older_values_stay_readable() -> None:
    posted = datetime(2026, 11, 23, 8, tzinfo=UTC)
    request = FormRequest(("P4-CD-1",), ReminderRef("P4", "en", posted, "", 7))
    assert read_form_request(request.to_value()) == request
    at = int(posted.timestamp())
    older = '{"k":["P4-CD-1"],"r":{"s":"P4","l":"en","t":' + str(at) + ',"o":""}}'
    assert read_form_request(older) == FormRequest(("P4-CD-1",), ReminderRef("P4", "en", posted))
    for bad in ('"7"', "true", "0"):
        forged = older.replace('"o":""', f'"o":"","i":{bad}')
        assert read_form_request(forged) is None


def test_the_reminder_built_again_keeps_its_snooze_buttons(
    forms: ProgressForms, seeded_engine: Engine
) -> None:
    with Session(seeded_engine) as session:
        posted = forms.reports.build_report_for(session, "reminder", "P4", "en", datetime.now(UTC))
    assert isinstance(posted, Reminder)
    posted = replace(posted, subscription_id=7)
    message = build_report_message(posted)
    validate_message(message)
    value = next(
        e["value"]
        for b in message["blocks"]
        for e in b.get("elements", [])
        if ACTION_PROGRESS.match(str(e.get("action_id", "")))
    )
    request = read_form_request(value)
    assert request is not None and request.ref is not None
    assert request.ref.subscription_id == 7
    again = forms.build_reminder_again(request)
    assert again is not None and again.subscription_id == 7
    rebuilt = build_report_message(again)
    validate_message(rebuilt)
    action_ids = {e.get("action_id") for b in rebuilt["blocks"] for e in b.get("elements", [])}
    assert {ACTION_SNOOZE_TOMORROW, ACTION_SNOOZE_MONDAY} <= action_ids
    assert VERB_SNOOZE in json.dumps(build_report_card(again))


def test_today_is_the_persons_day() -> None:
    late = datetime(2026, 11, 23, 23, 30, tzinfo=UTC)
    assert to_today("Asia/Shanghai", late) == date(2026, 11, 24)
    assert to_today("America/New_York", late) == date(2026, 11, 23)
    assert to_today("Not/AZone", late) == to_today(None, late) == date(2026, 11, 23)


def test_the_form_shows_what_the_person_may_record(forms: ProgressForms) -> None:
    owner_form = asyncio.run(
        forms.open_form(OWNER, FormRequest(("P4-CD-1", "P4-CYB-1", "P9-X-1")), "zh")
    )
    assert isinstance(owner_form, ProgressForm)
    assert [k.code for k in owner_form.kpis] == ["P4-CD-1"]  # owns P4-CD only
    assert owner_form.kpis[0].last_value is None and not owner_form.is_several
    refused = asyncio.run(forms.open_form(NOBODY, FormRequest(("P4-CD-1",)), "en"))
    assert isinstance(refused, str) and "You may not record progress of P4-CD-1" in refused


def test_a_submission_records_once_with_its_audit_row(
    forms: ProgressForms, seeded_engine: Engine
) -> None:
    request = FormRequest(("P4-CD-1",))
    entry = FormEntry("P4-CD-1", "1,250", "2k")
    first = _submit(forms, OWNER, request, [entry], "V1", note="from the form")
    again = _submit(forms, OWNER, request, [entry], "V1")
    assert first.recorded == ("P4-CD-1",) and not first.already
    assert again.is_done and again.already and again.recorded == ()
    (row,) = _rows(seeded_engine, "P4-CD-1")
    assert (row.value, row.target, row.note) == (Decimal(1250), Decimal(2000), "from the form")
    with Session(seeded_engine) as session:
        audit = session.exec(
            select(models.AuditEntry).where(models.AuditEntry.entity == "kpi_progress")
        ).one()
    assert audit.actor == "slack:U0OWNER01" and audit.after is not None


def test_a_bad_field_is_named_and_nothing_is_recorded(
    forms: ProgressForms, seeded_engine: Engine
) -> None:
    request = FormRequest(("P4-CD-1", "P4-CD-2"))
    future = (datetime.now(UTC) + timedelta(days=3)).date().isoformat()
    entries = [FormEntry("P4-CD-1", "3"), FormEntry("P4-CD-2", "-1")]
    outcome = _submit(forms, OWNER, request, entries, "V2", as_of=future, lang="zh")
    assert set(outcome.errors) == {"as_of"}
    assert "将来" in outcome.errors["as_of"]
    outcome = _submit(forms, OWNER, request, entries, "V2")
    assert (
        list(outcome.errors) == ["value:P4-CD-2"] and "negative" in outcome.errors["value:P4-CD-2"]
    )
    too_long = _submit(forms, OWNER, request, entries[:1], "V2", note="n" * 600)
    assert list(too_long.errors) == ["note"]
    assert _rows(seeded_engine, "P4-CD-1") == []  # all or nothing
    empty = _submit(
        forms, OWNER, request, [FormEntry("P4-CD-1", ""), FormEntry("P4-CD-2", "")], "V2"
    )
    assert list(empty.errors) == ["value:P4-CD-1"]
    stranger = _submit(forms, NOBODY, request, entries[:1], "V3")
    assert "You may not record progress of P4-CD-1" in stranger.errors["value:P4-CD-1"]
    ignored = _submit(forms, OWNER, request, [FormEntry("P1-EMT-1", "5")], "V4")
    assert list(ignored.errors) == ["value:P1-EMT-1"]  # a field the form never had: no value
    assert _rows(seeded_engine, "P1-EMT-1") == []


def test_the_reminder_comes_back_with_what_was_done(
    forms: ProgressForms, seeded_engine: Engine
) -> None:
    posted = datetime.now(UTC) - timedelta(minutes=5)
    request = FormRequest(("P4-CD-1",), ReminderRef("P4-CD", "en", posted))
    other = Permissions(ADMIN, is_admin=True)
    run_edit(seeded_engine, lambda s: record_progress(s, other, "P4-CD-2", Decimal(4)))
    outcome = _submit(forms, OWNER, request, [FormEntry("P4-CD-1", "2")], "V5")
    reminder = asyncio.run(forms.refresh(outcome, request)).reminder
    assert reminder is not None and reminder.generated_at == posted
    assert reminder.themes == ()  # both KPIs of P4-CD are up to date now
    assert [r.kpi_code for r in reminder.done] == ["P4-CD-2", "P4-CD-1"]
    personal = FormRequest(("P4-CD-1",), ReminderRef("P4-CD", "en", posted, "slack:U0OWNER01"))
    again = forms.build_reminder_again(personal)
    assert again is not None and again.owner == "slack:U0OWNER01"


def test_two_submissions_of_one_form_at_once_record_once(
    forms: ProgressForms, seeded_engine: Engine
) -> None:
    request = FormRequest(("P4-CD-2",))
    outcomes = []
    start = threading.Barrier(2)

    def submit() -> None:
        start.wait()
        outcomes.append(_submit(forms, OWNER, request, [FormEntry("P4-CD-2", "8")], "V6"))

    threads = [threading.Thread(target=submit) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(_rows(seeded_engine, "P4-CD-2")) == 1
    assert sorted(o.already for o in outcomes) == [False, True]


def test_the_forms_sentences_exist_in_both_languages() -> None:
    from bot.progress import render_progress_text
    from bot.progress.forms import TEMPLATE_FOLDER
    from bot.rendering import list_template_names

    names = list_template_names("en", TEMPLATE_FOLDER)
    assert names == list_template_names("zh", TEMPLATE_FOLDER) and "title.j2" in names
    kpi = FormKpi("P4-CD-1", "Trained people", "3", "2026-11-01", "10")
    form = ProgressForm("en", FormRequest(("P4-CD-1",)), (kpi,), date(2026, 11, 23))
    for lang in ("en", "zh"):
        for name in sorted(names):
            text = render_progress_text(
                name.removesuffix(".j2"),
                lang,
                form=form,
                kpi=kpi,
                codes=["P4-CD-1"],
                code="P4-CD-1",
                already=False,
            )
            assert text.strip() and "{{" not in text, (lang, name)


def test_a_store_that_cannot_be_reached_is_said_not_raised() -> None:
    from knowledge.store import create_db_engine

    engine = create_db_engine("postgresql+psycopg://x:y@127.0.0.1:1/none")
    try:
        forms = ProgressForms(engine, ReportBuilder(KnowledgeCache()))
        request = FormRequest(("P4-CD-1",))
        opened = asyncio.run(forms.open_form(OWNER, request, "zh"))
        assert isinstance(opened, str) and "无法连接" in opened
        outcome = _submit(forms, OWNER, request, [FormEntry("P4-CD-1", "3")], "V9")
        assert outcome.notice and "cannot be reached" in outcome.notice and not outcome.is_done
    finally:
        engine.dispose()


class _BrokenReminders(ProgressForms):
    """Records as usual; building the reminder again fails (after the commit)."""

    def build_reminder_again(self, request: FormRequest) -> Reminder | None:
        raise RuntimeError("the knowledge could not be read")


def test_a_failed_reminder_rebuild_still_says_recorded(
    forms: ProgressForms, seeded_engine: Engine
) -> None:
    broken = _BrokenReminders(seeded_engine, forms.reports, [ADMIN.user_id])
    posted = datetime.now(UTC) - timedelta(minutes=5)
    request = FormRequest(("P4-CD-1",), ReminderRef("P4-CD", "en", posted))
    outcome = _submit(broken, OWNER, request, [FormEntry("P4-CD-1", "6")], "V9")
    assert outcome.is_done and outcome.recorded == ("P4-CD-1",)
    refreshed = asyncio.run(broken.refresh(outcome, request))
    assert refreshed.is_done and refreshed.not_refreshed and refreshed.reminder is None
    assert [r.value for r in _rows(seeded_engine, "P4-CD-1")] == [6]
    good = asyncio.run(forms.refresh(outcome, request))
    assert not good.not_refreshed and good.reminder is not None


def test_a_traditional_answers_form_speaks_traditional(forms: ProgressForms) -> None:
    request = FormRequest(("P4-CD-1",), script="hant")
    assert read_form_request(request.to_value()) == request
    assert read_form_request('{"k":["P4-CD-1"],"c":"klingon"}') is None
    form = asyncio.run(forms.open_form(OWNER, request, "zh"))
    assert isinstance(form, ProgressForm)
    assert form.render("label_value") == "新數值" and form.render("button_submit") == "錄入"
    refused = _submit(forms, OWNER, request, [FormEntry("P4-CD-1", "很多")], "V10", lang="zh")
    assert "不是數字" in refused.errors["value:P4-CD-1"]
    stranger = _submit(forms, NOBODY, request, [FormEntry("P4-CD-1", "3")], "V11", lang="zh")
    assert "您無權錄入" in stranger.errors["value:P4-CD-1"]
