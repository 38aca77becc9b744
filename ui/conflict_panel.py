"""A conflict, side by side: what the mediator did offline, and what changed on the platform.

The queue marks a case whose offline work the platform would not take as it was (the
case moved on, or the platform refused the action). Here the mediator sees each held
action — its kind, its text or amount, when it was taken, and why it is held: the
version it was based on, or the platform's own reason for refusing it — beside the
fields the platform changed since (old → new), and decides per action, as
``mediation-desk cases resolve`` does: send it again on top of the platform's version
(rebase), or discard it. The case leaves conflict when nothing is held any more.

:func:`app.services.outbox.conflict_details` reads the conflict and
:func:`~app.services.outbox.resolve_conflict` records the decision (and commits); the
panel only shows the :class:`~app.services.outbox.ConflictView` and asks. Everything
from the platform or a party is plain text.
"""

from __future__ import annotations

import json
from datetime import datetime
from typing import Any, Literal

from app.errors import DeskError
from app.services.identity import acting_user
from app.services.outbox import ConflictView, OutboxItem, conflict_details, resolve_conflict
from app.vocabulary import format_money, label_text, listing
from ui.formatting import local_time, one_line
from ui.operations import OpRunner, ReadOp, WriteOp
from ui.qt import (
    QAbstractItemView,
    QEvent,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QPushButton,
    QScrollArea,
    QStandardItem,
    QStandardItemModel,
    QTableView,
    QVBoxLayout,
    QWidget,
    Signal,
)
from ui.widgets import plain_label, section_title

Decision = Literal["rebase", "discard"]

# Fields of the case whose codes have words; the rest are shown as they came.
_CODED_FIELDS = {
    "status": "CaseStatus",
    "priority": "Priority",
    "category": "Category",
    "reason": "Reason",
    "channel": "Channel",
    "language": "Language",
}


def _cell(text: str) -> QStandardItem:
    item = QStandardItem(text)  # QStandardItem text is plain
    item.setEditable(False)
    return item


class HeldActionCard(QFrame):
    """One held action with its two choices."""

    decided = Signal(int, str)  # outbox id, "rebase" | "discard"

    def __init__(
        self,
        item: OutboxItem,
        view: ConflictView,
        parties: dict[str, str],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.item = item
        self._parties = parties
        self.setObjectName("card")
        self.kind = plain_label(selectable=False)
        self.kind.setObjectName("sectionTitle")
        self.when = plain_label(selectable=False)
        self.when.setObjectName("hintLabel")
        self.content = plain_label(word_wrap=True)
        self.why = plain_label(word_wrap=True)
        self.why.setObjectName("warningText")
        self.rebase_button = QPushButton()
        self.rebase_button.clicked.connect(lambda: self.decided.emit(item.id, "rebase"))
        self.discard_button = QPushButton()
        self.discard_button.clicked.connect(lambda: self.decided.emit(item.id, "discard"))
        top = QHBoxLayout()
        top.addWidget(self.kind)
        top.addStretch(1)
        top.addWidget(self.when)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.discard_button)
        buttons.addWidget(self.rebase_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 8, 12, 8)
        layout.setSpacing(4)
        layout.addLayout(top)
        layout.addWidget(self.content)
        layout.addWidget(self.why)
        layout.addLayout(buttons)
        self._view = view
        self.retranslate()

    def set_busy(self, busy: bool) -> None:
        self.rebase_button.setEnabled(not busy)
        self.discard_button.setEnabled(not busy)

    def retranslate(self) -> None:
        item = self.item
        self.kind.setText(label_text("ActionType", item.action_type))
        self.when.setText(
            self.tr("Taken %1 by %2")
            .replace("%1", local_time(item.created_at))
            .replace("%2", item.created_by.removeprefix("user:"))
        )
        self.content.setText(action_text(item.body, self._parties))
        self.content.setVisible(bool(self.content.text()))
        if item.state == "failed" and item.last_error:
            # The platform's own words for refusing it (plain text: it may quote anyone).
            why = self.tr("The platform refused it: %1").replace("%1", item.last_error)
        else:
            why = (
                self.tr("Based on version %1 of the case; the platform is now at version %2.")
                .replace("%1", str(item.base_version))
                .replace("%2", str(self._view.local_version))
            )
        self.why.setText(why)
        self.rebase_button.setText(self.tr("Send again on the new version"))
        self.rebase_button.setToolTip(
            self.tr("Keep this action and send it at the next sync, based on the case as it is now")
        )
        self.discard_button.setText(self.tr("Discard"))
        self.discard_button.setToolTip(self.tr("Drop this action; it is never sent"))


