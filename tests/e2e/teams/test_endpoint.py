"""End to end through POST /api/messages: tokens, questions, commands, card clicks, and a
scheduled digest posted proactively; the bot's replies are read off the Bot Connector stand-in."""

from __future__ import annotations

import http.client
import json
import logging
import time
import urllib.request
from datetime import timedelta
from typing import Any

import pytest
from sqlmodel import Session, select

from bot.composition import build_posters
from bot.log_context import get_log_context
from bot.teams.cards import VERB_HELPFUL, VERB_KB_CONFIRM, VERB_NOT_HELPFUL, VERB_SUGGEST
from knowledge.store import ConversationRef, Delivery, Subscription, create_db_engine, utc_now
from knowledge.store.models import Feedback
from scheduler.runner import RetryPolicy, run_due
from scheduler.subscriptions import get_next_run
from tests.e2e.teams.conftest import (
    ADMIN_OBJECT_ID,
    Served,
    build_settings,
    card_of,
    card_texts,
    find_actions,
    serve,
)
from tests.support import teams_activities as act
from tests.support.teams_standin import APP_ID, TENANT_ID, Call
from tests.support.web import open_request

CHANNEL = act.CONVERSATIONS["channel"]
PERSONAL = act.CONVERSATIONS["personal"]


def _ask(served: Served, text: str, **kwargs: Any) -> Call:
    """Posts a message; returns the one reply the bot sent."""
    before = len(served.teams.sent)
    status, _ = served.post(act.message(text, service_url=served.teams.url, **kwargs))
    assert status == 200
    calls = served.teams.wait_for(before + 1)
    time.sleep(0.05)  # nothing more should follow
    assert len(served.teams.sent) == before + 1
    return calls[-1]


def _rows(served: Served, model: Any) -> list[Any]:
    engine = create_db_engine(served.database_url)
    try:
        with Session(engine) as session:
            return list(session.exec(select(model)).all())
    finally:
        engine.dispose()


# -- tokens ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "changes",
    [{"expired": True}, {"audience": "someone-else"}, {"sign_with_other_key": True}],
    ids=["expired", "wrong-audience", "other-key"],
)
def test_a_bad_token_gets_401_and_no_reply(served: Served, changes: dict[str, Any]) -> None:
    token = served.teams.mint_token(APP_ID, served.teams.url, **changes)
    status, _ = served.post(act.message("P1 budget", service_url=served.teams.url), token=token)
    assert status == 401
    time.sleep(0.1)
    assert served.teams.sent == []


class _ContextRecorder(logging.Handler):
    """Every log line's request context, as the formatter would add it."""

    def __init__(self) -> None:
        super().__init__(logging.DEBUG)
        self.contexts: list[dict[str, str]] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.contexts.append(dict(get_log_context()))


def test_a_bad_token_logs_no_id_from_its_body(served: Served) -> None:
    """Nothing an unverified body says reaches the logs: its user and event ids are bound only
    once the SDK accepted the activity."""
    recorder = _ContextRecorder()
    root = logging.getLogger()
    level = root.level
    root.addHandler(recorder)
    root.setLevel(logging.DEBUG)
    try:
        token = served.teams.mint_token(APP_ID, served.teams.url, expired=True)
        activity = act.message(
            "P1 budget",
            service_url=served.teams.url,
            activity_id="forged-event",
            aad_object_id="forged-user",
            user_id="forged-user",
        )
        status, _ = served.post(activity, token=token)
        assert status == 401
        time.sleep(0.1)
        status, _ = served.post(act.message("P1 budget", service_url=served.teams.url))
        assert status == 200
        served.teams.wait_for(1)
    finally:
        root.removeHandler(recorder)
        root.setLevel(level)
    with_ids = [c for c in recorder.contexts if c.get("platform") == "teams"]
    assert with_ids, "no line logged while the requests were handled"
    forged = [c for c in with_ids if {"forged-event", "forged-user"} & set(c.values())]
    assert forged == [], forged
    # The verified request's lines do carry its sender.
    assert any(c.get("user_id") == act.AAD_OBJECT_ID for c in with_ids)


