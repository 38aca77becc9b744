"""zh_CN, zh_TW and English through Qt's translation system, switchable while running."""

from __future__ import annotations

import ast
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from app.vocabulary import current_language, label_text
from tests.conftest import REPO
from tests.qt.helpers import wait_for_count
from ui.case_queue_model import COLUMN_KEYS
from ui.main_window import MainWindow
from ui.qt import QLocale, Qt
from ui.translations import Translations, language_for_locale

TS_FOLDER = REPO / "resources" / "translations"


def _messages(path: Path) -> dict[tuple[str, str], ET.Element]:
    root = ET.parse(path).getroot()  # noqa: S314 - the repository's own translation files
    found = {}
    for context in root.findall("context"):
        name = context.findtext("name") or ""
        for message in context.findall("message"):
            found[(name, message.findtext("source") or "")] = message.find("translation")
    return found  # type: ignore[return-value]


def test_the_translation_sources_hold_every_string_the_desk_shows(tmp_path: Path) -> None:
    """lupdate over ui/ finds nothing the committed .ts files lack (run build_translations --update)."""
    fresh = tmp_path / "fresh.ts"
    shutil.copy(TS_FOLDER / "mediation_desk_zh_CN.ts", fresh)
    lupdate = Path(sys.executable).with_name("pyside6-lupdate")
    sources = sorted(str(path) for path in (REPO / "ui").rglob("*.py"))
    subprocess.run(
        [
            str(lupdate),
            "-silent",
            "-locations",
            "none",
            "-no-obsolete",
            *sources,
            "-ts",
            str(fresh),
        ],
        check=True,
    )
    assert set(_messages(fresh)) == set(_messages(TS_FOLDER / "mediation_desk_zh_CN.ts"))


@pytest.mark.parametrize("language", ["zh_CN", "zh_TW"])
def test_the_chinese_translations_are_complete(language: str) -> None:
    messages = _messages(TS_FOLDER / f"mediation_desk_{language}.ts")
    unfinished = [
        key
        for key, translation in messages.items()
        if translation.get("type") == "unfinished" or not "".join(translation.itertext()).strip()
    ]
    assert unfinished == []


def test_traditional_chinese_is_not_simplified_chinese() -> None:
    simplified = _messages(TS_FOLDER / "mediation_desk_zh_CN.ts")
    traditional = _messages(TS_FOLDER / "mediation_desk_zh_TW.ts")
    same = [
        key
        for key in simplified
        if "".join(simplified[key].itertext()) == "".join(traditional[key].itertext())
    ]
    # Short words may be written alike (平台, 退款); most sentences are not.
    assert len(same) < len(simplified) / 3
    assert "".join(traditional[("CaseView", "Workflow")].itertext()) == "辦理流程"
    assert "".join(traditional[("MainWindow", "Mediation Desk")].itertext()) == "調解工作台"


def test_the_desk_says_the_contracts_codes_in_its_own_language() -> None:
    """One vocabulary: the core's label tables, in whatever language the desk shows."""
    translations = Translations()
    try:
        translations.apply("zh_TW")
        assert current_language() == "zh-Hant"
        assert label_text("CaseStatus", "in_mediation") == "調解中"
        assert label_text("Category", "logistics") == "物流配送"
        translations.apply("zh_CN")
        assert label_text("Remedy", "partial_refund") == "部分退款"
    finally:
        translations.apply("en")
    assert label_text("CaseStatus", "in_mediation") == "In mediation"
    assert label_text("CaseStatus", "paused_by_platform") == "paused_by_platform"


def test_no_label_table_is_left_in_the_desk() -> None:
    """The words for codes live in resources/vocabulary, not in QT_TRANSLATE_NOOP tables."""
    users = [
        path.name
        for path in sorted((REPO / "ui").rglob("*.py"))
        if '"labels"' in path.read_text(encoding="utf-8")
    ]
    assert users == []
    for language in ("zh_CN", "zh_TW", "en"):
        contexts = {
            name for name, _source in _messages(TS_FOLDER / f"mediation_desk_{language}.ts")
        }
        assert "labels" not in contexts


