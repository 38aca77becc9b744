"""The reference platform's RFC 3161 timestamp authority (API 1.2, docs/platform-api.md).

A desk sends a ``TimeStampReq`` (the SHA-256 of a signature value or of a document's
byte ranges); the authority answers a ``TimeStampResp`` whose token is a CMS
``SignedData`` over a ``TSTInfo``: the imprint, the time, a serial number, the nonce,
signed with the TSA key of a PKCS#12 the platform is configured with (``pki init``
writes one: ``tsa.p12``, extended key usage timeStamping, under the demo CA). The token
is built with pyHanko's own TSA-side code (:class:`DummyTimeStamper`, a real RFC 3161
token signer), with the signature made by the configured key — P-256 here, where
pyHanko's class only signs with RSA.

Requests it cannot honour are answered as RFC 3161 says, with a ``rejection`` status and
the reason (``badAlg``, ``badDataFormat``), not an HTTP error: a client reads the status.
"""

from __future__ import annotations

import datetime as dt
import threading
from pathlib import Path

from asn1crypto import algos, cms, core, tsp
from asn1crypto import keys as asn1_keys
from asn1crypto import x509 as asn1_x509
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec, rsa
from cryptography.hazmat.primitives.asymmetric.padding import PKCS1v15
from cryptography.hazmat.primitives.serialization import pkcs12
from cryptography.x509.oid import ExtendedKeyUsageOID
from pyhanko.sign.timestamps.dummy_client import DummyTimeStamper

# The demo authority's policy (a private arc; a real TSA publishes its policy's OID).
DEMO_POLICY = "1.3.6.1.4.1.55555.13.3"
_DIGESTS = {"sha256": 32, "sha384": 48, "sha512": 64}
_HASHES = {"sha256": hashes.SHA256(), "sha384": hashes.SHA384(), "sha512": hashes.SHA512()}
MAX_QUERY_BYTES = 4096


class TimestampAuthorityError(ValueError):
    """The TSA's key cannot be used (wrong passphrase, no timeStamping usage, …)."""


class _ConfiguredTimeStamper(DummyTimeStamper):
    """pyHanko's TSA-side token builder, signing with an EC or RSA key."""

    def __init__(self, certificate, key, chain) -> None:  # type: ignore[no-untyped-def]
        super().__init__(tsa_cert=certificate, tsa_key=key, certs_to_embed=chain)
        self._private = serialization.load_der_private_key(key.dump(), password=None)

    def _build_tst_info(self, message_imprint, dt_, req):  # type: ignore[no-untyped-def]
        info = super()._build_tst_info(message_imprint, dt_, req)
        info["policy"] = tsp.ObjectIdentifier(DEMO_POLICY)
        return info

    def _sign_tst_info(self, tst_info_data, md_algorithm, dt_):  # type: ignore[no-untyped-def]
        from pyhanko.sign import general
        from pyhanko.sign.general import simple_cms_attribute

        digest = hashes.Hash(_HASHES[md_algorithm])
        digest.update(tst_info_data)
        signed_attrs = cms.CMSAttributes(
            [
                simple_cms_attribute("content_type", "tst_info"),
                simple_cms_attribute("signing_time", cms.Time({"utc_time": core.UTCTime(dt_)})),
                simple_cms_attribute(
                    "signing_certificate_v2", general.as_signing_certificate_v2(self.tsa_cert)
                ),
                simple_cms_attribute("message_digest", digest.finalize()),
            ]
        )
        data = signed_attrs.dump()
        if isinstance(self._private, ec.EllipticCurvePrivateKey):
            signature = self._private.sign(data, ec.ECDSA(_HASHES[md_algorithm]))
        elif isinstance(self._private, rsa.RSAPrivateKey):
            signature = self._private.sign(data, PKCS1v15(), _HASHES[md_algorithm])
        else:  # pragma: no cover - load_authority refuses other keys
            raise TimestampAuthorityError("unsupported TSA key")
        return signature, signed_attrs

    def _build_signed_data(self, tst_info_data, md_algorithm, signature, signed_attrs):  # type: ignore[no-untyped-def]
        signed_data = super()._build_signed_data(
            tst_info_data, md_algorithm, signature, signed_attrs
        )
        if isinstance(self._private, ec.EllipticCurvePrivateKey):
            info = signed_data["signer_infos"][0]
            info["signature_algorithm"] = algos.SignedDigestAlgorithm(
                {"algorithm": f"{md_algorithm}_ecdsa"}
            )
        return signed_data


