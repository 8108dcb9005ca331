"""Every command has help text and is shown in the README (the surface stays documented)."""

from pathlib import Path

import typer

from autocoder.cli import app

README = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")


def _commands(group, prefix: str = "autocoder"):  # noqa: ANN001 - typer's own click types
    for name, command in group.commands.items():
        path = f"{prefix} {name}"
        yield path, command
        if hasattr(command, "commands"):
            yield from _commands(command, path)


COMMANDS = list(_commands(typer.main.get_command(app)))


def test_every_command_has_help_text():
    missing = [path for path, command in COMMANDS if not (command.help or "").strip()]
    assert missing == []


def test_every_command_appears_in_the_readme():
    missing = [path for path, _ in COMMANDS if path not in README]
    assert missing == []
