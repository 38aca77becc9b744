"""Turning values into the short text the desk shows: money, times, due markers.

Pure functions without Qt, so they are easy to test and safe to call from any thread.
Times are shown in the computer's local time zone as ``YYYY-MM-DD HH:MM``: the same
spelling reads naturally in Chinese and English and sorts as it reads.
"""

from __future__ import annotations

import html
from datetime import datetime
from typing import Literal

from app.services.queue import DUE_SOON, FINISHED_STATUSES

DueState = Literal["overdue", "due_soon"]

_NO_MINOR_UNITS = frozenset({"JPY", "KRW", "VND", "CLP", "ISK", "UGX", "XAF", "XOF"})
_SYMBOLS = {"CNY": "¥", "GBP": "£", "USD": "$", "EUR": "€", "HKD": "HK$", "TWD": "NT$"}


def money(value: int | None, currency: str | None) -> str:
    """``129900, "CNY"`` → ``¥1,299.00``; other currencies keep their code."""
    if value is None or currency is None:
        return ""
    whole = currency in _NO_MINOR_UNITS
    amount = f"{value:,}" if whole else f"{value // 100:,}.{value % 100:02d}"
    symbol = _SYMBOLS.get(currency)
    return f"{symbol}{amount}" if symbol else f"{amount} {currency}"


def local_time(moment: datetime | None) -> str:
    if moment is None:
        return ""
    return moment.astimezone().strftime("%Y-%m-%d %H:%M")


def local_date(moment: datetime | None) -> str:
    if moment is None:
        return ""
    return moment.astimezone().strftime("%Y-%m-%d")


def due_state(due_at: datetime | None, status: str, now: datetime) -> DueState | None:
    """Overdue or due soon, for a case still in progress; None otherwise."""
    if due_at is None or status in FINISHED_STATUSES:
        return None
    if due_at < now:
        return "overdue"
    if due_at < now + DUE_SOON:
        return "due_soon"
    return None


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
