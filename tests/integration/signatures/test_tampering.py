"""Every tampering of issue 13 is caught by ``verify`` *and* by poppler's ``pdfsig``.

A ruling is signed by mediator1 and countersigned by supervisor1 with the demo
organisation's keys; then each test changes it the way someone might, and both
verifiers must say so: ``verify`` names the first problem in a supervisor's words and
exits 6; ``pdfsig`` (which always exits 0) says it in its text.
"""

from __future__ import annotations

import datetime as dt
import io
import subprocess
from pathlib import Path

import pytest
from pyhanko.pdf_utils import generic
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.pdf_utils.reader import PdfFileReader

from app.documents.signing import SignatureRequest
from app.documents.verdict import DocumentVerdict
from reports import render_record
from reports.signing.pki import issue, load_authority, make_authority, pkcs12_bytes, revocation_list
from reports.signing.sign import PdfSigningKey
from reports.signing.verify import StoreView, verify_pdf
from tests.integration.signatures.signing_setup import PASSPHRASE, pdfsig, pdfsig_blocks
from tests.unit.reports.rendered import record_of

NOW = dt.datetime.now(dt.UTC)


def _sign(key: PdfSigningKey, data: bytes, role: str, rendered) -> bytes:  # type: ignore[no-untyped-def]
    box = next(b for b in rendered.signature_boxes if b.role == role)
    other = next(b for b in rendered.signature_boxes if b.role != role)
    return key.sign(
        SignatureRequest(
            data=data,
            field_name=box.field_name,
            page=box.page,
            rect=box.rect,
            role=role,  # type: ignore[arg-type]
            language="zh-Hans",
            certify=role == "mediator",
            reason=f"{role} signature; audit-head none",
            at=NOW,
            reserve=((other.field_name, other.page, other.rect),) if role == "mediator" else (),
        )
    ).data


@pytest.fixture(scope="module")
def rendered():  # type: ignore[no-untyped-def]
    return render_record(record_of("ruling"))


@pytest.fixture(scope="module")
def trust(demo_pki: Path) -> dict[str, tuple[bytes, ...]]:
    return {
        "trust_roots": ((demo_pki / "ca.pem").read_bytes(),),
        "crls": ((demo_pki / "ca.crl").read_bytes(),),
    }


def _key(demo_pki: Path, name: str, trust: dict[str, tuple[bytes, ...]]) -> PdfSigningKey:
    return PdfSigningKey((demo_pki / f"{name}.p12").read_bytes(), PASSPHRASE.encode(), **trust)


@pytest.fixture(scope="module")
def countersigned(demo_pki: Path, trust, rendered) -> bytes:  # type: ignore[no-untyped-def]
    signed = _sign(_key(demo_pki, "mediator1", trust), rendered.data, "mediator", rendered)
    return _sign(_key(demo_pki, "supervisor1", trust), signed, "supervisor", rendered)


def _verify(data: bytes, trust, **options) -> DocumentVerdict:  # type: ignore[no-untyped-def]
    return verify_pdf(data, **trust, **options)


def _pdfsig(data: bytes, tmp_path: Path, nss: Path) -> str:
    path = tmp_path / "checked.pdf"
    path.write_bytes(data)
    return pdfsig(path, nss)


def _page_writer(data: bytes, page: int):  # type: ignore[no-untyped-def]
    writer = IncrementalPdfFileWriter(io.BytesIO(data))
    page_ref = writer.find_page_for_modification(page)[0]
    return writer, page_ref, page_ref.get_object()


def _written(writer: IncrementalPdfFileWriter) -> bytes:
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def add_drawing(data: bytes, page: int) -> bytes:
    """An incremental update that puts a square annotation (a drawing) over the decision."""
    writer, page_ref, page_obj = _page_writer(data, page)
    annotation = writer.add_object(
        generic.DictionaryObject(
            {
                generic.NameObject("/Type"): generic.NameObject("/Annot"),
                generic.NameObject("/Subtype"): generic.NameObject("/Square"),
                generic.NameObject("/Rect"): generic.ArrayObject(
                    [generic.FloatObject(v) for v in (60, 500, 540, 700)]
                ),
                generic.NameObject("/C"): generic.ArrayObject([generic.FloatObject(1)] * 3),
                generic.NameObject("/IC"): generic.ArrayObject([generic.FloatObject(1)] * 3),
            }
        )
    )
    raw = page_obj.raw_get("/Annots") if "/Annots" in page_obj else None
    if isinstance(raw, generic.IndirectObject):
        annots = raw.get_object()
        annots.append(annotation)
        writer.mark_update(raw)
    else:
        annots = page_obj.get("/Annots", generic.ArrayObject())
        annots.append(annotation)
        page_obj[generic.NameObject("/Annots")] = annots
        writer.mark_update(page_ref)
    return _written(writer)


