"""The exception hierarchy. Every message says what went wrong and what to do next.

    EventwireError
    ├── ConfigError          bad settings file, unknown option value
    ├── StoreError           database cannot be opened or migrated
    ├── InputError           a path or record that cannot be read (recorded as a failure, batch goes on)
    │   ├── DecodeError      bytes that are not text in any plausible encoding
    │   ├── TooLargeError    input over the configured size limit
    │   └── FormatError      broken feed XML, truncated WARC record, bad JSON line
    ├── ExtractionError      a page with no main text, or one the extractor cannot parse
    └── PipelineError        a stage order that reads what nobody wrote
"""

from __future__ import annotations


class EventwireError(Exception):
    """Base class: catch this to handle every eventwire error."""


class ConfigError(EventwireError):
    pass


class StoreError(EventwireError):
    pass


class PipelineError(EventwireError):
    pass


class InputError(EventwireError):
    """A failure tied to one input; `reason` is a short stable slug used for counting."""

    reason = "unreadable"

    def __init__(self, message: str, *, reason: str | None = None) -> None:
        super().__init__(message)
        if reason:
            self.reason = reason


class DecodeError(InputError):
    reason = "bad-encoding"


class TooLargeError(InputError):
    reason = "too-large"


class FormatError(InputError):
    reason = "bad-format"


class ExtractionError(InputError):
    reason = "no-main-text"


class NotFoundError(EventwireError):
    """An id that names nothing stored (an event, a document, a mention)."""


class ReviewError(EventwireError):
    """A review that cannot be applied: an unknown action or field, or a value of the wrong kind."""
