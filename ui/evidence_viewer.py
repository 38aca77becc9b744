"""One evidence item: who submitted it, when, whether the file is intact, and its content.

The content is read and decoded by an op on a file thread (:mod:`ui.evidence_loading`);
the viewer shows "Loading…" meanwhile and drops results for an item it no longer shows.
Photos open at the size of the pane and are decoded again, sharper, only when the user
zooms in past that. PDF pages are rendered by PDFium on a file thread and shown as
pictures (zoom, pan, page by page), each page from the bytes checked when the file was
opened. Every text that came from a party or the platform is plain text.
"""

from __future__ import annotations

import atexit
import functools
import shutil
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from app.desk import UnitOfWork
from app.errors import DeskError, IntegrityError
from app.services.case_file import EvidenceView
from app.services.evidence_facts import check_capture_time
from app.vocabulary import label_text
from ui.chat_log_view import ChatLogView
from ui.evidence_loading import (
    DETAIL_LONG_SIDE,
    Loaded,
    LoadedChat,
    LoadedImage,
    LoadedOther,
    LoadedPdf,
    LoadedRecord,
    LoadedText,
    PdfPage,
    Unavailable,
    load_evidence,
    read_checked,
    render_pdf_page,
)
from ui.formatting import file_size, local_time
from ui.image_compare_view import ZoomableImageView, zoom_percent
from ui.messages import show_error
from ui.operations import DeskOp, OpContext, OpRunner, ReadOp
from ui.qt import (
    QDesktopServices,
    QEvent,
    QFrame,
    QHBoxLayout,
    QPlainTextEdit,
    QPushButton,
    QSize,
    QStackedWidget,
    Qt,
    QToolButton,
    QUrl,
    QVBoxLayout,
    QWidget,
    Signal,
)
from ui.record_view import RecordView
from ui.widgets import plain_label

INTEGRITY_STYLE = {
    "verified": "color: #067647; background: #ecfdf3; border: 1px solid #abefc6;",
    "altered": "color: #b42318; background: #fef3f2; border: 1px solid #fecdca;",
    "missing": "color: #b42318; background: #fef3f2; border: 1px solid #fecdca;",
    "not_downloaded": "color: #475467; background: #f2f4f7; border: 1px solid #d0d5dd;",
    "unchecked": "color: #475467; background: #f2f4f7; border: 1px solid #d0d5dd;",
}
PAGES = ("loading", "image", "pdf", "chat", "record", "text", "other", "unavailable")
FIRST_DECODE_MIN = 1024  # long side of the first decode at least this many pixels


@functools.cache
def _folder_for_outside_viewers() -> Path:
    """One private folder (0700) per desk run for the copies opened in other programs.

    Removed when the desk exits, so a buyer's photos do not pile up in the temporary
    folder; the other program has had the file open by then, and a copy still wanted
    can be opened again from the case.
    """
    folder = Path(tempfile.mkdtemp(prefix="mediation-desk-"))
    atexit.register(shutil.rmtree, folder, ignore_errors=True)
    return folder


@dataclass(frozen=True)
class PartyDirectory:
    """Who is who in the case: party id → display name and role."""

    names: dict[str, str] = field(default_factory=dict)
    roles: dict[str, str] = field(default_factory=dict)


def safe_extension(media_type: str) -> str:
    """An extension from the media type we recognise; never from the submitted file name."""
    known = {
        "image/jpeg": ".jpg",
        "image/png": ".png",
        "image/webp": ".webp",
        "application/pdf": ".pdf",
        "video/mp4": ".mp4",
        "audio/mpeg": ".mp3",
        "text/plain": ".txt",
        "application/json": ".json",
    }
    return known.get(media_type.lower(), ".bin")


