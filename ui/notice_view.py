"""The Notice tab of the open case: the public notice (结果公示) before it is published.

Left, the texts of the decision as written; right, the same texts as the notice
publishes them, with the facts the notice prints around them. Every removal is
highlighted on both sides and listed below with its kind and the rule it follows;
choosing one in the list selects it on both sides. Everything is plain text: the
decision's texts come from parties and mediators and are never read as rich text.

"Draft notice" stores a version (a :class:`WriteOp`, the service commits) and says what
the publication gate finds in its PDF. "Publish" is there for supervisors only: it
drafts (or keeps) the current version, runs the gate over the PDF's own text and queues
``publish_notice`` for the next sync; a settled case needs the written reason first.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from app.anonymize import kind_words, rule_words
from app.desk import UnitOfWork
from app.errors import DeskError
from app.notices import NoticeRecord, NoticeRedaction, TextExtractor
from app.notices.records import NOTICE_TEXT_FIELDS
from app.notices.reviewed import publish_reviewed_notice, reviewed_notice, submit_notice
from app.notices.service import (
    NoticeDraft,
    NoticePreview,
    NoticeRenderer,
    PublishResult,
    draft_notice,
    notice_preview,
    publish_notice,
)
from app.services.identity import acting_user, signed_in_user
from app.vocabulary import Label, words
from reports import extract_pdf_text, render_notice
from ui.operations import OpContext, OpRunner, ReadOp, WriteOp
from ui.qt import (
    QAbstractItemView,
    QColor,
    QEvent,
    QHBoxLayout,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QStandardItem,
    QStandardItemModel,
    Qt,
    QTextCharFormat,
    QTextCursor,
    QTextEdit,
    QTreeView,
    QVBoxLayout,
    QWidget,
    Signal,
)
from ui.widgets import plain_label

REMOVED = QColor("#fde2e1")  # what the notice leaves out, in the source
REPLACED = QColor("#dff3e4")  # what stands in its place, in the notice
CHOSEN = QColor("#f6c453")


@dataclass(frozen=True)
class NoticeState:
    """What the tab shows: the preview (None: no decision yet, ``refusal`` says why) and
    whether the signed-in user may publish."""

    case_id: str
    preview: NoticePreview | None
    refusal: str | None
    supervisor: bool
    # The platform's notice submitted through the review desk (its document id), which a
    # supervisor publishes instead of drafting a shorter one here (app/notices/reviewed.py).
    reviewed: str | None = None


def _published_text(record: NoticeRecord) -> tuple[str, dict[str, int]]:
    """The notice as plain text, and where each anonymized field starts in it."""
    lines = [
        f"{words('notices.desk.case').text()}: {record.case_id}",
        f"{words('notices.desk.category').text()}: "
        f"{Label('Category', record.category).text()} ({Label('Reason', record.reason).text()})",
        f"{words('notices.desk.shop').text()}: {record.shop_name or ''}",
        f"{words('notices.desk.outcome').text()}: "
        f"{record.outcome.text if record.outcome and record.outcome.text else record.source_kind}",
        f"{words('notices.desk.rules').text()}: "
        + "; ".join(rule.text for rule in record.rules_relied_on),
        f"{words('notices.desk.validity').text()}: "
        f"{record.publication_date.isoformat()} – {record.valid_until.isoformat()}",
        "",
    ]
    text = "\n".join(lines) + "\n"
    starts: dict[str, int] = {}
    for field in NOTICE_TEXT_FIELDS:
        heading = f"【{words(f'notices.field.{field}').text()}】\n"
        text += heading
        starts[field] = len(text)
        text += getattr(record, field) + "\n\n"
    return text, starts


def _source_text(sources: dict[str, str]) -> tuple[str, dict[str, int]]:
    text = ""
    starts: dict[str, int] = {}
    for field in NOTICE_TEXT_FIELDS:
        text += f"【{words(f'notices.field.{field}').text()}】\n"
        starts[field] = len(text)
        text += sources.get(field, "") + "\n\n"
    return text, starts


class NoticeTab(QWidget):
    """One case's public notice; call :meth:`show_case_id`."""

    notice_changed = Signal(str)  # case id: a notice was drafted or queued
    preview_shown = Signal(str)  # case id whose preview is on screen
    failure_shown = Signal(str)  # the words shown for a refused or failed operation

    def __init__(
        self,
        ops: OpRunner,
        actor: Callable[[UnitOfWork], str] = acting_user,
        render: NoticeRenderer = render_notice,
        extract: TextExtractor = extract_pdf_text,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._ops, self._actor, self._render, self._extract = ops, actor, render, extract
        self._case_id: str | None = None
        self._state: NoticeState | None = None
        self._request = 0
        self._published_starts: dict[str, int] = {}
        self._source_starts: dict[str, int] = {}

        self.state_label = plain_label(word_wrap=True)
        self.state_label.setObjectName("noticeState")
        self.reason = QLineEdit()
        self.reason.setObjectName("overrideReason")
        self.draft_button = QPushButton()
        self.draft_button.setObjectName("draftNotice")
        self.draft_button.clicked.connect(self.draft)
        self.publish_button = QPushButton()
        self.publish_button.setObjectName("publishNotice")
        self.publish_button.clicked.connect(self.publish)
        self.submit_button = QPushButton()
        self.submit_button.setObjectName("submitNotice")
        self.submit_button.clicked.connect(self.submit)
        self.message_label = plain_label(word_wrap=True)
        self.message_label.setObjectName("noticeMessage")

        self.source_title = plain_label()
        self.published_title = plain_label()
        self.source = QPlainTextEdit()
        self.source.setObjectName("noticeSource")
        self.published = QPlainTextEdit()
        self.published.setObjectName("noticePublished")
        for view in (self.source, self.published):
            view.setReadOnly(True)
            view.setLineWrapMode(QPlainTextEdit.LineWrapMode.WidgetWidth)
        self.model = QStandardItemModel(0, 4, self)
        self.redactions = QTreeView()
        self.redactions.setObjectName("noticeRedactions")
        self.redactions.setModel(self.model)
        self.redactions.setRootIsDecorated(False)
        self.redactions.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.redactions.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.redactions.selectionModel().currentRowChanged.connect(self._on_redactions_row_changed)

        top = QHBoxLayout()
        top.addWidget(self.state_label, 1)
        top.addWidget(self.reason, 1)
        top.addWidget(self.draft_button)
        top.addWidget(self.submit_button)
        top.addWidget(self.publish_button)
        sides = QSplitter()
        for title, view in (
            (self.source_title, self.source),
            (self.published_title, self.published),
        ):
            side = QWidget()
            side_layout = QVBoxLayout(side)
            side_layout.setContentsMargins(0, 0, 0, 0)
            side_layout.addWidget(title)
            side_layout.addWidget(view, 1)
            sides.addWidget(side)
        body = QSplitter(Qt.Orientation.Vertical)
        body.addWidget(sides)
        body.addWidget(self.redactions)
        body.setStretchFactor(0, 3)
        body.setStretchFactor(1, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.message_label)
        layout.addWidget(body, 1)
        self._retranslate()
        self._update_buttons()

    # -- reading --------------------------------------------------------------------------

    def show_case_id(self, case_id: str | None) -> None:
        """Show ``case_id``'s notice preview (None: nothing); it arrives in the background."""
        if case_id != self._case_id:
            self.message_label.setText("")
            self.reason.clear()
        self._case_id = case_id
        self._request += 1
        request = self._request
        if case_id is None:
            self._show(None)
            return

        def read(uow: UnitOfWork, _op: OpContext) -> NoticeState:
            user = signed_in_user(uow)
            supervisor = user is not None and user.role == "supervisor"
            reviewed = reviewed_notice(uow, case_id)
            try:
                preview = notice_preview(uow, case_id)
            except DeskError as refusal:
                return NoticeState(case_id, None, refusal.text(), supervisor, reviewed)
            return NoticeState(case_id, preview, None, supervisor, reviewed)

        (
            ReadOp(self._ops, read)
            .success(lambda state: self._on_read(request, state))
            .failure(self._say_failure)
            .run(self)
        )

    def _on_read(self, request: int, state: NoticeState) -> None:
        if request == self._request:
            self._show(state)

    def _show(self, state: NoticeState | None) -> None:
        self._state = state
        self.model.removeRows(0, self.model.rowCount())
        preview = state.preview if state else None
        if preview is None:
            self.source.setPlainText("")
            self.published.setPlainText("")
            self._update_buttons()
            return
        published, self._published_starts = _published_text(preview.record)
        source, self._source_starts = _source_text(dict(preview.sources))
        self.published.setPlainText(published)
        self.source.setPlainText(source)
        for redaction in preview.record.redactions:
            row = [
                QStandardItem(words(f"notices.field.{redaction.field}").text()),
                QStandardItem(kind_words(redaction.kind).text()),
                QStandardItem(redaction.replacement),
                QStandardItem(rule_words(redaction.rule).text()),
            ]
            for item in row:
                item.setToolTip(rule_words(redaction.rule).text())
            self.model.appendRow(row)
        self._highlight(None)
        self._update_buttons()
        self.preview_shown.emit(state.case_id if state else "")

    def _spans(self, redaction: NoticeRedaction) -> tuple[tuple[int, int], tuple[int, int]]:
        source = self._source_starts.get(redaction.field, 0)
        published = self._published_starts.get(redaction.field, 0)
        return (
            (source + redaction.source_start, source + redaction.source_end),
            (published + redaction.start, published + redaction.end),
        )

    def _highlight(self, chosen: int | None) -> None:
        state = self._state
        if state is None or state.preview is None:
            return
        marks: dict[str, list[QTextEdit.ExtraSelection]] = {"source": [], "published": []}
        for index, redaction in enumerate(state.preview.record.redactions):
            for side, (start, end), colour in zip(
                ("source", "published"), self._spans(redaction), (REMOVED, REPLACED), strict=True
            ):
                view = self.source if side == "source" else self.published
                selection = QTextEdit.ExtraSelection()
                cursor = QTextCursor(view.document())
                cursor.setPosition(start)
                cursor.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
                selection.cursor = cursor  # type: ignore[attr-defined]
                char = QTextCharFormat()
                char.setBackground(CHOSEN if index == chosen else colour)
                char.setToolTip(rule_words(redaction.rule).text())
                selection.format = char  # type: ignore[attr-defined]
                marks[side].append(selection)
        self.source.setExtraSelections(marks["source"])
        self.published.setExtraSelections(marks["published"])

    def highlighted_text(self, side: str) -> list[str]:
        """The highlighted stretches of one side (``source`` or ``published``)."""
        view = self.source if side == "source" else self.published
        return [selection.cursor.selectedText() for selection in view.extraSelections()]  # type: ignore[attr-defined]

    def _on_redactions_row_changed(self, current: Any, _previous: Any) -> None:
        if not current.isValid() or self._state is None or self._state.preview is None:
            return
        row = current.row()
        self._highlight(row)
        redaction = self._state.preview.record.redactions[row]
        (source, published) = self._spans(redaction)
        for view, (start, _end) in ((self.source, source), (self.published, published)):
            cursor = view.textCursor()
            cursor.setPosition(start)
            view.setTextCursor(cursor)
            view.ensureCursorVisible()

    def _update_buttons(self) -> None:
        state = self._state
        preview = state.preview if state else None
        self.draft_button.setEnabled(preview is not None)
        supervisor = bool(state and state.supervisor)
        reviewed = state.reviewed if state else None
        self.publish_button.setVisible(supervisor)
        self.publish_button.setEnabled(supervisor and (preview is not None or bool(reviewed)))
        # The drafter sends the full notice to a supervisor on another desk for review.
        self.submit_button.setVisible(bool(state) and not supervisor)
        self.submit_button.setEnabled(not supervisor and preview is not None)
        self.reason.setVisible(bool(preview and preview.settled))
        if state is None:
            self.state_label.setText("")
        elif preview is None:
            self.state_label.setText(state.refusal or "")
        elif preview.settled:
            self.state_label.setText(
                words("notices.settled_not_published", case_id=state.case_id).text()
            )
        else:
            self.state_label.setText(
                words(
                    "notices.desk.ready",
                    source=preview.record.source_document_id,
                    count=len(preview.record.redactions),
                ).text()
            )
        if supervisor and reviewed:
            self.state_label.setText(words("notices.desk.reviewed", document_id=reviewed).text())

    # -- acting ---------------------------------------------------------------------------

    def _reason(self) -> str | None:
        return self.reason.text().strip() or None

    def draft(self) -> None:
        """Store the next version of the notice (a WriteOp; the service commits)."""
        case_id = self._case_id
        if case_id is None:
            return
        actor, render, extract, reason = self._actor, self._render, self._extract, self._reason()

        def write(uow: UnitOfWork, _op: OpContext) -> NoticeDraft:
            return draft_notice(
                uow, case_id, render, extract, actor_id=actor(uow), override_reason=reason
            )

        self._write(self.draft_button, write, self._on_drafted)

    def _on_drafted(self, result: NoticeDraft) -> None:
        notice = result.notice
        key = "notices.cli.drafted" if result.created else "notices.cli.unchanged"
        said = words(
            key,
            notice_id=notice.notice_id,
            version=notice.version,
            source=notice.source_document_id,
            redactions=notice.redactions,
            sha256=notice.sha256,
        ).text()
        gate = (
            words(
                "notices.cli.gate_findings",
                findings=[finding.describe() for finding in result.findings],
            )
            if result.findings
            else words("notices.cli.gate_clean")
        ).text()
        self.message_label.setText(f"{said}\n{gate}")
        self.notice_changed.emit(notice.case_id)

    def submit(self) -> None:
        """Draft (or keep) the current version and queue it for a supervisor's review
        (``submit_notice``, a WriteOp)."""
        case_id = self._case_id
        if case_id is None:
            return
        actor, render, extract, reason = self._actor, self._render, self._extract, self._reason()

        def write(uow: UnitOfWork, _op: OpContext) -> str:
            who = actor(uow)
            drafted = draft_notice(
                uow, case_id, render, extract, actor_id=who, override_reason=reason
            )
            item = submit_notice(uow, case_id, actor_id=who)
            return words(
                "notices.cli.submitted", notice_id=drafted.notice.notice_id, outbox_id=item.id
            ).text()

        self._write(self.submit_button, write, lambda said: self._said(case_id, said))

    def _write(self, button: QPushButton, write: Any, done: Any) -> None:
        """Run ``write`` as a WriteOp with ``button`` disabled until it ends; ``done``
        gets its answer, a failure is said under the buttons."""
        button.setEnabled(False)
        (
            WriteOp(self._ops, write)
            .success(done)
            .failure(self._say_failure)
            .finished(self._update_buttons)
            .run(self)
        )

    def _said(self, case_id: str, text: str) -> None:
        self.message_label.setText(text)
        self.notice_changed.emit(case_id)

    def publish(self) -> None:
        """Run the gate over the PDF to publish and queue the publication (a WriteOp): the
        platform's reviewed copy when there is one, else the current version drafted (or
        kept) here. A refusal names fields and kinds, never values."""
        case_id = self._case_id
        if case_id is None:
            return
        actor, render, extract, reason = self._actor, self._render, self._extract, self._reason()
        reviewed = self._state.reviewed if self._state else None
        if reviewed:

            def publish_copy(uow: UnitOfWork, _op: OpContext) -> str:
                item = publish_reviewed_notice(uow, case_id, reviewed, extract, actor_id=actor(uow))
                return words(
                    "notices.cli.queued_document", document_id=reviewed, outbox_id=item.id
                ).text()

            self._write(self.publish_button, publish_copy, lambda said: self._said(case_id, said))
            return

        def write(uow: UnitOfWork, _op: OpContext) -> PublishResult:
            who = actor(uow)
            draft_notice(uow, case_id, render, extract, actor_id=who, override_reason=reason)
            return publish_notice(uow, case_id, extract, actor_id=who, override_reason=reason)

        self._write(self.publish_button, write, self._on_published)

    def _on_published(self, result: PublishResult) -> None:
        self.message_label.setText(
            words(
                "notices.cli.queued", notice_id=result.notice.notice_id, outbox_id=result.outbox.id
            ).text()
        )
        self.notice_changed.emit(result.notice.case_id)

    def _say_failure(self, error: DeskError) -> None:
        text = error.text()
        self.message_label.setText(text)
        self.failure_shown.emit(text)

    # -- language -------------------------------------------------------------------------

    def _retranslate(self) -> None:
        self.draft_button.setText(words("notices.desk.draft").text())
        self.publish_button.setText(words("notices.desk.publish").text())
        self.submit_button.setText(words("notices.desk.submit").text())
        self.reason.setPlaceholderText(words("notices.desk.reason").text())
        self.source_title.setText(words("notices.desk.source").text())
        self.published_title.setText(words("notices.desk.published").text())
        self.model.setHorizontalHeaderLabels(
            [
                words(f"notices.desk.column.{key}").text()
                for key in ("field", "kind", "replacement", "rule")
            ]
        )
        if self._state is not None:
            self._show(self._state)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self._retranslate()
        super().changeEvent(event)


__all__ = ["NoticeTab"]
