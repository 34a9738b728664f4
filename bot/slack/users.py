"""Asking Slack whether a person exists (users.info), before a role is given to their id."""

from __future__ import annotations

import logging
import urllib.error

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError, SlackClientError

logger = logging.getLogger(__name__)

# users.info's answers for an id that names no person of the workspace.
_NOT_A_USER = frozenset({"user_not_found", "user_not_visible"})


class SlackUsers:
    """The workspace's people, as far as roles need them."""

    def __init__(self, client: WebClient) -> None:
        self.client = client

    def check_user(self, user_id: str) -> bool | None:
        """True: Slack knows an active person with this id; False: it says there is none
        (user_not_found) or the account is deactivated; None: Slack could not be asked (the
        id's form is then all that was checked)."""
        try:
            reply = self.client.users_info(user=user_id)
        except SlackApiError as exc:
            error = exc.response.get("error")
            if error in _NOT_A_USER:
                return False
            logger.warning("users.info could not check a user: %s", error)
            return None
        except (SlackClientError, urllib.error.URLError, OSError) as exc:
            logger.warning("users.info could not be reached: %s", type(exc).__name__)
            return None
        user = reply.get("user")
        return not (isinstance(user, dict) and user.get("deleted") is True)
