"""Fixtures for the desk's Qt tests: stores with the example cases or with a huge queue,
a task runner that is drained before any widget is torn down, the ops every widget takes
(over that runner), and isolated settings.
"""

from __future__ import annotations

import hashlib
import shutil
from collections.abc import Callable, Iterator
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from app.clock import FixedClock
from app.desk import Desk
from app.services.case_import import import_bundle
from tests.conftest import EXAMPLES, REPO
from tests.qt.queue_at_scale import build_large_queue

CHINA = timezone(timedelta(hours=8))
# The example cases were opened in early October 2026; the wool coat is due on the 16th.
EXAMPLES_NOW = datetime(2026, 10, 12, 9, 0, tzinfo=CHINA)
LARGE_NOW = datetime(2026, 11, 22, 9, 0, tzinfo=CHINA)
LARGE_COUNT = 100_000


@pytest.fixture(scope="session")
def examples_home(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A data folder holding both example bundles, imported once per session."""
    home = tmp_path_factory.mktemp("examples") / "home"
    desk = Desk.open(home)
    try:
        for bundle in sorted(EXAMPLES.glob("*.zip")):
            with desk.unit_of_work() as uow:
                import_bundle(uow, bundle, "user:test")
                uow.commit()
    finally:
        desk.close()
    return home


@pytest.fixture()
def examples_desk(examples_home: Path, tmp_path: Path) -> Iterator[Desk]:
    """A private copy of the examples' store (tests may damage its files)."""
    home = tmp_path / "home"
    shutil.copytree(examples_home, home)
    desk = Desk.open(home, clock=FixedClock(EXAMPLES_NOW))
    yield desk
    desk.close()


def _large_queue_key() -> str:
    """Changes when the generator or the schema changes, so a stale store is never used."""
    digest = hashlib.sha256()
    digest.update(str(LARGE_COUNT).encode())
    for path in [REPO / "tests/qt/queue_at_scale.py", *sorted((REPO / "app/store").rglob("*.py"))]:
        digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


@pytest.fixture(scope="session")
def large_queue_home(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Path:
    """A store with 100,000 cases, built once and kept in pytest's cache between runs."""
    cache = getattr(request.config, "cache", None)  # absent with -p no:cacheprovider
    folder = (
        cache.mkdir("mediation-desk-large-queue")
        if cache is not None
        else tmp_path_factory.mktemp("large-queue")
    )
    key = _large_queue_key()
    home = folder / key
    if not (home / "complete").exists():
        for old in folder.iterdir():
            shutil.rmtree(old, ignore_errors=True)
        building = folder / f"{key}.building"
        build_large_queue(building, LARGE_COUNT, LARGE_NOW)
        (building / "complete").write_text("built\n")
        building.rename(home)
    return home


@pytest.fixture()
def large_desk(large_queue_home: Path) -> Iterator[Desk]:
    desk = Desk.open(large_queue_home, clock=FixedClock(LARGE_NOW))
    yield desk
    desk.close()


@pytest.fixture(scope="session")
def compiled_translations() -> Path:
    """The install step's compiled catalogues (built here if this checkout lacks them)."""
    import importlib.util

    spec = importlib.util.spec_from_file_location(
        "build_translations", REPO / "scripts/build_translations.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    module.build()
    return module.TRANSLATIONS  # type: ignore[no-any-return]


@pytest.fixture(autouse=True)
def english(request: pytest.FixtureRequest) -> Iterator[None]:
    """Qt tests run in English, as the desk does on an English system (plural forms too)."""
    if not request.node.path.is_relative_to(Path(__file__).parent):
        yield
        return
    request.getfixturevalue("qapp")
    request.getfixturevalue("compiled_translations")
    from ui.translations import Translations

    translations = Translations()
    translations.apply("en")
    yield
    translations.apply("en")


@pytest.fixture()
def settings(tmp_path: Path):  # type: ignore[no-untyped-def]
    from ui.settings import DeskSettings

    return DeskSettings(tmp_path / "settings.ini")


@pytest.fixture()
def runner(qtbot):  # type: ignore[no-untyped-def]
    """The desk's task runner; widgets shown with ``show`` drain it before they close."""
    from ui.tasks import TaskRunner

    runner = TaskRunner()
    yield runner
    drain(runner)
    runner.deleteLater()


@pytest.fixture()
def ops_for(runner):  # type: ignore[no-untyped-def]
    """Ops on any desk over the drained runner: ``ops_for(desk)`` for a widget to take."""
    from ui.operations import OpRunner

    return lambda desk: OpRunner(desk, runner)


@pytest.fixture()
def ops(examples_desk, ops_for):  # type: ignore[no-untyped-def]
    """Ops on the examples' store, over the drained runner."""
    return ops_for(examples_desk)


def drain(runner) -> None:  # type: ignore[no-untyped-def]
    """Let every background job finish and deliver its answer while the widgets live."""
    from ui.qt import QCoreApplication

    assert runner.wait_for_done(60_000), "background work did not finish"
    QCoreApplication.processEvents()
    runner.cancel_all()
    assert runner.wait_for_done(60_000)
    QCoreApplication.processEvents()


@pytest.fixture()
def show(qtbot, runner) -> Iterator[Callable]:  # type: ignore[no-untyped-def]
    """Show a widget for the test; on teardown the runner is drained before it closes."""

    kept = []  # qtbot holds widgets weakly; Python would delete them when the test returns

    def show(widget, width: int | None = 1280, height: int = 860):  # type: ignore[no-untyped-def]
        kept.append(widget)
        qtbot.addWidget(widget, before_close_func=lambda _widget: drain(runner))
        if width is not None:
            widget.resize(width, height)
        widget.show()
        qtbot.waitExposed(widget)
        return widget

    yield show
    kept.clear()


# The offscreen platform says this whenever a top-level window is shown; it is about the
# test platform, not the desk. Every other Qt warning still fails the test.
OFFSCREEN_NOISE = r"^This plugin does not support propagateSizeHints\(\)$"


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    here = Path(__file__).parent
    for item in items:
        if item.path.is_relative_to(here):
            item.add_marker(pytest.mark.qt_log_ignore(OFFSCREEN_NOISE))
