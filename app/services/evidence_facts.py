"""What a photo's own data says against what its submitter claims.

A photo's EXIF block records when the camera took it (``DateTimeOriginal``, and on
newer cameras the UTC offset it was taken at). A party also claims a capture time when
submitting it. When the two disagree by more than an hour the mediator should look
twice; the desk shows the verdict, this module decides it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Literal

# More apart than this and the photo's own time does not back the claim. (An hour
# absorbs a camera clock left a little wrong; a wrong time zone is more than that.)
CAPTURE_TIME_TOLERANCE = timedelta(hours=1)

CaptureTimeVerdict = Literal["no_exif", "agrees", "differs", "cannot_compare"]


@dataclass(frozen=True)
class CaptureTimeCheck:
    """The EXIF capture time (aware only when the camera wrote an offset) and the verdict."""

    exif_time: datetime | None
    verdict: CaptureTimeVerdict


def exif_capture_time(taken: str | None, offset: str | None) -> datetime | None:
    """EXIF's ``2026:10:05 18:12:33`` (and ``+08:00`` where recorded) as a datetime.

    Aware only with an offset: without one the camera's time zone is unknown. None when
    the text is not an EXIF time (the file came from a party: anything can be in it).
    """
    if not taken:
        return None
    try:
        moment = datetime.strptime(taken.strip()[:19], "%Y:%m:%d %H:%M:%S")
    except ValueError:
        return None
    if not offset:
        return moment
    try:
        aware = datetime.fromisoformat(moment.strftime("%Y-%m-%dT%H:%M:%S") + offset.strip()[:6])
    except ValueError:
        return moment
    return aware if aware.tzinfo is not None else moment


def check_capture_time(
    exif_taken: str | None, exif_offset: str | None, claimed: datetime | None
) -> CaptureTimeCheck:
    """Does the photo's EXIF time back the claimed capture time (within an hour)?

    ``cannot_compare`` when there is no claim, or the EXIF time has no offset (a
    camera's local time without its zone could be any of 26 hours) or cannot be read.
    """
    if not exif_taken:
        return CaptureTimeCheck(None, "no_exif")
    taken = exif_capture_time(exif_taken, exif_offset)
    if taken is None or taken.tzinfo is None or claimed is None or claimed.tzinfo is None:
        return CaptureTimeCheck(taken, "cannot_compare")
    apart = abs(taken - claimed)
    return CaptureTimeCheck(taken, "differs" if apart > CAPTURE_TIME_TOLERANCE else "agrees")
