"""The evidence viewer on every item of both example bundles, and on damaged files."""

from __future__ import annotations

import io
import struct
import threading
import zlib
from pathlib import Path

import pytest
from PIL import Image

from app.desk import Desk
from app.services.case_file import EvidenceView, get_case
from tests.conftest import EXAMPLES
from tests.support.bundles import read_example
from ui import evidence_loading
from ui.evidence_loading import (
    LoadedChat,
    LoadedImage,
    LoadedPdf,
    LoadedRecord,
    Unavailable,
    decode_image,
)
from ui.evidence_viewer import EvidenceViewer, PartyDirectory
from ui.qt import QCoreApplication, Qt, QThread


def _example_items() -> list[tuple[str, str, str, str]]:
    """(case id, evidence id, kind, media type) of every item in the example bundles."""
    found = []
    for bundle in sorted(EXAMPLES.glob("*.zip")):
        document, _files = read_example(bundle)
        for item in document["evidence"]:
            found.append((document["case"]["id"], item["id"], item["kind"], item["media_type"]))
    return found


EXPECTED_PAGE = {
    "image/jpeg": "image",
    "application/pdf": "pdf",
}


def _expected_page(kind: str, media_type: str) -> str:
    if media_type == "application/json":
        return "chat" if kind == "chat_log" else "record"
    return EXPECTED_PAGE[media_type]


def _item(desk: Desk, case_id: str, evidence_id: str) -> tuple[EvidenceView, PartyDirectory]:
    with desk.unit_of_work(read_only=True) as uow:
        detail = get_case(uow, case_id)
    parties = PartyDirectory(
        {p.party_id: p.display_name for p in detail.parties},
        {p.party_id: p.role for p in detail.parties},
    )
    return detail.evidence_item(evidence_id), parties


@pytest.fixture()
def viewer(ops, show) -> EvidenceViewer:  # type: ignore[no-untyped-def]
    return show(EvidenceViewer(ops), 900, 700)


def _open(qtbot, viewer: EvidenceViewer, item: EvidenceView, parties: PartyDirectory) -> str:  # type: ignore[no-untyped-def]
    with qtbot.waitSignal(viewer.content_shown, timeout=15_000) as shown:
        viewer.show_item(item, parties)
    return str(shown.args[0])


@pytest.mark.parametrize(("case_id", "evidence_id", "kind", "media_type"), _example_items())
def test_every_example_item_shows_with_who_when_and_integrity(  # type: ignore[no-untyped-def]
    qtbot, viewer, examples_desk, case_id, evidence_id, kind, media_type
) -> None:
    item, parties = _item(examples_desk, case_id, evidence_id)
    page = _open(qtbot, viewer, item, parties)
    assert page == _expected_page(kind, media_type)
    assert viewer.integrity_label.text() == "Verified"
    submitted = viewer.submitted_label.text()
    assert item.submitted_at.astimezone().strftime("%Y-%m-%d %H:%M") in submitted
    who = "Platform" if item.submitted_by == "platform" else item.submitted_by_name
    assert who in submitted
    loaded = viewer.loaded
    if page == "image":
        assert isinstance(loaded, LoadedImage)
        assert viewer.image_view.has_image()
        assert f"{loaded.facts.width} × {loaded.facts.height} pixels" in viewer.facts_label.text()
        if item.captured_at is not None:
            assert "Capture time claimed" in viewer.facts_label.text()
    elif page == "pdf":
        assert isinstance(loaded, LoadedPdf)
        assert viewer.pdf_view.has_image()
        assert viewer.pdf_page_count == loaded.page_count >= 1
        assert viewer.page_label.text() == f"Page 1 of {loaded.page_count}"
    elif page == "chat":
        assert isinstance(loaded, LoadedChat)
        assert viewer.chat_view.chat_model.rowCount() == len(loaded.lines) > 0
    else:
        assert isinstance(loaded, LoadedRecord)
        assert viewer.record_view.tree.model().rowCount() > 0


def _stored_path(desk: Desk, item: EvidenceView) -> Path:
    return desk.evidence.path_of(item.sha256)


