"""The Documents tab of the open case: decision documents and their versions.

Lists every version (current draft or superseded), previews the selected one — its pages
rendered with PDFium off the GUI thread — drafts the next version where the workflow
allows it (the Draft button says why not otherwise), and exports the document or one
party's copy. Everything goes through :mod:`ui.operations`: the list and the preview are
:class:`ReadOp` s, drafting a :class:`WriteOp` (the service commits). The words come
from the core's vocabulary (``resources/vocabulary/documents.toml``), in the desk's
language.

Every version's signatures are verified as the list arrives (a second :class:`ReadOp`;
pyHanko, through ``reports.signing.verify``, is loaded on that worker the first time):
the Signatures column says approved, not yet approved, not signed or the problem, and the
line under the buttons says who signed the selected one and the verdict in full. Each
verdict is then recorded (:func:`app.documents.verifications.record_verification`, a
:class:`WriteOp`): the workflow's "Both signatures validate" reads it from the store.
"""

from __future__ import annotations

import hashlib
import threading
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from app.desk import UnitOfWork
from app.documents import (
    DocumentVersion,
    DraftingState,
    DraftResult,
    PartySide,
    Renderer,
    draft_document,
    drafting_state,
    export_document,
    list_documents,
    read_document,
)
from app.documents.signing import signed_form
from app.documents.verifications import record_verification
from app.errors import DeskError, IntegrityError
from app.files import write_private
from app.services.identity import acting_user
from app.vocabulary import LANGUAGES, Label, words
from reports import render_record
from ui.evidence_loading import Unavailable, open_pdf, render_pdf_page
from ui.operations import OpContext, OpRunner, ReadOp, WriteOp
from ui.qt import (
    QAbstractItemView,
    QComboBox,
    QEvent,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QImage,
    QLabel,
    QPixmap,
    QPushButton,
    QScrollArea,
    QSplitter,
    QStandardItem,
    QStandardItemModel,
    Qt,
    QTreeView,
    QVBoxLayout,
    QWidget,
    Signal,
)
from ui.received_documents import ReceivedDocuments
from ui.verdict_words import DocumentCheck, verdict_sentence, verdict_short
from ui.widgets import plain_label

PAGE_LONG_SIDE = 1080  # pixels: an A4 page about 760 wide
VERDICT_COLUMN = 1  # the Signatures column, next to the document's id: it matters most


@dataclass(frozen=True)
class DocumentsView:
    case_id: str
    versions: tuple[DocumentVersion, ...]
    drafting: DraftingState


def check_documents(
    uow: UnitOfWork, home: Path, case_id: str, document_ids: tuple[str, ...]
) -> tuple[DocumentCheck, ...]:
    """Verify the newest signed form of each document against the desk's trust roots and
    CRLs and its store's view of the case (on a worker: pyHanko is slow to load and to run)."""
    from reports.signing.verify import verify_with_store

    checks = []
    for document_id in document_ids:
        data = signed_form(uow, case_id, document_id)
        if data is None:
            checks.append(DocumentCheck(document_id, None, None))
            continue
        verdict = verify_with_store(uow, home, data)
        checks.append(DocumentCheck(document_id, hashlib.sha256(data).hexdigest(), verdict))
    return tuple(checks)


def render_pages(
    data: bytes, long_side: int, cancel: threading.Event | None = None
) -> list[QImage]:
    """Every page of verified PDF bytes as an image (runs on a worker; PDFium through
    :mod:`ui.evidence_loading`, which lets one call at a time into it)."""
    opened = open_pdf(data, long_side)
    if isinstance(opened, Unavailable):
        raise IntegrityError(words("documents.desk.unreadable", detail=opened.detail))
    images = [opened.page.image]
    for index in range(1, opened.page_count):
        page = render_pdf_page(data, index, long_side, cancel)
        if isinstance(page, Unavailable):
            raise IntegrityError(words("documents.desk.unreadable", detail=page.detail))
        images.append(page.image)
    return images