def test_a_missing_token_gets_401(served: Served) -> None:
    status, _ = served.post(
        act.message("P1 budget", service_url=served.teams.url), authorization=""
    )
    assert status == 401
    status, _ = served.post(b"not json", authorization="")
    assert status == 401  # refused before the body is read


def test_a_token_for_another_service_url_gets_401(served: Served) -> None:
    token = served.teams.mint_token(APP_ID, "https://smba.example.org/emea/")
    status, _ = served.post(act.message("P1 budget", service_url=served.teams.url), token=token)
    assert status == 401


def test_an_unreadable_body_with_a_token_gets_400(served: Served) -> None:
    status, _ = served.post(b"{not json")
    assert status == 400


def test_a_process_serving_teams_alone_is_ready(served: Served) -> None:
    for path, body in [
        ("/livez", {"status": "ok"}),
        ("/readyz", {"status": "ok", "database": "ok"}),
    ]:
        status, raw = open_request(urllib.request.Request(f"{served.url}{path}"))
        assert (status, json.loads(raw)) == (200, body)


# -- questions ------------------------------------------------------------------------------


def test_a_personal_question_is_answered_with_a_card(served: Served) -> None:
    call = _ask(served, "What is the 2023 budget for P3?")
    assert call.conversation_id == PERSONAL
    card = card_of(call)
    text = card_texts(card)
    assert "CHF" in text
    assert "Source" in text or "source" in text
    assert find_actions(card, VERB_HELPFUL) and find_actions(card, VERB_NOT_HELPFUL)
    # The conversation is kept for posts the bot makes unasked.
    refs = _rows(served, ConversationRef)
    assert [(r.platform, r.conversation_id, r.kind) for r in refs] == [
        ("teams", PERSONAL, "personal")
    ]
    assert refs[0].user_id == act.AAD_OBJECT_ID


def test_a_chinese_question_is_answered_in_chinese(served: Served) -> None:
    card = card_of(_ask(served, "P3的2023年预算是多少？"))
    text = card_texts(card)
    assert "瑞郎" in text
    assert "来源" in text


def test_a_channel_mention_is_answered_in_its_thread(served: Served) -> None:
    call = _ask(served, "P1 budget", kind="channel", mention_bot=True, thread_id="1700000000001")
    assert call.conversation_id == f"{CHANNEL};messageid=1700000000001"
    assert "CHF" in card_texts(card_of(call))
    refs = _rows(served, ConversationRef)
    assert [(r.conversation_id, r.kind) for r in refs] == [(CHANNEL, "channel")]


def test_a_channel_message_without_a_mention_is_left_alone(served: Served) -> None:
    status, _ = served.post(act.message("P1 budget", service_url=served.teams.url, kind="channel"))
    assert status == 200
    time.sleep(0.2)
    assert served.teams.sent == []


def test_a_redelivered_activity_is_answered_once(served: Served) -> None:
    activity = act.message("P1 budget", service_url=served.teams.url)
    assert served.post(activity)[0] == 200
    assert served.post(activity)[0] == 200
    served.teams.wait_for(1)
    time.sleep(0.2)
    assert len(served.teams.sent) == 1


def test_a_declined_question_offers_suggestions_that_answer(served: Served) -> None:
    card = card_of(_ask(served, "budgit of P9 teh"))
    suggestions = find_actions(card, VERB_SUGGEST)
    if not suggestions:
        pytest.skip("the engine offered no suggestion for this question")
    click = act.card_action(
        VERB_SUGGEST,
        suggestions[0]["data"],
        service_url=served.teams.url,
        reply_to_id="1",
    )
    status, body = served.post(click)
    assert status == 200
    assert body["statusCode"] == 200
    served.teams.wait_for(2)


# -- card actions ---------------------------------------------------------------------------


