"""documents, their inputs, raw pages, failures and runs

Revision ID: 0001
Revises:
Create Date: 2026-11-26
"""

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None

TZ = sa.DateTime(timezone=True)


def upgrade() -> None:
    op.create_table(
        "documents",
        sa.Column("id", sa.String(32), primary_key=True),
        sa.Column("url", sa.Text),
        sa.Column("source", sa.Text, nullable=False),
        sa.Column("site", sa.String(255)),
        sa.Column("title", sa.Text),
        sa.Column("author", sa.Text),
        sa.Column("published", sa.String(10)),
        sa.Column("published_from", sa.String(16), nullable=False),
        sa.Column("language", sa.String(8)),
        sa.Column("input_id", sa.Text),
        sa.Column("content_kind", sa.String(16), nullable=False),
        sa.Column("raw_sha", sa.String(64)),
        sa.Column("raw_ref", sa.Text),
        sa.Column("extractor", sa.String(64)),
        sa.Column("text", sa.Text, nullable=False),
        sa.Column("ingested_at", TZ, nullable=False),
    )
    op.create_index("ix_documents_published", "documents", ["published"])
    op.create_index("ix_documents_site", "documents", ["site"])
    op.create_table(
        "document_inputs",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("doc_id", sa.String(32), sa.ForeignKey("documents.id", ondelete="CASCADE"), nullable=False),
        sa.Column("source", sa.Text, nullable=False),
        sa.Column("raw_sha", sa.String(64), nullable=False),
        sa.Column("url", sa.Text),
        sa.Column("input_id", sa.Text),
        sa.Column("ingested_at", TZ, nullable=False),
        sa.UniqueConstraint("source", "raw_sha", name="uq_document_inputs_source_raw"),
    )
    op.create_index("ix_document_inputs_doc", "document_inputs", ["doc_id"])
    op.create_table(
        "raw_pages",
        sa.Column("sha", sa.String(64), primary_key=True),
        sa.Column("encoding", sa.String(16), nullable=False),
        sa.Column("content", sa.LargeBinary, nullable=False),
    )
    op.create_table(
        "failures",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("source", sa.Text, nullable=False),
        sa.Column("stage", sa.String(32), nullable=False),
        sa.Column("reason", sa.String(64), nullable=False),
        sa.Column("message", sa.Text, nullable=False),
        sa.Column("raw_sha", sa.String(64)),
        sa.Column("run_id", sa.Integer),
        sa.Column("failed_at", TZ, nullable=False),
        sa.UniqueConstraint("source", name="uq_failures_source"),
    )
    op.create_index("ix_failures_reason", "failures", ["reason"])
    op.create_table(
        "runs",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("started_at", TZ, nullable=False),
        sa.Column("finished_at", TZ),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("inputs", sa.JSON),
        sa.Column("counts", sa.JSON),
    )


def downgrade() -> None:
    for table in ("runs", "failures", "raw_pages", "document_inputs", "documents"):
        op.drop_table(table)
