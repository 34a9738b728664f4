"""`staffbot teams package`, in process: the zip Teams accepts, and the refusals."""

from __future__ import annotations

import json
import shutil
import zipfile
from pathlib import Path
from typing import Any

import pytest

from bot.cli import main
from bot.cli import teams as cli_teams
from bot.cli.context import EXIT_BAD_INPUT

APP_ID = "0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0"
HOST = "staffbot.example.org"
SOURCE = cli_teams.PACKAGED_TEAMS_DIR
# PNG colour type 6: RGBA, so the outline's background can be transparent.
PNG_RGBA = 6


@pytest.fixture(autouse=True)
def workdir(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Path:
    for variable in ("TEAMS_APP_ID", "TEAMS_APP_PASSWORD", "STAFFBOT_LANG", "DATABASE_URL"):
        monkeypatch.delenv(variable, raising=False)
    monkeypatch.setenv("STAFFBOT_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("TEAMS_APP_ID", APP_ID.upper())
    work = tmp_path / "work"
    work.mkdir()
    monkeypatch.chdir(work)
    return work


@pytest.fixture
def source_copy(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Path:
    """A copy of the package's sources the command packages instead of the installed ones."""
    copy = tmp_path / "teams-copy"
    shutil.copytree(SOURCE, copy)
    monkeypatch.setattr(cli_teams, "PACKAGED_TEAMS_DIR", copy)
    return copy


def _manifest_of(path: Path) -> dict[str, Any]:
    with zipfile.ZipFile(path) as archive:
        return dict(json.loads(archive.read("manifest.json")))


def test_package_writes_the_zip_with_the_app_id_and_host_filled_in(
    capsys: pytest.CaptureFixture[str], workdir: Path
) -> None:
    assert main(["teams", "package", "--host", HOST]) == 0
    out = capsys.readouterr()
    zip_path = workdir / "staffbot-teams.zip"
    assert out.out.strip() == str(zip_path)
    assert f"app id {APP_ID} on {HOST}" in out.err and "Upload a custom app" in out.err
    with zipfile.ZipFile(zip_path) as archive:
        assert sorted(archive.namelist()) == ["color.png", "manifest.json", "outline.png"]
        text = archive.read("manifest.json").decode("utf-8")
        color = archive.read("color.png")
        outline = archive.read("outline.png")
    assert "{{" not in text
    manifest = json.loads(text)
    assert manifest["manifestVersion"] == "1.17"
    assert manifest["id"] == APP_ID and manifest["bots"][0]["botId"] == APP_ID
    assert manifest["validDomains"] == [HOST]
    assert manifest["developer"]["websiteUrl"] == f"https://{HOST}/"
    # Teams delivers a channel's unmentioned replies (follow-ups) only with this consent.
    assert manifest["webApplicationInfo"] == {"id": APP_ID, "resource": f"https://{HOST}"}
    assert manifest["authorization"]["permissions"]["resourceSpecific"] == [
        {"name": "ChannelMessage.Read.Group", "type": "Application"}
    ]
    assert cli_teams.extract_png_size(color) == (192, 192)
    assert cli_teams.extract_png_size(outline) == (32, 32)
    assert color == (SOURCE / "color.png").read_bytes()


def test_package_takes_the_host_as_an_https_url_and_writes_where_asked(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    target = tmp_path / "out" / "app.zip"
    target.parent.mkdir()
    assert (
        main(["teams", "package", "--host", "https://Staffbot.Example.org/", "--out", str(target)])
        == 0
    )
    assert capsys.readouterr().out.strip() == str(target)
    assert _manifest_of(target)["validDomains"] == [HOST]


def test_package_gives_the_same_bytes_twice(tmp_path: Path) -> None:
    first, second = tmp_path / "a.zip", tmp_path / "b.zip"
    assert main(["teams", "package", "--host", HOST, "--out", str(first)]) == 0
    assert main(["teams", "package", "--host", HOST, "--out", str(second)]) == 0
    assert first.read_bytes() == second.read_bytes()


def test_the_source_manifest_declares_the_bot_for_every_scope() -> None:
    manifest = json.loads((SOURCE / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["$schema"].endswith("/teams/v1.17/MicrosoftTeams.schema.json")
    assert manifest["id"] == "{{TEAMS_APP_ID}}" and manifest["validDomains"] == ["{{HOST}}"]
    (bot,) = manifest["bots"]
    assert bot["botId"] == "{{TEAMS_APP_ID}}"
    assert set(bot["scopes"]) == {"personal", "team", "groupChat"}
    assert bot["supportsFiles"] is False
    (commands,) = bot["commandLists"]
    titles = [command["title"] for command in commands["commands"]]
    assert {"ask", "help", "kb help", "kb experts"} <= set(titles) and len(titles) <= 10
    for command in commands["commands"]:
        assert len(command["title"]) <= 32 and len(command["description"]) <= 128
    assert manifest["icons"] == {"color": "color.png", "outline": "outline.png"}


def test_the_outline_icon_has_an_alpha_channel() -> None:
    outline = (SOURCE / "outline.png").read_bytes()
    assert outline[25] == PNG_RGBA  # the IHDR colour type


def test_package_refuses_without_teams_app_id(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, workdir: Path
) -> None:
    monkeypatch.delenv("TEAMS_APP_ID")
    assert main(["teams", "package", "--host", HOST]) == EXIT_BAD_INPUT
    err = capsys.readouterr().err
    assert "needs the setting TEAMS_APP_ID" in err and "Application (client) ID" in err
    assert list(workdir.iterdir()) == []


def test_package_refuses_without_teams_app_id_in_chinese(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("TEAMS_APP_ID")
    monkeypatch.setenv("STAFFBOT_LANG", "zh")
    assert main(["teams", "package", "--host", HOST]) == EXIT_BAD_INPUT
    assert "需要设置 TEAMS_APP_ID" in capsys.readouterr().err


@pytest.mark.parametrize(
    "host",
    ["staffbot.example.org:8443", "https://staffbot.example.org/bot", "localhost", "a b.org"],
)
def test_package_refuses_what_is_not_a_host_name(
    capsys: pytest.CaptureFixture[str], workdir: Path, host: str
) -> None:
    assert main(["teams", "package", "--host", host]) == EXIT_BAD_INPUT
    assert f'"{host}" is not a host name' in capsys.readouterr().err
    assert list(workdir.iterdir()) == []


def test_package_refuses_without_host() -> None:
    with pytest.raises(SystemExit) as exited:
        main(["teams", "package"])
    assert exited.value.code == EXIT_BAD_INPUT


def test_package_says_where_it_looked_when_teams_is_missing(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setattr(cli_teams, "PACKAGED_TEAMS_DIR", tmp_path / "nowhere")
    assert main(["teams", "package", "--host", HOST]) == EXIT_BAD_INPUT
    err = capsys.readouterr().err
    assert f"not found in {tmp_path / 'nowhere'} nor in ./teams" in err


def test_package_finds_teams_in_the_working_directory(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, workdir: Path
) -> None:
    monkeypatch.setattr(cli_teams, "PACKAGED_TEAMS_DIR", tmp_path / "nowhere")
    shutil.copytree(SOURCE, workdir / "teams")
    assert main(["teams", "package", "--host", HOST]) == 0
    assert _manifest_of(workdir / "staffbot-teams.zip")["id"] == APP_ID


def _edit_manifest(folder: Path, edit: Any) -> None:
    path = folder / "manifest.json"
    manifest = json.loads(path.read_text(encoding="utf-8"))
    edit(manifest)
    path.write_text(json.dumps(manifest), encoding="utf-8")


@pytest.mark.parametrize(
    ("edit", "message"),
    [
        (lambda m: m.pop("accentColor"), 'lacks the field "accentColor"'),
        (lambda m: m.update(manifestVersion="1.5"), 'the field "manifestVersion"'),
        (lambda m: m.update(id="{{APP}}"), "a placeholder the command does not fill: {{APP}}"),
        (lambda m: m.update(id="11111111-2222-3333-4444-555555555555"), 'the field "id"'),
        (lambda m: m["bots"][0].update(botId="x"), 'the field "bots[0].botId"'),
        (lambda m: m.pop("bots"), 'lacks the field "bots"'),
        (lambda m: m["name"].update(short="s" * 31), "name.short (31 > 30)"),
        (
            lambda m: m["developer"].update(privacyUrl="http://{{HOST}}/privacy"),
            "developer.privacyUrl must be an https:// URL",
        ),
        (lambda m: m["icons"].update(color="../color.png"), 'the field "icons.color"'),
        (lambda m: m["icons"].update(color="missing.png"), "Cannot read"),
    ],
)
def test_package_refuses_a_manifest_teams_would_refuse(
    capsys: pytest.CaptureFixture[str],
    source_copy: Path,
    workdir: Path,
    edit: Any,
    message: str,
) -> None:
    _edit_manifest(source_copy, edit)
    assert main(["teams", "package", "--host", HOST]) == EXIT_BAD_INPUT
    err = capsys.readouterr().err
    assert message in err and "No package was written." in err
    assert list(workdir.iterdir()) == []


def test_package_refuses_a_manifest_that_is_no_json(
    capsys: pytest.CaptureFixture[str], source_copy: Path
) -> None:
    (source_copy / "manifest.json").write_text('{"id": "{{TEAMS_APP_ID}}",}', encoding="utf-8")
    assert main(["teams", "package", "--host", HOST]) == EXIT_BAD_INPUT
    assert "is not valid JSON (line 1:" in capsys.readouterr().err


def test_package_refuses_icons_of_the_wrong_size_or_kind(
    capsys: pytest.CaptureFixture[str], source_copy: Path
) -> None:
    shutil.copy(source_copy / "outline.png", source_copy / "color.png")
    assert main(["teams", "package", "--host", HOST]) == EXIT_BAD_INPUT
    assert "color.png is 32x32 pixels; Teams needs 192x192." in capsys.readouterr().err
    (source_copy / "color.png").write_bytes(b"GIF89a")
    assert main(["teams", "package", "--host", HOST]) == EXIT_BAD_INPUT
    assert "color.png is not a PNG image." in capsys.readouterr().err


def test_package_says_when_the_zip_cannot_be_written(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    target = tmp_path / "no-such-folder" / "app.zip"
    assert main(["teams", "package", "--host", HOST, "--out", str(target)]) == EXIT_BAD_INPUT
    assert f"Cannot write {target}" in capsys.readouterr().err


def _store_conversation(conversation_id: str, title: str) -> None:
    from bot.chat import ChatRecords
    from bot.settings import Settings
    from knowledge.seeding import ensure_store
    from knowledge.store import create_db_engine

    engine = create_db_engine(Settings().get_database_url())
    try:
        ensure_store(engine)
        ChatRecords(engine).save_conversation(
            platform="teams",
            conversation_id=conversation_id,
            service_url="https://smba.example.org/emea/",
            kind="channel",
            title=title,
        )
    finally:
        engine.dispose()


def test_conversations_lists_what_the_bot_knows_and_schedules_take_them(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["teams", "conversations"]) == 0
    assert "install it there" in capsys.readouterr().out
    channel = "19:cli-general@thread.tacv2"
    _store_conversation(channel, "BDT / General")
    assert main(["teams", "conversations"]) == 0
    out = capsys.readouterr().out
    assert channel in out and "BDT / General" in out
    add = ["schedule", "add", "--kind", "digest", "--scope", "all", "--at", "mon 09:00"]
    add += ["--tz", "Europe/Zurich", "--platform", "teams"]
    assert main([*add, "--channel", channel]) == 0
    assert capsys.readouterr().out.strip() == "1"
    # A conversation the bot was never in is refused, and nothing is added.
    assert main([*add, "--channel", "19:unknown@thread.tacv2"]) == EXIT_BAD_INPUT
    assert main(["schedule", "list"]) == 0
    listing = capsys.readouterr().out
    assert channel in listing and "19:unknown" not in listing
