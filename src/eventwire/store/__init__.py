"""Storage: one Store over SQLAlchemy; SQLite by default, PostgreSQL by URL."""

from .sql import DocFilter, MentionFilter, Store, WriteResult, database_url

__all__ = ["DocFilter", "MentionFilter", "Store", "WriteResult", "database_url"]
