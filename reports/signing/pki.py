"""A demo organisation's keys: a CA, one PKCS#12 per demo user, a TSA certificate, a CRL.

``mediation-desk pki init`` writes them so a new desk can sign at once. Every subject says
"demo — not for production": these keys are made on the mediator's own computer and are
worth exactly that. P-256 keys throughout (a signature in ~20 ms instead of RSA's ~90).

The CA's own key is kept (``ca.p12``, under the same passphrase) so the organisation can
revoke a certificate later (:func:`revoke`), which writes a new ``ca.crl``.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.hazmat.primitives.serialization import pkcs12
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID

from app.files import private_folder, write_private

DEMO_NOTE = "demo — not for production"
# Where a certificate says its CA's revocation list is published. Validators read the
# list the desk keeps (``keys trust --crl``) or the document carries; without this
# pointer pyHanko would not look for a list at all.
CRL_URL = "http://127.0.0.1:8765/pki/ca.crl"
CRL_DAYS = 30


@dataclass(frozen=True)
class DemoSigner:
    """A demo user as the reference platform seeds them (platform_server/config.py;
    a test keeps the two lists equal)."""

    username: str
    display_name: str
    role: str


DEMO_SIGNERS: tuple[DemoSigner, ...] = (
    DemoSigner("mediator1", "王敏（调解员）", "mediator"),
    DemoSigner("mediator2", "李志强（调解员）", "mediator"),
    DemoSigner("supervisor1", "陈静（复核主管）", "supervisor"),
)


@dataclass(frozen=True)
class Authority:
    """A CA's certificate and key, to issue certificates and CRLs with."""

    certificate: x509.Certificate
    key: ec.EllipticCurvePrivateKey


@dataclass(frozen=True)
class PkiFiles:
    folder: Path
    ca: Path
    crl: Path
    users: tuple[Path, ...]
    tsa: Path


def _name(
    org: str, common_name: str, *, username: str | None = None, role: str | None = None
) -> x509.Name:
    parts = [
        x509.NameAttribute(NameOID.ORGANIZATION_NAME, org),
        x509.NameAttribute(NameOID.ORGANIZATIONAL_UNIT_NAME, DEMO_NOTE),
        x509.NameAttribute(NameOID.COMMON_NAME, common_name),
    ]
    if role is not None:
        parts.append(x509.NameAttribute(NameOID.TITLE, role))
    if username is not None:
        parts.append(x509.NameAttribute(NameOID.USER_ID, username))
    return x509.Name(parts)


def _key() -> ec.EllipticCurvePrivateKey:
    return ec.generate_private_key(ec.SECP256R1())


def make_authority(org: str, now: dt.datetime, *, years: int = 10) -> Authority:
    key = _key()
    name = _name(org, f"{org} demo CA")
    certificate = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(days=1))
        .not_valid_after(now + dt.timedelta(days=365 * years))
        .add_extension(x509.BasicConstraints(ca=True, path_length=0), critical=True)
        .add_extension(_usage(cert_sign=True), critical=True)
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(key.public_key()), critical=False)
        .sign(key, hashes.SHA256())
    )
    return Authority(certificate, key)


def _usage(*, signing: bool = False, cert_sign: bool = False) -> x509.KeyUsage:
    return x509.KeyUsage(
        digital_signature=signing,
        content_commitment=signing,
        key_encipherment=False,
        data_encipherment=False,
        key_agreement=False,
        key_cert_sign=cert_sign,
        crl_sign=cert_sign,
        encipher_only=False,
        decipher_only=False,
    )


def issue(
    authority: Authority,
    org: str,
    common_name: str,
    now: dt.datetime,
    *,
    username: str | None = None,
    role: str | None = None,
    days: int = 365 * 3,
    not_before: dt.datetime | None = None,
    signing_usage: bool = True,
    timestamping: bool = False,
    key: ec.EllipticCurvePrivateKey | None = None,
) -> tuple[x509.Certificate, ec.EllipticCurvePrivateKey]:
    """A certificate under ``authority`` (for a user, or with ``timestamping`` the TSA)."""
    key = key or _key()
    start = not_before or now - dt.timedelta(days=1)
    builder = (
        x509.CertificateBuilder()
        .subject_name(_name(org, common_name, username=username, role=role))
        .issuer_name(authority.certificate.subject)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(start)
        .not_valid_after(start + dt.timedelta(days=days))
        .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
        .add_extension(
            x509.AuthorityKeyIdentifier.from_issuer_public_key(authority.key.public_key()),
            critical=False,
        )
    )
    builder = builder.add_extension(
        x509.CRLDistributionPoints(
            [
                x509.DistributionPoint(
                    full_name=[x509.UniformResourceIdentifier(CRL_URL)],
                    relative_name=None,
                    reasons=None,
                    crl_issuer=None,
                )
            ]
        ),
        critical=False,
    )
    if signing_usage or timestamping:
        usage = _usage(signing=True)
        if timestamping:
            usage = x509.KeyUsage(True, False, False, False, False, False, False, False, False)
        builder = builder.add_extension(usage, critical=True)
    if timestamping:
        builder = builder.add_extension(
            x509.ExtendedKeyUsage([ExtendedKeyUsageOID.TIME_STAMPING]), critical=True
        )
    return builder.sign(authority.key, hashes.SHA256()), key


