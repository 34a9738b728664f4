"""`staffbot doctor`: checks a deployment's settings, store, Slack and Teams credentials and
time zones, and says what is wrong and how to fix it."""

from __future__ import annotations

import argparse
import zoneinfo
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from enum import Enum
from pathlib import Path

import yaml
from sqlalchemy.exc import SQLAlchemyError
from sqlmodel import Session, select

from bot.cli.context import EXIT_BAD_INPUT
from bot.composition import build_db_engine, check_slack_token, check_teams_credentials
from bot.settings import Settings
from bot.text_render import render_text
from knowledge.errors import StoreMisconfigured, StoreUnavailable
from knowledge.seeding import is_seeded
from knowledge.store import HEALTH_CHECK_TIMEOUT_S, Subscription, check_connection, migrate

# The Slack app manifest whose bot scopes the token must have: the working directory's (an
# operator's copy beside .env), else the one installed with the package (package data; the
# checkout's manifest.yml links to it).
PACKAGED_MANIFEST = Path(__file__).resolve().parents[1] / "slack" / "manifest.yml"
MANIFEST_FILE = "manifest.yml"
# Zones every installation needs: the default ones of the README's examples.
REQUIRED_ZONES = ("UTC", "Europe/Zurich", "Asia/Shanghai")


class Status(Enum):
    OK = "ok"
    WARN = "warn"
    FAIL = "fail"


@dataclass(frozen=True)
class Finding:
    """One check's result: `key` names its sentence (a branch of doctor_finding.j2)."""

    status: Status
    key: str
    parts: dict[str, object] = field(default_factory=dict)
    # A message of the CLI's own table that says it all (the store's misconfiguration).
    detail_template: str | None = None


def check_settings(settings: Settings) -> Iterator[Finding]:
    slack_set = settings.slack_bot_token is not None or settings.slack_signing_secret is not None
    teams_set = settings.teams_app_id is not None or settings.teams_app_password is not None
    if not slack_set and not teams_set:
        yield Finding(Status.FAIL, "no_platform")
        return
    missing = settings.list_missing_for_serve(socket_mode=False)
    if missing:
        yield Finding(Status.FAIL, "serve_missing", {"variables": missing})
    else:
        yield Finding(
            Status.OK,
            "settings_ok",
            {"slack": settings.has_slack(), "teams": settings.has_teams()},
        )


def check_database(settings: Settings, zones: list[str] | None = None) -> Iterator[Finding]:
    """The store: reachable, migrated, seeded. `zones` gets the time zones its subscriptions
    use (left as it is when the store cannot be read)."""
    try:
        engine = build_db_engine(settings)
        target = str(engine.url.render_as_string(hide_password=True))
        check_connection(engine, HEALTH_CHECK_TIMEOUT_S)
    except StoreMisconfigured as exc:
        yield Finding(Status.FAIL, "db_misconfigured", dict(vars(exc)), "store_misconfigured")
        return
    except StoreUnavailable as exc:
        yield Finding(Status.FAIL, "db_unavailable", {"target": exc.target, "reason": exc.reason})
        return
    try:
        current = migrate.get_current_revision(engine)
        if current != migrate.SCHEMA_HEAD:
            yield Finding(
                Status.FAIL,
                "db_not_migrated",
                {"target": target, "current": current, "head": migrate.SCHEMA_HEAD},
            )
            return
        with Session(engine) as session:
            seeded = is_seeded(session)
            stored = sorted({row.tz for row in session.exec(select(Subscription)).all()})
    except SQLAlchemyError as exc:
        yield Finding(Status.FAIL, "db_unavailable", {"target": target, "reason": str(exc)})
        return
    finally:
        engine.dispose()
    if zones is not None:
        zones.extend(stored)
    if not seeded:
        yield Finding(Status.FAIL, "db_not_seeded", {"target": target})
        return
    yield Finding(Status.OK, "db_ok", {"target": target, "head": migrate.SCHEMA_HEAD})


