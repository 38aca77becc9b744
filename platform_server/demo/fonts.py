"""Finding a CJK font on this system for evidence images and PDFs.

ReportLab embeds only TrueType-outline fonts (not the CFF Noto CJK files), so the
candidates are TrueType collections; each entry is (path, index in the collection).
Without one, the generator writes its images and PDFs in English only.
"""

from __future__ import annotations

import functools
import os
from pathlib import Path

# Sans for screenshots and photos; a Ming (Song) face suits formal reports.
SANS_CANDIDATES: tuple[tuple[str, int], ...] = (
    ("/usr/share/fonts/truetype/wqy/wqy-microhei.ttc", 0),
    ("/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc", 0),
    ("/usr/share/fonts/wqy-microhei/wqy-microhei.ttc", 0),
    ("/usr/share/fonts/truetype/arphic/ukai.ttc", 0),
)
SERIF_CANDIDATES: tuple[tuple[str, int], ...] = (
    ("/usr/share/fonts/truetype/arphic/uming.ttc", 0),
    ("/usr/share/fonts/truetype/arphic-gbsn00lp/gbsn00lp.ttf", 0),
    *SANS_CANDIDATES,
)
LATIN_CANDIDATES: tuple[tuple[str, int], ...] = (
    ("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf", 0),
    ("/usr/share/fonts/truetype/liberation/LiberationSans-Regular.ttf", 0),
)


def _first(candidates: tuple[tuple[str, int], ...]) -> tuple[str, int] | None:
    override = os.environ.get("MEDIATION_PLATFORM_CJK_FONT")
    if override == "none":
        return None
    if override and Path(override).is_file():
        return override, 0
    for path, index in candidates:
        if Path(path).is_file():
            return path, index
    return None


@functools.cache
def cjk_sans() -> tuple[str, int] | None:
    return _first(SANS_CANDIDATES)


@functools.cache
def cjk_serif() -> tuple[str, int] | None:
    return _first(SERIF_CANDIDATES)


@functools.cache
def latin() -> tuple[str, int] | None:
    for path, index in LATIN_CANDIDATES:
        if Path(path).is_file():
            return path, index
    return None


def has_cjk() -> bool:
    return cjk_sans() is not None
