"""Timestamps from the platform's RFC 3161 authority (API 1.2, ``POST /api/v1/timestamp``).

- :func:`client_timestamper` — pyHanko's ``TimeStamper`` over any ``DER query -> DER
  reply`` call: the desk's own platform client (bearer token, size caps, its errors),
  never a second HTTP stack. A rejection or an unreachable platform is a
  :class:`TimestampUnavailable`, which the signer turns into a B-B signature.
- :func:`signing_timestamps` — the call ``documents sign`` / ``countersign`` use: the
  signed-in user's platform, a short timeout, no retries (offline signing must not wait).
- :class:`PdfDocumentStamper` — the :class:`app.documents.timestamping.DocumentStamper`
  the sync is handed: the validation material (the CA and its CRL, which also cover the
  TSA's certificate) and a document timestamp in one incremental update (pyHanko's
  ``PdfTimeStamper``; DSS before the timestamp, so the timestamp covers it). After a
  certifying signature this is pyHanko's modification level LTA_UPDATES, which DocMDP
  allows; the supervisor can still countersign after it.
- :func:`desk_stamper` — the port the composition root hands the sync command.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import io
from typing import TYPE_CHECKING, Any

from asn1crypto import cms, core, tsp

from app.documents.timestamping import StampedBytes, TimestampRequest
from app.errors import DeskError, TimestampUnavailable
from app.security import signing_keys
from app.vocabulary import words

if TYPE_CHECKING:
    from app.desk import Desk

TIMESTAMP_FIELD = "Timestamp"
SIGNING_TIMEOUT = 5.0  # seconds: offline signing must not wait long for a TSA
DOC_TIMESTAMP_BYTES = 8192  # a token with the TSA's chain is ~2 kB (hex: twice that)


class _Reply(core.Sequence):
    """RFC 3161's TimeStampResp, whose token is optional (asn1crypto requires one)."""

    _fields = [  # noqa: RUF012 (asn1crypto's own shape)
        ("status", tsp.PKIStatusInfo),
        ("time_stamp_token", cms.ContentInfo, {"optional": True}),
    ]


def _timestamper_class() -> Any:
    from pyhanko.sign.timestamps.api import TimeStamper

    class _ClientTimeStamper(TimeStamper):
        def __init__(self, request: TimestampRequest) -> None:
            super().__init__(include_nonce=True)  # type: ignore[no-untyped-call]
            self._request = request
            self.failure: BaseException | None = None

        async def async_request_tsa_response(self, req: tsp.TimeStampReq) -> tsp.TimeStampResp:
            try:
                raw = await asyncio.to_thread(self._request, req.dump())
                reply = _Reply.load(raw)
                status = reply["status"]["status"].native
            except Exception as exc:  # the platform's errors, or a reply that is not DER
                self.failure = exc
                raise TimestampUnavailable(_refused(str(exc))) from None
            if status not in ("granted", "granted_with_mods"):
                text = reply["status"]["status_string"].native or [status]
                self.failure = TimestampUnavailable(_refused("; ".join(text)))
                raise self.failure
            return tsp.TimeStampResp.load(raw)

    return _ClientTimeStamper


def client_timestamper(request: TimestampRequest) -> Any:
    """pyHanko's timestamp client over ``request`` (pyHanko loads on first use)."""
    return _timestamper_class()(request)


def signing_timestamps(desk: Desk, username: str | None) -> TimestampRequest | None:
    """The TSA call for signing on this desk: the platform ``username`` (or the one
    user) is signed in to, with their token from the keyring and a short timeout; None
    when nobody is signed in (the signature is then B-B, and timestamped at the sync)."""
    from sqlalchemy import select

    from app.security.credentials import platform_token_key
    from app.store import models as m
    from app.sync.client import PlatformClient

    with desk.unit_of_work(read_only=True) as uow:
        query = select(m.SyncState.platform_url, m.SyncState.username)
        if username is not None:
            query = query.where(m.SyncState.username == username)
        rows = uow.session.execute(query).all()
    if len(rows) != 1:
        return None
    url, user = rows[0]
    token = desk.credentials.get(platform_token_key(url, user, desk.desk_id))
    if token is None:
        return None

    def request(query: bytes) -> bytes:
        with PlatformClient(url, token, timeout=SIGNING_TIMEOUT) as client:
            return client.timestamp(query)

    return request


class PdfDocumentStamper:
    """Adds the validation material and a document timestamp to a signed PDF."""

    def __init__(self, *, trust_roots: tuple[bytes, ...] = (), crls: tuple[bytes, ...] = ()):
        # Read at the first stamp: a sync with nothing to timestamp never loads pyHanko.
        self._trust_roots = trust_roots
        self._crl_data = crls

    def stamp(self, data: bytes, tsa: TimestampRequest) -> StampedBytes:
        from asn1crypto import crl as asn1_crl
        from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
        from pyhanko.sign import signers
        from pyhanko.sign.signers.pdf_signer import TimestampDSSContentSettings
        from pyhanko_certvalidator import ValidationContext

        from reports.signing.sign import _certificate, _der_crl

        roots = [_certificate(item) for item in self._trust_roots]
        crls = [asn1_crl.CertificateList.load(_der_crl(item)) for item in self._crl_data]
        timestamper = client_timestamper(tsa)
        context = (
            ValidationContext(trust_roots=roots, crls=crls, allow_fetching=False) if roots else None
        )
        writer = IncrementalPdfFileWriter(io.BytesIO(data), strict=False)
        try:
            out = signers.PdfTimeStamper(timestamper, field_name=_field_name(writer)).timestamp_pdf(
                writer,
                "sha256",
                validation_context=context,
                bytes_reserved=DOC_TIMESTAMP_BYTES,
                # One update: the material first, then the timestamp covering it.
                dss_settings=TimestampDSSContentSettings(update_before_ts=True, include_vri=False),
            )
        except Exception:
            failure = timestamper.failure
            if isinstance(failure, DeskError):
                raise failure from None  # the sync's own errors: retry later, offline, …
            if failure is not None:
                raise TimestampUnavailable(_refused(str(failure))) from None
            raise
        stamped = out.getvalue()
        return StampedBytes(stamped, _last_timestamp_time(stamped), "B-LT" if context else "B-T")


def _refused(reason: str) -> Any:
    return words("signatures.sync.timestamp_refused", reason=reason[:200])


def _field_name(writer: Any) -> str:
    from pyhanko.sign import fields

    taken = {name for name, _, _ in fields.enumerate_sig_fields(writer, filled_status=False)}
    number = 1
    while f"{TIMESTAMP_FIELD}{number}" in taken:
        number += 1
    return f"{TIMESTAMP_FIELD}{number}"


def _last_timestamp_time(data: bytes) -> dt.datetime:
    from pyhanko.pdf_utils.reader import PdfFileReader

    reader = PdfFileReader(io.BytesIO(data), strict=False)
    last = reader.embedded_timestamp_signatures[-1]
    when: dt.datetime = last.signed_data["encap_content_info"]["content"].parsed["gen_time"].native
    return when


def desk_stamper(desk: Desk) -> PdfDocumentStamper:
    """The sync's stamper for an open desk: its trust roots and CRLs as the material."""
    home = desk.paths.home
    return PdfDocumentStamper(
        trust_roots=tuple(signing_keys.trusted_files(home, ".pem")),
        crls=tuple(signing_keys.trusted_files(home, ".crl")),
    )
