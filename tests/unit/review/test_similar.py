"""The consistency aid's arithmetic: percentiles as percentile_cont, ranks, and flags."""

from __future__ import annotations

import pytest

from app.review.similar import percent_rank, percentile_cont


def test_percentiles_interpolate_between_ranks_like_postgresql() -> None:
    values = [100, 200, 300, 400, 500]
    assert percentile_cont(values, 50) == 300
    assert percentile_cont(values, 5) == pytest.approx(120.0)
    assert percentile_cont(values, 95) == pytest.approx(480.0)
    assert percentile_cont([7], 95) == 7
    assert percentile_cont([], 50) is None


def test_a_rank_counts_below_and_half_of_the_equal() -> None:
    assert percent_rank([100, 200, 300, 400], 250) == 50.0
    assert percent_rank([100, 200, 300, 400], 50) == 0.0
    assert percent_rank([100, 200, 300, 400], 999) == 100.0
    assert percent_rank([100, 100], 100) == 50.0
    assert percent_rank([], 1) is None
