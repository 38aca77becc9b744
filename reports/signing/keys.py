"""Reading and checking a signing key (PKCS#12) and a trust root before the desk keeps them.

Each refusal names what is wrong: the passphrase, the certificate's dates, its key usage,
a key that does not belong to the certificate, a file that is not a PKCS#12 at all.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from cryptography import x509
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.serialization import pkcs12
from cryptography.x509.oid import NameOID

from app.documents.signing import SignerIdentity
from app.errors import ValidationError
from app.vocabulary import words


@dataclass(frozen=True)
class CheckedKey:
    identity: SignerIdentity
    certificate: x509.Certificate
    chain: tuple[x509.Certificate, ...]
    not_after: dt.datetime


def _attribute(name: x509.Name, oid: x509.ObjectIdentifier) -> str | None:
    values = name.get_attributes_for_oid(oid)
    return str(values[0].value) if values else None


def identity_of(certificate: x509.Certificate) -> SignerIdentity:
    subject = certificate.subject
    name = _attribute(subject, NameOID.COMMON_NAME) or subject.rfc4514_string()
    username = _attribute(subject, NameOID.USER_ID) or name
    return SignerIdentity(username, name, _attribute(subject, NameOID.TITLE) or "")


def check_pkcs12(data: bytes, passphrase: bytes, now: dt.datetime) -> CheckedKey:
    """The key and certificate in a PKCS#12, or a refusal saying exactly why not."""
    try:
        loaded = pkcs12.load_pkcs12(data, passphrase)
    except ValueError:
        # cryptography says the same for a wrong passphrase and for bytes that are not
        # PKCS#12: tell them apart by trying without a passphrase's MAC check.
        if not _looks_like_pkcs12(data):
            raise ValidationError(words("signatures.keys.not_pkcs12")) from None
        raise ValidationError(words("signatures.keys.wrong_passphrase")) from None
    certificate = loaded.cert.certificate if loaded.cert is not None else None
    if certificate is None:
        # Some tools write the certificate without the id that pairs it with the key:
        # take the one end-entity certificate in the file, and check it is the key's.
        leaves = [c.certificate for c in loaded.additional_certs if not _is_ca(c.certificate)]
        certificate = leaves[0] if len(leaves) == 1 else None
    if loaded.key is None or certificate is None:
        raise ValidationError(words("signatures.keys.incomplete"))
    name = identity_of(certificate).name
    public = loaded.key.public_key().public_bytes(
        serialization.Encoding.DER, serialization.PublicFormat.SubjectPublicKeyInfo
    )
    in_certificate = certificate.public_key().public_bytes(
        serialization.Encoding.DER, serialization.PublicFormat.SubjectPublicKeyInfo
    )
    if public != in_certificate:
        raise ValidationError(words("signatures.keys.key_mismatch", name=name))
    if certificate.not_valid_after_utc < now:
        raise ValidationError(
            words(
                "signatures.keys.expired",
                name=name,
                date=certificate.not_valid_after_utc.date().isoformat(),
            )
        )
    if certificate.not_valid_before_utc > now:
        raise ValidationError(
            words(
                "signatures.keys.not_yet_valid",
                name=name,
                date=certificate.not_valid_before_utc.date().isoformat(),
            )
        )
    try:
        usage = certificate.extensions.get_extension_for_class(x509.KeyUsage).value
        may_sign = usage.digital_signature or usage.content_commitment
    except x509.ExtensionNotFound:
        may_sign = False
    if not may_sign:
        raise ValidationError(words("signatures.keys.no_signing_usage", name=name))
    return CheckedKey(
        identity_of(certificate),
        certificate,
        tuple(
            item.certificate for item in loaded.additional_certs if item.certificate != certificate
        ),
        certificate.not_valid_after_utc,
    )


def _looks_like_pkcs12(data: bytes) -> bool:
    from asn1crypto import pkcs12 as asn1_pkcs12

    try:
        asn1_pkcs12.Pfx.load(data).native  # noqa: B018 - parse everything
    except Exception:
        return False
    return True


def check_trust_root(data: bytes) -> x509.Certificate:
    """A CA certificate (PEM or DER) to trust, or a refusal."""
    try:
        certificate = (
            x509.load_pem_x509_certificate(data)
            if data.lstrip().startswith(b"-----")
            else x509.load_der_x509_certificate(data)
        )
    except ValueError:
        raise ValidationError(words("signatures.keys.not_a_certificate")) from None
    if not _is_ca(certificate):
        raise ValidationError(words("signatures.keys.not_a_ca", name=identity_of(certificate).name))
    return certificate


def _is_ca(certificate: x509.Certificate) -> bool:
    try:
        return bool(certificate.extensions.get_extension_for_class(x509.BasicConstraints).value.ca)
    except x509.ExtensionNotFound:
        return False


def check_crl(data: bytes) -> x509.CertificateRevocationList:
    try:
        return (
            x509.load_pem_x509_crl(data)
            if data.lstrip().startswith(b"-----")
            else x509.load_der_x509_crl(data)
        )
    except ValueError:
        raise ValidationError(words("signatures.keys.not_a_crl")) from None
