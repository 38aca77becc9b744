"""The main window on the local store: queue, keyboard, case file, timeline, memory, sync."""

from __future__ import annotations

from pathlib import Path

from app.services.case_file import get_case
from app.services.case_import import import_bundle
from tests.qt.helpers import record_sign_in, wait_for_count, wait_for_queue
from tests.support.bundles import bundle_variant
from ui.case_queue_model import COLUMN_KEYS
from ui.demo import MemoryCredentials
from ui.main_window import MainWindow
from ui.qt import QApplication, Qt
from ui.settings import DeskSettings
from ui.timeline_view import timeline_rows


def _window(qtbot, ops, settings, show, width=1400, **kwargs) -> MainWindow:  # type: ignore[no-untyped-def]
    window = show(MainWindow(ops, settings, **kwargs), width, 900)
    window.start()
    wait_for_queue(qtbot, window.queue.model)
    return window


def test_the_window_opens_on_the_local_store_with_the_queue_in_due_order(
    qtbot, ops, settings, show
) -> None:  # type: ignore[no-untyped-def]
    window = _window(qtbot, ops, settings, show)
    model = window.queue.model
    assert [model.index(row, 0).data() for row in range(model.rowCount())] == [
        "DSP-2026-004711",  # due 16 October
        "DSP-2026-009102",  # due 13 November
    ]
    assert wait_for_count(qtbot, model) == 2
    assert window.queue.count_label.text() == "2 cases"


def test_the_keyboard_walks_the_queue_and_opens_each_case(qtbot, ops, settings, show) -> None:  # type: ignore[no-untyped-def]
    window = _window(qtbot, ops, settings, show)
    table = window.queue.table
    # The top of the queue opens by itself.
    qtbot.waitUntil(lambda: window.case_view.case_id == "DSP-2026-004711", timeout=10_000)
    assert QApplication.focusWidget() is table
    with qtbot.waitSignal(window.case_view.case_loaded, timeout=10_000) as loaded:
        qtbot.keyClick(table, Qt.Key.Key_Down)
    assert loaded.args == ["DSP-2026-009102"]
    assert window.case_view.title.text() == "Headphones never arrived"
    qtbot.keyClick(window, Qt.Key.Key_3, Qt.KeyboardModifier.ControlModifier)
    assert window.case_view.tabs.currentWidget() is window.case_view.evidence