class EvidenceViewer(QWidget):
    content_shown = Signal(str)  # the page now shown: one of PAGES
    image_changed = Signal()  # a picture (or a sharper one) is on screen

    def __init__(self, ops: OpRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._ops = ops
        self._item: EvidenceView | None = None
        self._parties = PartyDirectory()
        self._integrity: str | None = None
        self._loaded: Loaded | None = None
        self._pdf_page: PdfPage | None = None  # the page on screen (LoadedPdf has the first)
        self._generation = 0
        self._pdf_generation = 0  # the page asked for last; older renders are dropped
        self._build()
        self._retranslate()

    # -- building ----------------------------------------------------------------------

    def _build(self) -> None:
        self.title_label = plain_label(word_wrap=True)
        self.title_label.setStyleSheet("font-weight: 600; font-size: 11pt;")
        self.kind_label = plain_label()
        self.kind_label.setStyleSheet("color: #475467;")
        self.integrity_label = plain_label()
        self.integrity_label.setObjectName("integrityBadge")
        self.submitted_label = plain_label(word_wrap=True)
        self.file_label = plain_label(word_wrap=True)
        self.file_label.setStyleSheet("color: #475467;")
        self.facts_label = plain_label(word_wrap=True)
        self.description_label = plain_label(word_wrap=True)
        self.description_label.setStyleSheet("color: #344054;")
        self.open_button = QPushButton()
        self.open_button.clicked.connect(self._on_open_button_clicked)

        top = QHBoxLayout()
        top.addWidget(self.title_label, 1)
        top.addWidget(self.integrity_label, 0, Qt.AlignmentFlag.AlignTop)
        second = QHBoxLayout()
        second.addWidget(self.kind_label)
        second.addWidget(self.submitted_label, 1)
        third = QHBoxLayout()
        third.addWidget(self.file_label, 1)
        third.addWidget(self.open_button)

        header = QFrame()
        header.setObjectName("evidenceHeader")
        header_layout = QVBoxLayout(header)
        header_layout.setContentsMargins(10, 8, 10, 8)
        header_layout.setSpacing(3)
        header_layout.addLayout(top)
        header_layout.addLayout(second)
        header_layout.addLayout(third)
        header_layout.addWidget(self.facts_label)
        header_layout.addWidget(self.description_label)

        self.stack = QStackedWidget()
        self.loading_label = plain_label(alignment=Qt.AlignmentFlag.AlignCenter)
        self.stack.addWidget(self.loading_label)

        self.image_view = ZoomableImageView()
        self.image_view.detail_wanted.connect(self._on_image_view_detail_wanted)
        self.image_view.scale_changed.connect(self._on_image_view_scale_changed)
        self.zoom_label = plain_label()
        self.zoom_out = QToolButton()
        self.zoom_out.setText("−")
        self.zoom_out.clicked.connect(lambda: self.image_view.zoom_by(0.8))
        self.zoom_in = QToolButton()
        self.zoom_in.setText("+")
        self.zoom_in.clicked.connect(lambda: self.image_view.zoom_by(1.25))
        self.fit_button = QToolButton()
        self.fit_button.clicked.connect(self.image_view.fit)
        self.actual_button = QToolButton()
        self.actual_button.setText("1:1")
        self.actual_button.clicked.connect(self.image_view.actual_size)
        image_bar = QHBoxLayout()
        image_bar.setContentsMargins(4, 2, 4, 2)
        for button in (self.zoom_out, self.zoom_in, self.fit_button, self.actual_button):
            button.setAutoRaise(True)
            image_bar.addWidget(button)
        image_bar.addWidget(self.zoom_label)
        image_bar.addStretch(1)
        image_page = QWidget()
        image_layout = QVBoxLayout(image_page)
        image_layout.setContentsMargins(0, 0, 0, 0)
        image_layout.setSpacing(0)
        image_layout.addWidget(self.image_view, 1)
        image_layout.addLayout(image_bar)
        self.stack.addWidget(image_page)

        self.pdf_view = ZoomableImageView()
        self.pdf_view.detail_wanted.connect(self._on_pdf_view_detail_wanted)
        self.pdf_view.scale_changed.connect(self._on_pdf_view_scale_changed)
        self.pdf_zoom_label = plain_label()
        self.pdf_zoom_out = QToolButton()
        self.pdf_zoom_out.setText("−")
        self.pdf_zoom_out.clicked.connect(lambda: self.pdf_view.zoom_by(0.8))
        self.pdf_zoom_in = QToolButton()
        self.pdf_zoom_in.setText("+")
        self.pdf_zoom_in.clicked.connect(lambda: self.pdf_view.zoom_by(1.25))
        self.pdf_fit_button = QToolButton()
        self.pdf_fit_button.clicked.connect(self.pdf_view.fit)
        self.pdf_width_button = QToolButton()
        self.pdf_width_button.clicked.connect(self.pdf_view.fit_width)
        self.pdf_actual_button = QToolButton()
        self.pdf_actual_button.setText("1:1")
        self.pdf_actual_button.clicked.connect(self.pdf_view.actual_size)
        self.previous_page = QToolButton()
        self.previous_page.clicked.connect(lambda: self.show_pdf_page(self.pdf_page_index - 1))
        self.next_page = QToolButton()
        self.next_page.clicked.connect(lambda: self.show_pdf_page(self.pdf_page_index + 1))
        self.page_label = plain_label(selectable=False)
        pdf_bar = QHBoxLayout()
        pdf_bar.setContentsMargins(4, 2, 4, 2)
        for button in (
            self.pdf_zoom_out,
            self.pdf_zoom_in,
            self.pdf_width_button,
            self.pdf_fit_button,
            self.pdf_actual_button,
        ):
            button.setAutoRaise(True)
            pdf_bar.addWidget(button)
        pdf_bar.addWidget(self.pdf_zoom_label)
        pdf_bar.addStretch(1)
        for button in (self.previous_page, self.next_page):
            button.setAutoRaise(True)
        pdf_bar.addWidget(self.previous_page)
        pdf_bar.addWidget(self.page_label)
        pdf_bar.addWidget(self.next_page)
        pdf_page = QWidget()
        pdf_layout = QVBoxLayout(pdf_page)
        pdf_layout.setContentsMargins(0, 0, 0, 0)
        pdf_layout.setSpacing(0)
        pdf_layout.addWidget(self.pdf_view, 1)
        pdf_layout.addLayout(pdf_bar)
        self.stack.addWidget(pdf_page)

        self.chat_view = ChatLogView()
        self.stack.addWidget(self.chat_view)

        self.record_view = RecordView()
        self.stack.addWidget(self.record_view)

        self.text_view = QPlainTextEdit()
        self.text_view.setReadOnly(True)
        self.stack.addWidget(self.text_view)

        self.other_label = plain_label(word_wrap=True, alignment=Qt.AlignmentFlag.AlignCenter)
        self.stack.addWidget(self.other_label)

        self.unavailable_label = plain_label(word_wrap=True, alignment=Qt.AlignmentFlag.AlignCenter)
        self.unavailable_label.setStyleSheet("color: #b42318; padding: 24px;")
        self.stack.addWidget(self.unavailable_label)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(header)
        layout.addWidget(self.stack, 1)
        self._show_page("loading")

    # -- what the panel asks -------------------------------------------------------------

    @property
    def item(self) -> EvidenceView | None:
        return self._item

    @property
    def loaded(self) -> Loaded | None:
        return self._loaded

    @property
    def page(self) -> str:
        return PAGES[self.stack.currentIndex()]

    @property
    def pdf_page(self) -> PdfPage | None:
        """The PDF page on screen (None while the item is not a PDF)."""
        return self._pdf_page

    @property
    def pdf_page_index(self) -> int:
        return self._pdf_page.index if self._pdf_page is not None else 0

    @property
    def pdf_page_count(self) -> int:
        return self._loaded.page_count if isinstance(self._loaded, LoadedPdf) else 0

    def show_item(self, item: EvidenceView | None, parties: PartyDirectory | None = None) -> None:
        self._generation += 1
        self._item = item
        self._parties = parties or self._parties
        self._loaded = None
        self._integrity = item.integrity if item else None
        self.image_view.clear()
        self.pdf_view.clear()
        self._pdf_page = None
        self._fill_header()
        if item is None:
            self._show_page("loading")
            self.loading_label.setText(self.tr("No evidence chosen."))
            return
        self.loading_label.setText(self.tr("Loading…"))
        self._show_page("loading")
        self._start_load(self._first_decode_side(), detail=False)

    def set_integrity(self, evidence_id: str, integrity: str) -> None:
        """The case's integrity check finished for one item."""
        if self._item is not None and self._item.evidence_id == evidence_id:
            self._integrity = integrity
            self._fill_header()

    def release(self) -> None:
        """Stop listening to work in flight (the viewer is going away or changes case)."""
        self._generation += 1

    # -- loading ---------------------------------------------------------------------

    def _first_decode_side(self) -> int:
        size = self.stack.size()
        ratio = self.devicePixelRatioF()
        return max(FIRST_DECODE_MIN, int(max(size.width(), size.height()) * ratio))

    def _start_load(self, long_side: int, *, detail: bool) -> None:
        item, generation = self._item, self._generation
        assert item is not None

        def load(uow: UnitOfWork, op: OpContext) -> Loaded:
            return load_evidence(uow, item, long_side, op.cancel)

        (
            ReadOp(self._ops, load)
            .in_pool("files")
            .success(lambda loaded: self._on_load_finished(generation, loaded, detail))
            .failure(lambda error: self._on_load_failed(generation, error, detail))
            .run(self)
        )

    def _on_load_failed(self, generation: int, error: DeskError, detail: bool) -> None:
        # The store could not be read (locked, gone): say so where the content would be.
        # (A bug goes to the bug handler instead, which apologises once.)
        if generation != self._generation or self._item is None or detail:
            return
        self.unavailable_label.setText(str(error))
        self._show_page("unavailable")

    def _on_load_finished(self, generation: int, loaded: Loaded, detail: bool) -> None:
        if generation != self._generation or self._item is None:
            return
        if detail:
            if isinstance(loaded, LoadedImage):
                self._loaded = loaded
                self.image_view.set_image(loaded.image, self._original(loaded), keep_view=True)
                self.image_changed.emit()
            return
        self._loaded = loaded
        if isinstance(loaded, Unavailable) and loaded.reason in ("altered", "missing"):
            self._integrity = loaded.reason
        elif not isinstance(loaded, Unavailable) or loaded.reason in ("too_large", "unreadable"):
            self._integrity = "verified"  # read_evidence checked size and SHA-256 just now
        self._fill_header()
        self._show_loaded(loaded)

    # -- PDF pages -------------------------------------------------------------------

    def show_pdf_page(self, index: int) -> None:
        """Render page ``index`` (from 0) in the background and show it when it is drawn."""
        loaded = self._loaded
        if not isinstance(loaded, LoadedPdf) or not 0 <= index < loaded.page_count:
            return
        self._render_pdf_page(index, self._first_decode_side(), keep_view=False)

    def _render_pdf_page(self, index: int, long_side: int, *, keep_view: bool) -> None:
        loaded = self._loaded
        assert isinstance(loaded, LoadedPdf)
        self._pdf_generation += 1
        generation, pdf_generation, data = self._generation, self._pdf_generation, loaded.data
        (
            DeskOp(self._ops, lambda op: render_pdf_page(data, index, long_side, op.cancel))
            .in_pool("files")
            .success(
                lambda page: self._on_pdf_page_rendered(generation, pdf_generation, page, keep_view)
            )
            .run(self)
        )
        self._update_page_controls(pending=index)

    def _on_pdf_page_rendered(
        self, generation: int, pdf_generation: int, page: PdfPage | Unavailable, keep_view: bool
    ) -> None:
        if generation != self._generation or pdf_generation != self._pdf_generation:
            return
        if isinstance(page, Unavailable):
            self.unavailable_label.setText(self._unavailable_words(page))
            self._show_page("unavailable")
            return
        self._show_pdf(page, keep_view=keep_view)

    def _show_pdf(self, page: PdfPage, *, keep_view: bool = False) -> None:
        self._pdf_page = page
        self.pdf_view.set_image(page.image, page.size, keep_view=keep_view)
        if not keep_view:
            self.pdf_view.fit_width()  # a page opens to be read: across the pane, from the top
        self._update_page_controls()
        self._update_zoom_label()

    def _on_pdf_view_detail_wanted(self) -> None:
        page = self._pdf_page
        if page is not None and not page.full_resolution and isinstance(self._loaded, LoadedPdf):
            self._render_pdf_page(page.index, DETAIL_LONG_SIDE, keep_view=True)

    def _on_pdf_view_scale_changed(self) -> None:
        self._update_zoom_label()

    def _update_page_controls(self, pending: int | None = None) -> None:
        count = self.pdf_page_count
        index = pending if pending is not None else self.pdf_page_index
        self.previous_page.setEnabled(count > 0 and index > 0)
        self.next_page.setEnabled(count > 0 and index < count - 1)
        self.page_label.setText(
            self.tr("Page %1 of %2").replace("%1", str(index + 1)).replace("%2", str(count))
            if count
            else ""
        )

    @staticmethod
    def _original(loaded: LoadedImage) -> QSize:
        return QSize(loaded.facts.width, loaded.facts.height)

    def _show_loaded(self, loaded: Loaded) -> None:
        if isinstance(loaded, LoadedImage):
            self._show_page("image")
            self.image_view.set_image(loaded.image, self._original(loaded))
            self._update_zoom_label()
            self.image_changed.emit()
        elif isinstance(loaded, LoadedPdf):
            self._show_page("pdf")
            self._show_pdf(loaded.page)
        elif isinstance(loaded, LoadedChat):
            self.chat_view.chat_model.set_lines(
                loaded.lines, self._parties.roles, self._parties.names
            )
            self._show_page("chat")
        elif isinstance(loaded, LoadedRecord):
            self.record_view.show_record(loaded.data, loaded.raw)
            self._show_page("record")
        elif isinstance(loaded, LoadedText):
            text = loaded.text
            if loaded.truncated:
                text += "\n\n" + self.tr("[The rest of this file is not shown here.]")
            self.text_view.setPlainText(text)
            self._show_page("text")
        elif isinstance(loaded, LoadedOther):
            self._show_page("other")
        else:
            self.unavailable_label.setText(self._unavailable_words(loaded))
            self._show_page("unavailable")
        self._fill_header()

    def _show_page(self, page: str) -> None:
        self.stack.setCurrentIndex(PAGES.index(page))
        self.open_button.setVisible(
            page in ("image", "pdf", "text", "other", "record", "chat") and self._item is not None
        )
        if page != "loading":
            self.content_shown.emit(page)

    def _on_image_view_detail_wanted(self) -> None:
        loaded = self._loaded
        if isinstance(loaded, LoadedImage) and not loaded.full_resolution and self._item:
            self._start_load(DETAIL_LONG_SIDE, detail=True)

    def _on_image_view_scale_changed(self) -> None:
        self._update_zoom_label()

    def _update_zoom_label(self) -> None:
        self.zoom_label.setText(zoom_percent(self.image_view))
        self.pdf_zoom_label.setText(
            zoom_percent(self.pdf_view) if self.pdf_view.has_image() else ""
        )

    # -- opening outside the desk -------------------------------------------------------

    def _on_open_button_clicked(self) -> None:
        item = self._item
        if item is None:
            return

        def export(uow: UnitOfWork, _op: OpContext) -> Path | Unavailable:
            data = read_checked(uow, item)
            if isinstance(data, Unavailable):
                return data
            folder = _folder_for_outside_viewers()
            # Our own name and an extension from the media type: never the party's file name.
            path = folder / f"{item.case_id}-{item.evidence_id}{safe_extension(item.media_type)}"
            path.write_bytes(data)
            return path

        # A full disk or an unwritable temporary folder is shown in a message box.
        ReadOp(self._ops, export).in_pool("files").success(self._on_export_finished).run(self)

    def _on_export_finished(self, exported: Path | Unavailable) -> None:
        if isinstance(exported, Unavailable):
            # Never hand the user a file that is not the one received: say why instead.
            show_error(self, IntegrityError(self._unavailable_words(exported)))
            return
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(exported)))

    # -- words -----------------------------------------------------------------------

    def _unavailable_words(self, loaded: Unavailable) -> str:
        if loaded.reason == "altered":
            return self.tr(
                "This file was changed on this computer after it was received: it no longer "
                "matches its recorded fingerprint (SHA-256), so it is not shown. Sync again to "
                "restore the original."
            )
        if loaded.reason == "missing":
            return self.tr(
                "This file is missing from the evidence store on this computer. Sync again to "
                "download it."
            )
        if loaded.reason == "not_downloaded":
            return self.tr("This file has not been downloaded yet. It arrives with the next sync.")
        if loaded.reason == "too_large":
            return self.tr("This picture is too large to show safely (%1 pixels).").replace(
                "%1", loaded.detail
            )
        return self.tr("This file cannot be read as its type says.")

    def _fill_header(self) -> None:
        item = self._item
        if item is None:
            for label in (
                self.title_label,
                self.kind_label,
                self.submitted_label,
                self.file_label,
                self.facts_label,
                self.description_label,
                self.integrity_label,
            ):
                label.setText("")
            self.integrity_label.setVisible(False)
            self.facts_label.setVisible(False)
            self.description_label.setVisible(False)
            return
        self.title_label.setText(f"{item.evidence_id}  {item.title or item.filename}")
        self.kind_label.setText(label_text("EvidenceKind", item.kind))
        role = self._parties.roles.get(item.submitted_by)
        who = item.submitted_by_name
        if item.submitted_by == "platform":
            who = self.tr("Platform")
        elif role:
            who = f"{who} ({label_text('PartyRole', role)})"
        self.submitted_label.setText(
            self.tr("Submitted by %1 on %2")
            .replace("%1", who)
            .replace("%2", local_time(item.submitted_at))
        )
        self.file_label.setText(f"{item.filename} · {item.media_type} · {file_size(item.size)}")
        integrity = self._integrity or "unchecked"
        self.integrity_label.setVisible(True)
        self.integrity_label.setText(label_text("Integrity", integrity))
        self.integrity_label.setToolTip(self.tr("SHA-256 %1").replace("%1", item.sha256))
        self.integrity_label.setStyleSheet(
            INTEGRITY_STYLE.get(integrity, INTEGRITY_STYLE["unchecked"])
            + " border-radius: 9px; padding: 1px 8px;"
        )
        self.facts_label.setText(self._facts_text(item))
        self.facts_label.setVisible(bool(self.facts_label.text()))
        self.description_label.setText(item.description or "")
        self.description_label.setVisible(bool(item.description))

    def _facts_text(self, item: EvidenceView) -> str:
        parts: list[str] = []
        loaded = self._loaded
        if isinstance(loaded, LoadedImage):
            facts = loaded.facts
            parts.append(
                self.tr("%1 × %2 pixels")
                .replace("%1", str(facts.width))
                .replace("%2", str(facts.height))
            )
        if item.captured_at is not None:
            parts.append(
                self.tr("Capture time claimed: %1").replace("%1", local_time(item.captured_at))
            )
        if isinstance(loaded, LoadedImage):
            facts = loaded.facts
            check = check_capture_time(facts.exif_taken, facts.exif_offset, item.captured_at)
            if facts.exif_taken:
                shown = facts.exif_taken + (f" {facts.exif_offset}" if facts.exif_offset else "")
                parts.append(self.tr("EXIF date: %1").replace("%1", shown))
                if check.verdict == "differs":
                    parts.append(self.tr("differs from the claimed time"))
            elif item.kind == "photo":
                parts.append(self.tr("no EXIF date"))
            if facts.camera:
                parts.append(self.tr("Camera: %1").replace("%1", facts.camera))
            if facts.software:
                parts.append(self.tr("Edited with: %1").replace("%1", facts.software))
        return " · ".join(parts)

    def _retranslate(self) -> None:
        self.open_button.setText(self.tr("Open externally"))
        self.open_button.setToolTip(
            self.tr("Open a copy of this file with the program your computer uses for it")
        )
        self.fit_button.setText(self.tr("Fit"))
        self.zoom_in.setToolTip(self.tr("Zoom in (+)"))
        self.zoom_out.setToolTip(self.tr("Zoom out (−)"))
        self.fit_button.setToolTip(self.tr("Fit the picture in the pane (0)"))
        self.actual_button.setToolTip(self.tr("Actual pixels (1)"))
        self.pdf_fit_button.setText(self.tr("Fit"))
        self.pdf_zoom_in.setToolTip(self.tr("Zoom in (+)"))
        self.pdf_zoom_out.setToolTip(self.tr("Zoom out (−)"))
        self.pdf_fit_button.setToolTip(self.tr("Fit the page in the pane (0)"))
        self.pdf_width_button.setText(self.tr("Width"))
        self.pdf_width_button.setToolTip(self.tr("The page's width across the pane"))
        self.pdf_actual_button.setToolTip(self.tr("Actual pixels (1)"))
        self.previous_page.setText(self.tr("‹ Previous"))
        self.previous_page.setToolTip(self.tr("Previous page"))
        self.next_page.setText(self.tr("Next ›"))
        self.next_page.setToolTip(self.tr("Next page"))
        self._update_page_controls()
        self.other_label.setText(
            self.tr(
                "The desk does not show this kind of file itself. Open it externally to view it."
            )
        )
        if self.loading_label.text() == "" or self.page == "loading":
            self.loading_label.setText(
                self.tr("Loading…") if self._item else self.tr("No evidence chosen.")
            )
        if isinstance(self._loaded, Unavailable):
            self.unavailable_label.setText(self._unavailable_words(self._loaded))
        self._fill_header()
        if self.image_view.has_image() or self.pdf_view.has_image():
            self._update_zoom_label()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self._retranslate()
        super().changeEvent(event)