class DocumentsTab(QWidget):
    """One case's decision documents; call :meth:`show_case_id`."""

    documents_changed = Signal(str)  # case id: a new version was drafted
    verdicts_shown = Signal(str)  # case id whose documents' signatures were verified
    preview_shown = Signal(str)  # document id whose pages are on screen
    failure_shown = Signal(str)  # the words shown for a refused or failed operation

    def __init__(
        self,
        ops: OpRunner,
        actor: Callable[[UnitOfWork], str] = acting_user,
        render: Renderer = render_record,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._ops = ops
        self._actor = actor
        self._render = render
        self._case_id: str | None = None
        self._view: DocumentsView | None = None
        self._request = 0
        self._preview_request = 0
        self.previewed: str | None = None
        self._checks: dict[str, DocumentCheck] = {}
        self._check_request = 0

        self.state_label = plain_label(word_wrap=True)
        self.state_label.setObjectName("draftingState")
        self.language = QComboBox()
        self.language.setObjectName("documentLanguage")
        for language in LANGUAGES:
            self.language.addItem("", language)
        self.draft_button = QPushButton()
        self.draft_button.setObjectName("draftDocument")
        self.draft_button.clicked.connect(self.draft)
        self.party = QComboBox()
        self.party.setObjectName("exportParty")
        for side in (None, "buyer", "merchant"):
            self.party.addItem("", side)
        self.export_button = QPushButton()
        self.export_button.setObjectName("exportDocument")
        self.export_button.clicked.connect(self._on_export_clicked)
        self.message_label = plain_label(word_wrap=True)
        self.message_label.setObjectName("documentsMessage")
        self.verdict_label = plain_label(word_wrap=True)
        self.verdict_label.setObjectName("signatureVerdict")

        self.model = QStandardItemModel(0, 7, self)
        self.versions = QTreeView()
        self.versions.setObjectName("documentVersions")
        self.versions.setModel(self.model)
        self.versions.setRootIsDecorated(False)
        self.versions.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.versions.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.versions.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.versions.selectionModel().currentRowChanged.connect(self._on_versions_row_changed)
        self.versions.header().setSectionResizeMode(
            VERDICT_COLUMN, QHeaderView.ResizeMode.ResizeToContents
        )

        self.pages = QWidget()
        self.pages_layout = QVBoxLayout(self.pages)
        self.pages_layout.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        self.preview = QScrollArea()
        self.preview.setObjectName("documentPreview")
        self.preview.setWidgetResizable(True)
        self.preview.setWidget(self.pages)

        top = QHBoxLayout()
        top.addWidget(self.state_label, 1)
        top.addWidget(self.language)
        top.addWidget(self.draft_button)
        top.addSpacing(12)
        top.addWidget(self.party)
        top.addWidget(self.export_button)
        self.received = ReceivedDocuments(ops)
        lists = QSplitter(Qt.Orientation.Vertical)
        lists.addWidget(self.versions)
        lists.addWidget(self.received)
        splitter = QSplitter()
        splitter.addWidget(lists)
        splitter.addWidget(self.preview)
        splitter.setStretchFactor(1, 3)
        splitter.setSizes([400, 880])
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.message_label)
        layout.addWidget(self.verdict_label)
        layout.addWidget(splitter, 1)
        self._retranslate()
        self._update_buttons()

    # -- reading --------------------------------------------------------------------------

    def show_case_id(self, case_id: str | None) -> None:
        """Show ``case_id``'s documents (None: nothing); the answer arrives in the background."""
        if case_id != self._case_id:
            self.message_label.setText("")  # a message about another case
        self._case_id = case_id
        self._request += 1
        request = self._request
        self.received.show_case_id(case_id)
        if case_id is None:
            self._show(None)
            return

        def read(uow: UnitOfWork, _op: OpContext) -> DocumentsView:
            return DocumentsView(
                case_id, list_documents(uow, case_id), drafting_state(uow, case_id)
            )

        (
            ReadOp(self._ops, read)
            .success(lambda view: self._on_read(request, view))
            .failure(self._say_failure)
            .run(self)
        )

    def _on_read(self, request: int, view: DocumentsView) -> None:
        if request != self._request:
            return
        if self._view is None or self._view.case_id != view.case_id:
            self._checks = {}
        self._show(view)
        self._verify(view)

    def _verify(self, view: DocumentsView) -> None:
        """Verify every version's signatures off the GUI thread, then record the verdicts."""
        self._check_request += 1
        request = self._check_request
        case_id = view.case_id
        document_ids = tuple(document.document_id for document in view.versions)

        def read(uow: UnitOfWork, op: OpContext) -> tuple[DocumentCheck, ...]:
            return check_documents(uow, op.desk.paths.home, case_id, document_ids)

        (
            ReadOp(self._ops, read)
            .success(lambda checks: self._on_checked(request, case_id, checks))
            .failure(self._say_failure)
            .run(self)
        )

    def _on_checked(self, request: int, case_id: str, checks: tuple[DocumentCheck, ...]) -> None:
        if request != self._check_request:
            return
        self._checks = {check.document_id: check for check in checks}
        self._show_verdicts()
        signed = tuple(check for check in checks if check.sha256 and check.verdict)
        if signed:
            actor = self._actor

            def write(uow: UnitOfWork, _op: OpContext) -> None:
                who = actor(uow)
                for check in signed:
                    assert check.sha256 is not None and check.verdict is not None
                    record_verification(
                        uow, case_id, check.document_id, check.sha256, check.verdict, actor_id=who
                    )

            WriteOp(self._ops, write).failure(self._say_failure).run(self)
        self.verdicts_shown.emit(case_id)

    def _show_verdicts(self) -> None:
        for row in range(self.model.rowCount()):
            document_id = str(self.model.item(row, 0).data(Qt.ItemDataRole.UserRole))
            self.model.item(row, VERDICT_COLUMN).setText(
                verdict_short(self._checks.get(document_id))
            )
        selected = self.selected_document_id()
        check = self._checks.get(selected) if selected else None
        self.verdict_label.setText(verdict_sentence(check) if check else "")

    def verdict_of(self, document_id: str) -> str:
        """The Signatures column's text for ``document_id`` (for tests)."""
        for row in range(self.model.rowCount()):
            if self.model.item(row, 0).data(Qt.ItemDataRole.UserRole) == document_id:
                return self.model.item(row, VERDICT_COLUMN).text()
        return ""

    def _show(self, view: DocumentsView | None) -> None:
        self._view = view
        self.model.removeRows(0, self.model.rowCount())
        if view is None:
            self.verdict_label.setText("")
            self._clear_pages()
            self._update_buttons()
            return
        for document in reversed(view.versions):  # newest first
            row = [
                QStandardItem(document.document_id),
                QStandardItem(verdict_short(self._checks.get(document.document_id))),
                QStandardItem(str(document.version)),
                QStandardItem(words(f"documents.kind.{document.kind}").text()),
                QStandardItem(Label("Language", document.language).text()),
                QStandardItem(words(f"documents.state.{document.state}").text()),
                QStandardItem(document.document_date.isoformat()),
            ]
            row[0].setData(document.document_id, Qt.ItemDataRole.UserRole)
            self.model.appendRow(row)
        index = self.language.findData(view.drafting.language)
        if index >= 0:
            self.language.setCurrentIndex(index)
        self._update_buttons()
        if self.model.rowCount():
            self.versions.setCurrentIndex(self.model.index(0, 0))
        else:
            self._clear_pages()

    def _update_buttons(self) -> None:
        view = self._view
        drafting = view.drafting if view else None
        can_draft = drafting is not None and drafting.kind is not None and drafting.refusal is None
        self.draft_button.setEnabled(can_draft)
        self.language.setEnabled(can_draft)
        self.export_button.setEnabled(bool(view and view.versions))
        self.party.setEnabled(bool(view and view.versions))
        if drafting is None:
            self.state_label.setText("")
        elif drafting.refusal is not None:
            self.state_label.setText(drafting.refusal)
        elif drafting.kind is None:
            self.state_label.setText(words("documents.desk.nothing_here").text())
        else:
            self.state_label.setText(
                words("documents.desk.ready", kind=words(f"documents.kind.{drafting.kind}")).text()
            )

    def selected_document_id(self) -> str | None:
        index = self.versions.currentIndex()
        if not index.isValid():
            return None
        value = self.model.item(index.row(), 0).data(Qt.ItemDataRole.UserRole)
        return str(value) if value else None

    def _on_versions_row_changed(self, *_args: Any) -> None:
        document_id = self.selected_document_id()
        check = self._checks.get(document_id) if document_id else None
        self.verdict_label.setText(verdict_sentence(check) if check else "")
        if document_id is not None:
            self._preview(document_id)

    def _preview(self, document_id: str) -> None:
        case_id = self._case_id
        if case_id is None:
            return
        self._preview_request += 1
        request = self._preview_request

        def read(uow: UnitOfWork, op: OpContext) -> list[QImage]:
            data = read_document(uow, case_id, document_id)
            op.check_cancelled()
            return render_pages(data, PAGE_LONG_SIDE, op.cancel)

        (
            ReadOp(self._ops, read)
            .success(lambda images: self._on_pages(request, document_id, images))
            .failure(self._say_failure)
            .run(self)
        )

    def _on_pages(self, request: int, document_id: str, images: list[QImage]) -> None:
        if request != self._preview_request:
            return
        self._clear_pages()
        for number, image in enumerate(images, start=1):
            page = QLabel()
            page.setObjectName(f"page{number}")
            page.setPixmap(QPixmap.fromImage(image))
            page.setStyleSheet("border: 1px solid #d0d5dd; background: white;")
            self.pages_layout.addWidget(page)
        self.previewed = document_id
        self.preview_shown.emit(document_id)

    def page_count(self) -> int:
        return self.pages_layout.count()

    def _clear_pages(self) -> None:
        self.previewed = None
        while self.pages_layout.count():
            taken = self.pages_layout.takeAt(0)
            if taken is not None and taken.widget() is not None:
                taken.widget().deleteLater()

    # -- acting ---------------------------------------------------------------------------

    def draft(self) -> None:
        """Draft the next version in the chosen language (a WriteOp; the service commits)."""
        case_id = self._case_id
        if case_id is None:
            return
        language = self.language.currentData()
        actor, render = self._actor, self._render

        def write(uow: UnitOfWork, _op: OpContext) -> DraftResult:
            return draft_document(uow, case_id, render, actor_id=actor(uow), language=language)

        self.draft_button.setEnabled(False)
        (
            WriteOp(self._ops, write)
            .success(self._on_drafted)
            .failure(self._say_failure)
            .finished(self._update_buttons)
            .run(self)
        )

    def _on_drafted(self, result: DraftResult) -> None:
        document = result.document
        key = "documents.cli.drafted" if result.created else "documents.cli.unchanged"
        self.message_label.setText(
            words(
                key,
                document_id=document.document_id,
                version=document.version,
                kind=words(f"documents.kind.{document.kind}"),
                language=Label("Language", document.language),
                sha256=document.sha256,
            ).text()
        )
        self.documents_changed.emit(document.case_id)
        self.show_case_id(document.case_id)

    def export(self, path: Path, party: PartySide | None = None) -> None:
        """Write the selected document, or one party's copy, to ``path`` (a ReadOp)."""
        case_id, document_id = self._case_id, self.selected_document_id()
        if case_id is None or document_id is None:
            return
        render = self._render

        def read(uow: UnitOfWork, _op: OpContext) -> int:
            data = export_document(uow, case_id, document_id, render, party)
            write_private(path, data)
            return len(data)

        (
            ReadOp(self._ops, read)
            .success(
                lambda size: self.message_label.setText(
                    words("documents.desk.exported", path=str(path), size=size).text()
                )
            )
            .failure(self._say_failure)
            .run(self)
        )

    def _on_export_clicked(self) -> None:
        document_id = self.selected_document_id()
        if document_id is None:
            return
        party = self.party.currentData()
        suffix = f"-{party}" if party else ""
        name, _ = QFileDialog.getSaveFileName(
            self,
            words("documents.desk.export_title").text(),
            f"{self._case_id}-{document_id}{suffix}.pdf",
            "PDF (*.pdf)",
        )
        if name:
            self.export(Path(name), party)

    def _say_failure(self, error: DeskError) -> None:
        text = error.text()
        self.message_label.setText(text)
        self.failure_shown.emit(text)

    # -- language -------------------------------------------------------------------------

    def _retranslate(self) -> None:
        self.draft_button.setText(words("documents.desk.draft").text())
        self.export_button.setText(words("documents.desk.export").text())
        for index in range(self.language.count()):
            self.language.setItemText(
                index, Label("Language", self.language.itemData(index)).text()
            )
        for index, key in enumerate(("whole", "buyer", "merchant")):
            self.party.setItemText(index, words(f"documents.desk.copy.{key}").text())
        self.model.setHorizontalHeaderLabels(
            [words(f"documents.desk.column.{key}").text() for key in
             ("document", "signatures", "version", "kind", "language", "state", "date")]
        )  # fmt: skip
        if self._view is not None:
            self._show(self._view)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self._retranslate()
        super().changeEvent(event)