def test_an_altered_file_is_flagged_and_not_shown(qtbot, viewer, examples_desk) -> None:  # type: ignore[no-untyped-def]
    item, parties = _item(examples_desk, "DSP-2026-004711", "E2")
    path = _stored_path(examples_desk, item)
    path.chmod(0o644)
    data = bytearray(path.read_bytes())
    data[-10] ^= 0xFF  # one flipped byte
    path.write_bytes(bytes(data))
    assert _open(qtbot, viewer, item, parties) == "unavailable"
    assert viewer.integrity_label.text() == "Altered"
    assert "no longer matches" in viewer.unavailable_label.text()
    assert not viewer.image_view.has_image()


def test_a_missing_file_is_flagged(qtbot, viewer, examples_desk) -> None:  # type: ignore[no-untyped-def]
    item, parties = _item(examples_desk, "DSP-2026-009102", "E2")
    _stored_path(examples_desk, item).unlink()
    assert _open(qtbot, viewer, item, parties) == "unavailable"
    assert viewer.integrity_label.text() == "Missing"


def test_a_record_reads_as_a_table_with_the_raw_json_one_click_away(
    qtbot, viewer, examples_desk
) -> None:  # type: ignore[no-untyped-def]
    item, parties = _item(examples_desk, "DSP-2026-009102", "E1")
    assert _open(qtbot, viewer, item, parties) == "record"
    model = viewer.record_view.tree.model()
    fields = {
        model.index(row, 0).data(): model.index(row, 1).data() for row in range(model.rowCount())
    }
    assert fields["carrier"] == "Parcelway"
    assert fields["events"] == "[3]"
    qtbot.mouseClick(viewer.record_view.raw_button, Qt.MouseButton.LeftButton)
    assert viewer.record_view.stack.currentWidget() is viewer.record_view.raw
    _document, files = read_example(EXAMPLES / "DSP-2026-009102.zip")
    assert viewer.record_view.raw.toPlainText() == files["E1"].decode()


def test_a_chat_log_reads_as_a_conversation(qtbot, viewer, examples_desk) -> None:  # type: ignore[no-untyped-def]
    from ui.chat_log_view import LINE_ROLE

    item, parties = _item(examples_desk, "DSP-2026-004711", "E4")
    assert _open(qtbot, viewer, item, parties) == "chat"
    model = viewer.chat_view.chat_model
    lines = [model.index(row, 0).data(LINE_ROLE) for row in range(model.rowCount())]
    sides = [side for side, _header, _text in lines]
    assert sides == ["left", "right", "left", "right"]  # buyer left, merchant right
    assert lines[0][1].startswith("Buyer")
    assert lines[1][2] == "亲，页面写的是羊毛大衣，面料是羊毛混纺的哦。"


def _jpeg(width: int, height: int, exif: dict[int, str] | None = None) -> bytes:
    picture = Image.linear_gradient("L").resize((width, height)).convert("RGB")
    out = io.BytesIO()
    kwargs = {}
    if exif:
        data = Image.Exif()
        sub = data.get_ifd(0x8769)
        for tag, value in exif.items():
            (sub if tag > 0x8000 else data)[tag] = value
        kwargs["exif"] = data
    picture.save(out, "JPEG", quality=80, **kwargs)
    return out.getvalue()


def test_a_large_photo_is_decoded_scaled_down_with_its_original_facts() -> None:
    loaded = decode_image(_jpeg(4800, 3600), 1200)
    assert isinstance(loaded, LoadedImage)
    assert max(loaded.image.width(), loaded.image.height()) <= 1200
    assert (loaded.facts.width, loaded.facts.height) == (4800, 3600)  # the facts are the original's
    assert not loaded.full_resolution


