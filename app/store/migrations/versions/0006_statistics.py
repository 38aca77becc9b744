"""What the statistics count, as columns of ``cases``, and the indexes their periods use.

``finished_at``, ``buyer_province``, ``buyer_city``, ``merchant_shop_id`` and
``flagged_malicious`` are derived from the case document (app/stats/case_facts.py);
cases already in the store get them from their current snapshot here. Two covering
indexes hold what the figures read (by when a case was opened, and when it finished), so
no figure reads the wide case rows; appeals are looked up by event name across the
history table.

Revision ID: 0006
Revises: 0005
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None

_BATCH = 500
# As they are today (app/store/models.py may change them later, by migrations of its own).
OPENED = (
    "created_at",
    "in_queue",
    "category",
    "reason",
    "status",
    "channel",
    "buyer_province",
    "buyer_city",
    "assigned_to",
    "flagged_malicious",
    "due_at",
    "finished_at",
    "merchant_shop_id",
    "merchant_name",
)
FINISHED = (
    "finished_at",
    "in_queue",
    "status",
    "category",
    "assigned_to",
    "created_at",
    "merchant_shop_id",
    "merchant_name",
)


_COLUMNS = ("finished_at", "buyer_province", "buyer_city", "merchant_shop_id", "flagged_malicious")


def upgrade() -> None:
    # Plain ALTER TABLE … ADD COLUMN on both databases (never a batch that recreates the
    # table: with foreign keys on, SQLite would delete the child rows with it).
    op.add_column("cases", sa.Column("finished_at", sa.DateTime(timezone=True), nullable=True))
    op.add_column("cases", sa.Column("buyer_province", sa.String(40), nullable=True))
    op.add_column("cases", sa.Column("buyer_city", sa.String(40), nullable=True))
    op.add_column("cases", sa.Column("merchant_shop_id", sa.String(64), nullable=True))
    op.add_column("cases", sa.Column("flagged_malicious", sa.Boolean(), nullable=True))
    # Covering indexes: each figure reads one of them, never the wide rows.
    op.create_index("ix_cases_stats_opened", "cases", list(OPENED))
    op.create_index("ix_cases_stats_finished", "cases", list(FINISHED))
    op.create_index("ix_history_events_stats_event", "history_events", ["event", "case_id"])
    _fill_from_snapshots()


def _fill_from_snapshots() -> None:
    from app.contract.case_document import CaseDocumentError, parse_case_document
    from app.stats.case_facts import statistics_columns
    from app.store.models import Case, CaseSnapshot, table_of

    connection = op.get_bind()
    cases = table_of(Case)
    snapshots = table_of(CaseSnapshot)
    current = (
        sa.select(cases.c.id, snapshots.c.document)
        .join(
            snapshots,
            sa.and_(
                snapshots.c.case_id == cases.c.id,
                snapshots.c.sha256 == cases.c.document_sha256,
            ),
        )
        .order_by(cases.c.id)
    )
    last = ""
    while True:
        rows = connection.execute(current.where(cases.c.id > last).limit(_BATCH)).all()
        if not rows:
            return
        for case_id, raw in rows:
            try:
                document = parse_case_document(raw)
            except CaseDocumentError:
                continue  # a damaged snapshot: record verification reports it
            # Only the columns this revision adds (later ones add more, and fill them).
            derived = statistics_columns(document)
            connection.execute(
                sa.update(cases)
                .where(cases.c.id == case_id)
                .values(**{name: derived[name] for name in _COLUMNS})
            )
        last = rows[-1][0]


def downgrade() -> None:
    op.drop_index("ix_history_events_stats_event", table_name="history_events")
    op.drop_index("ix_cases_stats_finished", table_name="cases")
    op.drop_index("ix_cases_stats_opened", table_name="cases")
    for name in ("flagged_malicious", "merchant_shop_id", "buyer_city", "buyer_province", "finished_at"):
        # Not a batch: recreating ``cases`` would drop it, and with foreign keys on
        # SQLite would delete every child row with it. SQLite drops a column itself.
        op.execute(sa.text(f"ALTER TABLE cases DROP COLUMN {name}"))