def _stream(writer: IncrementalPdfFileWriter, content: bytes) -> generic.IndirectObject:
    return writer.add_object(generic.StreamObject(stream_data=content))


def add_page_content(data: bytes, page: int) -> bytes:
    """An incremental update that adds a content stream painting over the decision."""
    writer, page_ref, page_obj = _page_writer(data, page)
    contents = page_obj.raw_get("/Contents")
    cover = _stream(writer, b"q 1 1 1 rg 60 500 480 200 re f Q")
    existing = contents.get_object() if isinstance(contents, generic.IndirectObject) else contents
    items = list(existing) if isinstance(existing, generic.ArrayObject) else [contents]
    page_obj[generic.NameObject("/Contents")] = generic.ArrayObject([*items, cover])
    writer.mark_update(page_ref)
    return _written(writer)


def replace_page_content(data: bytes, page: int) -> bytes:
    """An incremental update that replaces the page's content stream with another."""
    writer, page_ref, page_obj = _page_writer(data, page)
    page_obj[generic.NameObject("/Contents")] = _stream(writer, b"BT ET")
    writer.mark_update(page_ref)
    return _written(writer)


def _signature_ends(data: bytes) -> list[int]:
    reader = PdfFileReader(io.BytesIO(data))
    return [int(s.byte_range[2]) + int(s.byte_range[3]) for s in reader.embedded_signatures]


# -- the untouched document --------------------------------------------------------------


def test_the_countersigned_ruling_is_intact_and_trusted_for_both(
    countersigned, trust, tmp_path, demo_nss
) -> None:  # type: ignore[no-untyped-def]
    verdict = _verify(countersigned, trust, final=True)
    assert verdict.ok and verdict.approved, verdict.problem
    said = _pdfsig(countersigned, tmp_path, demo_nss)
    assert said.count("Signature is Valid.") == 2
    assert said.count("Certificate is Trusted.") == 2
    assert "Total document signed" in pdfsig_blocks(said)["supervisor"]


# -- the tamperings ----------------------------------------------------------------------


def test_one_byte_changed_inside_the_signed_range(countersigned, trust, tmp_path, demo_nss) -> None:  # type: ignore[no-untyped-def]
    data = bytearray(countersigned)
    at = countersigned.index(b"stream", 2000) + 40  # inside the first page's content
    data[at] ^= 0x01
    verdict = _verify(bytes(data), trust)
    assert not verdict.ok and not verdict.signatures[0].intact
    assert "Changed after the mediator signed: the signed content was altered" in (
        verdict.problem.text("en")  # type: ignore[union-attr]
    )
    said = _pdfsig(bytes(data), tmp_path, demo_nss)
    assert "Digest Mismatch." in said or "Signature is Invalid." in said
    assert "Signature is Valid." not in said


def test_an_annotation_drawn_over_the_decision(
    countersigned, trust, rendered, tmp_path, demo_nss
) -> None:  # type: ignore[no-untyped-def]
    last = rendered.page_count - 1
    tampered = add_drawing(countersigned, last)
    verdict = _verify(tampered, trust)
    first = verdict.signatures[0]
    assert first.intact and first.valid  # the signed bytes are untouched...
    assert first.modification_level in ("OTHER", "ANNOTATIONS")  # ...but something was added
    assert verdict.problem is not None
    assert verdict.problem.text("en") == (
        f"Changed after the mediator signed: a drawing was added to page {last + 1}."
    )
    assert f"第 {last + 1} 页被添加了图形" in verdict.problem.text("zh-Hans")
    said = _pdfsig(tampered, tmp_path, demo_nss)
    # poppler still calls each signature valid, but no signature covers the whole file.
    assert "Total document signed" not in said
    assert said.count("Not total document signed") == 2


def test_page_content_added_over_the_decision(
    countersigned, trust, rendered, tmp_path, demo_nss
) -> None:  # type: ignore[no-untyped-def]
    last = rendered.page_count - 1
    tampered = add_page_content(countersigned, last)
    verdict = _verify(tampered, trust)
    assert verdict.signatures[0].modification_level == "OTHER"
    assert verdict.problem is not None
    assert f"the content of page {last + 1} was replaced or added to" in verdict.problem.text("en")
    said = _pdfsig(tampered, tmp_path, demo_nss)
    assert "Total document signed" not in said


def test_the_page_content_stream_replaced(countersigned, trust, tmp_path, demo_nss) -> None:  # type: ignore[no-untyped-def]
    tampered = replace_page_content(countersigned, 1)
    verdict = _verify(tampered, trust)
    assert verdict.problem is not None
    assert "Changed after the mediator signed: the content of page 2" in verdict.problem.text("en")
    said = _pdfsig(tampered, tmp_path, demo_nss)
    assert "Total document signed" not in said