def action_text(body: dict[str, Any], parties: dict[str, str] | None = None) -> str:
    """What an action says or asks, in the desk's language (its codes in words, its
    parties by name where ``parties`` knows them)."""
    names = parties or {}

    def who(party: object) -> str:
        return names.get(str(party), str(party))

    kind = body.get("type")
    head: list[str] = []
    if kind == "set_status" and body.get("status"):
        head.append(label_text("CaseStatus", str(body["status"])))
    elif kind == "close" and body.get("outcome"):
        head.append(label_text("Outcome", str(body["outcome"])))
    elif kind == "propose_offer":
        if body.get("remedy"):
            head.append(label_text("Remedy", str(body["remedy"])))
        amount = body.get("amount")
        if isinstance(amount, dict) and isinstance(amount.get("value"), int):
            head.append(format_money(amount["value"], str(amount.get("currency", ""))))
    elif kind == "record_response" and body.get("decision"):
        head.append(
            f"{body.get('party', '')} {label_text('ResponseDecision', str(body['decision']))}"
        )
    elif kind == "request_evidence" and isinstance(body.get("kinds"), list):
        asked = listing([label_text("EvidenceKind", str(k)) for k in body["kinds"]])
        head.append(f"{who(body.get('from', ''))}: {asked}")
    elif kind == "review_document" and body.get("verdict"):
        head.append(label_text("Verdict", str(body["verdict"])))
    elif kind == "message" and isinstance(body.get("to"), list):
        head.append("→ " + listing([who(party) for party in body["to"]]))
    text = body.get("text") or body.get("note") or body.get("comments") or ""
    first = " · ".join(part for part in head if part)
    return "\n".join(part for part in (first, str(text)) if part)


