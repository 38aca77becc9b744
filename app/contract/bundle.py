"""Case bundles: one case and its files for offline transfer (a zip file or a folder).

Layout: ``case.json``, ``evidence/<evidence id>`` per evidence item, and optionally
``documents/<sha256>.pdf``. Nothing else. Entry names are never trusted: ``..``,
absolute paths, links, duplicates, undeclared entries, entries larger than the size the
document declares, and totals over the limit are refused.

:func:`read_bundle` checks everything and stages every file (verified size and SHA-256)
before it returns, so the caller can store the case in one step or drop it whole. A
refusal is a :class:`BundleError` with a :data:`Refusal` code; its words
(``contract.refusal.<code>``) are said in the reader's language when shown.
"""

from __future__ import annotations

import io
import os
import stat
import zipfile
import zlib
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO, Final, Literal, TypeVar, cast, get_args

from app.contract.case_document import (
    CaseDocument,
    CaseDocumentError,
    is_valid_id,
    parse_case_document,
)
from app.contract.content_store import StagedFile, Staging, is_sha256
from app.contract.language import Language
from app.contract.problems import Problem, ProblemList
from app.files import open_private
from app.vocabulary.catalog import Words, words

CASE_JSON = "case.json"
EVIDENCE_DIR = "evidence"
DOCUMENTS_DIR = "documents"

_T = TypeVar("_T")


@dataclass(frozen=True)
class BundleLimits:
    """How much a bundle may hold; anything larger is refused before it is read."""

    case_json_bytes: int = 64 * 1024 * 1024
    total_bytes: int = 8 * 1024 * 1024 * 1024
    entries: int = 5000


Refusal = Literal[
    # the bundle as a whole
    "no_such_file",
    "not_a_zip",
    "damaged_zip",
    "too_many_entries",
    "too_large_total",
    # entry names and kinds
    "invalid_name",
    "backslash",
    "absolute_path",
    "leaves_folder",
    "link",
    "encrypted",
    "not_a_plain_file",
    "unexpected_folder",
    "not_in_format",
    "duplicate",
    # what case.json declares
    "case_json_missing",
    "document_invalid",
    "undeclared",
    "evidence_missing",
    # reading an entry
    "entry_too_large",
    "size_differs",
    "larger_than_declared",
    "hash_mismatch",
    "damaged_entry",
    "unsupported_compression",
    "unreadable",
]
REFUSALS: Final[frozenset[str]] = frozenset(get_args(Refusal))
WHOLE_BUNDLE: Final = "bundle"
"""The ``where`` of a refusal that concerns the bundle as a whole, not one entry."""


class BundleError(ValueError):
    """A bundle that cannot be imported, said in the reader's language when shown.

    ``bundle`` is the file or folder name, ``where`` the entry at fault (or
    :data:`WHOLE_BUNDLE`), ``code`` which :data:`Refusal` it is, ``problem`` what is wrong
    (said in a language when shown), and ``problems`` the case document's own
    problems when ``case.json`` breaks the schema. Names and values from the bundle are
    plain values in the sentence, never part of it.
    """

    def __init__(
        self,
        bundle: str,
        where: str | None,
        code: Refusal,
        params: tuple[tuple[str, object], ...] = (),
        problems: tuple[Problem, ...] = (),
    ) -> None:
        super().__init__(bundle, where, code, params, problems)
        self.bundle = bundle
        self.entry = where
        self.where = where if where is not None else WHOLE_BUNDLE
        self.code = code
        self.params = params
        self.problems = problems

    @property
    def values(self) -> dict[str, object]:
        return dict(self.params)

    @property
    def problem(self) -> Words:
        """What is wrong, without the bundle and the entry: ``is a link; …``."""
        return Words(f"contract.refusal.{self.code}", self.params)

    def text(self, language: Language | None = None) -> str:
        """``bad.zip: evidence/E2: its bytes do not match …`` in ``language``."""
        where: object = self.entry if self.entry is not None else words("contract.whole_bundle")
        return words(
            "contract.bundle_refused", bundle=self.bundle, where=where, problem=self.problem
        ).text(language)

    def __str__(self) -> str:
        return self.text()


def _refuse(label: str, where: str | None, code: Refusal, /, **params: object) -> BundleError:
    return BundleError(label, where, code, tuple(params.items()))


@dataclass(frozen=True)
class Bundle:
    """A checked bundle whose files are staged and verified, ready to be stored."""

    source: str
    document: CaseDocument
    case_json: bytes
    evidence_files: dict[str, StagedFile]
    document_files: dict[str, StagedFile] = field(default_factory=dict)


@dataclass(frozen=True)
class _Entry:
    name: str
    size: int | None
    open: Callable[[], BinaryIO]


