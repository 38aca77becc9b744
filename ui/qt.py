"""The one module the desk imports Qt from.

Keeping every Qt name in one place shows at a glance what the desk depends on, and a
test checks that no other module under ``ui/`` imports PySide6 directly. Qt PDF comes
from the separate ``pyside6-pdf`` wheel. It is also the one place to work around a
fault of the binding itself (see :func:`_keep_none_and_bools_alive`).
"""

from __future__ import annotations

import ctypes
import sys

import PySide6
from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QAbstractListModel,
    QAbstractTableModel,
    QBuffer,
    QByteArray,
    QCoreApplication,
    QEvent,
    QIODevice,
    QItemSelectionModel,
    QLibraryInfo,
    QLocale,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QPointF,
    QRect,
    QRectF,
    QRunnable,
    QSettings,
    QSize,
    Qt,
    QThread,
    QThreadPool,
    QTimer,
    QTranslator,
    QUrl,
    Signal,
    Slot,
)
from PySide6.QtGui import (
    QAction,
    QBrush,
    QCloseEvent,
    QColor,
    QDesktopServices,
    QFont,
    QFontDatabase,
    QFontMetrics,
    QImage,
    QImageIOHandler,
    QImageReader,
    QInputMethodEvent,
    QKeyEvent,
    QKeySequence,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QPalette,
    QPen,
    QPixmap,
    QResizeEvent,
    QStandardItem,
    QStandardItemModel,
    QTransform,
    QWheelEvent,
)
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QFrame,
    QGraphicsPixmapItem,
    QGraphicsScene,
    QGraphicsView,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListView,
    QMainWindow,
    QMessageBox,
    QPlainTextEdit,
    QProgressBar,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QSlider,
    QSplitter,
    QStackedWidget,
    QStatusBar,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QTabWidget,
    QToolBar,
    QToolButton,
    QTreeView,
    QVBoxLayout,
    QWidget,
)


def _keep_none_and_bools_alive() -> None:
    """PySide6 6.12 on Python 3.11 returns ``None`` and ``True`` without a reference.

    Every void call (``setText``, ``processEvents``), every slot run from a signal and
    every ``Signal.emit()`` then lowers the reference count of ``None`` or ``True`` by
    one, until CPython aborts with "deallocating None" — minutes into real use. The
    wheel is built for Python 3.12's immortal objects, where this costs nothing; 6.11
    does not have the fault. Until the project runs on Python 3.12 or a fixed PySide6,
    give the three singletons a reference count no session can use up (they are never
    freed anyway; Python 3.12 does the same by making them immortal).
    """
    if sys.implementation.name != "cpython" or sys.version_info >= (3, 12):
        return
    if tuple(PySide6.__version_info__[:2]) < (6, 12):
        return
    for singleton in (None, True, False):
        refcount = ctypes.c_ssize_t.from_address(id(singleton))
        if refcount.value < 1 << 40:
            refcount.value += 1 << 40


_keep_none_and_bools_alive()

__all__ = [
    "QT_TRANSLATE_NOOP",
    "QAbstractItemView",
    "QAbstractListModel",
    "QAbstractTableModel",
    "QAction",
    "QApplication",
    "QBrush",
    "QBuffer",
    "QButtonGroup",
    "QByteArray",
    "QCheckBox",
    "QCloseEvent",
    "QColor",
    "QComboBox",
    "QCoreApplication",
    "QDesktopServices",
    "QDialog",
    "QDialogButtonBox",
    "QEvent",
    "QFont",
    "QFontDatabase",
    "QFontMetrics",
    "QFormLayout",
    "QFrame",
    "QGraphicsPixmapItem",
    "QGraphicsScene",
    "QGraphicsView",
    "QGridLayout",
    "QHBoxLayout",
    "QHeaderView",
    "QIODevice",
    "QImage",
    "QImageIOHandler",
    "QImageReader",
    "QInputMethodEvent",
    "QItemSelectionModel",
    "QKeyEvent",
    "QKeySequence",
    "QLabel",
    "QLibraryInfo",
    "QLineEdit",
    "QListView",
    "QLocale",
    "QMainWindow",
    "QMessageBox",
    "QModelIndex",
    "QMouseEvent",
    "QObject",
    "QPaintEvent",
    "QPainter",
    "QPalette",
    "QPdfDocument",
    "QPdfView",
    "QPen",
    "QPersistentModelIndex",
    "QPixmap",
    "QPlainTextEdit",
    "QPointF",
    "QProgressBar",
    "QPushButton",
    "QRect",
    "QRectF",
    "QResizeEvent",
    "QRunnable",
    "QScrollArea",
    "QSettings",
    "QSize",
    "QSizePolicy",
    "QSlider",
    "QSplitter",
    "QStackedWidget",
    "QStandardItem",
    "QStandardItemModel",
    "QStatusBar",
    "QStyle",
    "QStyleOptionViewItem",
    "QStyledItemDelegate",
    "QTabWidget",
    "QTableView",
    "QThread",
    "QThreadPool",
    "QTimer",
    "QToolBar",
    "QToolButton",
    "QTransform",
    "QTranslator",
    "QTreeView",
    "QUrl",
    "QVBoxLayout",
    "QWheelEvent",
    "QWidget",
    "Qt",
    "Signal",
    "Slot",
]
