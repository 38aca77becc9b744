"""A mediator signs a ruling, the supervisor countersigns it, and `verify` and poppler's
`pdfsig` say it is intact and trusted — through the commands, on a real store, with the
demo organisation's keys (`pki init`, `keys import`, `keys trust`)."""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
import sys
from pathlib import Path

from sqlalchemy import select

from app.desk import Desk
from app.store import models as m
from tests.integration.signatures.signing_setup import (
    CASE,
    PASSPHRASE,
    pdfsig,
    run,
)


def test_sign_countersign_export_and_verify_through_the_commands(
    signing_home, capsys, tmp_path
) -> None:
    home = signing_home.home
    code, out, err = run(
        capsys, home, "documents", "sign", CASE, "R1", "--key", "mediator1", "--json"
    )
    assert code == 0, err
    signed = json.loads(out)
    assert signed["role"] == "mediator" and signed["signer"] == "mediator1"
    assert signed["level"] == "B-B" and signed["audit_head"]["seq"] > 0

    code, out, err = run(
        capsys, home, "documents", "countersign", CASE, "R1", "--key", "supervisor1", "--json"
    )
    assert code == 0, err
    countersigned = json.loads(out)
    assert countersigned["signed_from"] == signed["sha256"]

    exported = tmp_path / "R1.pdf"
    code, out, err = run(capsys, home, "documents", "export", CASE, "R1", "--out", str(exported))
    assert code == 0, err
    data = exported.read_bytes()
    assert hashlib.sha256(data).hexdigest() == countersigned["sha256"]
    first = signing_home.desk_file(signed["sha256"])
    assert data.startswith(first)  # the countersignature is an incremental update

    code, out, err = run(capsys, home, "verify", str(exported), "--json", "--final")
    assert code == 0, err
    verdict = json.loads(out)
    assert verdict["ok"] and verdict["approved"] and verdict["state"] == "approved"
    assert [s["role"] for s in verdict["signatures"]] == ["mediator", "supervisor"]
    for signature in verdict["signatures"]:
        assert signature["intact"] and signature["valid"] and signature["trusted"]
    assert verdict["signatures"][0]["modification_level"] == "FORM_FILLING"
    assert verdict["manifest_matches_store"] is True
    assert verdict["case_id"] == CASE and verdict["document_id"] == "R1"

    said = pdfsig(exported, signing_home.nss)
    assert said.count("Signature is Valid.") == 2
    assert said.count("Certificate is Trusted.") == 2
    assert "王敏（调解员）" in said and "陈静（复核主管）" in said

    code, out, _ = run(capsys, home, "--lang", "zh-Hans", "verify", str(exported))
    assert code == 0 and "调解员已签署，复核主管已会签" in out
    # Who signed, once: the demo names already say the role.
    assert "签名 1：王敏（调解员），签署于" in out and "（调解员）（调解员）" not in out


def test_mediator_only_is_not_yet_approved_which_is_not_an_error_unless_final(
    signing_home, capsys, tmp_path
) -> None:
    home = signing_home.home
    assert run(capsys, home, "documents", "sign", CASE, "R1", "--key", "mediator1")[0] == 0
    exported = tmp_path / "R1.pdf"
    assert run(capsys, home, "documents", "export", CASE, "R1", "--out", str(exported))[0] == 0
    code, out, _ = run(capsys, home, "verify", str(exported), "--json")
    verdict = json.loads(out)
    assert code == 0 and verdict["ok"] and not verdict["approved"]
    assert verdict["state"] == "not_yet_approved"
    code, out, err = run(capsys, home, "--lang", "en", "verify", str(exported))
    assert code == 0 and "not yet approved" in out
    code, _, err = run(capsys, home, "--lang", "en", "verify", str(exported), "--final")
    assert code == 6 and "Presented as final, but the supervisor has not countersigned" in err


