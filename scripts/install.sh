#!/bin/sh
# Every install step of the container image (Dockerfile), kept here so that CI runs the same
# steps in a clean virtual environment where Docker cannot run (.ci/run):
#
#   scripts/install.sh wheel DIST        build staffbot's wheel into DIST (from the checkout)
#   scripts/install.sh venv DIST VENV    a fresh virtual environment at VENV with that wheel
#   scripts/install.sh check VENV        the installed command works outside the checkout:
#                                        --version, teams package, the Slack manifest,
#                                        a first question (SQLite)
set -eu

usage() {
    sed -n '2,9p' "$0" >&2
    exit 2
}

[ $# -ge 2 ] || usage
step=$1
shift
PYTHON=${PYTHON:-python3}

case "$step" in
wheel)
    dist=$1
    root=$(cd "$(dirname "$0")/.." && pwd)
    mkdir -p "$dist"
    "$PYTHON" -m pip wheel --quiet --no-deps --wheel-dir "$dist" "$root"
    ls "$dist"/staffbot-*.whl
    ;;
venv)
    [ $# -eq 2 ] || usage
    dist=$1
    venv=$2
    "$PYTHON" -m venv "$venv"
    "$venv/bin/python" -m pip install --quiet --upgrade pip
    # The wheel and its dependencies; nothing from the checkout.
    "$venv/bin/python" -m pip install --quiet "$dist"/staffbot-*.whl
    ;;
check)
    venv=$(cd "$1" && pwd)
    work=$(mktemp -d)
    trap 'rm -rf "$work"' EXIT
    cd "$work"  # outside the checkout: package data must come from the installation
    env -i PATH="$venv/bin:/usr/bin:/bin" HOME="$work" "$venv/bin/staffbot" --version
    env -i PATH="$venv/bin:/usr/bin:/bin" HOME="$work" \
        TEAMS_APP_ID=00000000-0000-4000-8000-000000000000 \
        "$venv/bin/staffbot" teams package --host staffbot.example.org --out "$work/teams.zip"
    # staffbot doctor compares the token's scopes with the Slack manifest shipped as package data.
    env -i PATH="$venv/bin:/usr/bin:/bin" HOME="$work" "$venv/bin/python" -c \
        "import bot.cli.doctor as d; assert d.find_manifest() == d.PACKAGED_MANIFEST"
    env -i PATH="$venv/bin:/usr/bin:/bin" HOME="$work" STAFFBOT_DATA_DIR="$work/data" \
        "$venv/bin/staffbot" ask "What is the 2023 budget for P3?" | grep -q "1,111,000"
    echo "installed staffbot works outside the checkout"
    ;;
*)
    usage
    ;;
esac