class ConflictPanel(QScrollArea):
    """The open case's conflict; call :meth:`show_case_id`. Emits when a decision is made."""

    conflict_changed = Signal(str)  # case id: the case (and the queue) must be read again
    conflict_read = Signal(str)  # case id whose conflict is on screen

    def __init__(self, ops: OpRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("conflictPanel")
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self._ops = ops
        self._case_id: str | None = None
        self._parties: dict[str, str] = {}
        self._generation = 0
        self.view: ConflictView | None = None
        self.cards: dict[int, HeldActionCard] = {}
        self._body = QWidget()
        self.setWidget(self._body)
        self.intro = plain_label(word_wrap=True, selectable=False)
        self.message_label = plain_label(word_wrap=True)
        self.message_label.setObjectName("errorText")
        self.mine_title = section_title()
        self.theirs_title = section_title()
        self.changes = QStandardItemModel(0, 3, self)
        self.changes_table = QTableView()
        self.changes_table.setModel(self.changes)
        self.changes_table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.changes_table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.changes_table.setWordWrap(True)
        self.changes_table.setAlternatingRowColors(True)
        self.changes_table.setShowGrid(False)
        self.changes_table.verticalHeader().setVisible(False)
        header = self.changes_table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.no_changes = plain_label(word_wrap=True, selectable=False)
        self.rebase_all = QPushButton()
        self.rebase_all.clicked.connect(lambda: self.decide("rebase"))
        self.discard_all = QPushButton()
        self.discard_all.clicked.connect(lambda: self.decide("discard"))
        self.mine = QVBoxLayout()
        self.mine.setSpacing(8)
        self._build()
        self._retranslate()

    def _build(self) -> None:
        layout = QVBoxLayout(self._body)
        layout.setContentsMargins(10, 10, 10, 10)
        layout.setSpacing(10)
        layout.addWidget(self.intro)
        columns = QHBoxLayout()
        columns.setSpacing(14)
        left = QVBoxLayout()
        left.addWidget(self.mine_title)
        left.addLayout(self.mine)
        every = QHBoxLayout()
        every.addStretch(1)
        every.addWidget(self.discard_all)
        every.addWidget(self.rebase_all)
        left.addLayout(every)
        left.addStretch(1)
        right = QVBoxLayout()
        right.addWidget(self.theirs_title)
        right.addWidget(self.changes_table, 1)
        right.addWidget(self.no_changes)
        columns.addLayout(left, 1)
        columns.addLayout(right, 1)
        layout.addLayout(columns, 1)
        layout.addWidget(self.message_label)

    # -- what the case view asks -----------------------------------------------------

    @property
    def case_id(self) -> str | None:
        return self._case_id

    def show_case_id(self, case_id: str | None, parties: dict[str, str] | None = None) -> None:
        """Read and show the conflict of ``case_id`` (None: no conflict to show);
        ``parties`` names the case's parties by id (``P1`` → ``冬天的风 (买家)``)."""
        self._generation += 1
        self._case_id = case_id
        if parties is not None:
            self._parties = parties
        self.message_label.setText("")
        if case_id is None:
            self._show(None)
            return
        generation = self._generation
        (
            ReadOp(self._ops, lambda uow, _op: conflict_details(uow, case_id))
            .success(lambda view: self._on_read(generation, view))
            .failure(lambda error: self._on_failed(generation, error))
            .run(self)
        )

    def decide(self, decision: Decision, action_ids: list[int] | None = None) -> None:
        """Rebase or discard ``action_ids`` (all held actions when None), in the background."""
        case_id, view = self._case_id, self.view
        if case_id is None or view is None:
            return
        ids = action_ids if action_ids is not None else [item.id for item in view.held]
        generation = self._generation

        def write(uow: Any, _op: Any) -> ConflictView:
            return resolve_conflict(uow, case_id, decision, acting_user(uow), action_ids=ids)

        self._set_busy(True)
        (
            WriteOp(self._ops, write)
            .success(lambda _done: self._on_decided(generation, case_id))
            .failure(lambda error: self._on_failed(generation, error))
            .finished(lambda: self._set_busy(False))
            .run(self)
        )

    # -- answers ---------------------------------------------------------------------

    def _on_read(self, generation: int, view: ConflictView) -> None:
        if generation == self._generation:
            self._show(view)
            self.conflict_read.emit(view.case_id)

    def _on_decided(self, generation: int, case_id: str) -> None:
        if generation == self._generation:
            self.show_case_id(case_id)
        self.conflict_changed.emit(case_id)

    def _on_failed(self, generation: int, error: DeskError) -> None:
        if generation == self._generation:
            self.message_label.setText(str(error))

    def _set_busy(self, busy: bool) -> None:
        for card in self.cards.values():
            card.set_busy(busy)
        held = bool(self.view and self.view.held)
        self.rebase_all.setEnabled(not busy and held)
        self.discard_all.setEnabled(not busy and held)

    # -- showing ---------------------------------------------------------------------

    def _show(self, view: ConflictView | None) -> None:
        self.view = view
        while self.mine.count():
            taken = self.mine.takeAt(0)
            if taken is not None and taken.widget() is not None:
                taken.widget().deleteLater()
        self.cards = {}
        held = view.held if view is not None else ()
        for item in held:
            card = HeldActionCard(item, view, self._parties)  # type: ignore[arg-type]
            card.decided.connect(self._on_card_decided)
            self.cards[item.id] = card
            self.mine.addWidget(card)
        if view is not None and not held:
            self.mine.addWidget(plain_label(self.tr("Nothing of yours is held any more.")))
        self._fill_changes(view)
        several = len(held) > 1
        self.rebase_all.setVisible(several)
        self.discard_all.setVisible(several)
        self._set_busy(False)

    def _on_card_decided(self, action_id: int, decision: str) -> None:
        self.decide("rebase" if decision == "rebase" else "discard", [action_id])

    def _fill_changes(self, view: ConflictView | None) -> None:
        self.changes.removeRows(0, self.changes.rowCount())
        rows = self.change_rows(view.platform_changes) if view is not None else []
        for field, old, new in rows:
            self.changes.appendRow([_cell(field), _cell(old), _cell(new)])
        self.changes_table.resizeRowsToContents()
        self.changes_table.setVisible(bool(rows))
        self.no_changes.setVisible(not rows and view is not None)

    def change_rows(self, changes: dict[str, Any]) -> list[tuple[str, str, str]]:
        """(what, before, now) for each change the platform made, in the desk's language."""
        rows: list[tuple[str, str, str]] = []
        for key, change in changes.items():
            if key == "version" and isinstance(change, list) and len(change) == 2:
                rows.append((self.tr("Version"), str(change[0]), str(change[1])))
            elif key.startswith("case.") and isinstance(change, list) and len(change) == 2:
                name = key.removeprefix("case.")
                rows.append(
                    (
                        self._field_name(name),
                        self._value(name, change[0]),
                        self._value(name, change[1]),
                    )
                )
            elif isinstance(change, dict):
                parts = []
                for part, words in (
                    ("added", self.tr("added: %1")),
                    ("removed", self.tr("removed: %1")),
                    ("changed", self.tr("changed: %1")),
                ):
                    ids = change.get(part) or []
                    if ids:
                        parts.append(words.replace("%1", listing([str(i) for i in ids])))
                rows.append((self._field_name(key), "", "; ".join(parts)))
            else:
                rows.append((self._field_name(key), "", self.tr("changed")))
        return rows

    def _value(self, name: str, value: Any) -> str:
        if value is None:
            return "—"
        if name in _CODED_FIELDS:
            return label_text(_CODED_FIELDS[name], str(value))
        if name == "flags" and isinstance(value, list):
            return listing([label_text("Flag", str(flag)) for flag in value]) or "—"
        if name in ("due_at", "created_at") and isinstance(value, str):
            try:
                return local_time(datetime.fromisoformat(value))
            except ValueError:
                return one_line(value)
        if name == "claim" and isinstance(value, dict):
            parts = [label_text("Remedy", str(value.get("remedy", "")))]
            amount = value.get("amount")
            if isinstance(amount, dict) and isinstance(amount.get("value"), int):
                parts.append(format_money(amount["value"], str(amount.get("currency", ""))))
            if value.get("text"):
                parts.append(str(value["text"]))
            return " · ".join(part for part in parts if part)
        if isinstance(value, str):
            return value
        return json.dumps(value, ensure_ascii=False)

    def _field_name(self, name: str) -> str:
        names = {
            "status": self.tr("Status"),
            "priority": self.tr("Priority"),
            "title": self.tr("Title"),
            "description": self.tr("Complaint"),
            "claim": self.tr("Claim"),
            "category": self.tr("Category"),
            "reason": self.tr("Reason"),
            "due_at": self.tr("Due"),
            "assigned_to": self.tr("Assigned to"),
            "flags": self.tr("Flags"),
            "channel": self.tr("Received via"),
            "language": self.tr("Language"),
            "parties": self.tr("Parties"),
            "messages": self.tr("Messages"),
            "evidence": self.tr("Evidence"),
            "offers": self.tr("Offers"),
            "documents": self.tr("Documents"),
            "order": self.tr("Order"),
            "history": self.tr("History"),
            "decision": self.tr("Decision"),
        }
        return names.get(name, name)

    def _retranslate(self) -> None:
        self.intro.setText(
            self.tr(
                "You worked on this case while it changed on the platform. Nothing was "
                "overwritten: your actions below are held until you decide, one by one, "
                "whether to send each again on the case as it is now or to discard it."
            )
        )
        self.mine_title.setText(self.tr("What you did on this desk"))
        self.theirs_title.setText(self.tr("What changed on the platform meanwhile"))
        self.changes.setHorizontalHeaderLabels([self.tr("What"), self.tr("Before"), self.tr("Now")])
        self.no_changes.setText(
            self.tr(
                "The platform's record shows no change to the case itself (it refused the action)."
            )
        )
        self.rebase_all.setText(self.tr("Send all again"))
        self.discard_all.setText(self.tr("Discard all"))
        for card in self.cards.values():
            card.retranslate()
        if self.view is not None:
            self._fill_changes(self.view)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self._retranslate()
        super().changeEvent(event)
