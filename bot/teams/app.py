"""The Teams SDK app: credentials, cloud, our HTTP adapter and 429 retries; handlers added by
the caller."""

from __future__ import annotations

import logging
import os
from dataclasses import dataclass, field

from microsoft_teams.api.auth.cloud_environment import CloudEnvironment, from_name, with_overrides
from microsoft_teams.api.auth.credentials import TokenProvider
from microsoft_teams.apps import App
from microsoft_teams.apps.http.adapter import HttpServerAdapter
from microsoft_teams.common import Client, ClientOptions

from bot.log_redaction import get_redacted_logger
from bot.teams.retry import RateLimitRetry

logger = logging.getLogger(__name__)

# The SDK's logger that quotes each activity received.
SDK_ACTIVITY_LOGGER = "microsoft_teams.apps.app_process"

# Seconds an HTTP call to the Bot Connector may take before it is given up.
HTTP_TIMEOUT = 30.0
# Variables the SDK reads when not told (staffbot tells it each of its settings, but an unset
# tenant or a token provider lets some through): set, they are named at start-up.
SDK_VARIABLES = (
    "CLIENT_ID",
    "CLIENT_SECRET",
    "TENANT_ID",
    "SERVICE_URL",
    "CLOUD",
    "MANAGED_IDENTITY_CLIENT_ID",
    "DANGEROUSLY_ALLOW_UNAUTHENTICATED_REQUESTS",
)


@dataclass(frozen=True)
class TeamsConfig:
    """What the SDK app needs; `token` (tests, benchmarks) replaces the client secret by a
    function that returns an access token."""

    app_id: str
    password: str | None = field(default=None, repr=False)
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


def list_sdk_variables() -> list[str]:
    return [name for name in SDK_VARIABLES if os.environ.get(name)]


def build_teams_app(
    config: TeamsConfig,
    adapter: HttpServerAdapter | None = None,
    retry: RateLimitRetry | None = None,
) -> App:
    """The SDK app; inbound JWTs are always validated (never the SDK's unauthenticated mode).
    `retry`: how 429s are waited out (default: RateLimitRetry()). Call `await
    app.initialize()` in the loop that will use it."""
    found = list_sdk_variables()
    if found:
        logger.warning(
            "the Teams SDK also reads %s from the environment; use the TEAMS_* settings and "
            "unset them",
            ", ".join(found),
        )
    # The SDK logs every activity it receives, text and all, at DEBUG: withheld.
    get_redacted_logger(SDK_ACTIVITY_LOGGER)
    client = Client(ClientOptions(timeout=HTTP_TIMEOUT))
    client.use(retry or RateLimitRetry())
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
