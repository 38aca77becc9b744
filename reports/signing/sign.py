"""PAdES signatures with pyHanko: the mediator's certifying signature, the supervisor's
countersignature in a later incremental update, each with a visible block in the last
page's reserved box, drawn in the shipped Chinese font (not pyHanko's default Courier).

:class:`PdfSigningKey` is the :class:`app.documents.signing.DocumentSigner` the entry
points hand the core: one user's key, loaded and checked once, signing any number of
documents. With validation material (the trust roots and CRLs the desk keeps) it embeds
the certificates and the CRL in the document (PAdES B-LT once timestamped, else B-B with
the material: it verifies offline later); with a timestamp authority it adds an RFC 3161
timestamp.
"""

from __future__ import annotations

import datetime as dt
import io
import string
from dataclasses import dataclass
from functools import cache
from typing import Any

from asn1crypto import crl as asn1_crl
from asn1crypto import keys as asn1_keys
from asn1crypto import x509 as asn1_x509
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.serialization import pkcs12
from fontTools import subset, ttLib
from fontTools.ttLib.scaleUpem import scale_upem
from pyhanko.pdf_utils import generic
from pyhanko.pdf_utils.font.api import FontEngineFactory
from pyhanko.pdf_utils.font.opentype import GlyphAccumulator
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.pdf_utils.text import TextBoxStyle
from pyhanko.sign import fields, signers, timestamps
from pyhanko.sign.general import SigningError
from pyhanko.sign.signers.pdf_byterange import BuildProps
from pyhanko.sign.signers.pdf_signer import DSSContentSettings, SigDSSPlacementPreference
from pyhanko.stamp import TextStampStyle
from pyhanko_certvalidator import ValidationContext
from pyhanko_certvalidator.registry import SimpleCertificateStore

from app import __version__
from app.documents.signing import SignatureRequest, SignedBytes, SignerIdentity
from app.errors import ValidationError
from app.resources import resource_folder
from app.vocabulary import words as say_words
from reports.signing import pdf_tokens
from reports.signing.keys import check_pkcs12

# Every signed PDF the desk reads (signing, countersigning, verifying: verify imports this
# module) goes through pyHanko's parser, whose byte-at-a-time token readers were half of
# a verification: faster ones, installed when pyHanko is first loaded (see pdf_tokens).
pdf_tokens.install()

STAMP_FONT = "wqy-microhei.ttc"
BYTES_RESERVED = 8192  # room for the CMS with its chain (~3 kB) and a timestamp token: no dry run

ROLE_WORDS = {
    "zh-Hans": {"mediator": "调解员", "supervisor": "复核主管", "at": "签署时间"},
    "zh-Hant": {"mediator": "調解員", "supervisor": "複核主管", "at": "簽署時間"},
    "en": {"mediator": "Mediator", "supervisor": "Supervisor", "at": "Signed"},
}


@cache
def _stamp_font(characters: str) -> bytes:
    """The first face of the shipped WenQuanYi Micro Hei collection, cut down to the
    characters a stamp can show, as one small TrueType font. pyHanko's OpenType engine
    reads single fonts, not collections, and subsets the whole CJK font on every
    signature (~2 s); cut once per signer, each signature subsets ~10 kB."""
    path = resource_folder("fonts") / STAMP_FONT
    font = ttLib.TTFont(str(path), fontNumber=0, lazy=True)
    options = subset.Options()
    options.hinting = False
    options.layout_features = []
    options.name_IDs = ["*"]
    options.notdef_outline = True
    options.drop_tables += ["FFTM", "vhea", "vmtx"]
    subsetter = subset.Subsetter(options)
    subsetter.populate(text=characters)
    subsetter.subset(font)
    # pyHanko writes the font's advance widths into /W as they are, and PDF reads /W in
    # thousandths of an em: a 2048-unit font would be set with gaps between letters.
    scale_upem(font, 1000)
    out = io.BytesIO()
    font.save(out)
    return out.getvalue()


def stamp_characters(name: str) -> str:
    """Every character a signer's stamp can show, in any language."""
    fixed = "".join(word for table in ROLE_WORDS.values() for word in table.values())
    return "".join(sorted(set(name + fixed + string.printable.strip() + " ")))


@dataclass(frozen=True)
class _ShippedFont(FontEngineFactory):
    characters: str
    size: int = 9

    def create_font_engine(self, writer, obj_stream=None):  # type: ignore[no-untyped-def]
        return _StampGlyphs(writer, _stamp_font(self.characters), self.size, obj_stream)


class _StampGlyphs(GlyphAccumulator):
    """pyHanko's glyph engine over the stamp font, which is already cut to the stamp's
    characters: embedded as it is instead of subset and re-saved at every signature
    (half the time of a signature otherwise)."""

    def __init__(self, writer, font: bytes, size: int, obj_stream) -> None:  # type: ignore[no-untyped-def]
        super().__init__(
            writer=writer,
            font_handle=io.BytesIO(font),
            font_size=size,
            writing_direction="ltr",
            obj_stream=obj_stream,
        )
        descriptor_owner = self.cidfont_obj

        def set_font_file(target: Any) -> Any:
            stream = generic.StreamObject(stream_data=font)
            stream.compress()  # type: ignore[no-untyped-call]
            reference = target.add_object(stream)
            descriptor_owner._font_descriptor[generic.pdf_name("/FontFile2")] = reference
            return reference

        descriptor_owner.set_font_file = set_font_file  # type: ignore[method-assign,assignment]

    def _extract_subset(self, options=None) -> None:  # type: ignore[no-untyped-def]
        return None  # cut once already (_stamp_font); glyph ids stay the font's


