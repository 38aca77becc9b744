"""PDF/A-2b form, added after ReportLab (which has no PDF/A switch) with pikepdf.

- XMP metadata with ``pdfaid:part=2``, ``pdfaid:conformance=B``, the same title,
  author, subject, keywords, producer, creator tool and dates as the Info dictionary,
  and the record's identity in the desk's own namespace (case, document, version,
  record and evidence-manifest digests) for the signing and verification steps;
- an sRGB output intent (the ICC profile shipped in ``resources/documents/sRGB.icc``,
  from Debian's ``icc-profiles-free``);
- the document's language, and a file id derived from the record;
- saved deterministically: fixed dates (the document date), no object streams
  rewritten by chance, the same bytes for the same record.

No PDF/A validator can be installed here; what is checked instead is in
``docs/documents.md``.
"""

from __future__ import annotations

import hashlib
import io
from datetime import date, datetime, time
from functools import cache
from xml.sax.saxutils import escape

import pikepdf
from reportlab import rl_config

from app import __version__
from app.documents.records import DecisionRecord, record_digest
from app.resources import resource_folder
from app.workflow import CHINA_TIME
from reports.templates import template

# ReportLab wraps every stream in ASCII85 over Flate by default; :func:`archive` has qpdf
# decode and re-compress every stream anyway, so the ASCII85 step is work done twice
# for nothing (the bytes are identical without it; tests/unit/reports checks they stay
# deterministic).
rl_config.useA85 = 0

NAMESPACE = "https://mediation-desk.example/ns/document/1.0/"
PRODUCER = "Mediation Desk documents (ReportLab, pikepdf)"
OUTPUT_CONDITION = "sRGB IEC61966-2.1"


@cache
def _srgb_profile() -> bytes:
    return (resource_folder("documents") / "sRGB.icc").read_bytes()


def _pdf_date(moment: datetime) -> str:
    return moment.strftime("D:%Y%m%d%H%M%S+08'00'")


def own_fields(record: DecisionRecord) -> dict[str, str]:
    """The record's identity in the desk's own XMP namespace."""
    case = record.case
    return {
        "caseId": case.case_id,
        "documentId": case.document_id,
        "documentKind": record.kind,
        "version": str(case.version),
        "language": case.language,
        "recordSha256": record_digest(record),
        "evidenceManifestSha256": case.evidence_manifest_sha256,
        "supersedesSha256": case.supersedes or "",
        "copyFor": case.copy_for or "",
    }


def _xmp(fields: dict[str, str], own: dict[str, str], created: str, lang: str) -> bytes:
    e = {key: escape(value) for key, value in fields.items()}
    own_xml = "".join(f"<md:{key}>{escape(value)}</md:{key}>" for key, value in own.items())
    packet = f"""<?xpacket begin="\ufeff" id="W5M0MpCehiHzreSzNTczkc9d"?>
<x:xmpmeta xmlns:x="adobe:ns:meta/">
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
<rdf:Description rdf:about=""
 xmlns:pdfaid="http://www.aiim.org/pdfa/ns/id/"
 xmlns:dc="http://purl.org/dc/elements/1.1/"
 xmlns:pdf="http://ns.adobe.com/pdf/1.3/"
 xmlns:xmp="http://ns.adobe.com/xap/1.0/"
 xmlns:md="{NAMESPACE}">
<pdfaid:part>2</pdfaid:part>
<pdfaid:conformance>B</pdfaid:conformance>
<dc:format>application/pdf</dc:format>
<dc:title><rdf:Alt><rdf:li xml:lang="x-default">{e["Title"]}</rdf:li></rdf:Alt></dc:title>
<dc:creator><rdf:Seq><rdf:li>{e["Author"]}</rdf:li></rdf:Seq></dc:creator>
<dc:description><rdf:Alt><rdf:li xml:lang="x-default">{e["Subject"]}</rdf:li></rdf:Alt></dc:description>
<dc:language><rdf:Bag><rdf:li>{escape(lang)}</rdf:li></rdf:Bag></dc:language>
<pdf:Producer>{e["Producer"]}</pdf:Producer>
<pdf:Keywords>{e["Keywords"]}</pdf:Keywords>
<xmp:CreatorTool>{e["Creator"]}</xmp:CreatorTool>
<xmp:CreateDate>{created}</xmp:CreateDate>
<xmp:ModifyDate>{created}</xmp:ModifyDate>
<xmp:MetadataDate>{created}</xmp:MetadataDate>
{own_xml}
</rdf:Description>
</rdf:RDF>
</x:xmpmeta>
<?xpacket end="w"?>"""
    return packet.encode("utf-8")