def test_the_viewer_reads_and_decodes_on_a_worker_thread(
    qtbot, viewer, examples_desk, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    threads: list[object] = []
    real = evidence_loading.decode_image

    def spying(data: bytes, long_side: int):  # type: ignore[no-untyped-def]
        threads.append(QThread.currentThread())
        return real(data, long_side)

    monkeypatch.setattr(evidence_loading, "decode_image", spying)
    item, parties = _item(examples_desk, "DSP-2026-004711", "E3")
    assert _open(qtbot, viewer, item, parties) == "image"
    assert threads and all(t is not QCoreApplication.instance().thread() for t in threads)  # type: ignore[union-attr]


def _png_claiming(width: int, height: int) -> bytes:
    """A tiny PNG whose header claims a huge picture (a decompression bomb's first step)."""

    def chunk(kind: bytes, body: bytes) -> bytes:
        return (
            struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))
        )

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(b"\0" * 64))
        + chunk(b"IEND", b"")
    )


def test_a_picture_claiming_too_many_pixels_is_refused_before_decoding() -> None:
    refused = decode_image(_png_claiming(40_000, 40_000), 1200)
    assert isinstance(refused, Unavailable)
    assert refused.reason == "too_large"


def test_exif_date_camera_and_a_mismatch_with_the_claimed_time_are_shown(
    qtbot, viewer, examples_desk
) -> None:  # type: ignore[no-untyped-def]
    import dataclasses
    import hashlib

    data = _jpeg(
        1600, 1200, {271: "Canon", 272: "EOS R6", 36867: "2026:09:01 08:00:00", 36881: "+08:00"}
    )
    sha = hashlib.sha256(data).hexdigest()
    with examples_desk.evidence.staging() as staging:
        examples_desk.evidence.commit([staging.stage_bytes(data)])
    item, parties = _item(examples_desk, "DSP-2026-004711", "E2")
    item = dataclasses.replace(item, sha256=sha, size=len(data))
    assert _open(qtbot, viewer, item, parties) == "image"
    facts = viewer.facts_label.text()
    assert "1600 × 1200 pixels" in facts
    assert "EXIF date: 2026:09:01 08:00:00 +08:00" in facts
    assert "differs from the claimed time" in facts
    assert "Camera: Canon EOS R6" in facts


def _stage(desk: Desk, item: EvidenceView, data: bytes, media_type: str) -> EvidenceView:
    """``item`` standing for other bytes, stored in the evidence store as a sync would."""
    import dataclasses
    import hashlib

    with desk.evidence.staging() as staging:
        desk.evidence.commit([staging.stage_bytes(data)])
    return dataclasses.replace(
        item, sha256=hashlib.sha256(data).hexdigest(), size=len(data), media_type=media_type
    )


def _pdf(pages: int) -> bytes:
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    out = io.BytesIO()
    document = canvas.Canvas(out, pagesize=A4)
    for number in range(1, pages + 1):
        document.setFont("Helvetica", 48)
        document.drawString(100, 700, f"Page {number}")
        document.rect(50 * number, 100, 40, 40, fill=1)  # somewhere else on every page
        document.showPage()
    document.save()
    return out.getvalue()