def read_bundle(path: Path, staging: Staging, limits: BundleLimits | None = None) -> Bundle:
    """Read, check and stage one bundle, or raise :class:`BundleError` naming the fault."""
    limits = limits or BundleLimits()
    label = path.name or str(path)
    if path.is_dir():
        return _read_entries(label, _folder_entries(label, path, limits), staging, limits)
    if not path.is_file():
        raise _refuse(label, None, "no_such_file")
    if not zipfile.is_zipfile(path):
        raise _refuse(label, None, "not_a_zip")
    try:
        with zipfile.ZipFile(path) as archive:
            return _read_entries(label, _zip_entries(label, archive, limits), staging, limits)
    except zipfile.BadZipFile as exc:
        raise _refuse(label, None, "damaged_zip", detail=str(exc)) from None


def _read_entries(
    label: str, entries: dict[str, _Entry], staging: Staging, limits: BundleLimits
) -> Bundle:
    case_entry = entries.get(CASE_JSON)
    if case_entry is None:
        raise _refuse(label, CASE_JSON, "case_json_missing")
    case_json = _read_small(label, case_entry, limits.case_json_bytes)
    try:
        document = parse_case_document(case_json)
    except CaseDocumentError as exc:
        problems = tuple(exc.problems)
        said = (("problems", ProblemList(problems)),)
        raise BundleError(label, CASE_JSON, "document_invalid", said, problems) from None

    declared_evidence = {f"{EVIDENCE_DIR}/{item.id}": item for item in document.evidence}
    declared_documents = {
        f"{DOCUMENTS_DIR}/{doc.sha256}.pdf": doc for doc in document.documents or []
    }
    for name in entries:
        if name != CASE_JSON and name not in declared_evidence and name not in declared_documents:
            raise _refuse(label, name, "undeclared")
    for name in declared_evidence:
        if name not in entries:
            raise _refuse(label, name, "evidence_missing")
    total = sum(item.size for item in document.evidence) + sum(
        doc.size for name, doc in declared_documents.items() if name in entries
    )
    if total > limits.total_bytes:
        raise _refuse(label, None, "too_large_total", total=total, limit=limits.total_bytes)

    evidence_files = {
        item.id: _stage_checked(label, entries[name], item.size, item.sha256, staging)
        for name, item in declared_evidence.items()
    }
    document_files = {
        doc.sha256: _stage_checked(label, entries[name], doc.size, doc.sha256, staging)
        for name, doc in declared_documents.items()
        if name in entries
    }
    return Bundle(label, document, case_json, evidence_files, document_files)


def _read_small(label: str, entry: _Entry, limit: int) -> bytes:
    if entry.size is not None and entry.size > limit:
        raise _refuse(label, entry.name, "entry_too_large", limit=limit)
    with _reading(label, entry) as source:
        data = source.read(limit + 1)
    if len(data) > limit:
        raise _refuse(label, entry.name, "entry_too_large", limit=limit)
    return data


def _stage_checked(
    label: str, entry: _Entry, size: int, sha256: str, staging: Staging
) -> StagedFile:
    if entry.size is not None and entry.size > size:
        raise _refuse(label, entry.name, "size_differs", size=entry.size, declared=size)
    with _reading(label, entry) as source:
        staged = _guarded(label, entry.name, lambda: staging.stage_stream(source, size))
    if staged.overflowed:
        raise _refuse(label, entry.name, "larger_than_declared", declared=size)
    if staged.size != size:
        raise _refuse(label, entry.name, "size_differs", size=staged.size, declared=size)
    if staged.sha256 != sha256:
        raise _refuse(label, entry.name, "hash_mismatch")
    return staged


class _reading:
    """Open an entry, turning archive faults into a :class:`BundleError` for that entry."""

    def __init__(self, label: str, entry: _Entry) -> None:
        self.label = label
        self.entry = entry
        self.source: BinaryIO | None = None

    def __enter__(self) -> BinaryIO:
        self.source = _guarded(self.label, self.entry.name, self.entry.open)
        return cast(BinaryIO, _GuardedReader(self.label, self.entry.name, self.source))

    def __exit__(self, *exc: object) -> None:
        if self.source is not None:
            self.source.close()


class _GuardedReader(io.RawIOBase):
    def __init__(self, label: str, name: str, source: BinaryIO) -> None:
        self._label = label
        self._name = name
        self._source = source

    def read(self, size: int = -1) -> bytes:
        return _guarded(self._label, self._name, lambda: self._source.read(size))

    def readable(self) -> bool:
        return True


def _guarded(label: str, name: str, action: Callable[[], _T]) -> _T:
    try:
        return action()
    except BundleError:
        raise
    except (zipfile.BadZipFile, zlib.error, EOFError) as exc:
        raise _refuse(label, name, "damaged_entry", detail=str(exc)) from None
    except NotImplementedError as exc:
        raise _refuse(label, name, "unsupported_compression", detail=str(exc)) from None
    except RuntimeError as exc:  # zipfile raises this for encrypted entries
        raise _refuse(label, name, "unreadable", detail=str(exc)) from None
    except OSError as exc:
        raise _refuse(label, name, "unreadable", detail=str(exc.strerror or exc)) from None


def _check_name(label: str, name: str) -> None:
    """Refuse entry names that could point anywhere but inside the bundle."""
    if not name or "\x00" in name or any(ord(char) < 32 for char in name):
        raise _refuse(label, repr(name), "invalid_name")
    if "\\" in name:
        raise _refuse(label, name, "backslash")
    if name.startswith("/") or (len(name) > 1 and name[1] == ":"):
        raise _refuse(label, name, "absolute_path")
    parts = name.rstrip("/").split("/")
    if any(part in ("", ".", "..") for part in parts):
        raise _refuse(label, name, "leaves_folder")


