"""Timestamps and long-term validation (issue 13, item 3), against a real loopback
platform serving its RFC 3161 authority with the demo organisation's ``tsa.p12``.

- Signing with the platform reachable: PAdES B-LT (signature timestamp, the chain and the
  CRL embedded); ``verify`` shows the timestamp, and still does with the platform gone
  and the CRL file removed from the desk (the document carries what it needs).
- Signing offline: B-B, said so; at the next sync — through 60 % lost answers — the
  form gets a document timestamp and the platform receives that B-LT form, exactly once,
  uploaded under the hash the (rewritten, never-attempted) action names.
- A form an action already tried to send is never timestamped (a retry uploads what the
  first attempt named).
- The supervisor still countersigns after the document timestamp (DocMDP allows it).
- ``pdfsig`` says the signatures are valid and trusted; its dump of the document
  timestamp, read by ``openssl ts``, shows the time and verifies against the demo CA.
"""

from __future__ import annotations

import hashlib
import json
import subprocess
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest
from sqlalchemy import select, update

from app.desk import Desk
from app.security import signing_keys
from app.security.credentials import KeyringCredentialStore
from app.services.outbox import list_outbox
from app.store import models as m
from app.sync import login, run_sync
from reports.signing.pki import init_demo_pki
from reports.signing.timestamping import PdfDocumentStamper, desk_stamper
from reports.signing.verify import verify_pdf
from tests.integration.signatures.signing_setup import (
    PASSPHRASE,
    nss_database,
    pdfsig,
    run,
)
from tests.integration.sync.conftest import (
    FAST,
    PASSWORD,
    Platform,
    open_case_ids,
    start_platform,
)
from tests.integration.sync.test_signed_delivery import _drafted


