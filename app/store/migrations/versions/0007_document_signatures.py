"""Signatures on decision documents: each signed form of a document version (the
mediator's certifying signature, the supervisor's countersignature), kept as a new
hash-named file in the content store; the row says who signed, when, at what PAdES
level, and the audit chain's head the signature carries.

Revision ID: 0007
Revises: 0006
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "document_signatures",
        sa.Column("id", sa.Integer(), primary_key=True, autoincrement=True),
        sa.Column(
            "case_id",
            sa.String(64),
            sa.ForeignKey(
                "cases.id", ondelete="CASCADE", name="fk_document_signatures_case_id_cases"
            ),
            nullable=False,
        ),
        sa.Column("document_id", sa.String(64), nullable=False),
        sa.Column("sequence", sa.Integer(), nullable=False),
        sa.Column("role", sa.String(20), nullable=False),
        sa.Column("field_name", sa.String(64), nullable=False),
        sa.Column("signer_username", sa.String(80), nullable=False),
        sa.Column("signer_name", sa.String(200), nullable=False),
        sa.Column("signed_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("level", sa.String(8), nullable=False),
        sa.Column("signed_from", sa.String(64), nullable=False),
        sa.Column("sha256", sa.String(64), nullable=False),
        sa.Column("size", sa.BigInteger(), nullable=False),
        sa.Column("audit_seq", sa.Integer(), nullable=True),
        sa.Column("audit_digest", sa.String(64), nullable=True),
        sa.Column("created_by", sa.String(80), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_document_signatures"),
        sa.UniqueConstraint(
            "case_id", "document_id", "sequence", name="uq_document_signatures_sequence"
        ),
    )
    op.create_index(
        "ix_document_signatures_case_id", "document_signatures", ["case_id"], unique=False
    )


def downgrade() -> None:
    op.drop_index("ix_document_signatures_case_id", table_name="document_signatures")
    op.drop_table("document_signatures")