def test_a_vote_is_stored_and_thanked(served: Served) -> None:
    card = card_of(_ask(served, "P1 budget"))
    data = find_actions(card, VERB_NOT_HELPFUL)[0]["data"]
    click = act.card_action(VERB_NOT_HELPFUL, data, service_url=served.teams.url, reply_to_id="1")
    status, body = served.post(click)
    assert status == 200
    assert body["statusCode"] == 200
    assert body["type"] == "application/vnd.microsoft.activity.message"
    assert body["value"]
    votes = _rows(served, Feedback)
    assert [(v.user_id, v.question, v.helpful) for v in votes] == [
        (act.AAD_OBJECT_ID, "P1 budget", False)
    ]


# -- kb commands ----------------------------------------------------------------------------


def test_an_admin_edits_the_budget_and_the_answer_follows(served: Served) -> None:
    # P3 at 600,000 no longer adds up with the total: the bot asks first.
    reply = _ask(served, "kb budget set P3 600000 2023", aad_object_id=ADMIN_OBJECT_ID)
    (confirm,) = find_actions(card_of(reply), VERB_KB_CONFIRM)
    click = act.card_action(
        VERB_KB_CONFIRM,
        confirm["data"],
        service_url=served.teams.url,
        reply_to_id=reply.id,
        aad_object_id=ADMIN_OBJECT_ID,
    )
    status, body = served.post(click)
    assert status == 200
    assert body["type"] == "application/vnd.microsoft.card.adaptive"
    assert "600,000" in card_texts(body["value"])
    answer = _ask(served, "What is the 2023 budget for P3?")
    assert "600,000" in card_texts(card_of(answer))
    assert "change #" in card_texts(card_of(answer))


def test_a_confirmation_click_by_someone_else_changes_nothing(served: Served) -> None:
    reply = _ask(served, "kb budget set P3 600000 2023", aad_object_id=ADMIN_OBJECT_ID)
    (confirm,) = find_actions(card_of(reply), VERB_KB_CONFIRM)
    click = act.card_action(
        VERB_KB_CONFIRM, confirm["data"], service_url=served.teams.url, reply_to_id=reply.id
    )
    status, body = served.post(click)
    assert status == 200
    assert body["type"] == "application/vnd.microsoft.card.adaptive"  # the refusal
    assert "600,000" not in card_texts(_ask(served, "What is the 2023 budget for P3?").activity)


def test_a_kb_command_from_someone_else_is_refused(served: Served) -> None:
    reply = _ask(served, "kb budget set P3 600000 2023")
    text = card_texts(card_of(reply))
    assert "600,000" not in text
    answer = _ask(served, "What is the 2023 budget for P3?")
    assert "600,000" not in card_texts(card_of(answer))


def test_an_admin_makes_a_mentioned_person_an_editor(served: Served) -> None:
    served.teams.members["29:1standin-editor"] = served.teams.members.get(
        "29:1standin-editor"
    ) or _member("7d6c5b4a-3f2e-4d1c-8b0a-9e8f7d6c5b4a", "Eddie Editor")
    activity = act.message(
        "kb editor add <at>Eddie Editor</at> P1",
        service_url=served.teams.url,
        aad_object_id=ADMIN_OBJECT_ID,
    )
    activity["entities"].append(
        {
            "type": "mention",
            "text": "<at>Eddie Editor</at>",
            "mentioned": {"id": "29:1standin-editor", "name": "Eddie Editor"},
        }
    )
    assert served.post(activity)[0] == 200
    reply = served.teams.wait_for(1)[-1]
    assert "7d6c5b4a-3f2e-4d1c-8b0a-9e8f7d6c5b4a" in card_texts(card_of(reply))


