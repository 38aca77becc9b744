"""The window fits the screen it opens on, and the status bar tells the truth about sign-in.

Screens of a given size are the offscreen platform's (``offscreen:configfile=…``), which
is fixed when Qt starts: those tests run the window in a process of their own
(:mod:`tests.qt.window_on_a_screen`) and read its report.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import REPO
from tests.qt.helpers import record_sign_in, wait_for_queue
from ui.demo import MemoryCredentials
from ui.main_window import MainWindow, clamped_geometry, first_geometry
from ui.qt import QRect
from ui.settings import DeskSettings

PLATFORM = "https://platform.example.cn"


def _open_on_screen(
    screen: str, home: Path, settings: Path, resize: str | None = None
) -> dict[str, Any]:
    command = [
        sys.executable,
        "-m",
        "tests.qt.window_on_a_screen",
        "--screen",
        screen,
        "--home",
        str(home),
        "--settings",
        str(settings),
    ]
    if resize:
        command += ["--resize", resize]
    result = subprocess.run(
        command,
        cwd=REPO,
        env={**os.environ, "PYTHONPATH": str(REPO)},
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    return dict(json.loads(result.stdout.strip().splitlines()[-1]))


def _inside(inner: list[int], outer: list[int]) -> bool:
    x, y, width, height = inner
    left, top, outer_width, outer_height = outer
    return (
        x >= left
        and y >= top
        and x + width <= left + outer_width
        and y + height <= top + outer_height
    )


def _usable(report: dict[str, Any]) -> None:
    available = report["available"]
    assert _inside(report["frame"], available), report
    right, bottom = report["toolbar_end"]  # the toolbar's last button, its far corner
    assert right <= available[0] + available[2] and bottom <= available[1] + available[3]
    assert report["status_visible"] and report["sign_in_shown"]
    assert _inside(report["status_bar"], available), report
    for view, (width, height) in report["minimum"].items():
        # Every tab in every language can be shown in the space there is.
        assert width <= available[2] and height <= available[3], (view, width, height)


@pytest.fixture()
def laptop_home(examples_home: Path, tmp_path: Path) -> Path:
    import shutil

    home = tmp_path / "home"
    shutil.copytree(examples_home, home)
    return home


def test_the_first_window_on_a_laptop_is_sized_from_its_screen(
    laptop_home: Path, tmp_path: Path
) -> None:
    report = _open_on_screen("1366x768", laptop_home, tmp_path / "settings.ini")
    _usable(report)
    frame = report["frame"]
    assert frame[2] < 1440 and frame[3] < 900  # not the desk's size for a large monitor


def test_a_layout_saved_on_a_large_monitor_is_brought_inside_a_laptops_screen(
    laptop_home: Path, tmp_path: Path
) -> None:
    settings = tmp_path / "settings.ini"
    large = _open_on_screen("2560x1440", laptop_home, settings, resize="2400x1300+100+80")
    assert large["frame"][2] > 2000  # the window was that big there, and saved so
    _usable(_open_on_screen("1366x768", laptop_home, settings))


def test_the_first_geometry_fits_the_available_area_or_takes_the_desks_size() -> None:
    laptop = QRect(0, 0, 1366, 728)  # a taskbar at the bottom
    frame = first_geometry(laptop)
    assert laptop.contains(frame) and frame.width() < 1366 and frame.height() < 728
    assert frame.center() == laptop.center()
    monitor = QRect(0, 0, 2560, 1400)
    assert first_geometry(monitor).size().toTuple() == (1440, 900)


@pytest.mark.parametrize(
    ("wanted", "expected"),
    [
        (QRect(100, 80, 2400, 1300), QRect(0, 0, 1366, 728)),  # from a large monitor
        (QRect(900, 500, 800, 600), QRect(566, 128, 800, 600)),  # hanging off the corner
        (QRect(-300, -50, 800, 600), QRect(0, 0, 800, 600)),  # left of and above it
        (QRect(50, 40, 800, 600), QRect(50, 40, 800, 600)),  # already inside: unchanged
    ],
)
def test_a_geometry_is_clamped_inside_the_available_area(wanted: QRect, expected: QRect) -> None:
    assert clamped_geometry(wanted, QRect(0, 0, 1366, 728)) == expected


def _signed_in_text(qtbot, window: MainWindow) -> str:  # type: ignore[no-untyped-def]
    qtbot.waitUntil(lambda: window.sign_ins is not None, timeout=10_000)
    return window.sync_state.text()


def test_a_fresh_data_folder_reads_not_signed_in_whatever_another_one_did(
    qtbot, examples_desk, ops_for, runner, tmp_path: Path, show
) -> None:  # type: ignore[no-untyped-def]
    from app.desk import Desk
    from tests.qt.conftest import drain

    credentials = MemoryCredentials()  # one keyring for the whole computer, as in real life
    settings_file = tmp_path / "shared-settings.ini"  # and one QSettings
    record_sign_in(examples_desk, credentials, PLATFORM, "mediator1")
    first = show(
        MainWindow(ops_for(examples_desk), DeskSettings(settings_file), credentials=credentials)
    )
    first.start()
    assert _signed_in_text(qtbot, first) == f"Signed in as mediator1 · {PLATFORM}"
    first._on_sign_in_dialog_signed_in(PLATFORM, "mediator1")  # remembered in the settings
    first.close()
    assert DeskSettings(settings_file).username == "mediator1"

    desk = Desk.open(tmp_path / "fresh")  # another data folder, never signed in
    try:
        fresh = show(
            MainWindow(ops_for(desk), DeskSettings(settings_file), credentials=credentials)
        )
        fresh.start()
        wait_for_queue(qtbot, fresh.queue.model)
        assert _signed_in_text(qtbot, fresh) == "Working offline · not signed in"
        fresh.close()
    finally:
        drain(runner)  # nothing may still be reading the store it closes
        desk.close()


def test_after_logout_the_status_bar_reads_not_signed_in(qtbot, ops, settings, show) -> None:  # type: ignore[no-untyped-def]
    from app.sync import logout

    credentials = MemoryCredentials()
    record_sign_in(ops.desk, credentials, PLATFORM, "mediator1")
    window = show(MainWindow(ops, settings, credentials=credentials))
    window.start()
    assert _signed_in_text(qtbot, window) == f"Signed in as mediator1 · {PLATFORM}"
    logout(ops.desk, PLATFORM, "mediator1", credentials)  # `mediation-desk logout`: token gone
    window.refresh_sign_in()  # as when the window is active again
    qtbot.waitUntil(
        lambda: window.sync_state.text() == "Working offline · not signed in", timeout=10_000
    )
    assert window.sign_ins == ()


def test_a_keyring_that_cannot_be_read_reads_not_signed_in_and_says_why(
    qtbot, ops, settings, show
) -> None:  # type: ignore[no-untyped-def]
    from app.errors import CredentialStoreUnavailable
    from app.vocabulary import words

    class LockedKeyring(MemoryCredentials):
        def get(self, key: str) -> str | None:
            raise CredentialStoreUnavailable(words("security.keyring_locked"))

    credentials = LockedKeyring()
    record_sign_in(ops.desk, credentials, PLATFORM, "mediator1")
    window = show(MainWindow(ops, settings, credentials=credentials))
    window.start()
    assert _signed_in_text(qtbot, window) == "Working offline · not signed in"
    assert window.sync_state.toolTip() == words("security.keyring_locked").text("en")
