"""`staffbot --version` prints the installed package's version."""

from __future__ import annotations

from importlib.metadata import version

import pytest

from bot.cli import main


def test_version_prints_the_installed_version(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exited:
        main(["--version"])
    assert exited.value.code == 0
    assert capsys.readouterr().out == f"staffbot {version('staffbot')}\n"
