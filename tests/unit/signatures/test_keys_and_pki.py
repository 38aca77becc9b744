"""Keys and trust: the demo organisation, and each refusal of a signing key named."""

from __future__ import annotations

import datetime as dt
import stat
from pathlib import Path

import pytest
from cryptography import x509
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.hazmat.primitives.serialization import pkcs12

from app.errors import ValidationError
from platform_server.config import DEMO_USERS
from reports.signing.keys import check_crl, check_pkcs12, check_trust_root
from reports.signing.pki import (
    DEMO_SIGNERS,
    init_demo_pki,
    issue,
    load_authority,
    make_authority,
    pkcs12_bytes,
    revoke,
)

NOW = dt.datetime.now(dt.UTC)
PW = b"demo pass"


@pytest.fixture(scope="module")
def pki(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("pki")
    init_demo_pki("示例调解中心", folder, PW)
    return folder


def test_the_demo_users_are_the_reference_platforms() -> None:
    assert [(s.username, s.display_name, s.role) for s in DEMO_SIGNERS] == [
        (u.username, u.display_name, u.role) for u in DEMO_USERS
    ]


def test_pki_init_writes_a_ca_its_crl_a_tsa_and_one_key_per_demo_user(pki: Path) -> None:
    names = sorted(path.name for path in pki.iterdir())
    assert names == sorted(
        ["ca.pem", "ca.crl", "ca.p12", "tsa.p12", *(f"{s.username}.p12" for s in DEMO_SIGNERS)]
    )
    ca = x509.load_pem_x509_certificate((pki / "ca.pem").read_bytes())
    assert "demo — not for production" in ca.subject.rfc4514_string()
    for signer in DEMO_SIGNERS:
        path = pki / f"{signer.username}.p12"
        assert stat.S_IMODE(path.stat().st_mode) & 0o077 == 0
        checked = check_pkcs12(path.read_bytes(), PW, NOW)
        assert checked.identity.username == signer.username
        assert checked.identity.name == signer.display_name
        assert checked.identity.role == signer.role
        assert "demo — not for production" in checked.certificate.subject.rfc4514_string()
        assert isinstance(checked.certificate.public_key(), ec.EllipticCurvePublicKey)
        assert checked.certificate.public_key().curve.name == "secp256r1"  # type: ignore[union-attr]
        checked.certificate.verify_directly_issued_by(ca)
    tsa = pkcs12.load_pkcs12((pki / "tsa.p12").read_bytes(), PW).cert
    assert tsa is not None
    usage = tsa.certificate.extensions.get_extension_for_class(x509.ExtendedKeyUsage).value
    assert x509.oid.ExtendedKeyUsageOID.TIME_STAMPING in usage
    assert len(list(check_crl((pki / "ca.crl").read_bytes()))) == 0
    assert check_trust_root((pki / "ca.pem").read_bytes()) == ca


def _refusal(data: bytes, passphrase: bytes = PW, now: dt.datetime = NOW) -> str:
    with pytest.raises(ValidationError) as refused:
        check_pkcs12(data, passphrase, now)
    return refused.value.text("en")


def test_a_wrong_passphrase_is_named(pki: Path) -> None:
    assert _refusal((pki / "mediator1.p12").read_bytes(), b"not it") == (
        "Wrong passphrase for this signing key."
    )


def test_a_file_that_is_not_pkcs12_is_named(pki: Path) -> None:
    assert "not a PKCS#12" in _refusal((pki / "ca.pem").read_bytes())


def test_an_expired_certificate_is_named(pki: Path) -> None:
    data = (pki / "mediator1.p12").read_bytes()
    later = NOW + dt.timedelta(days=365 * 4)
    assert "王敏（调解员）" in _refusal(data, now=later) and "expired on" in _refusal(
        data, now=later
    )


def test_a_certificate_without_the_signing_key_usage_is_named(pki: Path) -> None:
    authority = load_authority(pki, PW)
    certificate, key = issue(authority, "示例调解中心", "无用途", NOW, signing_usage=False)
    data = pkcs12_bytes("x", key, certificate, PW)
    assert "does not allow signing" in _refusal(data)
    assert "不允许签名" in _refusal_in(data, "zh-Hans")


def _refusal_in(data: bytes, language: str) -> str:
    with pytest.raises(ValidationError) as refused:
        check_pkcs12(data, PW, NOW)
    return refused.value.text(language)  # type: ignore[arg-type]


def test_a_key_that_does_not_match_its_certificate_is_named(pki: Path) -> None:
    authority = load_authority(pki, PW)
    certificate, _ = issue(authority, "示例调解中心", "别人的钥匙", NOW)
    other = ec.generate_private_key(ec.SECP256R1())
    # cryptography will not pair them: the certificate travels beside the key instead.
    data = pkcs12.serialize_key_and_certificates(
        b"x", other, None, [certificate], pkcs12.serialization.BestAvailableEncryption(PW)
    )
    assert "does not match the certificate of 别人的钥匙" in _refusal(data)


def test_a_user_certificate_is_not_a_trust_root(pki: Path) -> None:
    authority = make_authority("另一家", NOW)
    certificate, _ = issue(authority, "另一家", "某人", NOW)
    from cryptography.hazmat.primitives import serialization

    with pytest.raises(ValidationError) as refused:
        check_trust_root(certificate.public_bytes(serialization.Encoding.PEM))
    assert "is not a CA" in refused.value.text("en")


def test_revoking_writes_a_crl_naming_the_certificate(tmp_path: Path) -> None:
    init_demo_pki("示例", tmp_path, PW)
    certificate = pkcs12.load_pkcs12((tmp_path / "mediator2.p12").read_bytes(), PW).cert
    assert certificate is not None
    crl = check_crl(revoke(tmp_path, PW, (certificate.certificate,)))
    assert crl.get_revoked_certificate_by_serial_number(certificate.certificate.serial_number)
    assert check_crl((tmp_path / "ca.crl").read_bytes()) == crl
