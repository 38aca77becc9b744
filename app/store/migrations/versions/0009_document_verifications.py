"""What verifying a signed form of a decision document found (issue 13, item 7): the
workflow's "Both signatures validate" is read from here. The core cannot run the
verifier (pyHanko lives in ``reports.signing``), so the entry point that verifies a
signed form records the verdict, tied to that form's SHA-256: a later signature makes a
new form, and a verdict on the old one no longer counts.

Revision ID: 0009
Revises: 0008
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "document_verifications",
        sa.Column("id", sa.Integer(), primary_key=True, autoincrement=True),
        sa.Column(
            "case_id",
            sa.String(64),
            sa.ForeignKey(
                "cases.id", ondelete="CASCADE", name="fk_document_verifications_case_id_cases"
            ),
            nullable=False,
        ),
        sa.Column("document_id", sa.String(64), nullable=False),
        sa.Column("sha256", sa.String(64), nullable=False),
        sa.Column("state", sa.String(20), nullable=False),
        sa.Column("signed_by_mediator", sa.Boolean(), nullable=False),
        sa.Column("countersigned", sa.Boolean(), nullable=False),
        sa.Column("problem", sa.Text(), nullable=True),
        sa.Column("verified_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("verified_by", sa.String(80), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_document_verifications"),
    )
    op.create_index(
        "ix_document_verifications_case_id", "document_verifications", ["case_id"], unique=False
    )


def downgrade() -> None:
    op.drop_index("ix_document_verifications_case_id", table_name="document_verifications")
    op.drop_table("document_verifications")
