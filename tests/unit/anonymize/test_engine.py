"""The anonymizer's promises one by one: names by their rule, collisions numbered the
same way through the whole notice, both scripts, spans that map back, known data, hits
that never echo a value, and a core that stays pure."""

from __future__ import annotations

import ast
import json

from app.anonymize import (
    KINDS,
    RULES,
    anonymize,
    anonymize_case,
    detect,
    find_known_data,
    known_data,
)
from app.anonymize.names import name_form
from app.contract.case_document import parse_case_document
from app.vocabulary.catalog import catalogue
from tests.conftest import REPO
from tests.unit.anonymize.corpus import corpus_case, document_dict, left_in


def test_each_name_form_follows_its_rule() -> None:
    assert name_form("张三").pseudonym == "张某"
    assert name_form("欧阳娜娜").pseudonym == "欧阳某"
    assert name_form("諸葛孔明").pseudonym == "諸葛某"
    assert name_form("阿不都热依木·买买提").pseudonym == "阿某"
    assert name_form("Emily Carter").pseudonym == "E"
    assert name_form("张三").rule == "spc_9_1_surname_kept"
    assert name_form("阿不都热依木·买买提").rule == "spc_9_2_first_character_kept"
    assert name_form("Emily Carter").rule == "spc_9_3_first_letter_kept"


def test_colliding_names_are_numbered_the_same_way_in_every_field() -> None:
    case = corpus_case()
    result = anonymize(
        case,
        {
            "a": "王磊收到了货。",
            "b": "王芳说王磊没有收到。",
            "c": "磊哥（王磊）承认签收，王芳撤回陈述。",
        },
    )
    assert result.texts["a"] == "王某2收到了货。"
    assert result.texts["b"] == "王某1说王某2没有收到。"
    assert result.texts["c"].endswith("王某1撤回陈述。")
    assert "王某2" in result.texts["c"] and "王磊" not in result.texts["c"]


def test_one_person_of_a_surname_is_not_numbered() -> None:
    result = anonymize(corpus_case(), {"a": "王芳签收。"})
    assert result.texts["a"] == "王芳签收。".replace("王芳", "王某")


def test_a_traditional_name_is_found_in_simplified_text_and_the_pseudonym_keeps_the_script() -> (
    None
):
    result = anonymize(
        corpus_case(), {"hans": "陈志明发货", "hant": "陳志明發貨", "given": "志明說"}
    )
    assert result.texts == {"hans": "陈某发货", "hant": "陳某發貨", "given": "陳某說"}


def test_a_name_split_by_spaces_as_pdf_text_extraction_leaves_it_is_still_found() -> None:
    assert anonymize(corpus_case(), {"t": "买家 张 伟 已签收"}).texts["t"] == "买家 张某 已签收"


def test_full_width_digits_are_found_and_the_span_is_the_original_text() -> None:
    text = "电话：１３９１２３４５６７８。"
    result = anonymize(corpus_case(), {"t": text})
    (redaction,) = result.redactions
    assert text[redaction.start : redaction.end] == "１３９１２３４５６７８"
    published = result.texts["t"]
    assert published[redaction.published_start : redaction.published_end] == redaction.replacement


def test_an_address_keeps_the_county_and_loses_the_rest() -> None:
    result = anonymize(corpus_case(), {"t": "寄往浙江省杭州市西湖区文三路158号2幢301室。"})
    assert result.texts["t"] == "寄往浙江省杭州市西湖区[详细地址已隐去]。"
    assert result.redactions[0].rule == "spc_10_1_address_to_county"


def test_replacements_are_in_the_language_asked() -> None:
    case = corpus_case()
    text = {"t": "电话13912345678"}
    assert anonymize(case, text, language="en").texts["t"] == "电话[phone number removed]"
    assert anonymize(case, text, language="zh-Hant").texts["t"] == "电话[電話已隱去]"


def test_anonymizing_twice_changes_nothing_more() -> None:
    first = anonymize_case(corpus_case())
    second = anonymize(corpus_case(), dict(first.texts))
    assert second.texts == first.texts