@pytest.fixture(scope="module")
def module_pki(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("pki")
    init_demo_pki("示例调解中心", folder, PASSPHRASE.encode())
    return folder


@pytest.fixture(scope="module")
def module_nss(module_pki: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    return nss_database(tmp_path_factory.mktemp("nss"), module_pki / "ca.pem")


@dataclass
class Stand:
    platform: Platform
    data: Path
    pki: Path
    home: Path
    case_id: str


def _serve(data: Path, pki: Path, *, port: int = 0):  # type: ignore[no-untyped-def]
    return start_platform(
        data, cases=6, port=port, tsa_p12=pki / "tsa.p12", tsa_passphrase=PASSPHRASE
    )


def _cli(capsys, home: Path, *args: str, stdin: str | None = None) -> tuple[int, str, str]:  # type: ignore[no-untyped-def]
    return run(capsys, home, "--lang", "en", *args, stdin=stdin)


@pytest.fixture()
def stand(tmp_path: Path, capsys, module_pki: Path) -> Iterator[Stand]:  # type: ignore[no-untyped-def]
    """A mediator's desk signed in to a platform with a TSA, a ruling drafted, the demo CA
    trusted (with its CRL) and mediator1's key imported."""
    data = tmp_path / "platform"
    platform = Platform(_serve(data, module_pki))
    home = tmp_path / "mediator"
    desk = Desk.open(home)
    try:
        login(desk, platform.url, "mediator1", PASSWORD, KeyringCredentialStore())
        run_sync(desk, platform.url, "mediator1", KeyringCredentialStore(), policy=FAST)
        case_id = open_case_ids(desk, 1)[0]
        _drafted(desk, case_id)
    finally:
        desk.close()
    code, _, err = _cli(
        capsys,
        home,
        "keys",
        "trust",
        str(module_pki / "ca.pem"),
        "--crl",
        str(module_pki / "ca.crl"),
    )
    assert code == 0, err
    code, _, err = _cli(
        capsys,
        home,
        "keys",
        "import",
        str(module_pki / "mediator1.p12"),
        "--passphrase-stdin",
        stdin=PASSPHRASE + "\n",
    )
    assert code == 0, err
    stand = Stand(platform, data, module_pki, home, case_id)
    try:
        yield stand
    finally:
        stand.platform.server.stop()


def _port(url: str) -> int:
    return int(url.rsplit(":", 1)[1])


def _desk_file(home: Path, sha256: str) -> bytes:
    from app.contract.content_store import ContentStore

    return ContentStore(home / "evidence").path_of(sha256).read_bytes()


def _trust(pki: Path) -> dict[str, tuple[bytes, ...]]:
    return {"trust_roots": ((pki / "ca.pem").read_bytes(),)}


def _der(pem: Path) -> bytes:
    from cryptography import x509
    from cryptography.hazmat.primitives import serialization

    certificate = x509.load_pem_x509_certificate(pem.read_bytes())
    return certificate.public_bytes(serialization.Encoding.DER)


def _dss(data: bytes) -> tuple[list[bytes], list[bytes]]:
    import io

    from pyhanko.pdf_utils.reader import PdfFileReader

    dss = PdfFileReader(io.BytesIO(data), strict=False).root["/DSS"]
    certs = [item.get_object().data for item in dss.get("/Certs", [])]
    crls = [item.get_object().data for item in dss.get("/CRLs", [])]
    return certs, crls


def _openssl_timestamp(data: bytes, folder: Path, ca: Path, *, dump: bool) -> str:
    """The document timestamp's token, printed and verified by ``openssl ts`` against
    the CA over the bytes it covers. With ``dump``, the token is what ``pdfsig -dump``
    wrote (poppler 22 prints no timestamps itself, and stops dumping at an empty
    signature field, so a mediator-only ruling's token is read from the file here)."""
    import io

    from pyhanko.pdf_utils.reader import PdfFileReader

    folder.mkdir()
    (stamp,) = PdfFileReader(io.BytesIO(data), strict=False).embedded_timestamp_signatures
    start, first, second, length = (int(v) for v in stamp.byte_range)
    covered = data[start : start + first] + data[second : second + length]
    if dump:
        (folder / "checked.pdf").write_bytes(data)
        subprocess.run(["pdfsig", "-dump", "checked.pdf"], cwd=folder, capture_output=True)
        tokens = sorted(folder.glob("checked.pdf.sig*"))
    else:
        (folder / "token.der").write_bytes(bytes(stamp.sig_object["/Contents"]))
        tokens = [folder / "token.der"]
    for token in tokens:
        text = subprocess.run(
            ["openssl", "ts", "-reply", "-in", str(token), "-token_in", "-text"],
            capture_output=True,
            text=True,
        ).stdout
        if "Time stamp:" not in text:
            continue
        checked = subprocess.run(
            [
                "openssl",
                "ts",
                "-verify",
                "-in",
                str(token),
                "-token_in",
                "-digest",
                hashlib.sha256(covered).hexdigest(),
                "-CAfile",
                str(ca),
            ],
            capture_output=True,
            text=True,
        )
        return text + checked.stdout + checked.stderr
    raise AssertionError("no timestamp token found")


def test_signing_with_the_platform_reachable_is_b_lt_and_verifies_offline_later(
    stand: Stand, capsys, module_nss: Path, tmp_path: Path
) -> None:
    code, out, err = _cli(capsys, stand.home, "documents", "sign", stand.case_id, "R1")
    assert code == 0, err
    assert "PAdES B-LT" in out and "Timestamped by the platform" in out
    exported = tmp_path / "R1.pdf"
    code, _, err = _cli(
        capsys, stand.home, "documents", "export", stand.case_id, "R1", "--out", str(exported)
    )
    assert code == 0, err

    code, out, err = _cli(capsys, stand.home, "verify", str(exported), "--json")
    assert code == 0, err
    (signature,) = json.loads(out)["signatures"]
    assert signature["level"] == "B-LT" and signature["timestamp_at"] is not None
    assert signature["trusted"] and signature["intact"]
    code, out, _ = _cli(capsys, stand.home, "verify", str(exported))
    assert code == 0 and ", timestamped " in out and "B-LT" in out
    said = pdfsig(exported, module_nss)
    assert "Signature is Valid." in said and "Certificate is Trusted." in said
    # The material is in the document itself: the CA's certificate and its CRL.
    certs, crls = _dss(exported.read_bytes())
    assert (stand.pki / "ca.crl").read_bytes() in crls
    assert _der(stand.pki / "ca.pem") in certs

    # Years later: no platform, and the desk has lost its copy of the CRL. The document
    # carries the chain and the CRL, so it still verifies — timestamp and all.
    stand.platform.server.stop()
    for path in (stand.home / "trust").glob("*.crl"):
        path.unlink()
    assert not signing_keys.trusted_files(stand.home, ".crl")
    code, out, err = _cli(capsys, stand.home, "verify", str(exported), "--json")
    assert code == 0, err
    verdict = json.loads(out)
    (signature,) = verdict["signatures"]
    assert verdict["ok"] and signature["trusted"] and not signature["revoked"]
    assert signature["level"] == "B-LT" and signature["timestamp_at"] is not None
    stand.platform = Platform(_serve(stand.data, stand.pki))  # for the fixture's stop


def _timestamped_events(home: Path) -> list[dict[str, object]]:
    desk = Desk.open(home)
    try:
        with desk.unit_of_work(read_only=True) as uow:
            return [
                dict(event.changes)
                for event in uow.session.execute(
                    select(m.AuditEvent).where(m.AuditEvent.action == "document.timestamped")
                ).scalars()
            ]
    finally:
        desk.close()


def _sync_until_sent(stand: Stand) -> None:
    desk = Desk.open(stand.home)
    try:
        for _ in range(6):
            run_sync(
                desk,
                stand.platform.url,
                "mediator1",
                KeyringCredentialStore(),
                policy=FAST,
                timeout=10.0,
                stamper=desk_stamper(desk),
            )
            with desk.unit_of_work(read_only=True) as uow:
                if not list_outbox(uow, states=("pending",)):
                    return
        raise AssertionError("the outbox never emptied")
    finally:
        desk.close()


def _row(home: Path) -> m.DocumentSignature:
    desk = Desk.open(home)
    try:
        with desk.unit_of_work(read_only=True) as uow:
            (row,) = uow.session.execute(select(m.DocumentSignature)).scalars()
            uow.session.expunge(row)
            return row
    finally:
        desk.close()


def test_an_offline_signature_is_timestamped_at_the_next_sync_and_delivered_once(
    stand: Stand, capsys, module_nss: Path, tmp_path: Path
) -> None:
    port = _port(stand.platform.url)
    stand.platform.server.stop()  # offline: the platform (and its TSA) cannot be reached
    code, out, err = _cli(capsys, stand.home, "documents", "sign", stand.case_id, "R1", "--json")
    assert code == 0, err
    signed = json.loads(out)
    assert signed["level"] == "B-B"
    code, out, _ = _cli(capsys, stand.home, "documents", "submit", stand.case_id, "R1", "--json")
    assert code == 0 and json.loads(out)["sha256"] == signed["sha256"]

    stand.platform = Platform(_serve(stand.data, stand.pki, port=port))
    stand.platform.faults("lost_response=0.6")
    _sync_until_sent(stand)
    lost = stand.platform.server.faults.injected.get("lost_response", 0)
    stand.platform.faults("off")
    assert lost > 0

    row = _row(stand.home)
    assert row.level == "B-LT" and row.sha256 != signed["sha256"]
    (event,) = _timestamped_events(stand.home)
    assert event["from"] == signed["sha256"] and event["sha256"] == row.sha256
    timestamped = _desk_file(stand.home, row.sha256)
    assert timestamped.startswith(_desk_file(stand.home, signed["sha256"]))  # incremental

    documents = stand.platform.case(stand.case_id).get("documents") or []
    assert [(d["sha256"], d["status"]) for d in documents] == [(row.sha256, "submitted")]
    served = httpx.get(
        f"{stand.platform.url}/api/v1/documents/{row.sha256}",
        headers={"Authorization": f"Bearer {stand.platform.token()}"},
    )
    assert served.status_code == 200 and served.content == timestamped
    verdict = verify_pdf(served.content, **_trust(stand.pki))
    (signature,) = verdict.signatures
    assert verdict.ok and signature.trusted and signature.level == "B-LT"
    assert signature.timestamp_at is not None and signature.modification_level == "LTA_UPDATES"

    pdf = tmp_path / "served.pdf"
    pdf.write_bytes(served.content)
    said = pdfsig(pdf, module_nss)
    assert said.count("Signature is Valid.") == 1 and "Certificate is Trusted." in said
    stamp = _openssl_timestamp(served.content, tmp_path / "token", stand.pki / "ca.pem", dump=False)
    assert "Time stamp: " in stamp and "Verification: OK" in stamp
    when = signature.timestamp_at.strftime("%H:%M:%S %Y")
    assert when in stamp  # pdfsig's dump, read by openssl, says the time verify says

    _sync_until_sent(stand)  # again: nothing timestamped, uploaded or submitted twice
    assert len(_timestamped_events(stand.home)) == 1
    assert len(stand.platform.case(stand.case_id).get("documents") or []) == 1


def test_a_form_an_action_already_tried_to_send_is_never_timestamped(stand: Stand, capsys) -> None:
    port = _port(stand.platform.url)
    stand.platform.server.stop()
    code, out, err = _cli(capsys, stand.home, "documents", "sign", stand.case_id, "R1", "--json")
    assert code == 0, err
    signed = json.loads(out)["sha256"]
    assert _cli(capsys, stand.home, "documents", "submit", stand.case_id, "R1")[0] == 0
    desk = Desk.open(stand.home)
    try:  # as after a sync whose request left and whose answer never came back
        with desk.unit_of_work() as uow:
            uow.session.execute(update(m.OutboxEntry).values(attempts=1))
            uow.commit()
    finally:
        desk.close()
    stand.platform = Platform(_serve(stand.data, stand.pki, port=port))
    _sync_until_sent(stand)
    assert _row(stand.home).level == "B-B" and _row(stand.home).sha256 == signed
    assert _timestamped_events(stand.home) == []
    documents = stand.platform.case(stand.case_id).get("documents") or []
    assert [d["sha256"] for d in documents] == [signed]


def test_the_supervisor_countersigns_after_the_document_timestamp(
    module_pki: Path, module_nss: Path, tmp_path: Path
) -> None:
    from platform_server.timestamps import TimestampAuthority
    from reports import render_record
    from reports.signing.sign import PdfSigningKey
    from tests.integration.signatures.test_tampering import _sign
    from tests.unit.reports.rendered import record_of

    trust = {**_trust(module_pki), "crls": ((module_pki / "ca.crl").read_bytes(),)}
    tsa = TimestampAuthority.from_file(module_pki / "tsa.p12", PASSPHRASE).answer
    rendered = render_record(record_of("ruling"))
    mediator = PdfSigningKey(
        (module_pki / "mediator1.p12").read_bytes(), PASSPHRASE.encode(), **trust
    )
    offline = _sign(mediator, rendered.data, "mediator", rendered)
    stamped = PdfDocumentStamper(**trust).stamp(offline, tsa)
    assert stamped.level == "B-LT" and stamped.data.startswith(offline)
    supervisor = PdfSigningKey(
        (module_pki / "supervisor1.p12").read_bytes(), PASSPHRASE.encode(), timestamps=tsa, **trust
    )
    countersigned = _sign(supervisor, stamped.data, "supervisor", rendered)

    verdict = verify_pdf(countersigned, **trust, final=True)
    assert verdict.ok and verdict.approved, verdict.problem
    mediator_check, supervisor_check = verdict.signatures
    assert mediator_check.modification_level == "FORM_FILLING"
    assert mediator_check.timestamp_at == stamped.timestamp_at
    assert supervisor_check.level == "B-LT" and supervisor_check.timestamp_at is not None
    pdf = tmp_path / "countersigned.pdf"
    pdf.write_bytes(countersigned)
    said = pdfsig(pdf, module_nss)
    assert said.count("Signature is Valid.") == 2 and said.count("Certificate is Trusted.") == 2
    stamp = _openssl_timestamp(countersigned, tmp_path / "dump", module_pki / "ca.pem", dump=True)
    assert "Verification: OK" in stamp
    assert stamped.timestamp_at.strftime("%H:%M:%S %Y") in stamp

    # A byte changed inside the timestamp token is named, though no signature covers it.
    stamp_start = stamped.data.rindex(b"/Contents <") + len(b"/Contents <")
    broken = bytearray(stamped.data)
    broken[stamp_start + 200] = ord("0") if broken[stamp_start + 200] != ord("0") else ord("1")
    verdict = verify_pdf(bytes(broken), **trust)
    assert verdict.problem is not None
    assert verdict.problem.text("en") == (
        "The document's timestamp has been altered or is not from a trusted authority."
    )
    assert verdict.signatures[0].intact and verdict.signatures[0].timestamp_at is None


def _sync_home(home: Path, platform: Platform, user: str) -> None:
    desk = Desk.open(home)
    try:
        for _ in range(6):
            run_sync(
                desk,
                platform.url,
                user,
                KeyringCredentialStore(),
                policy=FAST,
                timeout=10.0,
                stamper=desk_stamper(desk),
            )
            with desk.unit_of_work(read_only=True) as uow:
                if not list_outbox(uow, states=("pending",)):
                    return
        raise AssertionError("the outbox never emptied")
    finally:
        desk.close()


def test_two_desks_an_offline_ruling_timestamped_at_sync_then_countersigned_with_a_timestamp(
    tmp_path: Path, capsys, module_pki: Path, module_nss: Path
) -> None:
    """The issue's whole path with timestamps: the mediator signs offline (B-B), the
    sync timestamps it before the upload, the supervisor's desk countersigns the
    platform's timestamped copy with a timestamp of its own, and the approved ruling on
    the platform verifies — both signatures timestamped — by ``verify`` and ``pdfsig``."""
    from tests.integration.signatures.test_countersign_received import _desk_for, _keys

    data = tmp_path / "platform"
    servers = [Platform(_serve(data, module_pki))]
    try:
        mediator, supervisor = tmp_path / "mediator", tmp_path / "supervisor"
        _desk_for(mediator, servers[-1], "mediator1")
        _sync_home(mediator, servers[-1], "mediator1")
        desk = Desk.open(mediator)
        try:
            case_id = open_case_ids(desk, 1)[0]
            _drafted(desk, case_id)
        finally:
            desk.close()
        _keys(capsys, mediator, module_pki, "mediator1")
        port = _port(servers[-1].url)
        servers[-1].server.stop()
        code, out, err = _cli(capsys, mediator, "documents", "sign", case_id, "R1", "--json")
        assert code == 0 and json.loads(out)["level"] == "B-B", err
        offline = json.loads(out)["sha256"]
        assert _cli(capsys, mediator, "documents", "submit", case_id, "R1")[0] == 0

        servers.append(Platform(_serve(data, module_pki, port=port)))
        platform = servers[-1]
        _sync_home(mediator, platform, "mediator1")
        timestamped = _row(mediator).sha256
        (listed,) = platform.case(case_id).get("documents") or []
        assert listed["sha256"] == timestamped != offline and listed["status"] == "submitted"

        _desk_for(supervisor, platform, "supervisor1")
        _sync_home(supervisor, platform, "supervisor1")
        _keys(capsys, supervisor, module_pki, "supervisor1")
        code, out, err = _cli(
            capsys, supervisor, "review", "approve", case_id, listed["id"], "--json"
        )
        assert code == 0, err
        countersigned = json.loads(out)["sha256"]
        row = _row(supervisor)
        assert (row.role, row.level, row.signed_from) == ("supervisor", "B-LT", timestamped)
        _sync_home(supervisor, platform, "supervisor1")

        documents = platform.case(case_id).get("documents") or []
        assert [(d["sha256"], d["status"]) for d in documents] == [
            (timestamped, "superseded"),
            (countersigned, "approved"),
        ]
        served = httpx.get(
            f"{platform.url}/api/v1/documents/{countersigned}",
            headers={"Authorization": f"Bearer {platform.token()}"},
        )
        copy = tmp_path / "approved.pdf"
        copy.write_bytes(served.content)
        code, out, err = _cli(capsys, mediator, "verify", str(copy), "--final", "--json")
        assert code == 0, err
        verdict = json.loads(out)
        assert verdict["state"] == "approved"
        first, second = verdict["signatures"]
        assert first["role"] == "mediator" and first["timestamp_at"] is not None
        assert first["level"] == "B-LT" and first["modification_level"] == "FORM_FILLING"
        assert second["role"] == "supervisor" and second["level"] == "B-LT"
        assert second["timestamp_at"] is not None
        said = pdfsig(copy, module_nss)
        assert said.count("Signature is Valid.") == 2
        assert said.count("Certificate is Trusted.") == 2
    finally:
        servers[-1].server.stop()


def test_a_refusing_or_broken_authority_gives_a_b_b_signature_and_no_document_timestamp(
    module_pki: Path,
) -> None:
    from app.errors import TimestampUnavailable
    from platform_server.timestamps import TimestampAuthority
    from reports import render_record
    from reports.signing.sign import PdfSigningKey
    from tests.integration.signatures.test_tampering import _sign
    from tests.unit.reports.rendered import record_of

    trust = {**_trust(module_pki), "crls": ((module_pki / "ca.crl").read_bytes(),)}
    rejection = TimestampAuthority.from_file(module_pki / "tsa.p12", PASSPHRASE).answer(b"x")
    rendered = render_record(record_of("ruling"))
    p12 = (module_pki / "mediator1.p12").read_bytes()
    for reply in (rejection, b"not a timestamp reply"):
        key = PdfSigningKey(p12, PASSPHRASE.encode(), timestamps=lambda _q, r=reply: r, **trust)
        box = next(b for b in rendered.signature_boxes if b.role == "mediator")
        signed = _sign(key, rendered.data, "mediator", rendered)
        verdict = verify_pdf(signed, **trust)
        (signature,) = verdict.signatures
        assert verdict.ok and signature.level == "B-B" and signature.timestamp_at is None
        assert signature.field_name == box.field_name
        with pytest.raises(TimestampUnavailable, match="the platform gave no timestamp"):
            PdfDocumentStamper(**trust).stamp(signed, lambda _q, r=reply: r)
