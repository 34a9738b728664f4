"""KbService: every command in one transaction, bad input refused precisely, confirmations."""

from __future__ import annotations

import logging
from datetime import timedelta

import pytest
from sqlalchemy.engine import Engine

from bot.kb.dispatcher import KbService
from bot.kb.replies import KbReply, read_confirmation_value
from bot.text_render import render_answer_text
from knowledge.answering import AnswerService
from knowledge.editing import Actor
from knowledge.store import utc_now
from tests.bot.kb.conftest import ADMIN, EDITOR_P1, ENV_ADMIN, NOBODY, count_rows


def _answer(service: AnswerService, question: str) -> str:
    return render_answer_text(service.answer(question))


def _confirm(kb: KbService, reply: KbReply, actor: Actor = ADMIN) -> KbReply:
    assert reply.confirmation is not None, reply.render()
    found = read_confirmation_value(reply.confirmation.to_value())
    assert found is not None
    command, versions, lang = found
    return kb.run(actor, command, lang, versions)


@pytest.mark.parametrize(
    ("text", "template", "words"),
    [
        ("budget set P9 500", "unknown_code", ["P9", "Did you mean", "P1"]),
        ("budget set P1 -5", "invalid_value", ["negative"]),
        ("budget set P1 lots", "invalid_value", ['"lots" is not a number']),
        ("budget set P1 1e99", "invalid_value", ["not a number"]),
        ("budget set P1 200000000000", "invalid_value", ["too large", "100,000,000,000"]),
        ("budget set P1 520000 1999", "invalid_value", ["2000 to 2100"]),
        ("budget set P1 520000 21000", "invalid_value", ["not a year"]),
        ('kpi add P1-EMT "unclosed', "input_error", ["never closed", "character 16"]),
        (f'kpi add P1-EMT "{"x" * 2100}" "中文"', "input_error", ["2,100", "2,000"]),
        ('fact add "Bad Key" "t" "中"', "invalid_value", ["lower-case"]),
        ("progress P1-EMT-99 5", "unknown_code", ["P1-EMT-99", "Did you mean"]),
        ("progress P1-EMT-1 many", "invalid_value", ["not a number"]),
        ("progress P1-EMT-1 -3", "invalid_value", ["VALUE cannot be negative (-3)"]),
        ("progress P1-EMT-1 5 --target -20", "invalid_value", ["TARGET cannot be negative"]),
        ("progress P1-EMT-1 5 --as-of 2999-01-01", "invalid_value", ["future"]),
        ("progress P1-EMT-1 5 --as-of yesterday", "invalid_value", ["YYYY-MM-DD"]),
        ("kpi edit P1-EMT-1 en", "input_error", ["TEXT is missing"]),
        ("alias add P77 cyber", "unknown_code", ["P77"]),
        ("undo 9999", "change_not_found", ["#9999"]),
        ("undo twelve", "input_error", ["not a change number"]),
        ("editor add @bob P1", "input_error", ["mention them"]),
        ("editor add U0NEW0001 P42", "unknown_code", ["P42"]),
        ("feedback 1000", "input_error", ["between 1 and 365"]),
        ("histroy", "input_error", ["Did you mean: history"]),
        ("schedule add reminder C0TEAM P1 'mon 25:00'", "schedule_error", ["HH:MM"]),
        ("schedule add reminder C0TEAM P1 '0 9 * *'", "schedule_error", ["5 fields"]),
        ("schedule add digest C0TEAM all mon 09:00 --tz Mars/Base", "schedule_error", ["Mars"]),
        ("schedule add digest C0TEAM P9 mon 09:00", "unknown_code", ['scope "P9"']),
        ("schedule add weekly C0TEAM P1 mon 09:00", "input_error", ["reminder, digest"]),
        ("schedule add digest C0TEAM P1 mon 09:00 --cron '0 9 * * 1'", "input_error", ["once"]),
        ("schedule add digest C0TEAM P1 mon 09:00 --lang fr", "schedule_error", ["en, zh"]),
        ("schedule pause 99", "schedule_error", ["#99"]),
    ],
)
def test_bad_input_gets_a_precise_message_and_changes_nothing(
    kb: KbService, kb_engine: Engine, text: str, template: str, words: list[str]
) -> None:
    before = count_rows(kb_engine)
    reply = kb.run(ADMIN, text, "en")
    rendered = reply.render()
    assert reply.template == template, rendered
    for word in words:
        assert word in rendered
    assert not reply.changed and reply.confirmation is None
    assert count_rows(kb_engine) == before
    # Every reply renders in Chinese too.
    assert kb.run(ADMIN, text, "zh").render().strip()


@pytest.mark.parametrize(
    ("lang", "words"),
    [("en", ["reading on that date", "never negative"]), ("zh", ["读数", "不能为负数"])],
)
def test_help_progress_says_a_value_is_a_reading_never_negative(
    kb: KbService, lang: str, words: list[str]
) -> None:
    shown = kb.run(EDITOR_P1, "help progress", lang).render()
    for word in words:
        assert word in shown, shown


