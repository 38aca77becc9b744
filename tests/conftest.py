"""Shared test set-up: Qt offscreen, the example bundles, a clean home folder."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

# Must be set before anything imports Qt: without a display Qt aborts the process.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("LANG", "en_US.UTF-8")

REPO = Path(__file__).resolve().parent.parent
EXAMPLES = REPO / "tests" / "data" / "examples"
SCHEMA = REPO / "app" / "contract" / "case-document.schema.json"

pytest_plugins = ["tests.support.postgres", "tests.support.fixtures"]


def _pin_the_keyring() -> None:
    """The OS keyring is a boundary we do not own: the whole test process uses in-memory
    ones. keyring otherwise picks its default backend once, by priority among the backend
    classes imported so far — so which one a test got would depend on import order."""
    import keyring

    from tests.support.memory_keyring import MemoryKeyring

    keyring.set_keyring(MemoryKeyring())


_pin_the_keyring()  # before any fixture, session-wide ones included, opens a desk


@pytest.fixture(autouse=True)
def keyring_of_this_test() -> Iterator[object]:
    """Each test gets an empty in-memory keyring as the OS keyring, so no test sees
    another's secrets."""
    import keyring

    from tests.support.memory_keyring import MemoryKeyring

    backend = MemoryKeyring()
    previous = keyring.get_keyring()
    keyring.set_keyring(backend)
    yield backend
    keyring.set_keyring(previous)


@pytest.fixture()
def example_bundles() -> list[Path]:
    bundles = sorted(EXAMPLES.glob("*.zip"))
    assert bundles, f"no example bundles found in {EXAMPLES}"
    return bundles
