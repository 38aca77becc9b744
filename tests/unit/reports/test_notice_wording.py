"""The wording of public notices: the three languages say the same things with the same
placeholders, Traditional Chinese is written in Traditional characters, and no sentence
of the template is itself something the publication gate would refuse."""

from __future__ import annotations

from app.anonymize import detect
from app.workflow.script_reader import _SIMPLIFIED_ONLY
from reports.notice_pdf import notice_template
from reports.templates import templates_folder
from tests.unit.reports.test_templates import LANGUAGES, _leaves, _placeholders


def test_every_language_has_the_same_keys_and_placeholders() -> None:
    leaves = {language: _leaves(notice_template(language)._data) for language in LANGUAGES}
    keys = set(leaves["zh-Hans"])
    for language in LANGUAGES:
        assert set(leaves[language]) == keys, language
        for key in keys:
            assert _placeholders(leaves[language][key]) == _placeholders(leaves["zh-Hans"][key]), (
                language,
                key,
            )
    assert {p.stem for p in (templates_folder() / "notice").glob("*.toml")} == set(LANGUAGES)


def test_traditional_chinese_wording_uses_traditional_characters() -> None:
    text = (templates_folder() / "notice" / "zh-Hant.toml").read_text(encoding="utf-8")
    assert sorted(set(text) & _SIMPLIFIED_ONLY) == []


def test_no_sentence_of_the_wording_raises_a_detector_hit() -> None:
    for language in LANGUAGES:
        for key, value in _leaves(notice_template(language)._data).items():
            for text in value if isinstance(value, list) else [value]:
                assert detect(str(text)) == [], (language, key)
