"""Every kg command documents itself: `--help` works and says something."""

from __future__ import annotations

import click
import pytest
from click.testing import CliRunner

from kg.cli import cli

COMMANDS = sorted(cli.commands)


def test_the_cli_has_the_commands_the_readme_documents() -> None:
    expected = {"load", "extract", "validate", "query", "queries", "export", "stats", "readouts", "remove",
                "serve", "dump", "restore", "people"}
    assert expected <= set(COMMANDS)


@pytest.mark.parametrize("name", COMMANDS)
def test_every_command_has_help(name: str) -> None:
    command = cli.commands[name]
    assert isinstance(command, click.Command)
    assert command.help and command.help.strip(), f"kg {name} has no help text"
    result = CliRunner().invoke(cli, [name, "--help"])
    assert result.exit_code == 0, result.output
    assert f"Usage: cli {name}" in result.output or f"Usage: kg {name}" in result.output
    assert command.help.strip().splitlines()[0][:30] in " ".join(result.output.split())


def test_group_help_lists_exit_codes() -> None:
    result = CliRunner().invoke(cli, ["--help"])
    assert result.exit_code == 0
    assert "Exit codes" in result.output
