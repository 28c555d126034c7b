"""Readers: turn what the user gives (files, folders, globs, stdin) into `Record`s.

    iter_inputs(["news/", "feeds/*.xml", "-"], ReaderOptions.from_settings(settings))

yields one Record per page, text, JSONL line, feed entry or WARC response, in a deterministic
order, and a `Failure` (stage "read") for anything that cannot be read; it never raises for bad
input. Failure reasons: unreadable, empty, too-large, binary, bad-encoding, bad-format,
missing-field, truncated, reader-error.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import BinaryIO

from ..document import Failure, Record
from .dispatch import read_item
from .options import ReaderOptions
from .paths import expand

__all__ = ["ReaderOptions", "iter_inputs"]


def iter_inputs(paths: Sequence[str], options: ReaderOptions,
                stdin: BinaryIO | None = None) -> Iterator[Record | Failure]:
    """Records and failures from every input in `paths` (`-` reads `stdin`, default sys.stdin)."""
    for item in expand(paths, options, stdin):
        if isinstance(item, Failure):
            yield item
        else:
            yield from read_item(item, options)
