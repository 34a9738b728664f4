"""`staffbot teams package`: the Teams app package (manifest and icons) as a zip to upload."""

from __future__ import annotations

import argparse
import re
from dataclasses import dataclass
from pathlib import Path

from bot.cli._output import print_error, refuse, to_table
from bot.cli.context import CliContext
from bot.cli.errors import PackageInvalid
from bot.text_render import render_text

# The package's sources, installed with staffbot (package data of bot.teams); an operator's
# own copy in ./teams (edited developer links, a raised version) is taken first.
PACKAGED_TEAMS_DIR = Path(__file__).resolve().parents[1] / "teams" / "app_package"
MANIFEST_FILE = "manifest.json"
# Teams' sizes: a full-colour 192x192 icon and a 32x32 white-on-transparent outline.
ICON_SIZES = {"color": 192, "outline": 32}
APP_ID_PLACEHOLDER = "{{TEAMS_APP_ID}}"
HOST_PLACEHOLDER = "{{HOST}}"
MANIFEST_VERSION = "1.17"
# What the Teams app validator refuses a manifest without (schema v1.17 "required").
REQUIRED_FIELDS = (
    "manifestVersion",
    "version",
    "id",
    "developer",
    "name",
    "description",
    "icons",
    "accentColor",
)
# Limits of schema v1.17 that an edit of manifest.json could break.
TEXT_LIMITS = {
    ("name", "short"): 30,
    ("name", "full"): 100,
    ("description", "short"): 80,
    ("description", "full"): 4000,
}
DEVELOPER_URLS = ("websiteUrl", "privacyUrl", "termsOfUseUrl")
# A DNS host name; no scheme, port or path (Teams' validDomains and the developer URLs).
_HOST = re.compile(
    r"(?=.{1,253}$)[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?(\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)+"
)
_PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
# Zip entries carry this date: the same settings give the same bytes.
_ZIP_DATE = (2024, 1, 1, 0, 0, 0)


@dataclass(frozen=True)
class TeamsPackage:
    """The filled manifest and the icons, by their names in the zip."""

    files: dict[str, bytes]

    def to_zip(self, path: Path) -> None:
        import zipfile

        with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as archive:
            for name, content in self.files.items():
                archive.writestr(zipfile.ZipInfo(name, date_time=_ZIP_DATE), content)


def to_host(text: str) -> str | None:
    """The host name in `staffbot.example.org` or `https://staffbot.example.org/`; else None."""
    host = text.strip().lower()
    host = host.removeprefix("https://").removesuffix("/")
    return host if _HOST.fullmatch(host) else None


def find_package_dir() -> Path | None:
    """./teams when the working directory has a copy, else the one installed."""
    for folder in (Path.cwd() / "teams", PACKAGED_TEAMS_DIR):
        if (folder / MANIFEST_FILE).is_file():
            return folder
    return None


def extract_png_size(content: bytes) -> tuple[int, int] | None:
    """Width and height from a PNG's header (IHDR), or None if it is no PNG."""
    if len(content) < 24 or not content.startswith(_PNG_SIGNATURE) or content[12:16] != b"IHDR":
        return None
    return int.from_bytes(content[16:20], "big"), int.from_bytes(content[20:24], "big")


def _read(folder: Path, name: str) -> bytes:
    try:
        return (folder / name).read_bytes()
    except OSError as exc:
        raise PackageInvalid(str(folder / name), "unreadable", exc.strerror or str(exc)) from exc


def _check_manifest(manifest: object, app_id: str, file: str) -> dict[str, str]:
    """The manifest's icon file names by kind, once it passes what Teams checks on upload."""
    if not isinstance(manifest, dict):
        raise PackageInvalid(file, "not_object")
    for field in REQUIRED_FIELDS:
        if field not in manifest:
            raise PackageInvalid(file, "missing_field", field)
    if manifest["manifestVersion"] != MANIFEST_VERSION:
        raise PackageInvalid(file, "wrong_value", "manifestVersion")
    if manifest["id"] != app_id:
        raise PackageInvalid(file, "wrong_value", "id")
    bots = manifest.get("bots")
    if not isinstance(bots, list) or not bots or not isinstance(bots[0], dict):
        raise PackageInvalid(file, "missing_field", "bots")
    if bots[0].get("botId") != app_id:
        raise PackageInvalid(file, "wrong_value", "bots[0].botId")
    for (section, key), limit in TEXT_LIMITS.items():
        text = manifest[section].get(key) if isinstance(manifest[section], dict) else None
        if not isinstance(text, str) or not text.strip():
            raise PackageInvalid(file, "missing_field", f"{section}.{key}")
        if len(text) > limit:
            raise PackageInvalid(file, "too_long", f"{section}.{key} ({len(text)} > {limit})")
    developer = manifest["developer"]
    for key in DEVELOPER_URLS:
        url = developer.get(key) if isinstance(developer, dict) else None
        if not isinstance(url, str) or not url.startswith("https://"):
            raise PackageInvalid(file, "not_https", f"developer.{key}")
    icons = manifest["icons"]
    names = {kind: icons.get(kind) if isinstance(icons, dict) else None for kind in ICON_SIZES}
    for kind, name in names.items():
        if not isinstance(name, str) or "/" in name or "\\" in name or name == MANIFEST_FILE:
            raise PackageInvalid(file, "wrong_value", f"icons.{kind}")
    return {kind: str(name) for kind, name in names.items()}