def test_the_countersignature_removed_by_truncating_the_file(
    countersigned, trust, tmp_path, demo_nss
) -> None:  # type: ignore[no-untyped-def]
    truncated = countersigned[: _signature_ends(countersigned)[0]]
    # Anyone told the ruling is final sees the missing countersignature...
    verdict = _verify(truncated, trust, final=True)
    assert verdict.problem is not None and not verdict.approved
    assert "the supervisor has not countersigned" in verdict.problem.text("en")
    # ...and the desk that recorded it sees it was removed, even without being told.
    view = StoreView(verdict.evidence_manifest_sha256 or "", ("mediator", "supervisor"))
    verdict = _verify(truncated, trust, store=lambda case, document: view)
    assert verdict.problem is not None
    assert "countersignature has been removed" in verdict.problem.text("en")
    said = _pdfsig(truncated, tmp_path, demo_nss)
    blocks = pdfsig_blocks(said)
    assert "Signature is Valid." in blocks["mediator"]
    assert "Signature is Valid." not in blocks.get("supervisor", "")  # an empty field now


def _foreign_key(now: dt.datetime, **options) -> bytes:  # type: ignore[no-untyped-def]
    authority = make_authority("别家机构", now)
    certificate, key = issue(
        authority, "别家机构", "赵六（调解员）", now, username="zhao", role="mediator", **options
    )
    return pkcs12_bytes("zhao", key, certificate, b"pw", (authority.certificate,))


def test_a_signature_by_a_certificate_outside_the_trust_roots(
    trust, rendered, tmp_path, demo_nss
) -> None:  # type: ignore[no-untyped-def]
    key = PdfSigningKey(_foreign_key(NOW), b"pw")  # no trust roots: nothing checked before
    signed = _sign(key, rendered.data, "mediator", rendered)
    verdict = _verify(signed, trust)
    check = verdict.signatures[0]
    assert check.intact and check.valid and not check.trusted
    assert verdict.problem is not None
    assert "not from a trusted organisation" in verdict.problem.text("en")
    said = _pdfsig(signed, tmp_path, demo_nss)
    assert "Signature is Valid." in said and "Certificate is Trusted." not in said
    assert "Certificate issuer isn't Trusted." in said or "Unknown issue" in said


def test_an_expired_certificate(demo_pki, trust, rendered, tmp_path, demo_nss) -> None:  # type: ignore[no-untyped-def]
    authority = load_authority(demo_pki, PASSPHRASE.encode())
    long_ago = NOW - dt.timedelta(days=400)
    certificate, private = issue(
        authority, "示例调解中心", "王敏（调解员）", long_ago, username="mediator1", role="mediator",
        not_before=long_ago, days=30,
    )  # fmt: skip
    data = pkcs12_bytes("old", private, certificate, b"pw", (authority.certificate,))
    key = PdfSigningKey(data, b"pw", now=long_ago + dt.timedelta(days=2))
    signed = _sign(key, rendered.data, "mediator", rendered)
    verdict = _verify(signed, trust)
    assert verdict.signatures[0].expired and not verdict.signatures[0].trusted
    assert verdict.problem is not None
    assert "had expired" in verdict.problem.text("en")
    said = _pdfsig(signed, tmp_path, demo_nss)
    assert "Certificate has Expired" in said


def test_a_revoked_certificate(demo_pki, trust, rendered, tmp_path) -> None:  # type: ignore[no-untyped-def]
    authority = load_authority(demo_pki, PASSPHRASE.encode())
    certificate, private = issue(
        authority, "示例调解中心", "王敏（调解员）", NOW, username="mediator1", role="mediator"
    )
    data = pkcs12_bytes("lost", private, certificate, b"pw", (authority.certificate,))
    signed = _sign(PdfSigningKey(data, b"pw"), rendered.data, "mediator", rendered)
    crl = revocation_list(authority, NOW, (certificate,))
    verdict = verify_pdf(signed, trust_roots=trust["trust_roots"], crls=(crl,))
    assert verdict.signatures[0].revoked and not verdict.signatures[0].trusted
    assert verdict.problem is not None
    assert "has been revoked" in verdict.problem.text("en")
    # poppler: the demo CA trusted, the new CRL in the NSS database.
    nss = tmp_path / "nss"
    from tests.integration.signatures.signing_setup import nss_database

    nss_database(nss, demo_pki / "ca.pem")
    (tmp_path / "revoked.crl").write_bytes(crl)
    subprocess.run(
        ["crlutil", "-I", "-d", f"sql:{nss}", "-i", str(tmp_path / "revoked.crl")],
        check=True,
        capture_output=True,
    )
    said = _pdfsig(signed, tmp_path, nss)
    assert "Certificate has been Revoked." in said
