"""The Teams stand-in speaks what the real SDK sends and expects, inbound and outbound."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Iterator
from typing import Any

import httpx
import jwt
import pytest
from microsoft_teams.api.activities import ActivityTypeAdapter, MessageActivityInput
from microsoft_teams.apps import App
from microsoft_teams.apps.auth import InboundActivityTokenValidator
from microsoft_teams.apps.http.adapter import HttpRequest, HttpResponse, HttpRouteHandler

from tests.support import teams_activities
from tests.support.teams_standin import APP_ID, Member, TeamsStandIn

CONVERSATION = "a:1standin-personal-chat"
AAD_ID = "0a1b2c3d-0000-4000-8000-000000000001"


class RouteKeeper:
    """An HttpServerAdapter that serves nothing: it keeps the routes the App registers."""

    def __init__(self) -> None:
        self.routes: dict[str, HttpRouteHandler] = {}

    def register_route(self, method: str, path: str, handler: HttpRouteHandler) -> None:
        self.routes[path] = handler

    def serve_static(self, path: str, directory: str) -> None:
        pass

    async def start(self, port: int) -> None:
        pass

    async def stop(self) -> None:
        pass


@pytest.fixture
def standin() -> Iterator[TeamsStandIn]:
    with TeamsStandIn() as teams:
        yield teams


def validate(standin: TeamsStandIn, token: str, service_url: str) -> dict[str, Any]:
    validator = InboundActivityTokenValidator(APP_ID, cloud=standin.cloud)
    return asyncio.run(validator.validate_token(token, service_url))


def build_app(standin: TeamsStandIn, adapter: RouteKeeper | None = None) -> App:
    return App(
        client_id=APP_ID,
        token=standin.token_provider,
        cloud=standin.cloud,
        http_server_adapter=adapter or RouteKeeper(),
    )


def test_validator_accepts_a_minted_token(standin: TeamsStandIn) -> None:
    claims = validate(standin, standin.mint_token(APP_ID, standin.url), standin.url)

    assert claims["aud"] == APP_ID
    assert claims["iss"] == standin.token_issuer
    assert claims["serviceurl"] == standin.url
    assert jwt.get_unverified_header(standin.mint_token(APP_ID, standin.url))["kid"]


@pytest.mark.parametrize(
    "changes",
    [
        {"expired": True},
        {"audience": "11111111-1111-4111-8111-111111111111"},
        {"issuer": "https://sts.example.org/botframework"},
        {"sign_with_other_key": True},
    ],
    ids=["expired", "wrong-audience", "wrong-issuer", "other-key"],
)
def test_validator_refuses_a_bad_token(standin: TeamsStandIn, changes: dict[str, Any]) -> None:
    token = standin.mint_token(APP_ID, standin.url, **changes)

    with pytest.raises(jwt.InvalidTokenError):
        validate(standin, token, standin.url)


def test_validator_refuses_a_token_for_another_service_url(standin: TeamsStandIn) -> None:
    token = standin.mint_token(APP_ID, "https://smba.trafficmanager.net/emea/")

    with pytest.raises(jwt.InvalidTokenError, match="Service URL mismatch"):
        validate(standin, token, standin.url)


def test_app_send_reaches_the_standin_with_a_valid_token(standin: TeamsStandIn) -> None:
    async def send() -> str:
        app = build_app(standin)
        await app.initialize()
        return (await app.send(CONVERSATION, "hello", service_url=standin.url)).id

    activity_id = asyncio.run(send())

    [call] = standin.wait_for(count=1, timeout=5)
    assert call.id == activity_id and activity_id.isdigit()
    assert call.operation == "create" and call.status == 201
    assert call.conversation_id == CONVERSATION
    assert call.activity["type"] == "message"
    assert call.activity["text"] == "hello"
    assert call.activity["from"]["id"] == APP_ID  # camelCase JSON, as the SDK serialises it
    assert call.activity["conversation"]["id"] == CONVERSATION
    assert call.headers["authorization"].startswith("Bearer ")
    assert standin.token_requests == [(standin.cloud.bot_scope, "botframework.com")]
    assert [m["text"] for m in standin.messages_in(CONVERSATION)] == ["hello"]


def test_sdk_reply_update_and_member_lookup_reach_the_standin(standin: TeamsStandIn) -> None:
    standin.members["29:1someone"] = Member(aad_object_id=AAD_ID, name="Some One")
    thread = "19:standin-general@thread.tacv2;messageid=1699990000001"

    async def talk() -> tuple[str, str, str, str]:
        app = build_app(standin)
        await app.initialize()
        api = app.api.from_service_url(standin.url)
        posted = await app.send(thread, "first", service_url=standin.url)
        replied = await api.conversations.reply_to_activity(
            thread, posted.id, MessageActivityInput(text="second")
        )
        updated = await api.conversations.update_activity(
            thread, posted.id, MessageActivityInput(text="first, edited")
        )
        member = await api.conversations.get_member_by_id(thread, AAD_ID)
        return posted.id, replied.id, updated.id, member.id

    posted, replied, updated, member = asyncio.run(talk())

    sent = standin.wait_for(count=3)
    assert [c.operation for c in sent] == ["create", "reply", "update"]
    assert sent[0].thread_id == "1699990000001"
    assert sent[1].reply_to_id == posted and replied != posted
    assert sent[2].method == "PUT" and updated == posted
    assert member == "29:1someone"
    texts = [m["text"] for m in standin.messages_in("19:standin-general@thread.tacv2")]
    assert texts == ["first, edited", "second"]


def test_rate_limit_surfaces_as_http_status_error(standin: TeamsStandIn) -> None:
    standin.rate_limit(times=1, retry_after=7)

    async def send_twice() -> tuple[httpx.HTTPStatusError, str]:
        app = build_app(standin)
        await app.initialize()
        with pytest.raises(httpx.HTTPStatusError) as refused:
            await app.send(CONVERSATION, "hello", service_url=standin.url)
        again = await app.send(CONVERSATION, "hello", service_url=standin.url)
        return refused.value, again.id

    error, second_id = asyncio.run(send_twice())

    assert error.response.status_code == 429
    assert error.response.headers["Retry-After"] == "7"
    assert [c.status for c in standin.calls] == [429, 201]
    assert [c.id for c in standin.sent] == [second_id]


def test_fail_answers_the_status_and_posts_nothing(standin: TeamsStandIn) -> None:
    standin.fail(times=2, status=503)

    async def send() -> list[int]:
        app = build_app(standin)
        await app.initialize()
        statuses = []
        for _ in range(3):
            try:
                await app.send(CONVERSATION, "hello", service_url=standin.url)
                statuses.append(201)
            except httpx.HTTPStatusError as error:
                statuses.append(error.response.status_code)
        return statuses

    assert asyncio.run(send()) == [503, 503, 201]
    assert len(standin.messages_in(CONVERSATION)) == 1


def test_hang_once_posts_then_answers_late(standin: TeamsStandIn) -> None:
    standin.hang_once(0.3)
    url = f"{standin.url}v3/conversations/{CONVERSATION}/activities"
    headers = {"Authorization": "Bearer " + standin.token_provider(standin.cloud.bot_scope, None)}

    started = time.monotonic()
    with pytest.raises(httpx.ReadTimeout):
        httpx.post(url, json={"type": "message", "text": "slow"}, headers=headers, timeout=0.1)
    assert len(standin.wait_for(count=1, timeout=1)) == 1  # taken although never answered in time
    answered = httpx.post(url, json={"type": "message", "text": "quick"}, headers=headers)
    assert answered.status_code == 201
    assert time.monotonic() - started < 0.3 + 1


@pytest.mark.parametrize("kind", ["none", "inbound", "other-scope"])
def test_connector_refuses_calls_without_an_outbound_token(
    standin: TeamsStandIn, kind: str
) -> None:
    tokens = {
        "none": "",
        "inbound": standin.mint_token(APP_ID, standin.url),
        "other-scope": standin.token_provider("https://graph.microsoft.com/.default", None),
    }
    headers = {"Authorization": f"Bearer {tokens[kind]}"} if tokens[kind] else {}

    answer = httpx.post(
        f"{standin.url}v3/conversations/{CONVERSATION}/activities",
        json={"type": "message", "text": "hello"},
        headers=headers,
    )

    assert answer.status_code == 401
    assert standin.sent == [] and standin.calls[0].status == 401


def test_unknown_member_gets_404(standin: TeamsStandIn) -> None:
    async def lookup() -> None:
        app = build_app(standin)
        await app.initialize()
        api = app.api.from_service_url(standin.url)
        await api.conversations.get_member_by_id(CONVERSATION, "29:1nobody")

    with pytest.raises(httpx.HTTPStatusError) as refused:
        asyncio.run(lookup())
    assert refused.value.response.status_code == 404


BUILDERS = {
    "message-personal": lambda url: teams_activities.message("hi", service_url=url),
    "message-channel": lambda url: teams_activities.message(
        "hi", service_url=url, kind="channel", mention_bot=True
    ),
    "message-group": lambda url: teams_activities.message(
        "hi", service_url=url, kind="groupChat", mention_bot=True
    ),
    "card-action": lambda url: teams_activities.card_action(
        "staffbot.helpful", {"q": "vpn?"}, service_url=url, reply_to_id="1699990000001"
    ),
    "install-add": lambda url: teams_activities.installation_add(service_url=url, kind="channel"),
    "install-remove": lambda url: teams_activities.installation_remove(service_url=url),
    "members-added": lambda url: teams_activities.members_added(service_url=url, kind="channel"),
}


@pytest.mark.parametrize("name", BUILDERS)
def test_builders_pass_the_sdk_endpoint_with_a_minted_token(
    standin: TeamsStandIn, name: str
) -> None:
    body = BUILDERS[name](standin.url)
    ActivityTypeAdapter.validate_python(body)
    adapter = RouteKeeper()

    async def post(token: str) -> HttpResponse:
        app = build_app(standin, adapter)
        await app.initialize()
        request = HttpRequest(body=body, headers={"authorization": f"Bearer {token}"})
        return await adapter.routes["/api/messages"](request)

    accepted = asyncio.run(post(standin.mint_token(APP_ID, standin.url)))
    refused = asyncio.run(post(standin.mint_token(APP_ID, "https://elsewhere.example/")))

    assert accepted["status"] < 400
    assert refused["status"] == 401


def test_channel_message_carries_the_thread_and_the_mention() -> None:
    body = teams_activities.message(
        "how do I reset my password?", service_url="http://x/", kind="channel", mention_bot=True
    )

    assert body["conversation"]["id"] == f"19:standin-general@thread.tacv2;messageid={body['id']}"
    assert body["channelData"]["teamsChannelId"] == "19:standin-general@thread.tacv2"
    assert body["text"].startswith("<at>staffbot</at> ")
    assert body["entities"][1]["mentioned"]["id"] == teams_activities.BOT_ID
