"""Settings: the desk's language (follow the computer, English, 简体中文, 繁體中文)."""

from __future__ import annotations

from ui.qt import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QEvent,
    QFormLayout,
    QLabel,
    Qt,
    QVBoxLayout,
    QWidget,
)
from ui.widgets import plain_label

# Each language is named in itself, so it can be found whatever language is showing.
LANGUAGE_NAMES = {"en": "English", "zh_CN": "简体中文", "zh_TW": "繁體中文"}


class SettingsDialog(QDialog):
    def __init__(self, language: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.language_box = QComboBox()
        self.language_box.addItem("", "system")
        for code, name in LANGUAGE_NAMES.items():
            self.language_box.addItem(name, code)
        self.language_box.setCurrentIndex(max(0, self.language_box.findData(language)))
        self.language_label = QLabel()
        self.language_label.setTextFormat(Qt.TextFormat.PlainText)
        self.note = plain_label(word_wrap=True, selectable=False)
        self.note.setObjectName("hintLabel")
        form = QFormLayout()
        form.addRow(self.language_label, self.language_box)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.note)
        layout.addWidget(buttons)
        self._retranslate()

    @property
    def language(self) -> str:
        return str(self.language_box.currentData())

    def _retranslate(self) -> None:
        self.setWindowTitle(self.tr("Settings"))
        self.language_label.setText(self.tr("Language"))
        self.language_box.setItemText(0, self.tr("Same as the computer"))
        self.note.setText(self.tr("The desk switches language at once; nothing needs a restart."))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self._retranslate()
        super().changeEvent(event)
