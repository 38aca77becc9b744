"""The documents the platform holds for the open case, each with its signatures' verdict.

The Documents tab lists what this desk drafted; a case also carries what arrived from the
platform — a ruling another desk signed, the countersigned copy a supervisor approved, a
published notice. Issue 13 asks that the desk show the same verdict for every document
it holds: each downloaded file is verified off the GUI thread through
:func:`reports.signing.verify.verify_with_store` (the one verification the ``verify``
command and the drafted versions use), and the list says approved, not yet approved,
not signed, the problem, or that the file has not been downloaded yet.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from app.desk import UnitOfWork
from app.documents.verdict import DocumentVerdict
from app.errors import DeskError
from app.review.service import PlatformDocument, platform_documents
from app.vocabulary import Label, current_language, words
from ui.operations import OpContext, OpRunner, ReadOp
from ui.qt import (
    QAbstractItemView,
    QEvent,
    QHeaderView,
    QStandardItem,
    QStandardItemModel,
    QTreeView,
    QVBoxLayout,
    QWidget,
    Signal,
)
from ui.verdict_words import DocumentCheck, verdict_sentence, verdict_short
from ui.widgets import plain_label

VERDICT_COLUMN = 1  # next to the document's id, as in the drafted versions' list


@dataclass(frozen=True)
class ReceivedCheck:
    """A platform document and what verifying its file found (``stored`` False: not
    downloaded yet, so nothing could be checked)."""

    document: PlatformDocument
    stored: bool
    verdict: DocumentVerdict | None


def check_received(uow: UnitOfWork, home: Path, case_id: str) -> tuple[ReceivedCheck, ...]:
    """Every platform document of the case, its downloaded file verified (on a worker)."""
    from reports.signing.verify import verify_with_store

    checks = []
    for document in platform_documents(uow, case_id):
        if not uow.evidence.has(document.sha256):
            checks.append(ReceivedCheck(document, False, None))
            continue
        with uow.evidence.open(document.sha256) as file:
            data = file.read()
        checks.append(ReceivedCheck(document, True, verify_with_store(uow, home, data)))
    return tuple(checks)


def _as_check(check: ReceivedCheck) -> DocumentCheck:
    return DocumentCheck(check.document.document_id, check.document.sha256, check.verdict)


def received_verdict(check: ReceivedCheck) -> str:
    """The Signatures column for a platform document."""
    if not check.stored:
        return words("documents.desk.received.not_downloaded").text()
    if check.verdict is not None and not check.verdict.signatures:
        return words("documents.desk.verdict.unsigned").text()
    return verdict_short(_as_check(check))


class ReceivedDocuments(QWidget):
    """The platform's documents of one case and their verdicts, under the drafted ones."""

    checked = Signal(str)  # the case id whose documents were verified and shown

    def __init__(self, ops: OpRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._ops = ops
        self._case_id: str | None = None
        self._request = 0
        self._checks: tuple[ReceivedCheck, ...] = ()
        self.title = plain_label()
        self.title.setObjectName("receivedTitle")
        self.model = QStandardItemModel(0, 6, self)
        self.view = QTreeView()
        self.view.setObjectName("receivedDocuments")
        self.view.setModel(self.model)
        self.view.setRootIsDecorated(False)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.header().setSectionResizeMode(
            VERDICT_COLUMN, QHeaderView.ResizeMode.ResizeToContents
        )
        self.view.selectionModel().currentRowChanged.connect(lambda *_: self._say_selected())
        self.detail = plain_label(word_wrap=True)
        self.detail.setObjectName("receivedVerdict")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.title)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.detail)
        self.retranslate()

    def show_case_id(self, case_id: str | None) -> None:
        """Show ``case_id``'s platform documents (None: nothing), verified in the background."""
        self._case_id = case_id
        self._request += 1
        request = self._request
        if case_id is None:
            self._show(())
            return

        def read(uow: UnitOfWork, op: OpContext) -> tuple[ReceivedCheck, ...]:
            return check_received(uow, op.desk.paths.home, case_id)

        (
            ReadOp(self._ops, read)
            .success(lambda checks: self._on_checked(request, case_id, checks))
            .failure(lambda error: self._on_failed(request, error))
            .run(self)
        )

    def _on_checked(self, request: int, case_id: str, checks: tuple[ReceivedCheck, ...]) -> None:
        if request != self._request:
            return  # an answer about a case no longer shown
        self._show(checks)
        self.checked.emit(case_id)

    def _on_failed(self, request: int, error: DeskError) -> None:
        if request == self._request:
            self._show(())
            self.detail.setText(error.text())

    def _show(self, checks: tuple[ReceivedCheck, ...]) -> None:
        self._checks = checks
        self.model.removeRows(0, self.model.rowCount())
        language = current_language()
        for check in checks:
            document = check.document
            verdict = QStandardItem(received_verdict(check))
            verdict.setToolTip(self._sentence(check))  # the column is narrow: all of it here
            self.model.appendRow(
                [
                    QStandardItem(document.document_id),
                    verdict,
                    QStandardItem(Label("DocumentKind", document.kind).text(language)),
                    QStandardItem(Label("DocumentStatus", document.status).text(language)),
                    QStandardItem(document.created_by),
                    QStandardItem(document.created_at.date().isoformat()),
                ]
            )
        self.setVisible(bool(checks))  # a case that never reached the platform: no list
        self.detail.setText("")

    def _say_selected(self) -> None:
        row = self.view.currentIndex().row()
        if not 0 <= row < len(self._checks):
            self.detail.setText("")
            return
        self.detail.setText(self._sentence(self._checks[row]))

    @staticmethod
    def _sentence(check: ReceivedCheck) -> str:
        signed = check.stored and check.verdict is not None and check.verdict.signatures
        return verdict_sentence(_as_check(check)) if signed else received_verdict(check)

    def verdict_of(self, document_id: str) -> str:
        """The Signatures column's text for ``document_id`` (for tests)."""
        for row, check in enumerate(self._checks):
            if check.document.document_id == document_id:
                return self.model.item(row, VERDICT_COLUMN).text()
        raise KeyError(document_id)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def retranslate(self) -> None:
        self.title.setText(words("documents.desk.received.title").text())
        self.model.setHorizontalHeaderLabels(
            [
                words(f"documents.desk.column.{key}").text()
                for key in ("document", "signatures", "kind", "state", "from", "date")
            ]
        )
        self._show(self._checks)