def revocation_list(
    authority: Authority,
    now: dt.datetime,
    revoked: tuple[x509.Certificate, ...] = (),
) -> bytes:
    """A DER CRL signed by the authority, valid for :data:`CRL_DAYS`."""
    builder = (
        x509.CertificateRevocationListBuilder()
        .issuer_name(authority.certificate.subject)
        .last_update(now - dt.timedelta(minutes=5))
        .next_update(now + dt.timedelta(days=CRL_DAYS))
        .add_extension(x509.CRLNumber(int(now.timestamp())), critical=False)
        .add_extension(
            x509.AuthorityKeyIdentifier.from_issuer_public_key(authority.key.public_key()),
            critical=False,
        )
    )
    for certificate in revoked:
        builder = builder.add_revoked_certificate(
            x509.RevokedCertificateBuilder()
            .serial_number(certificate.serial_number)
            .revocation_date(now - dt.timedelta(minutes=1))
            .build()
        )
    return builder.sign(authority.key, hashes.SHA256()).public_bytes(serialization.Encoding.DER)


def pkcs12_bytes(
    name: str,
    key: ec.EllipticCurvePrivateKey,
    certificate: x509.Certificate,
    passphrase: bytes,
    chain: tuple[x509.Certificate, ...] = (),
) -> bytes:
    return pkcs12.serialize_key_and_certificates(
        name.encode(),
        key,
        certificate,
        list(chain) or None,
        serialization.BestAvailableEncryption(passphrase),
    )


def pem(certificate: x509.Certificate) -> bytes:
    return certificate.public_bytes(serialization.Encoding.PEM)


def init_demo_pki(
    org: str,
    out: Path,
    passphrase: bytes,
    now: dt.datetime | None = None,
    signers: tuple[DemoSigner, ...] = DEMO_SIGNERS,
) -> PkiFiles:
    """Write the demo organisation: ``ca.pem``, ``ca.crl``, ``ca.p12`` (the CA's key),
    ``<username>.p12`` per demo user and ``tsa.p12`` (for the reference platform's TSA).
    Every private file is written for this account only."""
    now = now or dt.datetime.now(dt.UTC)
    private_folder(out)
    authority = make_authority(org, now)
    (out / "ca.pem").write_bytes(pem(authority.certificate))
    write_private(
        out / "ca.p12", pkcs12_bytes("ca", authority.key, authority.certificate, passphrase)
    )
    (out / "ca.crl").write_bytes(revocation_list(authority, now))
    users = []
    for signer in signers:
        certificate, key = issue(
            authority,
            org,
            signer.display_name,
            now,
            username=signer.username,
            role=signer.role,
        )
        path = out / f"{signer.username}.p12"
        write_private(
            path,
            pkcs12_bytes(signer.username, key, certificate, passphrase, (authority.certificate,)),
        )
        users.append(path)
    tsa, tsa_key = issue(authority, org, f"{org} demo TSA", now, timestamping=True)
    write_private(
        out / "tsa.p12", pkcs12_bytes("tsa", tsa_key, tsa, passphrase, (authority.certificate,))
    )
    return PkiFiles(out, out / "ca.pem", out / "ca.crl", tuple(users), out / "tsa.p12")


def load_authority(folder: Path, passphrase: bytes) -> Authority:
    key, certificate, _ = pkcs12.load_key_and_certificates(
        (folder / "ca.p12").read_bytes(), passphrase
    )
    assert isinstance(key, ec.EllipticCurvePrivateKey) and certificate is not None
    return Authority(certificate, key)


def revoke(folder: Path, passphrase: bytes, certificates: tuple[x509.Certificate, ...]) -> bytes:
    """Revoke certificates: a new ``ca.crl`` naming them (and returned)."""
    authority = load_authority(folder, passphrase)
    crl = revocation_list(authority, dt.datetime.now(dt.UTC), certificates)
    (folder / "ca.crl").write_bytes(crl)
    return crl