def test_ctrl_f_searches_and_enter_goes_to_the_results(qtbot, ops, settings, show) -> None:  # type: ignore[no-untyped-def]
    window = _window(qtbot, ops, settings, show)
    qtbot.keyClick(window, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert QApplication.focusWidget() is window.queue.search
    qtbot.keyClicks(window.queue.search, "headphones")
    qtbot.waitUntil(lambda: window.queue.model.rowCount() == 1, timeout=10_000)
    with qtbot.waitSignal(window.case_view.case_loaded, timeout=10_000) as loaded:
        qtbot.keyClick(window.queue.search, Qt.Key.Key_Return)
    assert QApplication.focusWidget() is window.queue.table
    assert loaded.args == ["DSP-2026-009102"]
    qtbot.keyClick(window.queue.search, Qt.Key.Key_Escape)
    assert window.queue.search.text() == ""


def test_the_case_file_shows_the_claim_parties_with_the_merchants_record_and_the_order(
    qtbot, ops, settings, show
) -> None:  # type: ignore[no-untyped-def]
    window = _window(qtbot, ops, settings, show)
    with qtbot.waitSignal(window.case_view.integrity_checked, timeout=10_000):
        window.queue.table.selectRow(0)
    from ui.qt import QLabel

    texts = {label.text() for label in window.case_view.case_file.findChildren(QLabel)}
    assert {"Return and refund", "CNY 1,299.00", "退货退款，运费由卖家承担。"} <= texts
    assert {
        "暖冬服饰旗舰店 (S-88231)",
        "742",
        "4 open disputes · 31 disputes in the last year",
        "1 in the last year",
    } <= texts
    assert {"TB20261001889912", "支付宝", "中通快递 ZT7731002288341"} <= texts
    evidence = window.case_view.case_file.evidence_table
    assert evidence is not None
    assert [evidence.model().index(row, 4).data() for row in range(6)] == ["Verified"] * 6


def test_the_timeline_merges_messages_shipment_offers_and_history_in_time_order(
    examples_desk,
) -> None:  # type: ignore[no-untyped-def]
    with examples_desk.unit_of_work(read_only=True) as uow:
        detail = get_case(uow, "DSP-2026-004711")
    rows = timeline_rows(detail)
    assert [row.at for row in rows] == sorted(row.at for row in rows)
    kinds = [row.kind for row in rows]
    assert kinds.count("message") == 3 and kinds.count("shipment") == 3
    assert (
        kinds.count("offer") == 1 and kinds.count("response") == 1 and kinds.count("history") == 4
    )
    offer = next(row for row in rows if row.kind == "offer")
    assert offer.text == "Partial refund CNY 259.80 (Rejected): 补偿20%，不退货。"
    assert next(row for row in rows if row.kind == "shipment").text == "Picked up"


def test_column_layout_and_window_geometry_are_remembered(qtbot, ops, tmp_path: Path, show) -> None:  # type: ignore[no-untyped-def]
    settings = DeskSettings(tmp_path / "remembered.ini")
    window = _window(qtbot, ops, settings, show)
    header = window.queue.table.horizontalHeader()
    header.moveSection(header.visualIndex(COLUMN_KEYS.index("due")), 0)
    header.resizeSection(COLUMN_KEYS.index("merchant"), 233)
    window.queue.table.sortByColumn(COLUMN_KEYS.index("amount"), Qt.SortOrder.DescendingOrder)
    window.resize(777, 666)  # within the offscreen screen (800 × 800)
    window.splitter.setSizes([200, 500])
    window.close()

    again = _window(qtbot, ops, DeskSettings(tmp_path / "remembered.ini"), show, width=None)
    header = again.queue.table.horizontalHeader()
    assert header.visualIndex(COLUMN_KEYS.index("due")) == 0
    assert header.sectionSize(COLUMN_KEYS.index("merchant")) == 233
    assert again.queue.model.query.sort == "amount" and again.queue.model.query.descending
    assert again.queue.model.index(0, 0).data() == "DSP-2026-004711"  # ¥1,299 before £89.99
    assert (again.width(), again.height()) == (777, 666)


def test_a_finished_sync_refreshes_the_queue_and_keeps_the_chosen_case(
    qtbot, ops, settings, show, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    new_case = bundle_variant(
        tmp_path,
        "new.zip",
        lambda document, _files: document["case"].update(id="DSP-2026-000001", title="新的投诉"),
    )

    def fake_sync(desk, url, user, credentials, progress=None, cancel=None):  # type: ignore[no-untyped-def]
        with desk.unit_of_work() as uow:
            import_bundle(uow, new_case, "user:sync")
            uow.commit()
        return None

    credentials = MemoryCredentials()
    record_sign_in(ops.desk, credentials, "https://platform.example.cn", "mediator1")
    window = _window(qtbot, ops, settings, show, run_sync=fake_sync, credentials=credentials)
    with qtbot.waitSignal(window.case_view.case_loaded, timeout=10_000):
        window.queue.table.selectRow(1)
    with qtbot.waitSignal(window.sync_completed, timeout=10_000):
        qtbot.keyClick(window, Qt.Key.Key_F5)
    qtbot.waitUntil(lambda: window.queue.model.rowCount() == 3, timeout=10_000)
    assert window.queue.current_case_id() == "DSP-2026-009102"
    window.sync_dialog.close()


def test_without_a_sign_in_sync_asks_to_sign_in_first(qtbot, ops, settings, show) -> None:  # type: ignore[no-untyped-def]
    window = _window(qtbot, ops, settings, show, credentials=object())
    qtbot.waitUntil(lambda: "not signed in" in window.sync_state.text(), timeout=10_000)
    window.sync_action.trigger()
    qtbot.waitUntil(
        lambda: window.sign_in_dialog is not None and window.sign_in_dialog.isVisible(),
        timeout=10_000,
    )
    assert window.sync_dialog is None
    window.sign_in_dialog.reject()


def test_sync_uses_a_sign_in_made_on_the_command_line(qtbot, ops, settings, show) -> None:  # type: ignore[no-untyped-def]
    credentials = MemoryCredentials()  # what `mediation-desk login` leaves behind:
    record_sign_in(ops.desk, credentials, "https://platform.example.cn", "mediator2")
    settings.platform_url, settings.username = "https://other.example.cn", "someone-else"
    synced: list[tuple[str, str]] = []

    def run_sync(desk, url, user, credentials, progress=None, cancel=None):  # type: ignore[no-untyped-def]
        synced.append((url, user))

    window = _window(qtbot, ops, settings, show, run_sync=run_sync, credentials=credentials)
    with qtbot.waitSignal(window.sync_completed, timeout=10_000):
        window.sync_action.trigger()
    # The store's sign-in, not what the settings remember from elsewhere.
    assert synced == [("https://platform.example.cn", "mediator2")]
    assert window.sync_state.text() == "Signed in as mediator2 · https://platform.example.cn"
    window.sync_dialog.close()


def test_the_demo_path_signs_in_then_syncs_with_the_progress_dialog(
    qtbot, ops, settings, show
) -> None:  # type: ignore[no-untyped-def]
    calls: list[tuple[str, ...]] = []

    def login(desk, url, user, password, credentials):  # type: ignore[no-untyped-def]
        calls.append(("login", url, user, password))
        record_sign_in(desk, credentials, url, user)

    def run_sync(desk, url, user, credentials, progress=None, cancel=None):  # type: ignore[no-untyped-def]
        calls.append(("sync", url, user))

    window = _window(
        qtbot,
        ops,
        settings,
        show,
        login=login,
        run_sync=run_sync,
        credentials=MemoryCredentials(),
    )
    with qtbot.waitSignal(window.sync_completed, timeout=10_000):
        window.sign_in_and_sync("http://127.0.0.1:8765/", "mediator1", "demo")
    assert calls == [
        ("login", "http://127.0.0.1:8765/", "mediator1", "demo"),
        ("sync", "http://127.0.0.1:8765", "mediator1"),
    ]
    assert window.sync_state.text() == "Signed in as mediator1 · http://127.0.0.1:8765"
    window.sync_dialog.close()


def test_a_refused_demo_sign_in_opens_the_sign_in_dialog_saying_why(
    qtbot, ops, settings, show
) -> None:  # type: ignore[no-untyped-def]
    from tests.qt.test_sign_in_and_sync_dialogs import SessionExpired

    def login(desk, url, user, password, credentials):  # type: ignore[no-untyped-def]
        raise SessionExpired("401")

    window = _window(qtbot, ops, settings, show, login=login, credentials=object())
    window.sign_in_and_sync("http://127.0.0.1:8765", "mediator1", "wrong")
    qtbot.waitUntil(
        lambda: window.sign_in_dialog is not None and window.sign_in_dialog.isVisible(),
        timeout=10_000,
    )
    assert (
        window.sign_in_dialog.reason_label.text()
        == "The platform did not accept this user name and password."
    )
    assert window.sign_in_dialog.user.text() == "mediator1"
    window.sign_in_dialog.reject()


def test_a_case_whose_record_was_changed_outside_the_desk_says_so_in_its_header(
    qtbot, examples_desk, ops, settings, show
) -> None:  # type: ignore[no-untyped-def]
    from sqlalchemy import update

    from app.store import models as m

    with examples_desk.unit_of_work() as uow:
        uow.session.execute(
            update(m.Case).where(m.Case.id == "DSP-2026-004711").values(claim_amount=100)
        )
        uow.commit()
    window = _window(qtbot, ops, settings, show)
    with qtbot.waitSignal(window.case_view.integrity_checked, timeout=10_000):
        window.queue.table.selectRow(0)
    warning = window.case_view.record_warning
    assert warning.isVisible()
    assert "changed outside the desk" in warning.text() and "claim_amount" in warning.text()
    assert warning.textFormat() == Qt.TextFormat.PlainText
    with qtbot.waitSignal(window.case_view.integrity_checked, timeout=10_000):
        window.queue.table.selectRow(1)  # the other case's record holds
    assert not warning.isVisible()


def test_a_write_waiting_for_another_process_says_so_in_the_status_bar(
    qtbot, examples_desk, ops, settings, show
) -> None:  # type: ignore[no-untyped-def]
    import subprocess
    import sys

    from app.services.outbox import enqueue_action
    from ui.operations import WriteOp

    window = _window(qtbot, ops, settings, show)
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import sqlite3, sys\n"
            f"c = sqlite3.connect({str(examples_desk.paths.home / 'desk.sqlite3')!r}, isolation_level=None)\n"
            "c.execute('BEGIN IMMEDIATE'); print('locked', flush=True); sys.stdin.readline()\n"
            "c.execute('ROLLBACK')\n",
        ],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    done: list[object] = []
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "locked"
        body = {"type": "message", "to": ["P1"], "channel": "platform", "text": "请补充照片。"}
        WriteOp(
            ops, lambda uow, _op: enqueue_action(uow, "DSP-2026-004711", body, "user:t")
        ).success(done.append).run(window)
        qtbot.waitUntil(
            lambda: "The store is in use by" in window.statusBar().currentMessage(),
            timeout=10_000,
        )
        assert done == []  # still waiting, not failed
    finally:
        holder.communicate("\n", timeout=10)
    qtbot.waitUntil(lambda: bool(done), timeout=30_000)  # and it went ahead