def test_budget_edit_is_answered_then_undone_exactly(kb: KbService, kb_engine: Engine) -> None:
    service = AnswerService(kb_engine, refresh_interval=0)
    printed = _answer(service, "P4 budget 2023")
    assert "CHF 480,000" in printed
    held = kb.run(ADMIN, "budget set P4 500k 2023", "en")
    assert held.template == "needs_confirmation" and "no longer add up" in held.render()
    done = _confirm(kb, held)
    assert done.template == "done" and done.changed
    assert "CHF 500,000" in _answer(service, "P4 budget 2023")
    change_id = done.context["change"].id
    undone = kb.run(ADMIN, f"undo {change_id}", "en")
    assert undone.template == "done", undone.render()
    assert _answer(service, "P4 budget 2023") == printed
    # History shows the printed figure the admin's line replaced, and gave back.
    lines = [line for line in kb.run(ADMIN, "history P4", "en").render().splitlines()]
    assert any(line.endswith("— 500,000 → 480,000") for line in lines), lines
    assert any(line.endswith("— 480,000 → 500,000") for line in lines), lines


def test_confirmation_after_the_record_changed_is_refused(kb: KbService) -> None:
    held = kb.run(ADMIN, "fact add kb-note-1 'First text.' '第一段。'", "en")
    assert held.template == "done"
    ask = kb.run(ADMIN, "fact remove kb-note-1", "en")
    assert ask.template == "needs_confirmation" and ask.confirmation is not None
    assert ask.confirmation.label == "button_remove"
    edited = kb.run(ADMIN, 'fact edit kb-note-1 text_en "Second text."', "en")
    assert edited.template == "done"
    late = _confirm(kb, ask)
    assert late.template == "record_changed"
    assert "Second text." in late.render()
    again = _confirm(kb, kb.run(ADMIN, "fact remove kb-note-1", "en"))
    assert again.template == "done" and "removed" in again.render()


def test_history_is_newest_first_with_ids(kb: KbService) -> None:
    kb.run(ADMIN, "progress P1-EMT-1 3", "en")
    kb.run(ADMIN, "progress P1-EMT-1 4 --target 10", "en")
    reply = kb.run(EDITOR_P1, "history P1-EMT-1", "en")
    lines = [line for line in reply.render().splitlines() if line.startswith("#")]
    ids = [int(line.split()[0][1:]) for line in lines]
    assert len(ids) == 2 and ids == sorted(ids, reverse=True)
    assert "U0ADMIN01" in lines[0]
    shown = kb.run(EDITOR_P1, "progress P1-EMT-1", "zh").render()
    assert "4（目标 10）" in shown


def test_undo_of_an_undo_redoes(kb: KbService, kb_engine: Engine) -> None:
    added = kb.run(ADMIN, 'alias add P4-CYB "cyber shield"', "en")
    first = added.context["change"].id
    undo = kb.run(ADMIN, f"undo {first}", "en")
    redo = kb.run(ADMIN, f"undo #{undo.context['change'].id}", "en")
    assert redo.template == "done", redo.render()
    assert "P4" in _answer(AnswerService(kb_engine), "cyber shield budget")


def test_env_admins_and_roles(kb: KbService) -> None:
    added = kb.run(ENV_ADMIN, "editor add U0NEWEDIT P2", "en")
    assert added.template == "done", added.render()
    roles = kb.run(ENV_ADMIN, "roles", "en").render()
    assert "Admins from STAFFBOT_ADMINS (Slack): U0ENVADM1" in roles
    assert "U0NEWEDIT (Slack): editor of P2" in roles
    removal = kb.run(ENV_ADMIN, "editor remove U0NEWEDIT P2", "en")
    assert _confirm(kb, removal, ENV_ADMIN).template == "done"


def test_refusals_are_logged_without_text(
    kb: KbService, kb_engine: Engine, caplog: pytest.LogCaptureFixture
) -> None:
    before = count_rows(kb_engine)
    with caplog.at_level(logging.WARNING):
        reply = kb.run(NOBODY, 'fact add secret-key "secret text" "秘密"', "zh")
    assert reply.template == "not_permitted" and "无权" in reply.render()
    assert count_rows(kb_engine) == before
    logged = " ".join(r.getMessage() for r in caplog.records)
    assert "U0NOBODY1" in logged and "fact.add" in logged and "secret" not in logged
    assert kb.run(NOBODY, "help", "en").template == "help"


