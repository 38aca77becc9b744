"""The one place a bug is written down: a report file per fault in the log folder.

A bug is any failure that is not a :class:`app.errors.DeskError` nor an environment
fault. Its report holds what a developer needs — where it happened (every frame of the
traceback with its source line), the exception's type and message, the program's version
and what the user was doing (a command or desk action name) — and no personal data:
argument values are never written, and in the messages every run of digits, every
Chinese character and every e-mail address is masked (a message may quote a name, a
phone or an ID number; ``KeyError: 'display_name'`` stays readable). Reports never
overwrite each other (two in the same second keep both) and only this account can read
them.
"""

from __future__ import annotations

import os
import re
import sys
import traceback
from datetime import UTC, datetime
from pathlib import Path
from types import TracebackType

from app.files import private_folder

# Digits (phones, IDs, cards, orders), CJK characters (names, addresses), e-mail addresses.
_PERSONAL = re.compile(
    r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+|\d+|[\u3400-\u9fff\uf900-\ufaff\U00020000-\U0002fa1f]"
)
# What pydantic and others quote back from the data they refused: withheld whole.
_QUOTED_INPUT = re.compile(r"(input_value|input|value)=(?:'[^']*'|\"[^\"]*\"|\S+)")


def masked(message: str) -> str:
    """``message`` with anything that could identify a person replaced by ``*``.

    Latin-script names can still pass when a message quotes them outside a pydantic
    input; bug messages are written by code, which names fields, not parties.
    """
    message = _QUOTED_INPUT.sub(lambda match: f"{match.group(1)}=<withheld>", message)
    return _PERSONAL.sub(lambda match: "*" * len(match.group()), message)


def write_bug_report(
    folder: Path, error: BaseException, doing: str, *, now: datetime | None = None
) -> Path | None:
    """Write the report of ``error`` (raised while ``doing``); its path, or None if the
    folder cannot be written either."""
    moment = now or datetime.now(UTC)
    body = _report(error, doing, moment)
    try:
        private_folder(folder)
        stem = f"error-{moment.strftime('%Y%m%d-%H%M%S')}-{os.getpid()}"
        for attempt in range(1000):
            path = folder / (f"{stem}.log" if attempt == 0 else f"{stem}-{attempt}.log")
            try:
                descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
            except FileExistsError:
                continue
            with os.fdopen(descriptor, "w", encoding="utf-8") as file:
                file.write(body)
            return path
    except OSError:
        pass
    return None


def _report(error: BaseException, doing: str, moment: datetime) -> str:
    from app import __version__

    lines = [
        f"Mediation Desk {__version__} on Python {sys.version.split()[0]} ({sys.platform})",
        f"at: {moment.isoformat(timespec='seconds')}",
        f"doing: {doing}",
        "",
    ]
    lines += _frames(error)
    return "\n".join(lines) + "\n"


def _frames(error: BaseException) -> list[str]:
    """The traceback of ``error`` and the errors it came from, messages masked."""
    chain: list[BaseException] = []
    current: BaseException | None = error
    while current is not None and current not in chain:
        chain.append(current)
        current = current.__cause__ or current.__context__
    lines: list[str] = []
    for index, link in enumerate(reversed(chain)):
        if index:
            lines += ["", "During handling of the above, another error occurred:", ""]
        lines.append("Traceback (most recent call last):")
        tb: TracebackType | None = link.__traceback__
        for frame in traceback.extract_tb(tb):
            lines.append(f'  File "{frame.filename}", line {frame.lineno}, in {frame.name}')
            if frame.line:
                lines.append(f"    {frame.line.strip()}")
        kind = type(link)
        name = (
            kind.__qualname__
            if kind.__module__ == "builtins"
            else f"{kind.__module__}.{kind.__qualname__}"
        )
        lines.append(f"{name}: {masked(str(link))}")
    return lines
