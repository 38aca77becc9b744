"""The statistics at 100,000 cases: China day numbers as columns, and covering indexes in
the order of each figure's grouping.

``opened_day`` and ``finished_day`` are the China days (UTC+8, days since 1970-01-01)
of ``created_at`` and ``finished_at``; ``decision_kind``, ``decision_outcome`` and
``sanctions_imposed`` say what the case's decision is (app/stats/case_facts.py), so the
figures about closed cases read one index and never join the wide decision rows. The
cases already in the store get them from the columns and tables they come from here. The two indexes of
0006 give way to five (app/store/stats_indexes.py): SQLite has no hash
aggregation, so a GROUP BY the index is not ordered by sorts every row it reads.

Revision ID: 0008
Revises: 0007
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None

# As they are today (app/store/models.py may change them later, by migrations of its own).
INDEXES: dict[str, tuple[str, ...]] = {
    "ix_cases_stats_cube": (
        "category",
        "reason",
        "status",
        "channel",
        "buyer_province",
        "buyer_city",
        "flagged_malicious",
        "opened_day",
        "in_queue",
        "assigned_to",
    ),
    "ix_cases_stats_opened": ("opened_day", "category", "in_queue", "assigned_to"),
    "ix_cases_stats_merchants": (
        "merchant_shop_id",
        "merchant_name",
        "status",
        "opened_day",
        "in_queue",
        "category",
        "assigned_to",
    ),
    "ix_cases_stats_load": (
        "assigned_to",
        "status",
        "due_at",
        "finished_day",
        "in_queue",
        "category",
    ),
    "ix_cases_stats_finished": (
        "finished_day",
        "category",
        "opened_day",
        "in_queue",
        "assigned_to",
        "status",
        "decision_kind",
        "decision_outcome",
        "sanctions_imposed",
        "merchant_shop_id",
        "merchant_name",
        "id",
    ),
}
# 0006's indexes, put back on the way down.
OLD_OPENED = (
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
OLD_FINISHED = (
    "finished_at",
    "in_queue",
    "status",
    "category",
    "assigned_to",
    "created_at",
    "merchant_shop_id",
    "merchant_name",
)


def _day(dialect: str, moment: str) -> str:
    """The China day number of a stored (UTC) time, as app.stats.case_facts.day_number."""
    if dialect == "sqlite":
        return f"(CAST(strftime('%s', {moment}) AS INTEGER) + 28800) / 86400"
    return f"CAST(floor((extract(epoch FROM {moment}) + 28800) / 86400) AS INTEGER)"


def upgrade() -> None:
    # Plain ALTER TABLE … ADD COLUMN on both databases (never a batch that recreates the
    # table: with foreign keys on, SQLite would delete the child rows with it).
    op.add_column("cases", sa.Column("opened_day", sa.Integer(), nullable=True))
    op.add_column("cases", sa.Column("finished_day", sa.Integer(), nullable=True))
    op.add_column("cases", sa.Column("decision_kind", sa.String(20), nullable=True))
    op.add_column("cases", sa.Column("decision_outcome", sa.String(20), nullable=True))
    op.add_column("cases", sa.Column("sanctions_imposed", sa.Integer(), nullable=True))
    dialect = op.get_bind().dialect.name
    op.execute(
        sa.text(
            f"UPDATE cases SET opened_day = {_day(dialect, 'created_at')}, "
            f"finished_day = CASE WHEN finished_at IS NULL THEN NULL "
            f"ELSE {_day(dialect, 'finished_at')} END"
        )
    )
    # The decision's facts, from the decisions table (written from the same document).
    decision = "FROM decisions WHERE decisions.case_id = cases.id"
    op.execute(
        sa.text(
            f"UPDATE cases SET decision_kind = (SELECT kind {decision}), "
            f"decision_outcome = (SELECT outcome {decision}), "
            f"sanctions_imposed = (SELECT json_array_length(sanctions) {decision})"
        )
    )
    op.drop_index("ix_cases_stats_finished", table_name="cases")
    op.drop_index("ix_cases_stats_opened", table_name="cases")
    for name, columns in INDEXES.items():
        op.create_index(name, "cases", list(columns))


def downgrade() -> None:
    for name in INDEXES:
        op.drop_index(name, table_name="cases")
    op.create_index("ix_cases_stats_opened", "cases", list(OLD_OPENED))
    op.create_index("ix_cases_stats_finished", "cases", list(OLD_FINISHED))
    for name in ("sanctions_imposed", "decision_outcome", "decision_kind", "finished_day", "opened_day"):
        # Not a batch: recreating ``cases`` would drop it, and with foreign keys on
        # SQLite would delete every child row with it. SQLite drops a column itself.
        op.execute(sa.text(f"ALTER TABLE cases DROP COLUMN {name}"))
