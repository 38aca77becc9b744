"""One reference platform on loopback per module for the review tests."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.integration.sync.conftest import Platform, start_platform


@pytest.fixture(scope="module")
def platform(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Platform]:
    server = start_platform(tmp_path_factory.mktemp("platform"), cases=40)
    try:
        yield Platform(server)
    finally:
        server.stop()
