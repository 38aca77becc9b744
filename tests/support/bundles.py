"""Making case bundles for tests: from the example bundles, changed on purpose."""

from __future__ import annotations

import hashlib
import json
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

from tests.conftest import EXAMPLES

WOOL_COAT = EXAMPLES / "DSP-2026-004711.zip"
LOST_PARCEL = EXAMPLES / "DSP-2026-009102.zip"


def read_example(path: Path = WOOL_COAT) -> tuple[dict[str, Any], dict[str, bytes]]:
    """The example's case document and its evidence bytes by evidence id."""
    with zipfile.ZipFile(path) as archive:
        document = json.loads(archive.read("case.json"))
        files = {
            name.split("/", 1)[1]: archive.read(name)
            for name in archive.namelist()
            if name.startswith("evidence/") and not name.endswith("/")
        }
    return document, files


def declare(document: dict[str, Any], evidence_id: str, data: bytes) -> None:
    """Make the document's size and hash for one evidence item match ``data``."""
    for item in document["evidence"]:
        if item["id"] == evidence_id:
            item["size"] = len(data)
            item["sha256"] = hashlib.sha256(data).hexdigest()


def write_zip(
    out: Path,
    document: dict[str, Any] | bytes,
    files: dict[str, bytes],
    extra: Callable[[zipfile.ZipFile], None] | None = None,
) -> Path:
    """A bundle zip with ``case.json`` and ``evidence/<id>`` entries (plus anything ``extra`` adds)."""
    body = (
        document
        if isinstance(document, bytes)
        else json.dumps(document, ensure_ascii=False).encode()
    )
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("case.json", body)
        for evidence_id, data in files.items():
            archive.writestr(f"evidence/{evidence_id}", data)
        if extra is not None:
            extra(archive)
    return out


def bundle_variant(
    tmp: Path,
    name: str,
    change: Callable[[dict[str, Any], dict[str, bytes]], None] | None = None,
    source: Path = WOOL_COAT,
) -> Path:
    """The example bundle with ``change`` applied to its document and files."""
    document, files = read_example(source)
    if change is not None:
        change(document, files)
    return write_zip(tmp / name, document, files)


def snapshot_folder(folder: Path) -> dict[str, bytes]:
    """Every file under ``folder`` with its bytes: to prove nothing was left behind."""
    return {
        str(path.relative_to(folder)): path.read_bytes()
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }
