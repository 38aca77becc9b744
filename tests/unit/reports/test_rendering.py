"""Decision documents as PDFs: what a reader (and poppler) finds in them."""

from __future__ import annotations

import dataclasses
import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from app.documents import Ruling, for_party, record_to_json
from reports.fonts import CJK_RUN, covers, fonts_for
from reports.templates import template
from tests.conftest import REPO
from tests.unit.reports.rendered import fonts_of, record_of, rendered, text_of

KINDS = ("ruling", "settlement", "dismissal")
LANGUAGES = ("zh-Hans", "zh-Hant", "en")


def _squeezed(text: str) -> str:
    return re.sub(r"\s+", "", text)


_RENDER_IN_A_NEW_PROCESS = """
import json, sys
from app.documents import record_from_json
from reports import render_record
record = record_from_json(json.load(open(sys.argv[1], encoding="utf-8")))
sys.stdout.buffer.write(render_record(record).data)
"""


def test_the_same_record_gives_the_same_bytes_in_two_processes(tmp_path: Path) -> None:
    record = record_of("ruling")
    source = tmp_path / "record.json"
    source.write_text(json.dumps(record_to_json(record), ensure_ascii=False), encoding="utf-8")
    outputs = [
        subprocess.run(
            [sys.executable, "-c", _RENDER_IN_A_NEW_PROCESS, str(source)],
            check=True,
            capture_output=True,
            cwd=REPO,
        ).stdout
        for _ in range(2)
    ]
    here, _ = rendered(record, tmp_path)
    assert outputs[0] == outputs[1] == here.data
    later = dataclasses.replace(
        record,
        case=dataclasses.replace(
            record.case, document_date=record.case.document_date.replace(day=23)
        ),
    )
    assert rendered(later, tmp_path)[0].data != here.data  # the date is part of the document


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("language", LANGUAGES)
def test_every_font_is_embedded_and_every_glyph_is_in_it(
    tmp_path: Path, kind: str, language: str
) -> None:
    record = record_of(kind, language)
    _, path = rendered(record, tmp_path)
    fonts = fonts_of(path)
    assert fonts, "no fonts listed"
    for font in fonts:
        assert font[-5] == "yes", f"not embedded: {font}"  # the emb column
        assert "Helvetica" not in font[0]
    text = text_of(path)
    fonts_used = fonts_for(language)
    missing = covers(fonts_used.body, text)
    if fonts_used.cjk_fallback is None:
        assert missing == []
    else:  # English: what Liberation Serif lacks is Chinese, set in the Chinese face
        assert all(CJK_RUN.fullmatch(c) for c in missing), missing
        assert covers(fonts_used.cjk_fallback, "".join(missing)) == []
    t = template(language)
    headings = "".join(str(value) for value in t.raw("headings").values()) + t(f"title.{kind}")
    assert covers(fonts_used.heading, headings + t("issuer")) == []


@pytest.mark.parametrize("kind", KINDS)
def test_the_text_carries_the_case_number_every_hash_and_every_amount(
    tmp_path: Path, kind: str
) -> None:
    record = record_of(kind)
    _, path = rendered(record, tmp_path)
    text = _squeezed(text_of(path))
    case = record.case
    assert case.case_id in text
    for item in case.evidence:
        assert item.sha256 in text, item.evidence_id
    assert case.evidence_manifest_sha256 in text
    assert "1,299.00" in text and "壹仟贰佰玖拾玖元整" in text  # the claim
    if kind == "ruling":
        assert "人民币500.00元（大写：伍佰元整）" in text
    if kind == "settlement":
        assert "人民币300.00元（大写：叁佰元整）" in text
    assert "第1页共" in text


def test_traditional_chinese_writes_amounts_in_traditional_numerals(tmp_path: Path) -> None:
    _, path = rendered(record_of("ruling", "zh-Hant"), tmp_path)
    text = _squeezed(text_of(path))
    assert "人民幣500.00元（大寫：伍佰元整）" in text and "壹仟貳佰玖拾玖元整" in text
    assert "裁決書" in text and "第1頁共" in text


def test_english_documents_say_page_x_of_y_and_amounts_in_words(tmp_path: Path) -> None:
    result, path = rendered(record_of("ruling", "en"), tmp_path)
    text = text_of(path)
    assert f"Page 1 of {result.page_count}" in text
    assert "CNY 500.00 (five hundred yuan)" in " ".join(text.split())


def test_a_party_string_with_markup_renders_literally(tmp_path: Path) -> None:
    record = record_of("ruling")
    hostile = "<b>Bold & Co</b> <font size=40>大</font> &amp;"
    parties = tuple(
        dataclasses.replace(p, legal_name=hostile) if p.role == "merchant" else p
        for p in record.case.parties
    )
    record = dataclasses.replace(
        record,
        case=dataclasses.replace(record.case, parties=parties),
        reasoning=record.reasoning + " <i>" + hostile + "</i>",
    )
    _, path = rendered(record, tmp_path)
    text = " ".join(text_of(path).split())
    assert "<b>Bold & Co</b>" in text
    assert "<font size=40>大</font> &amp;" in text
    assert "<i><b>" in text


def test_a_long_reasoning_flows_over_pages_and_no_line_starts_with_closing_punctuation(
    tmp_path: Path,
) -> None:
    record = record_of("ruling")
    assert isinstance(record, Ruling)
    sentence = "商家在答辩中称商品符合描述，但未提供任何检测报告；买家提交的报告显示羊毛含量不足，故不予采信！"
    reasoning = (sentence * (8000 // len(sentence) + 1))[:7992] + "以上为全部理由。"
    assert len(reasoning) >= 8000
    short, _ = rendered(record, tmp_path, "short")
    long, path = rendered(dataclasses.replace(record, reasoning=reasoning), tmp_path, "long")
    assert long.page_count >= short.page_count + 3
    text = text_of(path)
    assert "以上为全部理由。" in _squeezed(text)
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    starts = [line for line in lines if line[0] in "，。、：；！？」）》"]
    assert starts == []
    # The signature room is on the last page, both boxes side by side.
    assert {box.page for box in long.signature_boxes} == {long.page_count - 1}
    assert [box.field_name for box in long.signature_boxes] == ["mediator", "supervisor"]


def test_a_party_copy_says_for_whom_and_drops_the_other_sides_details(tmp_path: Path) -> None:
    record = record_of("ruling")
    _, path = rendered(for_party(record, "merchant"), tmp_path)
    text = _squeezed(text_of(path))
    assert "本副本送达被申请人（商家）杭州暖冬服饰有限公司" in text
    assert "110101199003071234" not in text and "13800138000" not in text
    assert "91330100MA2XXXXX1X" in text
