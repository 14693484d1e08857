"""Every `persona` subcommand has help text and is documented in README.md; so is every REPL slash command."""

import re
from pathlib import Path

import pytest

from agent.cli import build_parser
from agent.repl import SLASH_COMMANDS, command_names

README = Path(__file__).resolve().parents[1] / "README.md"


def subcommands() -> dict:
    parser = build_parser()
    action = next(a for a in parser._actions if a.__class__.__name__ == "_SubParsersAction")
    helps = {choice.dest: choice.help for choice in action._choices_actions}
    return {name: (sub, helps.get(name)) for name, sub in action.choices.items()}


@pytest.mark.parametrize("name", sorted(subcommands()))
def test_subcommand_has_help_text(name):
    sub, help_text = subcommands()[name]
    assert help_text and help_text.strip(), f"`persona {name}` has no help text"
    for action in sub._actions:
        if action.option_strings and action.dest != "help":
            assert action.help, f"`persona {name} {action.option_strings[0]}` has no help text"


@pytest.mark.parametrize("name", sorted(subcommands()))
def test_subcommand_is_documented_in_the_readme(name):
    assert re.search(rf"`persona {name}\b", README.read_text(encoding="utf-8")), \
        f"README.md never shows `persona {name} ...`"


@pytest.mark.parametrize("command", command_names())
def test_slash_command_is_documented_in_the_readme(command):
    assert re.search(rf"`{re.escape(command)}\b", README.read_text(encoding="utf-8")), \
        f"README.md does not document the REPL command {command}"


def test_slash_commands_have_help_text():
    assert all(description.strip() for description in SLASH_COMMANDS.values())