def info_fields(record: DecisionRecord) -> dict[str, str]:
    """The Info dictionary's text entries (the XMP says the same)."""
    case = record.case
    t = template(case.language)
    title = t(f"title.{record.kind}")
    return {
        "Title": f"{title} {case.case_id}",
        "Author": t("issuer"),
        "Subject": t("meta.document_number", document_id=case.document_id, version=case.version),
        "Keywords": f"{case.case_id}, {case.document_id}, {record.kind}",
        "Creator": f"Mediation Desk {__version__}",
        "Producer": PRODUCER,
    }


def file_id(record: DecisionRecord) -> bytes:
    """The PDF file identifier: the first 16 bytes of the record's digest, hashed again
    with a purpose label so it names this file form of the record only."""
    return hashlib.sha256(b"mediation-desk pdf id\0" + record_digest(record).encode()).digest()[:16]


def make_archival(data: bytes, record: DecisionRecord) -> tuple[bytes, int]:
    """ReportLab's bytes in PDF/A-2b form; returns the bytes and the page count."""
    return archive(
        data,
        fields=info_fields(record),
        own=own_fields(record),
        day=record.case.document_date,
        lang=template(record.case.language)("pdf_language"),
        identifier=file_id(record),
    )


def archive(
    data: bytes,
    *,
    fields: dict[str, str],
    own: dict[str, str],
    day: date,
    lang: str,
    identifier: bytes,
) -> tuple[bytes, int]:
    """Any of the desk's PDFs in PDF/A-2b form (a decision document, a public notice):
    the Info dictionary ``fields`` and the same in XMP with ``own`` in the desk's
    namespace, dated ``day`` at 00:00 China time, the output intent, ``/Lang`` and the
    file id ``identifier`` (16 bytes); returns the bytes and the page count."""
    moment = datetime.combine(day, time(0, 0), CHINA_TIME)
    with pikepdf.open(io.BytesIO(data)) as pdf:
        info = pikepdf.Dictionary(
            {f"/{key}": pikepdf.String(value) for key, value in fields.items()}
        )
        info["/CreationDate"] = pikepdf.String(_pdf_date(moment))
        info["/ModDate"] = pikepdf.String(_pdf_date(moment))
        pdf.trailer["/Info"] = pdf.make_indirect(info)
        xmp = _xmp(fields, own, moment.isoformat(), lang)
        metadata = pikepdf.Stream(pdf, xmp)
        metadata["/Type"] = pikepdf.Name("/Metadata")
        metadata["/Subtype"] = pikepdf.Name("/XML")
        pdf.Root["/Metadata"] = pdf.make_indirect(metadata)
        profile = pikepdf.Stream(pdf, _srgb_profile())
        profile["/N"] = 3
        intent = pikepdf.Dictionary(
            {
                "/Type": pikepdf.Name("/OutputIntent"),
                "/S": pikepdf.Name("/GTS_PDFA1"),
                "/OutputConditionIdentifier": pikepdf.String(OUTPUT_CONDITION),
                "/Info": pikepdf.String(OUTPUT_CONDITION),
                "/RegistryName": pikepdf.String("http://www.color.org"),
                "/DestOutputProfile": pdf.make_indirect(profile),
            }
        )
        pdf.Root["/OutputIntents"] = pikepdf.Array([pdf.make_indirect(intent)])
        pdf.Root["/Lang"] = pikepdf.String(lang)
        file_identifier = pikepdf.String(identifier)
        pdf.trailer["/ID"] = pikepdf.Array([file_identifier, file_identifier])
        pages = len(pdf.pages)
        out = io.BytesIO()
        pdf.save(
            out,
            static_id=True,
            compress_streams=True,
            object_stream_mode=pikepdf.ObjectStreamMode.disable,
            min_version="1.7",
        )
    return _with_id(out.getvalue(), file_identifier), pages


def _with_id(data: bytes, identifier: pikepdf.String) -> bytes:
    """qpdf keeps the first element of the file id and writes a fixed value as the second
    with ``static_id``: put the record's id there too (same length, no offset moves)."""
    static = b"<31415926535897932384626433832795>"
    ours = b"<" + bytes(identifier).hex().encode() + b">"
    assert len(static) == len(ours)
    if data.count(static) != 1:
        raise RuntimeError("unexpected file trailer from qpdf")
    return data.replace(static, ours)
