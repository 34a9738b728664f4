"""Asking Microsoft Entra whether the bot's app id and client secret are accepted."""

from __future__ import annotations

import logging
from dataclasses import dataclass

import httpx

logger = logging.getLogger(__name__)

CHECK_TIMEOUT_S = 10.0


@dataclass(frozen=True)
class CredentialCheck:
    """`error`: Entra's code when it refused (invalid_client, unauthorized_client, …);
    `reachable`: False when it could not be asked."""

    reachable: bool
    error: str | None = None

    def is_refused(self) -> bool:
        return self.reachable and self.error is not None


def check_credentials(
    login_endpoint: str, tenant: str, app_id: str, password: str, scope: str
) -> CredentialCheck:
    """A client-credentials token request, as the Teams SDK makes before its first post."""
    try:
        response = httpx.post(
            f"{login_endpoint.rstrip('/')}/{tenant}/oauth2/v2.0/token",
            data={
                "grant_type": "client_credentials",
                "client_id": app_id,
                "client_secret": password,
                "scope": scope,
            },
            timeout=CHECK_TIMEOUT_S,
        )
    except httpx.HTTPError as exc:
        logger.debug("the Entra token endpoint could not be reached", exc_info=exc)
        return CredentialCheck(reachable=False, error=type(exc).__name__)
    if response.status_code == 200:
        return CredentialCheck(reachable=True)
    try:
        error = str(response.json().get("error") or response.status_code)
    except ValueError:
        error = str(response.status_code)
    if response.status_code >= 500:
        return CredentialCheck(reachable=False, error=error)
    return CredentialCheck(reachable=True, error=error)