def test_the_mediator_cannot_countersign_and_a_retry_never_signs_twice(
    signing_home, capsys
) -> None:
    home = signing_home.home
    assert run(capsys, home, "documents", "sign", CASE, "R1", "--key", "mediator1")[0] == 0
    code, _, err = run(
        capsys, home, "--lang", "en", "documents", "sign", CASE, "R1", "--key", "mediator1"
    )
    assert code == 4 and "already signed by the mediator" in err
    code, _, err = run(
        capsys, home, "--lang", "en", "documents", "countersign", CASE, "R1", "--key", "mediator1"
    )
    assert code == 5 and "only a supervisor countersigns" in err
    with _open(home) as desk, desk.unit_of_work(read_only=True) as uow:
        rows = uow.session.execute(select(m.DocumentSignature)).scalars().all()
        assert [(r.sequence, r.signer_username) for r in rows] == [(1, "mediator1")]


def test_a_supervisor_who_drafted_the_document_may_not_countersign_it(
    signing_home, capsys, monkeypatch
) -> None:
    home = signing_home.home
    assert run(capsys, home, "documents", "sign", CASE, "R1", "--key", "mediator1")[0] == 0
    with _open(home) as desk, desk.unit_of_work() as uow:
        uow.session.execute(
            m.DecisionDocument.__table__.update().values(created_by="user:supervisor1")
        )
        uow.commit()
    code, _, err = run(
        capsys, home, "--lang", "en", "documents", "countersign", CASE, "R1", "--key", "supervisor1"
    )
    assert code == 5 and "four eyes" in err


def test_audit_verify_checks_the_heads_signed_documents_carry(signing_home, capsys) -> None:
    home = signing_home.home
    assert run(capsys, home, "documents", "sign", CASE, "R1", "--key", "mediator1")[0] == 0
    code, out, err = run(capsys, home, "audit", "verify", "--json")
    assert code == 0, err
    assert json.loads(out)["anchors_checked"] >= 1
    # Someone who can write the database deletes the newest events and rewinds the head:
    # the head the signed ruling carries is no longer on the chain.
    with _open(home) as desk, desk.unit_of_work() as uow:
        head = uow.session.get(m.AuditHead, 1)
        last = head.last_seq
        signed_at = uow.session.execute(select(m.DocumentSignature.audit_seq)).scalar_one()
        for seq in range(signed_at, last + 1):
            uow.session.execute(m.AuditEvent.__table__.delete().where(m.AuditEvent.seq == seq))
        previous = uow.session.get(m.AuditEvent, signed_at - 1)
        head.last_seq, head.last_hash = previous.seq, previous.hash
        uow.commit()
    # Forget the keyring's anchor, so only the document's remains to catch it.
    signing_home.forget_keyring_anchor()
    code, out, err = run(capsys, home, "--lang", "en", "audit", "verify")
    assert code == 6
    assert "in a signed document" in err


def test_keys_never_reach_the_database_logs_or_bundles(signing_home, capsys, tmp_path) -> None:
    home = signing_home.home
    assert run(capsys, home, "documents", "sign", CASE, "R1", "--key", "mediator1")[0] == 0
    assert run(capsys, home, "documents", "countersign", CASE, "R1", "--key", "supervisor1")[0] == 0
    bundle = tmp_path / "case.zip"
    assert run(capsys, home, "cases", "export", CASE, "--out", str(bundle))[0] == 0
    secrets = signing_home.secrets()
    assert secrets  # the private keys' bytes, and the passphrase
    places = [p for p in home.rglob("*") if p.is_file() and "signing-keys" not in p.parts]
    places += [bundle]
    assert any(p.name == "desk.sqlite3" for p in places)
    for path in places:
        content = path.read_bytes()
        for secret in secrets:
            assert secret not in content, f"{path} holds a secret"
    for path in (home / "signing-keys").iterdir():
        assert path.stat().st_mode & 0o077 == 0


def _open(home: Path) -> _Opened:
    return _Opened(home)


class _Opened:
    def __init__(self, home: Path) -> None:
        self.desk = Desk.open(home)

    def __enter__(self) -> Desk:
        return self.desk

    def __exit__(self, *exc: object) -> None:
        self.desk.database.dispose()


