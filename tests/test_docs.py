"""Docs stay honest: every command, exported field and failure reason is documented; __all__ is the API."""

from __future__ import annotations

import re
from pathlib import Path

import typer.main

import eventwire
from eventwire.cli import app
from eventwire.export import DOC_FIELDS

ROOT = Path(__file__).parents[1]
INTERFACES = (ROOT / "docs" / "interfaces.md").read_text()
README = (ROOT / "README.md").read_text()


def _commands(group: typer.Typer, prefix: str = "") -> list[str]:
    click_group = typer.main.get_command(group)
    names = []
    for name, command in click_group.commands.items():  # type: ignore[attr-defined]
        if hasattr(command, "commands"):
            names += [f"{prefix}{name} {sub}" for sub in command.commands]
        else:
            names.append(f"{prefix}{name}")
    return names


def test_every_command_is_documented() -> None:
    for command in _commands(app):
        assert f"`eventwire {command}" in INTERFACES, f"eventwire {command} is missing from docs/interfaces.md"


def test_every_exported_field_is_documented() -> None:
    documented = set(re.findall(r"^\| `([a-z_]+)`", INTERFACES, re.M))
    for field in DOC_FIELDS:
        assert field in documented or f"`{field}`" in INTERFACES, f"export field {field} is undocumented"


def test_every_failure_reason_in_the_code_is_documented() -> None:
    source = "\n".join(p.read_text() for p in (ROOT / "src" / "eventwire").rglob("*.py"))
    reasons = set(re.findall(r'reason(?:=|\s*=\s*)"([a-z-]+)"', source))
    reasons |= set(re.findall(r'\bfail\([^,]+, "([a-z-]+)"', source))  # the readers' helper
    assert reasons, "no reasons found: the pattern no longer matches the code"
    for reason in reasons:
        assert f"| `{reason}` |" in INTERFACES, f"failure reason {reason} is undocumented"


def test_public_api_is_exactly_all() -> None:
    public = {n for n in dir(eventwire) if not n.startswith("_")}
    modules = {n for n in public if type(getattr(eventwire, n)).__name__ == "module"}
    assert public - modules == set(eventwire.__all__)


def test_readme_names_the_two_commands_and_ci_calls_the_test_one() -> None:
    assert "make demo" in README and "make test" in README
    assert "make test" in (ROOT / ".ci" / "run").read_text()