def test_a_pdf_is_rendered_off_the_gui_thread_page_by_page(
    qtbot, viewer, examples_desk, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    threads: list[bool] = []
    real = evidence_loading._render_locked

    def spying(data: bytes, index: int, long_side: int):  # type: ignore[no-untyped-def]
        threads.append(threading.current_thread() is threading.main_thread())
        return real(data, index, long_side)

    monkeypatch.setattr(evidence_loading, "_render_locked", spying)
    item, parties = _item(examples_desk, "DSP-2026-004711", "E6")
    item = _stage(examples_desk, item, _pdf(3), "application/pdf")
    assert _open(qtbot, viewer, item, parties) == "pdf"
    assert viewer.integrity_label.text() == "Verified"
    assert (viewer.pdf_page_index, viewer.pdf_page_count) == (0, 3)
    assert viewer.page_label.text() == "Page 1 of 3"
    assert not viewer.previous_page.isEnabled() and viewer.next_page.isEnabled()
    first = viewer.pdf_page.image
    qtbot.mouseClick(viewer.next_page, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: viewer.pdf_page_index == 1, timeout=10_000)
    assert viewer.page_label.text() == "Page 2 of 3"
    assert viewer.pdf_page.image != first  # another page drawn, not the first again
    viewer.show_pdf_page(2)
    qtbot.waitUntil(lambda: viewer.pdf_page_index == 2, timeout=10_000)
    assert not viewer.next_page.isEnabled() and viewer.previous_page.isEnabled()
    assert threads and not any(threads)  # every page was drawn on a worker


def test_zooming_into_a_pdf_page_draws_it_sharper(qtbot, viewer, examples_desk) -> None:  # type: ignore[no-untyped-def]
    item, parties = _item(examples_desk, "DSP-2026-004711", "E6")
    assert _open(qtbot, viewer, item, parties) == "pdf"
    page = viewer.pdf_page
    assert page is not None and not page.full_resolution  # drawn to the pane's size first
    shown = page.image.width()
    for _ in range(6):
        viewer.pdf_view.zoom_by(1.25)
    qtbot.waitUntil(
        lambda: viewer.pdf_page is not None and viewer.pdf_page.image.width() > shown,
        timeout=10_000,
    )
    assert viewer.pdf_page.size == page.size  # the same page, at more of its pixels
    assert viewer.pdf_zoom_label.text().endswith("%")


def test_an_altered_pdf_is_flagged_and_not_shown(qtbot, viewer, examples_desk) -> None:  # type: ignore[no-untyped-def]
    item, parties = _item(examples_desk, "DSP-2026-004711", "E6")
    path = _stored_path(examples_desk, item)
    path.chmod(0o644)
    data = bytearray(path.read_bytes())
    data[len(data) // 2] ^= 0xFF
    path.write_bytes(bytes(data))
    assert _open(qtbot, viewer, item, parties) == "unavailable"
    assert viewer.integrity_label.text() == "Altered"
    assert not viewer.pdf_view.has_image()


def test_a_file_that_is_not_the_pdf_it_claims_to_be_is_said_so(
    qtbot, viewer, examples_desk
) -> None:  # type: ignore[no-untyped-def]
    item, parties = _item(examples_desk, "DSP-2026-004711", "E6")
    item = _stage(examples_desk, item, b"%PDF-1.7 but nothing else", "application/pdf")
    assert _open(qtbot, viewer, item, parties) == "unavailable"
    assert viewer.integrity_label.text() == "Verified"  # the bytes are the ones received
    assert viewer.unavailable_label.text() == "This file cannot be read as its type says."


def test_a_store_that_cannot_be_read_is_said_where_the_content_would_be(
    qtbot, viewer, examples_desk, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    import sqlite3

    def locked(*_args, **_kwargs):  # type: ignore[no-untyped-def]
        raise sqlite3.OperationalError("database is locked")

    monkeypatch.setattr(evidence_loading, "read_evidence", locked)
    item, parties = _item(examples_desk, "DSP-2026-004711", "E3")
    assert _open(qtbot, viewer, item, parties) == "unavailable"
    assert viewer.unavailable_label.text().startswith("The local store is busy")


def test_opening_externally_a_file_that_was_altered_says_why_instead(
    qtbot, viewer, examples_desk, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    from ui.qt import QMessageBox

    opened: list[object] = []
    monkeypatch.setattr("ui.evidence_viewer.QDesktopServices.openUrl", opened.append)
    item, parties = _item(examples_desk, "DSP-2026-009102", "E1")
    assert _open(qtbot, viewer, item, parties) == "record"
    path = _stored_path(examples_desk, item)
    path.chmod(0o644)
    path.write_bytes(path.read_bytes() + b" ")  # changed after it was shown
    qtbot.mouseClick(viewer.open_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: bool(viewer.findChildren(QMessageBox)), timeout=10_000)
    [box] = viewer.findChildren(QMessageBox)
    assert "no longer matches its recorded fingerprint" in box.text()
    assert opened == []
    box.close()


def test_opening_externally_hands_over_a_copy_under_our_own_name(
    qtbot, viewer, examples_desk, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    opened: list[object] = []
    monkeypatch.setattr("ui.evidence_viewer.QDesktopServices.openUrl", opened.append)
    item, parties = _item(examples_desk, "DSP-2026-004711", "E6")
    assert _open(qtbot, viewer, item, parties) == "pdf"
    qtbot.mouseClick(viewer.open_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: bool(opened), timeout=10_000)
    path = Path(opened[0].toLocalFile())  # type: ignore[attr-defined]
    assert path.name == "DSP-2026-004711-E6.pdf"
    assert path.read_bytes() == _stored_path(examples_desk, item).read_bytes()


def test_a_pdf_page_opens_across_the_pane_and_stays_so_when_the_pane_changes(
    qtbot, viewer, examples_desk
) -> None:  # type: ignore[no-untyped-def]
    item, parties = _item(examples_desk, "DSP-2026-004711", "E6")
    assert _open(qtbot, viewer, item, parties) == "pdf"
    view = viewer.pdf_view

    def page_width_on_screen() -> float:
        assert viewer.pdf_page is not None
        return viewer.pdf_page.size.width() * view.scale_to_original()

    def room() -> int:
        return view.maximumViewportSize().width() - view.verticalScrollBar().sizeHint().width()

    assert abs(page_width_on_screen() - room()) <= 2
    assert view.verticalScrollBar().value() == view.verticalScrollBar().minimum()  # its top
    viewer.resize(1300, 700)
    qtbot.waitUntil(lambda: abs(page_width_on_screen() - room()) <= 2, timeout=10_000)
    assert view.verticalScrollBar().value() == view.verticalScrollBar().minimum()  # still

    def top_line() -> float:
        return view.mapToScene(view.viewport().rect().topLeft()).y()

    view.verticalScrollBar().setValue(view.verticalScrollBar().maximum() // 2)  # reading on
    reading = top_line()
    viewer.resize(1000, 500)
    qtbot.waitUntil(lambda: abs(page_width_on_screen() - room()) <= 2, timeout=10_000)
    assert abs(top_line() - reading) <= 2  # the same line at the top
    view.zoom_by(0.5)  # the user chooses another size: the pane no longer decides
    viewer.resize(900, 700)
    qtbot.waitUntil(lambda: viewer.width() == 900, timeout=10_000)
    assert abs(page_width_on_screen() - room()) > 2


def test_a_pdf_opened_behind_another_tab_shows_its_top_when_the_tab_is_shown(
    qtbot, ops, examples_desk, show
) -> None:  # type: ignore[no-untyped-def]
    from ui.qt import QTabWidget, QWidget

    tabs = show(QTabWidget(), 900, 700)
    tabs.addTab(QWidget(), "first")
    viewer = EvidenceViewer(ops)
    tabs.addTab(viewer, "viewer")
    viewer.resize(400, 1400)  # hidden, with a size it will not have when shown
    item, parties = _item(examples_desk, "DSP-2026-004711", "E6")
    with qtbot.waitSignal(viewer.content_shown, timeout=15_000):
        viewer.show_item(item, parties)
    qtbot.waitUntil(lambda: viewer.pdf_page is not None, timeout=10_000)
    tabs.setCurrentWidget(viewer)
    view = viewer.pdf_view
    qtbot.waitUntil(lambda: view.isVisible(), timeout=10_000)
    bar = view.verticalScrollBar()
    assert bar.maximum() > 0 and bar.value() == bar.minimum()


def test_copies_handed_to_other_programs_are_removed_when_the_desk_exits(tmp_path) -> None:  # type: ignore[no-untyped-def]
    import subprocess
    import sys

    script = (
        "from ui.evidence_viewer import _folder_for_outside_viewers as f\n"
        "folder = f()\n"
        "assert f() == folder  # one folder per run\n"
        "(folder / 'DSP-1-E1.jpg').write_bytes(b'photo')\n"
        "print(folder)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True, timeout=60
    )
    folder = Path(done.stdout.strip())
    assert folder.name.startswith("mediation-desk-")
    assert not folder.exists()
