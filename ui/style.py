"""The desk's look: calm, light, quiet greys with one blue, Chinese in a sans-serif face.

Fusion style with a light palette gives the same result on every system; the style
sheet adds cards, chips and section titles. The font list puts a CJK sans-serif face
(WenQuanYi Micro Hei on Debian, the system faces on Windows and macOS) right after the
Latin one, so Chinese is never drawn as boxes nor in a Ming (serif) fallback face.
"""

from __future__ import annotations

from ui.qt import QApplication, QColor, QFont, QFontDatabase, QPalette

CJK_FACES = {
    "zh_TW": ("Noto Sans CJK TC", "Microsoft JhengHei", "PingFang TC", "WenQuanYi Micro Hei"),
    "default": ("Noto Sans CJK SC", "Microsoft YaHei", "PingFang SC", "WenQuanYi Micro Hei"),
}
LATIN_FACES = ("Segoe UI", "SF Pro Text", "Noto Sans", "DejaVu Sans")

STYLE_SHEET = """
QMainWindow, QDialog { background: #f8f9fb; }
QToolBar { background: #ffffff; border: none; border-bottom: 1px solid #eaecf0; spacing: 6px; padding: 4px 8px; }
QToolBar QToolButton { padding: 4px 10px; border-radius: 6px; color: #344054; }
QToolBar QToolButton:hover { background: #f2f4f7; }
QStatusBar { background: #ffffff; border-top: 1px solid #eaecf0; color: #475467; }
QTableView, QTreeView, QListView {
    background: #ffffff; alternate-background-color: #fafbfc; border: 1px solid #eaecf0;
    selection-background-color: #d1e9ff; selection-color: #101828; gridline-color: #f2f4f7;
}
QTableView#caseQueue { border-radius: 6px; }
QHeaderView::section {
    background: #f9fafb; color: #475467; border: none; border-bottom: 1px solid #eaecf0;
    border-right: 1px solid #f2f4f7; padding: 4px 6px; font-weight: 600;
}
QLineEdit, QComboBox, QPlainTextEdit {
    background: #ffffff; border: 1px solid #d0d5dd; border-radius: 6px; padding: 4px 6px;
    selection-background-color: #b2ddff; selection-color: #101828;
}
QLineEdit:focus, QComboBox:focus, QPlainTextEdit:focus { border: 1px solid #84caff; }
QPushButton {
    background: #ffffff; border: 1px solid #d0d5dd; border-radius: 6px; padding: 5px 12px; color: #344054;
}
QPushButton:hover { background: #f9fafb; }
QPushButton:default { background: #1570ef; border-color: #1570ef; color: #ffffff; }
QPushButton:disabled { color: #98a2b3; }
QToolButton:checked { background: #eff8ff; color: #175cd3; border: 1px solid #b2ddff; border-radius: 6px; }
QTabWidget::pane { border: none; border-top: 1px solid #eaecf0; background: #f8f9fb; }
QTabBar::tab { padding: 6px 14px; color: #475467; border: none; border-bottom: 2px solid transparent; }
QTabBar::tab:selected { color: #175cd3; border-bottom: 2px solid #1570ef; font-weight: 600; }
QFrame#card { background: #ffffff; border: 1px solid #eaecf0; border-radius: 8px; }
QFrame#caseHeader { background: #ffffff; border-bottom: 1px solid #eaecf0; }
QFrame#evidenceHeader { background: #ffffff; border: 1px solid #eaecf0; border-radius: 6px; }
QWidget#caseFile { background: #f8f9fb; }
QLabel#sectionTitle { color: #101828; font-weight: 600; font-size: 10.5pt; }
QLabel#fieldName { color: #667085; }
QLabel#caseNumber { color: #475467; font-weight: 600; }
QLabel#caseTitle { color: #101828; font-size: 13pt; font-weight: 600; }
QLabel#countLabel, QLabel#hintLabel { color: #667085; }
QLabel#placeholder { color: #98a2b3; font-size: 11pt; }
QLabel#errorText { color: #b42318; }
QLabel#recordWarning { color: #b42318; font-weight: 600; background: #fef3f2; padding: 4px 6px; border-radius: 4px; }
QLabel#warningText { color: #b54708; }
QLabel#dialogHeadline { font-size: 12pt; font-weight: 600; color: #101828; }
QDialogButtonBox { dialogbuttonbox-buttons-have-icons: 0; }
QSplitter::handle { background: #eaecf0; }
QSplitter::handle:vertical { height: 1px; }
QSplitter::handle:horizontal { width: 1px; }
QProgressBar { border: 1px solid #d0d5dd; border-radius: 4px; background: #f2f4f7; height: 8px; }
QProgressBar::chunk { background: #1570ef; border-radius: 3px; }
"""


def desk_font(language: str, base: QFont) -> QFont:
    available = set(QFontDatabase.families())
    cjk = CJK_FACES["zh_TW" if language == "zh_TW" else "default"]
    faces = [face for face in (*LATIN_FACES, *cjk) if face in available]
    font = QFont(base)
    if faces:
        # Latin first for the look of numbers and English; CJK right after it, so Qt
        # never falls back to whatever face fontconfig prefers for Chinese.
        if language in ("zh_CN", "zh_TW"):
            cjk_first = [face for face in faces if face in cjk] + [
                face for face in faces if face not in cjk
            ]
            faces = cjk_first
        font.setFamilies(faces)
    font.setPointSizeF(max(base.pointSizeF(), 9.5))
    return font


def apply_style(app: QApplication, language: str) -> None:
    app.setStyle("Fusion")
    palette = QPalette()
    palette.setColor(QPalette.ColorRole.Window, QColor("#f8f9fb"))
    palette.setColor(QPalette.ColorRole.WindowText, QColor("#101828"))
    palette.setColor(QPalette.ColorRole.Base, QColor("#ffffff"))
    palette.setColor(QPalette.ColorRole.AlternateBase, QColor("#fafbfc"))
    palette.setColor(QPalette.ColorRole.Text, QColor("#101828"))
    palette.setColor(QPalette.ColorRole.Button, QColor("#ffffff"))
    palette.setColor(QPalette.ColorRole.ButtonText, QColor("#344054"))
    palette.setColor(QPalette.ColorRole.Highlight, QColor("#d1e9ff"))
    palette.setColor(QPalette.ColorRole.HighlightedText, QColor("#101828"))
    palette.setColor(QPalette.ColorRole.ToolTipBase, QColor("#101828"))
    palette.setColor(QPalette.ColorRole.ToolTipText, QColor("#ffffff"))
    palette.setColor(QPalette.ColorRole.PlaceholderText, QColor("#98a2b3"))
    app.setPalette(palette)
    app.setFont(desk_font(language, QApplication.font()))
    app.setStyleSheet(STYLE_SHEET)
