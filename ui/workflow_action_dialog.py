"""The dialog for a workflow step's platform action: a message, an evidence request, an
offer (the offer dialog), or a party's response taken by phone.

Built from the parameters the engine describes (:class:`ActionStatus`), so a new
parameter needs no new widget code; the values go back as the ``KEY=VALUE`` answers the
engine parses and checks (an amount against the order, a party by role or id).
"""

from __future__ import annotations

from app.vocabulary import label_text
from app.workflow import ActionStatus, ParameterStatus
from ui.qt import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)
from ui.widgets import plain_label

_MULTI_LINE = ("text",)


class WorkflowActionDialog(QDialog):
    """Asks for an action's parameters; :meth:`answers` gives them as strings."""

    def __init__(
        self, action: ActionStatus, currency: str | None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName(f"workflowAction_{action.id}")
        self.setWindowTitle(action.label)
        self.setMinimumWidth(460)
        self._inputs: dict[str, QWidget] = {}
        self._required = {parameter.id for parameter in action.parameters if parameter.required}
        layout = QVBoxLayout(self)
        form = QFormLayout()
        layout.addLayout(form)
        for parameter in action.parameters:
            field = self._input_for(parameter, currency)
            self._inputs[parameter.id] = field
            label = parameter.label + (" *" if parameter.required else "")
            form.addRow(plain_label(label, selectable=False), field)
        self.error_label = plain_label("", word_wrap=True, selectable=False)
        self.error_label.setObjectName("errorText")
        layout.addWidget(self.error_label)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self._on_buttons_accepted)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    def _input_for(self, parameter: ParameterStatus, currency: str | None) -> QWidget:
        if parameter.kind in ("choice",) and parameter.options:
            combo = QComboBox(self)
            for option in parameter.options:
                shown = label_text("Remedy", option) if parameter.id == "remedy" else option
                combo.addItem(shown, option)
            if parameter.default in parameter.options:
                combo.setCurrentIndex(parameter.options.index(parameter.default))
            return combo
        if parameter.kind == "working_days":
            days = QComboBox(self)
            for count in range(1, 16):
                days.addItem(self.tr("%n working day(s)", "", count), str(count))
            days.setCurrentIndex(max(0, days.findData(parameter.default or "3")))
            return days
        if parameter.kind in _MULTI_LINE:
            text = QPlainTextEdit(self)
            text.setTabChangesFocus(True)
            text.setFixedHeight(90)
            return text
        line = QLineEdit(self)
        if parameter.kind == "amount":
            line.setPlaceholderText(self.tr("e.g. 300.00") + (f" {currency}" if currency else ""))
        elif parameter.kind == "evidence_kinds":
            line.setPlaceholderText(", ".join(parameter.options[:4]) + ", …")
        elif parameter.kind in ("party", "parties"):
            line.setPlaceholderText("buyer, merchant")
        if parameter.default:
            line.setText(parameter.default)
        return line

    def answers(self) -> dict[str, str]:
        """Every filled-in parameter as text; empty optional ones are left out."""
        values: dict[str, str] = {}
        for key, field in self._inputs.items():
            if isinstance(field, QComboBox):
                value = str(field.currentData())
            elif isinstance(field, QPlainTextEdit):
                value = field.toPlainText().strip()
            else:
                assert isinstance(field, QLineEdit)
                value = field.text().strip()
            if value:
                values[key] = value
        return values

    def set_value(self, key: str, value: str) -> None:
        """Fill one field (tests, and the panel's defaults)."""
        field = self._inputs[key]
        if isinstance(field, QComboBox):
            field.setCurrentIndex(max(0, field.findData(value)))
        elif isinstance(field, QPlainTextEdit):
            field.setPlainText(value)
        else:
            assert isinstance(field, QLineEdit)
            field.setText(value)

    def _on_buttons_accepted(self) -> None:
        given = self.answers()
        missing = [key for key in self._inputs if key in self._required and key not in given]
        if missing:
            self.error_label.setText(self.tr("Please fill in: %s") % ", ".join(missing))
            return
        self.accept()
