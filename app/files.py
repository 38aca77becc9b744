"""Files only this account can read: the data folder, the store, evidence, logs, exports.

Buyers' ID numbers and photos live in the data folder, so everything the desk creates
there is private whatever the umask: folders 0700, files 0600 (POSIX; on Windows the
user's profile folder already keeps others out). :func:`exposed_to_others` tells the
start-up check which existing paths another account could read.
"""

from __future__ import annotations

import logging.handlers
import os
import stat
from pathlib import Path
from typing import Any

PRIVATE_FOLDER = 0o700
PRIVATE_FILE = 0o600
_POSIX = os.name == "posix"


def private_folder(path: Path) -> Path:
    """Create ``path`` (and missing parents) readable by this account only.

    A folder that already exists keeps its mode: the user chose it, and the start-up
    check (:meth:`app.config.DeskPaths.exposed`) reports it if others can read it.
    """
    if path.is_dir():
        return path
    path.mkdir(mode=PRIVATE_FOLDER, parents=True, exist_ok=True)
    if _POSIX:
        os.chmod(path, PRIVATE_FOLDER)  # an unusual umask may take even the owner's bits
    return path


def make_private(path: Path) -> None:
    """Take group and others' access away from an existing file or folder."""
    if _POSIX:
        mode = stat.S_IMODE(path.stat().st_mode)
        if mode & 0o077:
            os.chmod(path, mode & 0o700)


def open_private(path: Path, flags: int = os.O_WRONLY | os.O_CREAT | os.O_TRUNC) -> int:
    """``os.open`` that creates the file 0600 whatever the umask (and fixes an old one)."""
    descriptor = os.open(path, flags, PRIVATE_FILE)
    if _POSIX and not flags & os.O_EXCL:
        # A file that already existed keeps its old mode; a new one (O_EXCL) is 0600
        # already, the umask can only narrow it.
        os.fchmod(descriptor, PRIVATE_FILE)
    return descriptor


def write_private(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` as a private file, atomically (temp file, fsync, rename)."""
    temporary = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    descriptor = open_private(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL)
    try:
        with os.fdopen(descriptor, "wb") as file:
            file.write(data)
            file.flush()
            os.fsync(file.fileno())
        os.replace(temporary, path)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise


def exposed_to_others(path: Path) -> bool:
    """True when group or others may read, write or enter ``path`` (POSIX only)."""
    if not _POSIX:
        return False
    try:
        return bool(stat.S_IMODE(path.stat().st_mode) & 0o077)
    except OSError:
        return False


class PrivateRotatingLog(logging.handlers.RotatingFileHandler):
    """A rotating log file that, like everything else here, only this account can read
    (each new file after a rollover too)."""

    def _open(self) -> Any:
        flags = os.O_WRONLY | os.O_CREAT | os.O_APPEND
        return os.fdopen(open_private(Path(self.baseFilename), flags), "a", encoding=self.encoding)


def output_file(out: Path) -> Path:
    """A file the user named for the desk to write (``--out``): refused, in words, when
    it names a folder or a folder that does not exist — before anything is written."""
    from app.errors import ValidationError
    from app.vocabulary import words

    if out.is_dir():
        raise ValidationError(words("store.out_is_folder", out=str(out)))
    if not out.parent.is_dir():
        raise ValidationError(words("store.out_no_folder", folder=str(out.parent)))
    return out
