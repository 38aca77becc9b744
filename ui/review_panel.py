"""The Review tab of the open case: the supervisor's desk for one document.

Left, what the reviewer reads: the draft under review (its first page, when the desk
holds the PDF), the platform's documents with every review and its comments, and the
evidence list. Right, what the reviewer decides with: the script's supervisor-review
checklist, what changed since the previous version (:mod:`app.review.diff`), similar
cases (:mod:`app.review.similar`), an appeal if one came, and Approve / Return — Return
needs comments, Approve needs every checklist item ticked. The services refuse what the
role or the four-eyes rule forbids; the panel says so before anyone clicks. Reads are
:class:`ReadOp` s, the verdicts :class:`WriteOp` s (the service commits and the outbox
sends them on the next sync). Every untrusted text is shown as plain text.
"""

from __future__ import annotations

import hashlib

from app.desk import UnitOfWork
from app.errors import DeskError, IntegrityError
from app.review.panel import ReviewView, review_view
from app.review.presenting import diff_lines, similar_lines
from app.review.service import (
    SIGNED_KINDS,
    Countersign,
    VerdictQueued,
    approve_document,
    reopened_on_appeal,
    return_document,
)
from app.vocabulary import Label, current_language, words
from ui.documents_tab import render_pages
from ui.operations import OpContext, OpRunner, ReadOp, WriteOp
from ui.qt import (
    QAbstractItemView,
    QCheckBox,
    QHBoxLayout,
    QImage,
    QLabel,
    QPixmap,
    QPlainTextEdit,
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
from ui.widgets import plain_label

PREVIEW_LONG_SIDE = 700


def _say(key: str, **params: object) -> str:
    return words(f"review.desk.{key}", **params).text()


def _read_only_text(name: str) -> QPlainTextEdit:
    edit = QPlainTextEdit()
    edit.setObjectName(name)
    edit.setReadOnly(True)
    return edit


def _tree(name: str, columns: int, parent: QWidget) -> tuple[QTreeView, QStandardItemModel]:
    model = QStandardItemModel(0, columns, parent)
    view = QTreeView()
    view.setObjectName(name)
    view.setModel(model)
    view.setRootIsDecorated(False)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    return view, model


class ReviewPanel(QWidget):
    """One case's review; call :meth:`show_case_id`."""

    review_shown = Signal(str)  # case id, once its review is on screen
    verdict_queued = Signal(str, str)  # case id, verdict
    failure_shown = Signal(str)

    def __init__(
        self, ops: OpRunner, countersign: Countersign | None = None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._ops = ops
        self._countersign = countersign
        self._case_id: str | None = None
        self._view: ReviewView | None = None
        self._request = 0

        self.heading = plain_label(word_wrap=True)
        self.heading.setObjectName("reviewHeading")
        self.heading.setStyleSheet("font-weight: 600;")
        self.refusal_label = plain_label(word_wrap=True)
        self.refusal_label.setObjectName("reviewRefusal")
        self.refusal_label.setStyleSheet("color: #b42318;")
        self.appeal_label = plain_label(word_wrap=True)
        self.appeal_label.setObjectName("reviewAppeal")
        self.appeal_label.setStyleSheet("color: #b54708;")

        self.preview = QLabel()
        self.preview.setObjectName("reviewPreview")
        self.preview.setAlignment(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop)
        preview_scroll = QScrollArea()
        preview_scroll.setWidgetResizable(True)
        preview_scroll.setWidget(self.preview)
        self.documents, self.documents_model = _tree("reviewDocuments", 5, self)
        self.evidence, self.evidence_model = _tree("reviewEvidence", 4, self)
        self.evidence.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)

        self.checklist_box = QWidget()
        self.checklist_layout = QVBoxLayout(self.checklist_box)
        self.checklist_layout.setContentsMargins(0, 0, 0, 0)
        self.checks: list[QCheckBox] = []
        self.diff_text = _read_only_text("reviewDiff")
        self.similar_text = _read_only_text("reviewSimilar")
        self.comments = QPlainTextEdit()
        self.comments.setObjectName("reviewComments")
        self.comments.textChanged.connect(self._update_buttons)
        self.approve_button = QPushButton()
        self.approve_button.setObjectName("approveDocument")
        self.approve_button.clicked.connect(self.approve)
        self.return_button = QPushButton()
        self.return_button.setObjectName("returnDocument")
        self.return_button.clicked.connect(self.return_with_comments)
        self.message_label = plain_label(word_wrap=True)
        self.message_label.setObjectName("reviewMessage")

        self._titles: dict[str, QLabel] = {}
        left = QVBoxLayout()
        left.addWidget(self._title("draft"))
        left.addWidget(preview_scroll, 3)
        left.addWidget(self._title("documents"))
        left.addWidget(self.documents, 1)
        left.addWidget(self._title("evidence"))
        left.addWidget(self.evidence, 1)
        right = QVBoxLayout()
        right.addWidget(self._title("checklist"))
        right.addWidget(self.checklist_box)
        right.addWidget(self._title("diff"))
        right.addWidget(self.diff_text, 2)
        right.addWidget(self._title("similar"))
        right.addWidget(self.similar_text, 1)
        right.addWidget(self._title("comments"))
        right.addWidget(self.comments, 1)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.return_button)
        buttons.addWidget(self.approve_button)
        right.addLayout(buttons)
        right.addWidget(self.message_label)
        left_widget, right_widget = QWidget(), QWidget()
        left_widget.setLayout(left)
        right_widget.setLayout(right)
        splitter = QSplitter()
        for pane in (left_widget, right_widget):
            # Scrolled, so the tab fits a laptop's screen in every language.
            scroll = QScrollArea()
            scroll.setWidgetResizable(True)
            scroll.setFrameShape(QScrollArea.Shape.NoFrame)
            scroll.setWidget(pane)
            splitter.addWidget(scroll)
        splitter.setSizes([560, 640])
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.refusal_label)
        layout.addWidget(self.appeal_label)
        layout.addWidget(splitter, 1)
        self._retranslate()
        self._update_buttons()

    def _title(self, key: str) -> QLabel:
        label = plain_label()
        label.setStyleSheet("font-weight: 600; margin-top: 6px;")
        self._titles[key] = label
        return label

    def _retranslate(self) -> None:
        for key, label in self._titles.items():
            label.setText(_say(f"title_{key}"))
        self._say_approve()
        self.return_button.setText(_say("return"))
        self.comments.setPlaceholderText(_say("comments_placeholder"))
        self.documents_model.setHorizontalHeaderLabels(
            [_say(f"column_{name}") for name in ("document", "kind", "status", "by", "reviews")]
        )
        self.evidence_model.setHorizontalHeaderLabels(
            [_say(f"column_{name}") for name in ("evidence", "kind", "title", "stored")]
        )

    # -- reading ----------------------------------------------------------------------------

    def show_case_id(self, case_id: str | None) -> None:
        """Show ``case_id``'s review (None: nothing); the answer arrives in the background."""
        if case_id != self._case_id:
            self.message_label.setText("")
            self.comments.clear()
        self._case_id = case_id
        self._request += 1
        request = self._request
        if case_id is None:
            self._show(None)
            return

        def read(uow: UnitOfWork, _op: OpContext) -> tuple[ReviewView, bytes | None]:
            view = review_view(uow, case_id)
            data = None
            if view.under_review is not None and view.document_stored:
                with uow.evidence.open(view.under_review.sha256) as source:
                    data = source.read(view.under_review.size + 1)
                if hashlib.sha256(data).hexdigest() != view.under_review.sha256:
                    raise IntegrityError(
                        words(
                            "documents.altered",
                            case_id=case_id,
                            document_id=view.under_review.document_id,
                        )
                    )
            return view, data

        (
            ReadOp(self._ops, read)
            .success(lambda found: self._on_read(request, *found))
            .failure(self._say_failure)
            .run(self)
        )

    def _on_read(self, request: int, view: ReviewView, pdf: bytes | None) -> None:
        if request != self._request:
            return
        self._show(view)
        if pdf is not None:
            self._preview(request, pdf)
        self.review_shown.emit(view.case_id)

    def _preview(self, request: int, pdf: bytes) -> None:
        def read(_uow: UnitOfWork, op: OpContext) -> list[QImage]:
            return render_pages(pdf, PREVIEW_LONG_SIDE, op.cancel)[:1]

        def shown(images: list[QImage]) -> None:
            if request == self._request and images:
                self.preview.setPixmap(QPixmap.fromImage(images[0]))

        ReadOp(self._ops, read).success(shown).failure(self._say_failure).run(self)

    def _show(self, view: ReviewView | None) -> None:
        self._view = view
        self.preview.clear()
        self.documents_model.removeRows(0, self.documents_model.rowCount())
        self.evidence_model.removeRows(0, self.evidence_model.rowCount())
        for check in self.checks:
            check.deleteLater()
        self.checks = []
        if view is None:
            self.heading.setText("")
            self.refusal_label.setText("")
            self.appeal_label.setText("")
            self.diff_text.setPlainText("")
            self.similar_text.setPlainText("")
            self.preview.setText("")
            self._update_buttons()
            return
        language = current_language()
        under = view.under_review
        self.heading.setText(
            _say(
                "heading",
                case_id=view.case_id,
                title=view.title,
                document_id=under.document_id if under else "—",
                status=Label("CaseStatus", view.status),
            )
            if under
            else _say("nothing_waiting", case_id=view.case_id, title=view.title)
        )
        self.refusal_label.setText(view.refusal.text(language) if view.refusal else "")
        self.refusal_label.setVisible(view.refusal is not None)
        if view.appeal is not None:
            self.appeal_label.setText(
                _say("appeal", by=view.appeal.by, at=view.appeal.at.isoformat(timespec="minutes"))
                + "\n"
                + (view.appeal.text or "")
            )
        else:
            self.appeal_label.setText("")
        self.appeal_label.setVisible(view.appeal is not None)
        if under is None or not view.document_stored:
            self.preview.setText(_say("no_preview") if under else "")
        for document in view.documents:
            reviews = "; ".join(
                f"{Label('Verdict', r.verdict).text(language)}: {r.comments or ''}".strip(": ")
                for r in document.reviews
            )
            row = [
                QStandardItem(document.document_id),
                QStandardItem(Label("DocumentKind", document.kind).text(language)),
                QStandardItem(Label("DocumentStatus", document.status).text(language)),
                QStandardItem(document.created_by),
                QStandardItem(reviews),
            ]
            self.documents_model.appendRow(row)
        for item in view.evidence:
            self.evidence_model.appendRow(
                [
                    QStandardItem(item.evidence_id),
                    QStandardItem(Label("EvidenceKind", item.kind).text(language)),
                    QStandardItem(item.title),
                    QStandardItem("✓" if item.stored else "—"),
                ]
            )
        for text in view.checklist:
            check = QCheckBox(text.text(language))
            check.setObjectName("reviewCheck")
            check.toggled.connect(self._update_buttons)
            self.checklist_layout.addWidget(check)
            self.checks.append(check)
        self.diff_text.setPlainText(
            "\n".join(diff_lines(view.diff, language)) if view.diff else _say("no_diff")
        )
        self.similar_text.setPlainText("\n".join(similar_lines(view.consistency, language)))
        self._update_buttons()

    def _say_approve(self) -> None:
        """What approving does here: countersign a ruling; confirm one an appeal reopened
        (it is countersigned already); approve a notice (not signed)."""
        document = self._view.under_review if self._view is not None else None
        key = "approve"
        if document is not None and reopened_on_appeal(document):
            key = "approve_confirm"
        elif document is not None and document.kind not in SIGNED_KINDS:
            key = "approve_unsigned"
        self.approve_button.setText(_say(key))

    def _update_buttons(self) -> None:
        self._say_approve()
        view = self._view
        may = view is not None and view.under_review is not None and view.refusal is None
        self.approve_button.setEnabled(may and all(check.isChecked() for check in self.checks))
        self.return_button.setEnabled(may and bool(self.comments.toPlainText().strip()))

    # -- acting -------------------------------------------------------------------------------

    def approve(self) -> None:
        self._verdict("approve")

    def return_with_comments(self) -> None:
        self._verdict("return")

    def _verdict(self, verdict: str) -> None:
        view = self._view
        if view is None or view.under_review is None:
            return
        case_id, document_id = view.case_id, view.under_review.document_id
        comments = self.comments.toPlainText()
        countersign = self._countersign

        def write(uow: UnitOfWork, _op: OpContext) -> VerdictQueued:
            if verdict == "return":
                return return_document(uow, case_id, document_id, comments)
            return approve_document(uow, case_id, document_id, comments, countersign)

        self.approve_button.setEnabled(False)
        self.return_button.setEnabled(False)
        (
            WriteOp(self._ops, write)
            .success(self._on_queued)
            .failure(self._say_failure)
            .finished(self._update_buttons)
            .run(self)
        )

    def _on_queued(self, queued: VerdictQueued) -> None:
        key = "review.cli.queued_verdict" if queued.created else "review.cli.already_waiting"
        self.message_label.setText(
            words(
                key,
                case_id=queued.case_id,
                document_id=queued.document_id,
                verdict=Label("Verdict", queued.verdict),
            ).text()
        )
        self.verdict_queued.emit(queued.case_id, queued.verdict)

    def _say_failure(self, error: DeskError) -> None:
        text = error.text()
        self.message_label.setText(text)
        self.failure_shown.emit(text)