class TimestampAuthority:
    """One TSA key, loaded once; answers DER ``TimeStampReq`` bytes with DER
    ``TimeStampResp`` bytes. Thread-safe (it keeps no state between requests)."""

    def __init__(
        self,
        p12: bytes,
        passphrase: bytes,
        *,
        clock=lambda: dt.datetime.now(dt.UTC),  # type: ignore[no-untyped-def]
    ) -> None:
        try:
            key, certificate, chain = pkcs12.load_key_and_certificates(p12, passphrase)
        except ValueError:
            raise TimestampAuthorityError(
                "The TSA's PKCS#12 could not be opened: wrong passphrase or not a PKCS#12."
            ) from None
        if key is None or certificate is None:
            raise TimestampAuthorityError("The TSA's PKCS#12 holds no key or no certificate.")
        if not isinstance(key, ec.EllipticCurvePrivateKey | rsa.RSAPrivateKey):
            raise TimestampAuthorityError("The TSA's key must be an EC or RSA key.")
        try:
            usages = list(
                certificate.extensions.get_extension_for_class(x509.ExtendedKeyUsage).value
            )
        except x509.ExtensionNotFound:
            usages = []
        if ExtendedKeyUsageOID.TIME_STAMPING not in usages:
            raise TimestampAuthorityError(
                "The TSA's certificate does not allow timestamping (extended key usage)."
            )
        der_key = key.private_bytes(
            serialization.Encoding.DER,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
        self.certificate = asn1_x509.Certificate.load(
            certificate.public_bytes(serialization.Encoding.DER)
        )
        self.chain = [
            asn1_x509.Certificate.load(item.public_bytes(serialization.Encoding.DER))
            for item in chain
        ]
        self._clock = clock
        self._lock = threading.Lock()  # the token's time is set on the shared builder
        self._stamper = _ConfiguredTimeStamper(
            self.certificate,
            asn1_keys.PrivateKeyInfo.load(der_key),
            self.chain,
        )

    @classmethod
    def from_file(cls, path: Path, passphrase: str) -> TimestampAuthority:
        try:
            data = path.read_bytes()
        except OSError as exc:
            raise TimestampAuthorityError(
                f"The TSA's PKCS#12 {path} cannot be read: {exc.strerror}."
            ) from None
        return cls(data, passphrase.encode())

    def answer(self, query: bytes) -> bytes:
        """The DER ``TimeStampResp`` for a DER ``TimeStampReq``: granted with a token, or
        a rejection naming what is wrong with the request."""
        try:
            request = tsp.TimeStampReq.load(query)
            imprint = request["message_imprint"]
            algorithm = imprint["hash_algorithm"]["algorithm"].native
            digest = imprint["hashed_message"].native
            _ = request["nonce"].native
            if request["version"].native != "v1":
                return _rejection("bad_data_format", "Only version 1 requests are served.")
        except Exception:
            return _rejection("bad_data_format", "The request is not a DER TimeStampReq.")
        if algorithm not in _DIGESTS:
            return _rejection("bad_alg", f"Unsupported hash algorithm {algorithm!r}.")
        if not isinstance(digest, bytes) or len(digest) != _DIGESTS[algorithm]:
            return _rejection("bad_data_format", "The imprint's length does not fit its hash.")
        if request["req_policy"].native not in (None, DEMO_POLICY):
            return _rejection("unaccepted_policy", "Only the demo policy is served.")
        with self._lock:
            self._stamper.fixed_dt = self._clock().replace(microsecond=0)
            response = self._stamper.request_tsa_response(request)
        if not request["cert_req"].native:
            token = response["time_stamp_token"]
            token["content"]["certificates"] = None  # RFC 3161 §2.4.1: only when asked
            response = tsp.TimeStampResp({"status": response["status"], "time_stamp_token": token})
        return bytes(response.dump())


def _rejection(failure: str, text: str) -> bytes:
    status = tsp.PKIStatusInfo(
        {
            "status": tsp.PKIStatus("rejection"),
            "status_string": tsp.PKIFreeText([text]),
            "fail_info": tsp.PKIFailureInfo({failure}),
        }
    )
    # asn1crypto's TimeStampResp makes the token mandatory; RFC 3161 §2.4.2 does not.
    return bytes(_StatusOnly({"status": status}).dump())


class _StatusOnly(core.Sequence):
    """A ``TimeStampResp`` without a token (a rejection)."""

    _fields = [("status", tsp.PKIStatusInfo)]  # noqa: RUF012 (asn1crypto's own shape)
