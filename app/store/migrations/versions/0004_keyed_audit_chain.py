"""A keyed audit chain: the desk's identity, and each event's hashing scheme and key.

Events recorded before this migration stay plain SHA-256 links ("sha256"); from now on
an event is an HMAC-SHA-256 under the desk's chain key ("hmac-sha256"), which lives in
the OS keyring, never in the database (see app/audit.py).

Revision ID: 0004
Revises: 0003
"""

from __future__ import annotations

import uuid

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    meta = op.create_table(
        "desk_meta",
        sa.Column("key", sa.String(64), primary_key=True),
        sa.Column("value", sa.String(500), nullable=False),
    )
    op.bulk_insert(meta, [{"key": "desk_id", "value": uuid.uuid4().hex}])
    with op.batch_alter_table("audit_events") as batch:
        batch.add_column(
            sa.Column("scheme", sa.String(16), nullable=False, server_default="sha256")
        )
        batch.add_column(sa.Column("key_id", sa.String(16), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("audit_events") as batch:
        batch.drop_column("key_id")
        batch.drop_column("scheme")
    op.drop_table("desk_meta")
