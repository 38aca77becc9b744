"""Rendering helpers for the report tests: records, and what poppler and qpdf say."""

from __future__ import annotations

import subprocess
from functools import cache
from pathlib import Path

from app.documents import DecisionRecord, RenderedDocument
from reports import render_record
from tests.unit.documents.walks import (
    at_dismissal_draft,
    at_ruling_draft,
    at_settlement,
    record_for,
)


@cache
def record_of(kind: str, language: str = "zh-Hans") -> DecisionRecord:
    walk, document = {
        "ruling": at_ruling_draft,
        "settlement": at_settlement,
        "dismissal": at_dismissal_draft,
    }[kind]()
    return record_for(kind, walk, document, language=language)  # type: ignore[arg-type]


def rendered(
    record: DecisionRecord, tmp_path: Path, name: str = "document"
) -> tuple[RenderedDocument, Path]:
    result = render_record(record)
    path = tmp_path / f"{name}.pdf"
    path.write_bytes(result.data)
    return result, path


def text_of(path: Path, *options: str) -> str:
    return subprocess.run(
        ["pdftotext", *options, str(path), "-"], check=True, capture_output=True, text=True
    ).stdout


def fonts_of(path: Path) -> list[list[str]]:
    lines = subprocess.run(
        ["pdffonts", str(path)], check=True, capture_output=True, text=True
    ).stdout.splitlines()[2:]
    return [line.split() for line in lines]
