"""The command line's own failures, as data; `error_messages` says how each one is told."""

from __future__ import annotations


class CliError(Exception):
    """A failure only the command line meets (the knowledge and scheduler have their own)."""


class PackageInvalid(CliError):
    """A file of the Teams package is missing or would be refused by Teams."""

    def __init__(self, file: str, reason_key: str, detail: str = "", expected: str = "") -> None:
        super().__init__(file, reason_key, detail, expected)
        self.file = file
        self.reason_key = reason_key
        self.detail = detail
        self.expected = expected


class SocketRefused(CliError):
    """Slack refused the Socket Mode connection (`error`: Slack's code or the HTTP status)."""

    def __init__(self, error: str) -> None:
        super().__init__(error)
        self.error = error


class TokenRefused(CliError):
    """Slack refused SLACK_BOT_TOKEN at start-up (`error`: Slack's code, e.g. invalid_auth)."""

    def __init__(self, error: str) -> None:
        super().__init__(error)
        self.error = error


class PortInUse(CliError):
    """A process cannot listen on a port: another process holds it (or it is not ours).
    `variable`: the setting that names the port (PORT, STAFFBOT_METRICS_PORT)."""

    def __init__(self, port: int, reason: str, variable: str = "PORT") -> None:
        super().__init__(port, reason, variable)
        self.port = port
        self.reason = reason
        self.variable = variable


class MetricsFolderMissing(CliError):
    """PROMETHEUS_MULTIPROC_DIR names no existing folder (prometheus_client writes there)."""

    def __init__(self, folder: str) -> None:
        super().__init__(folder)
        self.folder = folder


class SettingsInvalid(CliError):
    """A setting (an environment variable or .env line) has a value it cannot take."""

    def __init__(self, variable: str, reason: str) -> None:
        super().__init__(variable, reason)
        self.variable = variable
        self.reason = reason


class InvalidLine(CliError):
    """An `ask --jsonl` line that starts as a JSON object but is not `{"q": "QUESTION", …}`.

    reason_key: "not_json" (it does not parse), "no_question" (no string "q"),
    "bad_conversation" ("conversation" neither a string nor a whole number).
    """

    def __init__(self, line: int, reason_key: str) -> None:
        super().__init__(line, reason_key)
        self.line = line
        self.reason_key = reason_key
