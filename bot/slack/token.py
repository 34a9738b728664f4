"""Asking Slack about the bot token (auth.test): whether it is accepted, and its scopes."""

from __future__ import annotations

import logging
import urllib.error
from dataclasses import dataclass, field

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError, SlackClientError

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class TokenCheck:
    """What auth.test said. `error`: Slack's code when it refused the token
    (invalid_auth, token_revoked, …); `reachable`: False when Slack could not be asked."""

    reachable: bool
    error: str | None = None
    team: str = ""
    user: str = ""
    # The token's scopes (the x-oauth-scopes header); empty when Slack does not say.
    scopes: frozenset[str] = field(default_factory=frozenset)

    def is_refused(self) -> bool:
        return self.reachable and self.error is not None


def check_token(client: WebClient) -> TokenCheck:
    """auth.test with the client's token; never raises for Slack's answer or its absence."""
    try:
        reply = client.auth_test()
    except SlackApiError as exc:
        return TokenCheck(reachable=True, error=str(exc.response.get("error") or "not ok"))
    except (SlackClientError, urllib.error.URLError, OSError) as exc:
        logger.debug("auth.test could not be reached", exc_info=exc)
        return TokenCheck(reachable=False, error=type(exc).__name__)
    header = next(
        (value for name, value in reply.headers.items() if name.lower() == "x-oauth-scopes"), ""
    )
    scopes = frozenset(part.strip() for part in str(header).split(",") if part.strip())
    return TokenCheck(
        reachable=True,
        team=str(reply.get("team") or ""),
        user=str(reply.get("user") or ""),
        scopes=scopes,
    )
