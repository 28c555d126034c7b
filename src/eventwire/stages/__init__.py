"""Built-in stages. Importing this package registers them (done lazily by `pipeline.registered`)."""

from . import extract, identify, language

__all__ = ["extract", "identify", "language"]
