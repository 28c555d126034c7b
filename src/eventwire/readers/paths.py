"""From what the user typed (files, folders, globs, `-`) to a deterministic sequence of items.

Folders are walked depth-first in sorted name order, keeping names that match the patterns and
skipping hidden files and folders (.git, .DS_Store). A file reached twice (given directly and
inside a folder) is read once. Symlinked folders are not followed, so a link loop cannot hang a run.
"""

from __future__ import annotations

import fnmatch
import glob
import os
import stat
import sys
from collections.abc import Iterator, Sequence
from functools import partial
from typing import BinaryIO

from ..document import Failure
from .items import Item, borrowed, fail
from .options import ReaderOptions

STDIN_SOURCE = "<stdin>"


def expand(paths: Sequence[str], options: ReaderOptions, stdin: BinaryIO | None = None) -> Iterator[Item | Failure]:
    seen: set[str] = set()
    for given in paths:
        if given == "-":
            stream = stdin if stdin is not None else sys.stdin.buffer
            yield Item(source=STDIN_SOURCE, name="", open=partial(borrowed, stream))
            continue
        for found in _expand_one(given, options.patterns):
            if isinstance(found, Failure):
                yield found
            elif (key := os.path.realpath(found)) not in seen:
                seen.add(key)
                yield file_item(found)


def name_matches(name: str, patterns: Sequence[str]) -> bool:
    """Case-insensitive glob match of a file's base name (`Report.HTML` matches `*.html`)."""
    base = name.rsplit("/", 1)[-1].lower()
    return any(fnmatch.fnmatchcase(base, p.lower()) for p in patterns)


def file_item(path: str) -> Item | Failure:
    try:
        info = os.stat(path)
    except OSError as exc:
        return _unreadable(path, exc)
    if stat.S_ISREG(info.st_mode):
        if info.st_size == 0:
            return fail(path, "empty", "file is empty (0 bytes); nothing to read")
        return Item(source=path, name=os.path.basename(path), open=partial(open, path, "rb"),
                    size=info.st_size, raw_ref=path, reopenable=True)
    if stat.S_ISFIFO(info.st_mode):  # a named pipe or <(command): read once, as a stream
        return Item(source=path, name=os.path.basename(path), open=partial(open, path, "rb"))
    return fail(path, "unreadable", "not a regular file, folder or pipe; pass files or folders")


def _expand_one(given: str, patterns: Sequence[str]) -> Iterator[str | Failure]:
    if os.path.isdir(given):
        yield from _walk(given, patterns)
    elif os.path.lexists(given) or not glob.has_magic(given):
        yield given  # a file, or a missing path that file_item reports
    else:
        matches = sorted(glob.glob(given, recursive=True))
        if not matches:
            yield fail(given, "unreadable", "no files match this pattern; check the path and quoting")
        for match in matches:
            yield from _walk(match, patterns) if os.path.isdir(match) else [match]


def _walk(folder: str, patterns: Sequence[str]) -> Iterator[str | Failure]:
    """Files under `folder` matching `patterns`, depth-first in sorted order, with an explicit stack."""
    listing = _listing(folder)
    if isinstance(listing, Failure):
        yield listing
        return
    stack, found = [iter(listing)], 0
    while stack:
        entry = next(stack[-1], None)
        if entry is None:
            stack.pop()
        elif entry.name.startswith("."):
            continue
        elif entry.is_dir(follow_symlinks=False):
            sub = _listing(entry.path)
            if isinstance(sub, Failure):
                yield sub
            else:
                stack.append(iter(sub))
        elif name_matches(entry.name, patterns):
            found += 1
            yield entry.path
    if not found:
        yield fail(folder, "unreadable", f"folder holds no files matching {', '.join(patterns)}; "
                                         "check the folder or change ingest.patterns")


def _listing(folder: str) -> list[os.DirEntry[str]] | Failure:
    try:
        with os.scandir(folder) as entries:
            return sorted(entries, key=lambda e: e.name)
    except OSError as exc:
        return _unreadable(folder, exc)


def _unreadable(path: str, exc: OSError) -> Failure:
    if isinstance(exc, FileNotFoundError):
        hint = "no such file or folder; check the path"
    elif isinstance(exc, PermissionError):
        hint = "permission denied; fix its permissions or run as a user who can read it"
    else:
        hint = f"{exc.strerror or exc}; check the path"
    return fail(path, "unreadable", f"cannot read: {hint}")
