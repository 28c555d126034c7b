"""Built-in stages. Importing this package registers them (done lazily by `pipeline.registered`);
heavy models load when a stage is built, not on import."""

from . import events, extract, geo, identify, language, nlp

__all__ = ["events", "extract", "geo", "identify", "language", "nlp"]