def test_help_documents_every_subcommand_in_both_languages(kb: KbService) -> None:
    words = [
        "budget set", "kpi add", "kpi edit", "kpi retire", "progress", "fact add",
        "fact edit", "fact remove", "faq add", "faq edit", "faq remove", "alias add",
        "alias edit", "alias remove", "history", "undo", "feedback", "admin add",
        "admin remove", "editor add", "editor remove", "roles", "schedule add",
        "schedule list", "schedule pause", "schedule resume", "schedule remove",
        "schedule preview", "schedule status", "schedule holidays", "holidays", "away",
        "away off", "away list",
    ]  # fmt: skip
    for lang in ("en", "zh"):
        text = kb.run(NOBODY, "help", lang).render()
        for word in words:
            assert f"/kb {word}" in text, (lang, word)
    assert "/kb fact" not in kb.run(ADMIN, "help budget", "en").render()


def test_feedback_lists_declined_questions(kb: KbService, kb_engine: Engine) -> None:
    from sqlmodel import Session

    from knowledge.records import create_declined

    with Session(kb_engine) as session:
        for _ in range(2):
            create_declined(session, "slack", "U1", "quantum football?", "en", "decline")
        session.commit()
    reply = kb.run(ADMIN, "feedback 7", "en").render()
    assert '2× "quantum football?" — declined' in reply
    assert kb.run(EDITOR_P1, "feedback", "en").template == "not_permitted"


@pytest.mark.postgres
def test_a_command_and_its_confirmation_on_postgres(seeded_postgres_url: str) -> None:
    """The SQLite store runs every test above; this runs one on the PostgreSQL server."""
    from knowledge.store import create_db_engine

    db_engine = create_db_engine(seeded_postgres_url)
    kb = KbService(db_engine, [ENV_ADMIN.user_id])
    ask = kb.run(ENV_ADMIN, "budget set P3 1.2m", "en")
    assert ask.template == "needs_confirmation"
    done = _confirm(kb, ask, ENV_ADMIN)
    assert "CHF 1,200,000" in done.render()
    history = kb.run(ENV_ADMIN, "history P3", "zh").render()
    assert history.splitlines()[1].startswith(f"#{done.context['change'].id} ")
    stale = _confirm(kb, ask, ENV_ADMIN)
    assert stale.template == "record_changed"
    db_engine.dispose()


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_every_reply_renders_in_both_languages(kb: KbService, lang: str) -> None:
    commands = [
        "budget set P1 520000 2023",
        'kpi add P1-EMT "New KPI" "新KPI"',
        'kpi edit P1-EMT-1 zh "新措辞"',
        "kpi retire P1-EMT-2",
        "progress P1-EMT-1 7 note --target 9 --as-of 2024-01-31",
        "progress P1-EMT-1",
        "fact add all-langs 'Text.' '文字。' --priority P1 --kind figure --year 2024",
        "fact edit all-langs tags 'a; b'",
        "fact edit all-langs priority -",
        "fact remove all-langs",
        "faq add all-faq 'Q?' '问？' 'A.' '答。' --alternates 'q1; q2'",
        "faq edit all-faq alternates 'x; y'",
        "faq remove all-faq",
        "alias add P2 'langs alias'",
        "alias edit P2 'langs alias' 'langs alias 2'",
        "alias remove P2 'langs alias 2'",
        "admin add U0LANGS01",
        "admin remove U0LANGS01",
        "editor add U0LANGS02 E1",
        "editor remove U0LANGS02 E1",
        "roles",
        "feedback",
        "history",
        "undo 1",
        "schedule add digest C0LANGS all 'mon 09:00' --lang zh",
        "schedule list",
        "schedule status 1",
        "schedule remove 1",
        "schedule status",
        "holidays",
        f"away until {utc_now().date() + timedelta(days=20)}",
        "away",
        "away list",
        "away off",
        "help",
    ]
    for text in commands:
        reply = kb.run(ADMIN, text, lang)
        if reply.confirmation is not None:
            reply = _confirm(kb, reply)
        rendered = reply.render()
        assert rendered.strip() and "{{" not in rendered, (text, rendered)
        assert reply.template not in ("input_error", "unknown_code", "not_permitted"), (
            text,
            rendered,
        )


def test_a_lost_race_is_a_conflict_not_an_outage(
    kb: KbService, monkeypatch: pytest.MonkeyPatch
) -> None:
    from sqlalchemy.exc import IntegrityError

    def racing(*_args: object) -> KbReply:
        raise IntegrityError("INSERT", {}, Exception("UNIQUE constraint failed"))

    monkeypatch.setitem(kb._handlers, "roles", racing)
    assert kb.run(ADMIN, "roles", "zh").template == "conflict"


def test_a_role_is_given_to_a_user_id_never_a_name(kb: KbService) -> None:
    reply = kb.run(ENV_ADMIN, "admin add alice", "en")
    assert reply.template == "invalid_value" and "not a Slack user" in reply.render()
    assert kb.run(ENV_ADMIN, "admin add U0NEWADMIN", "en").template == "done"
