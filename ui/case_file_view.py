"""The case file: the claim, the parties (with the merchant's record), the order and
its shipment, and the list of evidence with each file's integrity.

Built from a ``CaseDetail`` (frozen data from ``app.services.case_file``); rebuilt when
the language changes. Every value from the platform or a party goes into a plain-text
label or a plain-text table cell.
"""

from __future__ import annotations

from app.services.case_file import CaseDetail, EvidenceView, Money, PartyView
from app.vocabulary import format_money, label_text
from ui.formatting import local_time
from ui.qt import (
    QAbstractItemView,
    QColor,
    QEvent,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QModelIndex,
    QScrollArea,
    QStandardItem,
    QStandardItemModel,
    Qt,
    QTableView,
    QVBoxLayout,
    QWidget,
    Signal,
)
from ui.widgets import plain_label, section_title

INTEGRITY_COLOURS = {
    "verified": QColor("#067647"),
    "altered": QColor("#b42318"),
    "missing": QColor("#b42318"),
}


def _money(value: int | None, currency: str | None) -> str:
    return "" if value is None or currency is None else format_money(value, currency)


def _amount(money: Money) -> str:
    return format_money(money.value, money.currency)


def _cell(text: str) -> QStandardItem:
    item = QStandardItem(text)
    item.setEditable(False)
    return item