def _expected_name(name: str) -> bool:
    if name == CASE_JSON:
        return True
    folder, _, leaf = name.partition("/")
    if folder == EVIDENCE_DIR:
        return is_valid_id(leaf)
    if folder == DOCUMENTS_DIR:
        return leaf.endswith(".pdf") and is_sha256(leaf[:-4])
    return False


def _zip_entries(label: str, archive: zipfile.ZipFile, limits: BundleLimits) -> dict[str, _Entry]:
    infos = archive.infolist()
    if len(infos) > limits.entries:
        raise _refuse(label, None, "too_many_entries", limit=limits.entries)
    entries: dict[str, _Entry] = {}
    for info in infos:
        name = info.filename
        _check_name(label, name)
        mode = info.external_attr >> 16
        if stat.S_ISLNK(mode):
            raise _refuse(label, name, "link")
        if info.flag_bits & 0x1:
            raise _refuse(label, name, "encrypted")
        if info.is_dir():
            if name.rstrip("/") in (EVIDENCE_DIR, DOCUMENTS_DIR):
                continue
            raise _refuse(label, name, "unexpected_folder")
        if name in entries:
            raise _refuse(label, name, "duplicate")
        if not _expected_name(name):
            raise _refuse(label, name, "not_in_format")
        entries[name] = _Entry(name, info.file_size, _opener(archive, info))
    return entries


def _opener(archive: zipfile.ZipFile, info: zipfile.ZipInfo) -> Callable[[], BinaryIO]:
    return lambda: cast(BinaryIO, archive.open(info))


def _folder_entries(label: str, root: Path, limits: BundleLimits) -> dict[str, _Entry]:
    entries: dict[str, _Entry] = {}

    def visit(folder: Path, prefix: str) -> None:
        with os.scandir(folder) as listing:
            for item in listing:
                name = prefix + item.name
                _check_name(label, name)
                info = item.stat(follow_symlinks=False)
                if stat.S_ISLNK(info.st_mode):
                    raise _refuse(label, name, "link")
                if stat.S_ISDIR(info.st_mode):
                    if prefix or item.name not in (EVIDENCE_DIR, DOCUMENTS_DIR):
                        raise _refuse(label, name + "/", "unexpected_folder")
                    visit(Path(item.path), name + "/")
                    continue
                if not stat.S_ISREG(info.st_mode):
                    raise _refuse(label, name, "not_a_plain_file")
                if not _expected_name(name):
                    raise _refuse(label, name, "not_in_format")
                if len(entries) >= limits.entries:
                    raise _refuse(label, None, "too_many_entries", limit=limits.entries)
                entries[name] = _Entry(name, info.st_size, _file_opener(Path(item.path)))

    visit(root, "")
    return entries


def _file_opener(path: Path) -> Callable[[], BinaryIO]:
    # O_NOFOLLOW: a file swapped for a link after the listing is still refused.
    def open_file() -> BinaryIO:
        descriptor = os.open(path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0))
        return os.fdopen(descriptor, "rb")

    return open_file


# ---------------------------------------------------------------------------------------
# Writing


def write_bundle(
    out: Path,
    case_json: bytes,
    evidence: Iterable[tuple[str, Callable[[], BinaryIO]]],
    documents: Iterable[tuple[str, Callable[[], BinaryIO]]] = (),
) -> None:
    """Write a bundle zip atomically: a temporary file, fsync, then rename.

    Entry times are fixed so the same case always gives the same bytes.
    """
    out = out.resolve()
    temporary = out.with_name(f".{out.name}.partial-{os.getpid()}")
    try:
        # A bundle carries the parties' personal data: readable by this account only.
        os.close(open_private(temporary, os.O_WRONLY | os.O_CREAT | os.O_TRUNC))
        with zipfile.ZipFile(temporary, "w") as archive:
            _add(archive, CASE_JSON, lambda: io.BytesIO(case_json), zipfile.ZIP_DEFLATED)
            for evidence_id, opener in evidence:
                _add(archive, f"{EVIDENCE_DIR}/{evidence_id}", opener, zipfile.ZIP_DEFLATED)
            for sha256, opener in documents:
                _add(archive, f"{DOCUMENTS_DIR}/{sha256}.pdf", opener, zipfile.ZIP_DEFLATED)
        with open(temporary, "rb+") as written:
            os.fsync(written.fileno())
        os.replace(temporary, out)
    finally:
        temporary.unlink(missing_ok=True)


def _add(
    archive: zipfile.ZipFile, name: str, opener: Callable[[], BinaryIO], compression: int
) -> None:
    info = zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0))
    info.compress_type = compression
    info.external_attr = (stat.S_IFREG | 0o644) << 16
    with opener() as source, archive.open(info, "w") as sink:
        while chunk := source.read(1024 * 1024):
            sink.write(chunk)
