"""A photo's EXIF time against the claimed capture time: the rule the evidence viewer shows."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest

from app.services.evidence_facts import check_capture_time, exif_capture_time

CHINA = timezone(timedelta(hours=8))
CLAIMED = datetime(2026, 10, 5, 18, 0, tzinfo=CHINA)


@pytest.mark.parametrize(
    ("taken", "verdict"),
    [
        ("2026:10:05 18:59:59", "agrees"),  # 59 minutes 59 seconds apart
        ("2026:10:05 19:00:00", "agrees"),  # exactly an hour is still within
        ("2026:10:05 19:00:01", "differs"),
        ("2026:10:05 16:59:59", "differs"),  # earlier counts the same as later
        ("2026:09:01 08:00:00", "differs"),
    ],
)
def test_more_than_an_hour_between_exif_and_the_claim_differs(taken: str, verdict: str) -> None:
    assert check_capture_time(taken, "+08:00", CLAIMED).verdict == verdict


def test_the_offset_the_camera_recorded_is_taken_into_account() -> None:
    # 10:00 in UTC is 18:00 in China: the same moment, whatever the clock face says.
    check = check_capture_time("2026:10:05 10:00:00", "+00:00", CLAIMED)
    assert check.verdict == "agrees"
    assert check.exif_time == CLAIMED


def test_without_an_offset_or_a_claim_the_times_cannot_be_compared() -> None:
    assert check_capture_time("2026:09:01 08:00:00", None, CLAIMED).verdict == "cannot_compare"
    assert check_capture_time("2026:09:01 08:00:00", "+08:00", None).verdict == "cannot_compare"
    assert check_capture_time("not a time", "+08:00", CLAIMED).verdict == "cannot_compare"


def test_a_photo_without_an_exif_time_says_so() -> None:
    assert check_capture_time(None, None, CLAIMED).verdict == "no_exif"
    assert check_capture_time("", "+08:00", CLAIMED).verdict == "no_exif"


def test_exif_times_are_read_as_cameras_write_them() -> None:
    assert exif_capture_time("2026:10:05 18:12:33", "+08:00") == datetime(
        2026, 10, 5, 18, 12, 33, tzinfo=CHINA
    )
    assert exif_capture_time("2026:10:05 18:12:33", None) == datetime(2026, 10, 5, 18, 12, 33)
    assert exif_capture_time("2026:10:05 18:12:33", "garbage") == datetime(2026, 10, 5, 18, 12, 33)
    assert exif_capture_time("yesterday", "+08:00") is None
