"""Shared test set-up: Qt offscreen, the example bundles, a clean home folder."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

# Must be set before anything imports Qt: without a display Qt aborts the process.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("LANG", "en_US.UTF-8")

REPO = Path(__file__).resolve().parent.parent
EXAMPLES = REPO / "tests" / "data" / "examples"
SCHEMA = REPO / "app" / "contract" / "case-document.schema.json"

pytest_plugins = ["tests.support.postgres", "tests.support.fixtures"]


@pytest.fixture()
def example_bundles() -> list[Path]:
    bundles = sorted(EXAMPLES.glob("*.zip"))
    assert bundles, f"no example bundles found in {EXAMPLES}"
    return bundles