class _Card(QFrame):
    """A titled block of label/value rows."""

    def __init__(self, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("card")
        self.layout_ = QVBoxLayout(self)
        self.layout_.setContentsMargins(14, 10, 14, 12)
        self.layout_.setSpacing(6)
        self.layout_.addWidget(section_title(title))
        self.grid = QGridLayout()
        self.grid.setHorizontalSpacing(14)
        self.grid.setVerticalSpacing(4)
        self.grid.setColumnStretch(1, 1)
        self.layout_.addLayout(self.grid)

    def row(self, name: str, value: str | None, *, emphasis: str | None = None) -> QLabel | None:
        if value is None or value == "":
            return None
        row = self.grid.rowCount()
        key = plain_label(name, selectable=False)
        key.setObjectName("fieldName")
        key.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        shown = plain_label(value, word_wrap=True)
        if emphasis:
            shown.setStyleSheet(emphasis)
        self.grid.addWidget(key, row, 0)
        self.grid.addWidget(shown, row, 1)
        return shown

    def add(self, widget: QWidget) -> None:
        self.layout_.addWidget(widget)


class CaseFileView(QScrollArea):
    evidence_opened = Signal(str)  # evidence id double-clicked in the list

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self._detail: CaseDetail | None = None
        self._integrity: dict[str, str] = {}
        self.evidence_table: QTableView | None = None
        self._content = QWidget()
        self._content.setObjectName("caseFile")
        self.setWidget(self._content)

    @property
    def detail(self) -> CaseDetail | None:
        return self._detail

    def show_case(self, detail: CaseDetail | None) -> None:
        self._detail = detail
        self._integrity = {}
        self._rebuild()

    def set_integrity(self, states: dict[str, str]) -> None:
        self._integrity.update(states)
        self._fill_evidence_model()

    # -- building ----------------------------------------------------------------------

    def _rebuild(self) -> None:
        old = self.takeWidget()
        if old is not None:
            old.deleteLater()
        self.evidence_table = None
        self._content = QWidget()
        self._content.setObjectName("caseFile")
        self.setWidget(self._content)
        detail = self._detail
        if detail is None:
            return
        columns = QHBoxLayout(self._content)
        columns.setContentsMargins(10, 10, 10, 10)
        columns.setSpacing(12)
        left, right = QVBoxLayout(), QVBoxLayout()
        left.setSpacing(12)
        right.setSpacing(12)
        columns.addLayout(left, 1)
        columns.addLayout(right, 1)
        left.addWidget(self._claim_card(detail))
        for party in detail.parties:
            left.addWidget(self._party_card(party))
        left.addStretch(1)
        right.addWidget(self._order_card(detail))
        right.addWidget(self._evidence_card(detail))
        if detail.decision is not None:
            right.addWidget(self._decision_card(detail))
        right.addStretch(1)

    def _claim_card(self, detail: CaseDetail) -> _Card:
        summary = detail.summary
        card = _Card(self.tr("Claim"))
        card.row(self.tr("Remedy asked"), label_text("Remedy", detail.claim_remedy))
        card.row(
            self.tr("Amount"),
            _money(summary.claim_amount, summary.claim_currency),
            emphasis="font-weight: 600;",
        )
        card.row(self.tr("In the buyer's words"), detail.claim_text)
        card.row(self.tr("Complaint"), detail.description)
        card.row(
            self.tr("Category"),
            f"{label_text('Category', summary.category)} — {label_text('Reason', summary.reason)}",
        )
        card.row(self.tr("Received via"), label_text("Channel", detail.channel))
        card.row(self.tr("Opened"), local_time(detail.created_at))
        card.row(self.tr("Due"), local_time(summary.due_at))
        card.row(self.tr("Assigned to"), detail.assigned_to)
        card.row(self.tr("Language"), label_text("Language", summary.language))
        if summary.flags:
            card.row(
                self.tr("Flags"),
                " · ".join(label_text("Flag", flag) for flag in summary.flags),
                emphasis="color: #b54708; font-weight: 600;",
            )
        if summary.in_conflict:
            card.row(
                self.tr("Conflict"),
                self.tr("The platform and this desk changed the case at the same time."),
                emphasis="color: #b42318; font-weight: 600;",
            )
        return card

    def _party_card(self, party: PartyView) -> _Card:
        role = label_text("PartyRole", party.role)
        card = _Card(f"{role} · {party.display_name}")
        card.row(self.tr("Legal name"), party.legal_name)
        card.row(self.tr("Kind"), label_text("PersonKind", party.person_kind))
        card.row(self.tr("Phone"), party.phone)
        card.row(self.tr("Email"), party.email)
        card.row(self.tr("Address"), party.address)
        card.row(self.tr("ID number"), party.id_number)
        shop = party.shop
        if shop is not None:
            card.row(self.tr("Shop"), f"{shop.name} ({shop.shop_id})")
            if shop.credit_score is not None:
                card.row(self.tr("Credit score"), str(shop.credit_score))
            history = []
            if shop.open_disputes is not None:
                history.append(self.tr("%1 open disputes").replace("%1", str(shop.open_disputes)))
            if shop.disputes_last_year is not None:
                history.append(
                    self.tr("%1 disputes in the last year").replace(
                        "%1", str(shop.disputes_last_year)
                    )
                )
            if history:
                card.row(self.tr("Disputes"), " · ".join(history))
            if shop.sanctions_last_year is not None:
                sanctioned = shop.sanctions_last_year > 0
                card.row(
                    self.tr("Sanctions"),
                    self.tr("%1 in the last year").replace("%1", str(shop.sanctions_last_year)),
                    emphasis="color: #b54708; font-weight: 600;" if sanctioned else None,
                )
        return card

    def _order_card(self, detail: CaseDetail) -> _Card:
        order = detail.order
        card = _Card(self.tr("Order"))
        card.row(self.tr("Order number"), order.order_id)
        card.row(self.tr("Placed"), local_time(order.placed_at))
        card.row(self.tr("Paid"), local_time(order.paid_at))
        card.row(self.tr("Payment method"), order.payment_method)
        card.row(self.tr("Transaction"), order.transaction_id)
        card.row(
            self.tr("Total paid"),
            _amount(order.total_paid),
            emphasis="font-weight: 600;",
        )
        if order.shipping_fee is not None:
            card.row(
                self.tr("Shipping fee"),
                _amount(order.shipping_fee),
            )
        if order.discount is not None:
            card.row(self.tr("Discount"), _amount(order.discount))
        if order.items:
            items = QStandardItemModel(0, 4, card)
            items.setHorizontalHeaderLabels(
                [self.tr("Item"), self.tr("Qty"), self.tr("Unit price"), self.tr("Listing")]
            )
            for line in order.items:
                items.appendRow(
                    [
                        _cell(f"{line.title}\n{line.sku}"),
                        _cell(str(line.quantity)),
                        _cell(_amount(line.unit_price)),
                        _cell(line.listing_evidence_id or ""),
                    ]
                )
            card.add(self._small_table(items, stretch=0))
        if order.carrier or order.tracking_number:
            card.add(section_title(self.tr("Shipment")))
            track = f"{order.carrier or ''} {order.tracking_number or ''}".strip()
            card.add(plain_label(track))
        if order.shipment_events:
            events = QStandardItemModel(0, 3, card)
            events.setHorizontalHeaderLabels([self.tr("Time"), self.tr("Status"), self.tr("Where")])
            for event in order.shipment_events:
                status = label_text("ShipmentStatus", event.status)
                if event.text:
                    status = f"{status} — {event.text}"
                row = [_cell(local_time(event.at)), _cell(status), _cell(event.location or "")]
                if event.status == "exception":
                    for cell in row:
                        cell.setForeground(QColor("#b42318"))
                events.appendRow(row)
            card.add(self._small_table(events, stretch=1))
        return card

    def _evidence_card(self, detail: CaseDetail) -> _Card:
        card = _Card(self.tr("Evidence"))
        if not detail.evidence:
            card.add(plain_label(self.tr("No evidence yet.")))
            return card
        model = QStandardItemModel(0, 5, card)
        model.setHorizontalHeaderLabels(
            [
                self.tr("Item"),
                self.tr("Kind"),
                self.tr("Submitted by"),
                self.tr("When"),
                self.tr("Integrity"),
            ]
        )
        self._evidence_model = model
        table = self._small_table(model, stretch=0)
        table.setToolTip(self.tr("Double-click to open the item side by side"))
        table.doubleClicked.connect(self._on_evidence_table_double_clicked)
        table.activated.connect(self._on_evidence_table_double_clicked)
        self.evidence_table = table
        self._fill_evidence_model()
        card.add(table)
        return card

    def _fill_evidence_model(self) -> None:
        detail = self._detail
        if detail is None or self.evidence_table is None:
            return
        model = self._evidence_model
        model.removeRows(0, model.rowCount())
        for item in detail.evidence:
            integrity = self._integrity.get(item.evidence_id, item.integrity)
            state = _cell(label_text("Integrity", integrity))
            if integrity in INTEGRITY_COLOURS:
                state.setForeground(INTEGRITY_COLOURS[integrity])
            who = item.submitted_by_name if item.submitted_by != "platform" else self.tr("Platform")
            first = _cell(f"{item.evidence_id} {item.title or item.filename}")
            first.setData(item.evidence_id, Qt.ItemDataRole.UserRole)
            model.appendRow(
                [
                    first,
                    _cell(label_text("EvidenceKind", item.kind)),
                    _cell(who),
                    _cell(local_time(item.submitted_at)),
                    state,
                ]
            )

    def _decision_card(self, detail: CaseDetail) -> _Card:
        decision = detail.decision
        assert decision is not None
        card = _Card(self.tr("Decision"))
        card.row(self.tr("Kind"), label_text("DecisionKind", decision.kind))
        card.row(self.tr("Outcome"), label_text("Outcome", decision.outcome))
        card.row(self.tr("Decided"), local_time(decision.decided_at))
        if decision.sanctions:
            card.row(
                self.tr("Sanctions"),
                " · ".join(label_text("Sanction", s) for s in decision.sanctions),
            )
        card.row(self.tr("Appeal until"), local_time(decision.appeal_until))
        return card

    def _small_table(self, model: QStandardItemModel, *, stretch: int) -> QTableView:
        table = QTableView()
        table.setModel(model)
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setAlternatingRowColors(True)
        table.setWordWrap(True)
        table.verticalHeader().setVisible(False)
        table.setShowGrid(False)
        header = table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(stretch, QHeaderView.ResizeMode.Stretch)
        table.resizeRowsToContents()
        rows_height = sum(table.rowHeight(row) for row in range(model.rowCount()))
        table.setFixedHeight(rows_height + header.sizeHint().height() + 4)
        table.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        return table

    def _on_evidence_table_double_clicked(self, index: QModelIndex) -> None:
        if self._detail is not None and index.isValid():
            item: EvidenceView = self._detail.evidence[index.row()]
            self.evidence_opened.emit(item.evidence_id)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self._rebuild()
        super().changeEvent(event)