@pytest.mark.parametrize(
    ("locale", "words"),
    [
        ("en-US", ["Admins from TEAMS_ADMINS (Teams)", "U0SLACKED (Slack): editor of P2"]),
        ("zh-CN", ["TEAMS_ADMINS 中的管理员（Teams）", "U0SLACKED（Slack）：P2 的编辑"]),
    ],
)
def test_kb_roles_names_the_teams_variable_and_each_members_platform(
    served: Served, locale: str, words: list[str]
) -> None:
    from bot.kb.dispatcher import KbService
    from knowledge.editing import Actor

    engine = create_db_engine(served.database_url)
    try:  # a Slack editor, added from Slack: the Teams list shows it as Slack's
        slack_kb = KbService(engine, ["U0SLACKADM"])
        added = slack_kb.run(Actor("slack", "U0SLACKADM"), "editor add U0SLACKED P2", "en")
        assert added.changed, added.render()
    finally:
        engine.dispose()
    reply = _ask(served, "kb roles", aad_object_id=ADMIN_OBJECT_ID, locale=locale)
    listed = card_texts(card_of(reply)).replace("\\_", "_")  # the card's markdown escape
    assert ADMIN_OBJECT_ID in listed
    for word in words:
        assert word in listed, listed
    assert "STAFFBOT_ADMINS" not in listed


def _member(object_id: str, name: str) -> Any:
    from tests.support.teams_standin import Member

    return Member(aad_object_id=object_id, name=name)


def test_a_confirmation_click_runs_the_command(served: Served) -> None:
    add = _ask(
        served,
        'kb schedule add reminder here P1 "mon 09:00"',
        aad_object_id=ADMIN_OBJECT_ID,
    )
    assert "#1" in card_texts(card_of(add)) or "1" in card_texts(card_of(add))
    ask = _ask(served, "kb schedule remove 1", aad_object_id=ADMIN_OBJECT_ID)
    confirm = find_actions(card_of(ask), VERB_KB_CONFIRM)
    assert confirm
    click = act.card_action(
        VERB_KB_CONFIRM,
        confirm[0]["data"],
        service_url=served.teams.url,
        reply_to_id="1",
        aad_object_id=ADMIN_OBJECT_ID,
    )
    status, body = served.post(click)
    assert status == 200
    assert body["type"] == "application/vnd.microsoft.card.adaptive"
    subscriptions = _rows(served, Subscription)
    assert [s.removed_at is not None for s in subscriptions] == [True]
    assert subscriptions[0].platform == "teams" and subscriptions[0].channel == PERSONAL


# -- installs and proactive posts -----------------------------------------------------------


def test_install_keeps_the_conversation_and_uninstall_forgets_it(served: Served) -> None:
    url = served.teams.url
    assert served.post(act.members_added(service_url=url, kind="channel"))[0] == 200
    assert [r.conversation_id for r in _rows(served, ConversationRef)] == [CHANNEL]
    assert served.post(act.installation_remove(service_url=url, kind="channel"))[0] == 200
    refs = _rows(served, ConversationRef)
    assert [r.removed_at is not None for r in refs] == [True]


def test_a_scheduled_digest_is_posted_to_the_channel_once(served: Served) -> None:
    url = served.teams.url
    assert served.post(act.members_added(service_url=url, kind="channel"))[0] == 200
    add = _ask(
        served,
        'kb schedule add digest here all "mon 09:00" --tz Europe/Zurich',
        kind="channel",
        mention_bot=True,
        aad_object_id=ADMIN_OBJECT_ID,
    )
    assert "Europe/Zurich" in card_texts(card_of(add))
    (subscription,) = _rows(served, Subscription)
    assert (subscription.platform, subscription.channel) == ("teams", CHANNEL)
    due = get_next_run(subscription, utc_now())
    assert due is not None
    engine = create_db_engine(served.database_url)
    settings = build_settings(served.teams, served.database_url)
    posters = build_posters(settings, engine, served.teams.token_provider)
    served.teams.clear()
    served.teams.rate_limit(1, retry_after=0)
    try:
        now = due + timedelta(minutes=1)
        retry = RetryPolicy(backoff=0.01)
        first = run_due(engine, posters, now, timedelta(hours=6), retry=retry)
        second = run_due(engine, posters, now, timedelta(hours=6), retry=retry)
    finally:
        posters["teams"].close()  # type: ignore[attr-defined]
        engine.dispose()
    assert first.sent == 1 and second.sent == 0
    posts = [c for c in served.teams.sent if c.operation == "create"]
    assert [c.conversation_id for c in posts] == [CHANNEL]  # the channel, not a thread
    assert card_texts(card_of(posts[0]))
    (delivery,) = _rows(served, Delivery)
    assert delivery.status == "sent" and delivery.ts == posts[0].id