def build_package(folder: Path, app_id: str, host: str) -> TeamsPackage:
    """The manifest with the app id and host filled in, checked, with its two icons."""
    import json

    file = str(folder / MANIFEST_FILE)
    try:
        text = _read(folder, MANIFEST_FILE).decode("utf-8")
    except UnicodeDecodeError as exc:
        raise PackageInvalid(file, "not_json", str(exc)) from exc
    filled = text.replace(APP_ID_PLACEHOLDER, app_id).replace(HOST_PLACEHOLDER, host)
    left = re.search(r"\{\{[^}]*\}\}", filled)
    if left:
        raise PackageInvalid(file, "placeholder_left", left.group(0))
    try:
        manifest = json.loads(filled)
    except json.JSONDecodeError as exc:
        raise PackageInvalid(file, "not_json", f"line {exc.lineno}: {exc.msg}") from exc
    files = {MANIFEST_FILE: filled.encode("utf-8")}
    for kind, name in _check_manifest(manifest, app_id, file).items():
        content = _read(folder, name)
        size = extract_png_size(content)
        side = ICON_SIZES[kind]
        if size is None:
            raise PackageInvalid(str(folder / name), "not_png")
        if size != (side, side):
            raise PackageInvalid(
                str(folder / name), "wrong_size", f"{size[0]}x{size[1]}", f"{side}x{side}"
            )
        files[name] = content
    return TeamsPackage(files)


def _run_package(args: argparse.Namespace, ctx: CliContext) -> int:
    app_id = ctx.settings.teams_app_id
    if app_id is None:
        return refuse("teams_setting_missing", ctx.lang, variable="TEAMS_APP_ID")
    host = to_host(args.host)
    if host is None:
        return refuse("teams_bad_host", ctx.lang, host=args.host)
    folder = find_package_dir()
    if folder is None:
        return refuse("teams_package_missing", ctx.lang, path=str(PACKAGED_TEAMS_DIR))
    # PackageInvalid, and an OSError writing the zip: the table in error_messages.
    package = build_package(folder, app_id, host)
    out = Path(args.out)
    package.to_zip(out)
    print(out.resolve())
    print_error("teams_packaged", ctx.lang, app_id=app_id, host=host)
    return 0


def _run_conversations(args: argparse.Namespace, ctx: CliContext) -> int:
    from sqlmodel import Session

    from knowledge.records import list_conversations
    from knowledge.seeding import ensure_store

    ensure_store(ctx.db_engine)
    with Session(ctx.db_engine) as session:
        found = list_conversations(session, "teams")
    if not found:
        print(render_text("teams_conversations_empty", ctx.lang))
        return 0
    rows = [[c.kind, c.title, c.conversation_id] for c in found]
    print(to_table(render_text("teams_conversations_header", ctx.lang).split("|"), rows))
    return 0


def add_commands(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Registers this module's subcommands on the `staffbot` parser."""
    teams = commands.add_parser("teams", help="Microsoft Teams: the app package to upload")
    actions = teams.add_subparsers(dest="action", required=True)
    package = actions.add_parser(
        "package",
        help="write the Teams app package (manifest.json, color.png, outline.png) as a zip",
    )
    package.add_argument(
        "--host",
        required=True,
        help="public host of `staffbot serve`, like staffbot.example.org",
    )
    package.add_argument(
        "--out", default="staffbot-teams.zip", help="the zip to write (default: %(default)s)"
    )
    package.set_defaults(run=_run_package)
    conversations = actions.add_parser(
        "conversations",
        help="the Teams channels and chats the bot knows (ids for `staffbot schedule add`)",
    )
    conversations.set_defaults(run=_run_conversations)
