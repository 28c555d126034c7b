"""serving: filter columns on events, analysts' reviews, API tokens

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-26
"""

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None

_COLUMNS = ("admin1", "injured", "actors", "search", "disputed", "confidence", "review_status")


def upgrade() -> None:
    with op.batch_alter_table("events") as batch:
        batch.add_column(sa.Column("admin1", sa.Text))
        batch.add_column(sa.Column("injured", sa.Integer))
        batch.add_column(sa.Column("actors", sa.Text))
        batch.add_column(sa.Column("search", sa.Text))
        batch.add_column(sa.Column("disputed", sa.Boolean))
        batch.add_column(sa.Column("confidence", sa.Float))
        batch.add_column(sa.Column("review_status", sa.String(16)))
    op.create_index("ix_events_place", "events", ["latitude", "longitude"])
    op.create_index("ix_events_type", "events", ["event_type", "event_date"])
    # newest-first paging walks this; the toll and search ones are narrow copies that a filter scans
    # instead of the wide rows (each carries its JSON record)
    op.create_index("ix_events_recent", "events", ["event_date", "id"])
    op.create_index("ix_events_toll", "events", ["fatalities", "n_sources"])
    if op.get_bind().dialect.name != "postgresql":  # a PostgreSQL btree entry holds 2704 bytes, search 4000 chars
        op.create_index("ix_events_search", "events", ["search", "event_type"])
    op.create_table(
        "reviews",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("event_id", sa.String(32), nullable=False),
        sa.Column("action", sa.String(16), nullable=False),
        sa.Column("field", sa.String(32)),
        sa.Column("value", sa.JSON),
        sa.Column("note", sa.Text),
        sa.Column("author", sa.String(64), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_index("ix_reviews_event", "reviews", ["event_id"])
    op.create_table(
        "tokens",
        sa.Column("id", sa.String(16), primary_key=True),
        sa.Column("name", sa.String(64), nullable=False),
        sa.Column("scope", sa.String(8), nullable=False),
        sa.Column("secret_sha256", sa.String(64), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("revoked_at", sa.DateTime(timezone=True)),
    )
    _backfill()


def _backfill() -> None:
    """Fill the new columns of events stored before this revision from their records."""
    from eventwire.resolve.columns import filter_columns

    conn = op.get_bind()
    table = sa.table("events", sa.column("id"), sa.column("data", sa.JSON), *(sa.column(c) for c in _COLUMNS))
    for row in conn.execute(sa.select(table.c.id, table.c.data)).all():
        conn.execute(table.update().where(table.c.id == row.id).values(**filter_columns(row.data)))


def downgrade() -> None:
    op.drop_table("tokens")
    op.drop_table("reviews")
    for index in ("ix_events_search", "ix_events_toll", "ix_events_recent", "ix_events_type"):
        op.drop_index(index, "events", if_exists=True)
    op.drop_index("ix_events_place", "events")
    with op.batch_alter_table("events") as batch:
        for column in reversed(_COLUMNS):
            batch.drop_column(column)
