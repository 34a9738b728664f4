"""/kb through the signed endpoint: the permission matrix, confirmations, history and undo."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from knowledge.editing import Actor, Permissions, add_member, run_edit
from tests.e2e.slack.kb_support import (
    ADMIN,
    EDITOR_P1,
    EDITOR_P2,
    ENV_ADMIN,
    NOBODY,
    KbServed,
    is_refusal,
    serve_kb,
    texts,
    to_value_payload,
)
from tests.support.slack_standin import SlackStandIn

ADMINS = {"admin"}
MEMBERS = {"admin", "editor_in", "editor_out"}
IN_SCOPE = {"admin", "editor_in"}
EVERYONE = {*MEMBERS, "nobody"}
ACTORS = {"admin": ENV_ADMIN, "editor_in": EDITOR_P1, "editor_out": EDITOR_P2, "nobody": NOBODY}

# subcommand, the command as Slack sends it ({who} is the actor's name, {undo} a change id),
# who may run it, and what the reply of an allowed run says.
MATRIX = [
    ("help", "help", EVERYONE, "/kb budget set"),
    ("budget set", "budget set P1 600000 2031", ADMINS, "set to CHF 600,000"),
    ("kpi add", 'kpi add P1-EMT "Matrix KPI {who}" "矩阵KPI"', ADMINS, "KPI P1-EMT-"),
    ("kpi edit", 'kpi edit P1-EMT-2 en "Matrix wording {who}"', ADMINS, "reworded"),
    ("kpi retire", "kpi retire P1-EMT-3", ADMINS, "Retire KPI P1-EMT-3"),
    ("progress", "progress P1-EMT-1 5 by {who}", IN_SCOPE, "recorded"),
    ("progress history", "progress P1-INF-1", MEMBERS, "P1-INF-1"),
    ("fact add", "fact add matrix-{who} 'Text.' '文字。' --priority P1", IN_SCOPE, "matrix-{who}"),
    ("fact edit", 'fact edit matrix-fact text_en "By {who}."', IN_SCOPE, "changed"),
    ("fact remove", "fact remove matrix-fact", IN_SCOPE, "Remove the fact"),
    (
        "faq add",
        "faq add faq-{who} 'Q {who}?' '问？' 'A.' '答。' --priority P1",
        IN_SCOPE,
        "faq-{who}",
    ),
    ("faq edit", 'faq edit matrix-faq answer_en "By {who}."', IN_SCOPE, "changed"),
    ("faq remove", "faq remove matrix-faq", IN_SCOPE, "Remove the FAQ entry"),
    ("alias add", "alias add P1 'matrix {who}'", ADMINS, "now also means P1"),
    ("alias edit", "alias edit P1 'matrix old' 'matrix new'", ADMINS, "matrix new"),
    ("alias remove", "alias remove P2 'matrix gone'", ADMINS, "Remove the alias"),
    ("history", "history", MEMBERS, "Latest changes"),
    ("undo", "undo {undo}", ADMINS, "undone"),
    ("feedback", "feedback", ADMINS, "days"),
    ("admin add", "admin add <@U0NEWADM1|newadmin>", ADMINS, "U0NEWADM1 is now an admin"),
    ("admin remove", "admin remove <@U0STORED1>", ADMINS, "Remove the role"),
    ("editor add", "editor add <@U0NEWED01|ed> P3", ADMINS, "U0NEWED01 is now an editor of P3"),
    ("editor remove", "editor remove <@U0OTHERED|o> P4", ADMINS, "Remove the role"),
    ("roles", "roles", ADMINS, "editor of P1"),
    ("schedule add", "schedule add reminder <#C0TEAM01|team> P1 mon 09:00", ADMINS, "added"),
    ("schedule list", "schedule list", ADMINS, "#1 reminder for P1 in C0TEAM01"),
    ("schedule pause", "schedule pause 2", ADMINS, "Paused"),
    ("schedule resume", "schedule resume 2", ADMINS, "Resumed"),
    ("schedule remove", "schedule remove 3", ADMINS, "Remove this schedule?"),
    ("schedule preview", "schedule preview 1", ADMINS, "Preview, not posted"),
    ("schedule status", "schedule status", ADMINS, "deliveries"),
]


@pytest.fixture(scope="module")
def app(
    slack: SlackStandIn, seeded_file: Path, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[KbServed]:
    with serve_kb(slack, seeded_file, tmp_path_factory.mktemp("kb")) as served:
        yield served


@pytest.mark.parametrize("actor", list(ACTORS))
@pytest.mark.parametrize(
    ("subcommand", "text", "allowed", "marker"), MATRIX, ids=[row[0] for row in MATRIX]
)
def test_permission_matrix(
    app: KbServed, subcommand: str, text: str, allowed: set[str], marker: str, actor: str
) -> None:
    who = actor.replace("_", "-")
    command = text.format(who=who, undo=app.ids["undo"])
    before = app.count_rows()
    reply = texts(app.kb(command, ACTORS[actor]))
    if actor in allowed:
        assert not is_refusal(reply)
        assert marker.format(who=who) in reply, reply
    else:
        assert is_refusal(reply), reply
        assert app.count_rows() == before


def test_stored_admins_are_admins_too(app: KbServed) -> None:
    reply = texts(app.kb("alias add P5 'stored admin alias'", ADMIN))
    assert "now also means P5" in reply


def test_refusal_is_in_the_users_language(app: KbServed) -> None:
    app.slack.locales[NOBODY] = "zh-CN"
    try:
        assert "无权" in texts(app.kb("budget set P1 1", NOBODY))
    finally:
        del app.slack.locales[NOBODY]
    # Chinese in the command: a Chinese reply whatever the locale.
    assert "没有 /kb 命令“预算”" in texts(app.kb("预算", ENV_ADMIN))


def test_remove_confirm_removes(app: KbServed) -> None:
    app.kb("fact add confirm-me 'To remove.' '待删除。'", ENV_ADMIN)
    ask = app.kb("fact remove confirm-me", ENV_ADMIN)
    assert to_value_payload(ask)["v"] == {"fact:confirm-me": 1}
    cancelled = app.cancel(ask, ENV_ADMIN)
    assert "Cancelled" in texts(cancelled) and cancelled["replace_original"] is True
    assert "fact confirm-me" in texts(app.kb("history confirm-me", ENV_ADMIN))
    done = app.confirm(app.kb("fact remove confirm-me", ENV_ADMIN), ENV_ADMIN)
    assert done["replace_original"] is True
    assert "Fact confirm-me removed" in texts(done)
    assert "There is no fact" in texts(app.kb("fact remove confirm-me", ENV_ADMIN))


def test_confirm_after_the_record_changed_is_told_so(app: KbServed) -> None:
    app.kb("fact add race-me 'First.' '第一。'", ENV_ADMIN)
    ask = app.kb("fact remove race-me", ENV_ADMIN)
    app.kb('fact edit race-me text_en "Second."', ENV_ADMIN)
    late = texts(app.confirm(ask, ENV_ADMIN))
    assert "changed since you saw it" in late and "Second." in late
    assert "race-me" in texts(app.kb("history race-me", ENV_ADMIN))


def test_confirmation_cannot_be_used_by_someone_else(app: KbServed) -> None:
    ask = app.kb("alias remove P1 'matrix new'", ENV_ADMIN)
    before = app.count_rows()
    assert is_refusal(texts(app.confirm(ask, NOBODY)))
    assert app.count_rows() == before


def test_edit_is_answered_by_ask_and_undo_restores_it(app: KbServed) -> None:
    assert "CHF 480,000" in app.ask("P4 budget")
    ask = app.kb("budget set P4 500,000 2023", ENV_ADMIN)
    assert "no longer add up" in texts(ask)
    done = texts(app.confirm(ask, ENV_ADMIN))
    assert "CHF 500,000" in done
    # The process that made the edit answers with it at once (no refresh interval to wait).
    assert "CHF 500,000" in app.ask("P4 budget")
    history = texts(app.kb("history P4", ENV_ADMIN)).splitlines()
    first = next(line for line in history if line.startswith("#"))
    change_id = first.split()[0]
    assert "P4:2023" in first and "500,000" in first
    undone = texts(app.kb(f"undo {change_id}", ENV_ADMIN))
    assert f"Change {change_id} undone" in undone
    assert "CHF 480,000" in app.ask("P4 budget")


def test_declined_questions_reach_the_feedback_review(app: KbServed) -> None:
    app.ask("quantum football league results")
    app.ask("quantum football league results")
    reply = texts(app.kb("feedback 1", ENV_ADMIN))
    assert '"quantum football league results"' in reply and "declined" in reply


def test_user_text_is_escaped_in_replies(app: KbServed) -> None:
    shown = texts(app.kb("alias add P2 '&lt;!channel&gt; &amp; co'", ENV_ADMIN))
    assert "<!channel>" not in shown and "&lt;!channel&gt; &amp; co" in shown


def test_schedule_add_checks_the_channel_and_preview_shows_the_report(app: KbServed) -> None:
    app.slack.unknown_channels.add("C0GONE001")
    try:
        before = app.count_rows()
        refused = texts(app.kb("schedule add digest <#C0GONE001> all mon 09:00", ENV_ADMIN))
        assert "cannot post to C0GONE001" in refused
        assert app.count_rows() == before
    finally:
        app.slack.unknown_channels.discard("C0GONE001")
    bad = texts(app.kb("schedule add digest C0MGR001 all 'mon 09:00' --tz Mars/Base", ENV_ADMIN))
    assert '"Mars/Base" is not a time zone' in bad
    preview = app.kb("schedule preview 1", ENV_ADMIN)
    assert "KPI" in texts(preview) and len(preview["blocks"]) <= 50
    assert not app.slack.calls_to("/chat.postMessage")


def test_schedule_remove_asks_then_removes(app: KbServed) -> None:
    added = texts(app.kb("schedule add digest C0MGR001 P3 'wed 10:00'", ENV_ADMIN))
    schedule_id = added.split("#")[1].split()[0]
    done = texts(app.confirm(app.kb(f"schedule remove {schedule_id}", ENV_ADMIN), ENV_ADMIN))
    assert "Removed" in done
    assert f"There is no schedule #{schedule_id}" in texts(
        app.kb(f"schedule preview {schedule_id}", ENV_ADMIN)
    )


def test_roles_names_slacks_variable_and_each_members_platform(app: KbServed) -> None:
    teams_admin = "5e4d3c2b-1a09-4f8e-9d7c-6b5a4e3d2c1f"
    run_edit(
        app.engine,
        lambda s: add_member(
            s,
            Permissions(Actor("cli", "test"), is_admin=True),
            teams_admin,
            "admin",
            platform="teams",
        ),
    )
    listed = texts(app.kb("roles", ENV_ADMIN))
    assert f"Admins from STAFFBOT_ADMINS (Slack): {ENV_ADMIN}" in listed
    assert f"{teams_admin} (Teams): admin" in listed
    assert f"{EDITOR_P1} (Slack): editor of P1" in listed
    app.slack.locales[ENV_ADMIN] = "zh-CN"
    try:
        listed_zh = texts(app.kb("roles", ENV_ADMIN))
    finally:
        del app.slack.locales[ENV_ADMIN]
    assert f"STAFFBOT_ADMINS 中的管理员（Slack）：{ENV_ADMIN}" in listed_zh
    assert f"{teams_admin}（Teams）：管理员" in listed_zh


@pytest.mark.parametrize(
    ("locale", "command", "message"),
    [
        (
            "en-US",
            "schedule add reminder #general P1 'mon 09:00'",
            '"#general" is a channel\'s name',
        ),
        ("zh-CN", "schedule add reminder #general P1 'mon 09:00'", "“#general”是频道的名称"),
        ("en-US", "schedule add reminder C0TEAM01 P1 --cron '* * * * *'", "1440 times a day"),
        ("zh-CN", "schedule add digest C0TEAM01 P1 --cron '0 9,17 * * *'", "每天会发送 2 次"),
    ],
)
def test_schedule_add_refuses_a_channel_name_and_a_schedule_too_often(
    app: KbServed, locale: str, command: str, message: str
) -> None:
    before = app.count_rows()
    app.slack.locales[ENV_ADMIN] = locale
    try:
        refused = texts(app.kb(command, ENV_ADMIN))
    finally:
        del app.slack.locales[ENV_ADMIN]
    assert message in refused, refused
    assert app.count_rows() == before
    assert not app.slack.calls_to("/conversations.info")  # refused before asking Slack


def test_schedule_add_refuses_an_exact_duplicate(app: KbServed) -> None:
    added = texts(app.kb("schedule add digest <#C0DUP0001|dup> P1 'thu 10:00'", ENV_ADMIN))
    schedule_id = added.split("#")[1].split()[0]
    before = app.count_rows()
    again = texts(app.kb("schedule add digest C0DUP0001 P1 --cron '0 10 * * 4'", ENV_ADMIN))
    assert f"Schedule #{schedule_id} already posts this digest there" in again
    app.slack.locales[ENV_ADMIN] = "zh-CN"
    try:
        again_zh = texts(
            app.kb("schedule add digest C0DUP0001 P1 'thu 10:00' --lang en", ENV_ADMIN)
        )
    finally:
        del app.slack.locales[ENV_ADMIN]
    assert f"定时发送 #{schedule_id} 已在同一时间向该处发送这份摘要" in again_zh
    assert app.count_rows() == before


@pytest.mark.parametrize(
    ("locale", "message"),
    [
        ("en-US", "Slack has no user {} in this workspace"),
        ("zh-CN", "此 Slack 工作区中没有用户 {}"),
    ],
)
def test_admin_add_asks_slack_whether_the_person_exists(
    app: KbServed, locale: str, message: str
) -> None:
    app.slack.unknown_users.add("U0NOSUCH1")
    app.slack.deactivated_users.add("U0GONE001")
    app.slack.locales[ENV_ADMIN] = locale
    before = app.count_rows()
    try:
        for command, user in [
            ("admin add U0NOSUCH1", "U0NOSUCH1"),
            ("editor add U0GONE001 P1", "U0GONE001"),
        ]:
            refused = texts(app.kb(command, ENV_ADMIN))
            assert message.format(user) in refused, refused
            asked = [c.body.get("user") for c in app.slack.calls_to("/users.info")]
            assert user in asked
    finally:
        app.slack.unknown_users.clear()
        app.slack.deactivated_users.clear()
        del app.slack.locales[ENV_ADMIN]
    assert app.count_rows() == before


def test_admin_add_goes_by_the_id_alone_when_slack_cannot_be_asked(app: KbServed) -> None:
    # Both users.info calls fail: the asker's language (then English) and the check.
    app.slack.fail("/users.info", status=500, count=2)
    added = texts(app.kb("admin add U0UNSURE1", ENV_ADMIN))
    assert "U0UNSURE1 is now an admin" in added
    assert [c.body.get("user") for c in app.slack.calls_to("/users.info")] == [
        ENV_ADMIN,
        "U0UNSURE1",
    ]
