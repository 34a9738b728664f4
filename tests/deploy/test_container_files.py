"""The Dockerfile and compose.yaml hold what an operator expects (Docker cannot run here; the
image's install steps themselves are scripts/install.sh, run by .ci/run in a clean venv)."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import yaml

REPO = Path(__file__).resolve().parents[2]


def _instructions() -> list[tuple[str, str]]:
    text = (REPO / "Dockerfile").read_text(encoding="utf-8").replace("\\\n", " ")
    found = []
    for line in text.splitlines():
        if line.strip() and not line.lstrip().startswith("#"):
            keyword, _, rest = line.strip().partition(" ")
            found.append((keyword.upper(), rest.strip()))
    return found


def test_the_image_is_multi_stage_slim_non_root_and_installs_only_through_the_script() -> None:
    instructions = _instructions()
    bases = [rest for keyword, rest in instructions if keyword == "FROM"]
    assert len(bases) == 2 and all(re.match(r"python:3\.1\d-slim", b) for b in bases)
    runs = [rest for keyword, rest in instructions if keyword == "RUN"]
    installs = [part.strip() for run in runs for part in run.split("&&")]
    assert any(part.startswith("scripts/install.sh wheel") for part in installs)
    assert any("install.sh venv" in part for part in installs)
    assert any("install.sh check" in part for part in installs)
    assert not any("pip install" in run for run in runs)  # only through the script
    assert ("USER", "staffbot") in instructions
    healthcheck = next(rest for keyword, rest in instructions if keyword == "HEALTHCHECK")
    assert "/livez" in healthcheck
    assert ("CMD", '["staffbot", "serve"]') in instructions


def _compose() -> dict[str, Any]:
    return dict(yaml.safe_load((REPO / "compose.yaml").read_text(encoding="utf-8")))


def test_compose_runs_a_checked_database_a_one_shot_upgrade_web_and_clock() -> None:
    services = _compose()["services"]
    assert set(services) == {"db", "migrate", "web", "clock"}
    assert "pg_isready" in " ".join(services["db"]["healthcheck"]["test"])
    # Only the upgrade (it seeds an empty store): `db seed` on every `up` would bring back
    # seed records the admins removed.
    assert services["migrate"]["command"] == ["staffbot", "db", "upgrade"]
    assert services["migrate"]["depends_on"]["db"]["condition"] == "service_healthy"
    assert services["migrate"]["restart"] == "no"
    for name, command in (("web", ["staffbot", "serve"]), ("clock", ["staffbot", "scheduler"])):
        assert services[name]["command"] == command
        condition = services[name]["depends_on"]["migrate"]["condition"]
        assert condition == "service_completed_successfully"


def test_the_install_script_is_executable_and_ci_runs_it() -> None:
    script = REPO / "scripts" / "install.sh"
    assert script.stat().st_mode & 0o111
    ci = (REPO / ".ci" / "run").read_text(encoding="utf-8")
    for step in ("install.sh wheel", "install.sh venv", "install.sh check"):
        assert step in ci
