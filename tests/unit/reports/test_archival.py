"""The PDF/A-2b form, as far as it can be checked without a PDF/A validator (none can be
installed here): XMP with pdfaid consistent with the Info dictionary, the sRGB output
intent, every font embedded, a file id from the record, and qpdf finding nothing wrong."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pikepdf
import pytest

from app.documents import record_to_json
from app.documents.records import record_digest
from reports.archival import OUTPUT_CONDITION, file_id
from tests.unit.reports.rendered import fonts_of, record_of, rendered

NS = {
    "pdfaid": "http://www.aiim.org/pdfa/ns/id/",
    "dc": "http://purl.org/dc/elements/1.1/",
    "pdf": "http://ns.adobe.com/pdf/1.3/",
    "xmp": "http://ns.adobe.com/xap/1.0/",
}


def _xmp_date_as_pdf(value: str) -> str:
    # 2026-11-22T00:00:00+08:00 → D:20261122000000+08'00'
    day, clock = value[:10].replace("-", ""), value[11:19].replace(":", "")
    offset = value[19:]
    return f"D:{day}{clock}{offset[:3]}'{offset[4:6]}'"


@pytest.mark.parametrize("language", ["zh-Hans", "zh-Hant", "en"])
def test_xmp_metadata_says_pdfa_2b_and_agrees_with_the_info_dictionary(
    tmp_path: Path, language: str
) -> None:
    record = record_of("ruling", language)
    _, path = rendered(record, tmp_path)
    with pikepdf.open(path) as pdf:
        info = {key: str(value) for key, value in pdf.docinfo.items()}
        metadata = pdf.Root.Metadata
        assert metadata.Type == "/Metadata" and metadata.Subtype == "/XML"
        assert "/Filter" not in metadata  # readable by any tool, as PDF/A readers expect
        xml = metadata.read_bytes().decode("utf-8")
        (intent,) = list(pdf.Root.OutputIntents)
        assert (
            intent.S == "/GTS_PDFA1" and str(intent.OutputConditionIdentifier) == OUTPUT_CONDITION
        )
        profile = intent.DestOutputProfile
        assert int(profile.N) == 3 and profile.read_bytes()[36:40] == b"acsp"  # an ICC profile
        lang = str(pdf.Root.Lang)
        trailer_id = [bytes(part) for part in pdf.trailer.ID]
    assert re.search(r"<pdfaid:part>2</pdfaid:part>", xml)
    assert re.search(r"<pdfaid:conformance>B</pdfaid:conformance>", xml)

    def one(pattern: str) -> str:
        found = re.search(pattern, xml, re.S)
        assert found, pattern
        return found.group(1)

    from xml.sax.saxutils import unescape

    assert unescape(one(r"<dc:title><rdf:Alt><rdf:li[^>]*>(.*?)</rdf:li>")) == info["/Title"]
    assert unescape(one(r"<dc:creator><rdf:Seq><rdf:li>(.*?)</rdf:li>")) == info["/Author"]
    assert (
        unescape(one(r"<dc:description><rdf:Alt><rdf:li[^>]*>(.*?)</rdf:li>")) == info["/Subject"]
    )
    assert unescape(one(r"<pdf:Producer>(.*?)</pdf:Producer>")) == info["/Producer"]
    assert unescape(one(r"<pdf:Keywords>(.*?)</pdf:Keywords>")) == info["/Keywords"]
    assert unescape(one(r"<xmp:CreatorTool>(.*?)</xmp:CreatorTool>")) == info["/Creator"]
    assert _xmp_date_as_pdf(one(r"<xmp:CreateDate>(.*?)</xmp:CreateDate>")) == info["/CreationDate"]
    assert _xmp_date_as_pdf(one(r"<xmp:ModifyDate>(.*?)</xmp:ModifyDate>")) == info["/ModDate"]
    assert info["/CreationDate"].startswith("D:20261122")
    assert record.case.case_id in info["/Title"]
    assert one(r"<md:recordSha256>(.*?)</md:recordSha256>") == record_digest(record)
    assert one(r"<md:evidenceManifestSha256>(.*?)</md:evidenceManifestSha256>") == (
        record.case.evidence_manifest_sha256
    )
    assert lang == {"zh-Hans": "zh-CN", "zh-Hant": "zh-TW", "en": "en"}[language]
    assert trailer_id == [file_id(record), file_id(record)]


@pytest.mark.parametrize("kind", ["ruling", "settlement", "dismissal"])
def test_qpdf_finds_nothing_wrong_and_no_font_is_left_out(tmp_path: Path, kind: str) -> None:
    _, path = rendered(record_of(kind), tmp_path)
    checked = subprocess.run(["qpdf", "--check", str(path)], capture_output=True, text=True)
    assert checked.returncode == 0, checked.stdout + checked.stderr
    assert "No syntax or stream encoding errors found" in checked.stdout
    assert all(font[-5] == "yes" for font in fonts_of(path))


def test_the_file_id_follows_the_record() -> None:
    ruling, settlement = record_of("ruling"), record_of("settlement")
    assert file_id(ruling) != file_id(settlement)
    assert record_to_json(ruling) != record_to_json(settlement)