def find_manifest() -> Path | None:
    for path in (Path.cwd() / MANIFEST_FILE, PACKAGED_MANIFEST):
        if path.is_file():
            return path
    return None


def read_manifest_scopes(path: Path) -> set[str]:
    manifest = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    scopes = manifest.get("oauth_config", {}).get("scopes", {}).get("bot", [])
    return {str(scope) for scope in scopes}


def check_slack(settings: Settings) -> Iterator[Finding]:
    check = check_slack_token(settings)
    if check is None:
        return
    if check.is_refused():
        yield Finding(Status.FAIL, "slack_refused", {"error": check.error})
        return
    if not check.reachable:
        yield Finding(Status.WARN, "slack_unreachable", {"url": settings.slack_api_url})
        return
    yield Finding(Status.OK, "slack_ok", {"team": check.team, "user": check.user})
    manifest = find_manifest()
    if manifest is None:
        yield Finding(Status.WARN, "scopes_unchecked_no_manifest")
    elif not check.scopes:
        yield Finding(Status.WARN, "scopes_unchecked_not_told")
    else:
        missing = sorted(read_manifest_scopes(manifest) - check.scopes)
        if missing:
            yield Finding(Status.FAIL, "scopes_missing", {"scopes": missing})
        else:
            yield Finding(Status.OK, "scopes_ok", {"count": len(check.scopes)})


def check_teams(settings: Settings, login_endpoint: str | None = None) -> Iterator[Finding]:
    check = check_teams_credentials(settings, login_endpoint)
    if check is None:
        return
    if check.is_refused():
        yield Finding(Status.FAIL, "teams_refused", {"error": check.error})
    elif not check.reachable:
        yield Finding(Status.WARN, "teams_unreachable", {"error": check.error})
    else:
        yield Finding(Status.OK, "teams_ok", {"app_id": settings.teams_app_id})


def check_time_zones(stored: list[str]) -> Iterator[Finding]:
    unknown = []
    for name in (*REQUIRED_ZONES, *stored):
        try:
            zoneinfo.ZoneInfo(name)
        except (zoneinfo.ZoneInfoNotFoundError, ValueError):
            unknown.append(name)
    if unknown:
        yield Finding(Status.FAIL, "tz_missing", {"zones": unknown})
    else:
        yield Finding(Status.OK, "tz_ok", {"count": len(zoneinfo.available_timezones())})


def run_checks(settings: Settings, teams_login_endpoint: str | None = None) -> list[Finding]:
    """Every check, in the order printed; `teams_login_endpoint` replaces the cloud's. The
    time zones are checked whatever became of the database (the stored ones too, if read)."""
    zones: list[str] = []
    checks: list[Callable[[], Iterator[Finding]]] = [
        lambda: check_settings(settings),
        lambda: check_database(settings, zones),
        lambda: check_time_zones(zones),
        lambda: check_slack(settings),
        lambda: check_teams(settings, teams_login_endpoint),
    ]
    return [finding for check in checks for finding in check()]


def render_report(findings: list[Finding], lang: str) -> str:
    lines = []
    for f in findings:
        detail = render_text(f.detail_template, lang, **f.parts) if f.detail_template else ""
        lines.append(
            render_text(
                "doctor_finding", lang, status=f.status.value, key=f.key, detail=detail, **f.parts
            )
        )
    failed = sum(f.status is Status.FAIL for f in findings)
    lines.append(render_text("doctor_summary", lang, failed=failed))
    return "\n".join(lines)


def run_doctor(args: argparse.Namespace, settings: Settings, lang: str) -> int:
    findings = run_checks(settings)
    print(render_report(findings, lang))
    return EXIT_BAD_INPUT if any(f.status is Status.FAIL for f in findings) else 0


def add_commands(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Registers this module's subcommands on the `staffbot` parser."""
    doctor = commands.add_parser(
        "doctor",
        help="check the settings, the database, the Slack and Teams credentials and the "
        "time zones; say what is wrong and how to fix it (exit 2 when something is)",
    )
    # It builds what it checks itself: a store that cannot be opened is a finding here.
    doctor.set_defaults(check=run_doctor)
