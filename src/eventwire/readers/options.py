"""What a reader may accept: size limit, folder patterns, JSONL field names."""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from ..errors import ConfigError

# Same list as [ingest] patterns in defaults.toml; a test keeps the two equal.
DEFAULT_PATTERNS = ("*.html", "*.htm", "*.xhtml", "*.shtml", "*.txt", "*.text", "*.jsonl", "*.ndjson", "*.json",
                    "*.rss", "*.atom", "*.xml", "*.warc", "*.warc.gz", "*.arc.gz", "*.gz", "*.zip")


@dataclass(frozen=True)
class ReaderOptions:
    """Limits and field names the readers use; build it from settings with `from_settings`."""

    max_bytes: int = 20_000_000  # per input item: file, JSONL line, WARC record, archive member
    patterns: tuple[str, ...] = DEFAULT_PATTERNS  # file-name globs matched when a folder is given
    text_field: str = "text"
    id_field: str = "id"
    url_field: str = "url"
    title_field: str = "title"
    date_field: str = "date"

    def __post_init__(self) -> None:
        if self.max_bytes <= 0:
            raise ConfigError(f"ingest.max_bytes must be a positive number of bytes, got {self.max_bytes}")

    @classmethod
    def from_settings(cls, settings: Mapping[str, Mapping[str, Any]], **overrides: Any) -> ReaderOptions:
        """Options from the full settings dict ([ingest], [jsonl]); `overrides` set to None are ignored."""
        ingest, jsonl = settings.get("ingest", {}), settings.get("jsonl", {})
        values: dict[str, Any] = {name: jsonl[name] for name in _JSONL_FIELDS if name in jsonl}
        if "max_bytes" in ingest:
            values["max_bytes"] = int(ingest["max_bytes"])
        if "patterns" in ingest:
            values["patterns"] = tuple(ingest["patterns"])
        unknown = set(overrides) - {f.name for f in dataclasses.fields(cls)}
        if unknown:
            raise ConfigError(f"unknown reader option(s) {', '.join(sorted(unknown))}; "
                              f"known: {', '.join(f.name for f in dataclasses.fields(cls))}")
        values.update({k: (tuple(v) if k == "patterns" else v) for k, v in overrides.items() if v is not None})
        return cls(**values)


_JSONL_FIELDS = ("text_field", "id_field", "url_field", "title_field", "date_field")