def test_verify_names_a_drawing_added_after_signing_in_each_language(
    signing_home, capsys, tmp_path
) -> None:
    from tests.integration.signatures.test_tampering import add_drawing

    home = signing_home.home
    assert run(capsys, home, "documents", "sign", CASE, "R1", "--key", "mediator1")[0] == 0
    assert run(capsys, home, "documents", "countersign", CASE, "R1", "--key", "supervisor1")[0] == 0
    exported = tmp_path / "R1.pdf"
    assert run(capsys, home, "documents", "export", CASE, "R1", "--out", str(exported))[0] == 0
    tampered = tmp_path / "tampered.pdf"
    tampered.write_bytes(add_drawing(exported.read_bytes(), 1))
    said = {
        "en": "Changed after the mediator signed: a drawing was added to page 2.",
        "zh-Hans": "调解员签署后被改动：第 2 页被添加了图形。",
        "zh-Hant": "調解員簽署後被變更：第 2 頁被加入了圖形。",
    }
    for language, sentence in said.items():
        code, _, err = run(capsys, home, "--lang", language, "verify", str(tampered))
        assert code == 6 and sentence in err
    code, out, _ = run(capsys, home, "verify", str(tampered), "--json")
    verdict = json.loads(out)
    assert code == 6 and not verdict["ok"] and verdict["state"] == "problem"
    assert verdict["signatures"][0]["modification_level"] in ("OTHER", "ANNOTATIONS")


def test_keys_import_refuses_a_wrong_passphrase_and_keeps_it_only_in_the_keyring(
    signing_home, capsys, keyring_of_this_test
) -> None:
    home = signing_home.home
    p12 = signing_home.pki / "mediator2.p12"
    code, _, err = run(
        capsys, home, "--lang", "en", "keys", "import", str(p12), "--passphrase-stdin",
        stdin="wrong\n",
    )  # fmt: skip
    assert code == 2 and "Wrong passphrase" in err
    assert not (home / "signing-keys" / "mediator2.p12").exists()  # nothing partial
    assert keyring_of_this_test.secrets[("mediation-desk", "signing-key:mediator1")] == PASSPHRASE


def test_a_key_whose_passphrase_is_asked_each_time_signs_only_when_given_it(
    signing_home, capsys, keyring_of_this_test
) -> None:
    home = signing_home.home
    p12 = signing_home.pki / "mediator1.p12"
    code, out, err = run(
        capsys, home, "--lang", "en", "keys", "import", str(p12), "--passphrase-stdin",
        "--ask-each-time", stdin=PASSPHRASE + "\n",
    )  # fmt: skip
    assert code == 0 and "asked for at each signature" in out
    assert ("mediation-desk", "signing-key:mediator1") not in keyring_of_this_test.secrets
    code, _, err = run(
        capsys, home, "--lang", "en", "documents", "sign", CASE, "R1", "--key", "mediator1"
    )
    assert code == 2 and "--passphrase-stdin" in err
    code, _, err = run(
        capsys, home, "documents", "sign", CASE, "R1", "--key", "mediator1", "--passphrase-stdin",
        stdin=PASSPHRASE + "\n",
    )  # fmt: skip
    assert code == 0, err


def test_the_commands_say_one_line_not_the_librarys_tracebacks(
    signing_home, capsys, tmp_path
) -> None:
    """pyHanko logs each failed check with a traceback ("Failed to build path for …"); a
    user sees only the desk's own line. In a child process: pytest's log capture would
    hide the terminal's last-resort handler here."""
    home = signing_home.home
    assert run(capsys, home, "documents", "sign", CASE, "R1", "--key", "mediator1")[0] == 0
    exported = tmp_path / "R1.pdf"
    assert run(capsys, home, "documents", "export", CASE, "R1", "--out", str(exported))[0] == 0

    from reports.signing.pki import init_demo_pki

    init_demo_pki("另一家机构", tmp_path / "other", b"other")
    stranger = tmp_path / "stranger"
    code, _, err = run(capsys, stranger, "keys", "trust", str(tmp_path / "other" / "ca.pem"))
    assert code == 0, err
    command = [sys.executable, "-m", "app.cli.main", "--home", str(stranger), "--lang", "en"]
    done = subprocess.run(
        [*command, "verify", str(exported)],
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONPATH": str(Path(__file__).parents[3])},
    )
    assert done.returncode == 6
    assert done.stderr.strip().splitlines() == [
        "The signature of 王敏（调解员） (mediator) is not from a trusted organisation: "
        "its certificate is outside the trust roots."
    ]
