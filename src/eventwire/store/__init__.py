"""Storage: one Store over SQLAlchemy; SQLite by default, PostgreSQL by URL."""

from .sql import DocFilter, Store, WriteResult, database_url

__all__ = ["DocFilter", "Store", "WriteResult", "database_url"]