TEXT_SETTERS = {
    "setText",
    "setPlaceholderText",
    "setToolTip",
    "setWindowTitle",
    "setTabText",
    "addItem",
    "setTitle",
}
# Symbols and names that are the same in every language, and input syntax typed as shown.
UNTRANSLATED = {"−", "+", "—", "1:1", "https://", "English", "简体中文", "繁體中文", ""}
INPUT_SYNTAX = {"YYYY-MM-DD", "buyer, merchant"}


def test_no_user_facing_text_is_written_past_the_translator() -> None:
    """Every literal handed to a widget's text setter is wrapped in tr()/translate()."""
    offenders = []
    for path in sorted((REPO / "ui").rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Attribute)
                and node.func.attr in TEXT_SETTERS
            ):
                text = node.args[0] if node.args else None  # (addItem's second argument is data)
                if (
                    isinstance(text, ast.Constant)
                    and isinstance(text.value, str)
                    and text.value not in UNTRANSLATED | INPUT_SYNTAX
                ):
                    offenders.append(f"{path.name}:{node.lineno} {text.value!r}")
    assert offenders == []


@pytest.mark.parametrize(
    ("locale", "language"),
    [
        ("zh_CN", "zh_CN"),
        ("zh_SG", "zh_CN"),
        ("zh_TW", "zh_TW"),
        ("zh_HK", "zh_TW"),
        ("zh_Hant_MO", "zh_TW"),
        ("en_US", "en"),
        ("fr_FR", "en"),
    ],
)
def test_the_system_locale_chooses_the_language(locale: str, language: str) -> None:
    assert language_for_locale(QLocale(locale)) == language


def test_switching_language_retranslates_the_open_window(qtbot, ops, settings, show) -> None:  # type: ignore[no-untyped-def]
    translations = Translations()
    window = show(MainWindow(ops, settings, translations=translations), 1400, 900)
    window.start()
    qtbot.waitUntil(lambda: window.case_view.case_id == "DSP-2026-004711", timeout=10_000)
    wait_for_count(qtbot, window.queue.model)
    model = window.queue.model
    status = COLUMN_KEYS.index("status")

    window.set_language("zh_CN")
    assert settings.language == "zh_CN"
    qtbot.waitUntil(lambda: window.windowTitle() == "调解工作台")  # LanguageChange is posted
    assert model.headerData(0, Qt.Orientation.Horizontal) == "案件编号"
    assert model.index(0, status).data() == "调解中"
    assert window.queue.count_label.text() == "2 个案件"
    assert window.case_view.tabs.tabText(0) == "案卷"
    assert window.queue.status_filter.itemText(0) == "全部状态"

    window.set_language("zh_TW")
    qtbot.waitUntil(lambda: window.windowTitle() == "調解工作台")
    assert model.index(0, status).data() == "調解中"
    assert window.case_view.tabs.tabText(1) == "時間軸"

    window.set_language("en")
    qtbot.waitUntil(lambda: window.windowTitle() == "Mediation Desk")
    assert model.index(0, status).data() == "In mediation"
    assert window.queue.count_label.text() == "2 cases"


def test_building_the_translations_twice_compiles_once(tmp_path: Path) -> None:
    import importlib.util

    spec = importlib.util.spec_from_file_location(
        "build_translations", REPO / "scripts/build_translations.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    folder = tmp_path / "translations"
    shutil.copytree(TS_FOLDER, folder, ignore=shutil.ignore_patterns("*.qm"))
    assert len(module.build(folder)) == 3
    assert module.build(folder) == []
    assert all(path.stat().st_size > 0 for path in folder.glob("*.qm"))


def test_a_second_window_in_the_same_process_gets_its_own_language(qtbot) -> None:  # type: ignore[no-untyped-def]
    from ui.qt import QCoreApplication

    Translations().apply("zh_CN")
    assert QCoreApplication.translate("MainWindow", "Mediation Desk") == "调解工作台"
    Translations().apply("en")  # another window's translations: the first ones must go
    assert QCoreApplication.translate("MainWindow", "Mediation Desk") == "Mediation Desk"
