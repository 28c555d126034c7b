"""one event, many reports: copy families, stories, merged events and their mention links

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-26
"""

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("documents") as batch:
        batch.add_column(sa.Column("copy_family", sa.String(32)))
        batch.add_column(sa.Column("story_id", sa.String(32)))
        batch.add_column(sa.Column("event_group", sa.String(32)))
        batch.add_column(sa.Column("resolved", sa.Integer))  # order in which resolution took it; null: pending
        batch.add_column(sa.Column("signature", sa.LargeBinary))
        batch.add_column(sa.Column("wires", sa.Text))  # wires the text credits, "|"-joined
    op.create_index("ix_documents_resolved", "documents", ["resolved"])
    op.create_index("ix_documents_family", "documents", ["copy_family"])
    op.create_index("ix_documents_story", "documents", ["story_id"])
    op.create_table(
        "copy_bands",
        sa.Column("band", sa.String(24), nullable=False),
        sa.Column("doc_id", sa.String(32), sa.ForeignKey("documents.id", ondelete="CASCADE"), nullable=False),
        sa.PrimaryKeyConstraint("band", "doc_id"),
    )
    op.create_table(
        "groups",
        sa.Column("id", sa.String(32), nullable=False),
        sa.Column("kind", sa.String(16), nullable=False),  # story, docevent
        sa.Column("label", sa.Text),
        sa.Column("first_seen", sa.String(10)),
        sa.Column("last_seen", sa.String(10)),
        sa.Column("size", sa.Integer, nullable=False),
        sa.Column("weights", sa.JSON, nullable=False),
        sa.PrimaryKeyConstraint("kind", "id"),
    )
    op.create_index("ix_groups_last_seen", "groups", ["kind", "last_seen"])
    op.create_table(
        "term_df",
        sa.Column("term", sa.String(64), primary_key=True),
        sa.Column("df", sa.Integer, nullable=False),
    )
    op.create_table(
        "events",
        sa.Column("id", sa.String(32), primary_key=True),
        sa.Column("event_type", sa.String(64)),
        sa.Column("sub_event_type", sa.String(64)),
        sa.Column("interaction", sa.String(16)),
        sa.Column("iso", sa.String(2)),
        sa.Column("latitude", sa.Float),
        sa.Column("longitude", sa.Float),
        sa.Column("geo_precision", sa.Integer),
        sa.Column("event_date", sa.String(10)),
        sa.Column("time_precision", sa.Integer),
        sa.Column("fatalities", sa.Integer),
        sa.Column("n_reports", sa.Integer, nullable=False),
        sa.Column("n_sources", sa.Integer, nullable=False),
        sa.Column("story_id", sa.String(32)),
        sa.Column("matching", sa.JSON, nullable=False),  # the little a new mention is compared with
        sa.Column("data", sa.JSON, nullable=False),
    )
    op.create_index("ix_events_date", "events", ["event_date"])
    op.create_index("ix_events_block", "events", ["iso", "event_date"])
    op.create_table(
        "event_links",
        sa.Column("mention_id", sa.String(32), primary_key=True),
        sa.Column("event_id", sa.String(32), nullable=False),
        sa.Column("doc_id", sa.String(32), nullable=False),
        sa.Column("score", sa.Float, nullable=False),
        sa.Column("reason", sa.JSON, nullable=False),
    )
    op.create_index("ix_event_links_event", "event_links", ["event_id"])
    op.create_table(
        "event_overrides",
        sa.Column("mention_id", sa.String(32), primary_key=True),
        sa.Column("event_id", sa.String(32), nullable=False),  # the event it must join, or its own new event
        sa.Column("action", sa.String(8), nullable=False),  # merge, split
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
    )


def downgrade() -> None:
    for table in ("event_overrides", "event_links", "events", "term_df", "groups", "copy_bands"):
        op.drop_table(table)
    op.drop_index("ix_documents_story", "documents")
    op.drop_index("ix_documents_family", "documents")
    op.drop_index("ix_documents_resolved", "documents")
    with op.batch_alter_table("documents") as batch:
        for column in ("wires", "signature", "resolved", "event_group", "story_id", "copy_family"):
            batch.drop_column(column)