def _stamp_style(characters: str) -> TextStampStyle:
    return TextStampStyle(
        stamp_text="%(role)s\n%(signer)s\n%(at)s %(ts)s",
        timestamp_format="%Y-%m-%d %H:%M UTC",
        text_box_style=TextBoxStyle(font=_ShippedFont(characters), font_size=9),
        border_width=1,
    )


class PdfSigningKey:
    """One user's signing key (PKCS#12), checked and loaded once."""

    def __init__(
        self,
        data: bytes,
        passphrase: bytes,
        *,
        trust_roots: tuple[bytes, ...] = (),
        crls: tuple[bytes, ...] = (),
        timestamp_url: str | None = None,
        now: dt.datetime | None = None,
    ) -> None:
        checked = check_pkcs12(data, passphrase, now or dt.datetime.now(dt.UTC))
        self._identity = checked.identity
        self._stamp = _stamp_style(stamp_characters(checked.identity.name))
        _stamp_font(stamp_characters(checked.identity.name))  # cut once, here
        key, _, _ = pkcs12.load_key_and_certificates(data, passphrase)
        assert key is not None
        certificate, chain = checked.certificate, checked.chain
        der_key = key.private_bytes(
            serialization.Encoding.DER,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
        signing_cert = asn1_x509.Certificate.load(
            certificate.public_bytes(serialization.Encoding.DER)
        )
        others = [
            asn1_x509.Certificate.load(c.public_bytes(serialization.Encoding.DER)) for c in chain
        ]
        self._signer = signers.SimpleSigner(
            signing_cert=signing_cert,
            signing_key=asn1_keys.PrivateKeyInfo.load(der_key),
            cert_registry=SimpleCertificateStore.from_certs([signing_cert, *others]),  # type: ignore[no-untyped-call]
        )
        self._roots = [_certificate(item) for item in trust_roots]
        self._crls = [asn1_crl.CertificateList.load(_der_crl(item)) for item in crls]
        self._timestamper = (
            timestamps.HTTPTimeStamper(timestamp_url) if timestamp_url is not None else None
        )

    @property
    def identity(self) -> SignerIdentity:
        return self._identity

    def _metadata(self, request: SignatureRequest) -> signers.PdfSignatureMetadata:
        embed = bool(self._roots)
        return signers.PdfSignatureMetadata(
            field_name=request.field_name,
            md_algorithm="sha256",
            subfilter=fields.SigSeedSubFilter.PADES,
            reason=request.reason,
            name=self._identity.name,
            certify=request.certify,
            docmdp_permissions=fields.MDPPerm.FILL_FORMS,
            app_build_props=BuildProps(name="mediation-desk", revision=__version__),
            embed_validation_info=embed,
            validation_context=ValidationContext(
                trust_roots=self._roots, crls=self._crls, allow_fetching=False
            )
            if embed
            else None,
            signer_key_usage={"non_repudiation"},
            # The validation material goes into the signature's own revision: a separate
            # update after a certifying signature would count as a change after it.
            dss_settings=DSSContentSettings(
                placement=SigDSSPlacementPreference.TOGETHER_WITH_SIGNATURE, include_vri=False
            ),
        )

    def sign(self, request: SignatureRequest) -> SignedBytes:
        words = ROLE_WORDS.get(request.language, ROLE_WORDS["en"])
        embed = bool(self._roots)
        meta = self._metadata(request)
        writer = IncrementalPdfFileWriter(io.BytesIO(request.data), strict=False)
        existing = {name for name, _, _ in fields.enumerate_sig_fields(writer, filled_status=False)}
        for name, page, rect in request.reserve:
            fields.append_signature_field(writer, _field(name, page, rect))
        pdf_signer = signers.PdfSigner(
            meta,
            self._signer,
            timestamper=self._timestamper,
            stamp_style=self._stamp,
            # A countersignature fills the field the certifying revision reserved.
            new_field_spec=None
            if request.field_name in existing
            else _field(request.field_name, request.page, request.rect),
        )
        # pyHanko stamps its own clock's time; this is the same second (re-reading the
        # signed file for it would cost as much as the signature).
        signed_at = dt.datetime.now(dt.UTC).replace(microsecond=0)
        level = "B-LT" if (embed and self._timestamper) else "B-T" if self._timestamper else "B-B"
        try:
            out = pdf_signer.sign_pdf(
                writer,
                bytes_reserved=BYTES_RESERVED,
                appearance_text_params={"role": words[request.role], "at": words["at"]},
            )
        except SigningError as exc:
            # Before signing, pyHanko validates the signer's certificate against the
            # roots and CRLs the desk keeps: an untrusted or revoked key signs nothing.
            raise ValidationError(
                say_words("signatures.refused_by_trust", problem=str(exc)[:200])
            ) from None
        return SignedBytes(data=out.getvalue(), signed_at=signed_at, level=level)  # type: ignore[arg-type]


def _field(name: str, page: int, rect: tuple[float, float, float, float]) -> fields.SigFieldSpec:
    x1, y1, x2, y2 = rect
    return fields.SigFieldSpec(
        sig_field_name=name, on_page=page, box=(int(x1), int(y1), int(x2), int(y2))
    )


def _certificate(data: bytes) -> asn1_x509.Certificate:
    from cryptography import x509

    loaded = (
        x509.load_pem_x509_certificate(data)
        if data.lstrip().startswith(b"-----")
        else x509.load_der_x509_certificate(data)
    )
    return asn1_x509.Certificate.load(loaded.public_bytes(serialization.Encoding.DER))


def _der_crl(data: bytes) -> bytes:
    from cryptography import x509

    if data.lstrip().startswith(b"-----"):
        return x509.load_pem_x509_crl(data).public_bytes(serialization.Encoding.DER)
    return data
