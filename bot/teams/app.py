"""The Teams SDK app: credentials, cloud, our HTTP adapter and 429 retries; handlers added by
the caller."""

from __future__ import annotations

from dataclasses import dataclass

from microsoft_teams.api.auth.cloud_environment import CloudEnvironment, from_name, with_overrides
from microsoft_teams.api.auth.credentials import TokenProvider
from microsoft_teams.apps import App
from microsoft_teams.apps.http.adapter import HttpServerAdapter
from microsoft_teams.common import Client, ClientOptions

from bot.teams.retry import RateLimitRetry

# Seconds an HTTP call to the Bot Connector may take before it is given up.
HTTP_TIMEOUT = 30.0


@dataclass(frozen=True)
class TeamsConfig:
    """What the SDK app needs; `token` (tests, benchmarks) replaces the client secret by a
    function that returns an access token."""

    app_id: str
    password: str | None = None
    tenant_id: str | None = None
    cloud: str = "Public"
    openid_metadata_url: str | None = None
    token: TokenProvider | None = None


def to_cloud(config: TeamsConfig) -> CloudEnvironment:
    return with_overrides(from_name(config.cloud), openid_metadata_url=config.openid_metadata_url)


class _NoServer:
    """An adapter for processes that only post (the scheduler): no route is served."""

    def register_route(self, method: object, path: object, handler: object) -> None:
        return None

    def serve_static(self, path: str, directory: str) -> None:
        return None

    async def start(self, port: int) -> None:
        raise NotImplementedError

    async def stop(self) -> None:
        return None


def build_teams_app(config: TeamsConfig, adapter: HttpServerAdapter | None = None) -> App:
    """The SDK app; inbound JWTs are always validated (never the SDK's unauthenticated mode).
    Call `await app.initialize()` in the loop that will use it."""
    client = Client(ClientOptions(timeout=HTTP_TIMEOUT))
    client.use(RateLimitRetry())
    if config.token is not None:
        credentials: dict[str, object] = {"token": config.token}
    else:
        if not config.password:
            raise ValueError("TEAMS_APP_PASSWORD is required")
        credentials = {"client_secret": config.password}
    return App(
        client_id=config.app_id,
        tenant_id=config.tenant_id,
        client=client,
        cloud=to_cloud(config),
        http_server_adapter=adapter or _NoServer(),
        dangerously_allow_unauthenticated_requests=False,
        **credentials,  # type: ignore[arg-type]
    )
