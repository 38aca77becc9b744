"""Turning values into the short text the desk shows: times, sizes, one-line text.

Pure functions without Qt, so they are easy to test and safe to call from any thread.
Times are shown in the computer's local time zone as ``YYYY-MM-DD HH:MM``: the same
spelling reads naturally in Chinese and English and sorts as it reads. Money is
``app.vocabulary.format_money`` and due markers ``app.services.queue.due_state``,
the same for the desk, the command line and the documents.
"""

from __future__ import annotations

import html
from datetime import datetime


def local_time(moment: datetime | None) -> str:
    if moment is None:
        return ""
    return moment.astimezone().strftime("%Y-%m-%d %H:%M")


def local_date(moment: datetime | None) -> str:
    if moment is None:
        return ""
    return moment.astimezone().strftime("%Y-%m-%d")


def file_size(size: int) -> str:
    value = float(size)
    for unit in ("B", "KB", "MB", "GB"):
        if value < 1024 or unit == "GB":
            return f"{value:.0f} {unit}" if unit == "B" else f"{value:.1f} {unit}"
        value /= 1024
    return f"{size} B"


def one_line(text: str | None, limit: int = 300) -> str:
    """Untrusted text squeezed onto one line (for table cells): newlines become spaces."""
    if not text:
        return ""
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"


def tooltip_text(text: str | None) -> str | None:
    """Untrusted text made safe for a tooltip.

    Qt shows a tooltip as rich text whenever it looks like markup, so the text is
    escaped and wrapped in a paragraph that keeps its line breaks: it reads literally.
    """
    if not text:
        return None
    return "<p style='white-space:pre-wrap'>" + html.escape(text, quote=False) + "</p>"
