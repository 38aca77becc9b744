"""Decision documents drafted on the desk: every version of a ruling, settlement
agreement or dismissal, with the record it was rendered from (the PDF itself is in the
content-addressed file store under its SHA-256).

Revision ID: 0005
Revises: 0004
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op


revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "decision_documents",
        sa.Column("id", sa.Integer(), primary_key=True, autoincrement=True),
        sa.Column(
            "case_id",
            sa.String(64),
            sa.ForeignKey(
                "cases.id",
                ondelete="CASCADE",
                name="fk_decision_documents_case_id_cases",
            ),
            nullable=False,
        ),
        sa.Column("document_id", sa.String(64), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(20), nullable=False),
        sa.Column("language", sa.String(8), nullable=False),
        sa.Column("state", sa.String(20), nullable=False),
        sa.Column("sha256", sa.String(64), nullable=False),
        sa.Column("size", sa.BigInteger(), nullable=False),
        sa.Column("page_count", sa.Integer(), nullable=False),
        sa.Column("document_date", sa.Date(), nullable=False),
        sa.Column("record", sa.JSON(), nullable=False),
        sa.Column("record_sha256", sa.String(64), nullable=False),
        sa.Column("layout", sa.JSON(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("created_by", sa.String(80), nullable=False),
        sa.Column("supersedes", sa.String(64), nullable=True),
        sa.Column("superseded_at", sa.DateTime(timezone=True), nullable=True),
        sa.PrimaryKeyConstraint("id", name="pk_decision_documents"),
        sa.UniqueConstraint(
            "case_id", "document_id", name="uq_decision_documents_case_document"
        ),
        sa.UniqueConstraint("case_id", "version", name="uq_decision_documents_case_version"),
    )
    op.create_index(
        "ix_decision_documents_case_id", "decision_documents", ["case_id"], unique=False
    )


def downgrade() -> None:
    op.drop_index("ix_decision_documents_case_id", table_name="decision_documents")
    op.drop_table("decision_documents")
