"""Settings: the shipped defaults.toml, overlaid by a user file, the environment, then flags.

Each module that needs settings reads its own section (`settings["extract"]`), so adding a stage
adds a section to defaults.toml and nothing here.
"""

from __future__ import annotations

import copy
import os
import tomllib
from collections.abc import Mapping
from importlib import resources
from pathlib import Path
from typing import Any

from .errors import ConfigError

Settings = dict[str, dict[str, Any]]


def defaults() -> Settings:
    text = resources.files("eventwire").joinpath("defaults.toml").read_text("utf-8")
    return tomllib.loads(text)


def load_settings(path: str | Path | None = None, env: Mapping[str, str] | None = None,
                  overrides: Mapping[str, Mapping[str, Any]] | None = None) -> Settings:
    """Defaults < user file < EVENTWIRE_<SECTION>_<KEY> variables < `overrides` (CLI flags)."""
    env = os.environ if env is None else env
    settings = defaults()
    path = path or env.get("EVENTWIRE_CONFIG")
    if path:
        _overlay(settings, _read_user_file(Path(path)), str(path))
    _overlay(settings, _from_env(settings, env), "environment")
    if env.get("EVENTWIRE_DB"):
        settings["store"]["url"] = env["EVENTWIRE_DB"]
    _overlay(settings, {k: {kk: vv for kk, vv in v.items() if vv is not None} for k, v in (overrides or {}).items()},
             "command line")
    return settings


def _read_user_file(path: Path) -> Settings:
    try:
        return tomllib.loads(path.read_text("utf-8"))
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise ConfigError(f"cannot read settings file {path}: {exc}; fix it or drop --config") from exc


def _overlay(base: Settings, layer: Mapping[str, Mapping[str, Any]], origin: str) -> None:
    for section, values in layer.items():
        if section not in base:
            raise ConfigError(f"unknown settings section [{section}] in {origin}; known: {', '.join(base)}")
        for key, value in values.items():
            if key not in base[section]:
                raise ConfigError(f"unknown setting {section}.{key} in {origin}; "
                                  f"known: {', '.join(base[section])}")
            base[section][key] = copy.deepcopy(value)


def _from_env(settings: Settings, env: Mapping[str, str]) -> Settings:
    out: Settings = {}
    for section, values in settings.items():
        for key, default in values.items():
            raw = env.get(f"EVENTWIRE_{section}_{key}".upper())
            if raw is not None:
                out.setdefault(section, {})[key] = _coerce(raw, default, f"{section}.{key}")
    return out


def _coerce(raw: str, default: Any, name: str) -> Any:
    try:
        if isinstance(default, bool):
            return raw.strip().lower() in ("1", "true", "yes", "on")
        if isinstance(default, int):
            return int(raw)
        if isinstance(default, float):
            return float(raw)
        if isinstance(default, list):
            return [p.strip() for p in raw.split(",") if p.strip()]
    except ValueError as exc:
        raise ConfigError(f"environment setting {name}={raw!r} is not a {type(default).__name__}") from exc
    return raw
