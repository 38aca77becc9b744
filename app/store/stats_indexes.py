"""The statistics' covering indexes on ``cases`` (what migration 0008 creates and the
models declare)."""

from __future__ import annotations

# The statistics' covering indexes (migration 0008), each in the order of the grouping
# it serves, so SQLite aggregates along the index instead of sorting every case (it has
# no hash aggregation); each holds every column its figures filter on, so no figure
# reads the wide case rows. ``opened_day``/``finished_day`` are China day numbers.
STATS_INDEXES: dict[str, tuple[str, ...]] = {
    # the breakdowns of the cases opened in a period (one pass, grouped by all at once)
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
    # cases opened per day and category (and the earliest intake of a period)
    "ix_cases_stats_opened": ("opened_day", "category", "in_queue", "assigned_to"),
    # the merchants' disputes
    "ix_cases_stats_merchants": (
        "merchant_shop_id",
        "merchant_name",
        "status",
        "opened_day",
        "in_queue",
        "category",
        "assigned_to",
    ),
    # each mediator's load now, and what they closed in the period
    "ix_cases_stats_load": (
        "assigned_to",
        "status",
        "due_at",
        "finished_day",
        "in_queue",
        "category",
    ),
    # the cases finished in a period (handling times, endings, appeals, awards, sanctions),
    # in the order the handling times group them
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