def test_known_data_lists_every_datum_of_the_case_in_both_scripts() -> None:
    data = known_data(corpus_case())
    fields = {(d.kind, d.field) for d in data}
    assert ("person_name", "parties[0].legal_name") in fields
    assert ("account_name", "parties[0].display_name") in fields
    assert ("resident_id", "parties[0].id_number") in fields
    assert ("phone", "parties[0].contact.phone") in fields
    assert ("email", "parties[0].contact.email") in fields
    assert ("address", "parties[0].contact.address") in fields
    assert ("order_number", "order.id") in fields
    assert ("transaction_number", "order.transaction_id") in fields
    assert ("tracking_number", "order.shipment.tracking_number") in fields
    assert ("taiwan_id", "parties[6].id_number") in fields
    assert ("hk_id", "parties[7].id_number") in fields
    chen = next(d for d in data if d.field == "parties[6].legal_name")
    assert {"陳志明", "陈志明"} <= set(chen.variants)
    # A shop's name and a company's registration code are public: not known data.
    values = {v for d in data for v in d.variants}
    assert "暖冬服饰旗舰店" not in values and "91330106MA2B3C4D5X" not in values


def test_find_known_data_names_the_field_and_kind_of_what_is_left() -> None:
    data = known_data(corpus_case())
    found = find_known_data("通知：張偉 13812345678", data)
    assert sorted((d.kind, d.field) for d, _, _ in found) == [
        ("person_name", "parties[0].legal_name"),
        ("phone", "parties[0].contact.phone"),
    ]


def test_no_known_datum_survives_the_whole_case_with_its_data_written_everywhere() -> None:
    document = document_dict()
    data = known_data(parse_case_document(json.dumps(document, ensure_ascii=False)))
    spilled = " / ".join(variant for datum in data for variant in datum.variants)
    document["case"]["description"] = spilled
    document["messages"][0]["text"] = spilled
    case = parse_case_document(json.dumps(document, ensure_ascii=False))
    result = anonymize_case(case)
    for text in result.texts.values():
        assert find_known_data(text, data) == []
        left = [v for d in data for v in d.variants if left_in(text, v)]
        assert left == []


def test_hits_and_redactions_never_carry_the_value() -> None:
    text = "身份证11010519491231002X，电话13912345678"
    for hit in detect(text):
        assert "11010519491231002X" not in repr(hit) and "13912345678" not in repr(hit)
        for language in ("en", "zh-Hans", "zh-Hant"):
            said = hit.describe().text(language)  # type: ignore[arg-type]
            assert "1101051949" not in said and "139123" not in said
    result = anonymize(corpus_case(), {"t": text})
    assert all("1101051949" not in repr(r) and "139123" not in repr(r) for r in result.redactions)
    assert all("张伟" not in repr(d) for d in known_data(corpus_case()))


def test_every_kind_and_rule_has_words_and_a_replacement_in_three_languages() -> None:
    entries = catalogue()
    for kind in KINDS:
        assert f"anonymize.kind.{kind}" in entries
        assert f"anonymize.replacement.{kind}" in entries
    for rule in RULES:
        assert f"anonymize.rule.{rule}" in entries


def test_no_replacement_looks_like_data_to_a_detector() -> None:
    entries = catalogue()
    for kind in KINDS:
        for language, text in entries[f"anonymize.replacement.{kind}"].items():
            assert detect(text) == [], (kind, language)


def test_the_anonymizer_is_pure_no_qt_no_pdf_no_store() -> None:
    forbidden = (
        "PySide6",
        "shiboken6",
        "reportlab",
        "sqlalchemy",
        "app.store",
        "app.services",
        "ui",
        "reports",
    )
    for path in sorted((REPO / "app" / "anonymize").rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            names = []
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module:
                names = [node.module]
            for name in names:
                assert not name.startswith(forbidden), f"{path.name} imports {name}"
