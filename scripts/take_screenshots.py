#!/usr/bin/env python3
"""Take screenshots of the desk's main views into docs/screenshots/.

Runs the real desk in a real X server: under Xvfb when there is no display (it starts
one on a free display number and stops it afterwards), the size of a 1366 × 768 laptop
screen, the smallest the desk is made for. The data is the two example bundles plus a
queue of generated cases, on a fixed clock, in the China time zone; the conflict is a
real one, made against the reference platform on loopback (offline work held at sync).

    .venv/bin/python scripts/take_screenshots.py [--out docs/screenshots]
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import datetime, timedelta, timezone
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

CHINA = timezone(timedelta(hours=8))
NOW = datetime(2026, 10, 15, 10, 30, tzinfo=CHINA)
SIZE = (1366, 768)  # a laptop's screen: everything must be on it


def start_xvfb() -> subprocess.Popen[bytes] | None:
    """An X server for the screenshots when none is there; None if one already is."""
    if os.environ.get("DISPLAY"):
        return None
    if shutil.which("Xvfb") is None:
        raise SystemExit("Xvfb is not installed (apt-get install xvfb); it draws the screenshots.")
    # -displayfd: Xvfb picks a free display number itself and writes it to the pipe.
    read_end, write_end = os.pipe()
    server = subprocess.Popen(
        [
            "Xvfb",
            "-displayfd",
            str(write_end),
            "-screen",
            "0",
            f"{SIZE[0]}x{SIZE[1]}x24",
            "-nolisten",
            "tcp",
        ],
        pass_fds=(write_end,),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    os.close(write_end)
    with os.fdopen(read_end) as answer:
        number = answer.readline().strip()
    if not number:
        server.kill()
        raise SystemExit("Xvfb did not start")
    os.environ["DISPLAY"] = f":{number}"
    return server


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=REPO / "docs" / "screenshots")
    parser.add_argument(
        "--only", choices=("dashboard",), help="take only these screenshots (the dashboard's)"
    )
    args = parser.parse_args(argv)
    os.environ["TZ"] = "Asia/Shanghai"
    time.tzset()
    os.environ["QT_QPA_PLATFORM"] = "xcb"
    server = start_xvfb()
    try:
        with tempfile.TemporaryDirectory(prefix="desk-screenshots-") as folder:
            if args.only != "dashboard":
                take_screenshots(Path(folder), args.out)
            return take_dashboard_screenshots(Path(folder), args.out)
    finally:
        if server is not None:
            server.terminate()
            server.wait(5)


def take_screenshots(folder: Path, out: Path) -> int:
    # Imported here: Qt must see the display chosen above.
    from app.clock import FixedClock
    from app.desk import Desk
    from app.services.case_import import import_bundle
    from tests.qt.helpers import record_sign_in
    from tests.qt.queue_at_scale import build_large_queue
    from ui.app import application, build_window
    from ui.demo import MemoryCredentials
    from ui.evidence_loading import LoadedImage
    from ui.qt import QAbstractItemView, QCoreApplication, QModelIndex, QWidget
    from ui.settings import DeskSettings
    from ui.sign_in_dialog import SignInDialog
    from ui.sync_dialog import SyncDialog

    out.mkdir(parents=True, exist_ok=True)
    home = folder / "home"
    build_large_queue(home, 2_400, NOW)
    desk = Desk.open(home, clock=FixedClock(NOW))
    for bundle in sorted((REPO / "tests" / "data" / "examples").glob("*.zip")):
        with desk.unit_of_work() as uow:
            import_bundle(uow, bundle, "user:mediator1")
            uow.commit()

    # Signed in to this store, with the token in a keyring (the status bar reads both).
    credentials = MemoryCredentials()
    record_sign_in(desk, credentials, "https://platform.example.cn", "mediator1")

    app = application()

    def settle(seconds: float = 0.3) -> None:
        end = time.monotonic() + seconds
        while time.monotonic() < end:
            QCoreApplication.processEvents()
            time.sleep(0.01)

    def wait_until(condition: Callable[[], bool], timeout: float = 15.0) -> None:
        end = time.monotonic() + timeout
        while not condition():
            if time.monotonic() > end:
                raise SystemExit("the desk did not get there in time")
            QCoreApplication.processEvents()
            time.sleep(0.01)

    def save(widget: QWidget, name: str) -> None:
        settle(0.4)
        path = out / f"{name}.png"
        widget.grab().save(str(path))
        print(f"wrote {path.relative_to(REPO) if path.is_relative_to(REPO) else path}")

    def open_window(language: str, case_id: str, on=None):  # type: ignore[no-untyped-def]
        settings = DeskSettings(folder / f"settings-{language}.ini")
        settings.language = language
        window = build_window(on or desk, settings=settings, credentials=credentials)
        window.resize(*SIZE)
        window.move(0, 0)
        window.show()
        window.start()
        model = window.queue.model
        wait_until(lambda: model.rowCount() > 0 and not model.loading)
        while model.row_of(case_id) is None:
            model.fetchMore(QModelIndex())
            wait_until(lambda: not model.loading)
        row = model.row_of(case_id)
        window.queue.table.selectRow(row)
        window.queue.table.scrollTo(
            model.index(row, 0), QAbstractItemView.ScrollHint.PositionAtCenter
        )
        wait_until(lambda: window.case_view.case_id == case_id)
        wait_until(lambda: window.sign_ins is not None)
        settle(0.5)
        return window

    def both_images(window) -> bool:  # type: ignore[no-untyped-def]
        panel = window.case_view.evidence
        return isinstance(panel.left.viewer.loaded, LoadedImage) and isinstance(
            panel.right.viewer.loaded, LoadedImage
        )

    # Simplified Chinese: the queue with the wool-coat case, and its evidence.
    window = open_window("zh_CN", "DSP-2026-004711")
    save(window, "queue-and-case-file.zh_CN")
    window.case_view.show_tab(1)
    save(window, "timeline.zh_CN")
    window.case_view.show_tab(3)
    wait_until(lambda: window.case_view.workflow.status is not None)
    save(window, "workflow.zh_CN")
    window.case_view.show_tab(2)
    window.splitter.setSizes([250, 750])
    wait_until(lambda: both_images(window))
    save(window, "evidence-side-by-side.zh_CN")
    panel = window.case_view.evidence
    panel.left.viewer.image_view.zoom_by(2.2)
    wait_until(
        lambda: panel.right.viewer.image_view.state() == panel.left.viewer.image_view.state()
    )
    save(window, "evidence-zoom-in-step.zh_CN")
    panel.left.viewer.image_view.fit()
    panel.set_mode("swipe")
    panel.blend_slider.setValue(55)
    save(window, "evidence-swipe.zh_CN")
    panel.set_mode("side_by_side")
    panel.left.chooser.setCurrentIndex(panel.left.chooser.findData("E4"))
    panel.right.chooser.setCurrentIndex(panel.right.chooser.findData("E5"))
    wait_until(lambda: panel.left.viewer.page == "chat" and panel.right.viewer.page == "record")
    save(window, "evidence-chat-and-record.zh_CN")
    panel.left.chooser.setCurrentIndex(panel.left.chooser.findData("E6"))
    panel.right.chooser.setCurrentIndex(panel.right.chooser.findData("E3"))
    wait_until(
        lambda: (
            panel.left.viewer.pdf_page is not None
            and isinstance(panel.right.viewer.loaded, LoadedImage)
        )
    )
    save(window, "evidence-pdf-and-photo.zh_CN")

    # Sign-in and sync dialogs over the window.
    dialog = SignInDialog(
        window.ops,
        credentials,
        platform_url="https://platform.example.cn",
        username="mediator1",
        parent=window,
    )
    dialog.show()
    save(dialog, "sign-in.zh_CN")
    dialog.close()

    from tests.qt.test_sign_in_and_sync_dialogs import ControlledSync, Progress, SessionExpired

    class Paused(ControlledSync):
        def __call__(self, desk, url, user, credentials, progress=None, cancel=None):  # type: ignore[no-untyped-def]
            assert progress is not None
            progress(
                Progress(
                    "files",
                    cases_done=1_284,
                    files_done=37,
                    files_total=112,
                    bytes_done=48_300_000,
                    bytes_total=131_000_000,
                )
            )
            self.reported.set()
            self.release.wait(20)
            return None

    paused = Paused()
    sync = SyncDialog(
        window.ops,
        credentials,
        "https://platform.example.cn",
        "mediator1",
        run_sync=paused,
        parent=window,
    )
    sync.show()
    sync.start()
    wait_until(lambda: sync.files_label.text() != "")
    save(sync, "sync-progress.zh_CN")
    paused.release.set()
    wait_until(lambda: sync.state == "done")
    sync.close()

    failing = ControlledSync(SessionExpired("401 unauthenticated: token expired"))
    failing.release.set()
    sync = SyncDialog(
        window.ops,
        credentials,
        "https://platform.example.cn",
        "mediator1",
        run_sync=failing,
        parent=window,
    )
    sync.show()
    sync.start()
    wait_until(lambda: sync.state == "failed")
    save(sync, "sync-sign-in-again.zh_CN")
    sync.close()
    window.close()
    window.ops.wait_for_done(10_000)

    # English and Traditional Chinese.
    window = open_window("en", "DSP-2026-009102")
    save(window, "queue-and-case-file.en")
    window.case_view.show_tab(2)
    settle(1.5)
    save(window, "evidence.en")
    window.close()
    window.ops.wait_for_done(10_000)

    window = open_window("zh_TW", "DSP-2026-004711")
    window.queue.due_filter.setCurrentIndex(window.queue.due_filter.findData("due_soon"))
    wait_until(lambda: not window.queue.model.loading)
    window.queue.table.scrollToTop()
    save(window, "queue-due-soon.zh_TW")
    window.close()
    window.ops.wait_for_done(10_000)
    desk.close()

    # A real conflict, in Simplified Chinese: offline work held, beside the platform's change.
    conflicted, case_id, stop_platform = make_conflict(folder, credentials)
    try:
        window = open_window("zh_CN", case_id, on=conflicted)
        panel = window.case_view.conflict
        wait_until(lambda: panel.view is not None and len(panel.cards) == 2)
        window.case_view.show_conflict()
        window.splitter.setSizes([200, 800])
        save(window, "conflict.zh_CN")
        window.close()
        window.ops.wait_for_done(10_000)
    finally:
        conflicted.close()
        stop_platform()
    app.processEvents()
    return 0


DASHBOARD_NOW = datetime(2026, 11, 20, 9, 30, tzinfo=CHINA)
DASHBOARD_CASES = 1_500


def take_dashboard_screenshots(folder: Path, out: Path) -> int:
    """The supervisor's dashboard on the demo platform's cases (the generator's, written
    straight into a store), in Simplified Chinese and in English."""
    import json

    from app.clock import FixedClock
    from app.contract.case_document import parse_case_document
    from app.desk import Desk
    from app.store.case_writer import write_case
    from platform_server.demo.generator import generate
    from ui.app import application, build_window
    from ui.qt import QCoreApplication
    from ui.settings import DeskSettings

    out.mkdir(parents=True, exist_ok=True)
    desk = Desk.open(folder / "dashboard-home", clock=FixedClock(DASHBOARD_NOW))
    with desk.unit_of_work() as uow:
        for case in generate(DASHBOARD_CASES, seed=16, anchor=DASHBOARD_NOW.date()):
            raw = json.dumps(case.document, ensure_ascii=False).encode()
            document = parse_case_document(raw)
            write_case(
                uow.session,
                document,
                raw,
                source="platform",
                received_at=DASHBOARD_NOW,
                stored_files=set(),
                replace=False,
            )
        uow.commit()
    application()

    def wait_until(condition: Callable[[], bool], timeout: float = 30.0) -> None:
        end = time.monotonic() + timeout
        while not condition():
            if time.monotonic() > end:
                raise SystemExit("the dashboard did not get there in time")
            QCoreApplication.processEvents()
            time.sleep(0.01)

    for language in ("zh_CN", "en"):
        settings = DeskSettings(folder / f"dashboard-settings-{language}.ini")
        settings.language = language
        window = build_window(desk, settings=settings)
        window.resize(*SIZE)
        window.move(0, 0)
        window.show()
        window.start()
        window.show_dashboard(True)
        wait_until(lambda window=window: window.dashboard.statistics is not None)  # type: ignore[misc]
        end = time.monotonic() + 0.6
        while time.monotonic() < end:
            QCoreApplication.processEvents()
            time.sleep(0.01)
        path = out / f"dashboard.{language}.png"
        window.grab().save(str(path))
        print(f"wrote {path.relative_to(REPO) if path.is_relative_to(REPO) else path}")
        window.close()
        window.ops.wait_for_done(10_000)
    desk.close()
    return 0


def make_conflict(folder: Path, credentials):  # type: ignore[no-untyped-def]
    """A desk synced with the reference platform, whose offline work on one case the
    platform changed meanwhile: the next sync holds it (as tests/qt/test_conflict_panel.py)."""
    import uuid

    import httpx

    from app.desk import Desk
    from app.services.outbox import enqueue_action
    from app.sync import login
    from tests.integration.sync.conftest import (
        PASSWORD,
        Platform,
        open_case_ids,
        start_platform,
        sync,
    )

    server = start_platform(folder / "platform", cases=12, seed=7)
    platform = Platform(server)
    desk = Desk.open(folder / "conflict-home")
    login(desk, platform.url, "mediator1", PASSWORD, credentials)
    sync(desk, platform, credentials)
    [case_id] = open_case_ids(desk, 1)
    document = platform.case(case_id)
    theirs = "in_mediation" if document["case"]["status"] != "in_mediation" else "awaiting_buyer"
    buyer = next(p["id"] for p in document["parties"] if p["role"] == "buyer")
    for body in (
        {"type": "set_status", "status": "awaiting_merchant", "note": "等待商家提供发货凭证"},
        {
            "type": "message",
            "to": [buyer],
            "channel": "platform",
            "text": "您好，请在三天内补充收货时的开箱照片，谢谢配合。",
        },
    ):
        with desk.unit_of_work() as uow:
            enqueue_action(uow, case_id, body, "user:mediator1")
    answer = httpx.post(
        f"{platform.url}/api/v1/cases/{case_id}/actions",
        json={"type": "set_status", "status": theirs, "note": "平台客服已介入"},
        headers={
            "Authorization": f"Bearer {platform.token('mediator1')}",
            "Idempotency-Key": str(uuid.uuid4()),
            "If-Match": f'"v{document["case"]["version"]}"',
        },
        timeout=30,
    )
    answer.raise_for_status()
    if sync(desk, platform, credentials).conflicts != 1:
        raise SystemExit("the platform did not make the conflict the screenshot needs")
    return desk, case_id, server.stop


if __name__ == "__main__":
    sys.exit(main())
