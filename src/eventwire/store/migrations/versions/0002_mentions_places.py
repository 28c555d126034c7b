"""event mentions and place names found in documents

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-26
"""

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "mentions",
        sa.Column("id", sa.String(32), primary_key=True),
        sa.Column("doc_id", sa.String(32), sa.ForeignKey("documents.id", ondelete="CASCADE"), nullable=False),
        sa.Column("idx", sa.Integer, nullable=False),
        sa.Column("event_type", sa.String(64)),
        sa.Column("sub_event_type", sa.String(64)),
        sa.Column("interaction", sa.String(16)),
        sa.Column("actor1", sa.Text),
        sa.Column("actor2", sa.Text),
        sa.Column("location", sa.Text),
        sa.Column("iso", sa.String(2)),
        sa.Column("admin1", sa.Text),
        sa.Column("latitude", sa.Float),
        sa.Column("longitude", sa.Float),
        sa.Column("event_date", sa.String(10)),
        sa.Column("fatalities", sa.Integer),
        sa.Column("injured", sa.Integer),
        sa.Column("claim_status", sa.String(16)),
        sa.Column("confidence", sa.Float),
        sa.Column("data", sa.JSON, nullable=False),
    )
    op.create_index("ix_mentions_doc", "mentions", ["doc_id"])
    op.create_index("ix_mentions_date", "mentions", ["event_date"])
    op.create_index("ix_mentions_type", "mentions", ["event_type", "sub_event_type"])
    op.create_table(
        "places",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("doc_id", sa.String(32), sa.ForeignKey("documents.id", ondelete="CASCADE"), nullable=False),
        sa.Column("start", sa.Integer, nullable=False),
        sa.Column("end", sa.Integer, nullable=False),
        sa.Column("text", sa.Text, nullable=False),
        sa.Column("name", sa.Text),
        sa.Column("latitude", sa.Float),
        sa.Column("longitude", sa.Float),
        sa.Column("geonames_id", sa.Integer),
        sa.Column("feature_class", sa.String(8)),
        sa.Column("country", sa.String(2)),
        sa.Column("admin1", sa.Text),
        sa.Column("score", sa.Float),
        sa.Column("role", sa.String(16)),
        sa.UniqueConstraint("doc_id", "start", "end", name="uq_places_doc_span"),
    )
    op.create_index("ix_places_doc", "places", ["doc_id"])


def downgrade() -> None:
    op.drop_table("places")
    op.drop_table("mentions")
