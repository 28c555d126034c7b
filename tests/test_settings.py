"""Settings overlay: defaults < user file < environment < command line."""

from __future__ import annotations

from pathlib import Path

import pytest

from eventwire.errors import ConfigError
from eventwire.settings import defaults, load_settings


def test_every_default_has_a_comment() -> None:
    text = (Path(__file__).parents[1] / "src/eventwire/defaults.toml").read_text()
    lines = text.splitlines()
    for i, line in enumerate(lines):
        if "=" in line and not line.startswith((" ", "#", "[")):
            assert lines[i - 1].startswith("#"), f"setting without a comment above it: {line}"


def test_overlay_order(tmp_path: Path) -> None:
    user = tmp_path / "eventwire.toml"
    user.write_text("[store]\nbatch_size = 7\n[ingest]\nworkers = 3\n")
    env = {"EVENTWIRE_CONFIG": str(user), "EVENTWIRE_INGEST_WORKERS": "2", "EVENTWIRE_DB": "x.db"}
    s = load_settings(env=env, overrides={"ingest": {"chunk_size": 4, "max_bytes": None}})
    assert s["store"]["batch_size"] == 7  # user file
    assert s["ingest"]["workers"] == 2  # environment beats the file
    assert s["store"]["url"] == "x.db"
    assert s["ingest"]["chunk_size"] == 4  # command line
    assert s["ingest"]["max_bytes"] == defaults()["ingest"]["max_bytes"]  # None means "not given"


def test_unknown_settings_are_refused_with_the_known_names(tmp_path: Path) -> None:
    user = tmp_path / "bad.toml"
    user.write_text("[ingest]\nworkerz = 3\n")
    with pytest.raises(ConfigError, match=r"unknown setting ingest\.workerz.*workers"):
        load_settings(user, env={})


def test_environment_values_are_typed() -> None:
    s = load_settings(env={"EVENTWIRE_EXTRACT_INCLUDE_COMMENTS": "yes", "EVENTWIRE_INGEST_PATTERNS": "*.html, *.txt"})
    assert s["extract"]["include_comments"] is True
    assert s["ingest"]["patterns"] == ["*.html", "*.txt"]
    with pytest.raises(ConfigError, match="not a int"):
        load_settings(env={"EVENTWIRE_INGEST_WORKERS": "many"})