def test_the_sdks_unauthenticated_mode_cannot_be_switched_on_from_outside(
    teams: Any, seeded_sqlite_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The SDK reads this variable when not told; staffbot always tells it no.
    monkeypatch.setenv("DANGEROUSLY_ALLOW_UNAUTHENTICATED_REQUESTS", "true")
    teams.clear()
    with serve(teams, seeded_sqlite_url) as served:
        activity = act.message("P1 budget", service_url=teams.url)
        assert served.post(activity, authorization="Bearer not-a-token")[0] == 401
        assert served.post(activity, authorization="")[0] == 401
    assert teams.sent == []


def test_a_huge_body_is_refused_unread(served: Served) -> None:
    # Refused on its declared length, before the body is read (only its first byte is sent).
    host, port = served.url.removeprefix("http://").split(":")
    connection = http.client.HTTPConnection(host, int(port), timeout=10)
    try:
        connection.putrequest("POST", "/api/messages")
        connection.putheader("Authorization", "Bearer x")
        connection.putheader("Content-Type", "application/json")
        connection.putheader("Content-Length", "2000000")
        connection.endheaders(b"{")
        assert connection.getresponse().status == 413
    finally:
        connection.close()


@pytest.mark.parametrize(
    "changes",
    [{"channelId": "webchat"}, {"conversation": {"id": PERSONAL, "tenantId": "other-tenant"}}],
    ids=["web-chat", "another-tenant"],
)
def test_activities_not_from_teams_or_the_tenant_are_ignored(
    teams: Any, seeded_sqlite_url: str, changes: dict[str, Any]
) -> None:
    # A token from the Bot Connector covers every channel of the bot; Web Chat's client
    # writes the sender itself, so only Teams' activities (of our tenant) are read.
    teams.clear()
    with serve(
        teams, seeded_sqlite_url, TEAMS_TENANT_ID=TENANT_ID, TEAMS_ADMINS=ADMIN_OBJECT_ID
    ) as served:
        activity = act.message(
            "kb budget set P3 600000 2023", service_url=teams.url, aad_object_id=ADMIN_OBJECT_ID
        )
        assert served.post({**activity, **changes})[0] == 200
        time.sleep(0.2)
        assert teams.sent == []
        # The same from Teams, of the tenant, is answered.
        assert served.post(act.message("P1 budget", service_url=teams.url))[0] == 200
        teams.wait_for(1)


def test_a_vote_clicked_twice_or_replayed_is_counted_once(served: Served) -> None:
    card = card_of(_ask(served, "P5 budget"))
    data = find_actions(card, VERB_HELPFUL)[0]["data"]
    first = act.card_action(VERB_HELPFUL, data, service_url=served.teams.url, reply_to_id="77")
    again = act.card_action(VERB_HELPFUL, data, service_url=served.teams.url, reply_to_id="77")
    for click in (first, first, again):  # the same invoke redelivered, then a second click
        status, body = served.post(click)
        assert status == 200 and body["statusCode"] == 200
    votes = [v for v in _rows(served, Feedback) if v.question == "P5 budget"]
    assert len(votes) == 1


def test_a_repeated_suggestion_click_is_answered_once(served: Served) -> None:
    click = act.card_action(
        VERB_SUGGEST, {"q": "P2 budget"}, service_url=served.teams.url, reply_to_id="78"
    )
    served.teams.clear()
    assert served.post(click)[0] == 200
    served.teams.wait_for(1)
    assert served.post(click)[0] == 200
    time.sleep(0.3)
    assert len(served.teams.sent) == 1
